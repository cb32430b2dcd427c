"""The live corpus against its snapshot (tests/snapshots/): a change to data/ shows here as the
lines it changes, and `make snapshot` accepts it."""

from __future__ import annotations

import pytest

from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import assess
from claimtrace.present.snapshot import (
    ACCEPT,
    read_snapshot,
    snapshot_diff,
    snapshot_texts,
)
from tests.factories import LIVE_DATA, ROOT

SNAPSHOTS = ROOT / "tests" / "snapshots"


def test_the_live_corpus_judges_what_its_snapshot_says() -> None:
    live = snapshot_texts(assess(load_corpus(LIVE_DATA)))
    diff = snapshot_diff(read_snapshot(SNAPSHOTS), live, "tests/snapshots")
    if diff:
        changed = "the live corpus no longer judges what tests/snapshots/ says"
        pytest.fail(f"{changed}; {ACCEPT}:\n{diff}")


def test_a_changed_judgement_is_the_lines_it_changes(corpus_copy) -> None:
    before = snapshot_texts(assess(load_corpus(corpus_copy.data_dir)))
    corpus_copy.set_cell("claims", 2, "value", "2022-10-12")  # the wire's date, now wrong
    after = snapshot_texts(assess(load_corpus(corpus_copy.data_dir)))
    diff = snapshot_diff(before, after, "snapshots")
    removed = {line for line in diff.splitlines() if line.startswith("-wire-02,")}
    added = {line for line in diff.splitlines() if line.startswith("+wire-02,")}
    assert [line.split(",")[1] for line in removed] == ["confirmed"]
    assert [line.split(",")[1] for line in added] == ["contradicted"]
    assert "+++ snapshots/conflicts.csv (live corpus)" in diff
    assert snapshot_diff(after, after, "snapshots") == ""


def test_the_snapshot_counts_each_sources_claims_by_status(good_dir) -> None:
    texts = snapshot_texts(assess(load_corpus(good_dir / "data")))
    counts = texts["claim_status.csv"].splitlines()
    assert counts[0] == "source_id,status,claims"
    total = sum(int(line.rsplit(",", 1)[1]) for line in counts[1:])
    assert total == len(load_corpus(good_dir / "data").claims)
