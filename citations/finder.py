"""Find citation candidates in normalised text with one regex pass.

A candidate is one of
- a law head (a registered title or alias, a name the document defines, or an unregistered
  「…法／…条例」 directly followed by a provision), optionally with its law number and an
  abbreviation definition, optionally followed by a provision chain;
- an anaphor (同法, 同令, …) followed by a chain;
- a chain with no law in front (第5条…, 別表第二の…): its law comes from the context;
- a free-standing row list closed by の項 ((27、29の項)): its table comes from the context;
- a compact list entry (`2 4条12号ロ、13号ロ`) of the 提供命令 / 主務省令 lists;
- a heading that sets context without citing: (別表第二における情報提供の根拠).

The provision patterns are composed from the grammar's own terminals (citations/grammar.py),
so the finder and Lark agree on every token; Lark then parses each chain for its structure.
The pattern is compiled once per set of document-defined names (cached).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .grammar import terminal_pattern as T
from .laws import Registry, names_regex

S = "[ ]{0,2}"
# Bounded repetition keeps the regex engine's backtracking stack small on pathological input
# (thousands of 第1条、 in a row); a longer real list is split into several candidates.
_CHAIN_MAX = 120
_LIST_MAX = 400


def _chain_patterns() -> dict[str, str]:
    """Sub-patterns as regex DEFINE groups, called by name: each is compiled once however often
    the candidate pattern uses it (the pattern stays small and compiles fast)."""
    art, para, item, sub = T("ARTICLE"), T("PARAGRAPH"), T("ITEM"), T("SUBITEM")
    para0, item0 = f"(?:{para}|{T('PARA_NODAI')})", f"(?:{item}|{T('ITEM_NODAI')})"
    cap, kara, table_of = T("CAPTION"), T("KARA"), T("TABLE_OF")
    comma, and_, sub_sep = T("_COMMA"), T("_AND"), T("_SUB_SEP")
    rownum, row_dai, ika, ko = T("ROWNUM"), T("ROW_DAI"), T("IKA"), T("KO")
    appx, tcap, thead = T("APPENDIX"), T("TABLE_CAPTION"), T("TABLE_HEADING")
    defs = {
        "sep": f"(?:{comma}|{and_}|・)",
        "rsep": f"(?:{comma}|{and_}|・|から)",
        "subs": f"{sub}(?:{S}{sub_sep}{S}{sub}){{0,20}}(?:まで)?",
        "ar": f"(?:附則{S})?{art}(?:{S}{para0})?(?:{S}{item0})?(?:(?&subs))?(?:{S}{cap})?",
        "el": f"(?:{para}(?:{S}{item0})?|{item})(?:(?&subs))?(?:{S}{cap})?",
        "rr": f"(?:{row_dai}|{rownum}(?:{ko})?)(?:{S}{cap})?",
        "rs": f"(?&rr)(?:{S}(?&rsep){S}(?&rr)){{0,{_LIST_MAX}}}(?:まで)?",
        # a list without の in front must end with 項 (別表第二 83の項, (…根拠)・80、83の項)
        "rsk": (f"(?:・{S})?(?:(?&rr){S}(?&rsep){S}){{0,{_LIST_MAX}}}"
                f"(?:{row_dai}|{rownum}{S}{ko})(?:{S}{cap})?(?:まで)?"),
        "tr": (f"{appx}(?:{S}{tcap})?(?:{ika}{S}(?:[:：]{S})?(?&rs)|の(?&rs)"
               f"|{S}{thead}{S}(?:[:：]{S})?(?&rsk)|{S}(?&rsk)|{S}\\({S}(?&rs){S}\\))?"),
        "at": f"{art}{table_of}(?:の?(?&rs)|{ika}{S}(?:[:：]{S})?(?&rs)|{S}\\({S}(?&rs){S}\\))?",
        "elem": (f"(?:(?&ar){S}{kara}{S}(?:(?&ar)|(?&el))(?:まで)?|(?&at)|(?&ar)"
                 f"|(?&tr){S}{kara}{S}(?&tr)(?:まで)?|(?&tr))"),
        "chain": f"(?&elem)(?:{S}(?:(?&sep){S})?(?:(?&elem)|(?<=(?&sep){S})(?&el))){{0,{_CHAIN_MAX}}}",
    }
    define = "(?(DEFINE)" + "".join(f"(?P<{k}>{v})" for k, v in defs.items()) + ")"
    # compact entries: ROW ART条 … (typos 108号1号 and 19条ハ included, see the grammar)
    c_art = f"(?:{T('C_ARTICLE_TYPO')}|{T('C_ARTICLE')})"
    c_elem = f"(?:{T('C_ITEM_TYPO')}{sub}|{T('C_ARTICLE')}|{T('C_PARAGRAPH')}|{T('C_ITEM')}(?:{sub})?)"
    compact = (rf"(?<![\d\p{{Han}}の\-]){rownum}[ ]{c_art}"
               rf"(?:(?:[、・,][ ]?|[ ]?){c_elem}){{0,{_CHAIN_MAX}}}")
    # never started inside a list (after 、): a list with no closing の項 is scanned once, not
    # once per element, which keeps the whole pass linear
    row_list = rf"(?<![\d\p{{Han}}の\-、,，]){rownum}(?:{S}(?&sep){S}{rownum}){{0,{_LIST_MAX}}}{S}の項(?!目)"
    # a chain with no law in front starts with 第 or 別表 (「19条8号」 alone is not a citation);
    # the lookahead also lets the engine skip positions without calling the subroutines at all
    return {"define": define, "chain": "(?&chain)", "bare_chain": "(?<!附則)(?=第\\d|別表|附則第|同表の)(?&chain)",
            "compact": compact, "row_list": row_list}


_LAWNUM = r"(?:明治|大正|昭和|平成|令和)(?:\d+|元)年(?:\d+月\d+日)?[^()\n]{0,30}?第\d+号"
_ABBR = (r"以下「(?P<abbr>[^」\n]{1,20})」という。?"
         r"|以下、?(?P<abbr_b>[^()「」、。\n]{1,20}?)という。?"
         r"|(?P<abbr_p>[^()「」、。\s]{1,20}(?:法律|法|令|規則|条例|命令))")
# An unregistered law name, accepted only directly before a provision. It is looked for backwards
# from a chain that has no law in front (a bounded look-back per chain), not tried at every
# position of every run of kanji: that kept the one-pass scan fast.
_GENERIC_BACK = regex.compile(
    r"(?P<gname>(?!及び|並びに|又は|若しくは)[\p{Han}\p{Katakana}]"
    r"[\p{Han}\p{Katakana}\p{Hiragana}ー・]{0,58}?"
    r"(?:法律|法|条例|規則|政令|省令|命令|細則|施行令|要綱|規程|要領|規約|訓令|告示))"
    r"[ ]?(?:\([^()\n]{1,40}\)[ ]?)?\Z")
_BACK_REACH = 70
_HEADING = (r"(?P<heading>\((?:(?P<h_law>番号利用法|番号法))?(?P<h_table>別表(?:第\d+)?)?(?P<h_shumu>主務省令)?"
            r"における[^()\n\t]{0,40}\))")
_ANAPHOR = r"(?P<anaphor>同(?:法|令|省令|政令|規則|条例|条|項))(?!律)"


@dataclass
class Candidate:
    start: int                   # normalised span of the whole candidate
    end: int
    kind: str                    # law | anaphor | chain | row_list | compact | heading
    law_name: str = ""           # as matched (normalised)
    law_span: tuple[int, int] | None = None
    generic: bool = False        # an unregistered name
    abbr: str = ""               # abbreviation defined right here (normalised)
    abbr_span: tuple[int, int] | None = None
    lawnum: str = ""
    amending: bool = False       # 「…の一部を改正する命令」 written for the base law
    chain_start: int = -1        # where the provision chain begins (normalised), -1 if none
    chain_end: int = -1
    heading_table: str | None = None
    heading_shumu: bool = False
    heading_law: str = ""


@lru_cache(maxsize=32)
def _compiled(law_names: str) -> regex.Pattern:
    p = _chain_patterns()
    # no boundary before a registered name: a PDF join glues labels to names (根拠⏎番号法 →
    # 根拠番号法); 「…法律施行条例」 and the like are kept out by the lookahead instead
    head = (rf"(?P<law>{law_names})(?!施行|細則)"
            r"(?P<amend>の1部を改正する(?:法律|政令|命令|省令|規則))?"  # 一部 is 1部 once normalised
            rf"(?:{S}\((?:(?P<lawnum>{_LAWNUM})(?:[。、]?{_ABBR})?|{_ABBR})\))*")
    pattern = (
        p["define"] +
        rf"{_HEADING}"
        rf"|{_ANAPHOR}{S}(?P<chain_b>{p['chain']}|(?&el))"
        rf"|{head}(?:{S}(?P<chain_a>{p['chain']}))?"
        rf"|(?P<chain_c>{p['bare_chain']})"
        rf"|(?P<compact>{p['compact']})"
        rf"|(?P<row_list>{p['row_list']})"
    )
    return regex.compile(pattern, regex.V1)


def pattern_for(registry: Registry, extra_names: tuple[str, ...] = ()) -> regex.Pattern:
    if not extra_names:
        return _compiled(registry.name_pattern)
    return _compiled(names_regex(set(registry.by_name) | set(extra_names)))


def find(text: str, registry: Registry, extra_names: tuple[str, ...] = ()) -> list[Candidate]:
    rx = pattern_for(registry, extra_names)
    out: list[Candidate] = []
    for m in rx.finditer(text):
        g = m.groupdict()
        if g["heading"]:
            out.append(Candidate(m.start(), m.end(), "heading",
                                 heading_table=(str(_table_no(g["h_table"])) if g["h_table"] else None),
                                 heading_shumu=bool(g["h_shumu"]) or "主務省令" in g["heading"],
                                 heading_law=g["h_law"] or ""))
            continue
        if g["law"]:
            name = g["law"]
            ls = m.start("law")
            c = Candidate(m.start(), m.end(), "law", law_name=name, law_span=(ls, ls + len(name)),
                          amending=bool(g["amend"]))
            caps = m.capturesdict()
            nums = caps.get("lawnum") or []
            c.lawnum = nums[-1] if nums else ""
            for key in ("abbr", "abbr_b", "abbr_p"):
                if caps.get(key):
                    c.abbr = caps[key][-1].strip()
                    c.abbr_span = m.spans(key)[-1]
            if g["chain_a"]:
                c.chain_start, c.chain_end = m.span("chain_a")
            out.append(c)
        elif g["anaphor"]:
            c = Candidate(m.start(), m.end(), "anaphor", law_name=g["anaphor"],
                          law_span=m.span("anaphor"))
            c.chain_start, c.chain_end = m.span("chain_b")
            out.append(c)
        elif g["chain_c"]:
            c = Candidate(m.start(), m.end(), "chain")
            c.chain_start, c.chain_end = m.span("chain_c")
            lo = max(out[-1].end if out else 0, m.start() - _BACK_REACH)
            b = _GENERIC_BACK.search(text, lo, m.start())
            if b:  # 高岡市個人情報保護条例第13条: an unregistered law's own article
                c.kind, c.generic = "law", True
                c.start = b.start("gname")
                c.law_name, c.law_span = b.group("gname"), b.span("gname")
            out.append(c)
        elif g["compact"]:
            c = Candidate(m.start(), m.end(), "compact")
            c.chain_start, c.chain_end = m.span()
            out.append(c)
        elif g["row_list"]:
            c = Candidate(m.start(), m.end(), "row_list")
            c.chain_start, c.chain_end = m.span()
            out.append(c)
    return out


def _table_no(s: str) -> int | str:
    d = "".join(ch for ch in s if ch.isdigit())
    return int(d) if d else ""


# abbreviation definitions: 「…法律（以下「番号利用法」という。）」 or 「…法律（番号利用法）」
_NUMBER_DEF = regex.compile(rf"\((?P<lawnum>{_LAWNUM})[。、]?(?:{_ABBR})\)")


def definitions(cands: list[Candidate], registry: Registry,
                text: str = "") -> dict[str, tuple[str, tuple[int, int]]]:
    """Names the document defines for registered laws: name → (law id, normalised span of the
    name where it is defined). A title the registry does not know, or writes with the
    document's own short names (法別表第二の主務省令で定める…命令), is identified by the law
    number in its definition: （平成26年内閣府・総務省令第7号。以下「主務省令」という。）."""
    out: dict[str, tuple[str, tuple[int, int]]] = {}
    for c in cands:
        if c.kind == "law" and c.abbr and not c.generic:
            lid = registry.lookup(c.law_name)
            if lid and c.abbr not in out:
                out[c.abbr] = (lid, c.abbr_span)
    for m in _NUMBER_DEF.finditer(text):
        lid = registry.lookup_number(m.group("lawnum"))
        key = next((k for k in ("abbr", "abbr_b", "abbr_p") if m.group(k)), None)
        if lid and key and m.group(key).strip() not in out:
            out[m.group(key).strip()] = (lid, m.span(key))
    return out
