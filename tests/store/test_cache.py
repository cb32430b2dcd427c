"""The store of assessments: one real DuckDB file, read back as the frames that were stored, never
served stale, rebuilt when damaged, and safe when several processes use it at once."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from benchmarks.synthetic import write_corpus
from claimtrace.corpus.load import Corpus, load_corpus
from claimtrace.errors import StoreError
from claimtrace.judge.assess import Assessment, assess
from claimtrace.store import cache as store_module
from claimtrace.store.cache import (
    KEEP_ENTRIES,
    StoredRows,
    StoredTexts,
    StoreKey,
    assessed,
    checked_data,
    data_key,
    drop_old_entries,
    has_assessment,
    key_of,
    read_assessment,
    save_assessment,
    store_assessment,
)
from claimtrace.store.database import UNREADABLE_SUFFIX, read_frame, write_frame, write_with
from claimtrace.store.location import CHECKED_DATA_ENV, STORE_ENV
from tests.factories import FROZEN_DATA, CorpusCopy, at_once, in_arrow

HEADERS = 12_288
"""Bytes of a DuckDB file before its first block: its magic number and two database headers."""


def assert_same(stored: tuple[Corpus, Assessment], made: tuple[Corpus, Assessment]) -> None:
    for read, original in zip(stored, made, strict=True):
        for field in dataclasses.fields(original):
            value, expected = getattr(read, field.name), getattr(original, field.name)
            if isinstance(expected, pd.DataFrame):
                pd.testing.assert_frame_equal(in_arrow(value), in_arrow(expected), obj=field.name)
            else:
                assert value == expected, field.name


def entries(store: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(store), read_only=True) as connection:
        return connection.execute("SELECT data_hash, code_version FROM entries").fetchall()


def test_the_real_corpus_is_read_back_as_the_same_frames(store: Path) -> None:
    corpus = load_corpus(FROZEN_DATA)
    made = (corpus, assess(corpus))
    save_assessment(store, *made)
    stored = read_assessment(store, data_key(FROZEN_DATA))
    assert stored is not None
    assert_same(stored, made)


def test_a_synthetic_corpus_is_read_back_as_the_same_frames(tmp_path: Path, store: Path) -> None:
    synthetic = write_corpus(tmp_path / "synthetic", 1_000)
    corpus = load_corpus(synthetic.data_dir)
    made = (corpus, assess(corpus))
    assert made[1].reuse.empty  # an empty frame comes back with its columns and dtypes too
    save_assessment(store, *made)
    assert_same(read_assessment(store, data_key(synthetic.data_dir)), made)


def test_any_frame_keeps_its_dtypes_index_and_row_order(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"b": ["z", "", "é"], "a": [3, 1, 2], "flag": [True, False, True]},
        index=pd.Index([10, 5, 7], name="position"),
    ).astype({"b": "str"})
    with duckdb.connect(str(tmp_path / "frames.duckdb")) as connection:
        layout = write_frame(connection, "frame", frame)
        pd.testing.assert_frame_equal(read_frame(connection, layout), frame)


def test_a_second_caller_reads_what_the_first_stored(good_dir: Path, store: Path) -> None:
    first = assessed(good_dir / "data", store=store)
    assert read_assessment(store, data_key(good_dir / "data")) is not None
    assert_same(assessed(good_dir / "data", store=store), first)
    assert len(entries(store)) == 1


def never_assess(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading or assessing the data fails the test: what is asked must come from
    the store."""

    def refuse(*_: object) -> None:
        raise AssertionError("assessed again instead of read from the store")

    monkeypatch.setattr(store_module, "load_corpus", refuse)
    monkeypatch.setattr(store_module, "assess", refuse)


def test_a_stored_data_version_is_served_without_assessing_it_again(
    good_dir: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = assessed(good_dir / "data", store=store)
    never_assess(monkeypatch)
    assert_same(assessed(good_dir / "data", store=store), first)
    assert_same(assessed(str(good_dir / "data")), first)  # the store STORE_ENV names


def test_seeds_kept_apart_from_the_data_are_read_and_keyed_from_where_they_are(
    corpus_copy: CorpusCopy, tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = corpus_copy.seeds_dir.rename(tmp_path / "texts")
    key = data_key(corpus_copy.data_dir, texts)
    assert key is not None and data_key(corpus_copy.data_dir) is None
    corpus, _ = assessed(corpus_copy.data_dir, str(texts), store=store)
    assert key_of(corpus) == key and has_assessment(store, key)
    with monkeypatch.context() as patched:
        never_assess(patched)
        assert assessed(corpus_copy.data_dir, texts, store=store)[0].seeds == corpus.seeds
    seed = next(texts.iterdir())
    seed.write_text(seed.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert data_key(corpus_copy.data_dir, texts) not in (None, key)


def test_without_a_store_named_the_store_sits_in_reports_beside_the_data(
    corpus_copy: CorpusCopy, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(STORE_ENV)
    assessed(corpus_copy.data_dir)
    beside = corpus_copy.root / "reports" / "claimtrace.duckdb"
    assert has_assessment(beside, data_key(corpus_copy.data_dir))
    assert not store.exists()


def test_a_store_named_is_the_only_one_written(tmp_path: Path, good_dir: Path, store: Path) -> None:
    elsewhere = tmp_path / "elsewhere.duckdb"
    assessed(good_dir / "data", store=elsewhere)
    assert has_assessment(elsewhere, data_key(good_dir / "data"))
    assert not store.exists()  # the store STORE_ENV names


def test_the_store_says_which_data_versions_it_holds(
    good_dir: Path, corpus_copy: CorpusCopy, store: Path
) -> None:
    key = data_key(good_dir / "data")
    assert has_assessment(store, key) is False  # no store yet
    assessed(good_dir / "data", store=store)
    assert has_assessment(store, key) is True
    corpus_copy.set_cell("claims", 1, "note", "another version")
    assert has_assessment(store, data_key(corpus_copy.data_dir)) is False


def test_the_claims_are_stored_once_as_columns_of_the_assessed_claims(
    good_dir: Path, store: Path
) -> None:
    """The assessed claims hold every column of the curated ones: storing both would double the
    largest part of the file."""
    assessed(good_dir / "data", store=store)
    with duckdb.connect(str(store), read_only=True) as connection:
        tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
    assert "entry_1_assessment_claims" in tables
    assert "entry_1_corpus_claims" not in tables
    assert "entry_1_corpus_sources" in tables  # the assessed sources are in another order


def test_a_render_checks_a_stored_data_version_without_loading_it(
    good_dir: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = assessed(good_dir / "data", store=store)
    never_assess(monkeypatch)
    version = checked_data(good_dir / "data", store)
    assert (version.data_dir, version.key, version.corpus) == (
        good_dir / "data",
        key_of(corpus),
        None,
    )
    pd.testing.assert_frame_equal(version.sources, in_arrow(corpus.sources))
    pd.testing.assert_frame_equal(version.reference, in_arrow(corpus.reference))
    store_assessment(store, version)  # held already: nothing loaded or assessed


def test_a_render_loads_a_data_version_the_store_does_not_hold(
    corpus_copy: CorpusCopy, store: Path
) -> None:
    assessed(corpus_copy.data_dir, store=store)
    corpus_copy.set_cell("claims", 1, "note", "a curator's new note")
    version = checked_data(corpus_copy.data_dir, store)
    corpus = load_corpus(corpus_copy.data_dir)
    assert (version.data_dir, version.key) == (corpus_copy.data_dir, key_of(corpus))
    assert version.corpus is not None and version.corpus.data_hash == corpus.data_hash
    pd.testing.assert_frame_equal(version.sources, corpus.sources)
    pd.testing.assert_frame_equal(version.reference, corpus.reference)


def test_a_render_stores_the_data_version_it_checked(corpus_copy: CorpusCopy, store: Path) -> None:
    """Even when a curator edits the data between the check and the storing: what the render's
    reports are dated by and read is what it checked."""
    version = checked_data(corpus_copy.data_dir, store)
    corpus_copy.set_cell("claims", 1, "note", "edited while the render starts")
    store_assessment(store, version)
    stored = read_assessment(store, version.key)
    assert stored is not None
    assert_same(stored, (version.corpus, assess(version.corpus)))
    assert len(entries(store)) == 1
    store_assessment(store, version)  # held already: nothing added
    assert len(entries(store)) == 1


def test_a_render_stores_a_checked_version_the_store_no_longer_holds(
    good_dir: Path, store: Path
) -> None:
    """Checked from the store, which is then removed (or pruned) before the render stores it:
    the data are loaded and assessed again."""
    made = assessed(good_dir / "data", store=store)
    version = checked_data(good_dir / "data", store)
    assert version.corpus is None
    store.unlink()
    store_assessment(store, version)
    assert_same(read_assessment(store, version.key), made)


def test_a_render_rebuilds_a_damaged_store(
    good_dir: Path, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version = checked_data(good_dir / "data", store)
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not a database " * 100)
    store_assessment(store, version)
    assert "moved aside" in capsys.readouterr().err
    assert read_assessment(store, version.key) is not None


def test_a_data_change_is_never_served_stale(corpus_copy: CorpusCopy, store: Path) -> None:
    before = assessed(corpus_copy.data_dir, store=store)[0]
    corpus_copy.set_cell("claims", 1, "note", "a curator's new note")
    after = assessed(corpus_copy.data_dir, store=store)[0]
    assert after.data_hash != before.data_hash
    assert after.claims.loc[0, "note"] == "a curator's new note"


def test_an_entry_from_other_code_is_never_read(good_dir: Path, store: Path) -> None:
    assessed(good_dir / "data", store=store)
    with duckdb.connect(str(store)) as connection:  # as if older code had stored it
        connection.execute("UPDATE entries SET code_version = 'other code'")
    assert read_assessment(store, data_key(good_dir / "data")) is None
    assessed(good_dir / "data", store=store)
    assert sorted(code for _, code in entries(store))[-1] == "other code"
    assert len(entries(store)) == 2


def test_a_seed_named_by_a_path_gives_no_key(corpus_copy: CorpusCopy) -> None:
    """The key is taken before validation, so it must not read outside seeds/ either."""
    assert data_key(corpus_copy.data_dir) is not None
    corpus_copy.set_cell("sources", 1, "seed_file", "../data/claims.csv")
    assert data_key(corpus_copy.data_dir) is None


def test_only_the_latest_data_versions_are_kept(corpus_copy: CorpusCopy, store: Path) -> None:
    for number in range(KEEP_ENTRIES + 2):
        corpus_copy.set_cell("claims", 1, "note", f"note {number}")
        assessed(corpus_copy.data_dir, store=store)
    assert len(entries(store)) == KEEP_ENTRIES
    with duckdb.connect(str(store), read_only=True) as connection:
        tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
    assert not any(table.startswith("entry_1_") for table in tables)


@pytest.mark.parametrize("damage", [b"", b"not a database " * 100, "blocks overwritten"])
def test_a_damaged_file_is_reported_in_one_line_moved_aside_and_rebuilt(
    good_dir: Path, store: Path, capsys: pytest.CaptureFixture[str], damage: bytes | str
) -> None:
    assessed(good_dir / "data", store=store)
    if damage == "blocks overwritten":  # the headers intact, every block's checksum failing
        kept = store.read_bytes()[:HEADERS]
        store.write_bytes(kept + b"\xab" * (store.stat().st_size - HEADERS))
    else:
        store.write_bytes(damage)
    corpus, assessment = assessed(good_dir / "data", store=store)
    assert len(assessment.claims) == len(corpus.claims) > 0
    complaint = capsys.readouterr().err.strip()
    assert complaint.count("\n") == 0
    assert complaint.startswith(f"claimtrace: {store}: cannot be read")
    assert "moved aside" in complaint
    assert store.with_name(store.name + UNREADABLE_SUFFIX + "-1").is_file()
    assert read_assessment(store, data_key(good_dir / "data")) is not None


HOLD_OPEN = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""


@pytest.mark.slow  # processes started side by side: seconds each, run by `make test`
def test_a_file_another_program_holds_is_left_alone(
    good_dir: Path, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.parent.mkdir(parents=True)
    with duckdb.connect(str(store)) as connection:
        connection.execute("CREATE TABLE theirs AS SELECT 1 AS x")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(store)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "holding\n"
        corpus = load_corpus(good_dir / "data")
        assert_same(assessed(good_dir / "data", store=store), (corpus, assess(corpus)))
    finally:
        holder.kill()
        holder.wait()
    complaint = capsys.readouterr().err.strip()
    assert complaint == (
        f"claimtrace: the assessment was not stored: {store}: is held open by another program"
    )
    assert not store.with_name(store.name + UNREADABLE_SUFFIX + "-1").exists()
    with duckdb.connect(str(store), read_only=True) as connection:
        assert connection.execute("SELECT x FROM theirs").fetchall() == [(1,)]


ASSESS_AND_SAY = """
import sys
from claimtrace.store.cache import assessed
corpus, assessment = assessed(sys.argv[1], store=__import__("pathlib").Path(sys.argv[2]))
print(len(assessment.claims))
"""


@pytest.mark.slow  # processes started side by side: seconds each, run by `make test`
def test_processes_storing_at_once_leave_one_sound_entry(good_dir: Path, store: Path) -> None:
    """As kernels of a notebook opened in JupyterLab and a render would: each reads or stores
    under the store's lock, none fails, and the file holds one entry."""
    done = at_once(ASSESS_AND_SAY, str(good_dir / "data"), str(store), processes=4)
    assert [code for code, _, _ in done] == [0] * 4, done
    assert len({out for _, out, _ in done}) == 1
    assert all(err == "" for _, _, err in done)
    assert len(entries(store)) == 1


def test_a_part_left_in_the_store_is_read_by_rows_in_stored_order(store: Path) -> None:
    corpus = load_corpus(FROZEN_DATA)
    made = assess(corpus)
    key = save_assessment(store, corpus, made)
    stored = read_assessment(store, key, for_report=True)
    assert stored is not None
    assert stored[1].comparisons.empty and stored[0].seeds == {}
    assert list(stored[1].comparisons.columns) == list(made.comparisons.columns)
    assert not {"prefix", "credibility_reason"} & set(stored[1].claims.columns)
    comparisons = StoredRows(store, key, "assessment_comparisons")
    wanted = ["rips-01", "mediawall-04"]
    expected = made.comparisons[made.comparisons["claim_id"].isin(wanted)].reset_index(drop=True)
    pd.testing.assert_frame_equal(comparisons.where("claim_id", wanted), in_arrow(expected))
    assert comparisons.where("claim_id", ["nobody-1"]).empty
    seeds = StoredTexts(StoredRows(store, key, "corpus_seeds"))
    assert list(seeds) == list(corpus.seeds) and seeds["rips"] == corpus.seeds["rips"]
    with pytest.raises(KeyError):
        seeds["nobody"]


def test_a_part_whose_entry_was_dropped_says_so_in_one_line(store: Path) -> None:
    corpus = load_corpus(FROZEN_DATA)
    key = save_assessment(store, corpus, assess(corpus))
    comparisons = StoredRows(store, key, "assessment_comparisons")
    write_with(store, lambda connection: drop_old_entries(connection, 0))
    with pytest.raises(StoreError, match="no longer holds the assessment read; open the report"):
        comparisons.where("claim_id", ["rips-01"])


def test_a_kernel_takes_its_data_version_from_the_render_that_checked_it(
    good_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = good_dir / "data"
    hashed = data_key(data_dir)
    assert hashed is not None
    told = {str(data_dir.resolve()): "checked-by-the-render"}
    monkeypatch.setenv(CHECKED_DATA_ENV, json.dumps(told))
    assert data_key(data_dir) == StoreKey("checked-by-the-render", hashed.code_version)
    # Another folder, other seeds, or words that are not the render's JSON: hashed as ever.
    assert data_key(data_dir, good_dir / "seeds") == hashed
    other = tmp_path / "other"
    shutil.copytree(good_dir, other)
    assert data_key(other / "data") == hashed
    monkeypatch.setenv(CHECKED_DATA_ENV, "not json")
    assert data_key(data_dir) == hashed
