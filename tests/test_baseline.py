"""Baseline: accepted findings survive line moves, are counted, and are matched per file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from citations.baseline import Baseline, BaselineError, write_baseline
from citations.catalog import RULES
from citations.model import FileResult, Finding
from citations.output.source import Source

BANGO = "425AC0000000027"
LINE = "番号法第１９条第７号及び別表第二の８０の項に基づく"


def find_all(text: str, span: str, code: str = "CIT106", provision: str = "Art19-Item7") -> list[Finding]:
    """One finding per occurrence of `span`, as the checker would report them."""
    out, i = [], text.find(span)
    while i != -1:
        line, col = Source(text).line_col(i)
        out.append(Finding(i, i + len(span), code, RULES[code].kind, "m", BANGO, provision,
                           line=line, column=col))
        i = text.find(span, i + 1)
    return out


def result(path: Path | str, text: str, span: str = "第１９条第７号", **kw) -> FileResult:
    return FileResult(str(path), text, findings=find_all(text, span, **kw))


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    return tmp_path / "docs" / "評価書.txt"


def accept(tmp_path: Path, *results: FileResult) -> Baseline:
    path = tmp_path / "baseline.json"
    write_baseline(path, list(results))
    return Baseline.load(path)


def test_accepted_findings_are_suppressed_and_counted(tmp_path, doc):
    text = f"前文\n{LINE}\n"
    r = result(doc, text)
    b = accept(tmp_path, r)
    filtered = b.filter(r)
    assert filtered.findings == [] and filtered.baseline_suppressed == 1
    assert r.findings and r.baseline_suppressed == 0  # the input is not modified


def test_survives_lines_inserted_above_and_reindentation(tmp_path, doc):
    b = accept(tmp_path, result(doc, f"前文\n{LINE}\n"))
    moved = result(doc, f"前文\n\n追加した段落。\n　　{LINE}\n")
    assert moved.findings[0].line == 4
    assert b.filter(moved).findings == []


def test_editing_the_line_makes_the_finding_new(tmp_path, doc):
    b = accept(tmp_path, result(doc, f"前文\n{LINE}\n"))
    edited = result(doc, f"前文\n{LINE.replace('８０', '８１')}\n")
    assert len(b.filter(edited).findings) == 1


def test_code_and_provision_are_part_of_the_identity(tmp_path, doc):
    b = accept(tmp_path, result(doc, LINE))
    assert len(b.filter(result(doc, LINE, code="CIT101")).findings) == 1
    assert len(b.filter(result(doc, LINE, provision="Art19-Item8")).findings) == 1


def test_count_aware(tmp_path, doc):
    b = accept(tmp_path, result(doc, f"{LINE}\n"))
    twice = result(doc, f"{LINE}\n別の段落\n{LINE}\n")
    assert len(twice.findings) == 2
    filtered = b.filter(twice)
    assert len(filtered.findings) == 1 and filtered.baseline_suppressed == 1
    # filtering is pure: the entry is not used up by the first call
    assert len(b.filter(twice).findings) == 1
    # two entries accept both
    assert accept(tmp_path, twice).filter(twice).findings == []


def test_paths_are_relative_to_the_baseline_with_forward_slashes(tmp_path, doc, monkeypatch):
    path = tmp_path / "ci" / "baseline.json"
    path.parent.mkdir()
    doc.parent.mkdir()
    write_baseline(path, [result(doc, LINE)])
    entry = json.loads(path.read_text(encoding="utf-8"))["findings"][0]
    assert entry["path"] == "../docs/評価書.txt"
    assert entry["code"] == "CIT106" and entry["provision"] == "Art19-Item7"
    assert len(entry["fingerprint"]) == 40
    # the same file named relative to another working directory still matches
    monkeypatch.chdir(tmp_path / "docs")
    b = Baseline.load(path)
    assert b.filter(result("評価書.txt", LINE)).findings == []
    # another file with the same line does not
    assert len(b.filter(result("他の評価書.txt", LINE)).findings) == 1


def test_written_baseline_is_sorted_and_deterministic(tmp_path, doc):
    other = tmp_path / "a.txt"
    results = [result(doc, f"{LINE}\n{LINE}"), result(other, LINE, span="別表第二の８０の項",
                                                       code="CIT101", provision="AppdxTable2-Row80")]
    p1, p2 = tmp_path / "b1.json", tmp_path / "b2.json"
    assert write_baseline(p1, results) == 3
    write_baseline(p2, list(reversed(results)))
    assert p1.read_text(encoding="utf-8") == p2.read_text(encoding="utf-8")
    data = json.loads(p1.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [e["path"] for e in data["findings"]] == ["a.txt", "docs/評価書.txt", "docs/評価書.txt"]
    assert len(Baseline.load(p1)) == 3


def test_files_with_errors_are_not_baselined(tmp_path):
    path = tmp_path / "b.json"
    assert write_baseline(path, [FileResult("x.txt", error="unreadable")]) == 0
    assert json.loads(path.read_text(encoding="utf-8")) == {"version": 1, "findings": []}


@pytest.mark.parametrize("body, message", [
    ("not json", "not a JSON baseline"),
    ('{"version": 2, "findings": []}', "unsupported baseline"),
    ('{"version": 1}', 'no "findings" list'),
    ('{"version": 1, "findings": [{"path": "a.txt"}]}', "entry 0 lacks"),
])
def test_bad_baseline_files(tmp_path, body, message):
    path = tmp_path / "b.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(BaselineError, match=message):
        Baseline.load(path)


def test_missing_baseline_file(tmp_path):
    with pytest.raises(BaselineError, match="cannot read baseline"):
        Baseline.load(tmp_path / "none.json")
