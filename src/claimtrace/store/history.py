"""The history of published assessments: what each successful render published, and when.

A run is one publication: when it happened, the data hash and code version it was made from, and
a copy of what it said: its claims (with status and credibility), sources (with grade and
reason), conflicts and timeline, as the assessment had them. Runs of the same data and code
share one copy. `claimtrace render` records a run after every report rendered and published;
a failed render records nothing. The copies are made inside the database from the stored
assessment (store/cache.py), so recording costs no trip through Python, into tables that all
copies of one layout share. (The file names them `snapshots`, a name kept so that stored
histories stay readable; "snapshot" in this project otherwise means what the live corpus judges,
tests/snapshots/.)

The history lives in the store's file (store/database.py) and is what `claimtrace diff` and the
briefing's "What changed" compare (judge/differences.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from claimtrace.errors import StoreError, brief
from claimtrace.judge.judged import SHOWN_PARTS, Judged
from claimtrace.store.cache import StoreKey, drop_old_entries, entry_layouts
from claimtrace.store.database import (
    PARTITION,
    Connection,
    compact,
    copy_shared,
    first_row,
    layouts_json,
    layouts_of,
    one_value,
    quoted,
    read_frame,
    read_with,
    utc_now,
    write_with,
)

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Run:
    """One publication: its number, when (UTC), and what it was made from."""

    run_id: int
    published_at: dt.datetime
    data_hash: str
    code_version: str
    copy_id: int


@dataclass(frozen=True)
class Published(Judged):
    """What one run published: the parts of its assessment a reader was shown."""

    run: Run


def record_publication(store: Path, key: StoreKey) -> Run:
    """Add a run for the assessment stored under `key`, copying what it says unless a run of the
    same data and code already did; StoreError when the store holds no such assessment."""

    def change(connection: Connection) -> Run:
        copied = first_row(
            connection,
            "SELECT snapshot_id FROM snapshots WHERE data_hash = ? AND code_version = ?",
            [key.data_hash, key.code_version],
        )
        copy_id = copied[0] if copied else _copy(connection, store, key)
        run_id = one_value(connection, "SELECT coalesce(max(run_id), 0) + 1 FROM runs")
        run = Run(run_id, utc_now(), key.data_hash, key.code_version, copy_id)
        connection.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?)",
            [run.run_id, run.published_at, run.data_hash, run.code_version, run.copy_id],
        )
        return run

    return write_with(store, change)


def _copy(connection: Connection, store: Path, key: StoreKey) -> int:
    layouts = entry_layouts(connection, key)
    if layouts is None:
        raise StoreError(str(store), "holds no stored assessment of this data version to record")
    copy_id = one_value(connection, "SELECT coalesce(max(snapshot_id), 0) + 1 FROM snapshots")
    kept = {
        part: copy_shared(connection, layouts[f"assessment_{part}"], f"published_{part}", copy_id)
        for part in SHOWN_PARTS
    }
    connection.execute(
        "INSERT INTO snapshots VALUES (?, ?, ?, ?)",
        [copy_id, key.data_hash, key.code_version, layouts_json(kept)],
    )
    return copy_id


def prune(store: Path, keep: int) -> int:
    """Remove every run but the newest `keep`, then the copies no remaining run shares and every
    stored assessment but the newest (store/cache.py makes one again when asked); return how
    many runs were removed. The file then shrinks (database.compact)."""

    def drop_runs(connection: Connection) -> int:
        oldest_kept = one_value(
            connection,
            "SELECT min(run_id) FROM (SELECT run_id FROM runs ORDER BY run_id DESC LIMIT ?)",
            [keep],
        )
        if oldest_kept is None:
            return 0
        removed = one_value(connection, "SELECT count(*) FROM runs WHERE run_id < ?", [oldest_kept])
        connection.execute("DELETE FROM runs WHERE run_id < ?", [oldest_kept])
        return removed

    def drop_unused(connection: Connection) -> None:
        drop_old_entries(connection, 1)
        unused = connection.execute(
            "SELECT snapshot_id, layout FROM snapshots"
            " WHERE snapshot_id NOT IN (SELECT snapshot_id FROM runs)"
        ).fetchall()
        for copy_id, layout in unused:
            for part in layouts_of(layout).values():
                table = quoted(str(part["table"]))
                connection.execute(f"DELETE FROM {table} WHERE {PARTITION} = ?", [copy_id])
            connection.execute("DELETE FROM snapshots WHERE snapshot_id = ?", [copy_id])

    # Two transactions: DuckDB checks a foreign key against the rows as they were when its
    # transaction began. A copy left by a failure between them goes at the next prune.
    removed = write_with(store, drop_runs)
    write_with(store, drop_unused)
    compact(store)
    return removed


def runs(store: Path) -> list[Run]:
    """Every recorded run, oldest first; [] when there is no store yet. StoreError when its
    file cannot be read."""

    def query(connection: Connection) -> list[Run]:
        rows = connection.execute(
            "SELECT run_id, published_at, data_hash, code_version, snapshot_id FROM runs"
            " ORDER BY run_id"
        ).fetchall()
        return [Run(*row) for row in rows]

    return read_with(store, query, [])


def published(store: Path, run: Run) -> Published:
    """What `run` published, read back from its copy."""

    def query(connection: Connection) -> Published:
        row = first_row(
            connection, "SELECT layout FROM snapshots WHERE snapshot_id = ?", [run.copy_id]
        )
        if row is None:
            raise StoreError(str(store), f"has no copy of what run {run.run_id} published")
        layouts = layouts_of(row[0])
        return Published(run=run, **{p: read_frame(connection, layouts[p]) for p in SHOWN_PARTS})

    found = read_with(store, query, None)
    if found is None:
        raise StoreError(str(store), "does not exist: no assessment was published yet")
    return found


def last_published(store: Path) -> Published | None:
    """What the most recent run published; None when nothing was published yet."""
    history = runs(store)
    return published(store, history[-1]) if history else None


def run_since(history: list[Run], since: str, store: Path) -> Run:
    """The run `since` names: a run number, or a day (YYYY-MM-DD) meaning the last run
    published on or before it. StoreError, naming what would do, when there is none."""
    if not history:
        raise StoreError(str(store), "holds no published assessment yet; render first")
    numbers = f"runs {history[0].run_id}-{history[-1].run_id}"
    plain = len(since) <= 20 and (_NUMBER.fullmatch(since) or _DAY.fullmatch(since))
    named = f"--since {since if plain else brief(since)}"
    if _NUMBER.fullmatch(since):  # ASCII digits only: int() would take '²' or 5,000 digits
        for run in history:
            if str(run.run_id) == since.lstrip("0"):
                return run
        raise StoreError(named, f"no such run; the history has {numbers}")
    if not _DAY.fullmatch(since):
        raise StoreError(named, "is neither a run number nor a day (YYYY-MM-DD)")
    try:
        day = dt.date.fromisoformat(since)
    except ValueError:
        raise StoreError(named, "is not a calendar day") from None
    before = [run for run in history if run.published_at.date() <= day]
    if not before:
        first = history[0]
        raise StoreError(
            named,
            f"no assessment was published on or before it; the first was run {first.run_id} on "
            f"{first.published_at:%Y-%m-%d}",
        )
    return before[-1]
