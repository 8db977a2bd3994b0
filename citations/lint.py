"""One document through the whole pipeline: extract → check (validity + consistency) → plan
fixes; and `fix`: apply the planned edits until nothing is left to fix.

This module never touches files; citations/cli.py reads and writes them (citations/document.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .check import validity_findings
from .consistency import style_findings
from .extract import extract
from .fixplan import plan
from .laws import Registry, load_registry
from .model import FileResult, Finding, Fix
from .render import DocVoice

TEIKYO = "506M60004008009"
# fixing to a fixpoint: a second pass picks up style fixes that overlapped a rewrite
_MAX_PASSES = 6


@dataclass
class Options:
    as_of: date
    include_history: bool = False
    history_markers: tuple[str, ...] = ()
    history_end_markers: tuple[str, ...] = ()
    preferred_alias: dict[str, str] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=lambda: {TEIKYO: "提供命令"})
    introduce_abbreviation: bool = True
    enabled: object = None  # callable(code) -> bool; None = every rule

    @classmethod
    def from_config(cls, config, as_of: date, include_history: bool = False) -> "Options":
        abbr = {TEIKYO: config.teikyo_meirei_abbreviation} if config.teikyo_meirei_abbreviation else {}
        return cls(as_of=as_of, include_history=include_history,
                   history_markers=config.markers, history_end_markers=config.history_end_markers,
                   preferred_alias={k.upper(): v for k, v in config.preferred_alias.items()},
                   abbreviations=abbr, introduce_abbreviation=config.introduce_abbreviation,
                   enabled=config.is_enabled)


def check_text(text: str, path: str, opts: Options, registry: Registry | None = None,
               timeline=None) -> FileResult:
    from .history import DEFAULT_MARKERS
    from .timeline import load_timeline

    registry = registry or load_registry()
    timeline = timeline or load_timeline()
    ex = extract(text, registry, opts.history_markers or DEFAULT_MARKERS, opts.history_end_markers)
    voice = DocVoice.of(ex, registry, opts.preferred_alias, opts.abbreviations, opts.introduce_abbreviation)
    validity = validity_findings(ex, opts.as_of, timeline, registry, voice, opts.include_history)
    def expand(law: str, first: str, last: str):
        """The rows of a range and where each went (for rewriting 27の項から29の項まで)."""
        out = []
        for pid in timeline.rows_between(law, first, last):
            r = timeline.resolve(law, pid, opts.as_of)
            out.append((pid, r.successors[0] if r.status == "stale" and len(r.successors) == 1 else None))
        return out

    plan(validity, ex.citations, text, voice, expand)
    findings = [f for f, _ in validity] + style_findings(ex, registry, validity, opts.as_of, timeline)
    if opts.enabled is not None:
        findings = [f for f in findings if opts.enabled(f.code)]
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return FileResult(path=path, text=text, citations=ex.citations, findings=findings)


def select_fixes(findings: list[Finding], style: bool = False) -> list[Fix]:
    """Non-overlapping fixes, validity fixes first (a rewrite wins over a style touch-up that
    overlaps it; the touch-up is picked up by the next pass). Style fixes only when asked for:
    a migration touches the stale citations and nothing else."""
    seen: set[tuple[int, int, str]] = set()
    cands = []
    for f in findings:
        if f.fix is None or (f.kind == "style" and not style):
            continue
        key = (f.fix.start, f.fix.end, f.fix.replacement)
        if key in seen:
            continue
        seen.add(key)
        cands.append((0 if f.kind != "style" else 1, f.fix))
    cands.sort(key=lambda x: (x[0], x[1].start))
    chosen: list[Fix] = []
    for _, fx in cands:
        if all(fx.end <= c.start or fx.start >= c.end for c in chosen) and \
                not any(fx.start == fx.end == c.start for c in chosen):
            chosen.append(fx)
    return sorted(chosen, key=lambda f: f.start)


def fix_text(text: str, path: str, opts: Options, registry: Registry | None = None,
             timeline=None, style: bool = False) -> tuple[str, FileResult, int]:
    """(new text, the check result on the new text, number of edits applied)."""
    from .document import apply_edits

    applied = 0
    result = check_text(text, path, opts, registry, timeline)
    rewritten: list[tuple[int, int]] = []  # what earlier passes wrote (in the current text)
    for _ in range(_MAX_PASSES):
        # a citation a previous pass wrote is never rewritten again: if it still reads as stale
        # the data or the renderer is wrong, and a second rewrite would only compound it
        # (style touch-ups converge by themselves and may land inside a rewritten citation)
        touchups = {(f.fix.start, f.fix.end, f.fix.replacement) for f in result.findings
                    if f.kind == "style" and f.fix is not None
                    and len(f.fix.replacement) == f.fix.end - f.fix.start}  # 1→１, 口→ロ
        fixes = [f for f in select_fixes(result.findings, style)
                 if (f.start, f.end, f.replacement) in touchups
                 or not any(f.start < e and s < f.end for s, e in rewritten)]
        if not fixes:
            break
        text = apply_edits(text, [(f.start, f.end, f.replacement) for f in fixes])
        rewritten = _shift(rewritten, fixes) + [
            span for f, span in zip(fixes, _new_spans(fixes))
            if (f.start, f.end, f.replacement) not in touchups]
        applied += len(fixes)
        result = check_text(text, path, opts, registry, timeline)
    return text, result, applied


def _new_spans(fixes: list[Fix]) -> list[tuple[int, int]]:
    """Where the replacements of `fixes` (sorted, non-overlapping) stand in the new text."""
    out, delta = [], 0
    for f in fixes:
        out.append((f.start + delta, f.start + delta + len(f.replacement)))
        delta += len(f.replacement) - (f.end - f.start)
    return out


def _shift(spans: list[tuple[int, int]], fixes: list[Fix]) -> list[tuple[int, int]]:
    """Move earlier spans by the length changes of edits made before them."""
    out = []
    for s, e in spans:
        d = sum(len(f.replacement) - (f.end - f.start) for f in fixes if f.end <= s)
        out.append((s + d, e + d))
    return out
