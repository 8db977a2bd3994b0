"""The law registry (rules/laws.yaml): names → law ids, and a fast regex for every known name.

Names are matched on normalised text (citations/normalize.py), so titles and aliases are
normalised the same way here (`別表第二省令` is matched as `別表第2省令`). Besides the titles and
customary aliases in the YAML, every title that begins with another law's title is also known
with that law's aliases in front: 「番号法第19条第8号に基づく…命令」 and
「番号利用法別表の主務省令で定める事務を定める命令」 are the 提供命令 and the 別表(第一)主務省令,
never 番号法 plus noise. Long titles may carry stray spaces (`利用 特定個人情報`) between any two
characters, as PDF extraction leaves them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from .normalize import normalize
from .dates import parse_date

# titles at least this long may contain stray spaces between characters
_SPACED_MIN = 12


@dataclass
class Law:
    id: str
    title: str
    kind: str = "act"
    number: str = ""
    aliases: list[str] = field(default_factory=list)
    titles: list[dict] = field(default_factory=list)
    informal_titles: list[str] = field(default_factory=list)
    tables: list[str] | None = None  # None: not described (a law's own 別表 is then its own)
    orphan_tables: bool = False
    compact_lists: bool = False
    in_force: object = None
    repealed: object = None

    @property
    def is_act(self) -> bool:
        return self.kind == "act"


def norm(s: str) -> str:
    return normalize(s, tsv=False).text


def _trie_regex(words: list[str], spaced: bool) -> str:
    """A regex matching any of `words`, longest first, compiled as a character trie so the
    engine never tries hundreds of alternatives at one position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    gap = "[ ]?" if spaced else ""

    def build(node: dict) -> str:
        ends = "" in node
        alts = []
        for ch in sorted((k for k in node if k), key=lambda c: -_depth(node[c])):
            sub = build(node[ch])
            alts.append(regex.escape(ch) + (gap + sub if sub else ""))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


def _depth(node: dict) -> int:
    return max((1 + _depth(v) for k, v in node.items() if k), default=0)


def names_regex(names) -> str:
    """One regex for a set of names; longest match wins (a single trie per spacing mode, the
    long names first, so 「番号利用法別表の主務省令…命令」 is never cut to 「番号利用法」)."""
    long_names = [n for n in names if len(n) >= _SPACED_MIN]
    short_names = [n for n in names if len(n) < _SPACED_MIN]
    return "(?:" + "|".join(
        p for p in (_trie_regex(long_names, True), _trie_regex(short_names, False)) if p) + ")"


class Registry:
    def __init__(self, laws: list[Law]):
        self.laws = {law.id.upper(): law for law in laws}
        self.by_name: dict[str, str] = {}
        self.by_number = {norm(law.number): law.id for law in laws if law.number}
        for law in laws:
            for t in [law.title] + [t["title"] for t in law.titles]:
                self.by_name.setdefault(norm(t), law.id)
        for law in laws:
            for a in law.aliases:
                self.by_name.setdefault(norm(a), law.id)
        # titles that begin with another law's title, written with that law's short names
        for law in laws:
            for t in law.informal_titles:
                self.by_name.setdefault(norm(t), law.id)
        titles = {norm(t): law.id for law in laws
                  for t in [law.title] + [x["title"] for x in law.titles] + law.informal_titles}
        for t, lid in list(titles.items()):
            for parent_title, pid in titles.items():
                if pid != lid and t.startswith(parent_title) and len(t) > len(parent_title):
                    rest = t[len(parent_title):]
                    for a in self.laws[pid.upper()].aliases:
                        self.by_name.setdefault(norm(a) + rest, lid)
                        # 番号法別表第二主務省令: a child's short name that names the parent's table
                        for ca in self.laws[lid.upper()].aliases:
                            if ca.startswith("別表"):
                                self.by_name.setdefault(norm(a) + norm(ca), lid)
        self.name_pattern = names_regex(self.by_name)

    def get(self, law_id: str | None) -> Law | None:
        return self.laws.get(law_id.upper()) if law_id else None

    def lookup(self, name: str) -> str | None:
        """Law id of a (normalised) name as written, tolerating stray spaces."""
        return self.by_name.get(name) or self.by_name.get(name.replace(" ", ""))


    def lookup_number(self, number: str) -> str | None:
        """Law id of a (normalised) law number, with or without its promulgation day
        (平成25年5月31日法律第27号)."""
        return self.by_number.get(regex.sub(r"(年)\d+月\d+日", r"\1", number.replace(" ", "")))

    def orphan_table_law(self) -> str | None:
        for law in self.laws.values():
            if law.orphan_tables:
                return law.id
        return None


def load_laws(path: Path) -> list[Law]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    known = set(Law.__dataclass_fields__)
    for d in data.get("laws", []):
        d = {k: v for k, v in d.items() if k in known}
        d["id"] = str(d["id"])
        for k in ("in_force", "repealed"):
            if d.get(k) is not None:
                d[k] = parse_date(d[k])
        out.append(Law(**d))
    return out


@lru_cache(maxsize=4)
def load_registry(path: str | None = None) -> Registry:
    from .resources import rules_dir

    p = Path(path) if path else rules_dir() / "laws.yaml"
    return Registry(load_laws(p))
