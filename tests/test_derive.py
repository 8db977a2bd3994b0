"""`derive` on the shipped XML pairs reproduces the shipped amendment tables (hand-reviewed
decisions aside, each recorded with what derive proposed), and aligns real tables correctly."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from citations.derive import Similarity, align, derive, draft_yaml, law_number_of, normalise
from citations.egov import parse_file
from citations.resources import rules_dir


def _ref(r: str, home: str) -> tuple[str, str]:
    law, _, prov = r.rpartition(":")
    return (law or home).upper(), prov


def _key(law: str, old, new: list[str]) -> tuple:
    return (law.upper(), old, tuple(sorted(_ref(r, law) for r in new)))


def _amendments():
    for p in sorted((rules_dir() / "amendments").glob("*.yaml")):
        yield p, yaml.safe_load(p.read_text(encoding="utf-8"))


def _pairs():
    """Shipped amendment files grouped by the XML versions they were derived from."""
    groups = defaultdict(list)
    for p, data in _amendments():
        src = data.get("source") or {}
        if "old" in src and "new" in src:
            key = tuple((src.get(k) or {}).get("file") for k in ("old", "new", "other_new", "context"))
            groups[key].append((p, data))
    return groups


def test_every_hand_entry_says_so():
    """Entries of files that compare no XML pair are hand-made: each carries its evidence."""
    for p, data in _amendments():
        src = data.get("source") or {}
        if "old" in src and "new" in src:
            continue
        for e in data["changes"]:
            assert e.get("review", {}).get("derived", "x") is None and e["review"]["evidence"], \
                (p.name, e)


@pytest.mark.parametrize("files", sorted(_pairs()), ids=lambda k: f"{k[0]}->{k[1]}")
def test_derive_reproduces_shipped_tables(egov_dir: Path, files):
    old, new, other, ctx = files
    d = derive(parse_file(egov_dir / old), parse_file(egov_dir / new),
               parse_file(egov_dir / other) if other else None,
               [parse_file(egov_dir / ctx)] if ctx else [])
    derived = {}
    for e in d.entries:
        k = (e.law.upper(), e.old, tuple(sorted(_ref(r, e.law) for r in e.new)) if e.old is None else None)
        derived[k] = (e.kind, tuple(sorted(_ref(r, e.law) for r in e.new)))
    matched = set()
    superseded: set[tuple[str, str]] = set()
    for p, data in _pairs()[files]:
        home = data["law"]
        for e in data["changes"]:
            law = e.get("law", home)
            new = tuple(sorted(_ref(r, law) for r in e["new"]))
            rev = e.get("review")
            if e["old"] is None:
                k = (law.upper(), None, new)
            else:
                k = (law.upper(), (rev or {}).get("derived_old", e["old"]), None)
            if rev is None or "derived_old" in rev:
                assert k in derived, f"{p.name}: derive no longer proposes {e}"
                assert derived[k] == (e["kind"], new) or (rev and derived[k][1] == new), \
                    f"{p.name}: derive proposes {derived[k]} for {e['old']}, shipped {e['kind']} {new}"
                matched.add(k)
            elif rev.get("derived") is None:
                # not derivable (statute / seeds / intermediate versions); may stand in for
                # what derive, seeing only the two ends, proposes (二十三の六 added in 2025,
                # relabelled 二十三の九 in 2026, looks like 二十三の九 added)
                superseded.update(new)
                continue
            else:
                want = tuple(sorted(_ref(r, law) for r in rev["derived"]))
                assert k in derived and derived[k][1] == want, \
                    f"{p.name}: review of {e['old']} records derive as {want}, derive says {derived.get(k)}"
                matched.add(k)
                superseded.update(new)
    for k in set(derived) - matched:
        # an 'added' entry replaced by a reviewed successor (百三十の二 → 百三十七)
        assert k[1] is None and set(k[2]) <= superseded, f"derived but not shipped: {k} {derived[k]}"


def test_similarity_ignores_parentheticals_and_delegation():
    assert normalise("健康保険法（大正十一年法律第七十号）による給付に関する事務であって第四条で定めるもの") \
        == normalise("健康保険法による給付に関する事務であって主務省令で定めるもの")


def test_alignment_keeps_order_and_finds_moves():
    old = [("A",), ("B",), ("C",)]
    new = [("A",), ("X",), ("B",), ("C",)]
    texts = {"A": "健康保険法による保険給付の支給", "B": "国民年金法による年金給付の支給",
             "C": "介護保険法による保険給付の支給", "X": "診療放射線技師法による免許"}
    sim = Similarity([(texts[o[0]],) for o in old], [(texts[n[0]],) for n in new], (1.0,))
    pairs = {m.old: m.new for m in align(len(old), len(new), sim) if m.old >= 0}
    assert pairs == {0: 0, 1: 2, 2: 3}


def test_real_moves_of_the_2024_amendment(egov_dir: Path):
    d = derive(parse_file(egov_dir / "425AC0000000027_20240518_503AC0000000039.xml"),
               parse_file(egov_dir / "425AC0000000027_20240527_505AC0000000048.xml"),
               parse_file(egov_dir / "506M60004008009_20240527_000000000000000.xml"))
    by_old = {e.old: e for e in d.entries if e.old}
    assert by_old["AppdxTable2-Row82"].new == ["506M60004008009:Art2-Table-Row117"]
    assert by_old["AppdxTable2-Row82"].also == ["506M60004008009:Art119"]
    assert by_old["AppdxTable2-Row4"].new == ["506M60004008009:Art2-Table-Row5"]
    assert by_old["AppdxTable2-Row84"].new == ["506M60004008009:Art2-Table-Row118"]
    assert by_old["AppdxTable2-Row29"].kind == "abolished"
    assert by_old["AppdxTable1-Row16"].new == ["AppdxTable-Row24"]
    assert by_old["AppdxTable1-Row15"].new == ["AppdxTable-Row23"]  # 令和6年法律第21号附則第8条
    assert by_old["AppdxTable2"].new == ["506M60004008009:Art2"]
    assert by_old["AppdxTable1"].new == ["AppdxTable"]
    text = draft_yaml(d)
    data = yaml.safe_load(text)
    assert data["effective"] == {"from": __import__("datetime").date(2024, 5, 19),
                                 "to": __import__("datetime").date(2024, 5, 27)}
    assert data["law_number"] == "令和五年法律第四十八号"
    assert len(data["changes"]) == len(d.entries)
    assert "# REVIEW" in text


def test_article_19_renumbering(egov_dir: Path):
    d = derive(parse_file(egov_dir / "425AC0000000027_kuboon_2021.xml"),
               parse_file(egov_dir / "425AC0000000027_20220111_501AC0000000017.xml"))
    ren = {e.old: e.new for e in d.entries if e.kind == "renumbered" and e.old.startswith("Art19-")}
    assert ren == {f"Art19-Item{n}": [f"Art19-Item{n + 1}"] for n in range(4, 17)}
    assert any(e.kind == "added" and e.new == ["Art19-Item4"] for e in d.entries)


def test_law_number_of():
    assert law_number_of("505AC0000000048") == "令和五年法律第四十八号"
    assert law_number_of("501AC0000000017") == "令和元年法律第十七号"
    assert law_number_of("000000000000000") == ""
