"""What a report shows of a long table, and what it leaves out: every cut is said in a note.

A listing or chart has room for so many rows; beyond that, the rows most worth a reader's time
are shown and a note says how many were left out, how the shown ones were chosen, and where the
rest are (the CSV export).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from claimtrace.corpus.entities import JOINED_WITH, split_list
from claimtrace.errors import ParameterError
from claimtrace.present.selection import in_date_order
from claimtrace.vocabulary import SCOPES

EXPORT_HINT = "the CSV export has them all: claimtrace export DIR"
"""Where a reader finds the rows a report counts but does not list."""

LISTING_ORDER = (5, 4, 3, 2, 1, 6)
"""Credibility grades, least credible first; 6 (truth cannot be judged) last, because a claim
no one can check tells a reader less than one the evidence speaks against."""


def check_max_claims(max_claims: int) -> None:
    """ParameterError unless `max_claims` is a whole number, at least 1 (a render checks it
    before any kernel starts)."""
    if isinstance(max_claims, bool) or not isinstance(max_claims, int) or max_claims < 1:
        raise ParameterError.one(
            f"{max_claims!r} must be a whole number, at least 1", "max_claims", max_claims
        )


def listed_claims(claims: pd.DataFrame, max_claims: int) -> pd.DataFrame:
    """The claims a report lists in full, at most `max_claims` of them: the least credible first
    (LISTING_ORDER), then by source and claim id. ParameterError if `max_claims` is below 1."""
    check_max_claims(max_claims)
    rank = claims["credibility"].map({grade: i for i, grade in enumerate(LISTING_ORDER)})
    return (
        claims.assign(_rank=rank)
        .sort_values(["_rank", "source_id", "claim_id"], kind="stable")
        .drop(columns="_rank")
        .head(max_claims)
    )


def listing_note(shown: int, total: int) -> str:
    """The sentence above a claim listing: how many are listed, and how they were chosen."""
    if shown >= total:
        return f"All {total:,} claims that match are listed."
    return (
        f"Showing {shown:,} of {total:,} claims that match; {EXPORT_HINT}. Listed: the least "
        "credible first (5 improbable, 4 doubtful … 1 confirmed, then 6 cannot be judged), "
        "then by source and claim id."
    )


@dataclass(frozen=True)
class Shown:
    """The rows a report shows of a longer frame, and the note saying which (HTML; empty when
    every row is shown)."""

    rows: pd.DataFrame
    note: str


SOURCES_LIMIT = 15
"""Most sources drawn or tabled one by one: a chart of more is taller than a page."""
EVENTS_LIMIT = 24
"""Most dated events the timeline draws: more would not fit one page."""
TABLE_EVENTS_LIMIT = 60
"""Most events the events table lists."""
MATRIX_EVENTS = 26
MATRIX_SOURCES = 12
"""Most events (rows) and sources (columns) of the sources-by-events chart."""


def _note(text: str) -> str:
    return f'<p class="ct-note">{html.escape(text)}</p>'


def busiest_sources(sources: pd.DataFrame, limit: int = SOURCES_LIMIT) -> Shown:
    """The `limit` graded sources with the most claims (ties by id), in their given order."""
    if len(sources) <= limit:
        return Shown(sources, "")
    kept = sources.sort_values(["n_claims", "source_id"], ascending=[False, True]).head(limit)
    note = (
        f"Showing {limit} of {len(sources):,} sources: those with the most claims; {EXPORT_HINT}."
    )
    return Shown(sources[sources["source_id"].isin(kept["source_id"])], _note(note))


def claims_per_source_or_grade(
    claims: pd.DataFrame, sources: pd.DataFrame, limit: int = SOURCES_LIMIT
) -> Shown:
    """The claims as drawn per source: by source up to `limit` sources; beyond, summed per
    reliability grade of their source ('312 sources graded C'), so every claim is still drawn
    and no bar dwarfs the others."""
    per_source = claims["source_id"].nunique()
    if per_source <= limit:
        return Shown(claims, "")
    grade_of = dict(zip(sources["source_id"], sources["reliability"], strict=True))
    grades = claims["source_id"].map(grade_of).fillna("?")
    n_sources = claims.groupby(grades)["source_id"].nunique()
    labels = {g: f"{n:,} sources graded {g}" for g, n in n_sources.items()}
    note = (
        f"{per_source:,} sources are too many to draw one by one: their claims are summed per "
        "source reliability grade, one bar per grade."
    )
    return Shown(claims.assign(source_id=grades.map(labels)), _note(note))


def _event_priority(timeline: pd.DataFrame) -> pd.DataFrame:
    """The events most worth showing first: disputed milestones, other milestones, other disputed
    events, the rest; then the most independent origins; then oldest first."""
    milestone = timeline["agreement"] != ""
    rank = (~(milestone & timeline["conflict"])).astype(int) + (~milestone).astype(int) * 2
    rank -= (~milestone & timeline["conflict"]).astype(int)
    ordered = in_date_order(timeline)
    position = {e: i for i, e in enumerate(ordered["event_id"])}
    return timeline.assign(
        _rank=rank, _origins=-timeline["n_origins"], _when=timeline["event_id"].map(position)
    ).sort_values(["_rank", "_origins", "_when"], kind="stable")


_EVENT_RULE = (
    "agreement milestones and disputed events first, then those attested by the most "
    "independent origins"
)


ATTESTING_NAMED = 5
"""Most attesting sources a chart note or table cell names; beyond, the rest are counted."""


def in_short(names: Sequence[str], separator: str, keep: int = ATTESTING_NAMED) -> str:
    if len(names) > keep:
        names = [*names[: keep - 1], f"{len(names) - keep + 1} more"]
    return separator.join(names)


def attesting_in_short(attesting: str, keep: int = ATTESTING_NAMED) -> str:
    """An `attesting_sources` list cut to `keep` names, the rest counted as one more item
    ('a; b; c; d; 31 more'), so a label stays one line however many sources attest."""
    return in_short(split_list(attesting), JOINED_WITH, keep)


def charted_events(timeline: pd.DataFrame, limit: int = EVENTS_LIMIT) -> Shown:
    """The events the timeline chart draws: every undated one (the chart counts them) and at most
    `limit` dated ones, chosen by _event_priority; attesting sources cut by attesting_in_short."""
    short = timeline.assign(attesting_sources=timeline["attesting_sources"].map(attesting_in_short))
    dated = short["date"] != ""
    if dated.sum() <= limit:
        return Shown(short, "")
    kept = set(_event_priority(short[dated]).head(limit)["event_id"])
    note = f"Drawn: {limit} of {int(dated.sum()):,} dated events, {_EVENT_RULE}; {EXPORT_HINT}."
    return Shown(short[short["event_id"].isin(kept) | ~dated], _note(note))


def listed_events(timeline: pd.DataFrame, limit: int = TABLE_EVENTS_LIMIT) -> Shown:
    """At most `limit` events, chosen by _event_priority, in date order."""
    if len(timeline) <= limit:
        return Shown(timeline, "")
    kept = set(_event_priority(timeline).head(limit)["event_id"])
    note = f"Showing {limit} of {len(timeline):,} events: {_EVENT_RULE}; {EXPORT_HINT}."
    return Shown(timeline[timeline["event_id"].isin(kept)], _note(note))


def matrix_view(
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    max_events: int = MATRIX_EVENTS,
    max_sources: int = MATRIX_SOURCES,
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The claims and events the sources-by-events chart draws, and the note saying which:
    the `max_events` events with the most claims, then the `max_sources` sources with the most
    claims on them (ties by date and id)."""
    about = claims[claims["event_id"] != ""]
    per_event = about["event_id"].value_counts()
    per_source = about["source_id"].value_counts()
    if len(per_event) <= max_events and len(per_source) <= max_sources:
        return claims, timeline, ""
    position = {e: i for i, e in enumerate(in_date_order(timeline)["event_id"])}
    events = sorted(per_event.index, key=lambda e: (-per_event[e], position.get(e, 0), e))
    events = events[:max_events]
    on_them = about[about["event_id"].isin(events)]["source_id"].value_counts()
    sources = sorted(on_them.index, key=lambda s: (-on_them[s], s))[:max_sources]
    kept = about[about["event_id"].isin(events) & about["source_id"].isin(sources)]
    note = (
        f"Drawn: the {len(events)} of {len(per_event):,} events with the most claims, and the "
        f"{len(sources)} of {len(per_source):,} sources with the most claims about them; "
        f"{EXPORT_HINT}."
    )
    return kept, timeline[timeline["event_id"].isin(events)], _note(note)


FINDINGS_LIMIT = 25
"""Most conflicts a report writes out; the rest are counted."""


def listed_conflicts(
    conflicts: pd.DataFrame, timeline: pd.DataFrame, limit: int = FINDINGS_LIMIT
) -> Shown:
    """The conflicts a report writes out, at most `limit`: against the record first, then between
    sources, then within one source; within each, oldest event first (by `timeline`)."""
    position = {e: i for i, e in enumerate(in_date_order(timeline)["event_id"])}
    ranked = conflicts.assign(
        _scope=conflicts["scope"].map(SCOPES.index),
        _when=conflicts["event_id"].map(position).fillna(len(position)),
    )
    listed = (
        ranked.sort_values(["_scope", "_when", "conflict_id"], kind="stable")
        .drop(columns=["_scope", "_when"])
        .head(limit)
    )
    if len(listed) >= len(conflicts):
        return Shown(listed, "")
    note = (
        f"Showing {len(listed):,} of {len(conflicts):,} disagreements: against the record first, "
        f"then between sources, then within one source, oldest event first; {EXPORT_HINT}."
    )
    return Shown(listed, _note(note))
