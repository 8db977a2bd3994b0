"""Normalise a document's text for matching, keeping a map back to the original offsets.

Real assessment documents are PDF or HTML extractions: citations are hard-wrapped mid-number
(`第１⏎３条`), split by HTML tags, written in full-width, ASCII or kanji digits, and carry OCR
look-alikes (`1号口` for `1号ロ`). The finder and the grammar only ever see the normalised text;
every span they produce is mapped back with `Normalized.span`, so fixes are edits on exact
offsets of the original.

What changes (each normalised character remembers the original [start, end) it came from):
- full-width ASCII → ASCII (`１９` → `19`, `（` → `(`), U+3000 → space, half-width `｢｣､･` → `「」、・`;
- kanji numerals → ASCII digits (`第十九条` → `第19条`, `百十五の二` → `115の2`);
- after `<digit>号`, the look-alikes 口/二/力/八 → ロ/ニ/カ/ハ (the katakana sub-item letters);
- whitelisted HTML tags → one space (non-HTML `<選択肢>` stays);
- line breaks: a single break inside running text is removed (PDF hard wrap), or becomes a
  space before a bullet or an enumerator (`２．`, `・`, `①`) so numbers never glue across it; a
  blank line becomes `\\n` (a hard boundary); a break followed by a TAB (a TSV continuation row)
  becomes `\\t`. In documents made of TAB-separated rows every break is a boundary.
"""
from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass

import regex

from .numerals import KANJI_CHARS, kanji_to_int

_TRANSLATE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TRANSLATE.update({0x3000: 0x20, 0xFF62: ord("「"), 0xFF63: ord("」"), 0xFF64: ord("、"),
                   0xFF65: ord("・"), 0x2212: ord("-"), 0x2010: ord("-"), 0x2011: ord("-"),
                   0x2012: ord("-"), 0x2013: ord("-"), 0x00A0: 0x20})

OCR_LOOKALIKES = {"口": "ロ", "二": "ニ", "力": "カ", "八": "ハ", "へ": "ヘ"}
# half-width katakana (ﾛ) → full width; only the single-character ones (no sound marks)
for _c in range(0xFF66, 0xFF9E):
    _n = unicodedata.normalize("NFKC", chr(_c))
    if len(_n) == 1:
        _TRANSLATE[_c] = ord(_n)

_TAGS = ("p|div|ul|ol|li|span|br|input|table|tr|td|th|tbody|thead|b|i|u|s|strong|em|font|a|"
         "h[1-6]|label|section|article|small|sup|sub|hr|img|dl|dt|dd|center|pre|code|blockquote")
_BULLET = r"[・●○◆◇■□▪◎※\-－＊*①-⑳⑴-⒇❶-❿➀-➉]"
_ENUMERATOR = r"(?:[0-9０-９]+|[一二三四五六七八九十]+)(?:[．.)）:：]|[ 　](?=\S))"

# a page footer alone on its line (－ ６ －, - 6 -, 6 / 12, 6ページ): a PDF puts it wherever the
# page broke, even inside a list of rows
_PAGE_MARK = (r"(?:[-－―ー—‐]\s*[0-9０-９]{1,4}\s*[-－―ー—‐]|[0-9０-９]{1,4}\s*[/／]\s*[0-9０-９]{1,4}"
              r"|[0-9０-９]{1,4}\s*ページ|[Pp](?:age)?\.?\s*[0-9０-９]{1,4})")
_LIST_OPEN = "、，,・"

_SCAN = regex.compile(
    rf"(?P<tag></?(?:{_TAGS})\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*/?>)"
    rf"|(?P<nl>(?:\r\n|\r|\n)(?:[ \t\u3000]*(?:(?P<page>{_PAGE_MARK})[ \t\u3000]*)?(?:\r\n|\r|\n))*)"
    r"(?P<indent>[ \t\u3000]*)"
    # katakana ニ / long-vowel ー typed for 二 / 一 in a table's number (別表第ニ)
    r"|(?P<tableno>(?<=別表第)[ニー](?=[の0-9０-９\s、,)）]|$))"
    rf"|(?P<ocr>(?<=[0-9０-９{KANJI_CHARS}]号)(?:[口二力八](?![0-9０-９{KANJI_CHARS}座\p{{Hiragana}}])"
    # hiragana へ after 号 is far more often the particle (第７号から第８号へ改正) than a
    # mistyped sub-item ヘ: only where nothing but a list word, bracket or the end follows
    rf"|へ(?<!から第[0-9０-９{KANJI_CHARS}]{{1,6}}号へ)(?=[及並又若・、，）)」\]]|まで|に|\s|$)))"
    # spaces a word processor puts around numbers: 第 19 条 / 31 の項 (never between two numbers,
    # which is how compact lists separate a row from its article: 27 20条)
    rf"|(?P<numspace>(?<=第)[ \u3000]+(?=[0-9０-９{KANJI_CHARS}])"
    rf"|(?<=[0-9０-９])[ \u3000]+(?=[条項号]|の項|の[0-9０-９])"
    rf"|(?<=条の表)[ \u3000]+(?=第[0-9０-９{KANJI_CHARS}])"
    rf"|(?<=[条項号]の)[ \u3000]+(?=[0-9０-９])|(?<=[^ \u3000]の)[ \u3000]+(?=[0-9０-９]+[ \u3000]*の?項))"
    rf"|(?P<kanji>[{KANJI_CHARS}]+)"
    rf"|(?P<plain>[^<\r\n{KANJI_CHARS}口力へニー \u3000]+|.)",  # stops where a special may start
    regex.IGNORECASE | regex.DOTALL,
)
_NEXT_LINE_SOFT = regex.compile(rf"{_BULLET}|{_ENUMERATOR}")
_TSV_LINE = regex.compile(r"\t")
_ITEM_COUNT = regex.compile(r"[0-9０-９]+項目")


def _mixed_digits(text: str, a: int, b: int) -> bool:
    """A wrap between a full-width and an ASCII digit (１２０⏎100項目以上, ９３⏎2024/5/27) is not
    one number split by the PDF: a wrapped number keeps its width."""
    if a == 0 or b >= len(text):
        return False
    prev, nxt = text[a - 1], text[b]
    if not (prev.isdigit() and nxt.isdigit()):
        return False
    return ("0" <= prev <= "9") != ("0" <= nxt <= "9") or bool(_ITEM_COUNT.match(text, b))


@dataclass
class Normalized:
    text: str
    starts: array  # original start offset of each normalised character
    ends: array    # original end offset (exclusive) of each normalised character
    original: str

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original [start, end) of the normalised slice [a, b)."""
        if b <= a:
            pos = self.starts[a] if a < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[a], self.ends[b - 1]

    def index(self, orig_offset: int) -> int:
        """The first normalised index whose source starts at or after `orig_offset`."""
        i = bisect_right(self.starts, orig_offset - 1)
        return i


def is_tsv(text: str) -> bool:
    """True for documents made of TAB-separated rows (HTML-table exports), where a line break
    ends a cell rather than wrapping a line."""
    lines = [ln for ln in text.splitlines()[:2000] if ln.strip()]
    if not lines:
        return False
    return sum(1 for ln in lines if "\t" in ln) / len(lines) > 0.25


def normalize(text: str, tsv: bool | None = None) -> Normalized:
    if tsv is None:
        tsv = is_tsv(text)
    out: list[str] = []
    starts = array("l")
    ends = array("l")

    def emit(s: str, a: int, b: int) -> None:
        out.append(s)
        starts.extend([a] * len(s))
        ends.extend([b] * len(s))

    for m in _SCAN.finditer(text):
        kind = m.lastgroup
        if kind == "indent":  # the indent group closes the nl alternative
            kind = "nl"
        a, b = m.span()
        if kind == "plain":
            out.append(m.group().translate(_TRANSLATE))
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
        elif kind == "kanji":
            s = str(kanji_to_int(m.group()))
            if out and out[-1][-1:].isdigit():
                emit(" ", a, a)  # 「２７二」: keep two numbers apart (an empty source span)
            # one digit per source character where lengths agree (一〇五), else all span the run
            if len(s) == b - a:
                starts.extend(range(a, b))
                ends.extend(range(a + 1, b + 1))
                out.append(s)
            else:
                emit(s, a, b)
            if b < len(text) and (text[b].isdigit()):
                emit(" ", b, b)  # 「別表第二２７の項」 is table 2, row 27 — not table 227
        elif kind == "numspace":
            continue  # dropped; both neighbours keep their own offsets
        elif kind == "tableno":
            emit("2" if m.group() == "ニ" else "1", a, b)
        elif kind == "ocr":
            emit(OCR_LOOKALIKES[m.group()], a, b)
        elif kind == "tag":
            emit(" ", a, b)
        else:  # nl (+ the next line's indentation, consumed with it)
            nl = m.group("nl")
            indent = m.group("indent") or ""
            if m.end() >= len(text):
                emit("\n", a, b)
                continue
            blank = nl.count("\n") + nl.count("\r") - nl.count("\r\n") >= 2
            if m.group("page") and out and out[-1][-1:] in _LIST_OPEN:
                emit(" ", a, b)  # a list goes on after the page break
            elif blank:
                emit("\n", a, b)
            elif "\t" in indent:
                emit("\t", a, b)
            elif tsv:
                emit("\n", a, b)
            elif _NEXT_LINE_SOFT.match(text, b) or _mixed_digits(text, a, b):
                emit(" ", a, b)
            else:
                # hard wrap inside running text: the join keeps split numbers and titles whole.
                # Map the (empty) join to nothing; offsets of both sides stay exact.
                continue
    return Normalized("".join(out), starts, ends, text)
