"""Canonical provision ids (see eval CONTRACT.md) and their structured form.

An id names one provision of one law, numbers in ASCII, branch numbers joined with ``_``:

- ``Art19``, ``Art19-Item8``, ``Art9-Para2``, ``Art59_2-Item1-SubItemロ``,
  ``Art22_4-Para1-Item2-SubItemニ``
- ``AppdxTable`` (別表), ``AppdxTable1`` (別表第一), ``AppdxTable2-Row85_2`` (別表第二の八十五の二の項)
- ``Art2-Table-Row117`` (第2条の表の第117項)

`Provision` is the structured form the parser builds and the renderer writes back; `parse_id`
and `Provision.id` are inverse to each other (tested).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

Num = tuple[int, ...]  # (22, 4) is 第22条の4; (85, 2) is 85の2


def num_id(n: Num) -> str:
    return "_".join(str(x) for x in n)


@dataclass(frozen=True)
class Provision:
    article: Num | None = None
    paragraph: int | None = None
    item: Num | None = None
    subitem: str | None = None
    # appended table: "" is 別表, "1" is 別表第一, "2" is 別表第二; None = not a table citation
    appendix: str | None = None
    # a table inside an article (第2条の表): True with `article` set
    article_table: bool = False
    row: Num | None = None

    @cached_property
    def id(self) -> str:  # cached: ids are compared and hashed a lot while checking
        if self.appendix is not None:
            s = f"AppdxTable{self.appendix}"
            return s + (f"-Row{num_id(self.row)}" if self.row else "")
        if self.article is None:
            raise ValueError("provision without article or table")
        parts = [f"Art{num_id(self.article)}"]
        if self.article_table:
            parts.append("Table")
            if self.row:
                parts.append(f"Row{num_id(self.row)}")
            return "-".join(parts)
        if self.paragraph is not None:
            parts.append(f"Para{self.paragraph}")
        if self.item:
            parts.append(f"Item{num_id(self.item)}")
        if self.subitem:
            parts.append(f"SubItem{self.subitem}")
        return "-".join(parts)

    @property
    def is_table(self) -> bool:
        return self.appendix is not None or self.article_table

    def parent(self) -> Provision | None:
        """The next coarser provision (Art19-Item8 -> Art19, AppdxTable2-Row3 -> AppdxTable2)."""
        if self.subitem:
            return replace(self, subitem=None)
        if self.item:
            return replace(self, item=None)
        if self.paragraph is not None:
            return replace(self, paragraph=None)
        if self.row:
            return replace(self, row=None)
        if self.article_table:
            return replace(self, article_table=False)
        return None

    def __str__(self) -> str:
        return self.id


_NUM = r"\d+(?:_\d+)*"
_ID_RE = re.compile(
    rf"^(?:AppdxTable(?P<appx>\d*)(?:-Row(?P<arow>{_NUM}))?"
    rf"|Art(?P<art>{_NUM})(?:-Table(?:-Row(?P<trow>{_NUM}))?(?P<tab>)"
    rf"|(?:-Para(?P<para>\d+))?(?:-Item(?P<item>{_NUM}))?(?:-SubItem(?P<sub>\w))?))$"
)


def _num(s: str | None) -> Num | None:
    return tuple(int(x) for x in s.split("_")) if s else None


def parse_id(pid: str) -> Provision:
    """Inverse of `Provision.id`; raises ValueError on anything else."""
    m = _ID_RE.match(pid or "")
    if not m:
        raise ValueError(f"not a canonical provision id: {pid!r}")
    if m.group("appx") is not None:
        return Provision(appendix=m.group("appx"), row=_num(m.group("arow")))
    art = _num(m.group("art"))
    if m.group("tab") is not None:
        return Provision(article=art, article_table=True, row=_num(m.group("trow")))
    para = m.group("para")
    return Provision(article=art, paragraph=int(para) if para else None,
                     item=_num(m.group("item")), subitem=m.group("sub"))
