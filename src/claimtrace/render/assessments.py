"""A render's use of the store: one assessment per data version, made before any kernel starts,
and the publication recorded once every report is out.

DuckDB lets one process write or several read, never both, so the render's own process does
all the writing: it stores each data version's assessment while no kernel runs, then starts the
kernels, which find the store through STORE_ENV and only read it, and records the publication
after the last kernel ended. A store that cannot be written costs time (each kernel assesses for
itself) or the history's entry for this run, never a report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from claimtrace.errors import StoreError
from claimtrace.store.cache import DataVersion, StoreKey, store_assessment
from claimtrace.store.history import record_publication, runs

Progress = Callable[[str], None]


def assess_once(versions: Iterable[DataVersion], store: Path, progress: Progress) -> None:
    """Each data version's assessment in the store, made here if absent, before any kernel."""
    for version in _distinct(versions):
        try:
            store_assessment(store, version)
        except (StoreError, OSError) as error:
            progress(f"store: {error}; each report assesses the data itself")


def record_published(
    published: Iterable[DataVersion],
    shown: Iterable[DataVersion],
    store: Path,
    progress: Progress,
) -> bool:
    """Add a run to the history for each data version a report was `published` from in this
    render (or, when none was, every report being up to date, that the reports show) unless the
    history ends with a run of the same data and code: a forced render of unchanged data, or
    one that only filled in a report, publishes no new assessment. The next render's briefing
    compares with these runs. False when a run could not be recorded."""
    try:
        last = runs(store)[-1:]
    except (StoreError, OSError):
        last = []  # unreadable: recording rebuilds it and says so
    ends_with = {StoreKey(run.data_hash, run.code_version): run.run_id for run in last}
    versions = _distinct(published) or _distinct(shown)
    for version in versions:
        if version.key in ends_with:
            progress(f"history: unchanged since run {ends_with[version.key]} (same data and code)")
    recorded = [version for version in versions if version.key not in ends_with]
    complete = True
    for version in recorded:
        try:
            store_assessment(store, version)  # what it says is copied from the stored assessment
            run = record_publication(store, version.key)
        except (StoreError, OSError) as error:
            progress(f"history: this run was not recorded: {error}")
            complete = False
            continue
        progress(f"history: recorded as run {run.run_id} in {store}")
    return complete


def _distinct(versions: Iterable[DataVersion]) -> list[DataVersion]:
    return list({version.key: version for version in versions}.values())
