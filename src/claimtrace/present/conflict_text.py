"""The conflicts as the CSV export writes them: each side's values and who says them, in text.

`values` ('ottawa (mediawall) ≠ tokyo (record R12+R13, rips)'), `record_supports` (what the
record says) and `detail` (one line: who says what, how a list differs from the record's) are
written here from the structured sides that judge/conflicts.py keeps, and nowhere else parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.conflicts import (
    Statement,
    grouped_by_value,
    shown_value,
    sides_by_conflict,
)
from claimtrace.vocabulary import LIST_ATTRIBUTES

TEXT_COLUMNS = ("values", "record_supports", "detail")


def _label(internal: bool) -> Callable[[Statement], str]:
    def label(statement: Statement) -> str:
        if statement.is_record:
            return "dated roles" if statement.attribute == "role" else f"record {statement.id}"
        return f"{statement.source} {statement.attribute}" if internal else statement.source

    return label


def _side_text(side: Sequence[Statement], internal: bool) -> tuple[str, str]:
    """('tokyo (record R12, rips)', 'record R12 and rips say tokyo') for one side."""
    by_value = grouped_by_value(side, _label(internal), internal)
    values = " / ".join(f"{value} ({', '.join(labels)})" for value, labels in by_value.items())
    said = "; ".join(
        f"{' and '.join(labels)} {'says' if len(labels) == 1 else 'say'} {value}"
        for value, labels in by_value.items()
    )
    return values, said


def _list_differences(claims: list[Statement], records: list[Statement]) -> str:
    """'; per the record R07, cips lacks energy_security' for each list that differs from the
    record's list of the same kind."""
    parts = []
    for record in records:
        if record.attribute not in LIST_ATTRIBUTES:
            continue
        expected = set(split_list(record.value))
        for claim in claims:
            if claim.attribute not in LIST_ATTRIBUTES:
                continue
            given = set(split_list(claim.value))
            lacks = set() if claim.attribute == "includes" else expected - given
            for verb, members in (("lacks", lacks), ("adds", given - expected)):
                if members:
                    listed = ", ".join(sorted(members))
                    parts.append(f"; per the record {record.id}, {claim.source} {verb} {listed}")
    return "".join(parts)


def _texts(conflict: object, sides: list[list[Statement]]) -> tuple[str, str, str]:
    # A source at odds with itself says which of its statements says what: 'cips count'.
    internal = "internal" in split_list(conflict.facets)
    texts = [_side_text(side, internal) for side in sides]
    everyone = [s for side in sides for s in side]  # the sources' sides first, then the record's
    records = [s for s in everyone if s.is_record]
    claims = [s for s in everyone if not s.is_record]
    record_supports = " / ".join(
        dict.fromkeys(shown_value(r.attribute, r.value, internal) for r in records)
    )
    about = f"{conflict.attribute} of {conflict.event_id}" + (
        f" ({conflict.subject})" if conflict.subject else ""
    )
    said = "; ".join(said for _, said in texts)
    if conflict.scope == "internal":
        detail = f"{conflict.source_ids} disagrees with itself on {about}: {said}"
    else:
        detail = f"{about}: {said}"
    detail += _list_differences(claims, records)
    origins = {s.origin for s in everyone}
    if conflict.scope == "between_sources" and len(origins) == 1:
        detail += f" (copies within one origin group, {origins.pop()}, differ)"
    return " ≠ ".join(values for values, _ in texts), record_supports, detail


def conflicts_with_text(conflicts: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """The conflicts with their `values`, `record_supports` and `detail` written out."""
    sides = sides_by_conflict(statements)
    texts = [
        _texts(conflict, sides[conflict.conflict_id])
        for conflict in conflicts.itertuples(index=False)
    ]
    return conflicts.assign(
        **{name: [text[n] for text in texts] for n, name in enumerate(TEXT_COLUMNS)}
    )
