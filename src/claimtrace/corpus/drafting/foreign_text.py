"""Reading a seed in French or Japanese: its sentences, the entities it names, its numbers.

Sentences come from spaCy's blank French or Japanese pipeline (rule-based; Japanese is tokenized
by SudachiPy with its core dictionary, both installed from PyPI: nothing is downloaded). Names
are found by the alias table as text, not as tokens, so a Japanese name is found whatever way
Sudachi cuts it, and a French name after an article or an elision (« l’Accord … ») is found
inside its words. Curly and straight apostrophes match each other; French matches in any case.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

import pandas as pd
import spacy
from spacy.language import Language

from claimtrace.corpus.drafting.mentions import Mention, Sentence
from claimtrace.corpus.entities import split_list

LANGUAGES = {"fr": "French", "ja": "Japanese"}
"""The languages the drafter reads besides English, by ISO 639-1 code."""
_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?。！？][\"”’)»」』）]*(\s|$)")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LATIN = re.compile(r"[A-Za-zÀ-ÿ]")
# fmt: off
FRENCH_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100, "mille": 1000,
}
# fmt: on
_KANJI_DIGITS = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"両": 2}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
KANJI_NUMBER = "[〇一二三四五六七八九十百千]+"


@functools.cache
def pipeline(language: str) -> Language:
    """spaCy's blank pipeline for the language, with the rule-based sentencizer."""
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "。", "！", "？"]})
    return nlp


def comparable(text: str) -> str:
    """The text as names are matched in it, each character in its place: apostrophes made
    straight and full-width digits plain, so offsets into it are offsets into the seed."""
    return text.translate(_APOSTROPHES).translate(_FULL_WIDTH_DIGITS)


class ForeignNames:
    """Every mention of an entity of entities.csv by its canonical name or an alias, found as
    text; a person's surname alone (the last word of a Latin canonical name no other person
    shares) is found too, as a variant. Where names overlap, the longest wins."""

    def __init__(self, entities: pd.DataFrame, language: str) -> None:
        self.language = language
        self.types = dict(zip(entities["entity_id"], entities["entity_type"], strict=True))
        names: dict[str, tuple[str, str]] = {}  # name as matched -> entity id, how it differs
        surnames = Counter(
            n.split()[-1]
            for n in entities.loc[entities["entity_type"] == "person", "canonical_name"]
        )
        for entity in entities.itertuples(index=False):
            for name in (entity.canonical_name, *split_list(entity.aliases)):
                names.setdefault(comparable(name), (entity.entity_id, ""))
            surname = entity.canonical_name.split()[-1]
            if entity.entity_type == "person" and surnames[surname] == 1 and len(surname) > 2:
                names.setdefault(comparable(surname), (entity.entity_id, "its surname alone"))
        self._names = names
        flags = re.IGNORECASE if language != "ja" else 0
        alternatives = sorted(names, key=len, reverse=True)
        # With no names at all, an empty pattern would match everywhere: match nothing instead.
        union = "|".join(_bounded(name) for name in alternatives if name) or r"(?!)"
        self._pattern = re.compile(union, flags)
        self._folded = {name.casefold(): name for name in names}

    def mentions(self, text: str, offset: int = 0) -> list[Mention]:
        found = []
        for match in self._pattern.finditer(comparable(text)):
            written = match.group()
            name = written if written in self._names else self._folded[written.casefold()]
            entity_id, variant = self._names[name]
            if not variant and written != name:
                variant = "its name in other capitals"
            found.append(
                Mention(
                    offset + match.start(),
                    offset + match.end(),
                    text[match.start() : match.end()],
                    entity_id,
                    self.types[entity_id],
                    variant,
                )
            )
        return found


def _bounded(name: str) -> str:
    """A name as a pattern: a Latin name as whole words, a Japanese one anywhere."""
    escaped = re.escape(name)
    if _LATIN.match(name[0]):
        escaped = r"(?<![\w])" + escaped
    if _LATIN.match(name[-1]):
        escaped += r"(?![\w])"
    return escaped


def foreign_sentences(text: str, names: ForeignNames) -> list[Sentence]:
    """The text's sentences, paragraph by paragraph (a line break always ends a sentence); a
    line without a sentence's end (a heading, a dateline) is not prose."""
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    found = []
    docs = pipeline(names.language).pipe(paragraph for _, paragraph in paragraphs)
    for (offset, paragraph), doc in zip(paragraphs, docs, strict=True):
        mentions = names.mentions(paragraph, offset)
        prose = _SENTENCE_END.search(paragraph) is not None
        for span in doc.sents:
            start, end = offset + span.start_char, offset + span.end_char
            inside = tuple(m for m in mentions if start <= m.start and m.end <= end)
            found.append(Sentence(span, offset, inside, prose))
    return found


def kanji_number(text: str) -> int:
    """The number written in kanji numerals: '十' = 10, '三' = 3, '二十五' = 25, '百二' = 102."""
    total, digit = 0, None
    for character in text:
        if character in _KANJI_UNITS:
            total += (digit if digit is not None else 1) * _KANJI_UNITS[character]
            digit = None
        else:
            digit = _KANJI_DIGITS[character]
    return total + (digit or 0)


def number_in(text: str) -> int | None:
    """The number a word or numeral writes ('onze', '11', '１１', '十'), or None."""
    plain = comparable(text).lower()
    if plain.isdigit():
        return int(plain)
    if plain in FRENCH_NUMBERS:
        return FRENCH_NUMBERS[plain]
    if re.fullmatch(KANJI_NUMBER, plain):
        return kanji_number(plain)
    return None
