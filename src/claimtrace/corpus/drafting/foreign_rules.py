"""The rules that propose claims in one sentence of a French or Japanese seed, as proposals.py
does for English, each with the reason it fired:

- dates and durations (foreign_dates.py);
- places: a place after « à », « au », « en », « dans » (a country after « en », « au », « aux »),
  or before 「で」 (「東京で」「東京・外務省で」);
- agreement names: each agreement named;
- roles: a French title before a name (« la ministre des Affaires étrangères, Anita Anand »), a
  Japanese one after it (「岩屋毅外相」), read through ROLE_WORDS into the words of the role keys
  of entities.csv; every word of the role must be in the title. 「（当時）」 ("at the time")
  after the title is quoted with it and noted;
- participants or signatories: the people and organisations named in a sentence about a
  meeting, signing, visit or exercise;
- counts: a number in digits or words before a plural noun (« onze pays »), or before a
  Japanese counter (「十カ国」「三隻」), approximate after « environ », « près de », 「約」 ….
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace

from claimtrace.corpus.drafting.approximate import ABOUT, AT_LEAST, AT_MOST, MEANINGS
from claimtrace.corpus.drafting.foreign_dates import foreign_dates, foreign_durations
from claimtrace.corpus.drafting.foreign_text import FRENCH_NUMBERS, KANJI_NUMBER, comparable
from claimtrace.corpus.drafting.foreign_text import number_in as read_number
from claimtrace.corpus.drafting.mentions import Sentence, number_text
from claimtrace.corpus.drafting.proposals import (
    Proposal,
    agreement_names,
    dates_and_durations,
    taking_part,
)

ROLE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {"ministre": ("minister",), "ministres": ("minister",), "étrangères": ("foreign",),
           "premier": ("prime",), "première": ("prime",), "défense": ("defence",)},
    "ja": {"外相": ("foreign", "minister"), "外務大臣": ("foreign", "minister"),
           "首相": ("prime", "minister"), "総理大臣": ("prime", "minister"),
           "防衛相": ("defence", "minister"), "防衛大臣": ("defence", "minister")},
}  # fmt: skip
"""The words of a title in each language, as the English words of role keys."""
_FRENCH_TITLE = re.compile(
    r"(?:\b(?:la|le|l'|du|de la)\s+)?(?:première\s+|premier\s+)?\bministres?\b[^,.;«»]{0,60}?"
    r",?\s*$",
    re.IGNORECASE,
)
_JAPANESE_TITLE = re.compile(rf"({'|'.join(ROLE_WORDS['ja'])})(（当時）|\(当時\))?")
FRENCH_LOCATIVE = re.compile(r"\b(à|au|aux|en|dans)\s+(?:la\s+|le\s+|l')?$", re.IGNORECASE)
COUNTRY_LOCATIVES = ("en", "au", "aux")
JAPANESE_LOCATIVE = re.compile(r"(?:・[^、。で]{1,8})?(?:都内|市内)?で(?!は)")
ACTIVITY = {
    "fr": re.compile(
        r"sign\w*|rencontr\w*|réunion\w*|entretenus|entretien\w*|visite\w*|cérémonie|"
        r"exercices?|manœuvres|négociations?|lancée?s?|particip\w*|accueilli\w*",
        re.IGNORECASE,
    ),
    "ja": re.compile(r"署名|調印|会談|会見|訪問|訓練|演習|発表|交渉|出席|協議"),
}
SIGNED = {"fr": re.compile(r"sign\w*", re.IGNORECASE), "ja": re.compile(r"署名|調印")}
_FRENCH_COUNT = re.compile(
    rf"(?:\b(?P<bound>environ|près de|presque|plus de|moins de|au moins)\s+)?"
    rf"\b(?P<number>\d{{1,3}}|{'|'.join(n for n in FRENCH_NUMBERS if n not in ('un', 'une'))})"
    r"\s+(?P<noun>[a-zàâçéèêëîïôûœ-]+[sx])\b",
    re.IGNORECASE,
)
FRENCH_REFERRING = ("les", "des", "ces", "aux", "nos", "vos", "leurs", "ses", "deux")
"""Words before a number that make it a reference back (« les deux pays »), not a count."""
NOT_COUNTED = ("ans", "mois", "semaines", "jours", "heures", "minutes", "années", "fois")
COUNTERS = ("カ国", "か国", "ヶ国", "ヵ国", "人", "隻", "機", "基", "発", "件", "社", "両", "名")
_JAPANESE_COUNT = re.compile(
    rf"(?P<bound>約|およそ)?(?P<number>\d+|{KANJI_NUMBER})(?P<counter>{'|'.join(COUNTERS)})"
    r"(?P<after>以上|近く|余り)?"
)
_BOUNDS = {"environ": ABOUT, "près de": AT_MOST, "presque": AT_MOST, "moins de": AT_MOST,
           "plus de": AT_LEAST, "au moins": AT_LEAST, "約": ABOUT, "およそ": ABOUT,
           "以上": AT_LEAST, "余り": AT_LEAST, "近く": AT_MOST}  # fmt: skip


def propose_foreign(
    sentence: Sentence,
    published: str,
    roles: Mapping[str, list[tuple[str, frozenset[str]]]],
    outlets: frozenset[str],
    language: str,
) -> list[Proposal]:
    """Every proposal the rules make in one sentence, each knowing the dates it says."""
    proposals, said = dates_and_durations(
        sentence,
        foreign_dates(sentence, published, language),
        foreign_durations(sentence, language),
    )
    for found in (
        _places(sentence, language),
        agreement_names(sentence),
        _roles(sentence, roles, language),
        _actors(sentence, outlets, language),
        _counts(sentence, language),
    ):
        proposals += [replace(p, dates=said) for p in found]
    return proposals


def _before(sentence: Sentence, char: int) -> str:
    return comparable(sentence.span.doc.text[sentence.span.start_char : char - sentence.offset])


def _after(sentence: Sentence, char: int) -> str:
    return comparable(sentence.span.doc.text[char - sentence.offset : sentence.span.end_char])


def _places(sentence: Sentence, language: str) -> Iterator[Proposal]:
    for mention in sentence.mentions:
        if mention.entity_type not in ("place", "country"):
            continue
        if language == "ja":
            after = JAPANESE_LOCATIVE.match(_after(sentence, mention.end))
            if after is not None:
                reason = f"'{mention.text}' before 「で」, a {mention.entity_type} in entities.csv"
                yield Proposal(mention.start, mention.end + after.end(), "place",
                               mention.entity_id, reason, "high" if mention.entity_type ==
                               "place" else "medium", sentence)  # fmt: skip
            continue
        before = FRENCH_LOCATIVE.search(_before(sentence, mention.start))
        if before is None:
            continue
        word = before.group(1).lower()
        if mention.entity_type == "country" and word not in COUNTRY_LOCATIVES:
            continue
        reason = f"« {word} » before {mention.text}, a {mention.entity_type} in entities.csv"
        yield Proposal(mention.start - len(before.group()), mention.end, "place",
                       mention.entity_id, reason, "high" if mention.entity_type == "place"
                       else "medium", sentence)  # fmt: skip


def _roles(
    sentence: Sentence, roles: Mapping[str, list[tuple[str, frozenset[str]]]], language: str
) -> Iterator[Proposal]:
    for mention in sentence.mentions:
        if mention.entity_id not in roles:
            continue
        start, end, note = mention.start, mention.end, ""
        if language == "ja":
            title = _JAPANESE_TITLE.match(_after(sentence, mention.end))
            if title is None:
                continue
            words = title.group(1)
            end = mention.end + title.end()
            if title.group(2):
                note = f"'{title.group(2)}' (at the time): the role held at the event, not now"
        else:
            title = _FRENCH_TITLE.search(_before(sentence, mention.start))
            if title is None:
                continue
            words = title.group().strip(" ,")
            start = mention.start - len(title.group())
        said = {
            english
            for word in [*re.split(r"[\s']+", words.lower()), words]
            for english in ROLE_WORDS[language].get(word, ())
        }
        for role, role_words in roles[mention.entity_id]:
            if role_words and role_words <= said:
                reason = (
                    f"the title '{words}' says {', '.join(sorted(role_words))}: the role {role} "
                    f"that entities.csv gives {mention.entity_id}"
                )
                yield Proposal(start, end, "role", role, reason, "high", sentence,
                               subject=mention.entity_id, note=note)  # fmt: skip
                break


def _actors(sentence: Sentence, outlets: frozenset[str], language: str) -> Iterator[Proposal]:
    actors = [
        m
        for m in sentence.mentions
        if m.entity_type in ("person", "organisation") and m.entity_id not in outlets
    ]
    cue = ACTIVITY[language].search(sentence.span.text)
    if actors and cue is not None:
        signed = SIGNED[language].search(sentence.span.text) is not None
        yield taking_part(sentence, actors, cue.group(), signed)


def _counts(sentence: Sentence, language: str) -> Iterator[Proposal]:
    text = comparable(sentence.span.text)
    if language == "ja":
        for match in _JAPANESE_COUNT.finditer(text):
            if text[: match.start()].endswith(("第", "主要")) or text.startswith("目", match.end()):
                continue  # an ordinal (「第3回」「3人目」)
            marks = (match.group("bound"), match.group("after"))
            yield _count(sentence, match, match.group("counter"), marks)
        return
    for match in _FRENCH_COUNT.finditer(text):
        noun = match.group("noun").lower()
        previous = text[: match.start("number")].split()[-1:] or [""]
        if noun in NOT_COUNTED or previous[0].lower() in FRENCH_REFERRING:
            continue
        yield _count(sentence, match, noun, (match.group("bound"),))


def _count(
    sentence: Sentence, match: re.Match[str], counted: str, marks: tuple[str | None, ...]
) -> Proposal:
    number = read_number(match.group("number"))
    sign = next((_BOUNDS[m.lower()] for m in marks if m and m.lower() in _BOUNDS), "")
    reason = f"'{match.group('number')}' counts {counted}"
    if sign:
        reason += f", made {MEANINGS[sign]} {number} by its words"
    start, end = sentence.start + match.start(), sentence.start + match.end()
    return Proposal(start, end, "count", sign + number_text(number or 0), reason, "medium",
                    sentence)  # fmt: skip
