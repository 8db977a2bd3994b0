"""Output formats: `render(fmt, ...)` picks one by name (the `--format` option)."""
from __future__ import annotations

from datetime import date

from ..model import FileResult
from .github import render_github
from .json_out import render_json
from .sarif import render_sarif
from .text import render_text

FORMATS = ("text", "json", "sarif", "github")


def render(fmt: str, results: list[FileResult], as_of: date, color: bool = False,
           show_source: bool = True) -> str:
    """`color` and `show_source` affect only the text format."""
    if fmt == "text":
        return render_text(results, color, show_source)
    if fmt == "json":
        return render_json(results, as_of)
    if fmt == "sarif":
        return render_sarif(results, as_of)
    if fmt == "github":
        return render_github(results)
    raise ValueError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render", "render_text", "render_json", "render_sarif", "render_github"]
