"""`citations rules …` and `citations explain`: the rule files' own tests pass, validation names
file:line for every kind of error, derive/outline write what the shipped files hold."""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from citations.resources import rules_dir
from citations.rules_cli import explain, rules_app, run_tests, validate_dir

runner = CliRunner()


def test_rule_files_carry_passing_tests():
    n, failures = run_tests(rules_dir())
    assert n >= 100
    assert failures == []


def test_rules_test_command():
    res = runner.invoke(rules_app, ["test"])
    assert res.exit_code == 0, res.output


def test_shipped_rules_validate():
    assert validate_dir(rules_dir()) == []
    res = runner.invoke(rules_app, ["validate"])
    assert res.exit_code == 0, res.output


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(rules_dir(), d)
    return d


def _write(d: Path, name: str, text: str) -> None:
    (d / "amendments" / name).write_text(text, encoding="utf-8")


HEAD = "id: T{n}\nlaw_number: 一\nlaw: 425AC0000000027\neffective: 2030-01-01\nsource: {{x: y}}\n"


def test_validate_reports_file_and_line(broken: Path):
    _write(broken, "dup.yaml", HEAD.format(n=1) + "id: again\nchanges: []\n")
    _write(broken, "bad.yaml", HEAD.format(n=2) + "changes:\n"
           "- {old: Art19-Item8, new: [Art19-Itemx], kind: renumbered}\n"
           "- {old: Art19-Item9, new: [Art19-Item10], kind: moveded}\n"
           "- {old: Art19-Item10, new: [Art19-Item11], kind: abolished}\n"
           "tests:\n- {provision: Art19-Item8, as_of: 2030-01-02, expect: fine}\n")
    errors = validate_dir(broken)
    text = "\n".join(errors)
    assert re.search(r"dup\.yaml:6: duplicate key 'id'", text)
    assert re.search(r"bad\.yaml:7: bad provision id in new/also: 'Art19-Itemx'", text)
    assert re.search(r"bad\.yaml:8: kind must be one of", text)
    assert re.search(r"bad\.yaml:9: an abolished provision has no successors", text)
    assert re.search(r"bad\.yaml:11: expect must be one of", text)
    assert all(re.match(r"\S+\.yaml:\d+: ", e) for e in errors), errors
    res = runner.invoke(rules_app, ["validate", str(broken)])
    assert res.exit_code == 1


def test_validate_finds_overlaps_and_cycles(broken: Path):
    _write(broken, "overlap.yaml", HEAD.format(n=3) + "changes:\n"
           "- {old: null, new: [Art19-Item8], kind: added}\n")
    _write(broken, "there.yaml", HEAD.format(n=4) + "changes:\n"
           "- {old: Art99-Item1, new: [Art99-Item2], kind: renumbered}\n")
    _write(broken, "back.yaml", HEAD.format(n=5).replace("2030-01-01", "2031-01-01") + "changes:\n"
           "- {old: Art99-Item2, new: [Art99-Item1], kind: renumbered}\n")
    text = "\n".join(validate_dir(broken))
    assert re.search(r"overlap\.yaml:7: Art19-Item8 starts again .* while in force", text)
    assert re.search(r"there\.yaml:7: successors of 425AC0000000027:Art99-Item1 lead back", text)


def test_explain_shows_the_whole_history():
    out = explain("AppdxTable2-Row82", "425AC0000000027", date(2025, 6, 1))
    assert "別表第二の82の項" in out
    assert "506M60004008009:Art2-Table-Row117" in out
    assert "R5-048.yaml" in out
    assert "on 2025-06-01: stale" in out
    out = explain("Art19-Item5", None, date(2025, 6, 1))
    assert "委託" in out and "機構" in out  # both meanings of the label


def test_derive_command_writes_a_draft(egov_dir: Path, tmp_path: Path):
    out = tmp_path / "draft.yaml"
    res = runner.invoke(rules_app, ["derive", str(egov_dir / "425AC0000000027_kuboon_2021.xml"),
                                    str(egov_dir / "425AC0000000027_20220111_501AC0000000017.xml"),
                                    "--effective", "2021-09-01", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["effective"] == date(2021, 9, 1)
    ch = {c["old"]: c for c in data["changes"] if c["old"]}
    assert ch["Art19-Item7"]["new"] == ["Art19-Item8"] and ch["Art19-Item7"]["kind"] == "renumbered"


def test_outline_command_matches_the_shipped_outline(egov_dir: Path):
    res = runner.invoke(rules_app, ["outline", str(egov_dir / "506M60004008009_20240527_000000000000000.xml")])
    assert res.exit_code == 0
    got = yaml.safe_load(res.output)
    shipped = yaml.safe_load((rules_dir() / "outlines" / "506M60004008009_20240527.yaml").read_text("utf-8"))
    assert got["articles"] == shipped["articles"] and got["tables"] == shipped["tables"]
