"""Where the shipped data lives: grammars/ and rules/ at the top of a source checkout, or the
packages citations.grammars / citations.rules inside an installed wheel (see pyproject.toml)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """Path of the `grammars` or `rules` folder."""
    src = Path(__file__).resolve().parent.parent / name
    if src.is_dir():
        return src
    return Path(str(resources.files(f"citations.{name}")))


def grammar_path(name: str = "citation.lark") -> Path:
    return data_dir("grammars") / name


def rules_dir() -> Path:
    return data_dir("rules")
