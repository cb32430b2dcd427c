"""Shared fixtures: a tiny, valid curated corpus (tests/fixtures/good) and a writable copy of it."""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

GOOD = Path(__file__).parent / "fixtures" / "good"


@dataclass(frozen=True)
class CorpusCopy:
    """A copy of the good corpus under tmp_path: data/*.csv and seeds/*.txt, free to break."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    def rows(self, table: str) -> list[dict[str, str]]:
        with open(self.data_dir / f"{table}.csv", encoding="utf-8", newline="") as file:
            return list(csv.DictReader(file))

    def write(self, table: str, rows: list[dict[str, str]]) -> None:
        with open(self.data_dir / f"{table}.csv", "w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def set_cell(self, table: str, row: int, column: str, value: str) -> None:
        """Set one cell; `row` is the 1-based data row, as in error messages."""
        rows = self.rows(table)
        assert column in rows[row - 1], f"{table}.csv has no column {column!r}"
        rows[row - 1][column] = value
        self.write(table, rows)


@pytest.fixture
def good_dir() -> Path:
    """The good corpus itself (read-only: copy it before changing anything)."""
    return GOOD


@pytest.fixture
def corpus_copy(tmp_path: Path) -> CorpusCopy:
    shutil.copytree(GOOD, tmp_path / "corpus")
    return CorpusCopy(tmp_path / "corpus")
