"""Write provisions back the way the document writes them.

A fix is a token-level substitution wherever the shape of the citation allows it: in
`別表第一の１６の項` → `別表の２４の項` only the table token and the number token change; the
`の`, `の項`, captions, spaces and line breaks between tokens are kept byte for byte. Numbers are
written in the digit style of the token they replace (ASCII, full-width or kanji), branch numbers
with the document's own joiner (`の` or `－`).

Law names are written as the document names laws: an abbreviation it defines, else the short name
it uses most, else the official title; a law the document has never named (the 提供命令 after a
migration from 別表第二) is introduced once with its title, written through the document's name
for the parent law (番号法第19条第8号に基づく…命令), and an abbreviation definition.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .laws import Registry
from .model import Citation
from .numerals import KANJI_CHARS, digit_style, kanji_to_int, render_number
from .provision import Num, Provision

import regex


def render_num(n: Num, style: str, joiner: str = "の") -> str:
    return joiner.join(render_number(x, style) for x in n)


def restyle_digits(text: str, style: str) -> str:
    """Rewrite every number in `text` (written in any style) in `style`."""
    def conv(m):
        s = m.group()
        if s[0] in KANJI_CHARS:
            return render_number(kanji_to_int(s), style)
        return render_number(int(s.translate(_TO_ASCII)), style)
    return regex.sub(rf"[0-9０-９]+|[{KANJI_CHARS}]+", conv, text)


_TO_ASCII = str.maketrans("０１２３４５６７８９", "0123456789")


def _style(text: str, default: str) -> str:
    return digit_style(text) or default


def _joiner(text: str) -> str:
    return "－" if "－" in text else "-" if "-" in text else "の"


def table_head(p: Provision, style: str, had_dai: bool = True) -> str:
    """別表 / 別表第二 / 第2条の表 for a provision's table, in `style`."""
    if p.article_table:
        return f"第{render_num(p.article, style)}条の表"
    if not p.appendix:
        return "別表"
    n = int(p.appendix)
    num = render_number(n, "kanji" if style == "kanji" else style)
    return f"別表{'第' if had_dai else ''}{num}"


def render_provision(p: Provision, style: str, row_form: str = "の{}の項", table_style: str | None = None,
                     art_row_form: str | None = "の第{}項") -> str:
    """A provision written from scratch (no source tokens to follow). `table_style` writes the
    number of 別表第N apart from the other numbers (notes use 別表第二 with ASCII rows)."""
    if p.appendix is not None or p.article_table:
        head = table_head(p, table_style if (table_style and not p.article_table) else style)
        form = art_row_form if (p.article_table and art_row_form) else row_form
        return head + (form.format(render_num(p.row, style)) if p.row else "")
    out = f"第{render_num(p.article[:1], style)}条" + "".join(f"の{render_number(x, style)}" for x in p.article[1:])
    if p.paragraph is not None:
        out += f"第{render_number(p.paragraph, style)}項"
    if p.item:
        out += f"第{render_number(p.item[0], style)}号" + "".join(f"の{render_number(x, style)}" for x in p.item[1:])
    if p.subitem:
        out += p.subitem
    return out


def substitute(cit: Citation, new: Provision, text: str, default_style: str,
               convert_head: bool = False) -> str | None:
    """The citation's own span rewritten for `new` by replacing only number-bearing tokens.
    Returns None when `new` has a shape the written tokens cannot express (a component to add or
    drop), so the caller writes the provision from scratch."""
    old = cit.provision
    s0, e0 = cit.prov_span
    toks = [(t, s, e) for t, (s, e) in cit.extra.get("tokens", []) if s0 <= s and e <= e0]
    out, pos = [], s0
    used = set()
    for t, s, e in toks:
        src = text[s:e]
        st = _style(src, default_style)
        rep = _token(t, src, st, old, new, convert_head)
        if rep is None:
            return None
        if rep is not False:
            used.add(_component(t))
        out.append(text[pos:s])
        out.append(src if rep is False else rep)
        pos = e
    out.append(text[pos:e0])
    if _components(new) - used:
        return None  # e.g. a paragraph the written citation has no token for
    return "".join(out)


def _component(t: str) -> str:
    return {"ARTICLE": "article", "C_ARTICLE": "article", "C_ARTICLE_TYPO": "article",
            "PARAGRAPH": "paragraph", "PARA_NODAI": "paragraph", "C_PARAGRAPH": "paragraph",
            "ITEM": "item", "ITEM_NODAI": "item", "C_ITEM": "item", "C_ITEM_TYPO": "item", "SUBITEM": "subitem",
            "APPENDIX": "table", "ROWNUM": "row", "ROW_DAI": "row"}.get(t, "")


def _components(p: Provision) -> set[str]:
    out = set()
    if p.article and not p.article_table:
        out.add("article")
    if p.paragraph is not None:
        out.add("paragraph")
    if p.item:
        out.add("item")
    if p.subitem:
        out.add("subitem")
    if p.row:
        out.add("row")
    return out


def _token(t: str, src: str, st: str, old: Provision, new: Provision, convert_head: bool):
    """Replacement text for one token, False to keep it, None when impossible."""
    if t == "ARTICLE":
        if new.article is None or new.article_table:
            return None
        return f"第{render_number(new.article[0], st)}条" + "".join(f"の{render_number(x, st)}" for x in new.article[1:])
    if t in ("C_ARTICLE", "C_ARTICLE_TYPO"):
        if new.article is None:
            return None
        return f"{render_number(new.article[0], st)}条" + "".join(f"の{render_number(x, st)}" for x in new.article[1:])
    if t == "PARAGRAPH":
        return None if new.paragraph is None else f"第{render_number(new.paragraph, st)}項"
    if t == "PARA_NODAI":
        return None if new.paragraph is None else f"{render_number(new.paragraph, st)}項"
    if t == "ITEM_NODAI":
        return None if not new.item else f"{render_num(new.item, st)}号"
    if t == "C_PARAGRAPH":
        return None if new.paragraph is None else f"{render_number(new.paragraph, st)}項"
    if t == "ITEM":
        if not new.item:
            return None
        return f"第{render_number(new.item[0], st)}号" + "".join(f"の{render_number(x, st)}" for x in new.item[1:])
    if t in ("C_ITEM", "C_ITEM_TYPO"):
        if not new.item:
            return None
        return f"{render_num(new.item, st)}号"
    if t == "SUBITEM":
        return None if not new.subitem else new.subitem
    if t == "APPENDIX":
        if new.appendix is None and not new.article_table:
            return None
        if new.article_table and not convert_head:
            return None
        had_dai = "第" in src or not any(ch.isdigit() or ch in KANJI_CHARS for ch in src[2:])
        head_style = "kanji" if any(ch in KANJI_CHARS for ch in src) else st
        return table_head(new, head_style if not new.article_table else st, had_dai)
    if t == "ROWNUM":
        if not new.row:
            return None
        return render_num(new.row, st, _joiner(src))
    if t == "ROW_DAI":
        return None if not new.row else f"第{render_num(new.row, st)}項"
    if t == "KO" and convert_head and new.article_table and src == "の項":
        return "項"  # 第2条の表の117項, as the 提供命令 is cited, not 「表の117の項」
    return False  # の, の項, captions, headings: kept as written


@dataclass
class DocVoice:
    """How this document names laws and writes numbers."""
    registry: Registry
    text: str
    digit: str = "ascii"
    full_parens: bool = True
    names: dict[str, str] = field(default_factory=dict)      # law id → name to write
    defined: dict[str, str] = field(default_factory=dict)    # law id → abbreviation the doc defines
    introduced: set[str] = field(default_factory=set)        # laws introduced by this run's fixes
    abbreviations: dict[str, str] = field(default_factory=dict)  # law id → abbreviation to introduce
    introduce: bool = True

    @classmethod
    def of(cls, ex, registry: Registry, preferred: dict[str, str] | None = None,
           abbreviations: dict[str, str] | None = None, introduce: bool = True) -> "DocVoice":
        body = [c for c in ex.citations if not c.in_history]
        own = [ex.text[c.prov_span[0]:c.prov_span[1]] for c in body]  # not the law name (別表第二省令)
        styles = Counter(digit_style(t) for t in own if digit_style(t))
        digit = styles.most_common(1)[0][0] if styles else "ascii"
        v = cls(registry, ex.text, digit=digit,
                full_parens=ex.text.count("（") >= ex.text.count("("),
                abbreviations=dict(abbreviations or {}), introduce=introduce)
        for d in ex.definitions.values():
            # a definition wrapped by the PDF (「提供⏎命令」) is written whole
            v.defined.setdefault(d.law.upper(), regex.sub(r"\r?\n[ \t\u3000]*", "", d.surface))
        used: dict[str, Counter] = {}
        for m in ex.mentions:
            if m.in_history or m.generic:
                continue
            used.setdefault(m.law.upper(), Counter())[m.name.replace("\n", "")] += 1
        for lid, cnt in used.items():
            short = [(n, k) for n, k in cnt.most_common() if len(n) < 20]
            if short:
                v.names[lid] = short[0][0]
        for lid, abbr in v.defined.items():
            v.names[lid] = abbr
        for lid, name in (preferred or {}).items():
            v.names[lid.upper()] = name
        return v

    def paren(self, s: str) -> str:
        return f"（{s}）" if self.full_parens else f"({s})"

    def name_for(self, law_id: str) -> str:
        """The name to write for a law (introducing it on first use)."""
        key = law_id.upper()
        if key in self.names:
            return self.names[key]
        law = self.registry.get(law_id)
        if law is None:
            return law_id
        title = self._title_in_voice(law.title)
        abbr = self.abbreviations.get(key)
        if abbr and self.introduce:
            self.names[key] = abbr
            self.introduced.add(key)
            return title + self.paren(f"以下「{abbr}」という。")
        self.names[key] = title
        return title

    def continues(self, parent_id: str, law_id: str) -> bool:
        """True when `law_id`'s title begins with `parent_id`'s (the 提供命令 and 番号法)."""
        parent, law = self.registry.get(parent_id), self.registry.get(law_id)
        return bool(parent and law and law.id != parent.id and law.title.startswith(parent.title))

    def name_after(self, parent_id: str, law_id: str) -> str:
        """The rest of `law_id`'s title, to write right after the parent law's name
        (番号法（平成25年法律第27号）＋第19条第8号に基づく利用特定個人情報の提供に関する命令)."""
        parent, law = self.registry.get(parent_id), self.registry.get(law_id)
        rest = law.title[len(parent.title):]
        rest = restyle_digits(rest, self.digit) if self.digit != "kanji" else rest
        key = law.id.upper()
        abbr = self.abbreviations.get(key)
        if key not in self.names and abbr and self.introduce:
            self.names[key] = abbr
            self.introduced.add(key)
            return rest + self.paren(f"以下「{abbr}」という。")
        return rest

    def _title_in_voice(self, title: str) -> str:
        """A title that starts with another law's title is written with the document's name
        for that law (番号法第１９条第８号に基づく…命令), numbers in the document's digits."""
        for law in self.registry.laws.values():
            if law.title != title and title.startswith(law.title) and law.id.upper() in self.names:
                rest = title[len(law.title):]
                return self.names[law.id.upper()] + restyle_digits(rest, self.digit)
        return restyle_digits(title, self.digit) if self.digit != "kanji" else title
