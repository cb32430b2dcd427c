"""Disagreements, one row each, with their sides kept as data.

A conflict gathers the statements on one event, subject and family of attributes (those compared
with one another: a `count`, the `items` it counts and the `includes` checked against them) that
disagree with another of them: findings that share a cause are one finding. A statement that
disagrees with none of them is no side, though it was compared: "2022-12" is consistent with
both "2022-12-16" and "2022-12-17". Its facets say who disagrees with whom: `against_record` when
the official record (or a dated role) is one side, `between_sources` between sources, `internal`
when a source disagrees with itself (a count against its own list); its scope is the first facet
in that order. Statements are split into sides: two statements are on different sides only if
they were compared and disagree, so "2018" and "2018-04-21" stand together.

Each conflict's statements are one table (CONFLICT_STATEMENT_COLUMNS: which side, who says
what); the CSV export (present/conflict_text.py) and the report's wording turn them into text.
"""

from __future__ import annotations

import itertools
import re
from collections import namedtuple
from collections.abc import Callable, Sequence
from typing import NamedTuple

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.comparison import DISAGREES, family
from claimtrace.judge.judged import Row
from claimtrace.judge.stance import DENIES
from claimtrace.vocabulary import ASSERTS, LIST_ATTRIBUTES, SCOPES

CONFLICT_COLUMNS = [
    "conflict_id",
    "event_id",
    "attribute",
    "subject",
    "scope",
    "facets",
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
    "origin_group",
    "stance",
]
"""One row per statement of a conflict: `side` numbers the sides that disagree (the sources'
sides first, the record's last), rows in the order a reader meets them; `origin_group` is the
statement's (the record's own for the record); `source_id` is whose evidence it is (a relayed
claim's is the relayed source's), `stance` whether it asserts or denies its value."""
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class Statement(NamedTuple):
    id: str
    source: str
    attribute: str
    value: str
    is_record: bool
    origin: str = ""
    stance: str = ASSERTS


def sides_by_conflict(statements: pd.DataFrame) -> dict[str, list[list[Statement]]]:
    """conflict_id -> its sides, each a list of statements, from a CONFLICT_STATEMENT_COLUMNS
    table."""
    sides: dict[str, dict[int, list[Statement]]] = {}
    for row in statements.itertuples(index=False):
        sides.setdefault(row.conflict_id, {}).setdefault(row.side, []).append(
            Statement(
                row.statement_id,
                row.source_id,
                row.attribute,
                row.value,
                bool(row.is_record),
                row.origin_group,
                row.stance,
            )
        )
    return {conflict_id: list(by_side.values()) for conflict_id, by_side in sides.items()}


def shown_value(attribute: str, value: str, internal: bool, stance: str = ASSERTS) -> str:
    """A value as a conflict shows it: a list in a source's disagreement with itself is shown
    by its length ('5 items'), since that is what it disagrees on; a denied value as 'not …'."""
    if internal and attribute in LIST_ATTRIBUTES:
        value = f"{len(split_list(value))} {attribute}"
    return f"not {value}" if stance == DENIES else value


def grouped_by_value(
    side: Sequence[Statement], label: Callable[[Statement], str], internal: bool
) -> dict[str, list[str]]:
    """A side's shown values, each with the distinct labels of those who state it, in order."""
    by_value: dict[str, list[str]] = {}
    for statement in side:
        labels = by_value.setdefault(
            shown_value(statement.attribute, statement.value, internal, statement.stance), []
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


def _statements(pairs: list[Row], record_source: str) -> list[Statement]:
    """The distinct statements of disagreeing pairs, the record's first, then by source and
    id."""
    found: dict[str, Statement] = {}
    for pair in pairs:
        mine = (pair.claim_id, pair.source_id, pair.attribute, pair.value, False, pair.origin_group)
        found.setdefault(pair.claim_id, Statement(*mine, pair.stance))
        theirs = (pair.other_id, pair.other_source, pair.other_attribute, pair.other_value)
        is_record = pair.other_source == record_source
        found.setdefault(
            pair.other_id, Statement(*theirs, is_record, pair.other_origin, pair.other_stance)
        )
    statements = list(found.values())
    return sorted(statements, key=lambda s: (not s.is_record, s.source, s.id))


def _facet(pair: Row, record_source: str) -> str:
    """Who disagrees in one disagreeing pair: the record, two sources, or a source with itself."""
    if pair.other_source == record_source:
        return "against_record"
    return "internal" if pair.other_source == pair.source_id else "between_sources"


def _conflict(
    key: tuple[str, str], disagreeing: list[Row], record_source: str
) -> tuple[dict[str, str], list[tuple]]:
    """The conflict's row and its statements' rows (CONFLICT_STATEMENT_COLUMNS), from its
    disagreeing pairs."""
    event_id, subject = key
    statements = _statements(disagreeing, record_source)
    facets = [scope for scope in SCOPES if scope in {_facet(p, record_source) for p in disagreeing}]
    sides = _sides(statements, {frozenset((p.claim_id, p.other_id)) for p in disagreeing})
    record_side = [side for side in sides if statements[side[0]].is_record]
    other_sides = [side for side in sides if not statements[side[0]].is_record]
    records = [statement for statement in statements if statement.is_record]
    claims = [statement for statement in statements if not statement.is_record]
    sources = sorted({claim.source for claim in claims})
    attribute = "; ".join(sorted({statement.attribute for statement in statements}))
    suffix = f"-{subject}" if subject else ""
    conflict_id = _NOT_SLUG.sub("-", f"{event_id}-{attribute}{suffix}")
    row = {
        "conflict_id": conflict_id,
        "event_id": event_id,
        "attribute": attribute,
        "subject": subject,
        "scope": facets[0],
        "facets": "; ".join(facets),
        "source_ids": "; ".join(sources + ([record_source] if records else [])),
        "claim_ids": "; ".join(sorted(claim.id for claim in claims)),
        "record_ids": "; ".join(sorted(record.id for record in records)),
    }
    said = [
        (conflict_id, number, s.id, s.source, s.is_record, s.attribute, s.value, s.origin, s.stance)
        for number, side in enumerate(other_sides + record_side)
        for s in (statements[position] for position in side)
    ]
    return row, said


def find_conflicts(pairs: pd.DataFrame, record_source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per disagreement (CONFLICT_COLUMNS) and its statements (CONFLICT_STATEMENT_COLUMNS),
    from the comparisons of `assess`, in the order of event, subject and family.

    Only disagreeing pairs make a conflict, and only they say what it is. They are sorted by
    topic once and read as column lists, a topic's pairs one slice: a frame filtered per
    conflict costs milliseconds each, minutes for the tens of thousands of conflicts of a large
    corpus. A topic's pairs become tuples only when it is written up: tuples for all the pairs
    of a large corpus at once take most of a gigabyte."""
    disagreeing = pairs[pairs["verdict"] == DISAGREES]
    topic = ["event_id", "subject", "family"]
    # Sorted by topic (stable: pairs keep their order within one), so each topic's pairs are
    # one slice of each column.
    family_of = {attribute: family(attribute) for attribute in disagreeing["attribute"].unique()}
    by_topic = disagreeing.assign(family=disagreeing["attribute"].map(family_of)).sort_values(
        topic, kind="stable"
    )
    # As lists: pandas strings iterate slowly.
    columns = [by_topic[name].tolist() for name in pairs.columns]
    Pair = namedtuple("Pair", list(pairs.columns))  # type: ignore[misc]  # the fields `itertuples` would give
    keys = list(zip(*(by_topic[key].tolist() for key in topic), strict=True))
    starts = [at for at in range(len(keys)) if at == 0 or keys[at] != keys[at - 1]]
    written = [
        _conflict(
            keys[first][:2],
            list(map(Pair._make, zip(*(column[first:last] for column in columns), strict=True))),
            record_source,
        )
        for first, last in itertools.pairwise([*starts, len(keys)])
    ]
    return (
        pd.DataFrame([row for row, _ in written], columns=CONFLICT_COLUMNS),
        pd.DataFrame.from_records(
            [line for _, said in written for line in said], columns=CONFLICT_STATEMENT_COLUMNS
        ),
    )
