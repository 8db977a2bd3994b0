"""History regions: the change-log annex, not the table of contents that names it."""
from citations.history import find_regions

LOG = "変更日\t項目\t変更前の記載\t変更後の記載\t提出時期\n令和6年6月19日\t…\t番号法第19条第7号\t番号法第19条第8号\t事後\n"


def starts(text, **kw):
    return [text.count("\n", 0, s) + 1 for s, _ in find_regions(text, **kw).spans]


def test_the_table_of_contents_line_does_not_open_history():
    text = "項目一覧\n(別添2) 変更箇所\n\nⅠ 基本情報\n本文\n\n(別添2)変更箇所\n" + LOG
    assert starts(text) == [7]


def test_heading_in_html_tags_or_split_over_two_lines():
    assert starts("本文\n<p>（別添３）変更箇所</p>\n" + LOG) == [2]
    assert starts("本文\n\n（別添２）\n変更箇所\n\n変更日\n項目\n変更前の記載\n") == [3]
    assert starts("本文\n変更履歴\n" + LOG) == [2]


def test_a_heading_not_followed_by_a_log_is_not_history():
    assert starts("（別添２）変更箇所\nⅠ 基本情報\n１．事務\n②事務の内容\n説明\n説明\n説明\n説明\n説明\n説明\n") == []


def test_configured_markers_and_end_markers():
    text = "本文\n【旧記載】\n変更日 令和3年\n番号法第19条第7号\n【旧記載ここまで】\n本文\n"
    r = find_regions(text, markers=(r"^【旧記載】$",), end_markers=(r"^【旧記載ここまで】$",))
    (s, e), = r.spans
    assert text[s:e].startswith("【旧記載】") and "本文" not in text[s:e]
