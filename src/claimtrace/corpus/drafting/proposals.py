"""The rules that propose claims in one sentence of a seed, each with the reason it fired.

- dates: every date expression, relative ones resolved against the publication date;
- durations ("nearly three years");
- places: a place named after "in", "at", "into", "to" or "of" (a country only after "in", or
  as the subject of "hosted");
- agreement names: each agreement named;
- roles: a person named right after a title that contains a word of their role in entities.csv;
- participants or signatories: the people and organisations named in a sentence about a
  meeting, signing, visit or exercise (signatories when at least two people sign);
- counts: a number followed by a plural noun ("five missiles"), approximate after "about",
  "nearly", "more than" … ("~35", "<35", ">35");
- amounts: a currency sign, a number and its scale ("approximately $78 million"), the code read
  from the sign where it names one currency.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

import pandas as pd
from spacy.tokens import Token

from claimtrace.corpus.drafting.approximate import MEANINGS, bound
from claimtrace.corpus.drafting.date_expressions import UNITS as DURATION_UNITS
from claimtrace.corpus.drafting.date_expressions import (
    DateExpression,
    Duration,
    find_dates,
    find_durations,
)
from claimtrace.corpus.drafting.event_match import TYPE_CUES
from claimtrace.corpus.drafting.mentions import Mention, Sentence, number_text, number_value
from claimtrace.corpus.drafting.stance import Cue
from claimtrace.corpus.entities import fold, split_list

LOCATIVES = ("in", "at", "into", "to", "of")
ACTIVITY = re.compile(
    r"met|meet\w*|sign(s|ed|ing)?|talks|visit\w*|ceremony|exercises?|drills?|patrols?|"
    r"training|conduct\w*|participat\w*|hosted|negotiat\w*"
)
"""Words of a sentence about something people or organisations take part in."""
CURRENCIES = {"€": "EUR", "£": "GBP", "₹": "INR", "C$": "CAD", "CA$": "CAD", "US$": "USD"}
"""Currency signs that name one currency, and its ISO 4217 code."""
SHARED_SIGNS = {"$": "dollars", "¥": "yen or yuan"}
"""Signs several currencies use: the curator writes the code."""
CURRENCY = (*CURRENCIES, *SHARED_SIGNS)
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
NOT_COUNTED_AFTER = ("%", "-", ")", "percent", "million", "billion", "thousand", "trillion")
"""A number before these is a share, part of a compound ("42-page") or an amount."""
DEFINITE = ("the", "these", "those", "our", "their", "its", "his", "her", "both")
"""Words before a number word that make it a reference back ("the two countries"), not a count."""
TITLE_LINKS = ("of", "’s", "'s", "the")
"""Lower-case words that may sit inside a title ("Minister of Foreign Affairs")."""
TITLE_REACH = 6
"""How many tokens before a name a title may start."""


@dataclass(frozen=True)
class Proposal:
    start: int  # the words that carry the claim, as character offsets in the seed
    end: int
    attribute: str
    value: str
    reason: str
    confidence: str
    sentence: Sentence
    subject: str = ""
    note: str = ""
    dates: tuple[str, ...] = ()  # the dates the claim speaks of, for the event guess
    cue: Cue | None = None  # who stands behind the value, when a cue says; else the source
    time_zone: str = ""  # the IANA zone of a date given in a place's local time


def propose(
    sentence: Sentence,
    published: str,
    roles: Mapping[str, list[tuple[str, frozenset[str]]]],
    outlets: frozenset[str],
) -> list[Proposal]:
    """Every proposal the rules make in one sentence, each knowing the dates the sentence says."""
    proposals, said = dates_and_durations(
        sentence, find_dates(sentence, published), find_durations(sentence, published)
    )
    for found in (
        _places(sentence),
        agreement_names(sentence),
        _roles_named(sentence, roles),
        _actors(sentence, outlets),
        _counts(sentence),
        _amounts(sentence),
    ):
        proposals += [replace(p, dates=said) for p in found]
    return proposals


def dates_and_durations(
    sentence: Sentence, dates: list[DateExpression], durations: list[Duration]
) -> tuple[list[Proposal], tuple[str, ...]]:
    """The proposals of the dates and durations a sentence says, and the dates it says (which
    every other proposal of the sentence is told, for its event)."""
    said = tuple(d.value for d in dates if d.value)
    proposals = [
        Proposal(d.start, d.end, "date", d.value, _date_reason(d.relative, d.value),
                 "high" if not d.relative else "medium" if d.value else "low",
                 sentence, note=d.note, dates=(d.value,) if d.value else ())
        for d in dates
    ]  # fmt: skip
    proposals += [
        Proposal(d.start, d.end, "duration", d.value, "a number of years, months, weeks or days",
                 "medium", sentence, note=d.note, dates=said)
        for d in durations
    ]  # fmt: skip
    return proposals, said


def roles_of(entities: pd.DataFrame) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Entity id -> each role key entities.csv gives it, with the words of the key that a title
    would use ("foreign", "minister" of foreign_minister_canada: a country's name is not one)."""
    countries = {
        fold(name)
        for entity in entities[entities["entity_type"] == "country"].itertuples(index=False)
        for name in (entity.entity_id, entity.canonical_name, *split_list(entity.aliases))
    }
    roles: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for entity_id, role in zip(entities["entity_id"], entities["role"], strict=True):
        if role:
            words = frozenset(role.split("_")) - countries
            roles.setdefault(entity_id, []).append((role, words))
    return roles


def _date_reason(relative: bool, value: str) -> str:
    if not relative:
        return "a date written out in full"
    if value:
        return "a relative date, resolved against the publication date"
    return "a relative date that cannot be resolved"


def _tokens_before(sentence: Sentence, char: int) -> list[Token]:
    return [t for t in sentence.span if sentence.char_end(t) <= char and not t.is_space]


def _tokens_after(sentence: Sentence, char: int) -> list[Token]:
    return [t for t in sentence.span if sentence.char_start(t) >= char and not t.is_space]


def _places(sentence: Sentence) -> Iterator[Proposal]:
    for mention in sentence.mentions:
        if mention.entity_type not in ("place", "country"):
            continue
        word = _locative(sentence, mention.start)
        if mention.entity_type == "country" and (word is None or word.lower_ != "in"):
            host = next(
                (
                    t
                    for t in _tokens_after(sentence, mention.end)[:2]
                    if t.lower_.startswith("host")
                ),
                None,
            )
            if host is not None:
                reason = f"{mention.text} '{host.text}': a host country"
                end = sentence.char_end(host)
                yield Proposal(mention.start, end, "place", mention.entity_id, reason, "medium",
                               sentence)  # fmt: skip
            continue
        if word is not None:
            reason = f"'{word.text}' before {mention.text}, a {mention.entity_type} in entities.csv"
            confidence = "high" if mention.entity_type == "place" else "medium"
            start = sentence.char_start(word)
            yield Proposal(start, mention.end, "place", mention.entity_id, reason, confidence,
                           sentence)  # fmt: skip


def _locative(sentence: Sentence, char: int) -> Token | None:
    """The preposition of place before the words at `char`, past "the" and a possessor
    ("into Japan’s Exclusive Economic Zone")."""
    before = _tokens_before(sentence, char)
    if len(before) >= 2 and before[-1].lower_ in ("’s", "'s"):
        before = before[:-2]
    if before and before[-1].lower_ == "the":
        before = before[:-1]
    return before[-1] if before and before[-1].lower_ in LOCATIVES else None


def agreement_names(sentence: Sentence) -> Iterator[Proposal]:
    for mention in sentence.mentions:
        if mention.entity_type == "agreement":
            reason = f"names an agreement as '{mention.text}' (entity {mention.entity_id})"
            yield Proposal(mention.start, mention.end, "agreement_name", mention.entity_id,
                           reason, "high", sentence)  # fmt: skip


def _roles_named(
    sentence: Sentence, roles: Mapping[str, list[tuple[str, frozenset[str]]]]
) -> Iterator[Proposal]:
    for mention in sentence.mentions:
        title = _title_before(sentence, mention.start) if mention.entity_id in roles else []
        if not title:
            continue
        said = {t.lower_ for t in title}
        for role, words in roles[mention.entity_id]:
            if shared := sorted(words & said):
                reason = (
                    f"the title '{' '.join(t.text for t in title)}' has "
                    f"{', '.join(repr(w) for w in shared)} of the role {role} that "
                    f"entities.csv gives {mention.entity_id}"
                )
                start = sentence.char_start(title[0])
                yield Proposal(start, mention.end, "role", role, reason, "high", sentence,
                               subject=mention.entity_id)  # fmt: skip
                break


def _title_before(sentence: Sentence, char: int) -> list[Token]:
    """The capitalised words right before a name ("Canada’s Minister of Foreign Affairs")."""
    before = _tokens_before(sentence, char)[-TITLE_REACH:]
    title: list[Token] = []
    for token in reversed(before):
        if not (token.is_title or token.is_upper or token.lower_ in TITLE_LINKS):
            break
        title.insert(0, token)
    while title and title[0].lower_ in TITLE_LINKS:
        title = title[1:]
    return title


def _actors(sentence: Sentence, outlets: frozenset[str]) -> Iterator[Proposal]:
    actors = [
        m
        for m in sentence.mentions
        if m.entity_type in ("person", "organisation") and m.entity_id not in outlets
    ]
    words = list(sentence.words())
    cue = next((w for w in words if ACTIVITY.fullmatch(w)), None)
    if not actors or cue is None:
        return
    signed = any(TYPE_CUES["agreement_signed"].fullmatch(w) for w in words)
    yield taking_part(sentence, actors, cue, signed)


def taking_part(sentence: Sentence, actors: list[Mention], cue: str, signed: bool) -> Proposal:
    """The people and organisations a sentence about an activity (`cue`) names, as its
    participants, or as signatories when it says they signed (`signed`) and names two people."""
    ids = list(dict.fromkeys(m.entity_id for m in actors))
    people = list(dict.fromkeys(m.entity_id for m in actors if m.entity_type == "person"))
    signing = signed and len(people) >= 2
    attribute, value = ("signatories", people) if signing else ("participants", ids)
    named = ", ".join(dict.fromkeys(m.text for m in actors))
    reason = f"{named} named in a sentence about taking part ('{cue}')"
    confidence = "medium" if len(ids) > 1 or signing else "low"
    return Proposal(
        actors[0].start, actors[-1].end, attribute, "; ".join(value), reason, confidence, sentence
    )


def _counts(sentence: Sentence) -> Iterator[Proposal]:
    tokens = [t for t in sentence.span if not t.is_space]
    for i, token in enumerate(tokens):
        value = number_value(token)
        if value is None or token.lower_ == "one" or token.shape_ == "dddd":
            continue  # "one" is rarely a count; four digits are a year
        before = tokens[i - 1].text if i else ""
        after = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
        referring = token.is_alpha and before.lower() in DEFINITE  # "the two countries"
        if referring or before in (*CURRENCY, "(") or after in NOT_COUNTED_AFTER or not after:
            continue
        noun = _counted_noun(tokens[i + 1 : i + 4])
        if noun is not None:
            sign, qualified = bound(tokens[:i])
            reason = f"'{token.text}' counts {noun.text}"
            if sign:
                words = " ".join(t.text for t in tokens[i - qualified : i])
                reason += f", '{words}' makes it {MEANINGS[sign]} {number_text(value)}"
            start = sentence.char_start(tokens[i - qualified])
            yield Proposal(start, sentence.char_end(noun), "count", sign + number_text(value),
                           reason, "medium", sentence)  # fmt: skip


def _counted_noun(following: list[Token]) -> Token | None:
    """The plural noun a number counts, within a few words ("17 direct mentions")."""
    for token in following:
        if not token.is_alpha:
            return None
        if token.lower_.rstrip("s") in DURATION_UNITS:
            return None  # a duration, proposed as one
        if not token.is_stop and token.lower_.endswith("s") and not token.lower_.endswith("ss"):
            return token
    return None


def _amounts(sentence: Sentence) -> Iterator[Proposal]:
    tokens = [t for t in sentence.span if not t.is_space]
    for i, sign_token in enumerate(tokens[:-1]):
        number = number_value(tokens[i + 1])
        if sign_token.text not in CURRENCY or number is None:
            continue
        scale = tokens[i + 2] if i + 2 < len(tokens) else None
        last = scale if scale is not None and scale.lower_ in SCALES else tokens[i + 1]
        value = number_text(round(number * SCALES.get(last.lower_, 1), 2))
        sign, qualified = bound(tokens[:i])
        start, end = sentence.char_start(tokens[i - qualified]), sentence.char_end(last)
        words = sentence.span.doc.text[start - sentence.offset : end - sentence.offset]
        about = f"{MEANINGS[sign]} " if sign else ""
        code = CURRENCIES.get(sign_token.text)
        if code is not None:
            reason = f"'{words}': {about}{value} in the currency '{sign_token.text}' names"
            yield Proposal(start, end, "amount", f"{sign}{value} {code}", reason, "medium",
                           sentence)  # fmt: skip
        else:
            shared = SHARED_SIGNS[sign_token.text]
            note = (
                f"'{words}' is {about}{value} in {shared}, and the text does not say whose: "
                f"write {sign}{value} and the currency's code"
            )
            reason = f"an amount in '{sign_token.text}', which several currencies use"
            yield Proposal(start, end, "amount", "", reason, "low", sentence, note=note)
