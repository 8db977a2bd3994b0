"""Properties that hold on any input: parsing never raises, spans lie inside the text and are
exact slices, fixes are idempotent and touch only their spans."""
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citations.extract import extract
from citations.lint import Options, check_text, fix_text

# pieces real citations are made of, plus the noise around them
PIECES = ["第", "条", "項", "号", "の", "別表", "第二", "第２", "２", "の項", "及び", "、", "・", "から", "まで",
          "番号法", "番号利用法", "同法", "同令", "提供命令", "別表第二省令", "高齢者の医療の確保に関する法律",
          "行政手続における特定の個人を識別するための番号の利用等に関する法律",
          "第十九条", "第１９条", "第19条", "第８号", "第8号", "第七号", "百十五", "８５の二", "16-2", "１６－２",
          "口", "ロ", "二", "ニ", "力", "カ", "イ", "（", "）", "(", ")", "「", "」", "（以下「", "」という。）",
          "\n", "\n\n", "\t", " ", "\u3000", "<p>", "</p>", "<ul style=\"a\">", "<選択肢>", "。",
          "0", "1", "7", "9", "１", "３", "８０", "120", "250", "変更箇所", "（別添２）", "変更日",
          "主務省令", "対応主務省令", "における", "の表", "の以下の項", "第三欄", "号カード", "被保険者", "番地"]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=200)
OPTS = Options(as_of=date(2025, 6, 1))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extract_never_raises_and_spans_are_exact(text):
    ex = extract(text)
    for c in ex.citations:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.prov_span[0] >= 0 and c.prov_span[1] <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_check_findings_and_fixes_lie_inside_the_text(text):
    r = check_text(text, "t.txt", OPTS)
    for f in r.findings:
        assert 0 <= f.start <= f.end <= len(text)
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text)


CITES = st.lists(st.sampled_from([
    "番号法第１９条第７号及び別表第二の８０の項", "番号法第19条第8号及び別表第二の27、29の項",
    "番号利用法第９条第１項及び別表第一の１６の項", "・別表第二省令第２０条", "別表第２の以下の項\n１、２、４",
    "（別表第二における情報提供の根拠）\n：第三欄（情報提供者）が含まれる項（２７、２９の項）",
    "番号法第十九条第七号及び別表第二の百八の項", "高齢者の医療の確保に関する法律第５０条から第５５条",
    "番号利用法第１９条第５号（委託先への提供）", "番号法別表第二（第十九条、第二十一条関係）の三十三の項",
    "平成30年12月18日の記載", "\n", "\n\n", "。", "\t"]), max_size=8).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CITES)
def test_fix_is_idempotent_and_leaves_no_fixable_stale_citation(text):
    once, result, _ = fix_text(text, "t.txt", OPTS)
    twice, _, _ = fix_text(once, "t.txt", OPTS)
    assert twice == once
    assert not [f for f in result.findings if f.kind == "stale" and f.fix is not None]
