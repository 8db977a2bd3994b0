"""`citations rules …` (derive, outline, validate, test) and `citations explain`.

The main CLI registers `rules_app` as the `rules` sub-command and `explain_command` as
`explain`. Every validation error names file:line.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer

from .provision import parse_id
from .timeline import (Hints, LDict, Timeline, _date, _split_ref, _strs, bound_of,
                       load_timeline, load_yaml, render_ja)

rules_app = typer.Typer(help="The law's timeline as data: derive, check and test rules/.",
                        no_args_is_help=True)

KINDS = {"renumbered", "relabelled", "moved", "abolished", "added", "split"}
STATUSES = {"valid", "stale", "repealed", "ambiguous", "not_yet_valid", "unknown",
            "unverifiable"}


def _rules_dir(path: Optional[Path]) -> Path:
    if path is not None:
        return path
    from .resources import rules_dir
    return rules_dir()


# ---------------------------------------------------------------- derive / outline


@rules_app.command()
def derive(old: Path = typer.Argument(..., help="older e-Gov XML version"),
           new: Path = typer.Argument(..., help="newer e-Gov XML version (or the replacing law)"),
           other_new: Optional[Path] = typer.Option(
               None, "--other-new", help="a law that received rows of a vanished table"),
           context: list[Path] = typer.Option(
               [], "--context", help="parent-law version whose table rows OLD's articles detail"),
           effective: Optional[str] = typer.Option(
               None, "--effective", help="effective date YYYY-MM-DD (default: the interval "
                                          "between the two versions)"),
           output: Optional[Path] = typer.Option(None, "-o", "--output")) -> None:
    """Align two versions of a law and write a draft amendment YAML for review."""
    from .derive import derive as run, draft_yaml
    from .egov import parse_file
    d = run(parse_file(old), parse_file(new), parse_file(other_new) if other_new else None,
            [parse_file(c) for c in context])
    text = draft_yaml(d, date.fromisoformat(effective) if effective else None)
    if output:
        output.write_text(text, encoding="utf-8")
        n = sum(1 for line in text.splitlines() if "REVIEW" in line)
        typer.echo(f"{output}: {len(d.entries)} entries, {n} to review", err=True)
    else:
        sys.stdout.write(text)


@rules_app.command()
def outline(xml: Path = typer.Argument(..., help="e-Gov XML version"),
            law_id: Optional[str] = typer.Option(None, "--law", help="law id if the file "
                                                                      "name has none"),
            partial: bool = typer.Option(False, "--partial",
                                         help="later versions of this law are unknown to us: "
                                              "absence does not mean non-existence"),
            output: Optional[Path] = typer.Option(None, "-o", "--output")) -> None:
    """Write the compact outline of one version (rules/outlines/)."""
    from .egov import outline_yaml, parse_file
    text = outline_yaml(parse_file(xml, law_id), exhaustive=not partial)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


# ---------------------------------------------------------------- validate


def _check_id(prov: Any, where: str, errors: list[str], what: str) -> None:
    try:
        parse_id(str(prov))
    except ValueError:
        errors.append(f"{where}: bad provision id in {what}: {prov!r}")


def _check_date(v: Any, where: str, errors: list[str], what: str) -> None:
    try:
        if isinstance(v, dict):
            unknown = set(v) - {"from", "to"}
            if unknown:
                errors.append(f"{where}: {what}: unknown keys {sorted(unknown)}")
            b = bound_of(v)
            if b.lo and b.hi and b.lo > b.hi:
                errors.append(f"{where}: {what}: interval ends before it starts")
        else:
            if _date(v) is None:
                errors.append(f"{where}: {what} missing")
    except (ValueError, TypeError):
        errors.append(f"{where}: {what}: not a date: {v!r}")


_AMENDMENT_KEYS = {"id", "law_number", "title", "law", "effective", "source", "changes", "tests",
                   "readings", "notes", "derived_by"}
_CHANGE_KEYS = {"law", "old", "new", "also", "kind", "confidence", "effective", "law_number", "subject",
                "keywords", "tags", "review", "candidate", "candidate_score", "note", "evidence"}
_TEST_KEYS = {"provision", "law", "as_of", "hints", "expect", "successors", "also", "note"}


def _unknown_keys(mapping: LDict, allowed: set[str]) -> list[str]:
    return [f"{mapping.at(k)}: unknown key {k!r}" for k in mapping if k not in allowed]


def validate_dir(rules: Path) -> list[str]:
    """Every problem in rules/ as 'file:line: message'."""
    errors: list[str] = []
    files = sorted((rules / "amendments").glob("*.yaml"))
    ids: dict[str, str] = {}
    for p in files:
        data, errs = load_yaml(p)
        errors += errs
        if not isinstance(data, LDict):
            errors.append(f"{p}:1: not a mapping")
            continue
        errors += _unknown_keys(data, _AMENDMENT_KEYS)
        for k in ("id", "law_number", "law", "effective", "source", "changes"):
            if k not in data:
                errors.append(f"{data.at()}: missing {k!r}")
        aid = str(data.get("id", ""))
        if aid in ids:
            errors.append(f"{data.at('id')}: amendment id {aid!r} also in {ids[aid]}")
        ids[aid] = str(p)
        if "effective" in data:
            _check_date(data["effective"], data.at("effective"), errors, "effective")
        src = data.get("source")
        if isinstance(src, dict) and not src:
            errors.append(f"{data.at('source')}: source names no evidence")
        seen: dict[tuple, str] = {}
        for e in data.get("changes") or []:
            if not isinstance(e, LDict):
                errors.append(f"{p}:{getattr(data.get('changes'), 'line', 0)}: change is not a "
                              "mapping")
                continue
            where = e.at()
            errors += _unknown_keys(e, _CHANGE_KEYS)
            kind = e.get("kind")
            if kind not in KINDS:
                errors.append(f"{where}: kind must be one of {sorted(KINDS)}, not {kind!r}")
            old, new = e.get("old"), e.get("new")
            if old is None and kind != "added":
                errors.append(f"{where}: only an 'added' change has no old provision")
            if old is not None:
                _check_id(old, where, errors, "old")
            if not isinstance(new, list):
                errors.append(f"{where}: new must be a list ([] when abolished)")
                new = []
            if kind == "abolished" and new:
                errors.append(f"{where}: an abolished provision has no successors")
            if kind in ("renumbered", "relabelled", "moved", "added", "split") and not new:
                errors.append(f"{where}: {kind} needs a successor in new")
            for r in list(new) + list(e.get("also") or []):
                _check_id(_split_ref(str(r), "")[1], where, errors, "new/also")
            if old is not None and old in [_split_ref(str(r), "")[1] for r in new
                                           if ":" not in str(r)]:
                errors.append(f"{where}: {old} is its own successor")
            conf = e.get("confidence", 1.0)
            if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
                errors.append(f"{where}: confidence must be within 0..1")
            if "effective" in e:
                _check_date(e["effective"], e.at("effective"), errors, "effective")
            rev = e.get("review")
            if rev is not None and (not isinstance(rev, dict) or not rev.get("evidence")):
                errors.append(f"{where}: a review must give its evidence")
            key = (str(e.get("law", data.get("law"))), old, tuple(map(str, new)) if old is None
                   else None)
            if old is not None and key in seen:
                errors.append(f"{where}: {old} changed twice in one amendment (also {seen[key]})")
            seen[key] = where
        for t in data.get("tests") or []:
            if not isinstance(t, LDict):
                errors.append(f"{p}: test is not a mapping")
                continue
            errors += _unknown_keys(t, _TEST_KEYS)
            if t.get("expect") not in STATUSES:
                errors.append(f"{t.at()}: expect must be one of {sorted(STATUSES)}")
            if "provision" in t:
                _check_id(t["provision"], t.at(), errors, "provision")
            else:
                errors.append(f"{t.at()}: test without provision")
            _check_date(t.get("as_of"), t.at(), errors, "as_of")
    for p in sorted((rules / "outlines").glob("*.yaml")):
        data, errs = load_yaml(p)
        errors += errs
        if not isinstance(data, LDict):
            errors.append(f"{p}:1: not a mapping")
            continue
        for k in ("law", "articles"):
            if k not in data:
                errors.append(f"{data.at()}: missing {k!r}")
        from .egov import decode_article, decode_nums
        for section, decode in (("articles", decode_article), ("tables", decode_nums)):
            for key, code in (data.get(section) or {}).items():
                where = data[section].at(key)
                _check_id(key, where, errors, section)
                try:
                    decode(str(code))
                except ValueError as ex:
                    errors.append(f"{where}: {ex}")
    laws, errs = load_yaml(rules / "laws.yaml") if (rules / "laws.yaml").exists() else ({}, [])
    errors += errs
    have = {p.stem for p in (rules / "outlines").glob("*.yaml")}
    for rec in (laws or {}).get("laws", []) or []:
        for name in rec.get("outlines") or []:
            if name not in have:
                errors.append(f"{rec.at('outlines')}: no outline file {name}.yaml")
    if errors:
        return errors
    errors += _timeline_errors(Timeline.from_dir(rules))
    return errors


def _timeline_errors(tl: Timeline) -> list[str]:
    """Problems only the assembled timeline shows: overlapping lives, cycles, dangling ends."""
    errors = list(tl.errors)
    keys = set(tl.changes_from) | set(tl.changes_to)
    for law, prov in sorted(keys):
        events = [(c.bound, 0, c) for c in tl.changes_from.get((law, prov), [])]
        events += [(c.bound, 1, c) for c in tl.changes_to.get((law, prov), [])]
        events.sort(key=lambda e: (e[0].key(), e[1]))
        alive = events[0][1] == 0 or _in_first_outline(tl, law, prov, events)
        last_start = None
        for b, kind, ch in events:
            if kind == 0 and not alive:
                errors.append(f"{ch.where}: {prov} ends on {b} but is not in force then")
            if kind == 1 and alive and last_start is not None:
                errors.append(f"{ch.where}: {prov} starts again on {b} while in force since "
                              f"{last_start.where} (overlapping dates)")
            alive = kind == 1
            last_start = ch if kind == 1 else None
    # a cycle: following successors from a provision comes back to it at a later date
    for (law, prov), chs in sorted(tl.changes_from.items()):
        for ch in chs:
            seen = {(law, prov)}
            frontier = [(r, ch.bound.key()) for r in ch.new]
            steps = 0
            while frontier and steps < 500:
                steps += 1
                ref, after = frontier.pop()
                if ref in seen:
                    errors.append(f"{ch.where}: successors of {law}:{prov} lead back to "
                                  f"{ref[0]}:{ref[1]} (cycle)")
                    break
                seen.add(ref)
                for nxt in tl.changes_from.get(ref, []):
                    if nxt.bound.key() > after:
                        frontier.extend((r, nxt.bound.key()) for r in nxt.new)
    for am in tl.amendments:
        for ch in am.changes:
            for ref in ch.new:
                if ref[0] not in tl.outlines:
                    errors.append(f"{ch.where}: successor law {ref[0]} has no outline")
    return errors


def _in_first_outline(tl: Timeline, law: str, prov: str, events) -> bool:
    first = events[0][0].key()
    for o in tl.outlines.get(law, []):
        if o.version is None or o.version < first:
            if o.provisions.get(prov) is False:
                return True
    return False


@rules_app.command()
def validate(paths: list[Path] = typer.Argument(None, help="rules folder(s); default: "
                                                           "the shipped rules/")) -> None:
    """Check the rule files: schema, duplicate keys, ids, overlapping dates, cycles."""
    dirs = paths or [_rules_dir(None)]
    n = 0
    for d in dirs:
        for err in validate_dir(d):
            typer.echo(err)
            n += 1
    if n:
        typer.echo(f"{n} error(s)", err=True)
        raise typer.Exit(1)
    typer.echo("ok", err=True)


# ---------------------------------------------------------------- test (prh-style)


def _hints(t: dict) -> Hints | None:
    h = t.get("hints")
    if not h:
        return None
    cocited = tuple(_split_ref(str(r), "425AC0000000027") for r in _strs(h.get("cocited")))
    return Hints(caption=str(h.get("caption", "") or ""), cocited=cocited)


def run_tests(rules: Path) -> tuple[int, list[str]]:
    """Run every test case the rule files carry. Returns (number run, failures)."""
    tl = Timeline.from_dir(rules)
    failures: list[str] = []
    n = 0
    for p in sorted((rules / "amendments").glob("*.yaml")):
        data, _ = load_yaml(p)
        home = str((data or {}).get("law", ""))
        for t in (data or {}).get("tests") or []:
            n += 1
            law = str(t.get("law", home))
            r = tl.resolve(law, str(t["provision"]), _date(t["as_of"]), _hints(t))
            where = t.at() if isinstance(t, LDict) else str(p)
            want = t.get("expect")
            problems = []
            if r.status != want:
                problems.append(f"status {r.status} (want {want})")
            if "successors" in t:
                exp = [_split_ref(str(s), law) for s in _strs(t["successors"])]
                got = [(tl.canon(l), pr) for l, pr in r.successors]
                if sorted((tl.canon(l), pr) for l, pr in exp) != sorted(got):
                    problems.append(f"successors {_refs(got)} (want {_refs(exp)})")
            if "also" in t:
                exp = [_split_ref(str(s), law) for s in _strs(t["also"])]
                if sorted((tl.canon(l), pr) for l, pr in exp) != sorted(r.also):
                    problems.append(f"also {_refs(r.also)} (want {_refs(exp)})")
            if problems:
                failures.append(f"{where}: {law}:{t['provision']} on {t['as_of']}: "
                                + "; ".join(problems))
    return n, failures


def _refs(refs) -> str:
    return "[" + ", ".join(f"{l}:{p}" for l, p in refs) + "]"


@rules_app.command("test")
def test_command(path: Optional[Path] = typer.Argument(None, help="rules folder")) -> None:
    """Run the test cases written in the rule files."""
    n, failures = run_tests(_rules_dir(path))
    for f in failures:
        typer.echo(f)
    typer.echo(f"{n - len(failures)}/{n} rule tests passed", err=True)
    if failures:
        raise typer.Exit(1)


# ---------------------------------------------------------------- explain


def explain(provision: str, law: str | None = None, as_of: date | None = None,
            timeline: Timeline | None = None) -> str:
    """A provision's whole history in one view (text); also its resolution on as_of."""
    tl = timeline or load_timeline()
    law = tl.canon(law or "425AC0000000027")
    lines = [f"{tl._law_name(law)} {render_ja(provision)}  [{law} {provision}]"]
    lives = tl.history(law, provision)
    if not lives:
        lines.append("  no recorded life" + ("" if tl.knows(law, provision)
                                              else " (not covered by our outlines)"))
    for lf in lives:
        start = "…" if lf.start is None else str(lf.start)
        end = "…" if lf.end is None else str(lf.end)
        subj = f"  「{lf.subject}」" if lf.subject else ""
        lines.append(f"  {start} – {end}{subj}")
        if lf.start_change is not None:
            c = lf.start_change
            src = "新設" if c.old is None else f"{c.law}:{c.old} から"
            lines.append(f"      from: {src} ({c.kind}; {c.law_number or c.amendment.law_number or c.amendment.id};"
                         f" {c.where})")
        if lf.end_change is not None:
            c = lf.end_change
            to = ", ".join(f"{l}:{p}" for l, p in c.new) or "後継なし"
            extra = " [containing provision]" if lf.inherited_end else ""
            lines.append(f"      to:   {to} ({c.kind}{extra}; conf {c.confidence}; "
                         f"{c.law_number or c.amendment.law_number or c.amendment.id}; {c.where})")
            if c.review:
                lines.append(f"      review: {c.review.get('evidence')}")
    if as_of is not None:
        r = tl.resolve(law, provision, as_of)
        lines.append(f"  on {as_of}: {r.status}"
                     + (f" → {_refs(r.successors)}" if r.successors else "")
                     + (f" also {_refs(r.also)}" if r.also else "")
                     + (f" ({r.reason})" if r.reason else ""))
        if r.note:
            lines.append(f"      {r.note}")
    return "\n".join(lines)


def explain_command(provision: str = typer.Argument(..., help="canonical id, e.g. "
                                                              "AppdxTable2-Row82"),
                    law: Optional[str] = typer.Option(None, "--law",
                                                      help="e-Gov law id (default 番号法)"),
                    as_of: Optional[str] = typer.Option(None, "--as-of",
                                                        help="also resolve on YYYY-MM-DD")) -> None:
    """Print a provision's history: each meaning it had, when, and where it went."""
    typer.echo(explain(provision, law, date.fromisoformat(as_of) if as_of else date.today()))
