"""The events in date order, with who attests each one and whether anything about it is disputed."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pandas as pd

from claimtrace.corpus.dates import start_of
from claimtrace.corpus.entities import split_list
from claimtrace.judge.sorting import distinct_integers

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
    "anticipating_sources",
    "conflict",
    "disputed_attributes",
]


def build_timeline(
    events: pd.DataFrame,
    claims: pd.DataFrame,
    reference: pd.DataFrame,
    record_source: str,
    conflicts: pd.DataFrame,
) -> pd.DataFrame:
    """One row per event (TIMELINE_COLUMNS), dated events first in date order, undated last.

    `claims` are judged claims (judge/claims.py: origin_group, attests_event). attesting_sources
    are the sources with a claim that attests the event, the record included when it has a row
    for it; n_origins counts their origin groups (independent lines of evidence).
    anticipating_sources are the others that speak of it ahead, in a forecast or a plan, or
    before it began; they attest nothing.
    """
    # Events, sources and origins as integer codes, so that a million claims are gathered
    # without a loop in Python: an event's rows and its claims share a code; sources are numbered
    # in sorted order, so that each event's (event, source) codes, sorted, list them sorted.
    event_codes, event_ids = pd.factorize(
        np.concatenate([events["event_id"].to_numpy(object), claims["event_id"].to_numpy(object)])
    )
    of_event, of_claim = event_codes[: len(events)], event_codes[len(events) :]
    source_ids = pd.Index(sorted({*claims["source_id"].tolist(), record_source}))
    sources = source_ids.get_indexer(claims["source_id"].to_numpy(object))
    origins, origin_ids = pd.factorize(claims["origin_group"].to_numpy(object))
    attests = claims["attests_event"].to_numpy(bool)
    # Neither attesting nor analysis: a forecast, or a fact reported before the event began.
    ahead = (claims["kind"] != "analysis").to_numpy(bool) & ~attests
    in_record = np.isin(of_event, pd.Index(event_ids).get_indexer(reference["event_id"]))
    recorded = of_event[in_record]
    attesting = _pairs(
        np.concatenate([of_claim[attests], recorded]),
        np.concatenate(
            [sources[attests], np.full(len(recorded), source_ids.get_loc(record_source))]
        ),
        len(source_ids),
    )
    anticipating = _pairs(of_claim[ahead], sources[ahead], len(source_ids))
    anticipating = anticipating[~np.isin(anticipating, attesting, assume_unique=True)]
    # The record is its own origin group, none of the claims'.
    attested_origins = _pairs(of_claim[attests], origins[attests], len(origin_ids))
    n_origins = np.bincount(attested_origins // max(len(origin_ids), 1), minlength=len(event_ids))
    disputed: dict[str, set[str]] = {}
    attributes = conflicts["attribute"].tolist()
    listed_attributes = {attribute: split_list(attribute) for attribute in set(attributes)}
    for event_id, attribute in set(zip(conflicts["event_id"].tolist(), attributes, strict=True)):
        disputed.setdefault(event_id, set()).update(listed_attributes[attribute])
    ids = events["event_id"].tolist()
    curated = ["title", "event_type", "agreement", "date", "date_precision", "place"]
    listed = {
        "event_id": ids,
        **{column: events[column].tolist() for column in curated},
        "attesting_sources": _listed(attesting, source_ids, len(event_ids))[of_event].tolist(),
        "n_origins": (n_origins[of_event] + in_record).tolist(),
        "anticipating_sources": _listed(anticipating, source_ids, len(event_ids))[
            of_event
        ].tolist(),
        "conflict": [event_id in disputed for event_id in ids],
        "disputed_attributes": ["; ".join(sorted(disputed.get(e, ()))) for e in ids],
    }
    # Built from rows, as each column's type is then inferred alike whether or not there are any.
    timeline = pd.DataFrame(
        list(zip(*(listed[column] for column in TIMELINE_COLUMNS), strict=True)),
        columns=TIMELINE_COLUMNS,
    )
    dates = timeline["date"].tolist()
    start = {date: start_of(date) if date else dt.date.max for date in set(dates)}
    ordered = timeline.assign(_start=[start[date] for date in dates])
    return (
        ordered.sort_values("_start", kind="stable").drop(columns="_start").reset_index(drop=True)
    )


def _pairs(events: np.ndarray, named: np.ndarray, n_names: int) -> np.ndarray:
    """The distinct (event, name) pairs, sorted, each as one code: the event's code times the
    number of names, plus the name's."""
    return distinct_integers(events.astype(np.int64) * n_names + named)


def _listed(pairs: np.ndarray, names: pd.Index, n_events: int) -> np.ndarray:
    """Per event code, its names in `pairs` (sorted codes of `_pairs`, of one name or more)
    `; `-joined."""
    bounds = np.searchsorted(pairs // len(names), np.arange(n_events + 1))
    named = names[pairs % len(names)].tolist()
    listed = ["; ".join(named[first:end]) for first, end in itertools.pairwise(bounds.tolist())]
    return np.array(listed, dtype=object)
