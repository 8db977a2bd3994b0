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
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path


class DocumentError(Exception):
    """A document that cannot be read or written; the message names the file (and line)."""


# a UTF-8 BOM is kept in the text as U+FEFF (decoded as plain utf-8): offsets then count it, as
# any consumer decoding the same bytes as UTF-8 does, and it is written back unchanged
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CASCADE = ("utf-8", "cp932", "euc_jp")


@dataclass
class Document:
    path: Path
    text: str
    encoding: str


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
        if any(b >= 0x80 for b in data[:e.start]):
            # valid multibyte UTF-8 up to here: a damaged UTF-8 file, not Shift_JIS; decoding it
            # as cp932 would "succeed" with mojibake and a fix would write that back
            raise DocumentError(_where(path, data, e, "utf-8")) from None
        first = e
    for enc in _CASCADE[1:]:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise DocumentError(_where(path, data, first, "utf-8, cp932 or euc_jp"))


def _where(path, data: bytes, e: UnicodeDecodeError, tried: str) -> str:
    line = data.count(b"\n", 0, e.start) + 1
    return f"{path}:{line}: cannot decode byte 0x{data[e.start]:02x} at offset {e.start} (tried {tried})"


def read_document(path: Path) -> Document:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise DocumentError(f"{path}: cannot read: {e.strerror or e}") from None
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DocumentError(f"{path}: looks like a binary file, not text")
    text, enc = decode(data, path)
    return Document(Path(path), text, enc)


def encode(text: str, encoding: str, path: Path | str = "<text>") -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as e:
        line = text.count("\n", 0, e.start) + 1
        raise DocumentError(f"{path}:{line}: the fixed text has {text[e.start]!r}, which {encoding} cannot "
                            f"encode; the file was left unchanged") from None


def write_atomic(path: Path, text: str, encoding: str) -> None:
    """Replace `path` with `text` in `encoding`, all or nothing."""
    data = encode(text, encoding, path)
    path = Path(path)
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
