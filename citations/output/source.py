"""Line lookups over a file's text, shared by the output formats and the baseline.

Lines end at CRLF, CR or LF (as in `extract.line_starts`), never at the other characters
`str.splitlines` treats as breaks, so line numbers agree with the JSON contract's.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Finding

_BREAK = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Source:
    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        return [0] + [m.end() for m in _BREAK.finditer(self.text)]

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding `offset`."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def line_span(self, index: int) -> tuple[int, int]:
        """(start, end) of line `index`, end before its line break."""
        start = self.starts[index]
        nxt = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        end = nxt
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, index: int) -> str:
        s, e = self.line_span(index)
        return self.text[s:e]

    def lines_covering(self, start: int, end: int) -> range:
        """Indices of the lines the span [start, end) touches (at least the start's line)."""
        first = self.line_index(start)
        last = self.line_index(max(end - 1, start))
        return range(first, last + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in characters (the JSON contract's)."""
        i = self.line_index(offset)
        return i + 1, offset - self.starts[i] + 1

    @cached_property
    def _astral(self) -> list[int]:
        # offsets of characters outside the BMP (two UTF-16 units each), found once, so a
        # position converts in O(log n) instead of re-reading the text before it
        return [m.start() for m in _ASTRAL.finditer(self.text)]

    def _astral_before(self, offset: int) -> int:
        return bisect_left(self._astral, offset)

    def utf16_line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in UTF-16 code units (SARIF's default)."""
        i = self.line_index(offset)
        start = self.starts[i]
        return i + 1, offset - start + self._astral_before(offset) - self._astral_before(start) + 1

    def utf16_offset(self, offset: int) -> int:
        return offset + self._astral_before(offset)


def utf16_len(s: str) -> int:
    # characters outside the BMP take a surrogate pair
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def char_width(ch: str) -> int:
    """Terminal columns of one character: wide/full-width 2, combining and format marks 0."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(s: str) -> int:
    return sum(char_width(ch) for ch in s)


def finding_line(finding: Finding, source: Source) -> str:
    """The source line(s) the finding sits on, all whitespace removed."""
    if not source.text:
        return ""
    lines = source.lines_covering(finding.start, finding.end)
    return "".join("".join(source.line_text(i).split()) for i in lines)


def fingerprint(finding: Finding, source: Source) -> str:
    """Identity of a finding that survives line moves and re-indentation (baseline, SARIF)."""
    # NUL separators keep ("CIT1", "01…") distinct from ("CIT101", "…")
    data = "\0".join((finding.code, finding.provision or "", finding_line(finding, source)))
    return hashlib.sha1(data.encode("utf-8")).hexdigest()
