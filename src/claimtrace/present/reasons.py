"""Why each grade was given, in the reader's words, worded from the judgements as data.

The judge writes its own reason strings for the CSV export; a report words its reasons here
from the structured columns instead (status, credibility, the comparisons behind a status, the
origin groups, the source's counts), so no key, id or address reaches a reader and no module
parses another's sentences.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import NamedTuple, Protocol

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.assess import Assessment
from claimtrace.judge.comparison import AGREES, CONSISTENT, DISAGREES
from claimtrace.judge.judged import Row
from claimtrace.judge.sources import record_evidence
from claimtrace.judge.stance import RETRACTS
from claimtrace.present.wording import (
    ATTRIBUTE_WORDS,
    KIND_WORDS,
    Wording,
    counted,
    credibility_words,
    date_words,
    joined,
    outlet,
    some,
)
from claimtrace.vocabulary import CORE_ATTRIBUTES, OFFICIAL_RECORD_KIND


class Pair(NamedTuple):
    """One comparison of a claim, as the wording reads it (judge/pairs.py, PAIR_COLUMNS)."""

    attribute: str
    other_id: str
    other_source: str
    other_origin: str
    other_attribute: str
    other_value: str
    verdict: str


class PairsOf(Protocol):
    """Where the reasons find a claim's comparisons: every pair of it, in the order judged."""

    def of(self, claim_id: str) -> list[Pair]: ...

    def prefetch(self, claim_ids: Iterable[str]) -> None:
        """Make the pairs of these claims ready at once (what a listing is about to word)."""


class SortedPairs:
    """The comparisons of a whole assessment, in memory (the export words every claim)."""

    def __init__(self, comparisons: pd.DataFrame) -> None:
        # Sorted once into plain lists: a claim's comparisons are one slice found by bisection,
        # filtered in Python. Filtering frames per claim took minutes to export 10^5 claims;
        # making every pair a tuple up front would cost a report that words a few hundred.
        ordered = comparisons[["claim_id", *Pair._fields]].sort_values("claim_id", kind="stable")
        self.compared_ids = ordered["claim_id"].tolist()
        self.pair_columns = [ordered[column].tolist() for column in Pair._fields]

    def of(self, claim_id: str) -> list[Pair]:
        first = bisect_left(self.compared_ids, claim_id)
        last = bisect_right(self.compared_ids, claim_id, first)
        return list(map(Pair._make, zip(*(c[first:last] for c in self.pair_columns), strict=True)))

    def prefetch(self, claim_ids: Iterable[str]) -> None:
        """Nothing to do: every pair is at hand."""


class FetchedPairs:
    """Comparisons fetched by claim when first needed (from the store: a report words a few
    hundred claims of millions of comparisons) and kept."""

    def __init__(self, fetch: Callable[[list[str]], pd.DataFrame]) -> None:
        self.fetch = fetch
        """The comparisons of the claims given, in the order judged."""
        self.found: dict[str, list[Pair]] = {}

    def of(self, claim_id: str) -> list[Pair]:
        self.prefetch([claim_id])
        return self.found[claim_id]

    def prefetch(self, claim_ids: Iterable[str]) -> None:
        wanted = [c for c in dict.fromkeys(claim_ids) if c not in self.found]
        if not wanted:
            return
        for claim_id in wanted:
            self.found[claim_id] = []
        fetched = self.fetch(wanted)
        columns = [fetched[column].tolist() for column in ("claim_id", *Pair._fields)]
        for claim_id, *pair in zip(*columns, strict=True):
            self.found[claim_id].append(Pair._make(pair))


class Reasons:
    """Reasons for the grades of one assessment, in words (`Reasons.of(assessment, words)`)."""

    @classmethod
    def of(
        cls,
        assessment: Assessment,
        words: Wording,
        shown: Collection[str] = (),
        pairs: PairsOf | None = None,
    ) -> Reasons:
        """The reasons of one assessment; with `shown` (a report's selected sources), the
        claims of other sources are not cited but said to be outside the selection. The claims'
        comparisons are `pairs`, else the assessment's own."""
        a = assessment
        found = pairs if pairs is not None else SortedPairs(a.comparisons)
        reasons = cls(found, a.claims, a.timeline, words)
        reasons.shown = frozenset(shown)
        return reasons

    def __init__(
        self,
        pairs: PairsOf,
        claims: pd.DataFrame,
        timeline: pd.DataFrame,
        words: Wording,
    ) -> None:
        self.words = words
        self.pairs = pairs
        self.shown: frozenset[str] = frozenset()
        """The sources a report selects (empty: all): others are not cited by name or id."""
        record = words.sources.loc[words.sources["kind"] == OFFICIAL_RECORD_KIND, "source_id"]
        self.record_sources = set(record)
        attesting = claims[claims["attests_event"]]
        self.attesting_origins: dict[str, set[str]] = {}
        for event_id, origin in zip(
            attesting["event_id"].tolist(), attesting["origin_group"].tolist(), strict=True
        ):
            self.attesting_origins.setdefault(event_id, set()).add(origin)
        self.attesting = dict(
            zip(timeline["event_id"], timeline["attesting_sources"].map(split_list), strict=True)
        )
        self.by_id = claims.set_index("claim_id", drop=False)
        self.position = {claim_id: at for at, claim_id in enumerate(claims["claim_id"].tolist())}
        contradicted = claims[claims["status"] == "contradicted"]
        core: dict[str, set[str]] = {}
        for source_id, attribute in zip(
            contradicted["source_id"].tolist(), contradicted["attribute"].tolist(), strict=True
        ):
            if attribute in CORE_ATTRIBUTES:
                core.setdefault(source_id, set()).add(attribute)
        self.core_contradicted = {source_id: sorted(core[source_id]) for source_id in sorted(core)}
        """Per source, the core attributes (CORE_ATTRIBUTES) on which a claim of it is
        contradicted."""

    def claims_of(self, conflict: Row) -> pd.DataFrame:
        """A conflict's own claims."""
        # Taken by position: `.loc` by label costs more, and an export asks for every conflict.
        ids = split_list(conflict.claim_ids)
        return self.by_id.take([self.position[c] for c in ids if c in self.position])

    def _said_by(self, pairs: list[Pair]) -> list[str]:
        """Who the pairs' other sides are, each with what it says: 'the official record
        (Jiji Press, 8 July 2025 [R12]): Tokyo'."""
        said = []
        for pair in pairs:
            if pair.other_source in self.record_sources:
                if pair.attribute == "role":
                    said.append(f"the dated roles on file ({self.words.basis(pair.other_id)})")
                    continue
                who = f"the official record ({self.words.record_cited(pair.other_id)})"
            elif self._outside(pair.other_source):
                who = "a source outside this selection"
            else:
                who = self.words.source(pair.other_source)
            said.append(f"{who}: {self.words.value(pair.other_attribute, pair.other_value)}")
        return list(dict.fromkeys(said))

    def verdict(self, claim: Row) -> str:
        """A claim's verdict as a fact-checker words it, its grade beside it: 'False: the
        official record gives Tokyo [R12, R13] · improbable (5)', 'True [R12; rips-06] ·
        confirmed by other sources (1)'."""
        grade = credibility_words(claim.credibility)
        if claim.stance == RETRACTS:
            return f"Withdrawn by a correction · {grade}"
        if claim.status == "confirmed":
            return f"True{self._cited(self._independent(claim, AGREES))} · {grade}"
        if claim.status == "contradicted" and claim.credibility_rule == "contradicted_by_record":
            against = self._from_the_record(self._pairs(claim, DISAGREES))
            return f"False: {self._instead(claim, against)}{self._cited(against)} · {grade}"
        if claim.status == "contradicted":
            return f"Disputed{self._cited(self._pairs(claim, DISAGREES))} · {grade}"
        if claim.credibility_rule == "shares_a_contradicted_sentence":
            tags = ", ".join(split_list(claim.contradicted_in_sentence))
            return f"Doubtful: its sentence also says what is false [{tags}] · {grade}"
        if claim.credibility_rule == "partly_supported":
            return f"Partly supported{self._cited(self._independent(claim, CONSISTENT))} · {grade}"
        if claim.credibility_rule == "reported_elsewhere":
            return f"Relayed from elsewhere, not this source's claim · {grade}"
        if claim.status == "unconfirmed":
            return f"Unproven: no one else gives it · {grade}"
        attested = claim.credibility_rule in ("event_in_record", "event_attested_elsewhere")
        return f"Not checked{' (its event is attested)' if attested else ''} · {grade}"

    def _outside(self, source_id: str) -> bool:
        return bool(self.shown) and source_id not in self.shown | self.record_sources

    def _cited(self, pairs: list[Pair]) -> str:
        """' [R12, R13, rips-06]': the record rows and claims of some comparisons; a claim of a
        source outside the report's selection is counted, not cited."""
        outside = sum(self._outside(p.other_source) for p in pairs)
        pairs = [p for p in pairs if not self._outside(p.other_source)]
        more = f"; {counted(outside, 'claim')} outside this selection" if outside else ""
        tags = [
            tag
            for pair in pairs
            for tag in (
                self.words.known_records(pair.other_id)
                if pair.other_source in self.record_sources
                else [pair.other_id]
            )
        ]
        return f" [{', '.join(dict.fromkeys(tags))}{more}]" if tags or more else ""

    def _instead(self, claim: Row, against: list[Pair]) -> str:
        """What the record gives instead: 'the official record gives Tokyo', or for a role who
        held it then."""
        if claim.attribute == "role":
            on = self.words.dates.get(claim.event_id, "")
            holders = self.words.role_holders(claim.value_normalised, on, but=claim.subject)
            held = f"; {joined(holders)} held it" if holders else ""
            return f"not {self.words.role(claim.value_normalised)} on {date_words(on)}{held}"
        values = joined(
            list(dict.fromkeys(self.words.value(p.other_attribute, p.other_value) for p in against))
        )
        return f"the official record gives {values}"

    def claim(self, claim: Row) -> str:
        """Why a claim has its status and credibility, in words: the wording of the grading
        rule that gave its credibility (judge/grading.py), filled from the comparisons."""
        return CLAIM_REASONS[claim.credibility_rule](self, claim)

    @staticmethod
    def _uncompared(claim: Row) -> str:
        """What the rules that weigh a claim's event say of a description first."""
        return "a description, not compared; " if claim.attribute == "description" else ""

    def _pairs(self, claim: Row, verdict: str) -> list[Pair]:
        return [p for p in self.pairs.of(claim.claim_id) if p.verdict == verdict]

    def _from_the_record(self, pairs: list[Pair]) -> list[Pair]:
        return [p for p in pairs if p.other_source in self.record_sources]

    def _independent(self, claim: Row, verdict: str) -> list[Pair]:
        """The claim's comparisons with this verdict against the record or another origin group:
        what backs it (AGREES) or supports it in part (CONSISTENT)."""
        pairs = self._pairs(claim, verdict)
        return self._from_the_record(pairs) + self._from_other_origins(claim, pairs)

    def _from_other_origins(self, claim: Row, pairs: list[Pair]) -> list[Pair]:
        """The pairs whose other side is another origin group than the claim's (the record
        excluded): independent sources."""
        return [
            p
            for p in pairs
            if p.other_origin != claim.origin_group and p.other_source not in self.record_sources
        ]

    def _judgement(self, claim: Row) -> str:
        return f"{KIND_WORDS[claim.kind]}: a judgement, not a checkable fact"

    def _nothing_to_check(self, claim: Row) -> str:
        if not claim.event_id:
            return "about no event: nothing to check it against"
        return "the text gives no value that can be compared"

    def _contradicted_by_record(self, claim: Row) -> str:
        disagreeing = self._from_the_record(self._pairs(claim, DISAGREES))
        return f"contradicted by {'; '.join(self._said_by(disagreeing))}"

    def _confirmed(self, claim: Row) -> str:
        return f"confirmed by {'; '.join(self._said_by(self._independent(claim, AGREES)))}"

    def _contradicted_by_other_origin(self, claim: Row) -> str:
        disagreeing = self._from_other_origins(claim, self._pairs(claim, DISAGREES))
        return f"contradicted by {'; '.join(self._said_by(disagreeing))}; the record is silent"

    def _disputed(self, claim: Row) -> str:
        """Who disputes it: other origin groups on both sides, an origin group that says both,
        copies of the same story that differ, or the source itself."""
        agreeing = self._from_other_origins(claim, self._pairs(claim, AGREES))
        disagreeing = self._pairs(claim, DISAGREES)
        others = self._from_other_origins(claim, disagreeing)
        doubts = []
        divided = {p.other_origin for p in agreeing} & {p.other_origin for p in others}
        if divided:
            groups = "; ".join(self.words.origin(g) for g in sorted(divided))
            doubts.append(f"both ways by {groups}")
        split = [p for p in others if p.other_origin not in divided]
        if split:
            supporting = [p for p in agreeing if p.other_origin not in divided]
            support = f"; for it, {'; '.join(self._said_by(supporting))}" if supporting else ""
            doubts.append(f"against it, {'; '.join(self._said_by(split))}{support}")
        copies = [
            p.other_source
            for p in disagreeing
            if p.other_origin == claim.origin_group and p.other_source != claim.speaker
        ]
        if copies:
            copied = joined([self.words.source(s) for s in dict.fromkeys(copies)])
            doubts.append(f"a copy of the same story ({copied}) says otherwise")
        own = [p.other_id for p in disagreeing if p.other_source == claim.speaker]
        if own:
            tags = ", ".join(f"[{claim_id}]" for claim_id in own)
            doubts.append(f"the source contradicts itself ({tags})")
        return self._uncompared(claim) + "disputed: " + "; ".join(doubts)

    def _retracted(self, claim: Row) -> str:
        return (
            "withdrawn by the source's own correction: kept as first published, never counted "
            "against it"
        )

    def _reported_elsewhere(self, claim: Row) -> str:
        who = self.words.item(claim.attributed_to) if claim.attributed_to else "an unnamed outlet"
        return (
            f"relayed from {who} (reported elsewhere): not this source's claim, no one's evidence"
        )

    def _shares_a_contradicted_sentence(self, claim: Row) -> str:
        tags = ", ".join(f"[{c}]" for c in split_list(claim.contradicted_in_sentence))
        return (
            f"{self._uncompared(claim)}not confirmed itself, and the same sentence says {tags}, "
            "which is contradicted: the sentence is read as a whole"
        )

    def _partly_supported(self, claim: Row) -> str:
        support = self._said_by(self._independent(claim, CONSISTENT))
        return f"not confirmed itself, but consistent with {'; '.join(support)}"

    def _attested(self, claim: Row) -> str:
        by = joined(self._attesting(claim))
        return f"{self._uncompared(claim)}not confirmed itself; its event is attested by {by}"

    def _nothing_to_judge_by(self, claim: Row) -> str:
        return (
            f"{self._uncompared(claim)}nothing to judge it by: neither the record nor another "
            "source reports its event"
        )

    def _attesting(self, claim: Row) -> list[str]:
        """Who else reports that the claim's event happened: the record first, then the origin
        groups of other statements that attest it (forecasts and plans do not)."""
        record = [
            "the official record"
            for s in self.attesting.get(claim.event_id, [])
            if s in self.record_sources
        ][:1]
        groups = self.attesting_origins.get(claim.event_id, set()) - {claim.origin_group}
        outside = {
            group
            for group in groups
            if all(self._outside(m) for m in self.words.origin_members.get(group, [group]))
        }
        groups -= outside
        beyond = [f"{counted(len(outside), 'source')} outside this selection"] if outside else []
        return (
            record
            + [
                # Dependence is per statement: the source's own reporting is an origin apart from
                # the passages it copied.
                "another passage of the same article"
                if self.words.origin_members.get(group) == [claim.source_id]
                else self.words.origin(group)
                for group in sorted(groups)
            ]
            + beyond
        )

    def source(self, source: Row) -> str:
        """Why a source has its reliability: how its checkable claims fared (over all its
        claims, whatever a report selects) and its provenance."""
        if source.kind == OFFICIAL_RECORD_KIND:
            return f"the official record: {record_evidence(self.words.reference)}; each row cited"
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


CLAIM_REASONS: Mapping[str, Callable[[Reasons, Row], str]] = {
    "judgement": Reasons._judgement,
    "nothing_to_check": Reasons._nothing_to_check,
    "contradicted_by_record": Reasons._contradicted_by_record,
    "confirmed": Reasons._confirmed,
    "contradicted_by_other_origin": Reasons._contradicted_by_other_origin,
    "disputed": Reasons._disputed,
    "retracted": Reasons._retracted,
    "reported_elsewhere": Reasons._reported_elsewhere,
    "shares_a_contradicted_sentence": Reasons._shares_a_contradicted_sentence,
    "partly_supported": Reasons._partly_supported,
    "event_in_record": Reasons._attested,
    "event_attested_elsewhere": Reasons._attested,
    "nothing_to_judge_by": Reasons._nothing_to_judge_by,
}
"""The reader's wording of each credibility rule, by the rule's key (judge/grading.py)."""
