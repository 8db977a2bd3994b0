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

from .model import Citation, Finding, Fix
from .numerals import digit_style
from .provision import Provision, parse_id
from .render import DocVoice, render_provision, substitute, table_head


def plan(findings: list[tuple[Finding, object]], citations: list[Citation], text: str,
         voice: DocVoice) -> None:
    """Attach a Fix to every finding that has a unique, safe automatic edit."""
    fixable: dict[int, tuple[str, Provision]] = {}
    by_cit: dict[int, list[Finding]] = {}
    for f, _res in findings:
        c = f.citation
        by_cit.setdefault(id(c), []).append(f)
        if f.kind == "stale" and len(f.successors) == 1 and not c.in_history:
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
        if all(law.upper() == (m.law or "").upper() for m in members
               for law, _ in [changes.get(id(m), (m.law, None))]):
            for m in members:
                if id(m) in changes:
                    fx = _same_law(m, changes[id(m)][1], text, voice)
                    for f in by_cit.get(id(m), []):
                        if f.kind == "stale":
                            f.fix = fx
        else:
            fx = _rewrite_chain(members, changes, text, voice)
            if fx is None:
                continue
            for m in members:
                if id(m) in changes:
                    for f in by_cit.get(id(m), []):
                        if f.kind == "stale":
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


def _rewrite_chain(members: list[Citation], changes: dict, text: str, voice: DocVoice) -> Fix | None:
    first = members[0]
    head = None
    if first.law_how in ("explicit", "anaphora") and first.law_span and first.law_span[0] < first.prov_span[0]:
        head = (first.law_span[0], first.prov_span[0])
        if any(ch in text[head[0]:head[1]] for ch in "(（"):
            return None  # a head that defines an abbreviation or a law number: leave to a person
    start = head[0] if head else first.prov_span[0]
    end = max(m.prov_span[1] for m in members)
    registry = voice.registry
    orphan = (registry.orphan_table_law() or "").upper()
    # the list's closing の項, for lists split between two tables
    list_ko = ""
    for t, (s, e) in members[-1].extra.get("tokens", []):
        if t == "KO":
            list_ko = text[s:e]
    orig_head = next((text[s:e] for m in members for t, (s, e) in m.extra.get("tokens", []) if t == "APPENDIX"), "")
    written = (first.law or "").upper() if head else ""
    news = [changes.get(id(m), (m.law, m.provision)) for m in members]
    out: list[str] = []
    prev_end = start
    prev_table: tuple = ()
    for i, (m, (nl, np)) in enumerate(zip(members, news)):
        nl_u = (nl or "").upper()
        if i == 0 and head:
            out.append(text[head[0]:head[1]] if nl_u == written else voice.name_for(nl))
            written = nl_u
        else:
            out.append(text[prev_end:m.prov_span[0]])
            context = written or (m.law or "").upper()
            table_of_orphan = np.appendix is not None and nl_u == orphan and \
                f"AppdxTable{np.appendix}" not in getattr(registry.get(written), "tables", [])
            if nl_u != context and not table_of_orphan:
                out.append(voice.name_for(nl))
                written = nl_u
            elif table_of_orphan:
                written = written or nl_u
        key = _table_key(np)
        has_head = "APPENDIX" in _tokens(m) or (m.prov_span[0] == m.start and "TABLE_OF" in _tokens(m))
        if id(m) in changes:
            body = substitute(m, np, text, voice.digit, convert_head=True)
            if body is None:
                body = render_provision(np, _style(m, text, voice))
                has_head = True
        else:
            body = text[m.prov_span[0]:m.prov_span[1]]
        if key and not has_head and key != prev_table:
            st = _style(m, text, voice)
            if np.appendix is not None and not np.article_table:
                h = orig_head or table_head(np, "kanji")
            else:
                h = table_head(np, st)
            body = h + "の" + body
        nxt = news[i + 1][1] if i + 1 < len(news) else None
        if list_ko and nxt is not None and _table_key(nxt) != key and "KO" not in _tokens(m) \
                and "ROW_DAI" not in _tokens(m) and key:
            body += list_ko
        out.append(body)
        prev_table = key
        prev_end = m.prov_span[1]
    return Fix(start, end, "".join(out))
