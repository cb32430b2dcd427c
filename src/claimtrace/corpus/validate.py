"""Run a table's schema (corpus/schemas.py) and turn every failure into a `Problem`.

pandera checks the columns and reports failures as a frame of failure cases; the row rules are
evaluated here, once per distinct combination of the cells they read. Each kind of failure
(column and rule) becomes at most EXAMPLES_PER_KIND Problems naming file, 1-based row, column
and value, plus one count of the rest, all in time linear in the rows: a million bad rows give
a few lines, not a million.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd
import pandera.pandas as pa

from claimtrace.corpus.checks import UNIQUE
from claimtrace.corpus.distinct import Factorized, distinct_combinations, factorized
from claimtrace.corpus.rules import RowRule
from claimtrace.corpus.schemas import TableSchema
from claimtrace.errors import EXAMPLES_PER_KIND, Problem

ROWS_SHOWN = 5
"""Rows named for one duplicated id; the rest are counted."""


def validate_table(
    file: str, frame: pd.DataFrame, table: TableSchema, lines: Sequence[int] | None = None
) -> list[Problem]:
    """Every failure of the table's column checks and row rules: examples sorted by row and
    column, then a count of each kind's unlisted rest (1-based rows; a rule that names other
    rows names their lines when `lines` gives the line each row starts on)."""
    examples: list[Problem] = []
    counts: list[Problem] = []
    schema = pa.DataFrameSchema(table.columns, strict=True)
    try:
        schema.validate(frame, lazy=True, inplace=True)  # nothing is coerced: no copy needed
    except pa.errors.SchemaErrors as errors:
        examples, counts = _column_problems(file, frame, errors, lines)
    columns = _Columns(frame)
    for rule in table.row_rules:
        if rule.reads <= set(frame.columns):
            failing = np.flatnonzero(~_rows_holding(columns, rule))
            values = frame[rule.column].to_numpy(object)
            examples += [
                Problem(file, rule.rule, int(i) + 1, rule.column, values[i])
                for i in failing[:EXAMPLES_PER_KIND]
            ]
            counts += _rest(file, rule.column, rule.rule, len(failing))
    order = {column: position for position, column in enumerate(frame.columns)}
    examples.sort(key=lambda p: (p.row or 0, order.get(p.column, -1)))
    return examples + counts


class _Columns:
    """A table's columns, each factorized the first time a row rule reads it: the rules of one
    table read the same few columns (attribute, value) again and again."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self._factorized: dict[str, Factorized] = {}

    def factorized(self, column: str) -> Factorized:
        if column not in self._factorized:
            self._factorized[column] = factorized(self.frame[column].to_numpy(object))
        return self._factorized[column]


def _rows_holding(columns: _Columns, rule: RowRule) -> np.ndarray:
    """Whether each row holds the rule. Only the rows it concerns (`when`) are read, and a large
    table repeats the combinations of the few cells a rule reads, so each distinct combination
    is judged once (per-row Series would cost minutes at a million claims), unless the rule
    reads an id and so is judged on each row."""
    held = np.ones(len(columns.frame), bool)
    concerned = np.arange(len(columns.frame))
    if rule.when is not None:
        codes, values = columns.factorized(rule.when[0])
        concerned = np.flatnonzero(np.isin(codes, np.flatnonzero(values == rule.when[1])))
    if rule.each_row:
        cells = [columns.frame[column].to_numpy(object)[concerned] for column in rule.needs]
        held[concerned] = np.fromiter(map(rule.holds, *cells), bool, len(concerned))
        return held
    needs = [columns.factorized(column) for column in rule.needs]
    combination, first = distinct_combinations(
        [(codes[concerned], values) for codes, values in needs]
    )
    cells = [values[codes[concerned][first]] for codes, values in needs]
    held[concerned] = np.fromiter(map(rule.holds, *cells), bool, len(first))[combination]
    return held


def _rest(file: str, column: str | None, rule: str, found: int) -> list[Problem]:
    """The count of a kind's problems beyond its examples, if there are any."""
    more = found - EXAMPLES_PER_KIND
    return [Problem(file, rule, column=column, more=more)] if more > 0 else []


def _column_problems(
    file: str, frame: pd.DataFrame, errors: pa.errors.SchemaErrors, lines: Sequence[int] | None
) -> tuple[list[Problem], list[Problem]]:
    """The examples and counts of the failed column checks; each check's examples are the
    first failing cells pandera kept (schemas.py: n_failure_cases), its count from its output."""
    examples: list[Problem] = []
    counts: list[Problem] = []
    for error in errors.schema_errors:
        if error.check_output is None:  # about the whole table: a column missing or unknown
            examples.append(_table_problem(file, error))
            continue
        column, rule = str(error.schema.name), str(error.check.error)
        if rule == UNIQUE:
            duplicated, uncounted = _duplicates(file, frame[column], lines)
            examples += duplicated
            counts += uncounted
            continue
        first = error.failure_cases.sort_values("index")
        examples += [
            Problem(file, rule, int(index) + 1, column, value)
            for index, value in zip(first["index"], first["failure_case"], strict=True)
        ]
        counts += _rest(file, column, rule, int((~error.check_output).sum()))
    return examples, counts


def _table_problem(file: str, error: pa.errors.SchemaError) -> Problem:
    reason = error.reason_code
    if reason == pa.errors.SchemaErrorReason.COLUMN_NOT_IN_DATAFRAME:
        return Problem(file, "required column is missing", column=str(error.failure_cases))
    if reason == pa.errors.SchemaErrorReason.COLUMN_NOT_IN_SCHEMA:
        return Problem(file, "column is not in data/README.md", column=str(error.failure_cases))
    return Problem(file, str(error))


def _duplicates(
    file: str, column: pd.Series, lines: Sequence[int] | None
) -> tuple[list[Problem], list[Problem]]:
    """One Problem for each of the first few duplicated ids, naming its first rows and
    counting the others, then a count of the duplicated ids not listed."""
    repeated = column.duplicated(keep=False).to_numpy()
    ids = column.to_numpy(object)[repeated]
    groups = pd.Series(np.flatnonzero(repeated) + 1).groupby(ids, sort=False)  # first seen first
    examples = []
    for value, rows in itertools.islice(groups, EXAMPLES_PER_KIND):
        first = rows.iloc[:ROWS_SHOWN]
        if lines is None:
            shown = "rows " + ", ".join(str(row) for row in first)
        else:
            shown = "lines " + ", ".join(str(lines[row - 1]) for row in first)
        more = len(rows) - ROWS_SHOWN
        rest = f" … and {more:,} more rows with the same id" if more > 0 else ""
        rule = f"{UNIQUE} ({shown}{rest})"
        examples.append(Problem(file, rule, int(rows.iloc[0]), str(column.name), value))
    return examples, _rest(file, str(column.name), UNIQUE, groups.ngroups)
