"""The frames a report tables or charts: claims, grades, events and conflicts, in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.present.findings import conflict_sentence
from claimtrace.present.html import quote_in_context
from claimtrace.present.limits import attesting_in_short, in_short
from claimtrace.present.wording import (
    ATTRIBUTE_LABELS,
    SCOPE_LABELS,
    UNTITLED,
    Wording,
    entity_names,
    without_addresses,
)
from claimtrace.vocabulary import (
    CREDIBILITY_MEANINGS,
    OFFICIAL_RECORD_KIND,
    RELIABILITY_MEANINGS,
    STATUSES,
)

QUOTE_COLUMN = "quote in context"
"""The one column of the claim table that holds HTML (escaped seed text around a <mark>)."""


def worst_status(statuses: Iterable[str]) -> str:
    """The worst of some claim statuses, by STATUSES."""
    return min(statuses, key=STATUSES.index)


def claims_table(
    claims: pd.DataFrame, timeline: pd.DataFrame, seeds: Mapping[str, str]
) -> pd.DataFrame:
    """The claims as the explorer shows them, each quote in its context from the seed (HTML in
    the `quote in context` column; everything else plain text)."""
    titles = dict(zip(timeline["event_id"], timeline["title"], strict=True))
    context = [
        quote_in_context(seeds[source], int(start), int(end))
        for source, start, end in zip(
            claims["source_id"], claims["start"], claims["end"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "source": claims["source_id"],
            "event": [titles.get(e, e) for e in claims["event_id"]],
            "attribute": claims["attribute"].str.replace("_", " "),
            "value": claims["value"],
            "kind": claims["kind"].str.replace("_", " "),
            "status": claims["status"].str.replace("_", " "),
            "credibility": [
                f"{grade} {CREDIBILITY_MEANINGS[grade]}" for grade in claims["credibility"]
            ],
            "why": claims["credibility_reason"].map(without_addresses),
            QUOTE_COLUMN: context,
        }
    )


def source_status_summary(sources: pd.DataFrame) -> pd.DataFrame:
    """Per graded source with claims (the record, the yardstick, left out): its reliability and
    how many of its claims have each status, best grade first, ties by fewer contradicted."""
    seeds = sources[(sources["kind"] != OFFICIAL_RECORD_KIND) & (sources["n_claims"] > 0)]
    summary = pd.DataFrame(
        {
            "source_id": seeds["source_id"],
            "reliability": seeds["reliability"],
            **{status: seeds[f"n_{status}"].astype(int) for status in STATUSES},
            "total": seeds["n_claims"].astype(int),
        }
    )
    return summary.sort_values(
        ["reliability", "contradicted", "source_id"], kind="stable"
    ).reset_index(drop=True)


def grades_table(sources: pd.DataFrame) -> pd.DataFrame:
    """Each source's reliability grade, its meaning and the reason, best grade first."""
    ordered = sources.sort_values(["reliability", "source_id"], kind="stable")
    return pd.DataFrame(
        {
            "source": ordered["source_id"],
            "title": ordered["title"].replace("", UNTITLED),
            "kind": ordered["kind"].str.replace("_", " "),
            "grade": [f"{g} {RELIABILITY_MEANINGS[g]}" for g in ordered["reliability"]],
            "reason": ordered["reason"],
            "shares an origin in": [
                in_short(split_list(g), ", ") for g in ordered["shared_origins"]
            ],
        }
    )


def timeline_table(timeline: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """The events as a table: date as known, precision, who attests it, what is disputed."""
    names = entity_names(entities)
    return pd.DataFrame(
        {
            "date": timeline["date"].replace("", "unknown"),
            "precision": timeline["date_precision"],
            "event": timeline["title"],
            "milestone of": [names.get(a, a) for a in timeline["agreement"]],
            "attested by": [
                attesting_in_short(a).replace(";", ",") for a in timeline["attesting_sources"]
            ],
            "independent origins": timeline["n_origins"],
            "disputed": [
                ", ".join(ATTRIBUTE_LABELS.get(a, a.replace("_", " ")) for a in split_list(d))
                for d in timeline["disputed_attributes"]
            ],
        }
    )


def conflicts_table(
    conflicts: pd.DataFrame,
    claims: pd.DataFrame,
    words: Wording,
) -> pd.DataFrame:
    """The conflicts as a table: who disagrees, the finding in names and titles, the claims."""
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
            "disagreement": conflicts["scope"].map(SCOPE_LABELS),
            "finding": findings,
            "claims": conflicts["claim_ids"].str.replace(";", ","),
        }
    )
