"""The store's database file: where it is found, what it refuses (a foreign file, another format, a
damaged one), what a failed change leaves, and frames read back exactly as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from claimtrace.errors import StoreError
from claimtrace.store.database import (
    UNREADABLE_SUFFIX,
    copy_shared,
    lock_path,
    read_frame,
    read_with,
    write_frame,
    write_with,
)
from claimtrace.store.location import STORE_ENV, STORE_FILE, store_path

REBUILT = (
    "; moved aside to claimtrace.duckdb.unreadable-1 and rebuilt"
    " (the history of published assessments starts again)"
)


def tables_of(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in connection.execute("SHOW TABLES").fetchall()]


def test_the_store_is_in_the_reports_folder_named_else_where_told_else_beside_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STORE_ENV, str(tmp_path / "told.duckdb"))
    assert store_path("anywhere/data") == tmp_path / "told.duckdb"
    named = store_path("anywhere/data", tmp_path / "out")
    assert named == tmp_path / "out" / STORE_FILE  # a named folder wins over the environment
    monkeypatch.delenv(STORE_ENV)
    monkeypatch.chdir(tmp_path)
    assert store_path("project/data") == tmp_path / "project" / "reports" / STORE_FILE
    assert store_path(reports_dir="out") == tmp_path / "out" / STORE_FILE


def test_a_foreign_database_is_refused_then_moved_aside_and_rebuilt(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.parent.mkdir(parents=True)
    with duckdb.connect(str(store)) as connection:
        connection.execute("CREATE TABLE theirs AS SELECT 1 AS x")
    refusal = f"{store}: is not a claimtrace store (no store_format table)"
    with pytest.raises(StoreError) as caught:
        read_with(store, tables_of, [])
    assert str(caught.value) == refusal
    assert write_with(store, tables_of) == ["entries", "runs", "snapshots", "store_format"]
    assert capsys.readouterr().err == f"claimtrace: {refusal}{REBUILT}\n"
    with duckdb.connect(str(store) + UNREADABLE_SUFFIX + "-1", read_only=True) as connection:
        assert tables_of(connection) == ["theirs"]  # theirs, untouched


def test_a_store_of_another_format_is_refused(store: Path) -> None:
    write_with(store, lambda connection: connection.execute("UPDATE store_format SET format = 2"))
    with pytest.raises(StoreError) as caught:
        read_with(store, tables_of, [])
    assert str(caught.value) == f"{store}: has store format 2; this claimtrace reads 1"


def test_a_damaged_file_says_why_in_at_most_200_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / ("a folder with a long name " * 8).strip() / STORE_FILE
    store.parent.mkdir()
    store.write_bytes(b"not a database " * 100)
    said = f'IO Error: The file "{store}" exists, but it is not a valid DuckDB database file!'
    assert len(said) > 200
    with pytest.raises(StoreError) as caught:
        read_with(store, tables_of, [])
    assert str(caught.value) == f"{store}: cannot be read (IOException: {said[:200]})"
    write_with(store, tables_of)
    assert capsys.readouterr().err == f"claimtrace: {caught.value}{REBUILT}\n"


def test_a_write_ahead_log_goes_aside_with_its_damaged_file(store: Path) -> None:
    store.parent.mkdir(parents=True)
    store.write_bytes(b"")
    log = store.with_name(store.name + ".wal")
    log.write_bytes(b"the damaged file's log")
    assert write_with(store, tables_of) == ["entries", "runs", "snapshots", "store_format"]
    aside = store.with_name(store.name + UNREADABLE_SUFFIX + "-1.wal")
    assert aside.read_bytes() == b"the damaged file's log"
    assert not log.exists()


def test_a_second_damaged_store_never_replaces_the_first_one_moved_aside(store: Path) -> None:
    store.parent.mkdir(parents=True)
    for damage in (b"first damaged history", b"second damaged history"):
        store.write_bytes(damage)
        write_with(store, tables_of)
    asides = sorted(store.parent.glob(store.name + UNREADABLE_SUFFIX + "-*"))
    assert [aside.read_bytes() for aside in asides] == [
        b"first damaged history",
        b"second damaged history",
    ]


@pytest.mark.parametrize(
    "change",
    [
        "DROP TABLE runs",
        "ALTER TABLE runs ADD COLUMN extra INTEGER",
        "ALTER TABLE entries ALTER layout TYPE INTEGER USING 0",
    ],
)
def test_a_store_whose_table_is_missing_or_changed_is_unreadable(store: Path, change: str) -> None:
    write_with(store, tables_of)
    with duckdb.connect(str(store)) as connection:
        connection.execute(change)
    with pytest.raises(StoreError, match="missing or changed"):
        read_with(store, tables_of, [])
    assert write_with(store, tables_of) == ["entries", "runs", "snapshots", "store_format"]
    assert store.with_name(store.name + UNREADABLE_SUFFIX + "-1").is_file()


def test_a_store_of_its_own_layout_is_read(store: Path) -> None:
    write_with(store, tables_of)
    assert read_with(store, tables_of, []) == ["entries", "runs", "snapshots", "store_format"]


def test_a_sqlite_file_never_makes_duckdb_fetch_or_install_an_extension(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    store.parent.mkdir(parents=True)
    store.write_bytes(b"SQLite format 3\x00" + bytes(4096))
    with pytest.raises(StoreError, match="cannot be read"):
        read_with(store, tables_of, [])
    assert list(home.iterdir()) == []  # no ~/.duckdb: nothing downloaded or installed


def test_a_lock_that_is_a_folder_is_one_store_error(store: Path) -> None:
    write_with(store, tables_of)
    lock_path(store).unlink()
    lock_path(store).mkdir()
    with pytest.raises(StoreError, match="cannot open the lock: Is a directory"):
        read_with(store, tables_of, [])
    with pytest.raises(StoreError, match="cannot open the lock: Is a directory"):
        write_with(store, tables_of)


def test_a_folder_where_the_file_belongs_is_moved_aside(store: Path) -> None:
    store.mkdir(parents=True)
    assert write_with(store, tables_of) == ["entries", "runs", "snapshots", "store_format"]
    assert store.with_name(store.name + UNREADABLE_SUFFIX + "-1").is_dir()


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (duckdb.Error("block checksum mismatch"), "Error: block checksum mismatch"),
        (duckdb.IOException("could not read block"), "IOException: could not read block"),
    ],
)
def test_damage_found_while_a_change_runs_moves_the_file_aside_and_the_change_runs_again(
    store: Path, capsys: pytest.CaptureFixture[str], damage: duckdb.Error, named: str
) -> None:
    """A checksum failure shows only when a damaged block is read, inside the change."""
    write_with(store, tables_of)
    calls = []

    def change(connection: duckdb.DuckDBPyConnection) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise damage
        return len(calls)

    assert write_with(store, change) == 2
    assert capsys.readouterr().err == f"claimtrace: {store}: cannot be read ({named}){REBUILT}\n"


def test_a_failed_change_leaves_the_file_as_it_was(store: Path) -> None:
    write_with(store, lambda connection: write_frame(connection, "kept", pd.DataFrame({"a": [1]})))

    def change(connection: duckdb.DuckDBPyConnection) -> None:
        connection.execute("DROP TABLE kept")
        write_frame(connection, "half", pd.DataFrame({"a": [2]}))
        connection.execute("SELECT * FROM no_such_table")

    with pytest.raises(duckdb.CatalogException):
        write_with(store, change)
    assert "half" not in read_with(store, tables_of, [])
    assert "kept" in read_with(store, tables_of, [])
    assert not store.with_name(store.name + UNREADABLE_SUFFIX + "-1").exists()  # not damaged


HOLD_READ_ONLY = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
print("reading", flush=True)
time.sleep(120)
"""


@pytest.mark.slow  # processes started side by side: seconds each, run by `make test`
def test_a_reader_is_not_kept_out_by_another_program_reading(store: Path) -> None:
    """Someone looking into the store with DuckDB's own tools while a report reads it."""
    write_with(store, tables_of)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_READ_ONLY, str(store)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "reading\n"
        assert "entries" in read_with(store, tables_of, [])
    finally:
        holder.kill()
        holder.wait()


def test_a_frame_keeps_its_plain_index_and_its_extension_dtypes(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "text": pd.array(["a", None], dtype="string"),
            "count": pd.array([1, None], dtype="Int64"),
        }
    )
    with duckdb.connect(str(tmp_path / "frames.duckdb")) as connection:
        read = read_frame(connection, write_frame(connection, 'a "quoted" name', frame))
        assert tables_of(connection) == ['a "quoted" name']
    pd.testing.assert_frame_equal(read, frame, check_index_type=True)
    assert isinstance(read.index, pd.RangeIndex)


def test_frames_of_different_columns_shared_by_prefix_come_back_apart(tmp_path: Path) -> None:
    frames = [
        pd.DataFrame({"a": [1, 2]}),
        pd.DataFrame({"b": ["x"], "c": [True]}),
        pd.DataFrame({"a": [3]}),
    ]
    with duckdb.connect(str(tmp_path / "frames.duckdb")) as connection:
        shared = [
            copy_shared(connection, write_frame(connection, f"t{n}", frame), "published", n)
            for n, frame in enumerate(frames)
        ]
        for layout, frame in zip(shared, frames, strict=True):
            pd.testing.assert_frame_equal(read_frame(connection, layout), frame)
        assert shared[0]["table"] == shared[2]["table"] != shared[1]["table"]
