"""Human output, ruff-like:

    doc.txt:3:4: CIT101 [stale] [*] message
      |
    3 | 番号法第１９条第７号及び別表第二の８０の項
      |       ^^^^^^^^^^^^
      = successor: 提供命令第2条の表第117項 (506M60004008009 Art2-Table-Row117)
      = fix: replace with 「…」

Carets are placed by terminal columns, not characters: the documents are Japanese, and a
full-width character takes two columns.
"""
from __future__ import annotations

import re

from ..model import FileResult, Finding, Successor
from .source import Source, char_width, display_width

TAB = "    "            # tabs are shown as four spaces so the caret arithmetic stays simple
MAX_WIDTH = 120         # longer lines (a whole paragraph is often one line) are windowed
CONTEXT = 30            # columns kept either side of the span when windowing
MAX_LINES = 4           # of a span that crosses lines, show at most this many
_NEAR = 4 * MAX_WIDTH   # characters either side of a span worth cutting out of its line

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_RESET = "\x1b[0m"
_STYLE = {"path": "1", "code": "1;31", "warn": "1;33", "note": "1;36", "kind": "2",
          "gutter": "34", "caret": "1;31", "fix": "32", "error": "1;31", "summary": "1"}


def _level_style(kind: str) -> str:
    return {"ambiguous": "warn", "style": "note"}.get(kind, "code")


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"\x1b[{_STYLE[style]}m{text}{_RESET}" if self.color and text else text


def _clip(line: str, lo: int, hi: int) -> tuple[str, int, int]:
    """Window a long line around [lo, hi) (character indices); return the shown text and the
    span's character indices in it."""
    if display_width(line) <= MAX_WIDTH:
        return line, lo, hi
    a = lo
    w = 0
    while a > 0 and w + char_width(line[a - 1]) <= CONTEXT:
        a -= 1
        w += char_width(line[a])
    b = hi
    w = 0
    while b < len(line) and w + char_width(line[b]) <= CONTEXT:
        w += char_width(line[b])
        b += 1
    head = "…" if a > 0 else ""
    tail = "…" if b < len(line) else ""
    return head + line[a:b] + tail, lo - a + len(head), hi - a + len(head)


def _mark(line: str, lo: int, hi: int) -> tuple[str, str]:
    """The line as shown and the caret row under [lo, hi)."""
    line = _CONTROL.sub("\ufffd", line)  # a document's escape codes must not reach the terminal
    shown, lo, hi = _clip(line, lo, hi)
    pad = display_width(shown[:lo].replace("\t", TAB))
    width = max(display_width(shown[lo:hi].replace("\t", TAB)), 1)  # an empty span still gets one caret
    return shown.replace("\t", TAB), " " * pad + "^" * width


def _successor(s: Successor) -> str:
    where = " ".join(x for x in (s.law, s.provision) if x)
    return f"{s.text} ({where})" if s.text else where


def _snippet(f: Finding, src: Source, paint: _Painter) -> list[str]:
    lines = list(src.lines_covering(f.start, f.end))[:MAX_LINES]
    gw = len(str(lines[-1] + 1))
    bar = paint(" " * gw + " |", "gutter")
    out = [bar]
    for i in lines:
        ls, le = src.line_span(i)
        # only the neighbourhood of the span is ever shown: cut it out first, so a document
        # that is one long line costs the same per finding as any other
        ls = max(ls, f.start - _NEAR)
        le = min(le, max(f.end, f.start) + _NEAR)
        lo, hi = max(f.start, ls) - ls, min(max(f.end, f.start), le) - ls
        shown, carets = _mark(src.text[ls:le], lo, hi)
        out.append(paint(f"{i + 1:>{gw}} |", "gutter") + " " + shown)
        out.append(bar + " " + paint(carets, "caret"))
    return out


def _notes(f: Finding, indent: str, paint: _Painter) -> list[str]:
    out = []
    if f.successors:
        label = "successor" if len(f.successors) == 1 else "successors"
        out.append(f"{indent}= {label}: " + " | ".join(_successor(s) for s in f.successors))
    if f.fix:
        out.append(indent + paint(f"= fix: replace with 「{f.fix.replacement}」 (citations fix)", "fix"))
    return out


def _finding(path: str, f: Finding, src: Source, paint: _Painter, show_source: bool) -> list[str]:
    line, col = (f.line, f.column) if f.line else (src.line_col(f.start) if src.text else (0, 0))
    fixable = " [*]" if f.fix else ""
    head = (f"{paint(path, 'path')}:{line}:{col}: {paint(f.code, _level_style(f.kind))} "
            f"{paint('[' + f.kind + ']', 'kind')}{fixable} {' '.join(f.message.splitlines())}")
    if not show_source:
        return [head]
    body = _snippet(f, src, paint) if src.text else []
    indent = " " * (len(str(line)) + 1)
    return [head, *body, *_notes(f, indent, paint)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _summary(results: list[FileResult], paint: _Painter) -> str:
    findings = sum(len(r.findings) for r in results)
    files = sum(1 for r in results if r.findings)
    fixable = sum(1 for r in results for f in r.findings if f.fix)
    errors = sum(1 for r in results if r.error)
    suppressed = sum(r.baseline_suppressed for r in results)
    if findings:
        text = f"Found {_plural(findings, 'finding')} in {_plural(files, 'file')}"
        if fixable:
            text += f" ({fixable} fixable with `citations fix`)"
    else:
        text = f"No findings in {_plural(len(results) - errors, 'file')}"
    if suppressed:
        text += f"; {suppressed} accepted by the baseline"
    text += "."
    if errors:
        text += " " + paint(f"{_plural(errors, 'file')} could not be checked.", "error")
    return paint(text, "summary") if not errors else text


def render_text(results: list[FileResult], color: bool, show_source: bool = True) -> str:
    paint = _Painter(color)
    out: list[str] = []
    for r in results:
        if r.error:
            out.append(f"{paint(r.path, 'path')}: {paint('error', 'error')}: {r.error}")
            continue
        src = Source(r.text)
        for f in sorted(r.findings, key=lambda f: (f.start, f.end, f.code)):
            out.extend(_finding(r.path, f, src, paint, show_source))
            if show_source:
                out.append("")
    out.append(_summary(results, paint))
    return "\n".join(out) + "\n"

