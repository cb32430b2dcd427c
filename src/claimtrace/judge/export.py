"""The assessment as CSV files: what `claimtrace export DIR` writes.

Derived tables, written fresh from the curated data each time and never edited by hand. Each
file is written to a temporary name and moved into place, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from claimtrace.judge.assess import Assessment
from claimtrace.judge.claims import JUDGEMENT_COLUMNS
from claimtrace.judge.conflict_text import conflicts_with_text
from claimtrace.judge.sources import SOURCE_COLUMNS
from claimtrace.judge.timeline import TIMELINE_COLUMNS

EXPORTED_COLUMNS: dict[str, list[str]] = {
    "claims_assessed.csv": [
        "claim_id",
        "source_id",
        "event_id",
        "subject",
        "attribute",
        "value",
        "value_normalised",
        "kind",
        "attributed_to",
        "quote",
        "start",
        "end",
        *JUDGEMENT_COLUMNS,
        "note",
    ],
    "sources_assessed.csv": [
        *SOURCE_COLUMNS,
        "origin_group",
        "origin_basis",
        "n_claims",
        "n_confirmed",
        "n_contradicted",
        "n_unconfirmed",
        "n_not_judged",
        "reliability",
        "reason",
    ],
    "conflicts.csv": [
        "conflict_id",
        "event_id",
        "attribute",
        "subject",
        "scope",
        "values",
        "source_ids",
        "claim_ids",
        "record_ids",
        "record_supports",
        "detail",
    ],
    "timeline.csv": TIMELINE_COLUMNS,
    "text_reuse.csv": [
        "source_a",
        "source_b",
        "shared_runs",
        "longest_run_words",
        "derivative",
        "example",
    ],
}


def exported_frames(assessment: Assessment) -> dict[str, pd.DataFrame]:
    """File name -> the frame written under it, columns in EXPORTED_COLUMNS order."""
    origins = assessment.origins
    origin_of = dict(zip(origins["source_id"], origins["origin_group"], strict=True))
    frames = {
        "claims_assessed.csv": assessment.claims,
        "sources_assessed.csv": assessment.sources,
        "conflicts.csv": conflicts_with_text(
            assessment.conflicts, assessment.conflict_statements, origin_of
        ),
        "timeline.csv": assessment.timeline,
        "text_reuse.csv": assessment.reuse,
    }
    return {name: frames[name][columns] for name, columns in EXPORTED_COLUMNS.items()}


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8, comma-separated, `\\n` line ends, no index; replaced atomically."""
    handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            frame.to_csv(file, index=False, lineterminator="\n")
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
