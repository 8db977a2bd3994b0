"""Config discovery and precedence, key validation, rule selection, file collection."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from citations.catalog import RULES
from citations.config import Config, ConfigError, collect_files, find_config, load_config
from citations.history import DEFAULT_MARKERS


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------ discovery

@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """root/pyproject.toml [tool.citations]; root/sub/citations.toml; root/sub/deep/;
    root/other/pyproject.toml without [tool.citations]."""
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.citations]\nas-of = 2024-05-27\n')
    write(tmp_path / "sub" / "citations.toml", 'as-of = "2021-09-01"\n')
    (tmp_path / "sub" / "deep").mkdir()
    write(tmp_path / "other" / "pyproject.toml", '[project]\nname = "y"\n')
    return tmp_path


def test_nearest_config_walking_up(tree: Path):
    cfg = load_config(tree / "sub" / "deep")
    assert cfg.source == (tree / "sub" / "citations.toml").resolve()
    assert cfg.as_of == date(2021, 9, 1)


def test_start_may_be_a_file(tree: Path):
    doc = write(tree / "sub" / "deep" / "doc.txt", "本文")
    assert find_config(doc) == (tree / "sub" / "citations.toml").resolve()


def test_pyproject_without_tool_table_is_skipped(tree: Path):
    cfg = load_config(tree / "other")
    assert cfg.source == (tree / "pyproject.toml").resolve()
    assert cfg.as_of == date(2024, 5, 27)


def test_citations_toml_wins_over_pyproject_in_the_same_directory(tree: Path):
    write(tree / "citations.toml", 'as-of = 2020-01-01\n')
    assert load_config(tree).as_of == date(2020, 1, 1)


def test_explicit_config_wins(tree: Path):
    explicit = write(tree / "elsewhere" / "ci.toml", 'format = "sarif"\n')
    cfg = load_config(tree / "sub" / "deep", explicit=explicit)
    assert cfg.source == explicit.resolve() and cfg.format == "sarif" and cfg.as_of is None
    # an explicit pyproject.toml is read from its [tool.citations] table
    assert load_config(tree / "sub", explicit=tree / "pyproject.toml").as_of == date(2024, 5, 27)


def test_explicit_config_must_exist(tmp_path: Path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(explicit=tmp_path / "missing.toml")


def test_no_config_gives_defaults(tmp_path: Path):
    cfg = load_config(tmp_path)
    assert cfg.source is None
    assert cfg == Config(root=cfg.root)
    assert cfg.markers == DEFAULT_MARKERS and cfg.teikyo_meirei_abbreviation == "提供命令"
    assert cfg.introduce_abbreviation is True and cfg.format == "text"


# ------------------------------------------------------------------------ keys

def test_all_keys(tmp_path: Path):
    write(tmp_path / "citations.toml", '''
as-of = 2025-08-13
select = ["CIT1"]
extend-select = ["CIT204"]
ignore = ["CIT107"]
history-markers = ["^変更履歴$"]
extend-history-markers = ["^改訂記録$"]
history-end-markers = ["^以上$"]
include = ["**/*.txt"]
exclude = ["drafts"]
baseline = "ci/baseline.json"
format = "github"
teikyo-meirei-abbreviation = ""
introduce-abbreviation = false

[preferred-alias]
"425AC0000000027" = "番号法"
''')
    cfg = load_config(tmp_path)
    assert cfg.as_of == date(2025, 8, 13)
    assert cfg.select == ("CIT1",) and cfg.extend_select == ("CIT204",) and cfg.ignore == ("CIT107",)
    assert cfg.markers == ("^変更履歴$", "^改訂記録$") and cfg.history_end_markers == ("^以上$",)
    assert cfg.include == ("**/*.txt",) and cfg.exclude == ("drafts",)
    assert cfg.baseline == (tmp_path / "ci" / "baseline.json").resolve()  # relative to the config
    assert cfg.format == "github"
    assert cfg.preferred_alias == {"425AC0000000027": "番号法"}
    assert cfg.teikyo_meirei_abbreviation == "" and cfg.introduce_abbreviation is False


def test_extend_history_markers_keeps_the_default(tmp_path: Path):
    write(tmp_path / "citations.toml", 'extend-history-markers = ["^改訂記録$"]\n')
    assert load_config(tmp_path).markers == DEFAULT_MARKERS + ("^改訂記録$",)


@pytest.mark.parametrize("body, message", [
    ('selct = ["CIT1"]\n', r"citations.toml: unknown key 'selct'; did you mean 'select'\?"),
    ('history_markers = []\n', r"unknown key 'history_markers'; did you mean 'history-markers'\?"),
    ('as-of = "2024-13-01"\n', r"'as-of' must be a date"),
    ('as-of = 2024-05-27T00:00:00\n', r"'as-of' must be a date"),
    ('select = "CIT101"\n', r"'select' must be a list of strings"),
    ('ignore = ["CIT109"]\n', r"'ignore' names no rule: 'CIT109'; did you mean"),
    ('history-markers = ["(unclosed"]\n', r"'history-markers' has an invalid regular expression"),
    ('format = "xml"\n', r"'format' must be one of text, json, sarif, github"),
    ('introduce-abbreviation = "yes"\n', r"'introduce-abbreviation' must be true or false"),
    ('preferred-alias = {"425AC0000000027" = 1}\n', r"'preferred-alias' must be a table"),
    ('as-of = \n', r"invalid TOML"),
])
def test_bad_config_names_file_and_key(tmp_path: Path, body: str, message: str):
    write(tmp_path / "citations.toml", body)
    with pytest.raises(ConfigError, match=message) as e:
        load_config(tmp_path)
    assert str(tmp_path) in str(e.value)


def test_unknown_key_in_pyproject_says_where(tmp_path: Path):
    write(tmp_path / "pyproject.toml", '[tool.citations]\nexlude = ["x"]\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: unknown key 'exlude' in \[tool.citations\]; "
                                          r"did you mean 'exclude'\?"):
        load_config(tmp_path)


# ------------------------------------------------------------------------ is_enabled

@pytest.mark.parametrize("select, extend, ignore, enabled", [
    (None, (), (), set(RULES)),
    (("CIT2",), (), (), {c for c in RULES if c.startswith("CIT2")}),
    (("CIT101", "CIT102"), (), (), {"CIT101", "CIT102"}),
    (("CIT1",), ("CIT204",), ("CIT107",), {c for c in RULES if c.startswith("CIT1")} - {"CIT107"} | {"CIT204"}),
    (None, (), ("CIT2",), {c for c in RULES if c.startswith("CIT1")}),
    (("CIT101",), (), ("CIT1",), set()),            # ignore wins even over a more specific select
    (("ALL",), (), ("CIT20",), set(RULES) - {c for c in RULES if c.startswith("CIT20")}),
    ((), ("CIT205",), (), {"CIT205"}),               # an empty select selects nothing
])
def test_is_enabled(select, extend, ignore, enabled):
    cfg = Config(select=select, extend_select=extend, ignore=ignore)
    assert {c for c in RULES if cfg.is_enabled(c)} == enabled


# ------------------------------------------------------------------------ collect_files

@pytest.fixture
def docs(tmp_path: Path) -> Path:
    for name in ["a.txt", "b.md", "c.HTML", "d.htm", "e.tsv", "f.csv", "g.pdf", "h.py",
                 "sub/i.txt", "drafts/j.txt", "sub/drafts/k.txt", ".git/l.txt", "sub/m.txt.bak"]:
        write(tmp_path / name, "番号法")
    return tmp_path


def rel(files: list[Path], root: Path) -> list[str]:
    return [f.relative_to(root).as_posix() for f in files]


def test_collect_default_suffixes_recursive_sorted(docs: Path):
    files = collect_files([docs], Config(root=docs))
    assert rel(files, docs) == ["a.txt", "b.md", "c.HTML", "d.htm", "e.tsv", "f.csv",
                                "drafts/j.txt", "sub/i.txt", "sub/drafts/k.txt"]


def test_collect_include_overrides_default(docs: Path):
    files = collect_files([docs], Config(root=docs, include=("*.txt", "*.pdf")))
    assert rel(files, docs) == ["a.txt", "g.pdf", "drafts/j.txt", "sub/i.txt", "sub/drafts/k.txt"]
    anchored = collect_files([docs], Config(root=docs, include=("sub/**/*.txt",)))
    assert rel(anchored, docs) == ["sub/i.txt", "sub/drafts/k.txt"]


def test_collect_exclude_names_and_anchored_paths(docs: Path):
    anywhere = collect_files([docs], Config(root=docs, exclude=("drafts",)))
    assert "drafts/j.txt" not in rel(anywhere, docs) and "sub/drafts/k.txt" not in rel(anywhere, docs)
    anchored = collect_files([docs], Config(root=docs, exclude=("/drafts/", "*.md")))
    assert rel(anchored, docs) == ["a.txt", "c.HTML", "d.htm", "e.tsv", "f.csv",
                                   "sub/i.txt", "sub/drafts/k.txt"]


def test_collect_explicit_files_dedup_exclude_and_missing(docs: Path):
    cfg = Config(root=docs, exclude=("drafts",))
    files = collect_files([docs / "h.py", docs / "a.txt", docs, docs / "drafts" / "j.txt",
                           docs / "missing.txt"], cfg)
    # an explicitly named file is checked whatever its suffix, once; exclude still applies;
    # a missing path is kept so that reading it reports the error
    assert rel(files, docs) == ["h.py", "a.txt", "b.md", "c.HTML", "d.htm", "e.tsv", "f.csv",
                                "sub/i.txt", "missing.txt"]


def test_exclude_globs_relative_to_the_config_file(docs: Path):
    write(docs / "citations.toml", 'exclude = ["sub/*.txt"]\n')
    cfg = load_config(docs / "sub")
    assert "sub/i.txt" not in rel(collect_files([docs / "sub"], cfg), docs)
    assert "sub/drafts/k.txt" in rel(collect_files([docs / "sub"], cfg), docs)
