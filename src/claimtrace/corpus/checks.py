"""How a column rule is checked: a pandera Check over the whole column, computed once per
distinct value (once per cell in a column of ids, whose values never repeat) or with pandas'
own vectorised operations, so a million rows cost seconds.

Each check keeps only the first few failing cells for its report (validate.py counts the
rest), and the tables are read as text, never NA, so pandera need not look for NAs first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import pandera.pandas as pa

from claimtrace.corpus.distinct import factorized
from claimtrace.errors import EXAMPLES_PER_KIND


def optional(holds: Callable[[str], bool]) -> Callable[[str], bool]:
    """The predicate, or empty."""
    return lambda value: value == "" or holds(value)


def vectorised(held: Callable[[pd.Series], pd.Series], rule: str) -> pa.Check:
    """A check computed over the whole column at once by `held` (a boolean Series)."""
    return pa.Check(held, error=rule, n_failure_cases=EXAMPLES_PER_KIND, ignore_na=False)


def per_value(holds: Callable[[str], bool], rule: str) -> pa.Check:
    """A check that asks `holds` once per distinct value of the column: large tables repeat
    their values, and calling it cell by cell through pandas costs seconds per million."""

    def each_distinct_value(column: pd.Series) -> pd.Series:
        codes, values = factorized(column.to_numpy(dtype=object))
        held = np.fromiter(map(holds, values), bool, len(values))
        return pd.Series(held[codes], index=column.index)

    return vectorised(each_distinct_value, rule)


def per_cell(holds: Callable[[str], bool], rule: str) -> pa.Check:
    """A check that asks `holds` of every cell, for a column of ids: their values never
    repeat, so looking for repeats first (per_value) would only add a pass."""

    def each_cell(column: pd.Series) -> pd.Series:
        cells = column.to_numpy(dtype=object)
        return pd.Series(np.fromiter(map(holds, cells), bool, len(cells)), index=column.index)

    return vectorised(each_cell, rule)


def member(allowed: Iterable[str], rule: str, *, optional: bool) -> pa.Check:
    """Membership in a closed set or in another table's ids (or empty, when optional): one hash
    lookup per cell."""
    members = sorted(set(allowed) | ({""} if optional else set()))
    return vectorised(lambda column: column.isin(members), rule)


UNIQUE = "must be unique"
UNIQUE_CHECK = vectorised(lambda column: ~column.duplicated(keep=False), UNIQUE)
"""An id column's values are unique (validate.py names each duplicated id's rows)."""


def _not_blank(column: pd.Series) -> pd.Series:
    """Whether each cell has a character that is not whitespace: what `cell.strip() != ""`
    says, in one call of str.isspace per cell instead of a stripped copy of every cell."""
    cells = column.to_numpy(dtype=object)
    blank = np.fromiter(map(str.isspace, cells), bool, len(cells)) | (cells == "")
    return pd.Series(~blank, index=column.index)


REQUIRED = vectorised(_not_blank, "must not be empty")
