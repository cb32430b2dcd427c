"""Compare claims about one event across sources and against the official record; grade them.

Claims are compared on normalised values (entity ids, sorted sets), per event, attribute and
subject, with the vocabulary's semantics (data/README.md): dates at the coarser precision, sets as
sets, an `includes` list against the other side's complete `items`, a `count` against the length
of the source's own `items` or the record's, a `role` against the dated roles on file at the
event's date.
Claims about different events are never compared: a signing and an entry into force are two
events. Descriptions are never compared. Analysis and forecasts are judgements, not facts.

The record has no `subject` column: its rows speak of the event itself and meet every claim on
that event and attribute. Besides its own attribute and value, each record row also states the
event's date, place and agreement, and those are compared too (see `record_statements`).

`assess(corpus)` is the entry point; everything below it is a pure function over frames.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

import pandas as pd

from claimtrace.corpus.entities import alias_index
from claimtrace.corpus.load import Corpus
from claimtrace.judge.claims import attests_event, judge_claims
from claimtrace.judge.conflicts import find_conflicts
from claimtrace.judge.origins import origin_groups, reused_spans, text_reuse
from claimtrace.judge.pairs import comparisons
from claimtrace.judge.record import record_source_id, record_statements
from claimtrace.judge.sentences import sentence_of_claims
from claimtrace.judge.sources import grade_sources
from claimtrace.judge.stance import with_speakers
from claimtrace.judge.timeline import build_timeline
from claimtrace.string_storage import python_strings


@dataclass(frozen=True)
class Assessment:
    """Everything the report shows, derived from one corpus.

    claims: one row per claim with status, credibility (1-6) and reason, its origin group and
    whether it attests its event. sources: one row per source with what ties it to others,
    outcome counts, reliability (A-F) and reason. conflicts: one row per disagreement;
    conflict_statements: who says what on each side of each conflict (judge/conflicts.py).
    timeline: one row per event. origin_groups: one row per origin group (judge/origins.py:
    origin_group, members, n_claims, basis). reuse: pairs of seeds sharing runs of words.
    comparisons: every pair of statements compared, with the verdict (the evidence behind every
    status).
    """

    claims: pd.DataFrame
    sources: pd.DataFrame
    conflicts: pd.DataFrame
    conflict_statements: pd.DataFrame
    timeline: pd.DataFrame
    origin_groups: pd.DataFrame
    reuse: pd.DataFrame
    comparisons: pd.DataFrame


@python_strings()
def assess(corpus: Corpus) -> Assessment:
    """Compare, group, grade and date everything in a validated corpus.

    The cyclic garbage collector is paused meanwhile: the millions of tuples a large corpus
    makes (none in a cycle) would set it scanning them over and over, a sixth of the time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _assess(corpus)
    finally:
        if collecting:
            gc.enable()


def _assess(corpus: Corpus) -> Assessment:
    names = alias_index(corpus.entities)
    record_source = record_source_id(corpus.sources)
    reuse = text_reuse(corpus.seeds)
    claims = with_speakers(corpus.claims, corpus.sources)
    origins = origin_groups(corpus.sources, claims, reuse, reused_spans(corpus.seeds, reuse))
    record = record_statements(corpus.reference, corpus.events, names)
    pairs = comparisons(
        claims, record, record_source, origins.claims, corpus.events, corpus.entities
    )
    attesting = attests_event(claims, corpus.sources, corpus.events)
    sentences = sentence_of_claims(claims, corpus.seeds)
    claims = judge_claims(
        claims, pairs, record, record_source, origins.claims, attesting, sentences
    )
    sources = grade_sources(corpus.sources, claims, corpus.reference, origins.sources)
    conflicts, conflict_statements = find_conflicts(pairs, record_source)
    timeline = build_timeline(corpus.events, claims, corpus.reference, record_source, conflicts)
    return Assessment(
        claims, sources, conflicts, conflict_statements, timeline, origins.groups, reuse, pairs
    )
