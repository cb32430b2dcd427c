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
from claimtrace.string_storage import PythonText
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

    claim_id: Series[PythonText] = pa.Field(unique=True)
    source_id: Series[PythonText]
    quote: Series[PythonText]
    event_id: Series[PythonText]
    subject: Series[PythonText]
    attribute: Series[PythonText] = pa.Field(isin=ATTRIBUTES)
    value: Series[PythonText]
    kind: Series[PythonText] = pa.Field(isin=CLAIM_KINDS)
    attributed_to: Series[PythonText]
    note: Series[PythonText]
    gloss: Series[PythonText]  # the curators' English for a quote in another language, or ''
    stance: Series[PythonText] = pa.Field(isin=STANCES)  # loading spells out an empty one
    time_zone: Series[PythonText]
    start: Series[int] = pa.Field(ge=0)
    end: Series[int] = pa.Field(ge=0)
    prefix: Series[PythonText]
    suffix: Series[PythonText]
    seed_sha256: Series[PythonText] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    value_normalised: Series[PythonText]
    speaker: Series[
        PythonText
    ]  # whose evidence it is: its source, a source it relays, or '' (no one)
    status: Series[PythonText] = pa.Field(isin=STATUSES)
    credibility: Series[int] = pa.Field(isin=list(CREDIBILITY_MEANINGS))
    credibility_rule: Series[PythonText] = pa.Field(isin=[rule.key for rule in CREDIBILITY_RULES])
    credibility_reason: Series[PythonText]
    origin_group: Series[PythonText]
    corroborating_origins: Series[PythonText]
    contradicted_by: Series[PythonText]
    contradicted_in_sentence: Series[PythonText]
    attests_event: Series[bool]


class SourcesFrame(_Frame):
    """One row per source, the official record included: the curated columns, how its claims
    fared, its reliability, and what ties it to others."""

    source_id: Series[PythonText] = pa.Field(unique=True)
    seed_file: Series[PythonText]
    title: Series[PythonText]
    publisher: Series[PythonText]
    author: Series[PythonText]
    published: Series[PythonText]
    kind: Series[PythonText] = pa.Field(isin=SOURCE_KINDS)
    relies_on: Series[PythonText]
    n_claims: Series[int] = pa.Field(ge=0)
    n_confirmed: Series[int] = pa.Field(ge=0)
    n_contradicted: Series[int] = pa.Field(ge=0)
    n_unconfirmed: Series[int] = pa.Field(ge=0)
    n_not_judged: Series[int] = pa.Field(ge=0)
    reliability: Series[PythonText] = pa.Field(isin=list(RELIABILITY_MEANINGS))
    reliability_rule: Series[PythonText] = pa.Field(isin=[rule.key for rule in RELIABILITY_RULES])
    reason: Series[PythonText]
    origin_basis: Series[PythonText]
    shared_origins: Series[PythonText]


class ConflictsFrame(_Frame):
    """One row per disagreement: where, of what kind, and who takes part (`;`-lists)."""

    conflict_id: Series[PythonText] = pa.Field(unique=True)
    event_id: Series[PythonText]
    attribute: Series[PythonText]  # '; '-joined when facets of several attributes meet
    subject: Series[PythonText]
    scope: Series[PythonText] = pa.Field(isin=SCOPES)
    facets: Series[PythonText]
    source_ids: Series[PythonText]
    claim_ids: Series[PythonText]
    record_ids: Series[PythonText]


class ConflictStatementsFrame(_Frame):
    """Who says what on each side of each conflict: the sides as data, worded in present/."""

    conflict_id: Series[PythonText]
    side: Series[int] = pa.Field(ge=0)
    statement_id: Series[PythonText]
    source_id: Series[PythonText]
    is_record: Series[bool]
    attribute: Series[PythonText]
    value: Series[PythonText]
    origin_group: Series[PythonText]
    stance: Series[PythonText] = pa.Field(isin=STANCES)


class TimelineFrame(_Frame):
    """One row per event: its date as far as known, who attests or foresees it, what is
    disputed."""

    event_id: Series[PythonText] = pa.Field(unique=True)
    title: Series[PythonText]
    event_type: Series[PythonText] = pa.Field(isin=EVENT_TYPES)
    agreement: Series[PythonText]
    date: Series[PythonText]
    date_precision: Series[PythonText] = pa.Field(isin=DATE_PRECISIONS)
    place: Series[PythonText]
    attesting_sources: Series[PythonText]
    n_origins: Series[int] = pa.Field(ge=0)
    anticipating_sources: Series[PythonText]
    conflict: Series[bool]
    disputed_attributes: Series[PythonText]


class OriginGroupsFrame(_Frame):
    """One row per origin group: its members (`;`-list), claims and what ties them."""

    origin_group: Series[PythonText] = pa.Field(unique=True)
    members: Series[PythonText]
    n_claims: Series[int] = pa.Field(ge=0)
    basis: Series[PythonText]


class ReuseFrame(_Frame):
    """Pairs of seeds that share runs of six or more words."""

    source_a: Series[PythonText]
    source_b: Series[PythonText]
    shared_runs: Series[int] = pa.Field(ge=0)
    longest_run_words: Series[int] = pa.Field(ge=0)
    derivative: Series[bool]
    example_words: Series[PythonText] = pa.Field(alias="example")  # `example` is a model method


class ComparisonsFrame(_Frame):
    """Every pair of statements compared, with the verdict: the evidence behind every status."""

    claim_id: Series[PythonText]
    source_id: Series[PythonText]
    origin_group: Series[PythonText]
    event_id: Series[PythonText]
    subject: Series[PythonText]
    attribute: Series[PythonText] = pa.Field(isin=ATTRIBUTES)
    value: Series[PythonText]
    stance: Series[PythonText] = pa.Field(isin=STANCES)
    other_id: Series[PythonText]
    other_source: Series[PythonText]
    other_origin: Series[PythonText]
    other_attribute: Series[PythonText] = pa.Field(isin=ATTRIBUTES)
    other_value: Series[PythonText]
    other_stance: Series[PythonText] = pa.Field(isin=STANCES)
    verdict: Series[PythonText] = pa.Field(isin=VERDICTS)


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
