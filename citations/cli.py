"""The `citations` command.

    citations check PATH... [--as-of DATE] [--format text|json|sarif|github]
    citations fix PATH... [--as-of DATE] [--diff] [--dry-run]
    citations parse TEXT|FILE
    citations explain PROVISION [--law LAW] [--as-of DATE]
    citations rules derive|validate|test

Exit codes (as ruff): 0 clean, 1 findings (or, for `fix`, findings left), 2 usage or input error.
A file that cannot be read is reported and the other files go on.
"""
from __future__ import annotations

import difflib
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from .config import Config, ConfigError, collect_files, load_config, selector_error
from .document import DocumentError, read_document, write_atomic
from .lint import Options, check_text, fix_text
from .model import FileResult

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
                  help="Check and update citations of Japanese statutes in administrative documents.")


def _fail(msg: str) -> None:
    typer.echo(f"citations: error: {msg}", err=True)
    raise typer.Exit(2)


def _date(s: Optional[str], cfg: Config) -> date:
    if s:
        try:
            return date.fromisoformat(s)
        except ValueError:
            _fail(f"--as-of {s!r} is not a date (YYYY-MM-DD)")
    return cfg.as_of or date.today()


def _config(paths: List[Path], config: Optional[Path], select, ignore) -> Config:
    try:
        cfg = load_config(start=paths[0] if paths else None, explicit=config)
    except ConfigError as e:
        _fail(str(e))
    if select:
        cfg.select = _known_codes("--select", select)
    if ignore:
        cfg.ignore = tuple(cfg.ignore) + _known_codes("--ignore", ignore)
    return cfg


def _known_codes(flag: str, values: List[str]) -> tuple:
    """Rule codes / prefixes given on the command line, checked as the configuration's are."""
    codes = tuple(x.strip() for s in values for x in s.split(",") if x.strip())
    for c in codes:
        err = selector_error(c)
        if err:
            _fail(f"{flag}: {err}")
    return codes


def _files(paths: List[Path], cfg: Config) -> List[Path]:
    files = collect_files(paths, cfg)
    if not files:
        _fail("no files to check (see `include`/`exclude` in the configuration)")
    return files


_PATHS = typer.Argument(..., help="files or folders (folders are searched recursively)")
_AS_OF = typer.Option(None, "--as-of", help="check validity on this date (default: config `as-of`, else today)")
_CONFIG = typer.Option(None, "--config", help="use this citations.toml / pyproject.toml")
_SELECT = typer.Option(None, "--select", help="only these rule codes or prefixes (comma-separated)")
_IGNORE = typer.Option(None, "--ignore", help="skip these rule codes or prefixes")


@app.command()
def check(paths: List[Path] = _PATHS,
          fmt: Optional[str] = typer.Option(None, "--format", help="text | json | sarif | github"),
          as_of: Optional[str] = _AS_OF,
          include_history: bool = typer.Option(False, "--include-history",
                                               help="also report findings inside change-log regions"),
          config: Optional[Path] = _CONFIG,
          select: Optional[List[str]] = _SELECT,
          ignore: Optional[List[str]] = _IGNORE,
          baseline: Optional[Path] = typer.Option(None, "--baseline", help="accept the findings listed in this file"),
          write_baseline: Optional[Path] = typer.Option(None, "--write-baseline",
                                                        help="write the current findings to this baseline file"),
          no_source: bool = typer.Option(False, "--no-source", help="text format: one line per finding"),
          exit_zero: bool = typer.Option(False, "--exit-zero", help="exit 0 even when there are findings")) -> None:
    """Report citations that are not valid on the as-of date, or inconsistent in the document."""
    from .baseline import Baseline, BaselineError
    from .baseline import write_baseline as _write_baseline
    from .output import FORMATS, render

    cfg = _config(paths, config, select, ignore)
    d = _date(as_of, cfg)
    fmt = fmt or cfg.format
    if fmt not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}")
    opts = Options.from_config(cfg, d, include_history)
    results = [_check_one(p, opts) for p in _files(paths, cfg)]
    if write_baseline:
        n = _write_baseline(write_baseline, results)
        typer.echo(f"wrote {n} findings to {write_baseline}", err=True)
    bl_path = baseline or cfg.baseline
    if bl_path and not write_baseline:
        try:
            bl = Baseline.load(bl_path)
        except BaselineError as e:
            _fail(str(e))
        results = [bl.filter(r) for r in results]
    out = render(fmt, results, d, color=fmt == "text" and sys.stdout.isatty(), show_source=not no_source)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if any(r.error for r in results):
        raise typer.Exit(2)
    if any(r.findings for r in results) and not exit_zero:
        raise typer.Exit(1)


def _check_one(path: Path, opts: Options) -> FileResult:
    try:
        doc = read_document(path)
        r = check_text(doc.text, str(path), opts)
        r.encoding = doc.encoding
        return r
    except DocumentError as e:
        return FileResult(path=str(path), error=str(e))
    except Exception as e:  # one bad file must not stop a bulk run
        return FileResult(path=str(path), error=f"{path}: internal error: {type(e).__name__}: {e}")


@app.command()
def fix(paths: List[Path] = _PATHS,
        as_of: Optional[str] = _AS_OF,
        diff: bool = typer.Option(False, "--diff", help="print a unified diff instead of writing"),
        dry_run: bool = typer.Option(False, "--dry-run", help="write nothing; report what would change"),
        style: bool = typer.Option(False, "--style", help="also apply style fixes (CIT2xx: look-alike letters, "
                                   "digit width, mixed short names); by default only stale citations are rewritten"),
        config: Optional[Path] = _CONFIG,
        select: Optional[List[str]] = _SELECT,
        ignore: Optional[List[str]] = _IGNORE) -> None:
    """Rewrite every stale citation whose successor is unique, in the document's own style.
    History regions are never touched; ambiguous and repealed citations stay flagged."""
    cfg = _config(paths, config, select, ignore)
    d = _date(as_of, cfg)
    opts = Options.from_config(cfg, d)
    errors = remaining = changed = edits = 0
    for p in _files(paths, cfg):
        try:
            doc = read_document(p)
            new, result, n = fix_text(doc.text, str(p), opts, style=style)
            if new != doc.text:
                if diff:
                    sys.stdout.write(_unified(doc.text, new, str(p)))
                elif not dry_run:
                    write_atomic(p, new, doc.encoding, doc)
                changed += 1  # counted once written: a refused write changed nothing
                edits += n
            remaining += len(result.findings)
        except DocumentError as e:
            errors += 1
            typer.echo(f"{p}: error: {e}", err=True)
        except Exception as e:  # reported, and the rest of the run goes on
            errors += 1
            typer.echo(f"{p}: internal error: {type(e).__name__}: {e}", err=True)
    verb = "would change" if (diff or dry_run) else "changed"
    typer.echo(f"{verb} {changed} file(s) ({edits} edit(s)); {remaining} finding(s) left for a person"
               + (f"; {errors} file(s) could not be processed" if errors else ""), err=True)
    if errors:
        raise typer.Exit(2)
    if remaining:
        raise typer.Exit(1)


def _lines(text: str) -> List[str]:
    """Lines ending at LF only: str.splitlines would also cut at form feeds and lone CRs,
    which `patch` does not, and the diff would not apply."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    return out + [parts[-1]] if parts[-1] else out


def _unified(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(_lines(old), _lines(new),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    out = "".join(l if l.endswith("\n") else l + "\n\\ No newline at end of file\n" for l in lines)
    return out


@app.command()
def parse(source: str = typer.Argument(..., help="a file path, or the text itself")) -> None:
    """Show every citation in TEXT or FILE with its law and provision id."""
    from .extract import extract

    text = source
    if len(source) < 1024 and "\n" not in source and Path(source).is_file():
        try:
            text = read_document(Path(source)).text
        except DocumentError as e:
            _fail(str(e))
    for c in extract(text).citations:
        flag = " [history]" if c.in_history else ""
        shown = c.text.replace("\n", "⏎")
        typer.echo(f"{c.line}:{c.column}\t{c.law}\t{c.provision_id}\t{shown}{flag}")


def _register_rules() -> None:
    from .rules_cli import explain_command, rules_app

    app.add_typer(rules_app, name="rules", help="Derive, validate and test the law timeline tables.")
    app.command("explain")(explain_command)


_register_rules()


def main() -> None:
    try:
        app()
    except (OSError, UnicodeError, ValueError, TypeError, LookupError, AttributeError) as e:
        # input the commands did not foresee (a bad baseline entry, an unwritable --write-baseline
        # path, a config file that is not UTF-8): a usage/input error, not a findings exit
        typer.echo(f"citations: error: {type(e).__name__}: {e}", err=True)
        sys.exit(2)
