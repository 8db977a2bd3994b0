"""The timeline answers point-in-time questions from the shipped rules/ (and from small rule
sets written here to pin down the semantics)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from citations.timeline import Hints, Timeline, load_timeline, render_ja

ACT = "425AC0000000027"
TEIKYO = "506M60004008009"
SHOREI = "426M6000000a007"
D = date(2025, 6, 1)


@pytest.fixture(scope="module")
def tl() -> Timeline:
    t = load_timeline()
    assert not t.errors
    return t


def _row(r: int | str) -> tuple[str, str]:
    return (TEIKYO, f"Art2-Table-Row{r}")


def _live_rows(tl: Timeline, table: str, version: date) -> list[str]:
    o = next(o for o in tl.outlines[ACT] if o.version == version)
    return [k for k, deleted in o.provisions.items()
            if k.startswith(f"{table}-Row") and not deleted]


# ---------------------------------------------------------------- seed evidence pairs

@pytest.mark.parametrize("old,row", [("82", 117), ("27", 48), ("4", 5), ("16_2", 25), ("84", 118),
                                     ("85_2", 124), ("1", 1), ("80", 115), ("94", 132),
                                     ("120", 158), ("87", 125), ("91", 129)])
def test_beppyo2_rows_moved_to_teikyo_meirei(tl, old, row):
    r = tl.resolve(ACT, f"AppdxTable2-Row{old}", D)
    assert r.status == "stale"
    assert r.successors == [_row(row)]
    assert r.also == [(TEIKYO, f"Art{row + 2}")]
    assert r.reason == "moved" and r.amendments[-1].id == "R5-048"
    assert "提供命令第2条の表第" in r.note


@pytest.mark.parametrize("old,new", [("16", "24"), ("30", "44"), ("59", "85"), ("68", "100"),
                                     ("15", "23"), ("10", "14"), ("30_2", "45")])
def test_beppyo1_rows_renumbered_into_beppyo(tl, old, new):
    r = tl.resolve(ACT, f"AppdxTable1-Row{old}", D)
    assert (r.status, r.successors) == ("stale", [(ACT, f"AppdxTable-Row{new}")])


@pytest.mark.parametrize("art,new", [("Art20", 50), ("Art43", 117), ("Art47", 134), ("Art12_2", 27)])
def test_shorei_articles_moved_to_teikyo_articles(tl, art, new):
    r = tl.resolve(SHOREI, art, D)
    assert (r.status, r.successors, r.also) == ("stale", [(TEIKYO, f"Art{new}")], [_row(new - 2)])


def test_shorei_sub_provisions_follow_their_article_ambiguously(tl):
    r = tl.resolve(SHOREI, "Art20-Item2", D)
    assert (r.status, r.successors) == ("ambiguous", [(TEIKYO, "Art50")])
    assert tl.resolve(SHOREI, "Art20-Item2", date(2023, 1, 1)).status == "valid"


def test_law_ids_compare_case_insensitively(tl):
    assert tl.resolve("426M6000000A007", "Art20", D).successors == [(TEIKYO, "Art50")]


# ---------------------------------------------------------------- coverage (issue: none silently unknown)

def test_every_live_beppyo2_item_resolves(tl):
    rows = _live_rows(tl, "AppdxTable2", date(2024, 5, 18))
    assert len(rows) == 131
    kinds = {}
    for p in rows:
        r = tl.resolve(ACT, p, D)
        kinds.setdefault(r.status, []).append(p)
        assert r.status in ("stale", "repealed", "ambiguous"), p
        assert r.status == "repealed" or r.successors, p
    assert len(kinds["repealed"]) == 23
    assert "AppdxTable2-Row29" in kinds["repealed"] and "AppdxTable2-Row115" in kinds["repealed"]
    assert kinds["ambiguous"] == ["AppdxTable2-Row119"]


def test_every_live_beppyo1_item_resolves(tl):
    rows = _live_rows(tl, "AppdxTable1", date(2024, 5, 18))
    assert len(rows) == 108
    for p in rows:
        r = tl.resolve(ACT, p, D)
        assert r.status == "stale" and len(r.successors) == 1, p
        assert r.successors[0][1].startswith("AppdxTable-Row"), p


def test_every_article_19_item_resolves(tl):
    for n in range(1, 18):
        assert tl.resolve(ACT, f"Art19-Item{n}", D).status == "valid"
    for n in range(4, 17):  # the meaning each had before 2021-09-01, as a caption names it
        lf = next(l for l in tl.history(ACT, f"Art19-Item{n}") if l.start is None)
        r = tl.resolve(ACT, f"Art19-Item{n}", D, Hints(caption=lf.subject))
        assert (r.status, r.successors, r.reason) == ("stale", [(ACT, f"Art19-Item{n + 1}")], "drifted")


# ---------------------------------------------------------------- 第19条 drift via hints

COCITED_B2 = Hints(cocited=((ACT, "AppdxTable2-Row80"),))


@pytest.mark.parametrize("item,as_of,status,succ", [
    (7, date(2021, 8, 31), "valid", []),
    (7, date(2021, 9, 1), "stale", [8]),          # first day of the new numbering
    (7, date(2022, 3, 1), "stale", [8]),
    (7, D, "stale", [8]),
    (8, date(2023, 4, 1), "valid", []),
    (8, D, "valid", []),
    (14, D, "ambiguous", [15, 14]),
])
def test_article_19_with_beppyo2(tl, item, as_of, status, succ):
    r = tl.resolve(ACT, f"Art19-Item{item}", as_of, COCITED_B2)
    assert r.status == status
    assert sorted(r.successors) == sorted((ACT, f"Art19-Item{n}") for n in succ)


def test_article_19_with_the_old_ordinance(tl):
    r = tl.resolve(ACT, "Art19-Item7", D, Hints(cocited=((SHOREI, "Art20"),)))
    assert r.successors == [(ACT, "Art19-Item8")]


@pytest.mark.parametrize("item,caption,succ", [
    (5, "委託先への提供", 6), (5, "委託に伴う提供", 6),
    (9, "国税・地方税に関する特定個人情報の提供", 10),
    (16, "その他これらに準ずるものとして個人情報保護委員会規則で定めるとき", 17),
    (7, "情報提供ネットワークシステムを使用した特定個人情報の提供", 8),
])
def test_article_19_captions(tl, item, caption, succ):
    r = tl.resolve(ACT, f"Art19-Item{item}", D, Hints(caption=caption))
    assert (r.status, r.successors, r.reason) == ("stale", [(ACT, f"Art19-Item{succ}")], "drifted")


def test_captions_that_fit_the_current_meaning_or_nothing(tl):
    assert tl.resolve(ACT, "Art19-Item6", D, Hints(caption="委託先への提供")).status == "valid"
    assert tl.resolve(ACT, "Art19-Item7", D, Hints(caption="特定個人情報の提供の制限")).status == "valid"
    assert tl.resolve(ACT, "Art19-Item5", date(2021, 5, 10),
                      Hints(caption="委託先への提供")).status == "valid"


# ---------------------------------------------------------------- the other statuses

def test_not_yet_valid(tl):
    assert tl.resolve(TEIKYO, "Art2-Table-Row48", date(2023, 10, 1)).status == "not_yet_valid"
    assert tl.resolve(TEIKYO, "Art3", date(2024, 5, 26)).status == "not_yet_valid"
    assert tl.resolve(ACT, "AppdxTable-Row44", date(2023, 4, 1)).status == "not_yet_valid"
    r = tl.resolve(ACT, "Art19-Item17", date(2020, 4, 1))
    assert r.status == "not_yet_valid" and r.valid_from == date(2021, 9, 1)
    assert tl.resolve(TEIKYO, "Art2-Table-Row48", date(2024, 5, 27)).status == "valid"


def test_unknown_numbers(tl):
    for law, prov in [(ACT, "AppdxTable2-Row250"), (ACT, "AppdxTable1-Row150"), (ACT, "Art19-Item23"),
                      (ACT, "AppdxTable-Row190"), (TEIKYO, "Art2-Table-Row350")]:
        assert tl.resolve(law, prov, D).status == "unknown", prov
        assert tl.knows(law, prov)


def test_unverifiable(tl):
    assert tl.resolve("357AC0000000080", "Art110", D).status == "unverifiable"  # 高確法: no outline
    assert not tl.knows("357AC0000000080", "Art110")
    assert tl.resolve("426M6000000a005", "Art999", D).status == "unverifiable"  # partial outline


def test_before_an_amendment_the_old_citation_is_valid(tl):
    assert tl.resolve(ACT, "AppdxTable2-Row80", date(2024, 5, 26)).status == "valid"
    assert tl.resolve(ACT, "AppdxTable1-Row16", date(2024, 5, 26)).status == "valid"
    assert tl.resolve(SHOREI, "Art20", date(2023, 1, 1)).status == "valid"


def test_whole_tables(tl):
    assert tl.resolve(ACT, "AppdxTable2", D).successors == [(TEIKYO, "Art2")]
    assert tl.resolve(ACT, "AppdxTable1", D).successors == [(ACT, "AppdxTable")]
    assert tl.resolve(ACT, "AppdxTable", D).status == "valid"


def test_deleted_rows_are_repealed(tl):
    assert tl.resolve(ACT, "AppdxTable2-Row36", D).status == "repealed"
    assert tl.resolve(ACT, "AppdxTable2-Row36", date(2022, 1, 1)).status == "repealed"


def test_relabelled_branch_items_in_their_interval(tl):
    assert tl.resolve(ACT, "AppdxTable-Row19_5", D).status == "valid"
    assert tl.resolve(ACT, "AppdxTable-Row19_5", date(2026, 3, 1)).status == "valid"  # moved 2026-06-01
    r = tl.resolve(ACT, "AppdxTable-Row19_5", date(2026, 5, 30))
    assert r.status == "ambiguous"
    assert (ACT, "AppdxTable-Row19_7") in r.successors
    assert tl.resolve(ACT, "AppdxTable-Row19_5", date(2026, 11, 1)).status == "valid"  # a new item


def test_paragraph_one_of_a_one_paragraph_article(tl):
    assert tl.resolve(ACT, "Art19-Para1-Item8", D).status == "valid"


def test_law_in_force(tl):
    assert not tl.law_in_force(TEIKYO, date(2024, 5, 26))
    assert tl.law_in_force(TEIKYO, date(2024, 5, 27))
    assert tl.law_in_force(SHOREI, date(2024, 5, 26))
    assert not tl.law_in_force("426m6000000a007", date(2024, 5, 27))
    assert tl.law_in_force(ACT, D)


def test_load_is_cached():
    assert load_timeline() is load_timeline()


def test_render_ja():
    assert render_ja("Art19-Item8") == "第19条第8号"
    assert render_ja("AppdxTable2-Row85_2") == "別表第二の85の2の項"
    assert render_ja("Art2-Table-Row117") == "第2条の表第117項"


# ---------------------------------------------------------------- semantics on a small rule set

def _rules(tmp_path: Path, amendments: dict[str, str], outline: str) -> Timeline:
    (tmp_path / "outlines").mkdir()
    (tmp_path / "amendments").mkdir()
    (tmp_path / "laws.yaml").write_text("laws:\n- {id: L1, title: 法}\n", encoding="utf-8")
    (tmp_path / "outlines" / "L1_1.yaml").write_text(outline, encoding="utf-8")
    for name, text in amendments.items():
        (tmp_path / "amendments" / name).write_text(text, encoding="utf-8")
    return Timeline.from_dir(tmp_path)


def test_chain_of_amendments_is_followed(tmp_path):
    tl = _rules(tmp_path, {
        "a.yaml": "id: A\nlaw_number: 一\nlaw: L1\neffective: 2020-01-01\nsource: {x: y}\n"
                  "changes:\n- {old: Art1-Item1, new: [Art1-Item2], kind: renumbered}\n"
                  "- {old: null, new: [Art1-Item1], kind: added}\n",
        "b.yaml": "id: B\nlaw_number: 二\nlaw: L1\neffective: {from: 2022-01-01, to: 2022-12-31}\n"
                  "source: {x: y}\nchanges:\n- {old: Art1-Item2, new: [Art1-Item3], kind: renumbered}\n",
    }, "law: L1\nversion: null\narticles: {Art1: '1-3'}\ntables: {}\n")
    # Item1 then meant what is Item3 after both amendments; face value is Item1's current meaning
    r = tl.resolve("L1", "Art1-Item2", date(2023, 6, 1))
    assert (r.status, r.successors) == ("stale", [("L1", "Art1-Item3")])
    assert [a.id for a in r.amendments] == ["B"]
    r = tl.resolve("L1", "Art1-Item2", date(2022, 6, 1))
    assert r.status == "ambiguous" and ("L1", "Art1-Item3") in r.successors
    assert tl.resolve("L1", "Art1-Item3", date(2021, 1, 1)).status == "not_yet_valid"
    assert tl.resolve("L1", "Art1-Item9", date(2021, 1, 1)).status == "unknown"
    lf = tl.history("L1", "Art1-Item1")
    assert len(lf) == 2 and lf[0].end_change.new == [("L1", "Art1-Item2")]
    # the first meaning of Item1, followed through both amendments
    from citations.timeline import Resolution
    r = tl._follow(lf[0], date(2023, 6, 1))
    assert isinstance(r, Resolution) and r.successors == [("L1", "Art1-Item3")]
    assert [a.id for a in r.amendments] == ["A", "B"]


def test_after_the_newest_version_a_table_may_have_grown(tl):
    # the 提供命令 is known as enacted (2024-05-27, 173 rows): row 180 may have been added since
    assert tl.resolve(TEIKYO, "Art2-Table-Row180", D).status == "unverifiable"
    assert tl.resolve(TEIKYO, "Art2-Table-Row117_2", D).status == "unverifiable"
    assert tl.resolve(TEIKYO, "Art2-Table-Row350", D).status == "unknown"
    # the Act is known up to 2026-10-01: before that, a missing row is impossible
    assert tl.resolve(ACT, "AppdxTable-Row137_5", D).status == "unknown"
    assert tl.resolve(ACT, "AppdxTable-Row137_5", date(2026, 11, 1)).status == "unverifiable"
