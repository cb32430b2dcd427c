"""Who stands behind the values of a sentence: the cues of corrections, denials and relayed
claims, each governing only the words it speaks of.

- a correction note ("this story has been updated", "an earlier version of this story said …",
  "Correction: …") withdraws the value after its verb ("first gave the date as …") up to where
  the corrected value starts ("rather than", "; it was"), or, without such a verb, the value
  after "not" ("Corrects to show … Tokyo, not Toronto"): that value `retracts`, the rest of the
  note is the corrected value and stays asserted;
- a denial ("X rejected reports that …", "X denied that …", "there is no truth to reports
  that …", "X said it was not …") governs its that-clause: `denies`, credited to X;
- a relayed claim ("according to X", "X reported that …", "citing X", "reports say", "a website
  reported …", "was quoted as saying", an outlet's "said") governs its clause or, for "according
  to" and "citing", the sentence: `reports`, credited to X, or to nobody for an unnamed outlet.

Each sentence is read once, by regular expressions over its own text, so a draft stays linear in
its seed. A value no cue governs is asserted by the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from claimtrace.corpus.drafting.mentions import Mention, Sentence
from claimtrace.vocabulary import ASSERTS, STANCES

REPORTS, DENIES, RETRACTS = STANCES[1:]
PARTIES = ("person", "organisation", "country")
"""Entity types that can deny or relay a claim."""
PARTY_REACH = 40
"""How many characters may lie between a party's name and its verb ("Japan’s foreign ministry
on Tuesday denied")."""

_STORY = r"(?:story|article|report|piece|post)"
CORRECTION = re.compile(
    rf"\b(?:this|the) {_STORY} (?:has been|was|have been) (?:updated|corrected|amended)\b"
    rf"|^\W*(?:correction|clarification|update|editor['’]s note)s?\s*:"
    rf"|\b(?:earlier|previous|prior|original|older) version(?! of (?!(?:this|the) {_STORY}))"
    r"|\b(?:has|have) been corrected\b|\bwas corrected\b|^\W*(?:corrects|corrected)\b",
    re.IGNORECASE,
)
"""A correction note: the story says it changed. "An updated agreement" is none."""
_SAID = r"(?:said|gave|stated|reported|described|identified|listed|put|named|called|referred to)"
WITHDRAWN = re.compile(
    rf"\b(?P<own>(?:first|originally|incorrectly|wrongly|mistakenly|erroneously) {_SAID}|"
    rf"misstated|misreported|misidentified|misspelled)\b|\b{_SAID}\b",
    re.IGNORECASE,
)
"""The verb of a correction note after which the withdrawn value comes: one that says it was
wrong anywhere in the note ("misstated"), a plain one after the note's cue ("an earlier version
of this story said")."""
INSTEAD = re.compile(r",? (?:not|rather than|instead of)\b", re.IGNORECASE)
"""In a note without such a verb, what comes before the withdrawn value ("to show the ceremony
was on July 8, not July 9")."""
CORRECTED = re.compile(
    r"\s*(?:;|—|–|\brather than\b|\binstead of\b|,? not\b|,? but\b"
    r"|\bin (?:an?|the) (?:earlier|previous|prior|original) version\b"
    r"|, (?:it|which|that) (?:was|is|were|are)\b|\bthe correct\b)",
    re.IGNORECASE,
)
"""Where a correction note's withdrawn value ends and its corrected value may begin."""
CLAUSE_END = re.compile(r"\s*(?:;|,? (?:saying|adding|but|while|though|although)\b)", re.IGNORECASE)
"""Where a that-clause a cue governs ends, short of the sentence's end."""

_CLAIMS = r"(?:reports?|claims?|allegations?|suggestions?|rumou?rs?|speculation|accounts?)"
DENIAL = re.compile(
    rf"\b(?:denied|denies|deny|denying|rejected|rejects|reject|dismissed|dismisses|dismiss|"
    rf"refuted|refutes|refute|disputed|disputes)\s+"
    rf"(?:that\b|having\b|(?:the |a |media |press |news |recent )*{_CLAIMS}\b(?: that\b)?)"
    rf"|\bno truth (?:to|in) (?:the |these |those |media |recent )*{_CLAIMS}\b(?: that\b)?",
    re.IGNORECASE,
)
"""A denial and its object: "denied nothing" or "rejected the offer" are none."""
NOT_DENYING = re.compile(r"\b(?:not|never|n['’]t|refused to|declined to)\s+$", re.IGNORECASE)
"""Words before a denial's verb that make it none ("did not deny reports that")."""
SAID_NOT = re.compile(
    r"\b(?:said|says|stated|insisted|told \w+)\b(?: that)? (?:[^,;.]{0,60}? )?"
    r"(?:was|is|were|are|would|will|had|has|did|does)(?: not|n['’]t| never)\b"
    r"(?! (?:only|just|merely|yet|until|least)\b)",
    re.IGNORECASE,
)
"""A party saying a value is not so ("said the ceremony was not held in the capital")."""

OUTLET_WORDS = (
    r"(?:(?:an?|the|one|some|local|state|news|online|foreign|major|(?-i:[A-Z][a-z]+)) )*"
    r"(?:website|newspaper|daily|outlet|broadcaster|news agency|agency|media|press|tabloid|"
    r"network|magazine|blog|channel)s?"
)
UNNAMED_OUTLET = re.compile(rf"\b{OUTLET_WORDS}\s*$", re.IGNORECASE)
OUTLET_REACH = 60
"""How far back an unnamed outlet before its verb may start ("a Japanese news website")."""
UNNAMED = re.compile(
    rf"{OUTLET_WORDS}|(?:the |an? |anonymous |unnamed |government |official |diplomatic |some )*"
    r"(?:sources?|officials?|reports?|ministry|government|spokes(?:person|man|woman)|statement|"
    r"embassy|people familiar with[\w ]*?|a person familiar[\w ]*?)\b",
    re.IGNORECASE,
)
"""Words for a teller who is not named."""
ACCORDING = re.compile(r"\b(?:according to|citing|as reported by|reported by)\s+", re.IGNORECASE)
INVERTED = re.compile(r",\s*(reports|reported|said|says|writes|wrote)\s+", re.IGNORECASE)
"""A teller named after its verb at the end of a sentence ("…, reports the Post.")."""
TOLD_IN = re.compile(
    r"(?:(?:an?|the) )?(?:(?:report|statement|story|article|interview|editorial)s? "
    r"(?:by|in|from|with|of) )?(?:the )?",
    re.IGNORECASE,
)
"""Words between "according to" and the teller's name ("a report by the")."""
RELAYED = re.compile(
    r"\b(?:reported|reporting|was quoted as saying|were quoted as saying|quoted)\b(?: that\b)?",
    re.IGNORECASE,
)
REPORTS_SAY = re.compile(
    r"\b(?:(?:media|news|press|local|unconfirmed) )*reports (?:say|said|says|suggest|suggested|"
    r"claim|claimed|indicate|indicated)\b(?: that)?",
    re.IGNORECASE,
)
SAID = re.compile(r"\b(?:said|says|wrote|writes|told)\b(?: that)?", re.IGNORECASE)
THAT_AHEAD = re.compile(r"[^,;.]{0,40}?\bthat\b")
"""A that-clause a few words after a teller's verb ("reported on Tuesday that")."""
REPORTED_PASSIVE = re.compile(r"\b(?:it|was|were|been|is)\s*$", re.IGNORECASE)
"""Words before "reported" that make the teller unnamed ("it was reported that")."""


@dataclass(frozen=True)
class Cue:
    """Words of a sentence that say who stands behind the values in its scope."""

    stance: str  # one of STANCES
    start: int  # the scope it governs, as character offsets in the seed
    end: int
    words_start: int  # the cue's own words (and its party's name), never governed by it
    words_end: int
    party: str  # entity id of who denies or is relayed; "" when unnamed or not an entity
    reason: str
    note: str = ""

    def governs(self, start: int, end: int) -> bool:
        """Whether the words at start:end lie in its scope and are not its own words."""
        outside_words = end <= self.words_start or self.words_end <= start
        return self.start <= start < self.end and outside_words


def cues(sentence: Sentence, outlets: frozenset[str]) -> list[Cue]:
    """The stance cues of one sentence."""
    text, at, mentions = sentence.span.text, sentence.start, sentence.mentions
    denials = list(_denials(text, at, mentions))
    return [*_corrections(text, at), *denials, *_relayed(text, at, mentions, outlets, denials)]


def governing(found: list[Cue], start: int, end: int) -> Cue | None:
    """The innermost cue whose scope holds the words at start:end; None: the source asserts."""
    inside = [cue for cue in found if cue.governs(start, end)]
    return min(inside, key=lambda cue: cue.end - cue.start, default=None)


def _corrections(text: str, at: int) -> Iterator[Cue]:
    note = CORRECTION.search(text)
    if note is None:
        return
    said = f"a correction note ('{note.group().strip(' :')}')"
    yield Cue(ASSERTS, at, at + len(text), at + note.start(), at + note.end(), "",
              f"the corrected value of {said}")  # fmt: skip
    verb = next(
        (v for v in WITHDRAWN.finditer(text) if v.group("own") or v.start() >= note.start()), None
    )
    if verb is not None:
        corrected = CORRECTED.search(text, verb.end())
        end = corrected.start() if corrected is not None else len(text)
    elif (verb := INSTEAD.search(text, note.end())) is not None:
        end = _clause_end(text, verb.end())
    else:
        return
    yield Cue(RETRACTS, at + verb.end(), at + end, at + verb.start(), at + verb.end(), "",
              f"withdrawn by {said}: '{verb.group().strip(', ')} …'",
              "a value the story withdrew: kept, never judged against it")  # fmt: skip


def _denials(text: str, at: int, mentions: tuple[Mention, ...]) -> Iterator[Cue]:
    for pattern in (DENIAL, SAID_NOT):
        for cue in pattern.finditer(text):
            if NOT_DENYING.search(text, max(0, cue.start() - len("declined to ")), cue.start()):
                continue
            party = _party_before(mentions, at + cue.start())
            words = f"'{cue.group()}'"
            reason = f"denied ({words}" + (f", by {party.text})" if party else ")")
            note = "" if party else f"denied by {_subject(text, cue.start())}, not an entity"
            yield Cue(DENIES, at + cue.end(), at + _clause_end(text, cue.end()),
                      at + cue.start(), at + cue.end(), party.entity_id if party else "",
                      reason, note)  # fmt: skip


def _relayed(
    text: str,
    at: int,
    mentions: tuple[Mention, ...],
    outlets: frozenset[str],
    denials: list[Cue],
) -> Iterator[Cue]:
    whole = (at, at + len(text))
    for cue in ACCORDING.finditer(text):  # the whole sentence is the teller's
        told = TOLD_IN.match(text, cue.end())
        party = _party_at(mentions, at + (told.end() if told else cue.end()))
        if party is not None:
            said = text[cue.start() : party.end - at]
            yield _relay(whole, (at + cue.start(), party.end), party, said)
        elif (unnamed := UNNAMED.match(text, cue.end())) is not None:
            said = cue.group() + unnamed.group()
            yield _relay(whole, (at + cue.start(), at + unnamed.end()), None, said)
    for cue in INVERTED.finditer(text):
        party = _party_at(mentions, at + cue.end())
        speaking = cue.group(1).lower() in ("said", "says")
        if party is not None and not (speaking and party.entity_id not in outlets):
            said = text[cue.start(1) : party.end - at]
            yield _relay(whole, (at + cue.start(1), party.end), party, said)
    for cue in REPORTS_SAY.finditer(text):
        scope = _told(text, at, cue.end())
        yield _relay(scope, (at + cue.start(), at + cue.end()), None, cue.group())
    for pattern in (RELAYED, SAID):
        for cue in pattern.finditer(text):
            if any(d.words_start <= at + cue.start() < d.words_end for d in denials):
                continue  # "rejected reports that": a denial's object, not a report
            party = _party_before(mentions, at + cue.start())
            outlet_named = party is not None and party.entity_id in outlets
            unnamed_at = _unnamed_outlet_before(text, cue.start())
            if pattern is SAID and not (outlet_named or unnamed_at is not None):
                continue  # someone's own statement, not a relayed report
            quoted = "quoted as" in cue.group().lower()  # "the minister was quoted as saying"
            passive = REPORTED_PASSIVE.search(text, 0, cue.start()) is not None
            if party is None and unnamed_at is None and not (passive or quoted):
                continue  # "the reported deal": nobody tells it
            if party is not None:
                teller = party.start - at
            elif unnamed_at is not None:
                teller = unnamed_at
            else:
                teller = _clause_start(text, cue.start()) if quoted else cue.start()
            said = text[teller : cue.end()]
            yield _relay(_told(text, at, cue.end()), (at + teller, at + cue.end()), party, said)


def _relay(scope: tuple[int, int], words: tuple[int, int], party: Mention | None, said: str) -> Cue:
    said = said.strip()
    if party is not None:
        reason = f"relayed from {party.text} ('{said}')"
        return Cue(REPORTS, *scope, *words, party.entity_id, reason)
    reason = f"relayed from an unnamed teller ('{said}')"
    return Cue(REPORTS, *scope, *words, "", reason, f"relayed from an unnamed teller: '{said}'")


def _told(text: str, at: int, end: int) -> tuple[int, int]:
    """What a teller's verb ending at `end` governs: the that-clause after it ("reported on
    Tuesday that …"), else the words after it, or, closing the sentence ("…, X reported."), the
    sentence before it."""
    that = THAT_AHEAD.match(text, end)
    start = that.end() if that is not None else end
    rest = text[start:].strip()
    if not rest or rest[0] in ".,;":
        return at, at + len(text)
    return at + start, at + _clause_end(text, start)


def _clause_end(text: str, start: int) -> int:
    end = CLAUSE_END.search(text, start)
    return end.start() if end is not None else len(text)


def _subject(text: str, end: int) -> str:
    """The words before `end` back to the clause's start, as who speaks ("'The government'")."""
    clause = text[_clause_start(text, end) : end].strip()
    return f"'{clause[-PARTY_REACH:]}'" if clause else "an unnamed party"


def _clause_start(text: str, end: int) -> int:
    """Where the clause that `end` lies in starts: past the last ',', ';', ':' or dash."""
    return max(text.rfind(mark, 0, end) for mark in ",;:—") + 1


def _party_before(mentions: tuple[Mention, ...], char: int) -> Mention | None:
    """The party named last before `char`, close enough to be its verb's subject."""
    before = [m for m in mentions if m.end <= char and m.entity_type in PARTIES]
    if before and char - before[-1].end <= PARTY_REACH:
        return before[-1]
    return None


def _party_at(mentions: tuple[Mention, ...], char: int) -> Mention | None:
    """The party named right at `char`."""
    return next((m for m in mentions if m.entity_type in PARTIES and m.start == char), None)


def _unnamed_outlet_before(text: str, end: int) -> int | None:
    """Where an unnamed outlet ("a website") right before `end` starts, if one does."""
    outlet = UNNAMED_OUTLET.search(text, max(0, end - OUTLET_REACH), end)
    return outlet.start() if outlet is not None else None
