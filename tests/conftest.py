"""Shared fixtures. `shared_dir`: the read-only reference material (../shared next to the
repository, or $CITATIONS_SHARED); tests that need it skip cleanly when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def find_shared() -> Path | None:
    env = os.environ.get("CITATIONS_SHARED")
    cand = Path(env) if env else REPO.parent / "shared"
    return cand if cand.is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    d = find_shared()
    if d is None:
        pytest.skip("shared reference material (../shared or $CITATIONS_SHARED) not available")
    return d


@pytest.fixture(scope="session")
def egov_dir(shared_dir: Path) -> Path:
    d = shared_dir / "lawdata" / "egov"
    if not d.is_dir():
        pytest.skip("no e-Gov XML in the shared material")
    return d


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path):
    """Read a public seed document by its number prefix ("000", "001", "003", "004")."""
    def read(prefix: str) -> str:
        hits = sorted((shared_dir / "seeds").glob(f"{prefix}_*.txt"))
        if not hits:
            pytest.skip(f"seed {prefix} not available")
        return hits[0].read_text(encoding="utf-8")
    return read
