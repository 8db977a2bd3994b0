"""The `citations` command (Typer)."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from .extract import extract

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Check and update citations of Japanese statutes in administrative documents.")


@app.command()
def parse(source: str = typer.Argument(..., help="a file path, or the text itself")) -> None:
    """Show every citation in TEXT or FILE with its law and provision id."""
    text = source
    if len(source) < 1024 and "\n" not in source and Path(source).is_file():
        text = Path(source).read_text(encoding="utf-8")
    ex = extract(text)
    for c in ex.citations:
        flag = " [history]" if c.in_history else ""
        shown = c.text.replace("\n", "⏎")
        typer.echo(f"{c.line}:{c.column}\t{c.law}\t{c.provision_id}\t{shown}{flag}")


@app.command()
def check(paths: list[Path] = typer.Argument(...),
          fmt: str = typer.Option("text", "--format"),
          as_of: Optional[str] = typer.Option(None, "--as-of")) -> None:
    """Report citations that are not valid on the as-of date."""
    d = date.fromisoformat(as_of) if as_of else date.today()
    files = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        ex = extract(text)
        files.append({"path": str(p), "citations": [c.to_json() for c in ex.citations], "findings": []})
    json.dump({"version": 1, "as_of": d.isoformat(), "files": files}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def main() -> None:
    app()
