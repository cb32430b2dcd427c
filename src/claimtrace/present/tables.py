"""The frames a report tables or charts: claims, grades, events and conflicts, in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.judged import Row
from claimtrace.present.findings import conflict_sentence
from claimtrace.present.html import gloss_html, quote_in_context
from claimtrace.present.limits import in_short
from claimtrace.present.reasons import Reasons
from claimtrace.present.wording import (
    ATTRIBUTE_WORDS,
    KIND_WORDS,
    PRECISION_WORDS,
    SCOPE_WORDS,
    SOURCE_KIND_WORDS,
    UNTITLED,
    Wording,
    date_words,
    reliability_words,
)
from claimtrace.vocabulary import OFFICIAL_RECORD_KIND, STATUSES

QUOTE_COLUMN = "quote in context"
"""The one column of the claim table that holds HTML (escaped seed text around a <mark>)."""


def worst_status(statuses: Iterable[str]) -> str:
    """The worst of some claim statuses, by STATUSES."""
    return min(statuses, key=STATUSES.index)


def claim_says(claim: Row, words: Wording) -> str:
    """What a claim says, in words: "place of “ISA signed” (8 July 2025): Ottawa"."""
    if not claim.attribute:
        what = "says of " + words.event(claim.event_id) if claim.event_id else "says"
        return what
    what = ATTRIBUTE_WORDS.get(claim.attribute, claim.attribute)
    if claim.subject:
        what += f" of {words.names.get(claim.subject, claim.subject)}"
    if claim.event_id:
        what += f" at {words.event(claim.event_id)}"
    value = words.value(claim.attribute, claim.value_normalised)
    if getattr(claim, "stance", "") == "denies":  # a table from before stances has none
        return f"denies that the {what} is {value}"
    return f"{what}: {value}{words.stance_note(claim)}"


def claims_table(
    claims: pd.DataFrame, seeds: Mapping[str, str], words: Wording, reasons: Reasons
) -> pd.DataFrame:
    """The claims as the explorer shows them, each quote in its context from the seed (HTML in
    the `quote in context` column; everything else plain text, in words)."""
    rows = list(claims.itertuples(index=False))
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "source": [words.source(c.source_id) for c in rows],
            "what it says": [f"{claim_says(c, words)} ({KIND_WORDS[c.kind]})" for c in rows],
            "verdict, grade and why": [f"{reasons.verdict(c)}: {reasons.claim(c)}" for c in rows],
            QUOTE_COLUMN: [
                quote_in_context(seeds[c.source_id], int(c.start), int(c.end))
                + (f"<br>{gloss_html(c.gloss)}" if c.gloss else "")
                for c in rows
            ],
        }
    )


def source_status_summary(sources: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Per graded source with claims in `claims` (the record, the yardstick, left out): its
    reliability (over all its claims), how many of `claims` have each status, and its total of
    claims over all, best grade first, ties by fewer contradicted."""
    seeds = sources[sources["kind"] != OFFICIAL_RECORD_KIND]
    counts = (
        pd.crosstab(claims["source_id"], claims["status"])
        .reindex(columns=list(STATUSES), fill_value=0)
        .reindex(seeds["source_id"], fill_value=0)
    )
    summary = pd.DataFrame(
        {
            "source_id": seeds["source_id"].to_numpy(),
            "reliability": seeds["reliability"].to_numpy(),
            **{status: counts[status].astype(int).to_numpy() for status in STATUSES},
            "shown": counts.sum(axis=1).astype(int).to_numpy(),
            "total": seeds["n_claims"].astype(int).to_numpy(),
        }
    )
    summary = summary[summary["shown"] > 0]
    return summary.sort_values(
        ["reliability", "contradicted", "source_id"], kind="stable"
    ).reset_index(drop=True)


def grades_table(sources: pd.DataFrame, words: Wording, reasons: Reasons) -> pd.DataFrame:
    """Each source's reliability grade in words and why, best grade first."""
    ordered = sources.sort_values(["reliability", "source_id"], kind="stable")
    rows = list(ordered.itertuples(index=False))
    return pd.DataFrame(
        {
            "source": [words.source_introduced(s.source_id) for s in rows],
            "title": ordered["title"].replace("", UNTITLED),
            "kind": [SOURCE_KIND_WORDS.get(s.kind, s.kind) for s in rows],
            "grade (over all its claims)": [reliability_words(s.reliability) for s in rows],
            "why": [reasons.source(s) for s in rows],
            "shares statements with": [
                in_short(words.sharing_with(s.source_id, s.shared_origins), ", ")
                or "no other source (an independent witness)"
                for s in rows
            ],
        }
    )


def timeline_table(timeline: pd.DataFrame, words: Wording) -> pd.DataFrame:
    """The events as a table: date as known, who attests it, what is disputed, in words."""
    rows = list(timeline.itertuples(index=False))
    return pd.DataFrame(
        {
            "date": [
                f"{date_words(e.date, e.date_precision)}"
                + (f" ({PRECISION_WORDS[e.date_precision]})" if e.date else "")
                for e in rows
            ],
            "event": timeline["title"],
            "milestone of": [words.names.get(e.agreement, e.agreement) for e in rows],
            "attested by": [
                in_short([words.source(s) for s in split_list(e.attesting_sources)], ", ")
                for e in rows
            ],
            "independent lines": timeline["n_origins"],
            "disputed": [
                ", ".join(ATTRIBUTE_WORDS.get(a, a) for a in split_list(e.disputed_attributes))
                for e in rows
            ],
        }
    )


def conflicts_table(
    conflicts: pd.DataFrame,
    claims: pd.DataFrame,
    words: Wording,
) -> pd.DataFrame:
    """The conflicts as a table: who disagrees, the finding in words, the claims."""
    by_id = claims.set_index("claim_id", drop=False)
    findings = [
        conflict_sentence(
            conflict,
            by_id.loc[[c for c in split_list(conflict.claim_ids) if c in by_id.index]],
            words,
        )
        for conflict in conflicts.itertuples(index=False)
    ]
    return pd.DataFrame(
        {
            "disagreement": conflicts["scope"].map(SCOPE_WORDS),
            "finding": findings,
            "claims": [
                ", ".join(c for c in split_list(ids) if c in by_id.index)
                for ids in conflicts["claim_ids"]
            ],
        }
    )
