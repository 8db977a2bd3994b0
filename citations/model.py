"""The records that flow through the pipeline: Citation (found, resolved) and Finding (checked).

Offsets are character offsets into the decoded original text, end exclusive, as in the JSON
contract. Nothing here knows about parsing or law data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .provision import Provision

# Finding kinds of the JSON contract.
KINDS = ("stale", "repealed", "ambiguous", "not_yet_valid", "unknown", "style")


@dataclass
class Citation:
    start: int
    end: int
    text: str
    law: str | None              # e-Gov law id (or the tool's own id for unlisted laws)
    provision: Provision | None  # None: a bare law name
    in_history: bool = False
    # --- resolution details, not part of the JSON contract ---
    law_how: str = ""            # explicit | abbreviation | anaphora | context | default | compact
    law_span: tuple[int, int] | None = None  # where the law name was written (original offsets)
    law_text: str = ""           # the law name as written (e.g. 番号利用法)
    group: int = 0               # citations written together (one sentence/cell) share a group
    caption: str = ""            # a parenthesised caption written right after the provision
    # the exact original span of the provision's own tokens (without the law name), for rewriting
    prov_span: tuple[int, int] | None = None
    line: int = 0
    column: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def provision_id(self) -> str | None:
        return self.provision.id if self.provision else None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "line": self.line, "column": self.column,
            "text": self.text, "law": self.law, "provision": self.provision_id,
            "in_history": self.in_history,
        }


@dataclass
class Successor:
    law: str
    provision: str
    text: str = ""  # how the successor is written in the document's style

    def to_json(self) -> dict[str, Any]:
        return {"law": self.law, "provision": self.provision, "text": self.text}


@dataclass
class Fix:
    start: int
    end: int
    replacement: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass
class Finding:
    start: int
    end: int
    code: str                    # stable rule code, e.g. CIT101
    kind: str                    # one of KINDS
    message: str
    law: str | None
    provision: str | None
    successors: list[Successor] = field(default_factory=list)
    fix: Fix | None = None
    line: int = 0
    column: int = 0
    citation: Citation | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start, "end": self.end, "line": self.line, "column": self.column,
            "code": self.code, "kind": self.kind, "message": self.message,
            "law": self.law, "provision": self.provision,
            "successors": [s.to_json() for s in self.successors],
            "fix": self.fix.to_json() if self.fix else None,
        }


@dataclass
class FileResult:
    """Everything `check` learned about one file; what the output formats render."""
    path: str
    text: str = ""
    citations: list[Citation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None          # set when the file could not be read or processed
    encoding: str = "utf-8"
    baseline_suppressed: int = 0      # findings hidden because the baseline accepts them

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"path": self.path,
                             "citations": [c.to_json() for c in self.citations],
                             "findings": [f.to_json() for f in self.findings]}
        if self.error:
            d["error"] = self.error
        return d
