"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request diff.

    ::error file=doc.txt,line=3,endLine=3,col=4,endColumn=16,title=CIT101::message

Columns are the contract's (1-based characters); endColumn is exclusive, as in ruff's output.
"""
from __future__ import annotations

from ..model import FileResult, Finding
from .source import Source

_LEVEL = {"ambiguous": "warning", "style": "notice"}  # every other kind is an error


def escape_data(s: str) -> str:
    # the message part: % first, so the escapes added after it are not escaped again
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, props: dict[str, object], message: str) -> str:
    p = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{level} {p}::{escape_data(message)}"


def _message(f: Finding) -> str:
    lines = [f.message]
    if f.successors:
        lines.append("successor: " + " | ".join(s.text or f"{s.law} {s.provision}" for s in f.successors))
    if f.fix:
        lines.append(f"fix: replace with 「{f.fix.replacement}」 (citations fix)")
    return "\n".join(lines)


def _annotation(r: FileResult, f: Finding, src: Source) -> str:
    if src.text:
        line, col = src.line_col(f.start)
        end_line, end_col = src.line_col(max(f.end, f.start))
    else:
        line, col = f.line, f.column
        end_line, end_col = line, col + (f.end - f.start)
    props = {"file": r.path.replace("\\", "/"), "line": line, "endLine": end_line,
             "col": col, "endColumn": end_col, "title": f.code}
    return _command(_LEVEL.get(f.kind, "error"), props, _message(f))


def render_github(results: list[FileResult]) -> str:
    out = []
    for r in results:
        if r.error:
            out.append(_command("error", {"file": r.path.replace("\\", "/"), "title": "citations"}, r.error))
            continue
        src = Source(r.text)
        out.extend(_annotation(r, f, src) for f in r.findings)
    return "".join(line + "\n" for line in out)
