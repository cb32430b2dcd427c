"""The rules that propose claims in one sentence of a seed, each with the reason it fired.

- dates: every date expression, relative ones resolved against the publication date;
- durations ("nearly three years");
- places: a place named after "in", "at", "into", "to" or "of" (a country only after "in", or
  as the subject of "hosted");
- agreement names: each agreement named;
- roles: a person named right after a title that contains a word of their role in entities.csv;
- participants or signatories: the people and organisations named in a sentence about a
  meeting, signing, visit or exercise (signatories when at least two people sign);
- counts: a number followed by a plural noun ("five missiles").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

import pandas as pd
from spacy.tokens import Token

from claimtrace.corpus.date_expressions import UNITS as DURATION_UNITS
from claimtrace.corpus.date_expressions import find_dates, find_durations
from claimtrace.corpus.event_match import TYPE_CUES
from claimtrace.corpus.mentions import Sentence, number_text, number_value

LOCATIVES = ("in", "at", "into", "to", "of")
ACTIVITY = re.compile(
    r"met|meet\w*|sign(s|ed|ing)?|talks|visit\w*|ceremony|exercises?|drills?|patrols?|"
    r"training|conduct\w*|participat\w*|hosted|negotiat\w*"
)
"""Words of a sentence about something people or organisations take part in."""
CURRENCY = ("$", "€", "£", "¥", "₹")
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


def propose(
    sentence: Sentence, published: str, roles: Mapping[str, list[str]], outlets: frozenset[str]
) -> list[Proposal]:
    """Every proposal the rules make in one sentence, each knowing the dates the sentence says."""
    dates = find_dates(sentence, published)
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
        for d in find_durations(sentence, published)
    ]  # fmt: skip
    for found in (
        _places(sentence),
        _agreements(sentence),
        _roles_named(sentence, roles),
        _actors(sentence, outlets),
        _counts(sentence),
    ):
        proposals += [replace(p, dates=said) for p in found]
    return proposals


def roles_of(entities: pd.DataFrame) -> dict[str, list[str]]:
    """Entity id -> the role keys entities.csv gives it."""
    roles: dict[str, list[str]] = {}
    for entity_id, role in zip(entities["entity_id"], entities["role"], strict=True):
        if role:
            roles.setdefault(entity_id, []).append(role)
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
        before = _tokens_before(sentence, mention.start)
        if len(before) >= 2 and before[-1].lower_ in ("’s", "'s"):
            before = before[:-2]  # a possessor: "into Japan’s Exclusive Economic Zone"
        if before and before[-1].lower_ == "the":
            before = before[:-1]
        word = before[-1] if before and before[-1].lower_ in LOCATIVES else None
        if mention.entity_type == "country":
            hosts = next(
                (
                    t
                    for t in _tokens_after(sentence, mention.end)[:2]
                    if t.lower_.startswith("host")
                ),
                None,
            )
            if word is not None and word.lower_ != "in":
                word = None
            if word is None and hosts is not None:
                reason = f"{mention.text} '{hosts.text}': a host country"
                yield Proposal(
                    mention.start,
                    sentence.char_end(hosts),
                    "place",
                    mention.entity_id,
                    reason,
                    "medium",
                    sentence,
                )
                continue
        if word is None:
            continue
        reason = f"'{word.text}' before {mention.text}, a {mention.entity_type} in entities.csv"
        confidence = "high" if mention.entity_type == "place" else "medium"
        yield Proposal(
            sentence.char_start(word),
            mention.end,
            "place",
            mention.entity_id,
            reason,
            confidence,
            sentence,
        )


def _agreements(sentence: Sentence) -> Iterator[Proposal]:
    for mention in sentence.mentions:
        if mention.entity_type == "agreement":
            reason = f"names an agreement as '{mention.text}' (entity {mention.entity_id})"
            yield Proposal(
                mention.start,
                mention.end,
                "agreement_name",
                mention.entity_id,
                reason,
                "high",
                sentence,
            )


def _roles_named(sentence: Sentence, roles: Mapping[str, list[str]]) -> Iterator[Proposal]:
    countries = {m.text.lower() for m in sentence.mentions if m.entity_type == "country"}
    for mention in sentence.mentions:
        if mention.entity_id not in roles:
            continue
        title = _title_before(sentence, mention.start)
        if not title:
            continue
        words = {t.lower_ for t in title}
        for role in roles[mention.entity_id]:
            keys = set(role.split("_")) - countries - {"canada", "japan"}
            shared = sorted(keys & words)
            if shared:
                reason = (
                    f"the title '{' '.join(t.text for t in title)}' contains "
                    f"{', '.join(repr(w) for w in shared)} of the role {role} that "
                    f"entities.csv gives {mention.entity_id}"
                )
                yield Proposal(
                    sentence.char_start(title[0]),
                    mention.end,
                    "role",
                    role,
                    reason,
                    "high",
                    sentence,
                    subject=mention.entity_id,
                )
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
    ids = list(dict.fromkeys(m.entity_id for m in actors))
    people = list(dict.fromkeys(m.entity_id for m in actors if m.entity_type == "person"))
    signing = any(TYPE_CUES["agreement_signed"].fullmatch(w) for w in words) and len(people) >= 2
    attribute, value = ("signatories", people) if signing else ("participants", ids)
    named = ", ".join(dict.fromkeys(m.text for m in actors))
    reason = f"{named} named in a sentence about taking part ('{cue}')"
    confidence = "medium" if len(ids) > 1 or signing else "low"
    yield Proposal(
        actors[0].start, actors[-1].end, attribute, "; ".join(value), reason, confidence, sentence
    )


def _counts(sentence: Sentence) -> Iterator[Proposal]:
    tokens = [t for t in sentence.span if not t.is_space]
    for i, token in enumerate(tokens):
        value = number_value(token)
        if value is None or token.lower_ == "one" or token.shape_ == "dddd":
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if before is not None and (
            before.text in CURRENCY
            or before.text == "("
            or (before.lower_ in DEFINITE and token.is_alpha)
        ):
            continue
        if (
            after is None
            or after.text in ("%", "-", ")")
            or after.lower_ in ("percent", "million", "billion", "thousand", "trillion")
        ):
            continue
        noun = _counted_noun(tokens[i + 1 : i + 4])
        if noun is None:
            continue
        reason = f"'{token.text}' counts {noun.text}"
        yield Proposal(
            sentence.char_start(token),
            sentence.char_end(noun),
            "count",
            number_text(value),
            reason,
            "medium",
            sentence,
        )


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
