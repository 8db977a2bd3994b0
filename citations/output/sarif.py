"""SARIF 2.1.0, for GitHub code scanning and editors' SARIF viewers.

Positions are in UTF-16 code units (`run.columnKind = "utf16CodeUnits"`, SARIF's default), for
columns and for charOffset/charLength alike, so a character outside the BMP (𠮷) counts 2.
Columns are 1-based and endColumn is exclusive, as SARIF defines them.
"""
from __future__ import annotations

import json
from datetime import date
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..catalog import RULES, Rule
from ..model import FileResult, Finding
from .source import Source, fingerprint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "citations/v1"

_LEVEL = {"stale": "error", "repealed": "error", "unknown": "error", "not_yet_valid": "error",
          "ambiguous": "warning", "style": "note"}
_RULE_IDS = list(RULES)


def information_uri() -> str | None:
    """The project's home page from the installed metadata ([project.urls] Homepage)."""
    try:
        meta = metadata("citations")
    except PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or ():
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source"):
            return url.strip()
    return meta.get("Home-page") or None


def level(kind: str) -> str:
    return _LEVEL.get(kind, "warning")


def artifact_uri(path: str) -> str:
    """A relative URI with forward slashes; an absolute path outside the cwd becomes file://."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _rule(r: Rule) -> dict[str, Any]:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": f"{r.summary} ({r.summary_ja})"},
        "help": {"text": r.summary_ja + ("（`citations fix` で自動修正できます）" if r.fixable else "")},
        "defaultConfiguration": {"level": level(r.kind)},
        "properties": {"tags": [r.kind]},
    }


def _region(src: Source, start: int, end: int) -> dict[str, Any]:
    end = max(end, start)
    sl, sc = src.utf16_line_col(start)
    el, ec = src.utf16_line_col(end)
    off = src.utf16_offset(start)
    return {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
            "charOffset": off, "charLength": src.utf16_offset(end) - off}


def _result(uri: str, f: Finding, src: Source) -> dict[str, Any]:
    loc: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    if src.text:
        loc["region"] = _region(src, f.start, f.end)
    elif f.line:
        loc["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
    res: dict[str, Any] = {"ruleId": f.code}
    if f.code in RULES:
        res["ruleIndex"] = _RULE_IDS.index(f.code)
    res.update({
        "level": level(f.kind),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": loc}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f, src)},
        "properties": {"kind": f.kind, "law": f.law, "provision": f.provision,
                       "successors": [s.to_json() for s in f.successors]},
    })
    if f.fix and src.text:
        res["fixes"] = [{
            "description": {"text": f"「{f.fix.replacement}」に置き換える"},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{"deletedRegion": _region(src, f.fix.start, f.fix.end),
                                  "insertedContent": {"text": f.fix.replacement}}],
            }],
        }]
    return res


def sarif_log(results: list[FileResult], as_of: date) -> dict[str, Any]:
    out: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for r in results:
        uri = artifact_uri(r.path)
        if r.error:
            # a file that could not be checked is a tool notification, not a result
            notes.append({"level": "error", "message": {"text": r.error},
                          "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
            continue
        src = Source(r.text)
        out.extend(_result(uri, f, src) for f in r.findings)
    invocation: dict[str, Any] = {"executionSuccessful": not notes}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    driver: dict[str, Any] = {"name": "citations", "version": __version__}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = [_rule(RULES[c]) for c in _RULE_IDS]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "utf16CodeUnits",
            "results": out,
            "properties": {"asOf": as_of.isoformat()},
        }],
    }


def render_sarif(results: list[FileResult], as_of: date) -> str:
    return json.dumps(sarif_log(results, as_of), ensure_ascii=False, indent=2) + "\n"
