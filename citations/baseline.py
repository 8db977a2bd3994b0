"""A baseline: findings a team has accepted, so `check` reports only new ones.

The file is JSON, ``{"version": 1, "findings": [{"path", "code", "provision", "fingerprint"}]}``.
An entry matches by its text, not its position: the fingerprint hashes the rule code, the
provision and the finding's source line with all whitespace removed, so inserting lines above
it or re-indenting it keeps it accepted, while editing the cited line makes it new again.
Matching counts: two identical findings need two entries, so a copy of an accepted mistake is
still reported.
"""
from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from pathlib import Path

from .model import FileResult, Finding
from .output.source import Source, fingerprint

VERSION = 1

Key = tuple[str, str, str]  # (code, provision or "", fingerprint)


class BaselineError(ValueError):
    pass


def _key(finding: Finding, source: Source) -> Key:
    return finding.code, finding.provision or "", fingerprint(finding, source)


def _rel(path: str | Path, base: Path) -> str:
    """`path` relative to `base`, forward slashes; the absolute path when on another drive."""
    p = Path(path).resolve()
    try:
        rel = os.path.relpath(p, base)
    except ValueError:
        rel = str(p)
    return rel.replace(os.sep, "/")


class Baseline:
    def __init__(self, base: Path, entries: dict[str, Counter[Key]] | None = None) -> None:
        self.base = base.resolve()   # the baseline file's directory
        self.entries: dict[str, Counter[Key]] = entries or {}

    @classmethod
    def load(cls, path: Path) -> Baseline:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise BaselineError(f"{path}: cannot read baseline: {e.strerror or e}") from e
        except json.JSONDecodeError as e:
            raise BaselineError(f"{path}: not a JSON baseline: {e}") from e
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise BaselineError(f"{path}: unsupported baseline (expected version {VERSION})")
        if not isinstance(data.get("findings"), list):
            raise BaselineError(f"{path}: baseline has no \"findings\" list")
        entries: dict[str, Counter[Key]] = {}
        for n, e in enumerate(data["findings"]):
            try:
                p, key = e["path"], (e["code"], e.get("provision") or "", e["fingerprint"])
            except (KeyError, TypeError):
                raise BaselineError(f"{path}: entry {n} lacks path, code or fingerprint") from None
            entries.setdefault(p, Counter())[key] += 1
        return cls(path.parent, entries)

    def __len__(self) -> int:
        return sum(sum(c.values()) for c in self.entries.values())

    def filter(self, result: FileResult) -> FileResult:
        """A copy of `result` without the accepted findings; they are counted in
        `baseline_suppressed`. Pure: filtering the same result twice gives the same answer."""
        left = Counter(self.entries.get(_rel(result.path, self.base), ()))
        if not left or result.error:
            return result
        source = Source(result.text)
        kept: list[Finding] = []
        for f in result.findings:
            k = _key(f, source)
            if left[k] > 0:
                left[k] -= 1
            else:
                kept.append(f)
        return dataclasses.replace(
            result, findings=kept,
            baseline_suppressed=result.baseline_suppressed + len(result.findings) - len(kept))


def baseline_entries(path: Path, results: list[FileResult]) -> list[dict[str, str]]:
    base = Path(path).parent.resolve()
    out = []
    for r in results:
        if r.error:
            continue  # nothing was checked, so nothing can be accepted
        source = Source(r.text)
        rel = _rel(r.path, base)
        for f in r.findings:
            code, prov, fp = _key(f, source)
            out.append({"path": rel, "code": code, "provision": prov, "fingerprint": fp})
    # sorted so that regenerating an unchanged baseline gives an identical file (clean diffs)
    out.sort(key=lambda e: (e["path"], e["code"], e["provision"], e["fingerprint"]))
    return out


def write_baseline(path: Path, results: list[FileResult]) -> int:
    """Write a baseline accepting every finding in `results`; returns the number of entries."""
    path = Path(path)
    entries = baseline_entries(path, results)
    body = json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=2)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(body + "\n", encoding="utf-8")
    os.replace(tmp, path)  # atomic: a failed run never leaves half a baseline
    return len(entries)
