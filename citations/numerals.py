"""Kanji numerals <-> integers, and writing numbers back in a document's own digit style."""
from __future__ import annotations

KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_CHARS = "".join(KANJI_DIGITS) + "".join(KANJI_UNITS)
_DIGIT_KANJI = {v: k for k, v in KANJI_DIGITS.items()}


def kanji_to_int(s: str) -> int:
    """二十三 -> 23, 百十五 -> 115, 千二百 -> 1200; digit-by-digit forms (一〇五 -> 105) too."""
    if not s:
        raise ValueError("empty numeral")
    if not any(c in KANJI_UNITS for c in s):
        return int("".join(str(KANJI_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in KANJI_DIGITS:
            digit = KANJI_DIGITS[c]
        else:
            total += (digit if digit is not None else 1) * KANJI_UNITS[c]
            digit = None
    return total + (digit or 0)


def int_to_kanji(n: int) -> str:
    """23 -> 二十三, 115 -> 百十五 (the statutory style: no 一 before 十/百/千)."""
    if n == 0:
        return "〇"
    out = []
    for unit, ch in ((1000, "千"), (100, "百"), (10, "十")):
        q, n = divmod(n, unit)
        if q:
            out.append(("" if q == 1 else _DIGIT_KANJI[q]) + ch)
    if n:
        out.append(_DIGIT_KANJI[n])
    return "".join(out)


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def render_number(n: int, style: str) -> str:
    """Write n in a digit style: 'ascii' (19), 'full' (１９) or 'kanji' (十九)."""
    if style == "kanji":
        return int_to_kanji(n)
    s = str(n)
    return s.translate(_FULLWIDTH) if style == "full" else s


def digit_style(text: str) -> str | None:
    """The digit style a piece of source text uses, or None when it has no digits.
    Mixed text reports the style of its first digit."""
    for c in text:
        if "0" <= c <= "9":
            return "ascii"
        if "０" <= c <= "９":
            return "full"
        if c in KANJI_CHARS:
            return "kanji"
    return None
