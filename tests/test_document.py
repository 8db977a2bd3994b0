"""Reading and writing files: encodings, newlines, atomic writes, clear errors."""
import codecs
import os

import pytest

from citations.document import DocumentError, apply_edits, read_document, write_atomic

TEXT = "番号法第１９条第７号及び別表第二の８０の項\r\n次の行\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp", "utf-16"])
def test_round_trip_keeps_encoding_and_newlines(tmp_path, encoding):
    p = tmp_path / "doc.txt"
    p.write_bytes(TEXT.encode(encoding))
    doc = read_document(p)
    assert doc.text.lstrip("\ufeff") == TEXT
    write_atomic(p, doc.text.replace("第７号", "第８号"), doc.encoding)
    assert p.read_bytes() == TEXT.replace("第７号", "第８号").encode(encoding)


def test_utf8_bom_is_counted_in_offsets_and_kept(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    doc = read_document(p)
    assert doc.text[0] == "\ufeff" and doc.encoding == "utf-8"
    write_atomic(p, doc.text, doc.encoding)
    assert p.read_bytes().startswith(b"\xef\xbb\xbf")


def test_undecodable_file_names_file_and_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("一行目\n".encode("utf-8") + b"\x80\xff\xfe\n")
    with pytest.raises(DocumentError, match=r"bad\.txt:2: cannot decode"):
        read_document(p)


def test_unencodable_fix_leaves_the_file_unchanged(tmp_path):
    p = tmp_path / "sj.txt"
    p.write_bytes("番号法".encode("cp932"))
    with pytest.raises(DocumentError, match=r"sj\.txt:1: .*cp932"):
        write_atomic(p, "番号法\U0001F600", "cp932")
    assert p.read_bytes() == "番号法".encode("cp932")
    assert os.listdir(tmp_path) == ["sj.txt"]   # no temporary file left behind


def test_write_keeps_permissions(tmp_path):
    p = tmp_path / "ro.txt"
    p.write_text("x", encoding="utf-8")
    os.chmod(p, 0o640)
    write_atomic(p, "y", "utf-8")
    assert (os.stat(p).st_mode & 0o777) == 0o640


def test_apply_edits_rejects_overlaps():
    assert apply_edits("abcdef", [(1, 2, "X"), (4, 6, "")]) == "aXcd"
    with pytest.raises(ValueError):
        apply_edits("abcdef", [(1, 4, "X"), (3, 5, "Y")])


def test_legacy_encodings_are_told_apart_and_kept_byte_for_byte(tmp_path):
    from citations.document import write_atomic
    text = "評価書\n番号法別表第二の４２の項に基づく。\n"
    for enc in ("euc_jp", "cp932"):
        p = tmp_path / f"{enc}.txt"
        p.write_bytes(text.encode(enc))
        doc = read_document(p)
        assert (doc.text, doc.encoding) == (text, enc)
    # NEC/IBM duplicate codes (0x8790 ≒) on an untouched line survive a rewrite
    p = tmp_path / "dup.txt"
    raw = b"\x87\x90\n" + "番号法別表第二の４２の項\n".encode("cp932")
    p.write_bytes(raw)
    doc = read_document(p)
    write_atomic(p, doc.text.replace("別表第二の４２の項", "別表第二の４３の項"), doc.encoding, doc)
    assert p.read_bytes().startswith(b"\x87\x90\n")


def test_utf16_keeps_its_byte_order_and_links_are_written_through(tmp_path):
    from citations.document import write_atomic
    p = tmp_path / "be.txt"
    p.write_bytes(codecs.BOM_UTF16_BE + "番号法\n".encode("utf-16-be"))
    doc = read_document(p)
    write_atomic(p, doc.text + "x", doc.encoding, doc)
    assert p.read_bytes().startswith(codecs.BOM_UTF16_BE)
    link = tmp_path / "link.txt"
    link.symlink_to(p)
    write_atomic(link, "y", "utf-8")
    assert link.is_symlink() and p.read_text() == "y"
