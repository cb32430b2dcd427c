"""The store's database file: an embedded DuckDB file beside the reports, its locks, its format,
and frames written into it and read back as the same frames.

DuckDB lets one process write a file, or several processes read it, never both at once. So every
claimtrace process takes the lock file beside it (`.claimtrace.duckdb.lock`, flock) before it
connects: shared to read, exclusive to write, and holds a connection only while it reads or
writes. A reader never waits for a whole render, only for one write.

A file that cannot be read (not a DuckDB file, truncated, a failed checksum, another format, a
table of its layout missing or changed) is reported in one line on stderr, moved aside
(`claimtrace.duckdb.unreadable-N`, N the first number free, so an earlier one is never
overwritten) and rebuilt by the next writer; until then readers are told it is unreadable
(`StoreError`) and assess in memory. A file another program holds open is never moved.

Every connection has DuckDB's extension autoloading and installing off: a foreign file or a
query never makes it fetch or load native code, nor write under the home folder.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import sys
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from claimtrace.duckdb_connection import connect
from claimtrace.errors import StoreError

FORMAT = 1
"""The layout of the tables below; a file of another layout is treated as unreadable."""
UNREADABLE_SUFFIX = ".unreadable"
PARTITION = "__partition__"
"""The column that tells apart the frames sharing one table (copy_shared)."""

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS store_format (format INTEGER NOT NULL)",
    # The cache of assessments (store/cache.py): one row per stored data version.
    "CREATE TABLE IF NOT EXISTS entries (entry_id INTEGER PRIMARY KEY, data_hash VARCHAR NOT NULL,"
    " code_version VARCHAR NOT NULL, stored_at TIMESTAMP NOT NULL, layout VARCHAR NOT NULL)",
    # The history (store/history.py): what each published assessment said (a copy, in a table
    # named snapshots since the first format), and each publication.
    "CREATE TABLE IF NOT EXISTS snapshots (snapshot_id INTEGER PRIMARY KEY,"
    " data_hash VARCHAR NOT NULL, code_version VARCHAR NOT NULL, layout VARCHAR NOT NULL)",
    "CREATE TABLE IF NOT EXISTS runs (run_id INTEGER PRIMARY KEY, published_at TIMESTAMP NOT NULL,"
    " data_hash VARCHAR NOT NULL, code_version VARCHAR NOT NULL,"
    " snapshot_id INTEGER NOT NULL REFERENCES snapshots (snapshot_id))",
)

Connection = duckdb.DuckDBPyConnection
T = TypeVar("T")


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _lock_handle(path: Path, exclusive: bool) -> Any:
    """The open lock file; a reader in a folder it cannot write opens an existing lock to read.
    StoreError, in one line, when there is no lock to open (a folder in its place, no access)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(lock_path(path), "a")
    except OSError as error:
        if not exclusive and isinstance(error, PermissionError):
            with suppress(OSError):
                return open(lock_path(path))
        raise StoreError(str(lock_path(path)), f"cannot open the lock: {error.strerror}") from None


@contextmanager
def _locked(path: Path, exclusive: bool) -> Iterator[None]:
    with _lock_handle(path, exclusive) as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _held_by_another_program(path: Path) -> bool:
    """Whether a process outside claimtrace's locks has the file open through DuckDB (which
    takes a POSIX record lock on it); claimtrace's own processes are kept out by _locked."""
    try:
        with open(path, "rb+") as handle:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.lockf(handle, fcntl.LOCK_UN)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def _checked(connection: Connection, path: Path, create: bool) -> Connection:
    """The connection, once the file is known to hold this layout (created when empty)."""
    listed = connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    tables = {row[0] for row in listed}
    if "store_format" not in tables:
        if tables or not create:
            raise StoreError(str(path), "is not a claimtrace store (no store_format table)")
        for statement in _SCHEMA:
            connection.execute(statement)
        connection.execute("INSERT INTO store_format VALUES (?)", [FORMAT])
        return connection
    found = one_value(connection, "SELECT max(format) FROM store_format")
    if found != FORMAT:
        raise StoreError(str(path), f"has store format {found}; this claimtrace reads {FORMAT}")
    for table, columns in _layout().items():
        if _columns(connection, table) != columns:
            raise StoreError(str(path), f"has its table {table} missing or changed")
    return connection


def _columns(connection: Connection, table: str) -> list[tuple[str, str]]:
    query = (
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?"
        " ORDER BY column_index"
    )
    return [tuple(row) for row in connection.execute(query, [table]).fetchall()]


@cache
def _layout() -> dict[str, list[tuple[str, str]]]:
    """The columns of each table _SCHEMA makes, as DuckDB names them, read from a new store."""
    with connect() as connection:
        for statement in _SCHEMA:
            connection.execute(statement)
        listed = connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        return {row[0]: _columns(connection, row[0]) for row in listed}


def _connect(path: Path, read_only: bool) -> Connection:
    """A connection to a file of this layout (a writer creates it); StoreError otherwise."""
    try:
        connection = connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        raise _unreadable(path, error) from None
    try:
        # Arrow output in large buffers, which pandas' Arrow strings take as they are: the 10^6
        # claims' conversion to pandas fell from 0.31 s to 0.04 s.
        connection.execute("SET arrow_large_buffer_size = true")
        return _checked(connection, path, create=not read_only)
    except (duckdb.Error, StoreError) as error:
        connection.close()
        raise _unreadable(path, error) from None


def _unreadable(path: Path, error: Exception) -> StoreError:
    if isinstance(error, StoreError):
        return error
    reason = " ".join(str(error).split())[:200]
    return StoreError(str(path), f"cannot be read ({type(error).__name__}: {reason})")


@contextmanager
def reading(path: Path) -> Iterator[Connection | None]:
    """A read-only connection under the shared lock; None when there is no store yet.
    StoreError when the file cannot be read."""
    if not path.is_file():
        yield None
        return
    with _locked(path, exclusive=False):
        connection = _connect(path, read_only=True)
        try:
            yield connection
        except duckdb.Error as error:
            raise _unreadable(path, error) from None
        finally:
            connection.close()


def read_with(path: Path, query: Callable[[Connection], T], missing: T) -> T:
    """`query` run on a read-only connection; `missing` when there is no store."""
    with reading(path) as connection:
        return missing if connection is None else query(connection)


def write_with(path: Path, change: Callable[[Connection], T]) -> T:
    """`change` run in one transaction under the exclusive lock, so a reader never sees half of
    it and a failure leaves the file as it was. A damaged file is reported in one line, moved
    aside and rebuilt, and `change` runs on the new one; a file another program holds is left
    alone (StoreError)."""
    with _locked(path, exclusive=True):
        try:
            return _transaction(path, change)
        except (duckdb.Error, StoreError) as error:
            if not _damaged(error):
                raise
            if _held_by_another_program(path):
                raise StoreError(str(path), "is held open by another program") from None
            problem = _unreadable(path, error)
            aside = _move_aside(path)
            sys.stderr.write(
                f"claimtrace: {problem}; moved aside to {aside.name} and rebuilt (the history "
                "of published assessments starts again)\n"
            )
            return _transaction(path, change)


def compact(path: Path) -> None:
    """Give the space of removed rows back to the file system. DuckDB reuses freed blocks but
    does not return them (a checkpoint left a pruned 18 MB store at 18 MB), so the store is
    copied into a new file, which replaces it, under the exclusive lock: a reader sees the old
    file or the new one."""
    fresh = path.with_name(f".{path.name}.compacting")
    with _locked(path, exclusive=True):
        fresh.unlink(missing_ok=True)
        connection = _connect(path, read_only=False)
        try:
            connection.execute(f"ATTACH '{_literal(fresh)}' AS fresh")
            catalog = one_value(connection, "SELECT current_database()")
            connection.execute(f"COPY FROM DATABASE {quoted(catalog)} TO fresh")
            connection.execute("DETACH fresh")
        except duckdb.Error as error:
            fresh.unlink(missing_ok=True)
            raise _unreadable(path, error) from None
        finally:
            connection.close()
        os.replace(fresh, path)


def _literal(path: Path) -> str:
    return str(path).replace("'", "''")


def _damaged(error: Exception) -> bool:
    """Whether an error says the file is damaged or foreign, not that a statement was wrong:
    only then is the file moved aside. A checksum failure is raised as duckdb.Error itself."""
    return (
        isinstance(error, StoreError)
        or type(error) is duckdb.Error
        or isinstance(error, duckdb.IOException | duckdb.SerializationException)
    )


def _transaction(path: Path, change: Callable[[Connection], T]) -> T:
    """`change` committed whole, or not at all: closing a connection without COMMIT rolls its
    transaction back."""
    connection = _connect(path, read_only=False)
    try:
        connection.execute("BEGIN TRANSACTION")
        result = change(connection)
        connection.execute("COMMIT")
        return result
    finally:
        connection.close()


def _move_aside(path: Path) -> Path:
    """Move the file to the first free `.unreadable-N` beside it (never over an earlier one)."""
    number = 1
    while (aside := path.with_name(f"{path.name}{UNREADABLE_SUFFIX}-{number}")).exists():
        number += 1
    os.replace(path, aside)
    with suppress(FileNotFoundError):  # a write-ahead log belongs to the file moved aside
        os.replace(path.with_name(path.name + ".wal"), aside.with_name(aside.name + ".wal"))
    return aside


def first_row(connection: Connection, query: str, parameters: list | None = None) -> tuple | None:
    """The first row of a query, the result read to its end (DuckDB refuses the next statement
    on a connection while a result is unfinished)."""
    rows = connection.execute(query, parameters or []).fetchall()
    return rows[0] if rows else None


def one_value(connection: Connection, query: str, parameters: list | None = None) -> Any:
    """The value of a query that always yields one row of one column (an aggregate)."""
    return connection.execute(query, parameters or []).fetchall()[0][0]


def quoted(name: str) -> str:
    """A table name as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def write_frame(connection: Connection, table: str, frame: pd.DataFrame) -> dict[str, object]:
    """Store `frame` as a new table, columnar (DuckDB scans the frame; no Python per row), and
    return its layout: what read_frame needs to give back the same frame (dtypes, index)."""
    plain_index = frame.index.equals(pd.RangeIndex(len(frame)))
    levels = [] if plain_index else [f"__index_{n}__" for n in range(frame.index.nlevels)]
    stored = frame if plain_index else frame.reset_index(names=levels)
    view = f"__frame_{table}"
    connection.register(view, stored)
    try:
        connection.execute(f"CREATE TABLE {quoted(table)} AS SELECT * FROM {quoted(view)}")
    finally:
        connection.unregister(view)
    return {
        "table": table,
        "columns": [[str(column), str(dtype)] for column, dtype in stored.dtypes.items()],
        "index": levels,
        "index_names": list(frame.index.names),
    }


def copy_shared(
    connection: Connection, layout: dict[str, object], prefix: str, partition: int
) -> dict[str, object]:
    """Copy a stored frame's rows into the table that every frame of the same columns and
    dtypes shares (`prefix` and a hash of them), tagged with `partition`; return where it is
    now. Many small frames of one layout then share storage blocks instead of taking at least
    one each, and the copy never leaves the database."""
    shape = json.dumps([layout["columns"], layout["index"]]).encode()
    shared = f"{prefix}_{hashlib.sha256(shape).hexdigest()[:12]}"
    source = quoted(str(layout["table"]))
    connection.execute(
        f"CREATE TABLE IF NOT EXISTS {quoted(shared)} AS"
        f" SELECT *, 0 AS {PARTITION} FROM {source} LIMIT 0"
    )
    connection.execute(
        f"INSERT INTO {quoted(shared)} SELECT *, ? AS {PARTITION} FROM {source}", [partition]
    )
    return layout | {"table": shared, "partition": partition}


NO_ROWS: tuple[str, list[str]] = ("", [])
"""A `where` of read_frame that no row meets: the frame's columns and dtypes alone."""


def read_frame(
    connection: Connection,
    layout: dict[str, object],
    where: tuple[str, list[str]] | None = None,
    unread: Collection[str] = (),
) -> pd.DataFrame:
    """The frame write_frame stored under `layout` (or copy_shared moved): same columns, dtypes,
    index and row order (DuckDB keeps insertion order; rows are read in rowid order). With
    `where` (a column and values), only the rows whose column holds one of the values; the
    columns named in `unread` are left out."""
    table = quoted(str(layout["table"]))
    conditions: list[str] = []
    values: list[object] = []
    if "partition" in layout:
        conditions.append(f"{PARTITION} = ${len(values) + 1}")
        values.append(layout["partition"])
    if where is not None:
        column, wanted = where
        if not wanted:
            conditions.append("false")
        else:
            conditions.append(f"{quoted(column)} IN (SELECT unnest(${len(values) + 1}::VARCHAR[]))")
            values.append(wanted)
    columns = [(c, dtype) for c, dtype in layout["columns"] if c not in unread]  # type: ignore[attr-defined]
    query = f"SELECT {', '.join(quoted(c) for c, _ in columns)} FROM {table}"
    if conditions:
        query += f" WHERE {' AND '.join(conditions)} ORDER BY rowid"
    # Through Arrow (string_storage.py), in the large buffers _connect asks for: 2.1 million
    # stored comparisons took 4.6 s through `.df()`, 1.2 s this way.
    frame = connection.sql(query, params=values).to_arrow_table().to_pandas()
    changed = {column: dtype for column, dtype in columns if str(frame[column].dtype) != dtype}
    frame = frame.astype(changed)
    levels: list[str] = layout["index"]  # type: ignore[assignment]
    if levels:
        frame = frame.set_index(levels)
        frame.index.names = layout["index_names"]
    return frame


def drop_frames(connection: Connection, layouts: dict[str, dict[str, object]]) -> None:
    for layout in layouts.values():
        if "table" in layout:  # not a part stored as columns of another
            connection.execute(f"DROP TABLE IF EXISTS {quoted(str(layout['table']))}")


def layouts_json(layouts: dict[str, dict[str, object]]) -> str:
    return json.dumps(layouts)


def layouts_of(text: str) -> dict[str, dict[str, object]]:
    return json.loads(text)


def utc_now() -> dt.datetime:
    """Now in UTC, without the zone: the store's TIMESTAMP columns all hold UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
