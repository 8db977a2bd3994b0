"""Plan the edits that migrate stale citations, one citation group (one written chain) at a time.

- Same law before and after (第19条第7号 → 第8号, 別表第一の16 → 別表の24): each citation's own
  tokens are substituted; nothing else in the chain moves.
- The law changes (別表第二の82の項 → 提供命令第2条の表の第117項, 別表第二省令第20条 → 提供命令
  第50条): the chain is rewritten member by member. Members that keep their meaning are copied
  verbatim (captions and connectors included), a law name is written wherever the law a reader
  would infer changes, a table head is written where a list is split between tables, so that the
  rewritten chain re-parses to exactly the successors (and `fix` run twice changes nothing).
Every planned edit is a Fix on exact original offsets; members that are repealed or ambiguous
stay as written and keep their findings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Citation, Finding, Fix
from .numerals import digit_style
from .provision import Provision, parse_id
from .render import DocVoice, render_num, render_provision, substitute, table_head


def plan(findings: list[tuple[Finding, object]], citations: list[Citation], text: str,
         voice: DocVoice, expand=None) -> None:
    """Attach a Fix to every finding that has a unique, safe automatic edit. `expand(law, first,
    last)` lists the rows a range covers as [(row id, (law, successor id) or None)], so that a
    range can be rewritten row by row."""
    fixable: dict[int, tuple[str, Provision]] = {}
    by_cit: dict[int, list[Finding]] = {}
    for f, _res in findings:
        c = f.citation
        by_cit.setdefault(id(c), []).append(f)
        # compact list entries (27 20条) are flagged, not rewritten: the list's heading names the
        # old ordinance, so renumbered entries under it would read as that ordinance's articles
        if f.kind == "stale" and len(f.successors) == 1 and not c.in_history and c.law_how != "compact":
            try:
                fixable[id(c)] = (f.successors[0].law, parse_id(f.successors[0].provision))
            except ValueError:
                continue
    if not fixable:
        return
    groups: dict[int, list[Citation]] = {}
    for c in citations:
        groups.setdefault(c.group, []).append(c)
    done: set[int] = set()
    for c in citations:
        if id(c) not in fixable or c.group in done:
            continue
        done.add(c.group)
        members = sorted((m for m in groups[c.group] if not m.in_history), key=lambda m: m.start)
        changes = {id(m): fixable[id(m)] for m in members if id(m) in fixable}
        # token substitution is enough when the law stays and every row that changes table
        # writes its table itself; a row under a table named elsewhere (…が含まれる項（６０の項）)
        # needs the table written in, which the chain rewrite does
        same_law = all(changes[id(m)][0].upper() == (m.law or "").upper()
                       and (_table_key(changes[id(m)][1]) == _table_key(m.provision) or "APPENDIX" in _tokens(m))
                       for m in members if id(m) in changes)
        same_law = same_law and not any(_has_range(m, members, text) for m in members)
        shared = None if same_law else _rewrite_chain(members, changes, text, voice, expand)
        for m in members:
            if id(m) not in changes:
                continue
            fx = _same_law(m, changes[id(m)][1], text, voice) if same_law else shared
            for f in by_cit.get(id(m), []):
                if f.kind == "stale" and fx is not None:
                    f.fix = fx


def _style(c: Citation, text: str, voice: DocVoice) -> str:
    s, e = c.prov_span
    return digit_style(text[s:e]) or voice.digit


def _same_law(m: Citation, new: Provision, text: str, voice: DocVoice) -> Fix:
    s, e = m.prov_span
    rep = substitute(m, new, text, voice.digit)
    if rep is None:
        rep = render_provision(new, _style(m, text, voice))
    return Fix(s, e, rep)


def _tokens(m: Citation) -> set[str]:
    return {t for t, _ in m.extra.get("tokens", [])}


def _table_key(p: Provision) -> tuple:
    if p.article_table:
        return ("art", p.article)
    if p.appendix is not None:
        return ("appx", p.appendix)
    return ()


def _is_row(m: Citation) -> bool:
    p = m.provision
    return bool(p and p.row and (p.appendix is not None or p.article_table))


def _runs(members: list[Citation]) -> list[list[Citation]]:
    """Consecutive rows written as one list (別表第二の27、29の項) form one run."""
    runs: list[list[Citation]] = []
    for m in members:
        prev = runs[-1][-1] if runs else None
        if prev is not None and _is_row(prev) and _is_row(m) and \
                prev.extra.get("group_span") == m.extra.get("group_span"):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _tok_text(m: Citation, text: str, kind: str) -> str:
    for t, (s, e) in m.extra.get("tokens", []):
        if t == kind:
            return text[s:e]
    return ""


_RANGE_WORDS = ("から", "ないし", "乃至", "~", "〜", "～")
# a head parenthetical that defines a name: （以下「番号法」という。） / （番号利用法）
_DEFINES = re.compile(r"以下|[（(][^（）()]{1,20}(?:法律|法|令|規則|条例|命令)[）)]")


@dataclass
class _Row:
    """One row of a list being rewritten: where it goes (None: it stays), how it was written."""
    old: Provision
    new: tuple[str, Provision] | None
    num: str = ""        # the number as written ("" for a row only implied by a range)
    caption: str = ""
    sep: str = ""        # what followed it in the list (、 / 及び …)


def _entries(run: list[Citation], changes: dict, text: str, expand) -> list[_Row] | None:
    """The rows a list cites, a range (27の項から29の項まで) spelled out as the rows it covers in
    the table as it stood; None when a range cannot be spelled out."""
    rows: list[_Row] = []
    for i, m in enumerate(run):
        tail = text[m.prov_span[1]:(run[i + 1].prov_span[0] if i + 1 < len(run) else m.prov_span[1])]
        caption = _caption_of(tail)
        num = next((text[s:e] for t, (s, e) in m.extra.get("tokens", []) if t in ("ROWNUM", "ROW_DAI")), "")
        rows.append(_Row(m.provision, changes.get(id(m)), num, caption, tail[len(caption):].strip()))
    out: list[_Row] = []
    for i, r in enumerate(rows):
        out.append(r)
        if any(w in r.sep for w in _RANGE_WORDS) and i + 1 < len(rows):
            if expand is None:
                return None
            between = expand(run[i].law, run[i].provision.id, run[i + 1].provision.id)
            if not between:
                return None
            for pid, new in between[1:-1]:
                out.append(_Row(parse_id(pid), (new[0], parse_id(new[1])) if new else None, sep="、"))
            r.sep = "、"
    return out


def _row_run(run: list[Citation], changes: dict, text: str, voice: DocVoice, written: str,
             replace_head: bool, after_head: bool = False, expand=None) -> tuple[str, str] | None:
    """A list of rows, some moved to another table: the moved rows written in the new table's
    form first (each keeping its caption), the others kept (and named) after 及び. Returns
    (text, law now in force), or None when the list cannot be rewritten safely."""
    rows = _entries(run, changes, text, expand)
    if rows is None:
        return None
    moved = [r for r in rows if r.new]
    kept = [r for r in rows if not r.new]
    if not moved or len({r.new[0].upper() for r in moved}) != 1 or len({_table_key(r.new[1]) for r in moved}) != 1:
        return None
    law = moved[0].new[0].upper()
    first = next(r.num for r in rows if r.num)
    st = digit_style(first) or voice.digit
    ika = next(((s, e) for m in run for t, (s, e) in m.extra.get("tokens", []) if t == "IKA"), None)
    appx = next(((s, e) for m in run for t, (s, e) in m.extra.get("tokens", []) if t == "APPENDIX"), None)
    first_num = next((s for m in run for t, (s, e) in m.extra.get("tokens", []) if t in ("ROWNUM", "ROW_DAI")), None)
    out = ""
    # a row of the orphan-table law's 別表 needs no law name (別表の第86項 reads as 番号法's)
    implied = moved[0].new[1].appendix is not None and law == (voice.registry.orphan_table_law() or "").upper()
    if after_head and voice.continues(written, law):
        out += voice.name_after(written, law)
    elif replace_head or (law != written and not implied):
        out += voice.name_for(law)
    out += table_head(moved[0].new[1], st)
    lead = text[appx[1]:first_num] if appx and first_num is not None else "の"
    if ika:
        out += "の以下の項" + text[ika[1]:first_num]
    else:
        bracket = lead.strip(" \u3000")
        out += bracket if bracket in ("（", "(") else "の"   # 別表第二（第27項…）keeps its bracket
    parts = []
    for j, r in enumerate(moved):
        num = render_num(r.new[1].row, st)
        parts.append((num if ika else f"第{num}項") + r.caption)
        if j + 1 < len(moved):
            nxt = moved[j + 1]
            adjacent = rows.index(nxt) == rows.index(r) + 1
            parts.append(r.sep if adjacent and r.sep in ("、", ",", "，", "・", "及び", "並びに", "又は") else "、")
    out += "".join(parts)
    if kept:
        head = _tok_text(run[0], text, "APPENDIX") or table_head(kept[0].old, "kanji")
        ko = _tok_text(run[-1], text, "KO")
        nums_kept = "、".join(r.num or render_num(r.old.row, st) for r in kept)
        out += "及び" + head + "の" + nums_kept + (ko if ko and not nums_kept.endswith("項") else "")
    return out, law


def _caption_of(tail: str) -> str:
    """The parenthesised caption at the start of `tail` (（市町村長）、… → （市町村長）)."""
    t = tail.lstrip(" \u3000")
    if t[:1] in ("（", "("):
        close = "）" if t[0] == "（" else ")"
        end = t.find(close)
        if end > 0:
            return tail[:len(tail) - len(t) + end + 1]
    return ""


def _has_range(m: Citation, members: list[Citation], text: str) -> bool:
    """A row followed by から/ないし within its list (別表第一の30の項から33の項まで)."""
    i = members.index(m)
    if i + 1 >= len(members) or not _is_row(m):
        return False
    between = text[m.prov_span[1]:members[i + 1].prov_span[0]]
    return any(w in between for w in _RANGE_WORDS)


def _rewrite_chain(members: list[Citation], changes: dict, text: str, voice: DocVoice,
                   expand=None) -> Fix | None:
    first = members[0]
    head = None
    if first.law_how in ("explicit", "anaphora") and first.law_span and first.law_span[0] < first.prov_span[0]:
        head = (first.law_span[0], first.prov_span[0])
    kept_head = False
    if head and _DEFINES.search(text[head[0]:head[1]]):
        # a head that defines an abbreviation stays as written (later text uses the name); the
        # new law is named in front of the provisions that move — through the head when the new
        # law's title continues the head's (番号法（…）第19条第8号に基づく…命令第2条の表…)
        start, head, kept_head = first.prov_span[0], None, True
        written_at_start = (first.law or "").upper()
    elif head and any(ch in text[head[0]:head[1]] for ch in "(（") and not all(id(m) in changes for m in members):
        start, head, kept_head = first.prov_span[0], None, True
        written_at_start = (first.law or "").upper()
    else:
        start = head[0] if head else first.prov_span[0]
        written_at_start = (first.law or "").upper() if head else ""
    end = max(m.prov_span[1] for m in members)
    if any(_has_range(m, members, text) for m in members) and text.startswith("まで", end):
        end += 2  # a range written out as a list drops its まで
    registry = voice.registry
    orphan = (registry.orphan_table_law() or "").upper()
    written = written_at_start
    out: list[str] = []
    prev_end = start
    for ri, run in enumerate(_runs(members)):
        lead = run[0]
        at_head = ri == 0 and head is not None
        if not at_head:
            out.append(text[prev_end:lead.prov_span[0]])
        moved = [m for m in run if id(m) in changes]
        if not moved:
            law = (lead.law or "").upper()
            implied = lead.provision.appendix is not None and law == orphan
            if at_head:
                out.append(text[head[0]:head[1]])
            elif written and law != written and not implied:
                out.append(voice.name_for(lead.law))
                written = law
            out.append(text[lead.prov_span[0]:run[-1].prov_span[1]])
            written = written or law
        elif _is_row(lead):
            after_head = ri == 0 and kept_head
            r = _row_run(run, changes, text, voice, written, replace_head=at_head, after_head=after_head,
                         expand=expand)
            if r is None:
                return None
            out.append(r[0])
            written = r[1]
        else:
            nl, np = changes[id(lead)]
            if ri == 0 and kept_head and voice.continues(written, nl):
                out.append(voice.name_after(written, nl))
            elif at_head or nl.upper() != (written or (lead.law or "").upper()):
                out.append(voice.name_for(nl))
            body = substitute(lead, np, text, voice.digit)
            out.append(body if body is not None else render_provision(np, _style(lead, text, voice)))
            written = nl.upper()
        prev_end = run[-1].prov_span[1]
    return Fix(start, end, "".join(out))
