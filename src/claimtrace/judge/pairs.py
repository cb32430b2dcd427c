"""Every comparison between a claim and another statement on the same event, with its verdict.

Claims are compared on normalised values (entity ids, sorted sets), per event, attribute and
subject, with the vocabulary's semantics (judge/comparison.py). A `role` is checked against the
dated roles on file at the event's date (judge/roles.py). Claims about different events are
never compared: a signing and an entry into force are two events.

The pairing is relational: the compared claims joined with themselves and with the record in an
in-memory DuckDB, on integer codes of their strings, so that the strings never leave pandas;
each distinct comparison of two statements is judged once, in Python, by `compare_values`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from claimtrace.duckdb_connection import connect
from claimtrace.judge.comparison import (
    COMPARABLE,
    NEGATED,
    VERDICTS,
    compare_statements,
    zoned,
)
from claimtrace.judge.roles import role_finding, role_rows, role_spans
from claimtrace.judge.stance import DENIES
from claimtrace.vocabulary import ASSERTS, CHECKABLE_KINDS, UNCOMPARED_ATTRIBUTES

PAIR_COLUMNS = [
    "claim_id",
    "source_id",
    "origin_group",
    "event_id",
    "subject",
    "attribute",
    "value",
    "stance",
    "other_id",
    "other_source",
    "other_origin",
    "other_attribute",
    "other_value",
    "other_stance",
    "verdict",
]
"""`source_id` and `other_source` name whose evidence each statement is (judge/stance.py: a
relayed claim is the relayed source's); `stance` says whether it asserts or denies its value."""
_CLAIM_SIDE = PAIR_COLUMNS[:8]
_OTHER_SIDE = PAIR_COLUMNS[8:14]
_VERDICTS = np.array(VERDICTS, dtype=object)
_VERDICT_INDEX = {verdict: index for index, verdict in enumerate(_VERDICTS)}
_RECORD, _CLAIM, _ROLE = 0, 1, 2
"""Where a claim's other side is: the record's statements, the claims, the dated roles; a claim
meets the record's statements before other claims."""

# A claim meets: record statements on its event with an attribute it reaches (COMPARABLE: no
# other gets a verdict); other claims on its event and subject with an attribute it reaches,
# its own source's included (a source can contradict itself); a `count` meets other sources'
# counts, but a list only of its own source, which is what it counts. A `role` also meets the
# dated roles: no record statement gives a verdict on it (`compare_values` returns None).
_MET = f"""
SELECT c.position, {_RECORD} AS side, r.position AS other_position,
       c.statement, r.statement AS other_statement
FROM compared c
JOIN reach ON reach.attribute = c.attribute
JOIN record r ON r.event = c.event AND r.attribute = reach.other_attribute
UNION ALL
SELECT c.position, {_CLAIM}, o.position, c.statement, o.statement
FROM compared c
JOIN reach ON reach.attribute = c.attribute
JOIN compared o ON o.event = c.event AND o.subject = c.subject
    AND o.attribute = reach.other_attribute
WHERE o.position <> c.position
    AND (o.source = c.source OR c.attribute = o.attribute OR NOT (c.is_count OR o.is_count))
"""
# The meetings are stored once, for the distinct comparisons and then for their verdicts: joining
# the claims with themselves twice took a second of a million claims' pairing.
_STORE_MET = f"CREATE TEMP TABLE met AS {_MET}"
_DISTINCT = "SELECT DISTINCT statement, other_statement FROM met"
# Rows in the order a claim meets them: the record's in record order, then claims in claim order.
_JUDGED = f"""
SELECT m.position, m.side, m.other_position, v.verdict
FROM met m JOIN verdicts v USING (statement, other_statement)
UNION ALL
SELECT position, {_ROLE}, other_position, verdict FROM roles
ORDER BY position, side, other_position
"""


def is_compared(claims: pd.DataFrame) -> pd.Series:
    """Which claims are checked against other statements: someone's evidence (judge/stance.py),
    facts with an event, an attribute that is compared and a normalised value."""
    return (
        (claims["speaker"] != "")
        & claims["kind"].isin(CHECKABLE_KINDS)
        & (claims["event_id"] != "")
        & (claims["attribute"] != "")
        & ~claims["attribute"].isin(UNCOMPARED_ATTRIBUTES)
        & (claims["value_normalised"] != "")
    )


def comparisons(
    claims: pd.DataFrame,
    record: pd.DataFrame,
    record_source: str,
    origin_of: Mapping[str, str],
    events: pd.DataFrame,
    entities: pd.DataFrame,
) -> pd.DataFrame:
    """Every comparison made, one row per (claim, other statement) with a verdict (PAIR_COLUMNS).

    A claim meets: record statements on its event and attribute; other compared claims on its
    event, attribute and subject (from any source, its own included: a source can contradict
    itself); and, for a `role`, the dated roles at its event's date. `origin_of` maps each
    claim id to its origin group (judge/origins.py); the record is its own, `record_source`.
    """
    columns = [
        "claim_id",
        "speaker",
        "event_id",
        "subject",
        "attribute",
        "value_normalised",
        "stance",
        "time_zone",
    ]
    # Rows are taken by position throughout: the claims' own index is never read.
    compared = (
        claims.loc[is_compared(claims), columns]
        .rename(columns={"speaker": "source_id", "value_normalised": "value"})
        .assign(origin_group=lambda c: c["claim_id"].map(origin_of))
    )
    record_said = pd.DataFrame(
        {
            "other_id": record["statement_id"],
            "other_source": record_source,
            "other_origin": record_source,
            "other_attribute": record["attribute"],
            "other_value": record["value_normalised"],
            "other_stance": ASSERTS,
        }
    )
    claims_said = compared[
        ["claim_id", "source_id", "origin_group", "attribute", "value", "stance"]
    ]
    roles = _role_pairs(compared, record_source, events, entities)
    coded = _Coded(compared, record, local_zones(events, entities))
    with connect() as connection:
        # Only the frames registered here are tables: DuckDB would otherwise read a Python
        # variable of a missing table's name.
        connection.execute("SET python_enable_replacements = false")
        connection.register("compared", coded.compared)
        connection.register("record", coded.record)
        connection.register("reach", coded.reach)
        connection.register("roles", roles[["position", "other_position", "verdict"]])
        connection.execute(_STORE_MET)
        distinct = connection.execute(_DISTINCT).fetchnumpy()
        connection.register("verdicts", coded.verdicts(distinct))
        judged = connection.execute(_JUDGED).fetchnumpy()
    # Every other side in one table, in _RECORD, _CLAIM, _ROLE order, taken by position.
    others = pd.concat([record_said, claims_said.set_axis(_OTHER_SIDE, axis=1), roles[_OTHER_SIDE]])
    starts = np.cumsum([0, len(record_said), len(claims_said)])
    pairs = pd.concat(
        [
            compared[_CLAIM_SIDE].take(judged["position"]).reset_index(drop=True),
            others.take(starts[judged["side"]] + judged["other_position"]).reset_index(drop=True),
        ],
        axis=1,
    )
    pairs["verdict"] = pd.array(_VERDICTS[judged["verdict"]], dtype="str")
    return pairs


def local_zones(events: pd.DataFrame, entities: pd.DataFrame) -> dict[str, str]:
    """event_id -> the IANA zone of its place's local time, for the events whose place has one
    (entities.csv `time_zone`)."""
    zone_of = dict(zip(entities["entity_id"], entities["time_zone"], strict=True))
    return {
        event_id: zone_of[place]
        for event_id, place in zip(events["event_id"], events["place"], strict=True)
        if zone_of.get(place)
    }


def _compared_values(
    attributes: np.ndarray,
    values: np.ndarray,
    zones: np.ndarray,
    event_ids: np.ndarray,
    event_zones: Mapping[str, str],
) -> np.ndarray:
    """Values as `compare_statements` reads them: a date with the zone of its local time (the
    one the claim gives, else its event's place's). Only dates are rewritten: a large corpus
    holds millions of values."""
    compared = values.astype(object)
    dates = np.flatnonzero(attributes == "date")
    compared[dates] = [
        zoned(value, zone or event_zones.get(event_id, ""))
        for value, zone, event_id in zip(
            values[dates].tolist(), zones[dates].tolist(), event_ids[dates].tolist(), strict=True
        )
    ]
    return compared


class _Coded:
    """The compared claims and the record's statements as integer codes, for joining: equal
    strings get equal codes; a statement's code stands for its attribute, its value (a date
    with its zone) and whether it denies the value, together."""

    def __init__(
        self, compared: pd.DataFrame, record: pd.DataFrame, event_zones: Mapping[str, str]
    ) -> None:
        attribute_names = pd.Index(
            sorted({*COMPARABLE, *compared["attribute"].unique(), *record["attribute"].unique()})
        )
        event_ids = _joined(compared["event_id"], record["event_id"])
        events = pd.factorize(event_ids)[0]
        named = _joined(compared["attribute"], record["attribute"])
        said = _joined(compared["value"], record["value_normalised"])
        zones = np.concatenate([compared["time_zone"].to_numpy(), np.full(len(record), "")])
        values, value_names = pd.factorize(
            _compared_values(named, said, zones, event_ids, event_zones)
        )
        attributes = attribute_names.get_indexer(named)
        denied = np.concatenate(
            [(compared["stance"] == DENIES).to_numpy(), np.zeros(len(record), bool)]
        )
        statements = (attributes.astype(np.int64) * len(value_names) + values) * 2 + denied
        n = len(compared)
        self.compared = pd.DataFrame(
            {
                "position": np.arange(n),
                "event": events[:n],
                "subject": pd.factorize(compared["subject"])[0],
                "source": pd.factorize(compared["source_id"])[0],
                "attribute": attributes[:n],
                "statement": statements[:n],
                "is_count": (compared["attribute"] == "count").to_numpy(),
            }
        )
        self.record = pd.DataFrame(
            {
                "position": np.arange(len(record)),
                "event": events[n:],
                "attribute": attributes[n:],
                "statement": statements[n:],
            }
        )
        self.reach = pd.DataFrame(
            [
                (attribute_names.get_loc(a), attribute_names.get_loc(other))
                for a, reached in COMPARABLE.items()
                for other in reached
            ],
            columns=["attribute", "other_attribute"],
            dtype=np.int64,
        )
        self._attributes = attribute_names.to_numpy(object)
        self._values = np.asarray(value_names, dtype=object)

    def _said(self, statements: np.ndarray) -> zip[tuple[str, str, bool]]:
        """Each statement as `compare_statements` reads it: (attribute, value, denied)."""
        said, denied = np.divmod(statements, 2)
        attributes, values = np.divmod(said, len(self._values))
        return zip(
            self._attributes[attributes].tolist(),
            self._values[values].tolist(),
            denied.astype(bool).tolist(),
            strict=True,
        )

    def verdicts(self, distinct: Mapping[str, np.ndarray]) -> pd.DataFrame:
        """The verdict of each distinct comparison of two statements (an index into _VERDICTS);
        those without one are left out."""
        statements, others = distinct["statement"], distinct["other_statement"]
        found = np.array(
            [
                _VERDICT_INDEX.get(compare_statements(said, other), -1)
                for said, other in zip(self._said(statements), self._said(others), strict=True)
            ],
            dtype=np.int64,
        )
        judged = found >= 0
        return pd.DataFrame(
            {
                "statement": statements[judged],
                "other_statement": others[judged],
                "verdict": found[judged],
            },
            dtype=np.int64,
        )


def _joined(*columns: pd.Series) -> np.ndarray:
    """The columns' values end to end."""
    return np.concatenate([column.to_numpy() for column in columns])


def _role_pairs(
    compared: pd.DataFrame, record_source: str, events: pd.DataFrame, entities: pd.DataFrame
) -> pd.DataFrame:
    """Each `role` claim against the dated roles on its event's date, where they settle it: the
    claim's position, the row's own, the other side (_OTHER_SIDE) and the verdict's index."""
    event_dates = dict(zip(events["event_id"], events["date"], strict=True))
    roles = role_rows(entities)
    spans = role_spans(roles)
    is_role = (compared["attribute"] == "role").to_numpy()
    claimed = compared[is_role]
    rows = []
    for position, subject, role, event_id, stance in zip(
        np.flatnonzero(is_role).tolist(),
        claimed["subject"].tolist(),
        claimed["value"].tolist(),
        claimed["event_id"].tolist(),
        claimed["stance"].tolist(),
        strict=True,
    ):
        found = role_finding(roles, spans, subject, role, event_dates[event_id])
        if found:
            verdict, basis, finding = found
            if stance == DENIES:  # the roles on file rule out what a denial says, or vouch for it
                verdict = NEGATED[verdict]
            said = (basis, record_source, record_source, "role", finding, ASSERTS)
            rows.append((position, *said, verdict))
    found = pd.DataFrame(rows, columns=["position", *_OTHER_SIDE, "verdict"], dtype=object)
    return found.assign(
        position=found["position"].astype(np.int64),
        other_position=np.arange(len(found)),
        verdict=found["verdict"].map(_VERDICT_INDEX).astype(np.int64),
    ).astype(dict.fromkeys(_OTHER_SIDE, "str"))
