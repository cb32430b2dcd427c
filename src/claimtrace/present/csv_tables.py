"""The assessment as CSV files: what `claimtrace export DIR` writes.

Derived tables, written fresh from the curated data each time and never edited by hand. Each
file is written to a temporary name and moved into place, so a reader never sees half a file.

Analysts open these files in spreadsheets, which run a cell that starts like a formula. As the
OWASP guidance on CSV injection says, such a cell (starting with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe, which a spreadsheet reads as "this is text". Only
those cells change; a plain number such as -5 is left as it is.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from claimtrace.judge.assess import Assessment
from claimtrace.judge.claims import JUDGEMENT_COLUMNS
from claimtrace.judge.conflicts import CONFLICT_COLUMNS
from claimtrace.judge.sources import SOURCE_COLUMNS
from claimtrace.judge.timeline import TIMELINE_COLUMNS
from claimtrace.present.conflict_text import TEXT_COLUMNS, conflicts_with_text

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
        "origin_basis",
        "shared_origins",
        "n_claims",
        "n_confirmed",
        "n_contradicted",
        "n_unconfirmed",
        "n_not_judged",
        "reliability",
        "reliability_rule",
        "reason",
    ],
    "conflicts.csv": [*CONFLICT_COLUMNS, *TEXT_COLUMNS],
    "timeline.csv": TIMELINE_COLUMNS,
    "origin_groups.csv": ["origin_group", "members", "n_claims", "basis"],
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
    frames = {
        "claims_assessed.csv": assessment.claims,
        "sources_assessed.csv": assessment.sources,
        "conflicts.csv": conflicts_with_text(assessment.conflicts, assessment.conflict_statements),
        "timeline.csv": assessment.timeline,
        "origin_groups.csv": assessment.origin_groups,
        "text_reuse.csv": assessment.reuse,
    }
    return {name: frames[name][columns] for name, columns in EXPORTED_COLUMNS.items()}


FORMULA_START = r"[=+\-@\t\r]"
PLAIN_NUMBER = r"[+-]?\d+(\.\d+)?"


def formulas_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell a spreadsheet would run as a formula prefixed with an
    apostrophe; every other cell unchanged."""
    made_text = {}
    for column in frame.columns:
        values = frame[column]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        formula = values.str.match(FORMULA_START, na=False) & ~values.str.fullmatch(
            PLAIN_NUMBER, na=False
        )
        if formula.any():
            made_text[column] = values.mask(formula, "'" + values.astype(str))
    return frame.assign(**made_text)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8, comma-separated, `\\n` line ends, no index, formula-looking cells made text;
    replaced atomically."""
    frame = formulas_as_text(frame)
    # Lines marked "no mutate" only set what Linux with a UTF-8 locale does anyway (encoding,
    # line ends, the scratch file's name and folder, unlinking a file that exists): mutation
    # testing cannot tell their mutants apart; tests/present/test_csv_tables.py reads the files
    # back.
    hidden = f".{path.name}."  # pragma: no mutate
    handle, scratch = tempfile.mkstemp(prefix=hidden, dir=path.parent)  # pragma: no mutate
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:  # pragma: no mutate
            frame.to_csv(file, index=False, lineterminator="\n")  # pragma: no mutate
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)  # pragma: no mutate
        raise
