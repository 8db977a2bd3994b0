"""Finding and resolving citations in text: law names, context, traps."""
import pytest

from citations.extract import extract

BANGO = "425AC0000000027"
TEIKYO = "506M60004008009"
SHOREI2 = "426M6000000a007"
SHOREI1 = "426M6000000a005"
KOKAKU = "357AC0000000080"


def cits(text):
    return [(c.law, c.provision_id) for c in extract(text).citations]


def test_law_head_applies_to_the_whole_chain():
    assert cits("番号法第１９条第８号及び別表第二の８０の項") == [(BANGO, "Art19-Item8"), (BANGO, "AppdxTable2-Row80")]


def test_full_title_split_over_lines_with_abbreviation_definition():
    text = ("行政手続における特定の個人を識別するた\nめの番号の利用等に関する法律（以下「番号利用法」と\nいう。）\n"
            "・番号利用法第９条第１項及び別表の２４の項")
    ex = extract(text)
    assert ex.definitions["番号利用法"].law == BANGO
    assert [(c.law, c.provision_id) for c in ex.citations] == [(BANGO, "Art9-Para1"), (BANGO, "AppdxTable-Row24")]


def test_document_defined_abbreviation_of_an_ordinance():
    text = ("行政手続における特定の個人を識別するための番号の利用等に関する法律別表第二の主\n務省令で定める事務及び情報を定める命令\n"
            "（別表第二省令）（平成26年内閣府・総務省令\n第７号）\n・別表第二省令第１２条の２、第１２条の２の２")
    assert cits(text) == [(SHOREI2, "Art12_2"), (SHOREI2, "Art12_2_2")]


def test_teikyo_meirei_title_variants_are_one_law_name_not_article_19():
    for text in ["番号法第19条第8号に基づく利用 特定個人情報の提供に関する命令第2条",
                 "番号法第十九条第八号に基づく利用 特定個人情報の提供に関する命令 第二条",
                 "行政手続における特定の個人を識別するための番号の利用等に関する法律第１９条第８号に基づく利用特定個人情報の提供に関する命令第２条"]:
        assert cits(text) == [(TEIKYO, "Art2")], text


def test_article_19_right_before_the_ordinance_title():
    text = "番号法第19条第8号 行政手続における特定の個人を識別するための番号の利用等に関する法律第19条第8号に基づく利用特定個人情報の提供に関する命令第2条の表の第117項"
    assert cits(text) == [(BANGO, "Art19-Item8"), (TEIKYO, "Art2-Table-Row117")]


def test_anaphora_dou_hou_and_dou_rei():
    text = ("１　行政手続における特定の個人を識別するための番号の利用等に関する法律（番号利用法）\n"
            "　第９条第１項 及び 同法別表の８５項\n\n２　番号利用法第１９条第８号に基づく利用特定個人情報の提供に関する命令\n\n"
            "　情報照会の根拠　：　同令第２条の表の１１７項 及び 同令第１１９条")
    assert cits(text) == [(BANGO, "Art9-Para1"), (BANGO, "AppdxTable-Row85"),
                          (TEIKYO, "Art2-Table-Row117"), (TEIKYO, "Art119")]


def test_ordinance_title_containing_beppyo_is_not_a_table_citation():
    assert cits("番号利用法別表の主務省令で定める事務を定める命令\n　第４６条") == [(SHOREI1, "Art46")]
    assert cits("・別表省令第16条 ・別表省令第74条") == [(SHOREI1, "Art16"), (SHOREI1, "Art74")]


def test_other_laws_with_elided_lists_and_ranges():
    assert cits("高齢者の医療の確保に関する法律第４８条、第５４条第１項、第１０項、第１３８条") == [
        (KOKAKU, "Art48"), (KOKAKU, "Art54-Para1"), (KOKAKU, "Art54-Para10"), (KOKAKU, "Art138")]
    assert cits("（※１）　高齢者の医療の確保に関する法律第５０条から第５５条に基づく被保険者") == [
        (KOKAKU, "Art50"), (KOKAKU, "Art55")]


def test_unregistered_laws_get_a_stable_non_contract_id():
    got = cits("・世田谷区行政手続における特定の個人を識別するための番号の利用等に関する条例第7条及び同条例施行規則第6条")
    assert got[0] == ("name:世田谷区行政手続における特定の個人を識別するための番号の利用等に関する条例", "Art7")
    assert got[1][0].startswith("name:世田谷区") and got[1][0].endswith("施行規則") and got[1][1] == "Art6"


def test_article_without_a_law_in_its_sentence_is_not_guessed():
    text = "「…システムの利用にあたっての確認事項」に同意のうえ、第７条（情報到達の責任分界点）、第8条（通信経路の責任分界点）に則り運用する。"
    assert cits(text) == [(None, "Art7"), (None, "Art8")]


def test_beppyo_first_article_second_belongs_to_the_same_law():
    assert cits("（※２）番号法別表第２及び第１９条第１４号に基づき") == [(BANGO, "AppdxTable2"), (BANGO, "Art19-Item14")]


def test_table_caption_is_not_an_article_citation():
    assert cits("番号法別表第二（第十九条、第二十一条関係）の三十三の項") == [(BANGO, "AppdxTable2-Row33")]


def test_bare_table_head_takes_its_rows_from_a_later_list():
    text = ("番号法第１９条第８号及び別表第二\n\n（別表第二における情報提供の根拠）\n"
            "第三欄（情報提供者）が「市町村長」の項のうち、第四欄（特定個人情報）に「地方税関係情報」が含まれる項（６１、６\n２の項）")
    assert cits(text) == [(BANGO, "Art19-Item8"), (BANGO, "AppdxTable2-Row61"), (BANGO, "AppdxTable2-Row62")]


def test_row_list_under_a_heading_takes_the_heading_table():
    text = "(別表第二における情報提供の根拠) :第三欄(情報提供者)が「市町村長」の項のうち、第四欄(特定個人情報)に「地方税関係情報」が含まれる項(27、29の項)"
    assert cits(text) == [(BANGO, "AppdxTable2-Row27"), (BANGO, "AppdxTable2-Row29")]


def test_orphan_table_after_an_ordinance_goes_to_the_act():
    text = "・別表第二省令第１２条の２、第１２条の２の２\n　（※別表第二の１６の２の項、１６の３の項）"
    assert cits(text) == [(SHOREI2, "Art12_2"), (SHOREI2, "Art12_2_2"),
                          (BANGO, "AppdxTable2-Row16_2"), (BANGO, "AppdxTable2-Row16_3")]


def test_compact_list_under_the_teikyo_meirei_heading():
    text = ("\t・番号法第十九条第八号に基づく利用 特定個人情報の提供に関する命令 第二条 (番号法における情報提供の根拠及びその対応主務省令) "
            "第二条第三欄(情報提供者)が「市町村長」の項のうち、第四欄(特定個人情報)に「地方税関係情報」が含まれる項 1 3条1号口 2 4条12号口、13号口")
    got = cits(text)
    assert got[0] == (TEIKYO, "Art2")
    assert got[-3:] == [(TEIKYO, "Art3-Item1-SubItemロ"), (TEIKYO, "Art4-Item12-SubItemロ"), (TEIKYO, "Art4-Item13-SubItemロ")]


def test_compact_entries_without_a_list_heading_are_ignored():
    assert cits("提供先 2 4条12号ロ") == []


@pytest.mark.parametrize("trap", [
    "所在地　埼玉県熊谷市宮町二丁目47番地1\n電話番号　048-524-1111",
    "熊谷市大原一丁目5番36号の庁舎において、第三者点検を受けている。",
    "[○] 10項目以上50項目未満 [ ] 100項目以上",
    "本人確認は個人番号カード又は通知カードにより行う。",
    "介護保険第一号被保険者に該当する者の資格情報を管理する。",
    "デジタル庁が定める「ガバメントクラウドの利用基準【第1.0版】」に従う。",
    "提供先2～5\n委託事項16～20\nⅡ-５-提供先１から１７①法令上の根拠",
    "1) 実施する\n2) 実施しない\n（※１）情報提供ネットワークシステムを使用した特定個人情報の照会を行う機能。",
    "令和6年5月27日 事後\n2019/4/1 2021/5/10 事後\nH30.5.21\n[令和７年５月　様式３]",
    "ISO/IEC27017、ISO/IEC27018の認証を受けている。",
    "｢一部事務組合又は広域連合と構成地方公共団体との間の特定個人情報の授受について（通知）｣（平成２７年２月１３日府番第２７号、総行住第１４号、総税市第１２号）の記の２により",
    "添付資料(Ⅱ. ①提供先一覧)\n(別添1) 事務の内容\nⅠ-６-②",
    "熊谷市個人情報の保護に関する法律施行条例及び熊谷市個人情報の保護に関する法律施行細則",
])
def test_traps_yield_no_citations(trap):
    assert cits(trap) == []


def test_every_span_is_the_exact_source_slice():
    text = "<p>・番号法第19条第7号(特定個人情報の提供の制限)及び別表第二</p> <p>(別表第二における情報照会の根拠) : 第一欄(情報照会者)が「市町村長」の項のうち、が含まれる項(27の項)</p>"
    ex = extract(text)
    assert ex.citations
    for c in ex.citations:
        assert text[c.start:c.end] == c.text
        assert (c.line, c.column) == (1, c.start + 1)


def test_article_without_dai_after_a_law_name():
    assert cits("番号法19条8号及び別表第二の27の項") == [(BANGO, "Art19-Item8"), (BANGO, "AppdxTable2-Row27")]
    assert cits("番号法第19条8号") == [(BANGO, "Art19-Item8")]
    assert cits("提供先2 19条") == []          # without a law name a 第-less number is not a citation


def test_kanji_table_number_next_to_digits_stays_apart():
    assert cits("番号法別表第二２７の項") == [(BANGO, "AppdxTable2-Row27")]


def test_a_label_glued_to_a_law_name_by_a_pdf_join():
    assert cits("①法令上の根拠\n番号法第１９条第８号") == [(BANGO, "Art19-Item8")]
    got = cits("個人情報保護法第76条、第90条\n高岡市個人情報保護条例第13条")
    assert got[:2] == [("415AC0000000057", "Art76"), ("415AC0000000057", "Art90")]
    assert got[2] == ("name:高岡市個人情報保護条例", "Art13")


def test_dou_jou_and_dou_kou_complete_the_previous_article():
    assert cits("番号法第９条第１項及び同条第２項") == [(BANGO, "Art9-Para1"), (BANGO, "Art9-Para2")]
    assert cits("番号法第19条第8号及び同項第9号")[-1] == (BANGO, "Art19-Item9")


def test_law_number_and_abbreviation_in_one_parenthetical():
    text = "行政手続における特定の個人を識別するための番号の利用等に関する法律（平成二十五年法律第二十七号。以下「番号法」という。）第十九条第八号"
    ex = extract(text)
    assert ex.definitions["番号法"].law == BANGO
    assert [(c.law, c.provision_id) for c in ex.citations] == [(BANGO, "Art19-Item8")]


def test_row_forms_of_the_teikyo_meirei_and_row_ranges():
    assert cits("提供命令第２条の表第４８項") == [(TEIKYO, "Art2-Table-Row48")]
    assert cits("番号法別表第二の２７の項から２９の項まで") == [(BANGO, "AppdxTable2-Row27"), (BANGO, "AppdxTable2-Row29")]


def test_spaces_a_word_processor_puts_around_numbers():
    assert cits("番号法第 19 条第 8 号及び別表第二の 33 の項") == [(BANGO, "Art19-Item8"), (BANGO, "AppdxTable2-Row33")]


def test_other_laws_keep_their_own_tables_and_cabinet_orders():
    assert cits("住民基本台帳法第３０条の９及び別表第一の１の項") == [
        ("342AC0000000081", "Art30_9"), ("342AC0000000081", "AppdxTable1-Row1")]
    got = cits("番号法第19条第8号及び地方税法施行令第４８条の９の７の規定により照会する。")
    assert got[1] == ("name:地方税法施行令", "Art48_9_7")


@pytest.mark.parametrize("text", [
    "番号法第9条第1項に基づき、熊谷市個人番号取扱要綱第５条に定める手続による。",
    "番号法第１９条第８号及び「地方公共団体における情報連携に当たっての確認事項」第７条に従い運用する。",
    "番号法第１９条第８号に基づき、第１号様式（第３条関係）により照会する。",
    "番号法第９条第１項に基づき、情報セキュリティポリシー第５条に従う。",
    "番号利用法附則第６条第４項第２号の規定により、特定個人情報を保有する。",
])
def test_an_article_after_another_document_is_not_the_acts(text):
    assert [c for c in cits(text) if c[0] == BANGO and c[1] not in ("Art9-Para1", "Art19-Item8")] == []


def test_lists_ranges_and_sub_item_lists():
    assert cits("番号法第１９条第８号及び別表第二の３３の項（市町村長）、３４の項（都道府県知事）")[1:] == [
        (BANGO, "AppdxTable2-Row33"), (BANGO, "AppdxTable2-Row34")]
    assert cits("番号法第１９条第８号及び別表第二の次の項\n３３の項、３４の項")[1:] == [
        (BANGO, "AppdxTable2-Row33"), (BANGO, "AppdxTable2-Row34")]
    assert cits("番号法第１９条第５号ないし第７号") == [(BANGO, "Art19-Item5"), (BANGO, "Art19-Item7")]
    assert cits("提供命令第１５条第１号イ及びロ") == [(TEIKYO, "Art15-Item1-SubItemイ"), (TEIKYO, "Art15-Item1-SubItemロ")]
    assert cits("住民基本台帳法別表第一から別表第六までに掲げる事務") == [
        ("342AC0000000081", "AppdxTable1"), ("342AC0000000081", "AppdxTable6")]


def test_more_ways_to_write_rows_and_the_ordinance():
    assert cits("番号利用法第９条第１項及び別表２４の項")[-1] == (BANGO, "AppdxTable-Row24")
    assert cits("提供命令第２条表の第４８項") == [(TEIKYO, "Art2-Table-Row48")]
    assert cits("番号法第19条第8号に規定する主務省令第2条の表第48項") == [(TEIKYO, "Art2-Table-Row48")]
    assert cits("提供命令第１２６条第１号へ") == [(TEIKYO, "Art126-Item1-SubItemヘ")]
    assert cits("提供命令第１２６条第１号へ及びト") == [(TEIKYO, "Art126-Item1-SubItemヘ"),
                                                    (TEIKYO, "Art126-Item1-SubItemト")]
    # the particle へ is not a sub-item
    assert cits("番号法第１９条第７号から第８号へ改正された。") == [
        (BANGO, "Art19-Item7"), (BANGO, "Art19-Item8")]
    assert cits("番号法第１９条第８号への移行") == [(BANGO, "Art19-Item8")]
    assert cits("詳細は添付の別表２（提供先一覧）のとおり。別表１の項目を参照。") == []


def test_a_page_footer_inside_a_row_list_does_not_end_it():
    text = "番号法第１９条第８号　別表第２の以下の項\n１、２、２７、\n－ ６ －\n８７、９３\n"
    assert [p for _, p in cits(text)][-3:] == ["AppdxTable2-Row27", "AppdxTable2-Row87",
                                               "AppdxTable2-Row93"]
    # a footer after a finished sentence is just a break
    assert [p for _, p in cits("番号法第９条第１項\n- 7 -\n８７人")] == ["Art9-Para1"]


def test_an_abbreviation_defined_by_law_number_for_a_title_written_loosely():
    text = ("行政手続における特定の個人を識別するための番号の利用等に関する法律（以下「法」という。）"
            "及び法別表第二の主務省令で定める事務及び情報を定める命令（平成２６年内閣府・総務省\n"
            "令第７号。以下「主務省令」という。）の規定に基づく。\n（主務省令第７条、第９条）")
    assert cits(text)[-2:] == [(SHOREI2, "Art7"), (SHOREI2, "Art9")]


def test_katakana_ni_typed_for_the_table_number():
    assert cits("番号法第１９条第８号及び別表第ニの７４の項")[-1] == (BANGO, "AppdxTable2-Row74")
    assert cits("コピー及びサービス") == []


def test_spaces_around_the_table_of_an_article():
    assert cits("提供命令 第二条の表 第百十七項") == [(TEIKYO, "Art2-Table-Row117")]
