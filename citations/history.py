"""History regions: parts of a document that record earlier wording on purpose.

A 特定個人情報保護評価書 ends with a change log, 「（別添N）変更箇所」, whose 変更前の記載 column
holds the citations as they were. They are correct as history: `check` lists them with
`in_history: true` and reports no finding on them; `fix` never touches them.

The same heading also appears in the table of contents near the top of the document. The real
one is recognised by what follows it: the log's column headings (変更日, 変更前の記載, …) or a
dated row, before any other heading. A region runs from its heading to the end of the document,
or to an end marker when one is configured.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

# 「（別添２）変更箇所」, also wrapped in HTML tags, split over two lines, or without the 別添 label
DEFAULT_MARKERS = (r"^[ \t\u3000]*(?:<[^<>\n]*>[ \t\u3000]*)*"
                   r"(?:[(（]?別添[ \t\u3000]*[0-9０-９一二三四五六七八九十]*[)）]?[ \t\u3000]*(?:\r?\n[ \t\u3000]*)?)?"
                   r"変更(?:箇所|履歴)[ \t\u3000]*(?:<[^<>\n]*>[ \t\u3000]*)*\r?$",)
# what the change log's first lines look like
# what a change log's first lines hold: its column headings, or a row's 事前/事後 mark (a date
# alone is not enough: a table of contents is often followed by the 公表日)
_LOG_START = regex.compile(r"変更日|変更前の記載|変更後の記載|提出時期|(?:^|[ \t\u3000])事[前後][ \t\u3000]*$")
_LOOKAHEAD_LINES = 60  # PDF layouts put the column headings after the first rows


@dataclass
class Regions:
    spans: list[tuple[int, int]]  # sorted, non-overlapping, original offsets

    def __post_init__(self) -> None:
        self._starts = [s for s, _ in self.spans]

    def contains(self, offset: int) -> bool:
        i = bisect_right(self._starts, offset) - 1
        return i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]


def find_regions(text: str, markers: tuple[str, ...] = DEFAULT_MARKERS,
                 end_markers: tuple[str, ...] = ()) -> Regions:
    heads = regex.compile("|".join(f"(?:{m})" for m in markers), regex.MULTILINE) if markers else None
    ends = regex.compile("|".join(f"(?:{m})" for m in end_markers), regex.MULTILINE) if end_markers else None
    if heads is None:
        return Regions([])
    if "\r" in text:
        # a lone CR ends a line too (old Mac files, a stray CR from a copy): same length, so
        # every offset found here is an offset of the original
        text = regex.sub(r"\r(?!\n)", "\n", text)
    candidates = [m for m in heads.finditer(text)]
    starts = []
    for i, m in enumerate(candidates):
        nxt = candidates[i + 1].start() if i + 1 < len(candidates) else len(text)
        if _opens_log(text, m.end(), nxt):
            starts.append(m.start())
    spans: list[tuple[int, int]] = []
    for s in starts:
        if spans and s < spans[-1][1]:
            continue  # already inside the region before
        e = len(text)
        if ends is not None:
            em = ends.search(text, s + 1)
            if em:
                e = em.start()
        spans.append((s, e))
    return Regions(spans)


def _opens_log(text: str, pos: int, limit: int) -> bool:
    """True when the lines after a heading (up to the next heading) look like a change log."""
    seen = 0
    for line in text[pos:limit].splitlines():
        if not line.strip():
            continue
        if _LOG_START.search(line.rstrip("\r")):
            return True
        seen += 1
        if seen >= _LOOKAHEAD_LINES:
            return False
    return False
