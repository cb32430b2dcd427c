"""Run a table's schema (corpus/schemas.py) and turn every failure into a `Problem`.

pandera reports failures as a frame of failure cases; this module turns each into a Problem
naming file, 1-based row, column and value, reporting a row rule against the one cell it is
about.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pandera.pandas as pa

from claimtrace.corpus.schemas import RowRule, TableSchema
from claimtrace.errors import Problem


def validate_table(file: str, frame: pd.DataFrame, table: TableSchema) -> list[Problem]:
    """Every failure of the table's column checks and row rules, as Problems (1-based rows)."""
    row_checks = [
        pa.Check(lambda df, rule=rule: _rows_holding(df, rule), error=rule.rule)
        for rule in table.row_rules
        if set(rule.needs) <= set(frame.columns)
    ]
    schema = pa.DataFrameSchema(table.columns, checks=row_checks, strict=True)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        reported_in = {rule.rule: rule.column for rule in table.row_rules}
        problems = _problems(file, frame, errors.failure_cases, reported_in)
        order = {column: position for position, column in enumerate(frame.columns)}
        return sorted(problems, key=lambda p: (p.row or 0, order.get(p.column, -1)))
    return []


def _rows_holding(frame: pd.DataFrame, rule: RowRule) -> pd.Series:
    # A rule reads only a few cells, and a large table repeats their combinations: judge each
    # distinct combination once (per-row Series would cost minutes at a million claims).
    needs = list(rule.needs)
    combination = frame.groupby(needs, sort=False, dropna=False).ngroup().to_numpy()
    _, first = np.unique(combination, return_index=True)  # groups are numbered as first seen
    values = zip(*(frame[column].to_numpy(dtype=object)[first] for column in needs), strict=True)
    held = np.array([rule.holds(dict(zip(needs, row, strict=True))) for row in values], bool)
    return pd.Series(held[combination], index=frame.index, dtype=bool)


def _problems(
    file: str, frame: pd.DataFrame, failures: pd.DataFrame, reported_in: Mapping[str, str]
) -> list[Problem]:
    problems = []
    for failure in failures.itertuples(index=False):
        check, column, value = failure.check, failure.column, failure.failure_case
        row = None if pd.isna(failure.index) else int(failure.index) + 1
        if check == "column_in_dataframe":
            problems.append(Problem(file, "required column is missing", column=value))
        elif check == "column_in_schema":
            problems.append(Problem(file, "column is not in data/README.md", column=value))
        elif check == "field_uniqueness":
            shown = ", ".join(str(r + 1) for r in frame.index[frame[column] == value])
            problems.append(Problem(file, f"must be unique (rows {shown})", row, column, value))
        # A row rule's failure lists every cell of the row; report only the cell it is about.
        elif check not in reported_in or column == reported_in[check]:
            problems.append(Problem(file, str(check), row, column, value))
    return problems
