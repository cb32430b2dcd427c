"""The assessment of one data version, made once and read by every report.

`assessed(data_dir)` is what a report and `claimtrace export` call: it returns the validated
corpus and its assessment from the store when the store holds them for exactly these data files
and this code, and otherwise loads, validates, anchors and assesses the corpus and stores the
result for the next caller. `claimtrace render` stores it before its kernels start, so each
kernel only reads.

An entry is keyed by the data hash (every curated table and seed, as `Corpus.data_hash`) and by
the code version (the claimtrace sources that load and judge, and the versions of the packages
that shape the result). An entry from other code or other package versions is never read, and a
changed data file changes the key, so neither can be served stale. Only the most recent
KEEP_ENTRIES entries are kept; the history of published assessments is kept apart
(store/history.py).

Frames are stored whole and generically: whatever fields an Assessment or a Corpus has, and
whatever columns their frames have, come back equal (store/database.py).
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path
from typing import TypeVar

import pandas as pd

from claimtrace.corpus.load import Corpus, current_data_hash, load_corpus
from claimtrace.errors import StoreError
from claimtrace.fingerprint import installed_versions, tree_sha256
from claimtrace.judge.assess import Assessment, assess
from claimtrace.store.database import (
    NO_ROWS,
    Connection,
    drop_frames,
    first_row,
    layouts_json,
    layouts_of,
    one_value,
    read_frame,
    read_with,
    utc_now,
    write_frame,
    write_with,
)
from claimtrace.store.location import checked_data_hash, store_path

KEEP_ENTRIES = 3
"""Stored data versions kept: the current one and a few to go back to without assessing."""
RESULT_PACKAGES = ("pandas", "numpy", "pandera", "duckdb", "pyarrow")
"""Packages whose versions can change what an assessment holds or how it is stored."""
_PACKAGE = Path(__file__).resolve().parents[1]
_SOURCES = ("*.py", "corpus/**/*.py", "judge/**/*.py", "store/**/*.py")
"""The code an assessment comes from: the shared modules, the corpus and judge stages, and the
store that keeps it."""
T = TypeVar("T")


@dataclass(frozen=True)
class StoreKey:
    """What an entry was made from: the data files and the code that assessed them."""

    data_hash: str
    code_version: str


@cache
def code_version() -> str:
    """One hash over the claimtrace sources that load and judge, the versions of the packages
    that shape the result, and Python's."""
    made_from = {
        "sources": [tree_sha256(_PACKAGE, pattern) for pattern in _SOURCES],
        "packages": installed_versions(RESULT_PACKAGES),
        "python": platform.python_version(),
    }
    return hashlib.sha256(json.dumps(made_from, sort_keys=True).encode()).hexdigest()


def data_key(data_dir: Path, seeds_dir: Path | None = None) -> StoreKey | None:
    """The key of the data files as they are now, read without validating them (an entry exists
    only for files that were valid when stored, and the same bytes are valid again); None when
    the sources table or a seed it names cannot be read, or a seed is named by a path rather
    than a file name (the key is taken before validation: it reads nothing outside seeds/)."""
    told = checked_data_hash(data_dir) if seeds_dir is None else None
    seeds_dir = data_dir.parent / "seeds" if seeds_dir is None else seeds_dir
    found = told or current_data_hash(data_dir, seeds_dir)
    return None if found is None else StoreKey(found, code_version())


def key_of(corpus: Corpus) -> StoreKey:
    return StoreKey(corpus.data_hash, code_version())


def entry_layouts(connection: Connection, key: StoreKey) -> dict[str, dict] | None:
    """Where each part of the entry under `key` is stored; None if there is no such entry."""
    row = first_row(
        connection,
        "SELECT layout FROM entries WHERE data_hash = ? AND code_version = ?"
        " ORDER BY entry_id DESC LIMIT 1",
        [key.data_hash, key.code_version],
    )
    return None if row is None else layouts_of(row[0])


def has_assessment(store: Path, key: StoreKey) -> bool:
    return read_with(store, lambda connection: entry_layouts(connection, key) is not None, False)


def read_assessment(
    store: Path, key: StoreKey, *, for_report: bool = False
) -> tuple[Corpus, Assessment] | None:
    """The corpus and assessment stored under `key`, equal to those stored; None if absent.
    `for_report`: what a report reads, the parts ON_DEMAND without their rows (StoredRows reads
    them when asked for) and the claims without UNREAD_BY_REPORTS."""

    def query(connection: Connection) -> tuple[Corpus, Assessment] | None:
        layouts = entry_layouts(connection, key)
        if layouts is None:
            return None
        on_demand = ON_DEMAND if for_report else ()
        unread = UNREAD_BY_REPORTS if for_report else ()
        parts = {
            name: read_frame(connection, layout, NO_ROWS if name in on_demand else None, unread)
            for name, layout in layouts.items()
            if "columns_of" not in layout
        }
        for name, layout in layouts.items():
            if "columns_of" in layout:
                whole = parts[layout["columns_of"]]
                parts[name] = whole[[c for c in layout["columns"] if c in whole.columns]]
        corpus = _from_parts(Corpus, "corpus", parts, data_hash=key.data_hash)
        return corpus, _from_parts(Assessment, "assessment", parts)

    return read_with(store, query, None)


ON_DEMAND = ("assessment_comparisons", "corpus_seeds")
"""The parts a report leaves in the store and reads by rows: at 10^6 claims, 2.1 million
comparisons of which a report words a few hundred claims', and 155 MB of seed text of which a
listing quotes a few hundred sentences."""
UNREAD_BY_REPORTS = (
    "prefix",
    "suffix",
    "seed_sha256",
    "credibility_reason",
    "corroborating_origins",
    "contradicted_by",
)
"""Columns of the claims that only `claimtrace export`, `diff` and the snapshots show: a report
words its reasons from the grading's rule and the comparisons (present/reasons.py). 304 MiB of
the 690 the claims take at 10^6 claims."""


@dataclass(frozen=True)
class StoredRows:
    """The rows of one stored part, read when asked for: each read is one short query under the
    shared lock, so a report left open never keeps a render from writing. StoreError when the
    entry has since been dropped (KEEP_ENTRIES newer data versions were stored)."""

    store: Path
    key: StoreKey
    part: str

    def where(self, column: str, values: list[str]) -> pd.DataFrame:
        """The rows whose `column` holds one of `values`, in stored order."""
        return self._read((column, values))

    def column(self, column: str) -> list[str]:
        """One column of every row, in stored order."""
        return self._read(only=column)[column].tolist()

    def _read(self, where: tuple[str, list[str]] | None = None, only: str = "") -> pd.DataFrame:
        def query(connection: Connection) -> pd.DataFrame:
            layouts = entry_layouts(connection, self.key)
            if layouts is None:
                raise StoreError(
                    str(self.store), "no longer holds the assessment read; open the report again"
                )
            layout = layouts[self.part]
            columns: list[list[str]] = layout["columns"]
            unread = [name for name, _ in columns if only and name != only]
            return read_frame(connection, layout, where, unread)

        found = read_with(self.store, query, None)
        if found is None:
            raise StoreError(str(self.store), "is gone; open the report again")
        return found


class StoredTexts(Mapping[str, str]):
    """A stored key/value part (the seeds) as a mapping whose values are read when first
    looked up, and kept."""

    def __init__(self, rows: StoredRows) -> None:
        self.rows = rows
        self.keys_stored = rows.column("key")
        self.read: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        self.prefetch([key])
        if key not in self.read:
            raise KeyError(key)
        return self.read[key]

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the values of these keys at once (what a listing is about to quote)."""
        wanted = [key for key in dict.fromkeys(keys) if key not in self.read]
        if wanted:
            found = self.rows.where("key", wanted)
            self.read.update(zip(found["key"].tolist(), found["value"].tolist(), strict=True))

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_stored)

    def __len__(self) -> int:
        return len(self.keys_stored)


SMALL_TABLES = ("sources", "reference")
"""The corpus tables a render reads from the store before any kernel starts."""


def read_sources_and_record(store: Path, key: StoreKey) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Only the sources and the record of the entry under `key` (what a render checks
    parameters against and dates its reports by, before any kernel starts); None if there is no
    such entry."""

    def query(connection: Connection) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        layouts = entry_layouts(connection, key)
        if layouts is None:
            return None
        return tuple(read_frame(connection, layouts[f"corpus_{t}"]) for t in SMALL_TABLES)

    return read_with(store, query, None)


def save_assessment(store: Path, corpus: Corpus, assessment: Assessment) -> StoreKey:
    """Store the assessment of `corpus` under its key (unless another process just did), and
    drop the oldest entries beyond KEEP_ENTRIES."""
    key = key_of(corpus)
    assessed = _to_parts("assessment", assessment)
    parts = _to_parts("corpus", corpus) | assessed

    def change(connection: Connection) -> None:
        if entry_layouts(connection, key) is not None:
            return
        entry_id = one_value(connection, "SELECT coalesce(max(entry_id), 0) + 1 FROM entries")
        layouts: dict[str, dict[str, object]] = {}
        for name, frame in parts.items():
            whole = _holder(frame, assessed) if name.startswith("corpus_") else None
            layouts[name] = (
                {"columns_of": whole, "columns": list(frame.columns)}
                if whole
                else write_frame(connection, f"entry_{entry_id}_{name}", frame)
            )
        connection.execute(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?)",
            [entry_id, key.data_hash, key.code_version, utc_now(), layouts_json(layouts)],
        )
        drop_old_entries(connection, KEEP_ENTRIES)

    write_with(store, change)
    return key


def drop_old_entries(connection: Connection, keep: int) -> None:
    """Drop every stored assessment but the newest `keep` (a dropped one is made again when
    asked for)."""
    stale = connection.execute(
        "SELECT layout FROM entries ORDER BY entry_id DESC OFFSET ?", [keep]
    ).fetchall()
    for (layout,) in stale:
        drop_frames(connection, layouts_of(layout))
    connection.execute(
        "DELETE FROM entries WHERE entry_id NOT IN"
        " (SELECT entry_id FROM entries ORDER BY entry_id DESC LIMIT ?)",
        [keep],
    )


@dataclass(frozen=True)
class DataVersion:
    """One data folder as a render finds it: its key, its sources (what report parameters are
    checked against) and record, and the corpus when it had to be loaded (the store did not
    hold it)."""

    data_dir: Path
    key: StoreKey
    sources: pd.DataFrame
    reference: pd.DataFrame
    corpus: Corpus | None


def checked_data(data_dir: Path, store: Path) -> DataVersion:
    """The data folder's version: from the store without loading anything when it holds these
    files' assessment, else loaded and validated (DataError listing every problem)."""
    key = data_key(data_dir)
    stored = _from_store(read_sources_and_record, store, key)
    if stored is not None and key is not None:
        sources, reference = stored
        return DataVersion(data_dir, key, sources, reference, None)
    corpus = load_corpus(data_dir)
    return DataVersion(data_dir, key_of(corpus), corpus.sources, corpus.reference, corpus)


def store_assessment(store: Path, version: DataVersion) -> None:
    """Make sure the store holds the assessment of `version`: assessed and stored here, unless
    it is there already. StoreError or OSError when the store cannot be written."""
    try:
        present = has_assessment(store, version.key)
    except StoreError:
        present = False  # unreadable: the write below rebuilds it and says so
    if not present:
        corpus = version.corpus or load_corpus(version.data_dir)
        save_assessment(store, corpus, assess(corpus))


def assessed(
    data_dir: Path | str, seeds_dir: Path | str | None = None, store: Path | None = None
) -> tuple[Corpus, Assessment]:
    """The validated corpus and its assessment: read from the store (`store`, else where
    store_path finds it) when it holds this data version for this code, else made and
    stored. DataError for invalid data. A store that cannot be read or written costs time, never
    the result: it is reported in one line on stderr and the assessment is made in memory."""
    data_dir = Path(data_dir)
    seeds_dir = None if seeds_dir is None else Path(seeds_dir)
    store = store_path(data_dir) if store is None else store
    found = _from_store(read_assessment, store, data_key(data_dir, seeds_dir))
    if found is not None:
        return found
    corpus = load_corpus(data_dir, seeds_dir)
    assessment = assess(corpus)
    try:
        save_assessment(store, corpus, assessment)
    except (StoreError, OSError) as error:
        sys.stderr.write(f"claimtrace: the assessment was not stored: {error}\n")
    return corpus, assessment


def assessed_for_report(
    data_dir: Path | str, store: Path | None = None
) -> tuple[Corpus, Assessment, StoredRows | None]:
    """As `assessed`, but what a report reads when the store holds this data version: every
    part but ON_DEMAND, the seeds read when first looked up and the comparisons left in the
    store, to be read by claim through the StoredRows returned (None when the assessment was
    made here and holds its comparisons)."""
    data_dir = Path(data_dir)
    store = store_path(data_dir) if store is None else store
    key = data_key(data_dir)

    def read(path: Path, key: StoreKey) -> tuple[Corpus, Assessment] | None:
        return read_assessment(path, key, for_report=True)

    found = _from_store(read, store, key)
    if found is None or key is None:
        return (*assessed(data_dir, store=store), None)
    corpus, assessment = found
    seeds = StoredTexts(StoredRows(store, key, "corpus_seeds"))
    comparisons = StoredRows(store, key, "assessment_comparisons")
    return replace(corpus, seeds=seeds), assessment, comparisons


def _from_store(read: Callable[[Path, StoreKey], T | None], store: Path, key: StoreKey | None):
    """What `read` finds in the store under `key`; None when there is no key, no such entry, or
    the file cannot be read (the next write rebuilds a damaged file and says so)."""
    if key is None:
        return None
    try:
        return read(store, key)
    except (StoreError, OSError):
        return None


def _holder(frame: pd.DataFrame, assessed: Mapping[str, pd.DataFrame]) -> str | None:
    """The assessment's part whose rows are those of a corpus part, with more columns (the
    assessed claims hold every column of the corpus's claims): the corpus part is then stored
    once, as those columns of it. Comparing costs a small fraction of writing it again."""
    for name, whole in assessed.items():
        if (
            len(whole) == len(frame)
            and set(frame.columns) < set(whole.columns)
            and frame.equals(whole[list(frame.columns)])
        ):
            return name
    return None


def _to_parts(prefix: str, record: Corpus | Assessment) -> dict[str, pd.DataFrame]:
    """A dataclass's frames (and mappings, as key/value frames) by `prefix_field`."""
    parts = {}
    for field in fields(record):
        value = getattr(record, field.name)
        if isinstance(value, pd.DataFrame):
            parts[f"{prefix}_{field.name}"] = value
        elif isinstance(value, Mapping):
            parts[f"{prefix}_{field.name}"] = pd.DataFrame(
                {"key": list(value), "value": list(value.values())}, dtype="str"
            )
    return parts


def _from_parts(kind: type, prefix: str, parts: Mapping[str, pd.DataFrame], **given: object):
    """The dataclass `kind` again: frames as stored, mappings rebuilt from their key/value
    frames, and the fields that are not stored as parts (the data hash, from the key) `given`."""
    values = dict(given)
    for field in [field for field in fields(kind) if field.name not in given]:
        part = parts[f"{prefix}_{field.name}"]
        if "DataFrame" in str(field.type):
            values[field.name] = part
        else:
            values[field.name] = dict(zip(part["key"], part["value"], strict=True))
    return kind(**values)
