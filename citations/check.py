"""Citations + the law's timeline → findings (the validity half of `check`).

Each citation is resolved on the as-of date with the hints its sentence gives (a caption such as
（委託先への提供）, the provisions cited next to it), and every status other than `valid` becomes a
finding with a stable code (citations/catalog.py), a Japanese message naming the successor and the
amendment, and — for a unique successor — an exact-offset fix planned by citations/fixplan.py.
Findings inside history regions are not reported unless asked for.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from .catalog import rule
from .extract import Extraction
from .laws import Registry
from .model import Citation, Finding, Successor
from .provision import parse_id
from .render import DocVoice, render_provision

_CODES = {"stale": "CIT101", "repealed": "CIT102", "ambiguous": "CIT103",
          "not_yet_valid": "CIT104", "unknown": "CIT105"}
_KIND_JA = {"stale": "改正により移動・変更", "repealed": "廃止（後継規定なし）",
            "ambiguous": "後継規定が一つに定まらない", "not_yet_valid": "基準日には未施行",
            "unknown": "存在しない規定"}


def compounds(citations: list[Citation]) -> dict[int, list[Citation]]:
    """Citations written in one sentence / cell, which read together."""
    out: dict[int, list[Citation]] = defaultdict(list)
    for c in citations:
        out[c.extra.get("sentence", -1)].append(c)
    return out


def validity_findings(ex: Extraction, as_of: date, timeline, registry: Registry, voice: DocVoice,
                      include_history: bool = False) -> list[tuple[Finding, object]]:
    """(finding, resolution) pairs; the resolution feeds the fix planner."""
    from .timeline import Hints

    out = []
    # what each sentence cites, once per sentence (a compact list puts hundreds of entries in
    # one cell; its entries are sub-items of one ordinance and give no hint, so they are left out)
    cocited: dict[tuple[int, bool], tuple] = {}
    for sent, members in compounds(ex.citations).items():
        for hist in (False, True):
            seen = dict.fromkeys((o.law, o.provision_id) for o in members
                                 if o.law and o.provision is not None and o.in_history == hist
                                 and o.law_how != "compact")
            cocited[(sent, hist)] = tuple(seen)
    for c in ex.citations:
        if c.law is None or c.provision is None or (c.in_history and not include_history):
            continue
        if c.provision.appendix == "?":
            continue
        mine = (c.law, c.provision_id)
        hints = Hints(caption=c.caption or c.extra.get("term", ""),
                      cocited=tuple(x for x in cocited.get((c.extra.get("sentence", -1), c.in_history), ())
                                    if x != mine))
        res = timeline.resolve(c.law, c.provision_id, as_of, hints)
        if res.status in ("valid", "unverifiable"):
            continue
        kind = res.status
        drifted = res.reason == "drifted"
        code = ("CIT106" if kind == "stale" else "CIT107" if kind == "ambiguous" else _CODES[kind]) \
            if drifted else _CODES[kind]
        succ = list(res.successors)
        whole_table = c.provision.appendix is not None and not c.provision.row
        if whole_table:
            succ = []  # a whole abolished table has no one-to-one successor: a person rewrites it
        successors = [Successor(law, prov, _succ_text(law, prov, c.law, voice)) for law, prov in succ]
        f = Finding(start=c.start, end=c.end, code=code, kind=kind,
                    message=_message(c, kind, res, successors, whole_table),
                    law=c.law, provision=c.provision_id, successors=successors,
                    line=c.line, column=c.column, citation=c)
        out.append((f, res))
    return out


def _succ_text(law: str, prov: str, cited_law: str, voice: DocVoice) -> str:
    try:
        p = parse_id(prov)
    except ValueError:
        return prov
    body = render_provision(p, voice.digit)
    if law.upper() == (cited_law or "").upper():
        return body
    short = voice.names.get(law.upper()) or _short_name(voice, law)
    return short + body


def _short_name(voice: DocVoice, law: str) -> str:
    lw = voice.registry.get(law)
    if lw is None:
        return law
    return (voice.abbreviations.get(law.upper()) or (lw.aliases[0] if lw.aliases else lw.title))


def _message(c: Citation, kind: str, res, successors: list[Successor], whole_table: bool) -> str:
    written = c.text.replace("\n", "")
    parts = [f"「{written}」は{_KIND_JA[kind]}"]
    if res.note:
        parts.append(res.note)
    if successors:
        parts.append("後継: " + "、".join(s.text or s.provision for s in successors))
    elif whole_table and kind == "stale":
        parts.append("表全体の引用のため自動修正はしません（提供命令等への書換えは人が判断）")
    return "。".join(p.rstrip("。") for p in parts) + "。"


def rule_kind(code: str) -> str:
    return rule(code).kind
