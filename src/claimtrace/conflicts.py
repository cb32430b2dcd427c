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


def _sides(statements: pd.DataFrame, disagreeing: set[frozenset[str]]) -> list[list[int]]:
    """Statements (row positions) grouped so that no two on one side disagree; record first."""
    sides: list[list[int]] = []
    ids = list(statements["id"])
    for position in range(len(statements)):
        for side in sides:
            if all(frozenset((ids[position], ids[other])) not in disagreeing for other in side):
                side.append(position)
                break
        else:
            sides.append([position])
    return sides


def _side_text(statements: pd.DataFrame, side: list[int], internal: bool) -> tuple[str, str]:
    """('tokyo (record R12, rips)', 'the record (R12) and rips say tokyo') for one side."""
    chosen = statements.iloc[side]
    by_value: dict[str, list[str]] = {}
    for row in chosen.itertuples(index=False):
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


def _statements(pairs: pd.DataFrame, record_source: str) -> pd.DataFrame:
    """The distinct statements in a set of pairs: id, source, attribute, value, is_record."""
    own = pairs[["claim_id", "source_id", "attribute", "value"]].set_axis(
        ["id", "source", "attribute", "value"], axis=1
    )
    other = pairs[["other_id", "other_source", "other_attribute", "other_value"]].set_axis(
        ["id", "source", "attribute", "value"], axis=1
    )
    statements = pd.concat([own, other]).drop_duplicates("id")
    statements["is_record"] = statements["source"] == record_source
    return statements.sort_values(["is_record", "source", "id"], ascending=[False, True, True])


def _conflict(
    key: tuple[str, str, str],
    pairs: pd.DataFrame,
    record_source: str,
    scope: str,
) -> dict[str, str]:
    event_id, attribute, subject = key
    internal = scope == "internal"
    statements = _statements(pairs, record_source)
    disagreeing = {
        frozenset(ids)
        for ids in zip(
            pairs.loc[pairs["verdict"] == DISAGREES, "claim_id"],
            pairs.loc[pairs["verdict"] == DISAGREES, "other_id"],
            strict=True,
        )
    }
    sides = _sides(statements.reset_index(drop=True), disagreeing)
    statements = statements.reset_index(drop=True)
    record_side = [side for side in sides if statements.loc[side[0], "is_record"]]
    other_sides = [side for side in sides if not statements.loc[side[0], "is_record"]]
    texts = [_side_text(statements, side, internal) for side in other_sides + record_side]
    records = statements[statements["is_record"]]
    claims = statements[~statements["is_record"]]
    record_supports = " / ".join(
        dict.fromkeys(
            _shown(a, v, internal)
            for a, v in zip(records["attribute"], records["value"], strict=True)
        )
    )
    about = f"{attribute} of {event_id}" + (f" ({subject})" if subject else "")
    detail = f"{about}: " + "; ".join(said for _, said in texts)
    sources = sorted(set(claims["source"]))
    if internal:
        detail = f"{sources[0]} disagrees with itself on {about}: " + "; ".join(
            said for _, said in texts
        )
    detail += _list_differences(claims, records)
    if (
        scope == "between_sources"
        and len(set(pairs["other_origin"]) | set(pairs["origin_group"])) == 1
    ):
        detail += f" (copies within one origin group, {pairs['origin_group'].iloc[0]}, differ)"
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
        "source_ids": "; ".join(sources + ([record_source] if len(records) else [])),
        "claim_ids": "; ".join(sorted(claims["id"])),
        "record_ids": "; ".join(sorted(records["id"])),
        "record_supports": record_supports,
        "detail": detail,
    }


def _list_differences(claims: pd.DataFrame, records: pd.DataFrame) -> str:
    """'; per the record R07, cips lacks energy_security' for each list that differs from the
    record's list of the same kind."""
    parts = []
    for record in records.itertuples(index=False):
        if record.attribute not in SET_ATTRIBUTES:
            continue
        expected = set(split_list(record.value))
        for claim in claims.itertuples(index=False):
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
    """One row per disagreement (CONFLICT_COLUMNS), from the comparisons of `assess`."""
    rows = []
    internal = pairs["other_source"] == pairs["source_id"]
    by_record = pairs["other_source"] == record_source
    disagrees = pairs["verdict"] == DISAGREES
    between = pairs[~internal].assign(family=pairs["attribute"].map(_family))
    for (event_id, _, subject), group in between.groupby(
        ["event_id", "family", "subject"], sort=True
    ):
        if not disagrees[group.index].any():
            continue
        scope = (
            "against_record" if (disagrees & by_record)[group.index].any() else "between_sources"
        )
        attribute = "; ".join(sorted(set(group["attribute"])))
        rows.append(_conflict((event_id, attribute, subject), group, record_source, scope))
    for (event_id, subject, _source), group in pairs[internal & disagrees].groupby(
        ["event_id", "subject", "source_id"], sort=True
    ):
        claim_ids = set(group["claim_id"]) | set(group["other_id"])
        related = pairs[pairs["claim_id"].isin(claim_ids) & (internal | by_record)]
        attribute = "; ".join(sorted(set(group["attribute"]) | set(group["other_attribute"])))
        rows.append(_conflict((event_id, attribute, subject), related, record_source, "internal"))
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
