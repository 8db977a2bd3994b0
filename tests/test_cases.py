"""Our own gold cases (tests/cases/*.yaml, the eval schema) scored in-process with the eval's
matching functions (../shared/eval/score.py), check and fix. Skipped when ../shared is absent."""
import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from citations.lint import Options, check_text, fix_text

from conftest import find_shared  # tests/ is on sys.path (pytest rootdir import)

CASES_DIR = Path(__file__).parent / "cases"


def _scorer():
    shared = find_shared()
    path = shared / "eval" / "score.py" if shared else None
    if path is None or not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("citations_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


SCORE = _scorer()


def _cases():
    out = []
    for f in sorted(CASES_DIR.glob("*.yaml")):
        for c in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]:
            out.append(pytest.param(c, id=f"{f.stem}:{c['id']}"))
    return out


def _json(result) -> dict:
    return {"citations": [c.to_json() for c in result.citations],
            "findings": [f.to_json() for f in result.findings]}


@pytest.mark.skipif(SCORE is None, reason="../shared/eval/score.py not available")
@pytest.mark.parametrize("case", _cases())
def test_case(case):
    text, exp = case["text"], case["expect"]
    opts = Options(as_of=date.fromisoformat(str(case["as_of"])))
    got = _json(check_text(text, "doc.txt", opts))
    cits, finds = got["citations"], got["findings"]
    exp_cits = exp.get("citations") or []
    missed = [e for e, m in zip(exp_cits, SCORE.match_citations(text, exp_cits, cits)) if m is None]
    assert not missed, f"missed citations {missed}"
    if exp.get("no_citations"):
        assert cits == []
    for fb in exp.get("forbidden_citations") or []:
        assert not [c for c in cits if fb.get("provision") in (None, c["provision"])
                    and SCORE.law_ok(fb.get("law"), c["law"])], f"forbidden {fb}"
    for e, m in zip(exp_cits, SCORE.match_citations(text, exp_cits, cits)):
        if "in_history" in e:
            assert bool(cits[m]["in_history"]) == bool(e["in_history"]), f"in_history of {e}"
    exp_f = exp.get("findings") or []
    fm = SCORE.match_findings(exp_f, finds)
    assert all(x is not None for x in fm), f"missed findings {[e for e, x in zip(exp_f, fm) if x is None]}"
    for e, x in zip(exp_f, fm):
        if SCORE.succ_scored(e):
            assert SCORE.successors_ok(e, finds[x]), f"successors of {e['provision']}: {finds[x]['successors']}"
    unexpected = [f for i, f in enumerate(finds) if i not in set(fm) and f["kind"] != "style"
                  and not SCORE.is_optional(f, exp.get("optional_findings") or [])]
    assert not unexpected, f"unexpected findings {[(f['provision'], f['kind']) for f in unexpected]}"
    hist = [(c["start"], c["end"]) for c in cits if c["in_history"]]
    assert not [f for f in finds if any(f["start"] < e and s < f["end"] for s, e in hist)]

    # fix: stays inside the reported spans, leaves no fixable stale citation, cites a successor,
    # and a second run changes nothing
    spans = [(f["fix"]["start"], f["fix"]["end"]) for f in finds if f["fix"]]
    fixed, after, _ = fix_text(text, "doc.txt", opts)
    assert SCORE.outside_unchanged(text, fixed, spans)
    again = _json(after)
    hist = [(c["start"], c["end"]) for c in again["citations"] if c["in_history"]]
    left = [f for f in again["findings"] if f["kind"] == "stale" and f["successors"]
            and not any(f["start"] < e and s < f["end"] for s, e in hist)]
    assert not left, f"left after fix: {[f['provision'] for f in left]}"
    cited = {(c["law"], c["provision"]) for c in again["citations"]}
    for e in exp_f:
        if SCORE.kinds_of(e) == ["stale"] and e.get("successors"):
            assert any(any(p == sp and SCORE.law_ok(sl, law) for law, p in cited)
                       for sl, sp in SCORE.successor_set(e["successors"])), f"fix lost {e['provision']}"
    assert fix_text(fixed, "doc.txt", opts)[0] == fixed
