"""End to end on the public seed documents (real PDF/HTML extractions), read from ../shared."""
from datetime import date

import pytest

from citations.extract import extract
from citations.lint import Options, check_text

BANGO, TEIKYO, SHOREI1, SHOREI2 = "425AC0000000027", "506M60004008009", "426M6000000a005", "426M6000000a007"


def by_line(ex, line):
    return [(c.law, c.provision_id, c.in_history) for c in ex.citations if c.line == line]


@pytest.fixture(scope="module")
def seeds(seed_text):
    return {k: extract(seed_text(k)) for k in ("000", "001", "003", "004")}


def test_000_title_split_over_lines_anaphora_and_elided_lists(seeds):
    ex = seeds["000"]
    assert by_line(ex, 329) == [(BANGO, "Art9-Para1", False)]          # full title（番号利用法）⏎第９条第１項
    assert by_line(ex, 330) == [(BANGO, "AppdxTable-Row85", False)]    # 同法別表の８５項
    assert by_line(ex, 332) == [(SHOREI1, "Art46", False)]             # 番号利用法別表の主務省令…命令⏎第４６条
    assert by_line(ex, 341) == [(BANGO, "Art19-Item8", False)]         # 番号利用法⏎第１９条第８号
    assert by_line(ex, 346) == [(TEIKYO, "Art2-Table-Row117", False), (TEIKYO, "Art119", False)]  # 同令…
    assert [p for _, p, _ in by_line(ex, 811)] == ["Art48", "Art54-Para1", "Art54-Para10", "Art138"]
    assert [p for _, p, _ in by_line(ex, 922)] == ["Art50", "Art55"]   # 第５０条から第５５条に基づく


def test_000_history_starts_at_the_change_log_not_the_table_of_contents(seeds):
    ex = seeds["000"]
    (start, end), = ex.regions.spans
    assert ex.line_col(start)[0] == 1673 and end == len(ex.text)


def test_001_enumeration_on_the_next_line_and_a_number_split_by_a_wrap(seeds):
    ex = seeds["001"]
    body = [p for law, p, h in by_line(ex, 331) + by_line(ex, 332) if p.startswith("AppdxTable2")]
    assert body == [f"AppdxTable2-Row{n}" for n in (1, 2, 3, 4, 5, 9, 26, 27, 30, 33, 39, 42, 44, 58, 62, 80, 87, 93, 120)]
    hist = [c for c in ex.citations if c.line == 3222 and c.provision_id == "AppdxTable2-Row42"]
    assert hist and hist[0].in_history and hist[0].text == "４\n２"   # …３９、４⏎２、４４
    assert (BANGO, "AppdxTable1-Row30", False) in by_line(ex, 342)


def test_001_local_ordinance_is_not_the_act(seeds):
    ex = seeds["001"]
    c = [c for c in ex.citations if c.line == 2834][0]
    assert c.provision_id == "Art7" and c.law.startswith("name:世田谷区") and c.law != BANGO


def test_003_split_article_kanji_anaphora_and_hyphenated_items(seeds):
    ex = seeds["003"]
    assert [(law, p) for law, p, _ in by_line(ex, 2668)] == [(SHOREI2, "Art12_2"), (SHOREI2, "Art12_3"), (SHOREI2, "Art13")]
    thirteen = [c for c in ex.citations if c.line == 2668 and c.provision_id == "Art13"][0]
    assert thirteen.text == "第１\n３条" and thirteen.in_history
    assert by_line(ex, 2609) == [("323AC0000000068", "Art15-Para1", True)]   # 同法第十五条第一項 = 予防接種法
    assert [p for _, p, _ in by_line(ex, 2591)] == ["AppdxTable2-Row16_2"]    # （１６－２の⏎項）
    # articles of a non-law document (確認事項) are not attributed to any law
    assert [(law, p) for law, p, _ in by_line(ex, 1625)] == [(None, "Art7"), (None, "Art8"), (None, "Art9")]


def test_004_html_cells_compact_list_and_lookalikes(seeds):
    ex = seeds["004"]
    line107 = by_line(ex, 107)
    assert (BANGO, "AppdxTable-Row24", False) in line107 and (BANGO, "Art19-Item10", False) in line107
    assert (SHOREI1, "Art16", False) in line107 and (SHOREI1, "Art74", False) in line107   # 別表省令 (defined)
    line111 = by_line(ex, 111)
    assert line111[0] == (TEIKYO, "Art2", False)                   # …命令 第二条 (kanji, spaces)
    assert (TEIKYO, "Art3-Item1-SubItemロ", False) in line111      # 1 3条1号口
    assert (TEIKYO, "Art5-Item19-SubItemハ", False) in line111     # typo 19条ハ for 19号ハ
    assert (TEIKYO, "Art108-Item1-SubItemロ", False) in by_line(ex, 115)   # typo 108号1号口
    # the old lists in the change log cite the 別表第二主務省令
    assert any(law == SHOREI2 and h for law, _, h in by_line(ex, 786))
    assert (BANGO, "AppdxTable1-Row15", True) in by_line(ex, 856)


@pytest.mark.parametrize("seed, published", [("000", date(2025, 5, 1)), ("003", date(2024, 12, 25)),
                                             ("004", date(2025, 12, 1))])
def test_current_documents_have_no_validity_findings_on_their_publication_date(seed, published, seed_text):
    r = check_text(seed_text(seed), seed, Options(as_of=published))
    assert [f for f in r.findings if f.kind != "style"] == []


def test_001_body_is_stale_in_2025_and_its_history_is_never_flagged(seed_text):
    r = check_text(seed_text("001"), "001", Options(as_of=date(2025, 6, 1)))
    stale = {(f.provision, tuple(s.provision for s in f.successors)) for f in r.findings if f.kind == "stale"}
    assert ("AppdxTable2-Row120", ("Art2-Table-Row158",)) in stale
    assert ("AppdxTable2-Row4", ("Art2-Table-Row5",)) in stale
    assert ("AppdxTable1-Row30", ("AppdxTable-Row44",)) in stale
    hist = [c for c in r.citations if c.in_history]
    assert hist and not any(any(c.start <= f.start < c.end for c in hist) for f in r.findings)


def test_004_lookalike_findings_fix_exactly_one_character(seed_text):
    text = seed_text("004")
    r = check_text(text, "004", Options(as_of=date(2025, 12, 1)))
    looks = [f for f in r.findings if f.code == "CIT201"]
    assert looks and all(f.fix.end - f.fix.start == 1 and text[f.fix.start] in "口二力八" for f in looks)
