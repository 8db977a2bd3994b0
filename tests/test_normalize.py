"""The normaliser: what changes, and that every normalised character maps back exactly."""
from citations.normalize import normalize


def roundtrip_span(text: str, needle: str) -> str:
    n = normalize(text)
    i = n.text.index(needle)
    s, e = n.span(i, i + len(needle))
    return text[s:e]


def test_full_width_and_kanji_digits_become_ascii():
    assert normalize("番号法第１９条第８号").text == "番号法第19条第8号"
    assert normalize("別表第二の百十五の二の項").text == "別表第2の115の2の項"
    assert normalize("第十九条第八号").text == "第19条第8号"


def test_spans_map_back_to_the_original_characters():
    assert roundtrip_span("番号法第十九条第八号", "第19条") == "第十九条"
    assert roundtrip_span("別表第２の１２０", "120") == "１２０"


def test_hard_wrap_inside_a_number_is_joined_and_maps_back():
    text = "別表第二省令第１２条の２、第１\n３条、第１３条の２"
    n = normalize(text)
    assert "第13条、第13条の2" in n.text
    assert roundtrip_span(text, "第13条、") == "第１\n３条、"


def test_break_before_an_enumerator_is_a_space_not_a_join():
    # 「別表第２の３⏎４．…」 must not become item 34
    assert normalize("別表第２の３\n４．番号利用法").text == "別表第2の3 4.番号利用法"
    assert normalize("１　番号利用法\n　第１９条第８号\n２　番号").text == "1 番号利用法第19条第8号 2 番号"


def test_blank_line_is_a_hard_boundary_and_tab_rows_keep_cells():
    assert normalize("a\n\nb").text == "a\nb"
    assert normalize("x\n\ty").text == "x\ty"
    tsv = "法令上の根拠\t番号法第19条\n次の行\t別表第二\n"
    assert normalize(tsv).text == "法令上の根拠\t番号法第19条\n次の行\t別表第2\n"


def test_ocr_lookalikes_after_go_become_katakana_only_there():
    n = normalize("3条1号口、15条1号二、2号二、44条1号力 公金受取口座 口頭 二つ 力")
    assert n.text == "3条1号ロ、15条1号ニ、2号ニ、44条1号カ 公金受取口座 口頭 2つ 力"
    # 「番号口座」 is not a sub-item: 号 not preceded by a digit
    assert "番号口座" in normalize("個人番号口座").text


def test_whitelisted_html_tags_become_spaces_other_angle_brackets_stay():
    n = normalize("<p>・番号法第19条</p> <ul style=\"list-style-type: none\"> <選択肢> <input type=\"checkbox\"/>")
    assert n.text == " ・番号法第19条    <選択肢>  "
    assert roundtrip_span("<p>別表第二</p>", "別表第2") == "別表第二"


def test_offsets_cover_every_character_in_order():
    text = "<p>番号利用法第１９条第\n７号（特定）</p>\n\n別表第二の九十四の項"
    n = normalize(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    assert list(n.starts) == sorted(n.starts)
    assert all(0 <= s <= e <= len(text) for s, e in zip(n.starts, n.ends))
