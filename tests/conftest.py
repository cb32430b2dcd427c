"""Shared fixtures (the good fixture corpus and a writable copy of it, each test's own store)
and collection rules.

Notebooks under notebooks/ are checked by nbval and marked slow, as are the end-to-end render
tests (`pytestmark`); `make test-fast` runs everything else. The fixtures folder holds inputs,
not tests: nbval must not collect its notebook.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimtrace.store.location import STORE_ENV, STORE_FILE
from tests.factories import GOOD, CorpusCopy

collect_ignore_glob = ["fixtures/*"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def good_dir() -> Path:
    """The good corpus itself (read-only: copy it before changing anything)."""
    return GOOD


@pytest.fixture
def corpus_copy(tmp_path: Path) -> CorpusCopy:
    shutil.copytree(GOOD, tmp_path / "corpus")
    return CorpusCopy(tmp_path / "corpus")


@pytest.fixture(autouse=True)
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own store of assessments and history, as a render tells its kernels: no test
    writes one beside the fixtures or the project's data, and none reads another's."""
    path = tmp_path / "store" / STORE_FILE
    monkeypatch.setenv(STORE_ENV, str(path))
    return path
