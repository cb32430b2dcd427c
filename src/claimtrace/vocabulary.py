"""The closed sets of the data contract and of the judgements, each defined once.

data/README.md documents the curated vocabularies; the schemas check them, the judging stage
reasons with them and the report words them. Nothing else defines them again.
"""

from __future__ import annotations

# The curated tables -------------------------------------------------------------------------

OFFICIAL_RECORD_KIND = "official_record"
"""The `sources.kind` of the official record: the yardstick, its own origin, graded A."""

SOURCE_KINDS = (
    "wire",
    "news_article",
    "aggregator",
    "think_tank_column",
    "academic_blog",
    "unattributed_article",
    "press_release",
    OFFICIAL_RECORD_KIND,
)
EVENT_TYPES = (
    "agreement_signed",
    "agreement_in_force",
    "talks_announced",
    "plan_adopted",
    "strategy_published",
    "visit",
    "exercise",
    "military_incident",
    "appointment",
    "dialogue",
    "statement",
    "operation",
    "other",
)
CLAIM_KINDS = ("reported_fact", "attributed_quote", "analysis", "forecast")
ASSERTS = "asserts"
STANCES = (ASSERTS, "reports", "denies", "retracts")
"""Who stands behind a claim's value (`claims.stance`; empty means `asserts`): the source itself,
someone it relays (`reports`), a denial of the value (`denies`: judged as its negation) or a
correction that withdraws it (`retracts`: kept and shown, never judged against its source)."""
ENTITY_TYPES = ("person", "organisation", "place", "country", "agreement")
ZONED_ENTITY_TYPES = ("place", "country")
"""Entity types that may carry an IANA time zone (`entities.time_zone`)."""
RECORD_EVIDENCE: dict[str, str] = {
    "primary": "A",
    "participant": "B",
    "wire": "B",
    "secondary": "C",
}
"""Record evidence, best first -> reliability: own text A, first-hand or agency B, any outlet C."""
ATTRIBUTES = (
    "date",
    "place",
    "signatories",
    "participants",
    "agreement_name",
    "role",
    "count",
    "amount",
    "duration",
    "items",
    "includes",
    "description",
)
DATE_PRECISIONS = ("day", "month", "year", "unknown")
"""What a `*_precision` column may say."""
PRECISION_ORDER = ("year", "month", "day")
"""Known precisions, coarsest first."""

# Attribute kinds ----------------------------------------------------------------------------

ENTITY_ATTRIBUTES: frozenset[str] = frozenset(
    {"place", "signatories", "participants", "agreement_name"}
)
"""Attributes whose values name entities (resolved through the alias table)."""
SINGLE_ENTITY_ATTRIBUTES: frozenset[str] = frozenset({"place", "agreement_name"})
"""Entity attributes that name exactly one entity."""
LIST_ATTRIBUTES: frozenset[str] = frozenset({"signatories", "participants", "items", "includes"})
"""Attributes whose values are `;`-separated lists, compared as sets."""
RANGED_ATTRIBUTES: frozenset[str] = frozenset({"count", "amount", "duration"})
"""Attributes whose values are numbers that may be given as ranges (`~35`, `<P3Y`, `>P5Y`)."""
UNCOMPARED_ATTRIBUTES: frozenset[str] = frozenset({"description"})
"""Attributes that are never compared; such a claim is corroborated only through its event."""
CORE_ATTRIBUTES: frozenset[str] = frozenset(
    {"date", "place", "signatories", "participants", "agreement_name", "role"}
)
"""The who/what/when/where of an event: a contradiction here is a contradiction on core facts."""
CHECKABLE_KINDS: frozenset[str] = frozenset({"reported_fact", "attributed_quote"})
"""Kinds of claim that assert a fact; analysis and forecast are judgements, not facts."""

# Judgements ---------------------------------------------------------------------------------

STATUSES = ("contradicted", "unconfirmed", "confirmed", "not_judged")
"""Claim statuses, worst first: a cell that mixes statuses shows the first one present."""

SCOPES = ("against_record", "between_sources", "internal")
"""Who disagrees in a conflict, in the order a report lists them."""

CREDIBILITY_MEANINGS: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
"""Information credibility (Admiralty Code, STANAG 2511) grade -> meaning."""

RELIABILITY_MEANINGS: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
"""Source reliability (Admiralty Code, STANAG 2511) grade -> meaning."""
