"""The machine-readable contract (/work/shared/eval/CONTRACT.md): one JSON document per run."""
from __future__ import annotations

import json
from datetime import date

from ..model import FileResult

VERSION = 1


def render_json(results: list[FileResult], as_of: date) -> str:
    # FileResult.to_json already gives a file that failed empty lists and an "error" key
    doc = {"version": VERSION, "as_of": as_of.isoformat(), "files": [r.to_json() for r in results]}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
