"""Disagreements, one row each, written so a reader can check them against the quotes.

A conflict gathers every statement on one event, attribute (an `includes` with the `items` it is
checked against) and subject, once any two of them disagree. Its scope says who disagrees:
`against_record` when the official record (or a dated role) is one side, `between_sources` when
the record is silent, `internal` when a source disagrees with itself (a count against its own
list). Statements are split into sides: two statements are on different sides only if they were
compared and disagree, so "2018" and "2018-04-21" stand together.
"""

from __future__ import annotations

import re
from collections import namedtuple
from typing import NamedTuple

import pandas as pd

from claimtrace.comparison import DISAGREES
from claimtrace.entities import SET_ATTRIBUTES, split_list

CONFLICT_COLUMNS = [
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
]
LIST_FAMILY = {"items": "items", "includes": "items"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _family(attribute: str) -> str:
    return LIST_FAMILY.get(attribute, attribute)


def _shown(attribute: str, value: str, internal: bool) -> str:
    if internal and attribute in LIST_FAMILY:
        return f"{len(split_list(value))} {attribute}"
    return value


class Statement(NamedTuple):
    id: str
    source: str
    attribute: str
    value: str
    is_record: bool


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


def _side_text(statements: list[Statement], side: list[int], internal: bool) -> tuple[str, str]:
    """('tokyo (record R12, rips)', 'the record (R12) and rips say tokyo') for one side."""
    by_value: dict[str, list[str]] = {}
    for row in (statements[position] for position in side):
        if row.is_record:
            label = "dated roles" if row.attribute == "role" else f"record {row.id}"
        else:
            label = f"{row.source} {row.attribute}" if internal else row.source
        shown = _shown(row.attribute, row.value, internal)
        by_value.setdefault(shown, [])
        if label not in by_value[shown]:
            by_value[shown].append(label)
    values = " / ".join(f"{value} ({', '.join(labels)})" for value, labels in by_value.items())
    said = "; ".join(
        f"{' and '.join(labels)} {'says' if len(labels) == 1 else 'say'} {value}"
        for value, labels in by_value.items()
    )
    return values, said


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
) -> dict[str, str]:
    event_id, attribute, subject = key
    internal = scope == "internal"
    statements = _statements(pairs, record_source)
    disagreeing = {
        frozenset((pair.claim_id, pair.other_id)) for pair in pairs if pair.verdict == DISAGREES
    }
    sides = _sides(statements, disagreeing)
    record_side = [side for side in sides if statements[side[0]].is_record]
    other_sides = [side for side in sides if not statements[side[0]].is_record]
    texts = [_side_text(statements, side, internal) for side in other_sides + record_side]
    records = [statement for statement in statements if statement.is_record]
    claims = [statement for statement in statements if not statement.is_record]
    record_supports = " / ".join(
        dict.fromkeys(_shown(r.attribute, r.value, internal) for r in records)
    )
    about = f"{attribute} of {event_id}" + (f" ({subject})" if subject else "")
    detail = f"{about}: " + "; ".join(said for _, said in texts)
    sources = sorted({claim.source for claim in claims})
    if internal:
        detail = f"{sources[0]} disagrees with itself on {about}: " + "; ".join(
            said for _, said in texts
        )
    detail += _list_differences(claims, records)
    origins = {pair.other_origin for pair in pairs} | {pair.origin_group for pair in pairs}
    if scope == "between_sources" and len(origins) == 1:
        detail += f" (copies within one origin group, {pairs[0].origin_group}, differ)"
    suffix = f"-{subject}" if subject else ""
    if internal:
        suffix += f"-{sources[0]}-internal"
    return {
        "conflict_id": _NOT_SLUG.sub("-", f"{event_id}-{attribute}{suffix}"),
        "event_id": event_id,
        "attribute": attribute,
        "subject": subject,
        "scope": scope,
        "values": " ≠ ".join(values for values, _ in texts),
        "source_ids": "; ".join(sources + ([record_source] if records else [])),
        "claim_ids": "; ".join(sorted(claim.id for claim in claims)),
        "record_ids": "; ".join(sorted(record.id for record in records)),
        "record_supports": record_supports,
        "detail": detail,
    }


def _list_differences(claims: list[Statement], records: list[Statement]) -> str:
    """'; per the record R07, cips lacks energy_security' for each list that differs from the
    record's list of the same kind."""
    parts = []
    for record in records:
        if record.attribute not in SET_ATTRIBUTES:
            continue
        expected = set(split_list(record.value))
        for claim in claims:
            if _family(claim.attribute) != _family(record.attribute):
                continue
            given = set(split_list(claim.value))
            lacks = set() if claim.attribute == "includes" else expected - given
            for verb, members in (("lacks", lacks), ("adds", given - expected)):
                if members:
                    listed = ", ".join(sorted(members))
                    parts.append(f"; per the record {record.id}, {claim.source} {verb} {listed}")
    return "".join(parts)


def find_conflicts(pairs: pd.DataFrame, record_source: str) -> pd.DataFrame:
    """One row per disagreement (CONFLICT_COLUMNS), from the comparisons of `assess`.

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

    rows = []
    between: dict[tuple[str, str, str], list[int]] = {}
    internal: dict[tuple[str, str, str], list[int]] = {}
    related_to: dict[str, list[int]] = {}
    keys = ("claim_id", "source_id", "event_id", "subject", "attribute", "other_source")
    for position, (claim_id, source_id, event_id, subject, attribute, other_source) in enumerate(
        zip(*(columns[key] for key in keys), strict=True)
    ):
        if other_source != source_id:
            between.setdefault((event_id, _family(attribute), subject), []).append(position)
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
        rows.append(_conflict((event_id, attribute, subject), group, record_source, scope))
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
        rows.append(_conflict((event_id, attribute, subject), related, record_source, "internal"))
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
