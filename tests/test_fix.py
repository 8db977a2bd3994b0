"""The fixer: style-preserving rewrites, exact offsets, idempotence, history left alone."""
from datetime import date

from citations.extract import extract
from citations.lint import Options, check_text, fix_text

OPTS = Options(as_of=date(2025, 6, 1))
BANGO, TEIKYO = "425AC0000000027", "506M60004008009"


def fixed(text, **kw):
    return fix_text(text, "t.txt", OPTS, **kw)[0]


def test_renumbering_keeps_the_documents_digits():
    assert fixed("番号法第１９条第７号及び別表第二の３の項").startswith("番号法第１９条第８号及び")
    assert fixed("番号法第９条第１項及び別表第一の３０の項") == "番号法第９条第１項及び別表の４４の項"
    assert fixed("番号法第十九条第七号（情報提供ネットワークシステムを使用した特定個人情報の提供）") == \
        "番号法第十九条第八号（情報提供ネットワークシステムを使用した特定個人情報の提供）"
    assert fixed("番号法第9条第1項 別表第1の41の項") == "番号法第9条第1項 別表の61の項"


def test_beppyo2_row_becomes_the_teikyo_meirei_introduced_once():
    text = "番号法第１９条第８号及び別表第二の８２の項\n番号法第１９条第８号及び別表第二の２７の項"
    new = fixed(text)
    first, second = new.split("\n")
    assert first == ("番号法第１９条第８号及び番号法第１９条第８号に基づく利用特定個人情報の提供に関する命令"
                     "（以下「提供命令」という。）第２条の表の第１１７項")
    assert second == "番号法第１９条第８号及び提供命令第２条の表の第４８項"
    assert {(c.law, c.provision_id) for c in extract(new).citations} >= {(TEIKYO, "Art2-Table-Row117"), (TEIKYO, "Art2-Table-Row48")}


def test_the_documents_own_abbreviation_is_used():
    text = ("番号利用法第１９条第８号に基づく利用特定個人情報の提供に関する命令（以下「利用命令」という。）第３条\n"
            "・番号法第19条第8号及び別表第二の27の項")
    assert fixed(text).endswith("・番号法第19条第8号及び利用命令第2条の表の第48項")


def test_repealed_rows_stay_and_are_named_after_the_moved_ones():
    new = fixed("番号法別表第二の２６の項、２７の項及び２９の項")
    assert new.endswith("第２条の表の第４２項、第４８項及び別表第二の２９の項")
    r = check_text(new, "t", OPTS)
    assert [(f.kind, f.provision) for f in r.findings if f.kind != "style"] == [("repealed", "AppdxTable2-Row29")]


def test_list_after_ika_no_kou_keeps_its_layout():
    new = fixed("番号法第１９条第８号　別表第２の以下の項\n１、２、４")
    assert new.endswith("第２条の表の以下の項\n１、２、５")


def test_fix_edits_only_its_spans_and_is_idempotent():
    text = "【前文】そのまま。\r\n番号法第１９条第７号及び別表第二の８０の項\r\n末尾もそのまま。"
    r = check_text(text, "t", OPTS)
    spans = sorted((f.fix.start, f.fix.end) for f in r.findings if f.fix)
    new = fixed(text)
    assert new.startswith(text[:spans[0][0]]) and new.endswith(text[spans[-1][1]:])
    assert "\r\n" in new and new.count("\r\n") == text.count("\r\n")
    assert fixed(new) == new


def test_history_region_is_never_touched():
    text = ("②法令上の根拠　番号法第１９条第７号及び別表第二の８０の項\n\n（別添２）変更箇所\n\n"
            "平成30年12月18日 Ⅰ-５-②法令上の根拠 番号法第１９条第７号及び別表第二の８０の項 事後\n")
    new = fixed(text)
    head, log = new.split("（別添２）変更箇所")
    assert log == text.split("（別添２）変更箇所")[1]
    assert "第７号" not in head


def test_style_fixes_only_when_asked():
    text = "・番号利用法第１９条第８号に基づく利用特定個人情報の提供に関する命令第３条第１号口"
    assert fixed(text) == text
    assert fixed(text, style=True).endswith("第３条第１号ロ")


def test_ambiguous_and_whole_table_citations_are_left_for_a_person():
    text = "（※２）番号法別表第２及び第１９条第１４号に基づき"
    assert fixed(text) == text
    kinds = {(f.provision, f.kind) for f in check_text(text, "t", OPTS).findings if f.kind != "style"}
    assert kinds == {("AppdxTable2", "stale"), ("Art19-Item14", "ambiguous")}


def test_digit_widths_mixed_inside_one_citation_are_a_style_finding():
    r = check_text("番号法第19条第８号", "t", OPTS)
    (f,) = [f for f in r.findings if f.code == "CIT205"]
    assert f.fix.replacement in ("第１９条第８号", "第19条第8号")


def test_captions_brackets_and_a_definition_wrapped_by_the_pdf():
    new = fixed("番号法第１９条第８号及び別表第二の２７の項（情報照会）及び８０の項（情報提供）")
    assert new.endswith("第２条の表の第４８項（情報照会）及び第１１５項（情報提供）")
    assert fixed("番号法第１９条第８号及び別表第二（第２７項、第８０項）").endswith("第２条の表（第４８項、第１１５項）")
    text = ("番号法第１９条第８号に基づく利用特定個人情報の提供に関する命令（以下「提供\n命令」という。）\n"
            "①法令上の根拠 番号法第１９条第８号及び別表第二の９４の項")
    assert fixed(text).endswith("及び提供命令第２条の表の第１３２項")


def test_a_row_range_is_written_out_row_by_row():
    # the rows between the ends are renumbered too: the range becomes the list of what it covered
    new = fixed("番号法第１９条第８号及び別表第二の１６の２の項から１９の項まで")
    assert new.endswith("第２条の表の第２５項、第２６項、第２７項、第２８項、第２９項")
    # 21 was deleted before 2024: it is not in the range; a range of 別表第一 stays in 番号法
    assert fixed("番号法第１９条第８号及び別表第二の２０の項から２３の項まで").endswith("第３７項、第３８項、第３９項")
    assert fixed("番号法第９条第１項及び別表第一の３０の項から３３の項までに規定する事務").endswith(
        "別表の第４４項、第４５項、第４６項、第４７項、第４８項に規定する事務")


def test_dou_hyou_follows_the_table_it_refers_to():
    new = fixed("番号法第１９条第８号及び別表第二の２７の項並びに同表の８０の項")
    assert "同表" not in new
    assert {(c.law, c.provision_id) for c in extract(new).citations} >= {
        (TEIKYO, "Art2-Table-Row48"), (TEIKYO, "Art2-Table-Row115")}


def test_a_head_with_a_law_number_is_replaced_when_everything_moves():
    new = fixed("②法令上の根拠　番号法（平成２５年法律第２７号）別表第二の２７の項")
    assert new.endswith("命令（以下「提供命令」という。）第２条の表の第４８項")
    assert "平成２５年" not in new


def test_a_relabelled_row_is_read_by_its_caption_and_definitions_by_their_term():
    after = Options(as_of=date(2026, 6, 1))

    def fixed(text, opts=OPTS):
        return fix_text(text, "t.txt", opts)[0]
    # 十四の二 is 公認会計士 since 2026-06-01; the caption says the old row (母体保護法) is meant
    assert fixed("番号法別表の十四の二の項（母体保護法による指定に関する事務）", after) == \
        "番号法別表の十四の三の項（母体保護法による指定に関する事務）"
    assert fixed("番号法別表の十四の二の項（公認会計士の登録に関する事務）", after) == \
        "番号法別表の十四の二の項（公認会計士の登録に関する事務）"
    # 第2条第8項 is カード代替電磁的記録 since 2025; 特定個人情報 moved to 第9項
    assert fixed("番号法第２条第８項に規定する特定個人情報") == "番号法第２条第９項に規定する特定個人情報"
    assert fixed("番号法第２条第９項に規定する特定個人情報") == "番号法第２条第９項に規定する特定個人情報"
