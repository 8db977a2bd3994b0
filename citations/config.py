"""Project configuration: `citations.toml` (top-level keys) or `pyproject.toml` `[tool.citations]`.

Discovery is ruff's: walk up from the first path argument's directory and take the first
directory holding `citations.toml`, or a `pyproject.toml` that has a `[tool.citations]` table
(`citations.toml` wins within one directory); `--config FILE` overrides discovery. Relative
paths and globs in a config are relative to the config file's directory.

Keys are kebab-case in TOML and snake_case on `Config`. An unknown key is an error naming the
file and the key, because a misspelt `ignore` silently ignoring nothing is worse than a failure.
"""
from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

import regex

from .catalog import RULES
from .history import DEFAULT_MARKERS
from .output import FORMATS

CONFIG_NAME = "citations.toml"
DEFAULT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".tsv", ".csv")
# never descended into when a directory is expanded (tool caches, VCS, virtual environments)
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                       ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache"})


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    as_of: date | None = None
    select: tuple[str, ...] | None = None          # None: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    history_markers: tuple[str, ...] = DEFAULT_MARKERS
    extend_history_markers: tuple[str, ...] = ()
    history_end_markers: tuple[str, ...] = ()
    include: tuple[str, ...] | None = None         # None: files with DEFAULT_SUFFIXES
    exclude: tuple[str, ...] = ()
    baseline: Path | None = None
    format: str = "text"
    preferred_alias: dict[str, str] = field(default_factory=dict)
    teikyo_meirei_abbreviation: str = "提供命令"    # "" = always write the full title
    introduce_abbreviation: bool = True
    source: Path | None = None                     # the config file used, None for defaults
    root: Path = field(default_factory=Path.cwd)   # what relative globs/paths are relative to

    @property
    def markers(self) -> tuple[str, ...]:
        """The history-region heading markers in effect (for history.find_regions)."""
        return self.history_markers + self.extend_history_markers

    def is_enabled(self, code: str) -> bool:
        """ruff's semantics: `select` defaults to every rule, `extend-select` adds to it,
        `ignore` wins over both; a selector is a code, a prefix of codes, or ALL."""
        selected = (self.select is None or _any_match(code, self.select)
                    or _any_match(code, self.extend_select))
        return selected and not _any_match(code, self.ignore)


def _any_match(code: str, selectors: tuple[str, ...]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


# ---------------------------------------------------------------- value parsers (one per key type)

Parser = Callable[[Any, "_Ctx"], Any]


@dataclass
class _Ctx:
    file: Path
    key: str

    def error(self, what: str) -> ConfigError:
        return ConfigError(f"{self.file}: '{self.key}' {what}")


def _date(v: Any, c: _Ctx) -> date:
    if isinstance(v, date) and not isinstance(v, datetime):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise c.error(f"must be a date such as 2024-05-27, not {v!r}")


def _strings(v: Any, c: _Ctx) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise c.error("must be a list of strings")
    return tuple(v)


def selector_error(s: str) -> str | None:
    """Why `s` is not a rule code, a prefix of one, or ALL (None when it is one): the same
    check for the configuration and the command line."""
    if s == "ALL" or (s and any(code.startswith(s) for code in RULES)):
        return None
    hint = difflib.get_close_matches(s, sorted(RULES), n=1)
    return f"names no rule: {s!r}" + (f"; did you mean {hint[0]!r}?" if hint else "")


def _selectors(v: Any, c: _Ctx) -> tuple[str, ...]:
    out = _strings(v, c)
    for s in out:
        err = selector_error(s)
        if err:
            raise c.error(err)
    return out


def _regexes(v: Any, c: _Ctx) -> tuple[str, ...]:
    out = _strings(v, c)
    for pattern in out:
        try:
            regex.compile(pattern, regex.MULTILINE)  # as history.find_regions compiles them
        except regex.error as e:
            raise c.error(f"has an invalid regular expression {pattern!r}: {e}") from None
    return out


def _string(v: Any, c: _Ctx) -> str:
    if not isinstance(v, str):
        raise c.error("must be a string")
    return v


def _bool(v: Any, c: _Ctx) -> bool:
    if not isinstance(v, bool):
        raise c.error("must be true or false")
    return v


def _path(v: Any, c: _Ctx) -> Path:
    return (c.file.parent / _string(v, c)).resolve()


def _format(v: Any, c: _Ctx) -> str:
    if v not in FORMATS:
        raise c.error(f"must be one of {', '.join(FORMATS)}, not {v!r}")
    return v


def _alias_table(v: Any, c: _Ctx) -> dict[str, str]:
    if not isinstance(v, dict) or not all(isinstance(x, str) for x in v.values()):
        raise c.error('must be a table of law id = "short name"')
    return dict(v)


KEYS: dict[str, Parser] = {
    "as-of": _date,
    "select": _selectors,
    "ignore": _selectors,
    "extend-select": _selectors,
    "history-markers": _regexes,
    "extend-history-markers": _regexes,
    "history-end-markers": _regexes,
    "include": _strings,
    "exclude": _strings,
    "baseline": _path,
    "format": _format,
    "preferred-alias": _alias_table,
    "teikyo-meirei-abbreviation": _string,
    "introduce-abbreviation": _bool,
}


# ---------------------------------------------------------------- discovery and loading

def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None


def _table(path: Path) -> dict[str, Any] | None:
    """The settings a file holds, or None when it is a pyproject.toml without [tool.citations]."""
    data = _read_toml(path)
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("citations")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.citations] must be a table")
    return table


def find_config(start: Path | None = None) -> Path | None:
    """The config file that applies to `start` (a directory or a file), or None."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for d in (here, *here.parents):
        if (d / CONFIG_NAME).is_file():
            return d / CONFIG_NAME
        py = d / "pyproject.toml"
        if py.is_file() and _table(py) is not None:
            return py
    return None


def parse_config(table: dict[str, Any], path: Path) -> Config:
    where = " in [tool.citations]" if path.name == "pyproject.toml" else ""
    values: dict[str, Any] = {}
    for key, raw in table.items():
        parser = KEYS.get(key)
        if parser is None:
            hint = difflib.get_close_matches(key, KEYS, n=1)
            raise ConfigError(f"{path}: unknown key '{key}'{where}"
                              + (f"; did you mean '{hint[0]}'?" if hint else ""))
        values[key.replace("-", "_")] = parser(raw, _Ctx(path, key))
    return Config(**values, source=path, root=path.parent.resolve())


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    path = explicit if explicit is not None else find_config(start)
    if path is None:
        return Config()
    path = Path(path).resolve()
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    return parse_config(_table(path) or {}, path)


# ---------------------------------------------------------------- files to check

def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-style glob: `*` and `?` stay within a path segment, `**/` spans directories."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (j := pattern.find("]", i + 2)) != -1:
            body = pattern[i + 1:j]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = j + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _parts(path: Path, root: Path) -> list[str]:
    p = path.resolve()
    try:
        return list(p.relative_to(root).parts)
    except ValueError:
        return list(p.parts[1:])  # outside the root: only unanchored patterns can match


def _matches(pattern: str, parts: list[str], *, prefixes: bool) -> bool:
    """Does `pattern` match the path? A pattern without a leading or inner slash matches one
    name (the file's, or with `prefixes` any directory's); one with such a slash matches from
    the root (the whole path, or with `prefixes` any leading directories too). A trailing slash
    matches directories only."""
    dir_only = pattern.endswith("/")
    anchored = "/" in pattern.rstrip("/")  # as in gitignore: a leading or inner slash anchors
    pattern = pattern.strip("/").removeprefix("./")
    rx = _glob_regex(pattern)
    if not anchored:
        names = parts[:-1] if dir_only else parts if prefixes else parts[-1:]
        return any(rx.match(n) for n in names)
    ends = range(1, len(parts) + (0 if dir_only else 1)) if prefixes else [len(parts)]
    return any(rx.match("/".join(parts[:n])) for n in ends)


def is_excluded(path: Path, config: Config) -> bool:
    parts = _parts(path, config.root)
    return any(_matches(p, parts, prefixes=True) for p in config.exclude)


def is_included(path: Path, config: Config) -> bool:
    if config.include is None:
        return path.suffix.lower() in DEFAULT_SUFFIXES
    parts = _parts(path, config.root)
    return any(_matches(p, parts, prefixes=False) for p in config.include)


def collect_files(paths: list[Path], config: Config) -> list[Path]:
    """The files to check, in argument order, each once. Directories are expanded recursively
    (sorted) to the files `include` selects; `exclude` applies to everything, also to files
    named explicitly (pre-commit passes every staged file). A path that does not exist is kept,
    so that reading it reports the error."""
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for arg in paths:
        arg = Path(arg)
        if not arg.is_dir():
            if not arg.exists() or not is_excluded(arg, config):
                add(arg)
            continue
        # a folder that cannot be listed is reported (reading it gives the error), not skipped
        for dirpath, dirnames, filenames in os.walk(arg, onerror=lambda e: add(Path(e.filename))):
            d = Path(dirpath)
            dirnames[:] = sorted(n for n in dirnames
                                 if n not in SKIP_DIRS and not is_excluded(d / n, config))
            for name in sorted(filenames):
                f = d / name
                if f.exists() and not f.is_file():
                    continue  # named pipes, sockets, devices: nothing to read (and a pipe blocks)
                if is_included(f, config) and not is_excluded(f, config):
                    add(f)
    return out
