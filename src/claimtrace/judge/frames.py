"""The frames an Assessment holds, written down once: each column, its type and its closed values.

What judge/ hands to the later stages is eight frames (judge/assess.py Assessment). Their columns
are made in several modules (claims, sources, conflicts, origins, timeline, pairs); this module
is where a reader learns them in one place, and where a new column is added. The tests validate
a real assessment against these models (tests/judge/test_frames.py); production code never
imports this module, so judging pays nothing for the checks.

Every column is required, none may hold a missing value (an empty text is ''), and no other
column is allowed (`strict`): a column added to a frame without its line here fails the tests.
"""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from claimtrace.judge.comparison import VERDICTS
from claimtrace.judge.grading import CREDIBILITY_RULES
from claimtrace.judge.reliability import RELIABILITY_RULES
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


class _Frame(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = False


class ClaimsFrame(_Frame):
    """One row per claim: the curated columns, where its quote is, and its judgement."""

    claim_id: Series[str] = pa.Field(unique=True)
    source_id: Series[str]
    quote: Series[str]
    event_id: Series[str]
    subject: Series[str]
    attribute: Series[str] = pa.Field(isin=ATTRIBUTES)
    value: Series[str]
    kind: Series[str] = pa.Field(isin=CLAIM_KINDS)
    attributed_to: Series[str]
    note: Series[str]
    gloss: Series[str]  # the curators' English for a quote in another language, or ''
    stance: Series[str] = pa.Field(isin=STANCES)  # loading spells out an empty one
    time_zone: Series[str]
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)
    prefix: Series[str]
    suffix: Series[str]
    seed_sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    value_normalised: Series[str]
    speaker: Series[str]  # whose evidence it is: its source, a source it relays, or '' (no one)
    status: Series[str] = pa.Field(isin=STATUSES)
    credibility: Series[int] = pa.Field(isin=list(CREDIBILITY_MEANINGS))
    credibility_rule: Series[str] = pa.Field(isin=[rule.key for rule in CREDIBILITY_RULES])
    credibility_reason: Series[str]
    origin_group: Series[str]
    corroborating_origins: Series[str]
    contradicted_by: Series[str]
    contradicted_in_sentence: Series[str]
    attests_event: Series[bool]


class SourcesFrame(_Frame):
    """One row per source, the official record included: the curated columns, how its claims
    fared, its reliability, and what ties it to others."""

    source_id: Series[str] = pa.Field(unique=True)
    seed_file: Series[str]
    title: Series[str]
    publisher: Series[str]
    author: Series[str]
    published: Series[str]
    kind: Series[str] = pa.Field(isin=SOURCE_KINDS)
    relies_on: Series[str]
    n_claims: Series[int] = pa.Field(ge=0)
    n_confirmed: Series[int] = pa.Field(ge=0)
    n_contradicted: Series[int] = pa.Field(ge=0)
    n_unconfirmed: Series[int] = pa.Field(ge=0)
    n_not_judged: Series[int] = pa.Field(ge=0)
    reliability: Series[str] = pa.Field(isin=list(RELIABILITY_MEANINGS))
    reliability_rule: Series[str] = pa.Field(isin=[rule.key for rule in RELIABILITY_RULES])
    reason: Series[str]
    origin_basis: Series[str]
    shared_origins: Series[str]


class ConflictsFrame(_Frame):
    """One row per disagreement: where, of what kind, and who takes part (`;`-lists)."""

    conflict_id: Series[str] = pa.Field(unique=True)
    event_id: Series[str]
    attribute: Series[str]  # '; '-joined when facets of several attributes meet
    subject: Series[str]
    scope: Series[str] = pa.Field(isin=SCOPES)
    facets: Series[str]
    source_ids: Series[str]
    claim_ids: Series[str]
    record_ids: Series[str]


class ConflictStatementsFrame(_Frame):
    """Who says what on each side of each conflict: the sides as data, worded in present/."""

    conflict_id: Series[str]
    side: Series[int] = pa.Field(ge=0)
    statement_id: Series[str]
    source_id: Series[str]
    is_record: Series[bool]
    attribute: Series[str]
    value: Series[str]
    origin_group: Series[str]
    stance: Series[str] = pa.Field(isin=STANCES)


class TimelineFrame(_Frame):
    """One row per event: its date as far as known, who attests or foresees it, what is
    disputed."""

    event_id: Series[str] = pa.Field(unique=True)
    title: Series[str]
    event_type: Series[str] = pa.Field(isin=EVENT_TYPES)
    agreement: Series[str]
    date: Series[str]
    date_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS)
    place: Series[str]
    attesting_sources: Series[str]
    n_origins: Series[int] = pa.Field(ge=0)
    anticipating_sources: Series[str]
    conflict: Series[bool]
    disputed_attributes: Series[str]


class OriginGroupsFrame(_Frame):
    """One row per origin group: its members (`;`-list), claims and what ties them."""

    origin_group: Series[str] = pa.Field(unique=True)
    members: Series[str]
    n_claims: Series[int] = pa.Field(ge=0)
    basis: Series[str]


class ReuseFrame(_Frame):
    """Pairs of seeds that share runs of six or more words."""

    source_a: Series[str]
    source_b: Series[str]
    shared_runs: Series[int] = pa.Field(ge=0)
    longest_run_words: Series[int] = pa.Field(ge=0)
    derivative: Series[bool]
    example_words: Series[str] = pa.Field(alias="example")  # `example` is a model method


class ComparisonsFrame(_Frame):
    """Every pair of statements compared, with the verdict: the evidence behind every status."""

    claim_id: Series[str]
    source_id: Series[str]
    origin_group: Series[str]
    event_id: Series[str]
    subject: Series[str]
    attribute: Series[str] = pa.Field(isin=ATTRIBUTES)
    value: Series[str]
    stance: Series[str] = pa.Field(isin=STANCES)
    other_id: Series[str]
    other_source: Series[str]
    other_origin: Series[str]
    other_attribute: Series[str] = pa.Field(isin=ATTRIBUTES)
    other_value: Series[str]
    other_stance: Series[str] = pa.Field(isin=STANCES)
    verdict: Series[str] = pa.Field(isin=VERDICTS)


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
