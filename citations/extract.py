"""Document text → resolved citations: normalise, find candidates, parse chains, give every
provision its law.

One left-to-right walk over the candidates carries the context a reader uses:
- a provision written without a law belongs to the law written before it in the same sentence
  (a sentence ends at 。, a blank line, a TAB cell boundary); a bare 第N条 with no law in its
  sentence stays unresolved (law null) rather than being guessed as 番号法;
- 同法 / 同令 / 同条例 refer to the last law / ordinance / municipal ordinance named anywhere before;
- a 別表 with no law in scope belongs to the nearest law in the sentence that has such a table,
  else to the registry's `orphan_tables` law (番号法);
- a free-standing row list ((27、29の項)) belongs to the table written or headed before it; a
  bare 別表第二 whose rows follow later (及び別表第二 … が含まれる項（３９の項）) is their head,
  not a citation of its own;
- compact list entries (`2 4条12号ロ`) belong to the ordinance the list is headed by (提供命令,
  or 別表第二主務省令 under a 「…における…根拠及びその対応主務省令」 heading).
Every step is a dict lookup or a bisect: the walk is linear in the number of candidates.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

import regex
from lark.exceptions import LarkError

from .finder import Candidate, definitions, find
from .grammar import Ref, parse_chain
from .history import DEFAULT_MARKERS, Regions, find_regions
from .laws import Registry, load_registry
from .model import Citation
from .normalize import Normalized, normalize
from .provision import Provision

_OPEN, _CLOSE = "(「『【[", ")」』】]"


# what may stand between a law and a provision that inherits it: connectors, parentheses
_CONNECTIVE = regex.compile(r"(?:[ \t、,，・:：]|及び|並びに|又は|および|ならびに|または|から|まで|ないし"
                            r"|\([^()\n]{0,80}\))*")
_GAP_MAX = 200
# the term a provision defines, named right after it (第２条第８項に規定する特定個人情報): tells
# which meaning a renumbered definition had when the text was written
_DEFINED_TERM = regex.compile(r"(?:に規定する|に定める|にいう|で定義する)「?([\p{Han}\p{Katakana}ー]{3,24})")
# how far (normalised characters) a bare 別表第二 reaches for the row list that completes it
_ROWS_REACH = 800


def sentence_bounds(text: str) -> list[int]:
    """Offsets where a sentence or cell ends: 。 outside brackets and quotes (a quoted statute
    such as 「…（犯則事件の調査を含む。）」 does not end the sentence it sits in), line breaks
    and TAB cell boundaries."""
    out, depth = [], 0
    for m in regex.finditer(r"[。\n\t(「『【\[)」』】\]]", text):
        ch = m.group()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch == "。":
            if depth == 0:
                out.append(m.start())
        else:
            depth = 0
            out.append(m.start())
    return out
_MUNICIPAL = regex.compile(r"^(?:.{1,6}?[都道府県市区町村])")


@dataclass
class LawMention:
    """A law name as written, with or without a provision (used by the consistency rules)."""
    law: str
    name: str           # as written (original text)
    start: int          # original offsets
    end: int
    defines: str = ""   # abbreviation defined right here (normalised)
    in_history: bool = False
    generic: bool = False
    norm: str = ""      # the name normalised (what definitions are keyed by)


@dataclass
class Definition:
    """「（以下「番号利用法」という。）」: an abbreviation the document defines for a law."""
    law: str
    start: int          # original offsets of the abbreviation where it is defined
    end: int
    surface: str        # as written there (write this, not the normalised key)
    in_history: bool = False


@dataclass
class Extraction:
    text: str
    normalized: Normalized
    regions: Regions
    citations: list[Citation]
    mentions: list[LawMention]
    definitions: dict[str, Definition]  # normalised abbreviation → where the body defines it
    line_starts: list[int] = field(default_factory=list)

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1


def line_starts(text: str) -> list[int]:
    out = [0]
    for m in regex.finditer(r"\r\n|\r|\n", text):
        out.append(m.end())
    return out


class _Walker:
    def __init__(self, n: Normalized, registry: Registry, defs: dict[str, tuple[str, int]],
                 regions: Regions):
        self.n = n
        self.reg = registry
        self.defs = defs
        self.regions = regions
        self.bounds = sentence_bounds(n.text)
        self.citations: list[Citation] = []
        self.mentions: list[LawMention] = []
        self.sentence_law: tuple[int, str, int] | None = None  # (sentence, law id, where it ends)
        self.last_by_kind: dict[str, str] = {}               # act | order | jorei | kisoku → law id
        self.table_ctx: tuple[str, str] | None = None        # (law id, table) from a table or heading
        self.pending_table: int | None = None                # index of a bare 別表 citation
        self.pending_at = 0
        self.compact_law: str | None = None
        self.last_article: Provision | None = None  # for 同条 / 同項
        self.group = 0

    # ------------------------------------------------------------------ helpers
    def sentence(self, pos: int) -> int:
        return bisect_right(self.bounds, pos)

    def orig(self, a: int, b: int) -> tuple[int, int]:
        return self.n.span(a, b)

    def law_kind(self, law_id: str, name: str) -> str:
        law = self.reg.get(law_id)
        if law is not None:
            return "act" if law.is_act else "order"
        if name.endswith("条例"):
            return "jorei"
        if name.endswith(("規則", "細則")):
            return "kisoku"
        if name.endswith(("令", "命令", "省令")):
            return "order"
        return "act"

    def generic_id(self, name: str) -> str:
        return "name:" + name

    def resolve_name(self, c: Candidate) -> str:
        name = c.law_name
        if not c.generic:
            if name in self.defs:
                return self.defs[name][0]
            lid = self.reg.lookup(name)
            if lid:
                return lid
        # an unregistered name may end with a registered one (基づき番号法 → 番号法)
        for i in range(1, len(name)):
            lid = self.reg.lookup(name[i:]) or (self.defs.get(name[i:]) or (None,))[0]
            if lid:
                c.law_span = (c.law_span[0] + i, c.law_span[1])
                c.law_name = name[i:]
                return lid
        if name.startswith("同") and len(name) > 2:
            base = self.anaphor(name[:3] if name[1:3] == "条例" else name[:2])
            if base:
                return base + "/" + name[len("同条例") if name[1:3] == "条例" else 2:]
        return self.generic_id(name)

    def anaphor(self, word: str) -> str | None:
        if word in ("同条", "同項"):
            last = self.citations[-1] if self.citations else None
            return last.law if last is not None and self.last_article is not None else None
        kind = {"同法": "act", "同令": "order", "同省令": "order", "同政令": "order",
                "同条例": "jorei", "同規則": "kisoku"}.get(word, "act")
        return self.last_by_kind.get(kind)

    def remember_law(self, law_id: str, name: str, pos: int, end: int) -> None:
        self.last_by_kind[self.law_kind(law_id, name)] = law_id
        self.sentence_law = (self.sentence(pos), law_id, end)
        law = self.reg.get(law_id)
        if law is not None and law.compact_lists:
            self.compact_law = law.id

    def context_law(self, pos: int) -> str | None:
        """The law a provision written without one belongs to: the law cited just before it in
        the same sentence, when only connectors or parentheses stand between them
        (番号法第19条第8号、第9号 / 番号法別表第２及び第１９条第１４号). Any other word in between
        names something else: 番号法第9条に基づき、○○要綱第5条 / 「…確認事項」第7条."""
        if not self.sentence_law or self.sentence_law[0] != self.sentence(pos):
            return None
        gap = self.n.text[self.sentence_law[2]:pos]
        return self.sentence_law[1] if len(gap) <= _GAP_MAX and _CONNECTIVE.fullmatch(gap) else None

    def table_law(self, table: str, pos: int, head: str | None) -> str | None:
        key = f"AppdxTable{table}"
        for lid in (head, None if head else self.context_law(pos)):
            law = self.reg.get(lid)
            if lid and (law is None or law.tables is None or key in law.tables):
                return law.id if law else lid  # 住民基本台帳法別表第一 is that law's own table
        return self.reg.orphan_table_law()

    # ------------------------------------------------------------------ the walk
    def walk(self, cands: list[Candidate]) -> None:
        for c in cands:
            if c.kind == "heading":
                self.on_heading(c)
                continue
            head = None
            if c.kind == "law":
                head = self.resolve_name(c)
                self.on_mention(c, head)
            elif c.kind == "anaphor":
                head = self.anaphor(c.law_name)
                if head is None:
                    continue
            if c.chain_start < 0:
                continue
            try:
                refs = parse_chain(self.n.text[c.chain_start:c.chain_end])
            except LarkError:
                continue  # the finder and the grammar disagree: skip rather than guess
            self.group += 1
            if c.kind == "compact":
                self.on_compact(c, refs)
            elif c.kind == "row_list":
                self.on_row_list(c, refs)
            else:
                self.on_chain(c, refs, head)

    def on_heading(self, c: Candidate) -> None:
        if c.heading_table is not None:
            law = self.reg.orphan_table_law()
            self.table_ctx = (law, c.heading_table) if law else None
            if c.heading_shumu:
                lid = self.reg.lookup(f"別表第{c.heading_table}主務省令")
                if lid:
                    self.compact_law = lid

    def on_mention(self, c: Candidate, law_id: str) -> None:
        s, e = self.orig(*c.law_span)
        self.mentions.append(LawMention(law_id, self.n.original[s:e], s, e, defines=c.abbr,
                                        in_history=self.regions.contains(s), generic=c.generic,
                                        norm=c.law_name))
        self.remember_law(law_id, c.law_name, c.start, c.end)

    def emit(self, c: Candidate, r: Ref, law: str | None, how: str, with_head: bool) -> Citation:
        base = c.chain_start
        a, b = base + r.start, base + r.end
        s, e = self.orig(a, b)
        ps = (s, e)
        if with_head and c.law_span is not None:
            s = self.orig(*c.law_span)[0]
        ls = self.orig(*c.law_span) if c.law_span is not None and how in ("explicit", "anaphora") else None
        g0, g1 = self.orig(base + r.group[0], base + r.group[1]) if r.group != (0, 0) else ps
        cit = Citation(start=s, end=e, text=self.n.original[s:e], law=law, provision=r.provision,
                       in_history=self.regions.contains(s), law_how=how, law_span=ls,
                       law_text=self.n.original[ls[0]:ls[1]] if ls else "", group=self.group,
                       caption=r.caption, prov_span=ps)
        if r.provision.article is not None and not r.provision.article_table:
            self.last_article = r.provision
        cit.extra["group_span"] = (g0, g1)
        cit.extra["sentence"] = self.sentence(a)
        cit.extra["tokens"] = [(t, self.orig(base + ts, base + te)) for t, _, ts, te in r.tokens]
        if r.range_part:
            cit.extra["range"] = r.range_part
        m = _DEFINED_TERM.match(self.n.text, base + r.end)
        if m:
            cit.extra["term"] = m.group(1)
        self.citations.append(cit)
        return cit

    def on_chain(self, c: Candidate, refs: list[Ref], head: str | None) -> None:
        how = "explicit" if c.kind == "law" else "anaphora" if c.kind == "anaphor" else "context"
        first = True
        emitted = len(self.citations)
        for r in refs:
            p = r.provision
            if r.suppl:
                continue  # 附則: outside the tables this tool checks; never a main-provision article
            if p.article is None and p.appendix is None:
                # 同条第2項 / 同項第3号: the article (and paragraph) of the citation just before
                prev = self.last_article
                if c.law_name not in ("同条", "同項") or prev is None:
                    continue
                r.provision = p = replace(p, article=prev.article,
                                          paragraph=p.paragraph if c.law_name == "同条" or p.paragraph is not None
                                          else prev.paragraph)
            if p.appendix == "=":  # 同表: the table cited just before
                if self.table_ctx is None or not p.row:
                    continue
                law0, table0 = self.table_ctx
                r.provision = p = replace(p, appendix=table0)
                head = head or law0
            if p.appendix is not None:
                law = self.table_law(p.appendix, c.start, head)
                if r.kind == "table" and head is None and self.context_law(c.start) is None:
                    # a bare 別表２ with no law anywhere near is the document's own annex
                    # (別表２（提供先一覧）のとおり); it still tells later rows their table
                    self.table_ctx = (law, p.appendix) if law else None
                    continue
                lhow = how if head and law == head else "table"
                self.emit(c, r, law, lhow, first and lhow == how)
                if r.kind == "table":
                    self.pending_table = len(self.citations) - 1
                    self.pending_at = c.end
                else:
                    self.pending_table = None
                self.table_ctx = (law, p.appendix) if law else None
            else:
                law = head if head else self.context_law(c.start)
                self.emit(c, r, law, how if head else ("context" if law else "none"), first)
                self.pending_table = None  # rows written after another provision are not its rows
            first = False
        if len(self.citations) > emitted and self.citations[-1].law:
            # the law of this chain carries on to the rest of the sentence
            self.sentence_law = (self.sentence(c.start), self.citations[-1].law, c.end)

    def on_row_list(self, c: Candidate, refs: list[Ref]) -> None:
        sentence = None
        if self.pending_table is not None and self.pending_table < len(self.citations) and \
                c.start - self.pending_at < _ROWS_REACH:
            bare = self.citations.pop(self.pending_table)
            law, table = bare.law, bare.provision.appendix
            sentence = bare.extra.get("sentence")  # the rows are read where their head was written
            self.pending_table = None
        elif self.table_ctx is not None:
            law, table = self.table_ctx
        else:
            return  # a list of 項 with no table in sight is not a citation we can place
        for r in refs:
            r.provision = Provision(appendix=table, row=r.provision.row)
            cit = self.emit(c, r, law, "table", False)
            if sentence is not None:
                cit.extra["sentence"] = sentence

    def on_compact(self, c: Candidate, refs: list[Ref]) -> None:
        if self.compact_law is None:
            return
        for r in refs:
            cit = self.emit(c, r, self.compact_law, "compact", False)
            cit.extra["row"] = r.caption


def extract(text: str, registry: Registry | None = None,
            history_markers: tuple[str, ...] = DEFAULT_MARKERS,
            history_end_markers: tuple[str, ...] = ()) -> Extraction:
    registry = registry or load_registry()
    n = normalize(text)
    regions = find_regions(text, history_markers, history_end_markers)
    cands = find(n.text, registry)
    defs = definitions(cands, registry, n.text)
    # a name the registry does not know (（以下「法」という。）) needs a second pass with it;
    # most definitions are customary aliases and need none
    new_names = tuple(sorted(a for a in defs if registry.lookup(a) is None))
    if new_names:
        cands = find(n.text, registry, new_names)
    w = _Walker(n, registry, defs, regions)
    w.walk(cands)
    ls = line_starts(text)
    body_defs = {}
    for k, (lid, (a, b)) in defs.items():
        s, e = n.span(a, b)
        d = Definition(lid, s, e, text[s:e], regions.contains(s))
        if not d.in_history:
            body_defs[k] = d
    ex = Extraction(text, n, regions, w.citations, w.mentions, body_defs, ls)
    for cit in ex.citations:
        cit.line, cit.column = ex.line_col(cit.start)
    return ex
