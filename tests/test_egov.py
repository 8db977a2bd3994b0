"""Reading e-Gov XML into outlines: real versions of the 番号法 and the 提供命令."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from citations.egov import (decode_article, decode_nums, encode_nums, kanji_int, label_num,
                            outline_of, outline_provisions, parse_file)
from citations.provision import num_id
from citations.resources import rules_dir

ACT_20240518 = "425AC0000000027_20240518_503AC0000000039.xml"
ACT_KUBOON = "425AC0000000027_kuboon_2021.xml"
TEIKYO = "506M60004008009_20240527_000000000000000.xml"


@pytest.fixture(scope="module")
def act(egov_dir: Path):
    return parse_file(egov_dir / ACT_20240518)


@pytest.fixture(scope="module")
def teikyo(egov_dir: Path):
    return parse_file(egov_dir / TEIKYO)


def test_kanji_labels():
    assert kanji_int("二十三") == 23
    assert kanji_int("百十五") == 115
    assert kanji_int("百") == 100
    assert label_num("十六の二") == (16, 2)
    assert label_num("百十五の二") == (115, 2)


def test_law_identity_from_file_name(act, teikyo):
    assert act.law_id == "425AC0000000027"
    assert str(act.version) == "2024-05-18"
    assert act.amendment == "503AC0000000039"
    assert act.number == "平成二十五年法律第二十七号"
    assert teikyo.law_id == "506M60004008009" and str(teikyo.version) == "2024-05-27"


def test_appended_tables_of_the_last_version_before_2024(act):
    t2 = act.tables["2"]
    assert t2.title == "別表第二"
    labels = [num_id(r.num) for r in t2.rows]
    assert len(labels) == 133 and len(set(labels)) == 133
    assert sorted(num_id(r.num) for r in t2.rows if r.deleted) == ["21", "36"]
    row = next(r for r in t2.rows if r.num == (82,))
    assert row.who == "市町村長" and row.jimu.startswith("高齢者の医療の確保に関する法律")
    # an item spans several TableRows (one per 情報提供者); they stay one row
    assert len(next(r for r in t2.rows if r.num == (1,)).columns) > 4
    t1 = act.tables["1"]
    assert len(t1.rows) == 113 and sum(r.deleted for r in t1.rows) == 5


def test_article_19_items(act, egov_dir: Path):
    items = act.articles[(19,)].paragraphs[0].items
    assert [i.num for i in items] == [(n,) for n in range(1, 18)]
    assert items[7].text.startswith("別表第二の第一欄に掲げる者")
    old = parse_file(egov_dir / ACT_KUBOON)
    assert len(old.articles[(19,)].paragraphs[0].items) == 16


def test_table_inside_an_article_and_its_detail_articles(teikyo):
    from citations.derive import detail_article
    table = teikyo.articles[(2,)].table
    assert [r.num for r in table] == [(n,) for n in range(1, 174)]
    assert table[0].label == "一" and table[0].who == "厚生労働大臣"
    # row N is detailed in article N+2 (「次条」, 「第N条」, 「同条」 all resolve)
    assert all(detail_article(r, (2,)) == f"Art{r.num[0] + 2}" for r in table)


def test_subitems_are_read(teikyo):
    item = teikyo.articles[(3,)].paragraphs[0].items[0]
    assert [l for l, _ in item.subitems] == list("イロハニホ")
    assert item.subitems[0][1].startswith("当該届出に係る被扶養者")


def test_number_lists_round_trip():
    nums = [((1,), False), ((2,), False), ((3,), False), ((3, 2), False), ((4,), True),
            ((5,), False), ((7,), False)]
    s = encode_nums(nums)
    assert s == "1-3,3_2,(4),5,7"
    assert decode_nums(s) == nums
    with pytest.raises(ValueError):
        decode_nums("1-x")


def test_article_codes():
    a = decode_article("- / 1-3,4[イロ] / -")
    assert len(a.paragraphs) == 3 and a.paragraphs[0] == []
    assert a.paragraphs[1][-1] == ((4,), False, "イロ")
    assert decode_article("削除").deleted


@pytest.mark.parametrize("name", [ACT_KUBOON, ACT_20240518, TEIKYO])
def test_outline_lists_exactly_the_provisions_of_the_version(egov_dir: Path, name: str):
    law = parse_file(egov_dir / name)
    articles, tables = outline_of(law)
    assert set(outline_provisions(articles, tables)) == set(law.provisions())


def test_shipped_outlines_match_the_xml(egov_dir: Path):
    """The outline files are what `citations rules outline` writes for the shipped XML."""
    checked = 0
    for p in sorted((rules_dir() / "outlines").glob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        xml = egov_dir / data["source"]["file"]
        if not xml.exists():
            continue
        law = parse_file(xml, data["law"])
        articles, tables = outline_of(law)
        assert data["articles"] == articles, p.name
        assert (data["tables"] or {}) == tables, p.name
        checked += 1
    assert checked >= 6
