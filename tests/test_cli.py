"""The command line: exit codes, the JSON contract, other formats, bulk runs with bad files."""
import json

import pytest
from typer.testing import CliRunner

from citations.cli import app

runner = CliRunner()
STALE = "②法令上の根拠　番号法第１９条第８号及び別表第二の８０の項\n"
VALID = "番号利用法第９条第１項及び別表の２４の項\n"


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "stale.txt").write_text(STALE, encoding="utf-8")
    (tmp_path / "valid.txt").write_text(VALID, encoding="utf-8")
    return tmp_path


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_exit_codes(docs):
    assert run("check", "--as-of", "2025-06-01", docs / "valid.txt", "--select", "CIT1").exit_code == 0
    assert run("check", "--as-of", "2025-06-01", docs / "stale.txt").exit_code == 1
    assert run("check", "--as-of", "2023-01-01", docs / "stale.txt", "--select", "CIT1").exit_code == 0
    assert run("check", "--as-of", "not-a-date", docs / "stale.txt").exit_code == 2
    assert run("check", "--format", "yaml", docs / "stale.txt").exit_code == 2


def test_json_follows_the_contract(docs):
    r = run("check", "--format", "json", "--as-of", "2025-06-01", docs / "stale.txt")
    data = json.loads(r.stdout)
    assert data["version"] == 1 and data["as_of"] == "2025-06-01"
    (f,) = data["files"]
    text = STALE
    for c in f["citations"]:
        assert text[c["start"]:c["end"]] == c["text"]
    assert {(c["law"], c["provision"]) for c in f["citations"]} == {
        ("425AC0000000027", "Art19-Item8"), ("425AC0000000027", "AppdxTable2-Row80")}
    (stale,) = [x for x in f["findings"] if x["kind"] == "stale"]
    assert stale["code"] == "CIT101"
    assert stale["successors"][0]["provision"] == "Art2-Table-Row115"
    assert stale["fix"]["start"] <= stale["start"] and "第２条の表の第１１５項" in stale["fix"]["replacement"]


def test_sarif_and_github_formats(docs):
    sarif = json.loads(run("check", "--format", "sarif", "--as-of", "2025-06-01", docs / "stale.txt").stdout)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"][0]["ruleId"].startswith("CIT")
    gh = run("check", "--format", "github", "--as-of", "2025-06-01", docs / "stale.txt").stdout
    assert "::error file=" in gh and "title=CIT101" in gh


def test_a_bad_file_is_reported_and_the_rest_go_on(docs):
    (docs / "bad.txt").write_bytes("一\n".encode() + b"\xff\xfe\x80")
    r = run("check", "--format", "json", "--as-of", "2025-06-01", docs)
    assert r.exit_code == 2
    files = {json.loads(r.stdout)["files"][i]["path"].split("/")[-1]: f for i, f in enumerate(json.loads(r.stdout)["files"])}
    assert "error" in files["bad.txt"] and "bad.txt:2" in files["bad.txt"]["error"]
    assert files["stale.txt"]["findings"]


def test_fix_diff_then_write_then_nothing_left(docs):
    p = docs / "stale.txt"
    r = run("fix", "--diff", "--as-of", "2025-06-01", p)
    assert "-②法令上の根拠　番号法第１９条第８号及び別表第二の８０の項" in r.stdout
    assert p.read_text(encoding="utf-8") == STALE          # --diff writes nothing
    run("fix", "--as-of", "2025-06-01", p)
    after = p.read_text(encoding="utf-8")
    assert "第２条の表の第１１５項" in after
    run("fix", "--as-of", "2025-06-01", p)
    assert p.read_text(encoding="utf-8") == after          # idempotent
    assert run("check", "--as-of", "2025-06-01", "--select", "CIT1", p).exit_code == 0


def test_as_of_from_config(docs):
    (docs / "citations.toml").write_text('as-of = 2023-01-01\nselect = ["CIT1"]\n', encoding="utf-8")
    assert run("check", docs / "stale.txt").exit_code == 0
    (docs / "citations.toml").write_text('as-of = 2023-01-01\nslect = ["CIT1"]\n', encoding="utf-8")
    r = run("check", docs / "stale.txt")
    assert r.exit_code == 2 and "select" in r.stderr


def test_parse_shows_law_and_provision():
    r = run("parse", "番号法第１９条第８号及び別表第二の８０の項")
    assert r.stdout.splitlines() == ["1:1\t425AC0000000027\tArt19-Item8\t番号法第１９条第８号",
                                     "1:13\t425AC0000000027\tAppdxTable2-Row80\t別表第二の８０の項"]


def test_lone_cr_line_ends_still_find_the_change_log(tmp_path):
    from pathlib import Path
    sample = Path(__file__).resolve().parent.parent / "samples" / "hyoukasho_kokuho.txt"
    lf = sample.read_text(encoding="utf-8")
    p = tmp_path / "cr.txt"
    p.write_bytes(lf.replace("\n", "\r").encode("utf-8"))
    q = tmp_path / "lf.txt"
    q.write_text(lf, encoding="utf-8")

    def findings(path):
        r = runner.invoke(app, ["check", "--as-of", "2025-06-01", "--format", "json", str(path)])
        return len(json.loads(r.stdout)["files"][0]["findings"])
    assert findings(p) == findings(q) > 0


def test_unknown_rule_codes_on_the_command_line_are_usage_errors(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("番号法第９条第１項\n", encoding="utf-8")
    r = runner.invoke(app, ["check", "--select", "CIT999", str(p)])
    assert r.exit_code == 2 and "CIT999" in r.output


def test_diff_lines_end_at_line_feeds_only(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("前置き\x0cです\n番号法別表第一の１６の項\n", encoding="utf-8")
    r = runner.invoke(app, ["fix", "--as-of", "2025-06-01", "--diff", str(p)])
    assert "No newline" not in r.stdout and "+番号法別表の２４の項" in r.stdout
