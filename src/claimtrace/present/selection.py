"""The report's query: which claims, sources, conflicts and events its parameters select.

A report is the whole assessment narrowed by its parameters (sources, a window on event dates,
a least credibility). The parameters are checked against the corpus first, every problem at
once. A filter narrows the view; it never re-grades.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from claimtrace.corpus.dates import start_of
from claimtrace.corpus.entities import JOINED_WITH, split_list
from claimtrace.errors import ParameterError, ParameterProblem
from claimtrace.judge.assess import Assessment
from claimtrace.judge.judged import Judged
from claimtrace.vocabulary import CREDIBILITY_MEANINGS

REPORT_FILTERS = ("sources", "date_from", "date_to", "min_credibility")
"""The parameters every report notebook declares to select what it shows."""
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_report_parameters(
    known_sources: Iterable[str],
    *,
    sources: Iterable[str],
    date_from: str,
    date_to: str,
    min_credibility: int,
) -> None:
    """Check a report's filters against the corpus; ParameterError lists every problem at once."""
    known = sorted(set(known_sources))
    problems = [
        ParameterProblem(f"unknown source id {source!r}; valid: {', '.join(known)}", "sources")
        for source in sources
        if source not in known
    ]
    days: dict[str, dt.date] = {}
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        try:
            days[name] = _iso_day(value)
        except ValueError:
            problems.append(ParameterProblem(f"{value!r} is not an ISO date (YYYY-MM-DD)", name))
    if len(days) == 2 and days["date_from"] > days["date_to"]:
        problems.append(ParameterProblem(f"date_from {date_from} is after date_to {date_to}"))
    if isinstance(min_credibility, bool) or min_credibility not in CREDIBILITY_MEANINGS:
        problems.append(
            ParameterProblem(
                f"{min_credibility!r} is not a credibility grade (1 confirmed … 6 cannot be "
                "judged)",
                "min_credibility",
            )
        )
    if problems:
        raise ParameterError(problems, heading="report parameters")


def _iso_day(value: object) -> dt.date:
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise ValueError(value)
    return dt.date.fromisoformat(value)


def date_span(date: str, precision: str) -> tuple[dt.date, dt.date] | None:
    """The days a partial date can mean, as [start, end): a year spans the year, a month the
    month, a day one day; None when the date is unknown."""
    if not date or precision == "unknown":
        return None
    start = start_of(date)
    if precision == "year":
        return start, dt.date(start.year + 1, 1, 1)
    if precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following
    return start, start + dt.timedelta(days=1)


def in_date_order(timeline: pd.DataFrame) -> pd.DataFrame:
    """The events oldest first, undated last, with the `span` each date can mean."""
    spans = [
        date_span(d, p) for d, p in zip(timeline["date"], timeline["date_precision"], strict=True)
    ]
    return (
        timeline.assign(span=spans, span_start=[s[0] if s else dt.date.max for s in spans])
        .sort_values(["span_start", "event_id"], kind="stable")
        .drop(columns="span_start")
    )


def select_timeline(
    timeline: pd.DataFrame, *, sources: Sequence[str], date_from: str, date_to: str
) -> pd.DataFrame:
    """Events dated within the window (a partial date when part of it is inside: a year-precision
    2019 is in a window that starts 2019-06-01); with `sources` given, only events one of them
    attests, and only those sources listed as attesting. Undated events are kept: they are not
    outside any window, and hiding them would hide what no one can date."""
    first, last = dt.date.fromisoformat(date_from), dt.date.fromisoformat(date_to)
    spans = map(date_span, timeline["date"].tolist(), timeline["date_precision"].tolist())
    kept = timeline[[span is None or (span[0] <= last and span[1] > first) for span in spans]]
    if not sources:
        return kept
    attesting = [
        JOINED_WITH.join(s for s in split_list(a) if s in sources)
        for a in kept["attesting_sources"]
    ]
    return kept.assign(attesting_sources=attesting)[[bool(a) for a in attesting]]


def select_claims(
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    *,
    sources: Sequence[str],
    date_from: str,
    date_to: str,
    min_credibility: int,
    kinds: Sequence[str] = (),
    events: Sequence[str] = (),
) -> pd.DataFrame:
    """Claims by the given sources (all when empty), graded `min_credibility` or better, of the
    given kinds and events (all when empty), about an event within the date window. A claim
    about no event, or about an undated event, has no date to fall outside the window: kept."""
    windowed = select_timeline(timeline, sources=(), date_from=date_from, date_to=date_to)
    kept = claims["credibility"] <= min_credibility
    if len(windowed) < len(timeline):  # else every event is inside: no claim falls out
        kept &= claims["event_id"].isin(windowed["event_id"]) | ~claims["event_id"].isin(
            timeline["event_id"]
        )
    if sources:
        kept &= claims["source_id"].isin(sources)
    if kinds:
        kept &= claims["kind"].isin(kinds)
    if events:
        kept &= claims["event_id"].isin(events)
    return claims[kept]


@dataclass(frozen=True)
class Selection(Judged):
    """The assessment narrowed to a report's parameters; every notebook shows one of these."""


def select(
    assessment: Assessment,
    *,
    sources: Sequence[str],
    date_from: str,
    date_to: str,
    min_credibility: int,
) -> Selection:
    """What a report shows: the claims, sources, conflicts and events its parameters select.

    A conflict is kept when its event is in the window and, with `sources` given, one of them
    takes part in it. Grades stay those of the whole corpus: a filter narrows the view, it does
    not re-grade."""
    timeline = select_timeline(
        assessment.timeline, sources=sources, date_from=date_from, date_to=date_to
    )
    claims = select_claims(
        assessment.claims,
        assessment.timeline,
        sources=sources,
        date_from=date_from,
        date_to=date_to,
        min_credibility=min_credibility,
    )
    conflicts = assessment.conflicts[assessment.conflicts["event_id"].isin(timeline["event_id"])]
    graded = assessment.sources
    if sources:
        involved = [bool(set(split_list(ids)) & set(sources)) for ids in conflicts["source_ids"]]
        conflicts = conflicts[involved]
        graded = graded[graded["source_id"].isin(sources)]
        # An event is disputed here only by the disagreements the selection keeps.
        disputed = {
            event_id: JOINED_WITH.join(
                sorted({a for attributes in found for a in split_list(attributes)})
            )
            for event_id, found in conflicts.groupby("event_id")["attribute"]
        }
        timeline = timeline.assign(
            conflict=timeline["event_id"].isin(disputed),
            disputed_attributes=timeline["event_id"].map(disputed).fillna(""),
        )
    return Selection(claims, graded, conflicts, timeline)
