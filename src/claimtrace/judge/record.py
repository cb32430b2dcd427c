"""The official record as statements a claim can be compared with."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from claimtrace.corpus.entities import normalise_value, resolve_name
from claimtrace.errors import DataError, Problem
from claimtrace.vocabulary import OFFICIAL_RECORD_KIND, RECORD_EVIDENCE


def record_source_id(sources: pd.DataFrame) -> str:
    """The source_id of the official record; DataError unless exactly one source is one."""
    ids = list(sources.loc[sources["kind"] == OFFICIAL_RECORD_KIND, "source_id"])
    if len(ids) != 1:
        rule = f"needs exactly one source of kind '{OFFICIAL_RECORD_KIND}', found {len(ids)}"
        raise DataError([Problem("sources.csv", rule, column="kind", value=", ".join(ids))])
    return ids[0]


def record_statements(
    reference: pd.DataFrame, events: pd.DataFrame, names: Mapping[str, str]
) -> pd.DataFrame:
    """The record as statements (statement_id, event_id, attribute, value_normalised, evidence,
    reliability).

    Each row states its attribute and value, and its `date` and `place` as the event's date and
    place. The rows of an event that concerns an agreement (`events.agreement`) also name that
    agreement: R08 records the launch of talks on *a security of information agreement*, so a
    source naming that agreement otherwise uses a wrong name. Repeated statements are kept once,
    naming every record row that makes them (`R12+R13`), with the best evidence among those
    rows and the reliability it earns (RECORD_EVIDENCE).
    """
    agreement_of = dict(zip(events["event_id"], events["agreement"], strict=True))
    evidence_of = dict(zip(reference["record_id"], reference["evidence"], strict=True))
    best_first = list(RECORD_EVIDENCE)
    rows: dict[tuple[str, str, str], list[str]] = {}
    for record in reference.itertuples(index=False):
        stated = [
            (record.attribute, normalise_value(record.attribute, record.value, names)),
            ("date", record.date),
            ("place", resolve_name(record.place, names) or record.place),
            ("agreement_name", agreement_of[record.event_id]),
        ]
        for attribute, value in stated:
            if attribute and value:
                rows.setdefault((record.event_id, attribute, value), []).append(record.record_id)
    statements = []
    for (event_id, attribute, value), ids in rows.items():
        evidence = min((evidence_of[i] for i in ids), key=best_first.index)
        statements.append(
            {
                "statement_id": "+".join(dict.fromkeys(ids)),
                "event_id": event_id,
                "attribute": attribute,
                "value_normalised": value,
                "evidence": evidence,
                "reliability": RECORD_EVIDENCE[evidence],
            }
        )
    return pd.DataFrame(
        statements,
        columns=[
            "statement_id",
            "event_id",
            "attribute",
            "value_normalised",
            "evidence",
            "reliability",
        ],
    )
