"""The events in date order, with who attests each one and whether anything about it is disputed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from claimtrace.corpus.dates import start_of
from claimtrace.corpus.entities import split_list

TIMELINE_COLUMNS = [
    "event_id",
    "title",
    "event_type",
    "agreement",
    "date",
    "date_precision",
    "place",
    "attesting_sources",
    "n_origins",
    "conflict",
    "disputed_attributes",
]


def build_timeline(
    events: pd.DataFrame,
    claims: pd.DataFrame,
    reference: pd.DataFrame,
    record_source: str,
    origin_of: Mapping[str, str],
    conflicts: pd.DataFrame,
) -> pd.DataFrame:
    """One row per event (TIMELINE_COLUMNS), dated events first in date order, undated last.

    attesting_sources are the sources with a claim about the event, the record included when it
    has a row for it; n_origins counts their origin groups (independent lines of evidence).
    """
    attesting: dict[str, set[str]] = {}
    # As lists: iterating pandas string columns costs seconds per million claims.
    for event_id, source_id in zip(
        claims["event_id"].tolist(), claims["source_id"].tolist(), strict=True
    ):
        attesting.setdefault(event_id, set()).add(source_id)
    for event_id in reference["event_id"]:
        attesting.setdefault(event_id, set()).add(record_source)
    disputed: dict[str, set[str]] = {}
    for event_id, attribute in zip(conflicts["event_id"], conflicts["attribute"], strict=True):
        disputed.setdefault(event_id, set()).update(split_list(attribute))
    rows = []
    for event in events.itertuples(index=False):
        sources = sorted(attesting.get(event.event_id, set()))
        rows.append(
            {
                "event_id": event.event_id,
                "title": event.title,
                "event_type": event.event_type,
                "agreement": event.agreement,
                "date": event.date,
                "date_precision": event.date_precision,
                "place": event.place,
                "attesting_sources": "; ".join(sources),
                "n_origins": len({origin_of[source] for source in sources}),
                "conflict": event.event_id in disputed,
                "disputed_attributes": "; ".join(sorted(disputed.get(event.event_id, set()))),
            }
        )
    timeline = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    starts = [start_of(date) if date else dt.date.max for date in timeline["date"]]
    ordered = timeline.assign(_start=starts).sort_values("_start", kind="stable")
    return ordered.drop(columns="_start").reset_index(drop=True)
