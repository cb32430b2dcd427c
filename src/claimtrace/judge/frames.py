"""The frames an Assessment holds, written down once: each column, its type and its closed values.

What judge/ hands to the later stages is eight frames (judge/assess.py Assessment). Their columns
are made in several modules (claims, sources, conflicts, origins, timeline, pairs); this module
is where a reader learns them in one place, and where a new column is added. The tests validate
a real assessment against these models (tests/judge/test_frames.py); production code never
imports this module, so judging pays nothing for the checks.

Every column is required and no other is allowed (`strict`): a column added to a frame without
its line here fails the tests.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from claimtrace.judge.comparison import AGREES, DISAGREES
from claimtrace.judge.grading import CREDIBILITY_RULES, RELIABILITY_RULES
from claimtrace.vocabulary import (
    ATTRIBUTES,
    CLAIM_KINDS,
    CREDIBILITY_MEANINGS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    RELIABILITY_MEANINGS,
    SCOPES,
    SOURCE_KINDS,
    STANCES,
    STATUSES,
)


def _text(**checks: object) -> object:
    """A text column: never missing (an empty cell is '')."""
    return pa.Field(nullable=False, **checks)  # type: ignore[arg-type]  # pandera's own kwargs


class _Frame(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = False


class ClaimsFrame(_Frame):
    """One row per claim: the curated columns, where its quote is, and its judgement."""

    claim_id: Series[str] = _text(unique=True)
    source_id: Series[str] = _text()
    quote: Series[str] = _text()
    event_id: Series[str] = _text()
    subject: Series[str] = _text()
    attribute: Series[str] = _text(isin=ATTRIBUTES)
    value: Series[str] = _text()
    kind: Series[str] = _text(isin=CLAIM_KINDS)
    attributed_to: Series[str] = _text()
    note: Series[str] = _text()
    stance: Series[str] = _text(isin=("", *STANCES))  # '' where the table leaves it out
    time_zone: Series[str] = _text()
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)
    prefix: Series[str] = _text()
    suffix: Series[str] = _text()
    seed_sha256: Series[str] = _text(str_matches=r"^[0-9a-f]{64}$")
    value_normalised: Series[str] = _text()
    status: Series[str] = _text(isin=STATUSES)
    credibility: Series[int] = pa.Field(isin=list(CREDIBILITY_MEANINGS))
    credibility_rule: Series[str] = _text(isin=[rule.key for rule in CREDIBILITY_RULES])
    credibility_reason: Series[str] = _text()
    origin_group: Series[str] = _text()
    corroborating_origins: Series[str] = _text()
    contradicted_by: Series[str] = _text()
    attests_event: Series[bool]


class SourcesFrame(_Frame):
    """One row per source, the official record included: the curated columns, how its claims
    fared, its reliability, and what ties it to others."""

    source_id: Series[str] = _text(unique=True)
    seed_file: Series[str] = _text()
    title: Series[str] = _text()
    publisher: Series[str] = _text()
    author: Series[str] = _text()
    published: Series[str] = _text()
    kind: Series[str] = _text(isin=SOURCE_KINDS)
    relies_on: Series[str] = _text()
    n_claims: Series[int] = pa.Field(ge=0)
    n_confirmed: Series[int] = pa.Field(ge=0)
    n_contradicted: Series[int] = pa.Field(ge=0)
    n_unconfirmed: Series[int] = pa.Field(ge=0)
    n_not_judged: Series[int] = pa.Field(ge=0)
    reliability: Series[str] = _text(isin=list(RELIABILITY_MEANINGS))
    reliability_rule: Series[str] = _text(isin=[rule.key for rule in RELIABILITY_RULES])
    reason: Series[str] = _text()
    origin_basis: Series[str] = _text()
    shared_origins: Series[str] = _text()


class ConflictsFrame(_Frame):
    """One row per disagreement: where, of what kind, and who takes part (`;`-lists)."""

    conflict_id: Series[str] = _text(unique=True)
    event_id: Series[str] = _text()
    attribute: Series[str] = _text()  # '; '-joined when facets of several attributes meet
    subject: Series[str] = _text()
    scope: Series[str] = _text(isin=SCOPES)
    facets: Series[str] = _text()
    source_ids: Series[str] = _text()
    claim_ids: Series[str] = _text()
    record_ids: Series[str] = _text()


class ConflictStatementsFrame(_Frame):
    """Who says what on each side of each conflict: the sides as data, worded in present/."""

    conflict_id: Series[str] = _text()
    side: Series[int] = pa.Field(ge=0)
    statement_id: Series[str] = _text()
    source_id: Series[str] = _text()
    is_record: Series[bool]
    attribute: Series[str] = _text()
    value: Series[str] = _text()
    origin_group: Series[str] = _text()


class TimelineFrame(_Frame):
    """One row per event: its date as far as known, who attests or foresees it, what is
    disputed."""

    event_id: Series[str] = _text(unique=True)
    title: Series[str] = _text()
    event_type: Series[str] = _text(isin=EVENT_TYPES)
    agreement: Series[str] = _text()
    date: Series[str] = _text()
    date_precision: Series[str] = _text(isin=DATE_PRECISIONS)
    place: Series[str] = _text()
    attesting_sources: Series[str] = _text()
    n_origins: Series[int] = pa.Field(ge=0)
    anticipating_sources: Series[str] = _text()
    conflict: Series[bool]
    disputed_attributes: Series[str] = _text()


class OriginGroupsFrame(_Frame):
    """One row per origin group: its members (`;`-list), claims and what ties them."""

    origin_group: Series[str] = _text(unique=True)
    members: Series[str] = _text()
    n_claims: Series[int] = pa.Field(ge=0)
    basis: Series[str] = _text()


class ReuseFrame(_Frame):
    """Pairs of seeds that share runs of six or more words."""

    source_a: Series[str] = _text()
    source_b: Series[str] = _text()
    shared_runs: Series[int] = pa.Field(ge=0)
    longest_run_words: Series[int] = pa.Field(ge=0)
    derivative: Series[bool]
    example: Series[str] = _text()


class ComparisonsFrame(_Frame):
    """Every pair of statements compared, with the verdict: the evidence behind every status."""

    claim_id: Series[str] = _text()
    source_id: Series[str] = _text()
    origin_group: Series[str] = _text()
    event_id: Series[str] = _text()
    subject: Series[str] = _text()
    attribute: Series[str] = _text(isin=ATTRIBUTES)
    value: Series[str] = _text()
    other_id: Series[str] = _text()
    other_source: Series[str] = _text()
    other_origin: Series[str] = _text()
    other_attribute: Series[str] = _text(isin=ATTRIBUTES)
    other_value: Series[str] = _text()
    verdict: Series[str] = _text(isin=(AGREES, DISAGREES))


ASSESSMENT_FRAMES: dict[str, type[_Frame]] = {
    "claims": ClaimsFrame,
    "sources": SourcesFrame,
    "conflicts": ConflictsFrame,
    "conflict_statements": ConflictStatementsFrame,
    "timeline": TimelineFrame,
    "origin_groups": OriginGroupsFrame,
    "reuse": ReuseFrame,
    "comparisons": ComparisonsFrame,
}
"""Each field of an Assessment, and the model its frame satisfies."""
