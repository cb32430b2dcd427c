"""What the live corpus judges, as a few small CSV files a curator reads in a diff.

The snapshot is the before/after view of curation: adding an article changes these lines (a
source's grade and why, a disagreement opened or closed, a claim confirmed, an event's
witnesses), and `claimtrace snapshot` (`make snapshot`) writes them and shows what changed. A
test compares the live corpus with the committed snapshot, so a change to the data is seen and
accepted on purpose rather than turning unrelated tests red.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from claimtrace.judge.assess import Assessment
from claimtrace.present.csv_tables import exported_frames

SNAPSHOT_COLUMNS: dict[str, tuple[str, list[str]]] = {
    "sources.csv": (
        "sources_assessed.csv",
        [
            "source_id",
            "reliability",
            "n_claims",
            "n_confirmed",
            "n_contradicted",
            "n_unconfirmed",
            "n_not_judged",
            "reason",
        ],
    ),
    "conflicts.csv": (
        "conflicts.csv",
        ["conflict_id", "scope", "facets", "claim_ids", "values", "record_supports"],
    ),
    "claims.csv": (
        "claims_assessed.csv",
        [
            "claim_id",
            "status",
            "credibility",
            "origin_group",
            "corroborating_origins",
            "contradicted_by",
        ],
    ),
    "timeline.csv": (
        "timeline.csv",
        [
            "event_id",
            "date",
            "date_precision",
            "attesting_sources",
            "n_origins",
            "conflict",
            "disputed_attributes",
        ],
    ),
}
"""Snapshot file -> the exported table it is cut from and the columns it keeps."""
STATUS_COUNTS = "claim_status.csv"
ACCEPT = "run `make snapshot` to accept"


def snapshot_texts(assessment: Assessment) -> dict[str, str]:
    """File name -> its text: each snapshot table as CSV, plus the claims' status counts per
    source."""
    frames = exported_frames(assessment)
    tables = {name: frames[table][columns] for name, (table, columns) in SNAPSHOT_COLUMNS.items()}
    claims = frames["claims_assessed.csv"]
    tables[STATUS_COUNTS] = (
        claims.groupby(["source_id", "status"]).size().rename("claims").reset_index()
    )
    return {name: _csv(frame) for name, frame in sorted(tables.items())}


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def read_snapshot(folder: Path) -> dict[str, str]:
    """The snapshot files in `folder` as they are (a missing file reads as empty)."""
    return {
        name: (folder / name).read_text(encoding="utf-8") if (folder / name).is_file() else ""
        for name in [*SNAPSHOT_COLUMNS, STATUS_COUNTS]
    }


def snapshot_diff(before: Mapping[str, str], after: Mapping[str, str], folder: str) -> str:
    """A unified diff of each snapshot file from `before` to `after`; empty when they agree."""
    parts: list[str] = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, ""), after.get(name, "")
        if old != new:
            parts += difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                f"{folder}/{name} (snapshot)",
                f"{folder}/{name} (live corpus)",
            )
    return "".join(parts)
