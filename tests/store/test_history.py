"""The history of published assessments: runs recorded in a real DuckDB file, what each
published read back, runs chosen by number or day, and several recorders at once."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from claimtrace.errors import StoreError
from claimtrace.judge.judged import SHOWN_PARTS
from claimtrace.store.cache import assessed, data_key
from claimtrace.store.history import (
    Run,
    last_published,
    prune,
    published,
    record_publication,
    run_since,
    runs,
)
from tests.factories import CorpusCopy, at_once, in_arrow


def test_a_run_is_recorded_with_what_it_published(good_dir: Path, store: Path) -> None:
    _, assessment = assessed(good_dir / "data", store=store)
    run = record_publication(store, data_key(good_dir / "data"))
    assert [r.run_id for r in runs(store)] == [1]
    assert run.published_at <= dt.datetime.now(dt.UTC).replace(tzinfo=None)
    said = last_published(store)
    assert said.run == run == runs(store)[0]
    for part in SHOWN_PARTS:
        pd.testing.assert_frame_equal(
            getattr(said, part), in_arrow(getattr(assessment, part)), obj=part
        )


def test_runs_of_one_data_version_share_one_copy(good_dir: Path, store: Path) -> None:
    assessed(good_dir / "data", store=store)
    first = record_publication(store, data_key(good_dir / "data"))
    second = record_publication(store, data_key(good_dir / "data"))
    assert (first.run_id, second.run_id) == (1, 2)
    assert first.copy_id == second.copy_id


def test_a_copy_outlives_the_stored_assessment(corpus_copy: CorpusCopy, store: Path) -> None:
    """Stored assessments are pruned; what a run published is kept."""
    _, assessment = assessed(corpus_copy.data_dir, store=store)
    record_publication(store, data_key(corpus_copy.data_dir))
    for number in range(4):
        corpus_copy.set_cell("claims", 1, "note", f"note {number}")
        assessed(corpus_copy.data_dir, store=store)
    first = published(store, runs(store)[0])
    pd.testing.assert_frame_equal(first.claims, in_arrow(assessment.claims))


def test_copies_of_one_layout_share_their_tables(corpus_copy: CorpusCopy, store: Path) -> None:
    """A small copy would otherwise take a storage block (256 KiB) per part, every week."""
    made = []
    for number in range(3):
        corpus_copy.set_cell("claims", 1, "note", f"note {number}")
        made.append(assessed(corpus_copy.data_dir, store=store)[1])
        record_publication(store, data_key(corpus_copy.data_dir))
    with duckdb.connect(str(store), read_only=True) as connection:
        tables = [row[0] for row in connection.execute("SHOW TABLES").fetchall()]
    assert len([table for table in tables if table.startswith("published_claims_")]) == 1
    for run, assessment in zip(runs(store), made, strict=True):
        pd.testing.assert_frame_equal(published(store, run).claims, in_arrow(assessment.claims))


def test_pruning_keeps_the_newest_runs_readable_and_shrinks_the_file(
    corpus_copy: CorpusCopy, store: Path
) -> None:
    made = []
    for number in range(4):
        corpus_copy.set_cell("claims", 1, "note", f"note {number}")
        made.append(assessed(corpus_copy.data_dir, store=store)[1])
        record_publication(store, data_key(corpus_copy.data_dir))
    before = store.stat().st_size
    assert prune(store, 2) == 2
    assert [run.run_id for run in runs(store)] == [3, 4]
    for run, assessment in zip(runs(store), made[2:], strict=True):
        pd.testing.assert_frame_equal(published(store, run).claims, in_arrow(assessment.claims))
    assert store.stat().st_size < before
    with duckdb.connect(str(store), read_only=True) as connection:
        copies = connection.execute("SELECT snapshot_id FROM snapshots").fetchall()
        entries = connection.execute("SELECT count(*) FROM entries").fetchall()
    assert sorted(copies) == [(3,), (4,)] and entries == [(1,)]
    assert prune(store, 5) == 0  # keeping more than there are removes nothing
    assert [run.run_id for run in runs(store)] == [3, 4]


def test_nothing_is_recorded_without_a_stored_assessment(good_dir: Path, store: Path) -> None:
    with pytest.raises(StoreError) as caught:
        record_publication(store, data_key(good_dir / "data"))
    assert str(caught.value) == (
        f"{store}: holds no stored assessment of this data version to record"
    )
    assert runs(store) == []
    assert last_published(store) is None


def test_before_any_store_there_is_no_history(store: Path) -> None:
    assert runs(store) == []
    assert last_published(store) is None
    with pytest.raises(StoreError) as caught:
        published(store, Run(1, dt.datetime(2026, 5, 4), "hash", "code", 1))
    assert str(caught.value) == f"{store}: does not exist: no assessment was published yet"
    with pytest.raises(StoreError) as caught:
        run_since([], "1", store)
    assert str(caught.value) == f"{store}: holds no published assessment yet; render first"


def test_a_run_the_history_has_no_copy_for_says_so(good_dir: Path, store: Path) -> None:
    assessed(good_dir / "data", store=store)
    record_publication(store, data_key(good_dir / "data"))
    with pytest.raises(StoreError) as caught:
        published(store, Run(7, dt.datetime(2026, 5, 4), "hash", "code", 9))
    assert str(caught.value) == f"{store}: has no copy of what run 7 published"


@pytest.fixture
def tokyo(monkeypatch: pytest.MonkeyPatch):
    """The machine's clock set to Japan's time zone, nine hours ahead of UTC."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_run_is_dated_in_utc_whatever_the_machine_s_zone(
    good_dir: Path, store: Path, tokyo: None
) -> None:
    assessed(good_dir / "data", store=store)
    run = record_publication(store, data_key(good_dir / "data"))
    utc = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs(run.published_at - utc) < dt.timedelta(hours=1)
    assert runs(store)[0].published_at == run.published_at


def history(*days: str) -> list[Run]:
    return [
        Run(number, dt.datetime.fromisoformat(day), "hash", "code", 1)
        for number, day in enumerate(days, start=1)
    ]


def test_since_names_a_run_by_number_or_by_day(store: Path) -> None:
    published_runs = history("2026-05-04T05:17", "2026-05-11T05:17", "2026-05-18T05:17")
    assert run_since(published_runs, "2", store).run_id == 2
    assert run_since(published_runs, "2026-05-11", store).run_id == 2
    assert run_since(published_runs, "2026-05-17", store).run_id == 2
    assert run_since(published_runs, "2030-01-01", store).run_id == 3


@pytest.mark.parametrize(
    ("since", "complaint"),
    [
        ("9", "--since 9: no such run; the history has runs 1-3"),
        ("last week", "--since 'last week': is neither a run number nor a day (YYYY-MM-DD)"),
        ("2026-02-30", "--since 2026-02-30: is not a calendar day"),
        (
            "2026-05-01",
            "--since 2026-05-01: no assessment was published on or before it; the first was "
            "run 1 on 2026-05-04",
        ),
    ],
)
def test_since_that_names_no_run_says_so_in_one_line(
    store: Path, since: str, complaint: str
) -> None:
    published_runs = history("2026-05-04T05:17", "2026-05-11T05:17", "2026-05-18T05:17")
    with pytest.raises(StoreError) as caught:
        run_since(published_runs, since, store)
    assert str(caught.value) == complaint


def test_a_damaged_history_cannot_be_read_and_says_so(store: Path) -> None:
    store.parent.mkdir(parents=True)
    store.write_bytes(b"\0" * 4096)
    with pytest.raises(StoreError, match=r"cannot be read \(IOException"):
        runs(store)


RECORD = """
import sys
from pathlib import Path
from claimtrace.store.history import record_publication
from claimtrace.store.cache import data_key
print(record_publication(Path(sys.argv[2]), data_key(Path(sys.argv[1]))).run_id)
"""


@pytest.mark.slow  # processes started side by side: seconds each, run by `make test`
def test_recorders_at_once_each_get_their_own_run(good_dir: Path, store: Path) -> None:
    """Renders on two machines sharing a reports folder, or a render racing a curator: every
    recorder waits its turn, and the history stays whole."""
    assessed(good_dir / "data", store=store)
    done = at_once(RECORD, str(good_dir / "data"), str(store), processes=5)
    assert [code for code, _, _ in done] == [0] * 5, done
    assert sorted(int(out) for _, out, _ in done) == [1, 2, 3, 4, 5]
    assert [run.run_id for run in runs(store)] == [1, 2, 3, 4, 5]
    with duckdb.connect(str(store), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM snapshots").fetchall() == [(1,)]
