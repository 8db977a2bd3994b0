"""Reading and writing documents without disturbing a byte we did not mean to change.

Encodings: municipal documents come as UTF-8 (with or without BOM), Shift_JIS/CP932, EUC-JP or
UTF-16 with a BOM. A strict-decode cascade over exactly these is deterministic and never guesses
a Western encoding for a short Japanese text, which statistical detectors (chardet,
charset-normalizer) sometimes do; so no detection library is used. The encoding found (and its BOM)
is kept for the write-back.

Newlines: the text is decoded without newline translation, so offsets count `\\r\\n` as two
characters and a fix never converts line endings.

Writes are atomic: the new content goes to a temporary file in the same directory, is flushed and
fsynced, then replaces the original with os.replace (keeping its permission bits). A crash leaves
either the old or the new file, never half of one.
"""
from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path


class DocumentError(Exception):
    """A document that cannot be read or written; the message names the file (and line)."""


# a UTF-8 BOM is kept in the text as U+FEFF (decoded as plain utf-8): offsets then count it, as
# any consumer decoding the same bytes as UTF-8 does, and it is written back unchanged
# (UTF-16 likewise keeps its BOM as U+FEFF, so the byte order survives a rewrite)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_CASCADE = ("utf-8", "cp932", "euc_jp")
# valid multibyte UTF-8 characters before the first bad byte that make a file damaged UTF-8
# rather than Shift_JIS / EUC-JP whose byte pairs happen to look like UTF-8 now and then
_UTF8_EVIDENCE = 16
# what a wrong legacy decoding produces: C1 controls, private-use characters
_IMPLAUSIBLE = re.compile("[\x80-\x9f\ue000-\uf8ff]")


@dataclass
class Document:
    path: Path
    text: str
    encoding: str
    raw: bytes = b""


def _japanese_score(text: str) -> int:
    """How much `text` reads as Japanese: kana and kanji count, half-width katakana (what
    EUC-JP bytes become when read as CP932) counts against."""
    score = 0
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF:
            score += 1
        elif 0xFF61 <= o <= 0xFF9F:
            score -= 2
    return score


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise DocumentError(_where(path, data, e, enc)) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        prefix = data[:e.start].decode("utf-8")
        if sum(1 for ch in prefix if ord(ch) > 0x7F) >= _UTF8_EVIDENCE:
            # plenty of valid multibyte UTF-8 up to here: a damaged UTF-8 file, not Shift_JIS;
            # decoding it as cp932 would "succeed" with mojibake and a fix would write that back
            raise DocumentError(_where(path, data, e, "utf-8")) from None
        first = e
    decoded = []
    for enc in _CASCADE[1:]:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if not _IMPLAUSIBLE.search(text):
            decoded.append((text, enc))
    if decoded:
        # EUC-JP bytes often decode as CP932 too (as half-width katakana): take the reading
        # that looks like Japanese
        return max(decoded, key=lambda d: _japanese_score(d[0]))
    raise DocumentError(_where(path, data, first, "utf-8, cp932 or euc_jp"))


def _where(path, data: bytes, e: UnicodeDecodeError, tried: str) -> str:
    line = data.count(b"\n", 0, e.start) + 1
    return f"{path}:{line}: cannot decode byte 0x{data[e.start]:02x} at offset {e.start} (tried {tried})"


def read_document(path: Path) -> Document:
    try:
        if Path(path).is_dir():
            os.listdir(path)  # raises when the folder cannot be read
            raise DocumentError(f"{path}: is a folder")
        if Path(path).exists() and not Path(path).is_file():
            raise DocumentError(f"{path}: not a regular file (a pipe or device is never read)")
        data = Path(path).read_bytes()
    except OSError as e:
        raise DocumentError(f"{path}: cannot read: {e.strerror or e}") from None
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DocumentError(f"{path}: looks like a binary file, not text")
    text, enc = decode(data, path)
    return Document(Path(path), text, enc, data)


def encode(text: str, encoding: str, path: Path | str = "<text>") -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as e:
        line = text.count("\n", 0, e.start) + 1
        raise DocumentError(f"{path}:{line}: the fixed text has {text[e.start]!r}, which {encoding} cannot "
                            f"encode; the file was left unchanged") from None


def _keep_bytes(old_text: str, raw: bytes, data: bytes, encoding: str) -> bytes:
    """Lines the fix did not touch keep their original bytes. CP932 and EUC-JP have
    characters with two codes (NEC/IBM duplicates, JIS X 0212) that a decode/encode round trip
    would rewrite; a line break byte never occurs inside their multibyte characters, so the
    files split into the same lines as bytes and as text."""
    if encoding not in ("cp932", "euc_jp") or not raw or old_text.encode(encoding, "replace") == raw:
        return data
    old_lines = raw.split(b"\n")
    new_lines = data.split(b"\n")
    if len(old_lines) != len(old_text.split("\n")):
        return data
    sm = difflib.SequenceMatcher(None, [ln.decode(encoding, "replace") for ln in old_lines],
                                 [ln.decode(encoding, "replace") for ln in new_lines], autojunk=False)
    out: list[bytes] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        out.extend(old_lines[i1:i2] if tag == "equal" else new_lines[j1:j2])
    return b"\n".join(out)


def write_atomic(path: Path, text: str, encoding: str, original: Document | None = None) -> None:
    """Replace `path` with `text` in `encoding`, all or nothing. A symbolic link is written
    through (its target changes, the link stays); a file without write permission is refused."""
    data = encode(text, encoding, path)
    if original is not None:
        data = _keep_bytes(original.text, original.raw, data, encoding)
    path = Path(os.path.realpath(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise DocumentError(f"{path}: cannot write: the file is read-only; it was left unchanged")
    if path.exists() and not path.is_file():
        raise DocumentError(f"{path}: cannot write: not a regular file")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise DocumentError(f"{path}: cannot write: {e.strerror or e}") from None


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, replacement) edits given on `text`'s offsets."""
    out, pos = [], 0
    for s, e, rep in sorted(edits):
        if s < pos:
            raise ValueError(f"overlapping edits at {s}")
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)
