"""The Lark grammar (grammars/citation.lark) and the transformer that turns a parse of one
candidate's provision chain into `Ref`s: one per cited provision, with spans relative to the
chain text.

Elision is resolved here because it is syntax: in 第54条第1項、第10項 the 第10項 belongs to 第54条,
in 別表第二の1、2の項 both rows belong to 別表第二, in `35 22条の4 1項2号ニ・2項2号ニ` every item
belongs to the last article and paragraph written before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedInput

from .provision import Provision
from .resources import grammar_path


@dataclass
class Ref:
    """One provision as parsed, before its law is known."""
    provision: Provision
    start: int                   # span of this provision's own text in the chain (normalised, relative)
    end: int
    kind: str                    # article | table | row | art_table | compact
    group: tuple[int, int] = (0, 0)  # span of the whole element (a table with its row list, …)
    caption: str = ""
    elided: bool = False         # written without its article (第10項 after 第54条第1項)
    suppl: bool = False          # 附則 (supplementary provisions): recognised, not reported
    range_part: str = ""         # "from" / "to" for 第50条から第55条
    tokens: list[tuple[str, str, int, int]] = field(default_factory=list)  # (type, text, start, end)


def _num(text: str) -> tuple[int, ...]:
    """'16の3' / '16-3' / '12条の2の2' digits → (16, 3) / (12, 2, 2)."""
    out, cur = [], ""
    for ch in text:
        if ch.isdigit():
            cur += ch
        elif cur:
            out.append(int(cur))
            cur = ""
    if cur:
        out.append(int(cur))
    return tuple(out)


def _one(x):
    """A range end written with sub-items (第1号イから第2号ロまで) stands for its first letter."""
    return x[0] if isinstance(x, list) else x


def _tok(t: Token) -> tuple[str, str, int, int]:
    return (t.type, str(t), t.start_pos, t.end_pos)


def _span(items) -> tuple[int, int]:
    starts, ends = [], []
    for it in items:
        if isinstance(it, Token):
            starts.append(it.start_pos)
            ends.append(it.end_pos)
        elif isinstance(it, Ref):
            starts.append(it.start)
            ends.append(it.end)
        elif isinstance(it, list):
            for r in it:
                starts.append(r.start)
                ends.append(r.end)
    return (min(starts), max(ends)) if starts else (0, 0)


@v_args(inline=False)
class _ToRefs(Transformer):
    """Bottom-up: leaves become Refs or partial tuples; `chain` fixes elision left to right."""

    # ---- articles
    def subitems(self, ch):
        return ("subs", [t for t in ch if isinstance(t, Token)])

    def art_ref(self, ch):
        art = para = item = None
        subs: list[Token] = []
        cap = ""
        suppl = False
        tokens = []
        for t in ch:
            if isinstance(t, tuple):
                subs = t[1]
                continue
            tokens.append(t)
            if t.type == "SUPPL":
                suppl = True
            elif t.type == "ARTICLE":
                art = _num(t)
            elif t.type in ("PARAGRAPH", "PARA_NODAI"):
                para = _num(t)[0]
            elif t.type in ("ITEM", "ITEM_NODAI"):
                item = _num(t)
            elif t.type == "CAPTION":
                cap = str(t)[1:-1]
        core = [t for t in tokens if t.type not in ("CAPTION", "SUPPL")]
        s, e = _span(core + subs[:1])
        group = _span(tokens + subs)
        if not subs:
            r = Ref(Provision(article=art, paragraph=para, item=item), s, e, "article",
                    group=group, caption=cap, tokens=[_tok(t) for t in tokens])
            r.suppl = suppl
            return r
        out = []
        for i, sub in enumerate(subs):  # 第1号イ及びロ: one provision per letter
            rs, re_ = (s, sub.end_pos) if i == 0 else (sub.start_pos, sub.end_pos)
            toks = ([_tok(t) for t in tokens] if i == 0 else []) + [_tok(sub)]
            r = Ref(Provision(article=art, paragraph=para, item=item, subitem=str(sub)), rs, re_,
                    "article", group=group, caption=cap, tokens=toks)
            r.suppl = suppl
            out.append(r)
        return out

    def elided(self, ch):
        r = self.art_ref(ch)
        for x in (r if isinstance(r, list) else [r]):
            x.elided = True
        return r

    def art_range(self, ch):
        a, b = _one(ch[0]), _one(ch[2])
        a.range_part, b.range_part = "from", "to"
        if b.elided:  # 第19条第1号から第3号まで: the end is an item of the same article
            p = b.provision
            b.provision = replace(p, article=a.provision.article,
                                  paragraph=p.paragraph if p.paragraph is not None else a.provision.paragraph)
        return [a, b]

    def art_table(self, ch):
        art = _num(ch[0])
        head = [t for t in ch if isinstance(t, Token)]
        rows = next((x for x in ch if isinstance(x, list)), [])
        s, e = _span(head)
        if rows:
            e = max(e, rows[-1][2])
        head_tokens = [_tok(t) for t in head]
        if not rows:
            return Ref(Provision(article=art, article_table=True), s, e, "art_table", group=(s, e),
                       tokens=head_tokens)
        out = []
        for i, (num, rs, re_, toks, cap) in enumerate(rows):
            out.append(Ref(Provision(article=art, article_table=True, row=num), s if i == 0 else rs, re_,
                           "art_table", group=(s, e), caption=cap,
                           tokens=(head_tokens if i == 0 else []) + toks))
        return out

    # ---- appended tables and their rows
    def row_ref(self, ch):
        toks = [t for t in ch if t.type != "CAPTION"]  # a caption after a row is not its text
        cap = next((str(t)[1:-1] for t in ch if t.type == "CAPTION"), "")
        return (_num(ch[0]), ch[0].start_pos, toks[-1].end_pos, [_tok(t) for t in toks], cap)

    def row_seq(self, ch):
        return list(ch)

    row_seq_ko = row_seq

    def rows(self, ch):
        # keep the tokens that introduce the rows (の, の以下の項, a heading): a rewrite keeps them
        lead = [t for t in ch if isinstance(t, Token)]
        rows = next((x for x in ch if isinstance(x, list)), [])
        return ("rows", lead, rows)

    def table_range(self, ch):
        a, b = ch[0], ch[2]
        a, b = (a[0] if isinstance(a, list) else a), (b[-1] if isinstance(b, list) else b)
        a.range_part, b.range_part = "from", "to"
        return [a, b]

    def table_ref(self, ch):
        appx = ch[0]
        n = _num(appx)
        table = "=" if str(appx) == "同表" else str(n[0]) if n else ""  # "=": the table before
        rows, lead = [], []
        for x in ch[1:]:
            if isinstance(x, tuple) and x and x[0] == "rows":
                lead, rows = x[1], x[2]
            elif isinstance(x, list):  # a rows alternative with one child is inlined by `?rows`
                rows = x
        group = _span([appx] + [t for t in ch[1:] if isinstance(t, Token)] + lead)
        if rows:
            group = (group[0], max(group[1], rows[-1][2]))
        head_tokens = [_tok(t) for t in ch if isinstance(t, Token)] + [_tok(t) for t in lead]
        if not rows:
            return Ref(Provision(appendix=table), appx.start_pos, appx.end_pos, "table",
                       group=group, tokens=head_tokens)
        out = []
        for i, (num, s, e, toks, cap) in enumerate(rows):
            start = appx.start_pos if i == 0 else s
            out.append(Ref(Provision(appendix=table, row=num), start, e, "row", group=group,
                           caption=cap, tokens=(head_tokens if i == 0 else []) + toks))
        return out

    def row_list(self, ch):
        group = _span(ch)
        ko = ch[-1]
        nums = ch[:-1]
        out = []
        for i, t in enumerate(nums):
            last = i == len(nums) - 1
            end = ko.end_pos if last else t.end_pos
            # the table is not written: the resolver takes it from the context ("?")
            out.append(Ref(Provision(appendix="?", row=_num(t)), t.start_pos, end, "row",
                           group=group, tokens=[_tok(t)] + ([_tok(ko)] if last else [])))
        return out

    # ---- compact lists: ROW ART条[N項]N号イ、…
    def c_article(self, ch):
        return ("art", _num(ch[0]), ch[0])

    def c_para(self, ch):
        return ("para", _num(ch[0])[0], ch[0])

    def c_item(self, ch):
        sub = str(ch[1]) if len(ch) > 1 else None
        return ("item", _num(ch[0]), ch[0], sub, ch[-1])

    def compact(self, ch):
        row_tok = ch[0]
        art = para = None
        art_tok = None
        out: list[Ref] = []
        pending_art: Ref | None = None
        for el in ch[1:]:
            if el[0] == "art":
                if pending_art is not None:
                    out.append(pending_art)
                art, para, art_tok = el[1], None, el[2]
                pending_art = Ref(Provision(article=art), art_tok.start_pos, art_tok.end_pos, "compact",
                                  tokens=[_tok(art_tok)])
            elif el[0] == "para":
                para = el[1]
            else:
                _, item, itok, sub, last = el
                pending_art = None
                out.append(Ref(Provision(article=art, paragraph=para, item=item, subitem=sub),
                               itok.start_pos, last.end_pos, "compact",
                               tokens=[_tok(itok)] + ([_tok(last)] if sub else [])))
        if pending_art is not None:
            out.append(pending_art)
        for r in out:
            r.group = (row_tok.start_pos, out[-1].end)
            r.caption = str(row_tok)  # the table row this entry belongs to
        return out

    # ---- chains: resolve elision against the previous article-level provision
    def chain(self, ch):
        flat: list[Ref] = []
        for x in ch:
            flat.extend(x if isinstance(x, list) else [x])
        prev: Provision | None = None
        for r in flat:
            p = r.provision
            if r.elided and prev is not None and prev.article is not None:
                if p.paragraph is not None:
                    r.provision = replace(p, article=prev.article)
                else:  # an item alone keeps the previous paragraph too
                    r.provision = replace(p, article=prev.article, paragraph=prev.paragraph)
            if r.kind == "article":
                prev = r.provision
        # an elided provision with nothing before it (同条第2項) is completed by the resolver
        return flat

    def start(self, ch):
        x = ch[0]
        return x if isinstance(x, list) else [x]


@lru_cache(maxsize=1)
def parser() -> Lark:
    # cache=True keeps Lark's LALR tables in the temp dir between runs (keyed by grammar text)
    return Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", lexer="contextual",
                propagate_positions=False, maybe_placeholders=False, cache=True)


def terminal_pattern(name: str) -> str:
    """The regex of a grammar terminal, for the finder to compose its candidate patterns from."""
    t = parser().get_terminal(name)
    return f"(?:{t.pattern.to_regexp()})"  # grouped: a top-level | must not leak into the caller


_TRAILING_SEP = re.compile(r"(?:[ 、,，・]|及び|並びに|又は|および|から)+$")


def parse_chain(text: str) -> list[Ref]:
    """Parse one candidate's provision text; raises lark.LarkError when no prefix parses.

    The finder's regex and the LALR grammar agree on every token, but a regex can backtrack
    where LALR(1) commits (「別表第2の3、9条」: is 、9 another row?). Then the longest prefix that
    parses is used, so one odd tail never loses the citations before it."""
    end = len(text)
    for _ in range(4):
        try:
            return _ToRefs().transform(parser().parse(text[:end]))
        except UnexpectedInput as e:
            pos = getattr(e, "pos_in_stream", None)
            if pos is None or pos <= 0 or pos >= end:
                raise
            end = len(_TRAILING_SEP.sub("", text[:pos]))
            if end <= 0:
                raise
    return _ToRefs().transform(parser().parse(text[:end]))
