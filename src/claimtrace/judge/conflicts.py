"""Disagreements, one row each, with their sides kept as data.

A conflict gathers every statement on one event, attribute (an `includes` with the `items` it is
checked against) and subject, once any two of them disagree. Its scope says who disagrees:
`against_record` when the official record (or a dated role) is one side, `between_sources` when
the record is silent, `internal` when a source disagrees with itself (a count against its own
list). Statements are split into sides: two statements are on different sides only if they were
compared and disagree, so "2018" and "2018-04-21" stand together.

Each conflict's statements are one table (CONFLICT_STATEMENT_COLUMNS: which side, who says
what); the CSV export (judge/conflict_text.py) and the report's wording turn them into text.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable, Sequence
from typing import NamedTuple

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.comparison import DISAGREES

CONFLICT_COLUMNS = [
    "conflict_id",
    "event_id",
    "attribute",
    "subject",
    "scope",
    "source_ids",
    "claim_ids",
    "record_ids",
]
CONFLICT_STATEMENT_COLUMNS = [
    "conflict_id",
    "side",
    "statement_id",
    "source_id",
    "is_record",
    "attribute",
    "value",
]
"""One row per statement of a conflict: `side` numbers the sides that disagree (the sources'
sides first, the record's last), rows in the order a reader meets them."""
LIST_FAMILY = {"items": "items", "includes": "items"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def family(attribute: str) -> str:
    return LIST_FAMILY.get(attribute, attribute)


class Statement(NamedTuple):
    id: str
    source: str
    attribute: str
    value: str
    is_record: bool


def sides_by_conflict(statements: pd.DataFrame) -> dict[str, list[list[Statement]]]:
    """conflict_id -> its sides, each a list of statements, from a CONFLICT_STATEMENT_COLUMNS
    table."""
    sides: dict[str, dict[int, list[Statement]]] = {}
    columns = ["conflict_id", "side", "statement_id", "source_id", "attribute", "value"]
    for conflict_id, side, *statement, is_record in zip(
        *(statements[c].tolist() for c in columns), statements["is_record"].tolist(), strict=True
    ):
        sides.setdefault(conflict_id, {}).setdefault(side, []).append(
            Statement(*statement, bool(is_record))
        )
    return {conflict_id: list(by_side.values()) for conflict_id, by_side in sides.items()}


def shown_value(attribute: str, value: str, internal: bool) -> str:
    """A value as a conflict shows it: a list in a source's disagreement with itself is shown
    by its length ('5 items'), since that is what it disagrees on."""
    if internal and attribute in LIST_FAMILY:
        return f"{len(split_list(value))} {attribute}"
    return value


def grouped_by_value(
    side: Sequence[Statement], label: Callable[[Statement], str], internal: bool
) -> dict[str, list[str]]:
    """A side's shown values, each with the distinct labels of those who state it, in order."""
    by_value: dict[str, list[str]] = {}
    for statement in side:
        labels = by_value.setdefault(
            shown_value(statement.attribute, statement.value, internal), []
        )
        if label(statement) not in labels:
            labels.append(label(statement))
    return by_value


def _sides(statements: list[Statement], disagreeing: set[frozenset[str]]) -> list[list[int]]:
    """Statements (row positions) grouped so that no two on one side disagree; record first."""
    sides: list[list[int]] = []
    ids = [statement.id for statement in statements]
    for position in range(len(statements)):
        for side in sides:
            if all(frozenset((ids[position], ids[other])) not in disagreeing for other in side):
                side.append(position)
                break
        else:
            sides.append([position])
    return sides


def _statements(pairs: list[tuple], record_source: str) -> list[Statement]:
    """The distinct statements in a set of pairs, the record's first, then by source and id."""
    found: dict[str, Statement] = {}
    for own in pairs:
        found.setdefault(
            own.claim_id,
            Statement(own.claim_id, own.source_id, own.attribute, own.value, False),
        )
    for pair in pairs:
        found.setdefault(
            pair.other_id,
            Statement(
                pair.other_id,
                pair.other_source,
                pair.other_attribute,
                pair.other_value,
                False,
            ),
        )
    statements = [s._replace(is_record=s.source == record_source) for s in found.values()]
    return sorted(statements, key=lambda s: (not s.is_record, s.source, s.id))


def _conflict(
    key: tuple[str, str, str],
    pairs: list[tuple],
    record_source: str,
    scope: str,
) -> tuple[dict[str, str], list[tuple]]:
    """The conflict's row and its statements' rows (CONFLICT_STATEMENT_COLUMNS)."""
    event_id, attribute, subject = key
    statements = _statements(pairs, record_source)
    disagreeing = {
        frozenset((pair.claim_id, pair.other_id)) for pair in pairs if pair.verdict == DISAGREES
    }
    sides = _sides(statements, disagreeing)
    record_side = [side for side in sides if statements[side[0]].is_record]
    other_sides = [side for side in sides if not statements[side[0]].is_record]
    records = [statement for statement in statements if statement.is_record]
    claims = [statement for statement in statements if not statement.is_record]
    sources = sorted({claim.source for claim in claims})
    suffix = f"-{subject}" if subject else ""
    if scope == "internal":
        suffix += f"-{sources[0]}-internal"
    conflict_id = _NOT_SLUG.sub("-", f"{event_id}-{attribute}{suffix}")
    row = {
        "conflict_id": conflict_id,
        "event_id": event_id,
        "attribute": attribute,
        "subject": subject,
        "scope": scope,
        "source_ids": "; ".join(sources + ([record_source] if records else [])),
        "claim_ids": "; ".join(sorted(claim.id for claim in claims)),
        "record_ids": "; ".join(sorted(record.id for record in records)),
    }
    said = [
        (conflict_id, number, s.id, s.source, s.is_record, s.attribute, s.value)
        for number, side in enumerate(other_sides + record_side)
        for s in (statements[position] for position in side)
    ]
    return row, said


def find_conflicts(pairs: pd.DataFrame, record_source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per disagreement (CONFLICT_COLUMNS) and its statements (CONFLICT_STATEMENT_COLUMNS),
    from the comparisons of `assess`.

    Works on the pairs' columns as lists, grouped by position in one pass: a frame filtered per
    conflict costs milliseconds each, minutes for the tens of thousands of conflicts of a large
    corpus. A group becomes tuples only when it is written up: tuples for all the millions of
    pairs of a large corpus at once take most of a gigabyte."""
    # As lists: pandas strings iterate slowly.
    columns = {name: pairs[name].tolist() for name in pairs.columns}
    Pair = namedtuple("Pair", list(columns))  # the fields `itertuples` would give
    verdicts = columns["verdict"]

    def pairs_at(positions: list[int]) -> list[tuple]:
        values = ([column[position] for position in positions] for column in columns.values())
        return list(map(Pair._make, zip(*values, strict=True)))

    written: list[tuple[dict[str, str], list[tuple]]] = []
    between: dict[tuple[str, str, str], list[int]] = {}
    internal: dict[tuple[str, str, str], list[int]] = {}
    related_to: dict[str, list[int]] = {}
    keys = ("claim_id", "source_id", "event_id", "subject", "attribute", "other_source")
    for position, (claim_id, source_id, event_id, subject, attribute, other_source) in enumerate(
        zip(*(columns[key] for key in keys), strict=True)
    ):
        if other_source != source_id:
            between.setdefault((event_id, family(attribute), subject), []).append(position)
        elif verdicts[position] == DISAGREES:
            internal.setdefault((event_id, subject, source_id), []).append(position)
        if other_source in (source_id, record_source):
            related_to.setdefault(claim_id, []).append(position)
    for (event_id, _, subject), positions in sorted(between.items(), key=lambda item: item[0]):
        if not any(verdicts[position] == DISAGREES for position in positions):
            continue
        group = pairs_at(positions)
        against_record = any(
            pair.verdict == DISAGREES and pair.other_source == record_source for pair in group
        )
        scope = "against_record" if against_record else "between_sources"
        attribute = "; ".join(sorted({pair.attribute for pair in group}))
        written.append(_conflict((event_id, attribute, subject), group, record_source, scope))
    for (event_id, subject, _source), positions in sorted(
        internal.items(), key=lambda item: item[0]
    ):
        group = pairs_at(positions)
        claim_ids = {pair.claim_id for pair in group} | {pair.other_id for pair in group}
        related = pairs_at(
            sorted({p for claim_id in claim_ids for p in related_to.get(claim_id, [])})
        )
        attributes = {pair.attribute for pair in group} | {pair.other_attribute for pair in group}
        attribute = "; ".join(sorted(attributes))
        written.append(
            _conflict((event_id, attribute, subject), related, record_source, "internal")
        )
    return (
        pd.DataFrame([row for row, _ in written], columns=CONFLICT_COLUMNS),
        pd.DataFrame.from_records(
            [line for _, said in written for line in said], columns=CONFLICT_STATEMENT_COLUMNS
        ),
    )
