"""Output formats: text carets under full-width text, the JSON contract, SARIF (UTF-16 columns,
structure), GitHub workflow commands (escaping)."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from citations.catalog import RULES
from citations.model import Citation, FileResult, Finding, Fix, Successor
from citations.output import FORMATS, render
from citations.output.github import escape_data, escape_property, render_github
from citations.output.json_out import render_json
from citations.output.sarif import artifact_uri, render_sarif, sarif_log
from citations.output.source import Source
from citations.output.text import render_text
from citations.provision import parse_id

AS_OF = date(2025, 8, 13)
BANGO = "425AC0000000027"
TEXT = "番号法第１９条第７号及び別表第二の８０の項"


def finding(text: str, span: str, code: str = "CIT106", *, nth: int = 0, fix: str | None = None,
            successors: list[Successor] | None = None, message: str = "改正により第8号へ",
            provision: str = "Art19-Item7") -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    end = start + len(span)
    line, col = Source(text).line_col(start)
    return Finding(start, end, code, RULES[code].kind, message, BANGO, provision,
                   successors=successors or [], fix=Fix(start, end, fix) if fix is not None else None,
                   line=line, column=col)


def caret_rows(out: str) -> list[str]:
    """The caret rows of text output, without the gutter."""
    return [line.split("| ", 1)[1] for line in out.splitlines()
            if re.fullmatch(r"\s*\| [ ^]*\^+", line)]


def source_rows(out: str) -> list[str]:
    return [line.split("| ", 1)[1] for line in out.splitlines() if re.match(r"\s*\d+ \| ", line)]


# ------------------------------------------------------------------------------------ text

def test_text_header_and_carets_under_full_width_text():
    f = finding(TEXT, "第１９条第７号")
    out = render_text([FileResult("doc.txt", TEXT, findings=[f])], color=False)
    assert out.splitlines()[0] == "doc.txt:1:4: CIT106 [stale] 改正により第8号へ"
    # 番号法 is three wide characters = six columns; the span is seven wide characters
    assert caret_rows(out) == [" " * 6 + "^" * 14]
    assert source_rows(out) == [TEXT]


def test_text_carets_with_mixed_width_prefix_and_tab():
    text = "PIA\t番号法別表第二の８０の項"
    f = finding(text, "別表第二の８０の項", "CIT101", provision="AppdxTable2-Row80")
    out = render_text([FileResult("d.txt", text, findings=[f])], color=False)
    # "PIA" 3 + tab shown as 4 + 番号法 6
    assert caret_rows(out) == [" " * 13 + "^" * 18]
    assert source_rows(out) == ["PIA    番号法別表第二の８０の項"]


def test_text_span_across_lines_marks_each_line():
    text = "前文\n番号法第１９条\n第７号に基づく"
    start = text.index("第１９条")
    end = text.index("第７号") + 3
    f = Finding(start, end, "CIT106", "stale", "m", BANGO, "Art19-Item7", line=2, column=4)
    out = render_text([FileResult("d.txt", text, findings=[f])], color=False)
    assert source_rows(out) == ["番号法第１９条", "第７号に基づく"]
    assert caret_rows(out) == [" " * 6 + "^" * 8, "^" * 6]


def test_text_long_line_is_windowed_and_caret_still_under_the_span():
    text = "あ" * 200 + "第１９条第７号" + "い" * 200
    f = finding(text, "第１９条第７号")
    out = render_text([FileResult("d.txt", text, findings=[f])], color=False)
    (shown,), (carets,) = source_rows(out), caret_rows(out)
    assert shown.startswith("…") and shown.endswith("…") and len(shown) < 60
    pad = len(carets) - len(carets.lstrip(" "))
    prefix = shown[:shown.index("第１９条")]
    assert pad == 1 + 2 * (len(prefix) - 1)  # "…" is narrow, あ wide
    assert carets.strip() == "^" * 14


def test_text_successors_fix_note_and_fixable_marker():
    succ = [Successor(BANGO, "Art19-Item8", "第１９条第８号")]
    f = finding(TEXT, "第１９条第７号", fix="第１９条第８号", successors=succ)
    out = render_text([FileResult("doc.txt", TEXT, findings=[f])], color=False)
    assert "CIT106 [stale] [*] " in out
    assert "= successor: 第１９条第８号 (425AC0000000027 Art19-Item8)" in out
    assert "= fix: replace with 「第１９条第８号」" in out
    assert out.rstrip().endswith("Found 1 finding in 1 file (1 fixable with `citations fix`).")


def test_text_colour_only_when_asked():
    f = finding(TEXT, "第１９条第７号")
    r = [FileResult("doc.txt", TEXT, findings=[f])]
    assert "\x1b[" not in render_text(r, color=False)
    coloured = render_text(r, color=True)
    assert "\x1b[" in coloured
    # stripping the escapes gives back the plain output
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render_text(r, color=False)


def test_text_document_control_characters_do_not_reach_the_terminal():
    text = "番号法\x1b[31m第１９条"
    f = finding(text, "第１９条")
    out = render_text([FileResult("d.txt", text, findings=[f])], color=False)
    assert "\x1b" not in out
    assert caret_rows(out) == [" " * (6 + 5) + "^" * 8]


def test_text_concise_errors_and_summary():
    f1 = finding(TEXT, "第１９条第７号")
    f2 = finding(TEXT, "別表第二の８０の項", "CIT103", provision="AppdxTable2-Row80")
    results = [FileResult("a.txt", TEXT, findings=[f2, f1]), FileResult("clean.txt", "なし"),
               FileResult("bad.txt", error="cannot decode as UTF-8 or Shift_JIS")]
    out = render_text(results, color=False, show_source=False).splitlines()
    assert out == [
        "a.txt:1:4: CIT106 [stale] 改正により第8号へ",          # sorted by position
        "a.txt:1:13: CIT103 [ambiguous] 改正により第8号へ",
        "bad.txt: error: cannot decode as UTF-8 or Shift_JIS",
        "Found 2 findings in 1 file. 1 file could not be checked.",
    ]


def test_text_clean_run_and_baseline_count():
    out = render_text([FileResult("a.txt", TEXT, baseline_suppressed=3)], color=False)
    assert out == "No findings in 1 file; 3 accepted by the baseline.\n"


def test_text_message_newlines_stay_on_the_header_line():
    f = finding(TEXT, "第１９条第７号", message="一行目\n二行目")
    out = render_text([FileResult("doc.txt", TEXT, findings=[f])], color=False, show_source=False)
    assert out.splitlines()[0].endswith("一行目 二行目")


# ------------------------------------------------------------------------------------ json

def test_json_follows_the_contract():
    prov = parse_id("Art19-Item7")
    s = TEXT.index("第１９条第７号")
    cit = Citation(s, s + 7, "第１９条第７号", BANGO, prov, line=1, column=4)
    f = finding(TEXT, "第１９条第７号", fix="第１９条第８号",
                successors=[Successor(BANGO, "Art19-Item8", "第１９条第８号")])
    results = [FileResult("doc.txt", TEXT, citations=[cit], findings=[f]),
               FileResult("bad.txt", error="no such file")]
    raw = render_json(results, AS_OF)
    assert "第１９条第７号" in raw  # ensure_ascii=False keeps Japanese readable
    doc = json.loads(raw)
    assert doc["version"] == 1 and doc["as_of"] == "2025-08-13"
    good, bad = doc["files"]
    assert good["citations"] == [{"start": 3, "end": 10, "line": 1, "column": 4,
                                  "text": "第１９条第７号", "law": BANGO,
                                  "provision": "Art19-Item7", "in_history": False}]
    assert good["findings"][0]["fix"] == {"start": 3, "end": 10, "replacement": "第１９条第８号"}
    assert good["findings"][0]["successors"] == [
        {"law": BANGO, "provision": "Art19-Item8", "text": "第１９条第８号"}]
    assert "error" not in good
    assert bad == {"path": "bad.txt", "citations": [], "findings": [], "error": "no such file"}


# ------------------------------------------------------------------------------------ sarif

SARIF_LEVELS = {"none", "note", "warning", "error"}
REGION_INTS = ("startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength")


def sarif_problems(doc: dict) -> list[str]:
    """The parts of the SARIF 2.1.0 schema GitHub and viewers rely on (required properties,
    types, enums, minimums), checked without a network or a JSON-schema library."""
    p: list[str] = []

    def need(obj, key, typ, where):
        if not isinstance(obj, dict) or key not in obj:
            p.append(f"{where}: missing {key}")
            return None
        if not isinstance(obj[key], typ):
            p.append(f"{where}.{key}: not {typ}")
            return None
        return obj[key]

    def message(m, where):
        if not isinstance(m, dict) or not isinstance(m.get("text"), str):
            p.append(f"{where}: message without text")

    def region(r, where):
        for k, v in r.items():
            if k not in REGION_INTS + ("snippet",):
                p.append(f"{where}: unknown region property {k}")
            elif k in REGION_INTS and (not isinstance(v, int) or v < (0 if k.startswith("char") else 1)):
                p.append(f"{where}.{k}: bad value {v!r}")
        if "endLine" in r and r["endLine"] < r.get("startLine", 1):
            p.append(f"{where}: endLine before startLine")
        if r.get("endLine") == r.get("startLine") and r.get("endColumn", 1) < r.get("startColumn", 1):
            p.append(f"{where}: endColumn before startColumn")

    def artifact(a, where):
        uri = need(a, "artifactLocation", dict, where)
        if uri is not None:
            u = need(uri, "uri", str, where + ".artifactLocation")
            if u is not None and ("\\" in u or " " in u):
                p.append(f"{where}: uri not a URI reference: {u}")

    if doc.get("version") != "2.1.0":
        p.append("version is not 2.1.0")
    if not isinstance(doc.get("$schema"), str):
        p.append("$schema missing")
    runs = need(doc, "runs", list, "log") or []
    for ri, run in enumerate(runs):
        w = f"runs[{ri}]"
        driver = need(need(run, "tool", dict, w) or {}, "driver", dict, w + ".tool") or {}
        need(driver, "name", str, w + ".driver")
        rules = driver.get("rules", [])
        ids = [r.get("id") for r in rules]
        if len(set(ids)) != len(ids):
            p.append(f"{w}: duplicate rule ids")
        for i, r in enumerate(rules):
            need(r, "id", str, f"{w}.rules[{i}]")
            for k in ("shortDescription", "fullDescription", "help"):
                if k in r:
                    message(r[k], f"{w}.rules[{i}].{k}")
            lvl = r.get("defaultConfiguration", {}).get("level")
            if lvl is not None and lvl not in SARIF_LEVELS:
                p.append(f"{w}.rules[{i}]: bad level {lvl}")
            tags = r.get("properties", {}).get("tags", [])
            if len(set(tags)) != len(tags) or not all(isinstance(t, str) for t in tags):
                p.append(f"{w}.rules[{i}]: tags must be unique strings")
        if run.get("columnKind") not in (None, "utf16CodeUnits", "unicodeCodePoints"):
            p.append(f"{w}: bad columnKind")
        for inv in run.get("invocations", []):
            need(inv, "executionSuccessful", bool, w + ".invocation")
        for i, res in enumerate(need(run, "results", list, w) or []):
            rw = f"{w}.results[{i}]"
            message(res.get("message"), rw)
            if res.get("level", "warning") not in SARIF_LEVELS:
                p.append(f"{rw}: bad level")
            if "ruleIndex" in res and (not 0 <= res["ruleIndex"] < len(rules)
                                       or ids[res["ruleIndex"]] != res.get("ruleId")):
                p.append(f"{rw}: ruleIndex does not point at ruleId")
            for loc in res.get("locations", []):
                phys = need(loc, "physicalLocation", dict, rw) or {}
                artifact(phys, rw)
                if "region" in phys:
                    region(phys["region"], rw + ".region")
            for k, v in res.get("partialFingerprints", {}).items():
                if not isinstance(v, str):
                    p.append(f"{rw}: fingerprint {k} not a string")
            for fix in res.get("fixes", []):
                changes = need(fix, "artifactChanges", list, rw + ".fix") or []
                if not changes:
                    p.append(f"{rw}: fix without artifactChanges")
                for ch in changes:
                    artifact(ch, rw + ".fix")
                    reps = need(ch, "replacements", list, rw + ".fix") or []
                    if not reps:
                        p.append(f"{rw}: change without replacements")
                    for rep in reps:
                        region(need(rep, "deletedRegion", dict, rw + ".replacement") or {},
                               rw + ".deletedRegion")
    return p


def _sarif_sample() -> list[FileResult]:
    text = "前文\n𠮷野家は番号法第１９条第７号及び別表第二の８０の項に基づく\n"
    f1 = finding(text, "第１９条第７号", fix="第１９条第８号",
                 successors=[Successor(BANGO, "Art19-Item8", "第１９条第８号")])
    f2 = finding(text, "別表第二の８０の項", "CIT201", provision="AppdxTable2-Row80")
    f3 = finding(text, "別表第二の８０の項", "CIT103", provision="AppdxTable2-Row80")
    return [FileResult("docs/評価書.txt", text, findings=[f1, f2, f3]),
            FileResult("bad.txt", error="cannot decode")]


def test_sarif_structure():
    doc = json.loads(render_sarif(_sarif_sample(), AS_OF))
    assert sarif_problems(doc) == []
    run = doc["runs"][0]
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["tool"]["driver"]["name"] == "citations"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULES)
    rule = run["tool"]["driver"]["rules"][0]
    assert RULES["CIT101"].summary_ja in rule["fullDescription"]["text"]
    assert rule["properties"]["tags"] == ["stale"]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]}
    assert (levels["CIT102"], levels["CIT103"], levels["CIT201"]) == ("error", "warning", "note")
    assert [r["level"] for r in run["results"]] == ["error", "note", "warning"]
    assert run["results"][0]["properties"] == {
        "kind": "stale", "law": BANGO, "provision": "Art19-Item7",
        "successors": [{"law": BANGO, "provision": "Art19-Item8", "text": "第１９条第８号"}]}
    # the unreadable file is a failed execution, not a result
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"] == "bad.txt"


def test_structural_check_catches_broken_sarif():
    doc = json.loads(render_sarif(_sarif_sample(), AS_OF))
    run = doc["runs"][0]
    del run["tool"]["driver"]["name"]
    run["results"][0]["ruleIndex"] = 1
    run["results"][1]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    run["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"] = []
    problems = sarif_problems(doc)
    assert any("missing name" in x for x in problems)
    assert any("ruleIndex" in x for x in problems)
    assert any("startColumn" in x for x in problems)
    assert any("without replacements" in x for x in problems)


def test_sarif_columns_are_utf16_code_units():
    run = sarif_log(_sarif_sample(), AS_OF)["runs"][0]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    # line 2 is "𠮷野家は番号法第１９条…": 𠮷 is two UTF-16 units, so 第 (7th character) is unit 8
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 9, 2, 16)
    text = _sarif_sample()[0].text
    assert region["charOffset"] == len("前文\n") + 8 and region["charLength"] == 7
    units = text.encode("utf-16-le")
    a = region["charOffset"] * 2
    assert units[a:a + 2 * region["charLength"]].decode("utf-16-le") == "第１９条第７号"


def test_sarif_fix_applies_in_utf16_units():
    res = sarif_log(_sarif_sample(), AS_OF)["runs"][0]["results"][0]
    rep = res["fixes"][0]["artifactChanges"][0]["replacements"][0]
    units = _sarif_sample()[0].text.encode("utf-16-le")
    a, n = rep["deletedRegion"]["charOffset"] * 2, rep["deletedRegion"]["charLength"] * 2
    fixed = (units[:a] + rep["insertedContent"]["text"].encode("utf-16-le") + units[a + n:]).decode("utf-16-le")
    assert fixed == "前文\n𠮷野家は番号法第１９条第８号及び別表第二の８０の項に基づく\n"
    assert "fixes" not in sarif_log(_sarif_sample(), AS_OF)["runs"][0]["results"][1]


def test_sarif_fingerprint_survives_line_move_but_not_code_change():
    def fp(text, code="CIT106"):
        f = finding(text, "第１９条第７号", code)
        res = sarif_log([FileResult("d.txt", text, findings=[f])], AS_OF)["runs"][0]["results"][0]
        return res["partialFingerprints"]["citations/v1"]
    assert fp(TEXT) == fp("新しい行\n\n　" + TEXT)
    assert fp(TEXT) != fp(TEXT, "CIT101")
    assert fp(TEXT) != fp(TEXT.replace("８０", "８１"))


def test_sarif_uri_relative_forward_slashes_and_encoded(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("docs/評価書 1.txt") == "docs/%E8%A9%95%E4%BE%A1%E6%9B%B8%201.txt"
    assert artifact_uri(str(tmp_path / "a" / "b.txt")) == "a/b.txt"
    outside = Path("/") / "elsewhere" / "c.txt"
    assert artifact_uri(str(outside)) == "file:///elsewhere/c.txt"


# ------------------------------------------------------------------------------------ github

def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%.txt") == "a%2Cb%3Ac%25.txt"


def test_github_commands_levels_and_columns():
    f1 = finding(TEXT, "第１９条第７号", message="率は100%, 改行\n後")
    f2 = finding(TEXT, "別表第二の８０の項", "CIT103")
    f3 = finding(TEXT, "番号法", "CIT204")
    results = [FileResult("dir/a,b.txt", TEXT, findings=[f1, f2, f3]),
               FileResult("bad.txt", error="unreadable: x, y")]
    lines = render_github(results).splitlines()
    assert lines[0] == ("::error file=dir/a%2Cb.txt,line=1,endLine=1,col=4,endColumn=11,"
                        "title=CIT106::率は100%25, 改行%0A後")
    assert lines[1].startswith("::warning file=dir/a%2Cb.txt,line=1,endLine=1,col=13,endColumn=22,title=CIT103::")
    assert lines[2].startswith("::notice ")
    assert lines[3] == "::error file=bad.txt,title=citations::unreadable: x, y"
    assert len(lines) == 4


def test_github_successors_and_fix_are_escaped_into_one_command():
    f = finding(TEXT, "第１９条第７号", fix="第１９条第８号",
                successors=[Successor(BANGO, "Art19-Item8", "第１９条第８号")])
    (line,) = render_github([FileResult("a.txt", TEXT, findings=[f])]).splitlines()
    assert line.endswith("::改正により第8号へ%0Asuccessor: 第１９条第８号%0A"
                         "fix: replace with 「第１９条第８号」 (citations fix)")


# ------------------------------------------------------------------------------------ dispatch

def test_render_dispatch():
    results = [FileResult("doc.txt", TEXT, findings=[finding(TEXT, "第１９条第７号")])]
    assert FORMATS == ("text", "json", "sarif", "github")
    assert render("json", results, AS_OF, False) == render_json(results, AS_OF)
    assert render("sarif", results, AS_OF, False) == render_sarif(results, AS_OF)
    assert render("github", results, AS_OF, False) == render_github(results)
    assert render("text", results, AS_OF, True) == render_text(results, True)
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", results, AS_OF, False)
