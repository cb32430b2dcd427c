"""Which event of events.csv a sentence most likely speaks to, with the evidence for the guess.

Each event is scored on what the sentence shares with it: the agreement it names, a word that
fits the event's type ("signed" for a signature), a date that agrees with the event's, the place,
the people and organisations (an entity named by many events, such as Canada, counts for little),
people whose dated role spans the event, and the rarer words of the event's title and
description. The best score wins; a guess with too little evidence leaves the event empty.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from claimtrace.corpus.dates import dates_agree, precision_of, start_of
from claimtrace.corpus.drafting.mentions import EntityMatcher, Sentence, pipeline
from claimtrace.corpus.entities import role_held, split_list

TYPE_CUES: dict[str, re.Pattern[str]] = {
    event_type: re.compile(pattern)
    for event_type, pattern in {
        "agreement_signed": r"sign(s|ed|ing|ature|atory|atories)?|signée?s?|署名|調印",
        "agreement_in_force": r"force|effect|vigueur|発効",
        "talks_announced": r"talks?|negotiat\w*|consultations?|négociations?|交渉",
        "plan_adopted": r"plans?|adopt\w*",
        "strategy_published": r"strateg\w*|paper|releas\w*|publish\w*",
        "visit": r"visit\w*|port|visites?|訪問|来日|滞在",
        "exercise": r"exercises?|drills?|training|exercices?|manœuvres|訓練|演習",
        "military_incident": r"missiles?|incursions?|launch\w*",
        "appointment": r"appoint\w*|sworn|succeed\w*",
        "dialogue": r"dialogues?|committee",
        "statement": r"speech|statement|conference|remarks",
        "operation": r"operations?",
    }.items()
}
"""Words that fit each event type ("signed" and "signing" fit a signature), in English, French
and Japanese (a Japanese word as SudachiPy cuts it: 署名, 交渉)."""
AGREEMENT = 3.0
TYPE_CUE = 1.5
DATE_AGREES = 3.0
DATE_DISAGREES = -2.0
PLACE = 1.5
ROLE_HELD = 1.0
WORDS_WEIGHT, WORDS_CAP = 0.5, 3.0
RECENT = 0.5
"""Scores of each kind of evidence."""
LEAST_SCORE = 2.0
SURE_SCORE, SURE_MARGIN = 5.0, 1.5


@dataclass(frozen=True)
class EventGuess:
    event_id: str  # "" when no event has enough evidence
    reason: str
    confidence: str  # high, medium or low


@dataclass(frozen=True)
class _Event:
    event_id: str
    event_type: str
    agreement: str
    date: str
    place: str
    entities: frozenset[str]
    words: frozenset[str]


def content_words(words: Sequence[str]) -> set[str]:
    """The words that carry meaning: alphabetic, three letters or more, not stop words."""
    stop = pipeline().Defaults.stop_words
    return {w for w in words if w.isalpha() and len(w) > 2 and w not in stop}


class EventMatcher:
    """Scores events.csv against sentences of one seed published on `published`."""

    def __init__(
        self, events: pd.DataFrame, entities: pd.DataFrame, names: EntityMatcher, published: str
    ) -> None:
        self._entities = entities
        self._names = dict(zip(entities["entity_id"], entities["canonical_name"], strict=True))
        self._published = published
        texts = [f"{e.title}. {e.description}" for e in events.itertuples(index=False)]
        docs = list(pipeline().pipe(texts))
        self._events = [
            _Event(
                e.event_id,
                e.event_type,
                e.agreement,
                e.date,
                e.place,
                frozenset(
                    {e.agreement, e.place, *split_list(e.parties)}
                    | {m.entity_id for m in names.mentions(doc)}
                )
                - {""},
                frozenset(content_words([t.lower_ for t in doc])),
            )
            for e, doc in zip(events.itertuples(index=False), docs, strict=True)
        ]
        count = len(self._events) + 1
        entity_df = Counter(i for e in self._events for i in e.entities)
        word_df = Counter(w for e in self._events for w in e.words)
        self._entity_weight = {i: math.log(count / (n + 1)) + 0.1 for i, n in entity_df.items()}
        self._word_weight = {w: math.log(count / (n + 1)) for w, n in word_df.items()}

    def guess(self, sentence: Sentence, dates: Sequence[str], *, dated: bool) -> EventGuess:
        """The event a claim in the sentence most likely speaks to. `dates` are the dates it
        speaks of: the claim's own value when it is a date claim (`dated`), else those the
        sentence says, which may belong to another event in it and so weigh half and never
        count against an event."""
        words = list(sentence.words())
        named = {m.entity_id for m in sentence.mentions}
        content = content_words(words)
        scored = sorted(
            (
                (self._score(event, words, named, content, dates, dated), event)
                for event in self._events
            ),
            key=lambda pair: -pair[0][0],
        )
        if not scored or scored[0][0][0] < LEAST_SCORE:
            best = f" (best: {scored[0][1].event_id})" if scored and scored[0][0][0] > 0 else ""
            return EventGuess("", f"no event shares enough with the sentence{best}", "low")
        (score, evidence), event = scored[0]
        runner_up = scored[1][0][0] if len(scored) > 1 else 0.0
        if score >= SURE_SCORE and score - runner_up >= SURE_MARGIN:
            confidence = "high"
        else:
            confidence = "medium" if score - runner_up >= SURE_MARGIN else "low"
        reason = f"event {event.event_id}: " + "; ".join(evidence)
        if confidence != "high" and len(scored) > 1:
            reason += f" (next: {scored[1][1].event_id})"
        return EventGuess(event.event_id, reason, confidence)

    def _score(
        self,
        event: _Event,
        words: list[str],
        named: set[str],
        content: set[str],
        dates: Sequence[str],
        dated: bool,
    ) -> tuple[float, list[str]]:
        score, evidence = 0.0, []
        if event.agreement and event.agreement in named:
            score += AGREEMENT
            evidence.append(f"names the {self._names.get(event.agreement, event.agreement)}")
        fits = TYPE_CUES.get(event.event_type)
        cue = next((w for w in words if fits.fullmatch(w)), None) if fits else None
        if cue:
            score += TYPE_CUE
            evidence.append(f"'{cue}' fits its type, {event.event_type}")
        if event.date and dates:
            agreeing = [d for d in dates if dates_agree(d, event.date)]
            if agreeing:
                fine = min(len(agreeing[0]), len(event.date)) >= 7
                score += (DATE_AGREES if fine else DATE_AGREES / 2) * (1 if dated else 0.5)
                evidence.append(f"{agreeing[0]} agrees with its date {event.date}")
            elif dated:
                score += DATE_DISAGREES
        if event.place and event.place in named:
            score += PLACE
            evidence.append(f"names its place, {self._names.get(event.place, event.place)}")
        shared = sorted((named & event.entities) - {event.agreement, event.place})
        if shared:
            score += sum(self._entity_weight.get(i, 0.0) for i in shared)
            evidence.append("names " + ", ".join(self._names.get(i, i) for i in shared))
        held = [p for p in sorted(named) if event.date and self._holds_role(p, event.date)]
        if held:
            score += ROLE_HELD * len(held)
            evidence.append(f"{', '.join(self._names[p] for p in held)} in office then")
        common = sorted(content & event.words, key=lambda w: (-self._word_weight.get(w, 0.0), w))
        if common:
            weight = sum(self._word_weight.get(w, 0.0) for w in common) * WORDS_WEIGHT
            score += min(weight, WORDS_CAP)
            evidence.append("shares the words " + ", ".join(f"'{w}'" for w in common[:3]))
        if event.date and self._published and self._recent(event.date):
            score += RECENT
            evidence.append("dated in the year before publication")
        return score, evidence

    def _holds_role(self, entity_id: str, date: str) -> bool:
        rows = self._entities[self._entities["entity_id"] == entity_id]
        return any(
            role and role_held(self._entities, entity_id, role, date) for role in rows["role"]
        )

    def _recent(self, date: str) -> bool:
        published = start_of(self._published)
        day = start_of(date)
        return precision_of(date) != "year" and 0 <= (published - day).days <= 366
