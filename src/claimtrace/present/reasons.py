"""Why each grade was given, in the reader's words, worded from the judgements as data.

The judge writes its own reason strings for the CSV export; a report words its reasons here
from the structured columns instead (status, credibility, the comparisons behind a status, the
origin groups, the source's counts), so no key, id or address reaches a reader and no module
parses another's sentences.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.assess import Assessment
from claimtrace.judge.comparison import AGREES, DISAGREES
from claimtrace.present.wording import (
    ATTRIBUTE_WORDS,
    KIND_WORDS,
    Wording,
    counted,
    joined,
    outlet,
    some,
)
from claimtrace.vocabulary import CHECKABLE_KINDS, CORE_ATTRIBUTES, OFFICIAL_RECORD_KIND


class Reasons:
    """Reasons for the grades of one assessment, in words (`Reasons.of(assessment, words)`)."""

    @classmethod
    def of(cls, assessment: Assessment, words: Wording) -> Reasons:
        a = assessment
        return cls(a.comparisons, a.claims, a.timeline, words)

    def __init__(
        self,
        comparisons: pd.DataFrame,
        claims: pd.DataFrame,
        timeline: pd.DataFrame,
        words: Wording,
    ) -> None:
        self.words = words
        record = words.sources.loc[words.sources["kind"] == OFFICIAL_RECORD_KIND, "source_id"]
        self.record_sources = set(record)
        attesting = claims[claims["attests_event"]]
        self.attesting_origins: Mapping[str, set[str]] = {
            event_id: set(group["origin_group"])
            for event_id, group in attesting.groupby("event_id")
        }
        self.pairs = {claim_id: group for claim_id, group in comparisons.groupby("claim_id")}
        self.attesting = dict(
            zip(timeline["event_id"], timeline["attesting_sources"].map(split_list), strict=True)
        )
        self.by_id = claims.set_index("claim_id", drop=False)
        contradicted = claims[claims["status"] == "contradicted"]
        self.contradicted_on = {
            key: list(group["attribute"])
            for key, group in contradicted.groupby(["source_id", "event_id"])
        }

    def claims_of(self, conflict: object) -> pd.DataFrame:
        """A conflict's own claims."""
        return self.by_id.loc[[c for c in split_list(conflict.claim_ids) if c in self.by_id.index]]

    def _said_by(self, pairs: pd.DataFrame) -> list[str]:
        """Who the pairs' other sides are, each with what it says: 'the official record
        (Jiji Press, 8 July 2025 [R12]): Tokyo'."""
        said = []
        for pair in pairs.itertuples(index=False):
            if pair.other_source in self.record_sources:
                if pair.attribute == "role":
                    said.append(f"the dated roles on file ({self.words.basis(pair.other_id)})")
                    continue
                who = f"the official record ({self.words.record_cited(pair.other_id)})"
            else:
                who = self.words.source(pair.other_source)
            said.append(f"{who}: {self.words.value(pair.other_attribute, pair.other_value)}")
        return list(dict.fromkeys(said))

    def claim(self, claim: object) -> str:
        """Why a claim has its status and credibility, in words."""
        if claim.kind not in CHECKABLE_KINDS:
            return f"{KIND_WORDS[claim.kind]}: a judgement, not a checkable fact"
        if not claim.event_id:
            return "about no event: nothing to check it against"
        pairs = self.pairs.get(claim.claim_id)
        prefix = "a description, not compared; " if claim.attribute == "description" else ""
        if claim.status in ("contradicted", "confirmed") and pairs is not None:
            verdict = DISAGREES if claim.status == "contradicted" else AGREES
            by = self._said_by(pairs[pairs["verdict"] == verdict])
            return f"{claim.status} by {'; '.join(by)}"
        if claim.attribute != "description" and not claim.value_normalised:
            return "the text gives no value that can be compared"
        doubts = self._doubts(claim, pairs)
        if doubts:
            return prefix + "; ".join(doubts)
        others = self._other_origins_attesting(claim)
        if others:
            return f"{prefix}not confirmed itself; its event is attested by {joined(others)}"
        return (
            f"{prefix}nothing to judge it by: no other source and not the record reports its event"
        )

    def _doubts(self, claim: object, pairs: pd.DataFrame | None) -> list[str]:
        doubts = []
        if pairs is not None:
            disagree = pairs[pairs["verdict"] == DISAGREES]
            own = disagree[disagree["other_source"] == claim.source_id]
            copies = disagree[
                (disagree["other_origin"] == claim.origin_group)
                & (disagree["other_source"] != claim.source_id)
            ]
            others = disagree[disagree["other_origin"] != claim.origin_group]
            if not others.empty:
                doubts.append(f"disputed by {'; '.join(self._said_by(others))}")
            if not copies.empty:
                copied = joined([self.words.source(s) for s in copies["other_source"]])
                doubts.append(f"a copy of the same story ({copied}) says otherwise")
            if not own.empty:
                doubts.append(f"the source contradicts itself ({', '.join(own['other_id'])})")
        return doubts

    def _other_origins_attesting(self, claim: object) -> list[str]:
        """Who else reports that the claim's event happened: the record first, then the origin
        groups of other statements that attest it (forecasts and plans do not)."""
        record = [
            "the official record"
            for s in self.attesting.get(claim.event_id, [])
            if s in self.record_sources
        ][:1]
        groups = self.attesting_origins.get(claim.event_id, set()) - {claim.origin_group}
        return record + [self.words.origin(g) for g in sorted(groups)]

    def source(self, source: object) -> str:
        """Why a source has its reliability: how its checkable claims fared (over all its
        claims, whatever a report selects) and its provenance."""
        if source.kind == OFFICIAL_RECORD_KIND:
            return "the official record: primary public sources, each row cited"
        checkable = source.n_confirmed + source.n_contradicted + source.n_unconfirmed
        parts = [
            f"of its {counted(checkable, 'checkable claim')}, {some(source.n_confirmed)} "
            f"confirmed, {some(source.n_contradicted)} contradicted, "
            f"{some(source.n_unconfirmed)} unconfirmed"
        ]
        missing = [
            what
            for what, present in (
                ("no known publisher", bool(outlet(source.publisher))),
                ("no byline", bool(outlet(source.author))),
                ("no date", bool(source.published)),
            )
            if not present
        ]
        parts.append(", ".join(missing) if missing else "known publisher, byline and date")
        core = self.core_contradicted.get(source.source_id, [])
        if core:
            parts.append("contradicted on " + joined([ATTRIBUTE_WORDS.get(a, a) for a in core]))
        return "; ".join(parts)

    @property
    def core_contradicted(self) -> Mapping[str, list[str]]:
        found: dict[str, list[str]] = {}
        for (source_id, _), attributes in self.contradicted_on.items():
            for attribute in attributes:
                if attribute in CORE_ATTRIBUTES and attribute not in found.get(source_id, []):
                    found.setdefault(source_id, []).append(attribute)
        return {s: sorted(a) for s, a in found.items()}
