"""Shared fixtures. Data from ../shared is read when present; tests that need it skip cleanly."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "corpus" / "reference" / "kim-putin-summit-2023.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def reference_record(shared):
    import dateline

    if not REFERENCE.is_file():
        pytest.skip("reference article not present")
    return dateline.analyze(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def analyze():
    import dateline

    return dateline.analyze


@pytest.fixture
def user_knowledge(tmp_path, monkeypatch):
    """A user knowledge folder (DATELINE_KNOWLEDGE_DIR) for tests that edit tables; write a
    table into it, call `knowledge.reload()`, and everything is forgotten afterwards."""
    from dateline import geo, knowledge

    monkeypatch.setenv(knowledge.USER_DIR_ENV, str(tmp_path))
    knowledge.reload()
    yield tmp_path
    monkeypatch.delenv(knowledge.USER_DIR_ENV)
    knowledge.reload()
    geo.reset()
