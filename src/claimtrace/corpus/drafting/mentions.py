"""What a seed's words name, found by rules: entity mentions through the corpus's own alias table,
sentences, and numbers written in digits or words.

Everything runs on spaCy's blank English pipeline (tokenizer, rule-based sentencizer and the
PhraseMatcher), which needs no trained model: nothing here downloads or loads model weights.
Offsets are character offsets in the seed, so every finding can be quoted exactly.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimtrace.corpus.entities import fold, split_list

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(\s|$)")
_QUOTE_MARKS = ("“", "”", '"')
# fmt: off
_CARDINALS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)
# fmt: on
_NUMBER_WORDS = dict(zip(_CARDINALS, range(len(_CARDINALS)), strict=True)) | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}  # fmt: skip
_DIGITS = re.compile(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?")


@functools.cache
def pipeline() -> Language:
    """spaCy's blank English: a rule-based tokenizer and sentencizer, no model weights."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@dataclass(frozen=True)
class Mention:
    """Words of the seed that name a known entity (by its canonical name or an alias)."""

    start: int  # character offsets in the seed, end exclusive
    end: int
    text: str
    entity_id: str
    entity_type: str
    variant: str = ""  # how the words differ from every name in entities.csv, if they do


@dataclass(frozen=True)
class Sentence:
    """One sentence of the seed, its tokens, and the mentions inside it."""

    span: Span
    offset: int  # where its paragraph starts in the seed
    mentions: tuple[Mention, ...]
    prose: bool  # False in headings, menus, tickers and datelines

    @property
    def start(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.offset + self.span.end_char

    def char_start(self, token: Token) -> int:
        return self.offset + token.idx

    def char_end(self, token: Token) -> int:
        return self.offset + token.idx + len(token.text)

    def words(self, *, outside_quotes: bool = False) -> Iterator[str]:
        """The sentence's words in lower case; with `outside_quotes`, only the narrator's."""
        quoted = False
        for token in self.span:
            if token.text in _QUOTE_MARKS:
                quoted = token.text == "“" or (token.text == '"' and not quoted)
            elif not token.is_space and not (outside_quotes and quoted):
                yield token.lower_


class EntityMatcher:
    """Finds every mention of an entity of entities.csv by its canonical name or an alias.

    Names are matched as written first: the aliases are the seeds' own spellings. A new text
    also meets a person's two-word name in the other order ("Hayashi Yoshimasa"), the surname
    alone ("Anand", the last word of the canonical name, when no other person shares it) and a
    name of several words in other capitals ("Nansei islands"); those are found too and marked
    as variants, unless the words are another entity's name. Where names overlap ("Japan" inside
    "Japan Air Self-Defense Force") the longest wins, and a name as written before a variant."""

    def __init__(self, entities: pd.DataFrame) -> None:
        nlp = pipeline()
        self._as_written = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._reordered = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._surname = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.types: dict[str, str] = {}
        owned = {
            fold(name) for entity in entities.itertuples(index=False) for name in _names(entity)
        }
        surnames = Counter(
            fold(entity.canonical_name.split()[-1])
            for entity in entities.itertuples(index=False)
            if entity.entity_type == "person"
        )
        for entity in entities.itertuples(index=False):
            names = _names(entity)
            docs = [nlp.make_doc(name) for name in names]
            self._as_written.add(entity.entity_id, docs)
            self._any_case.add(entity.entity_id, [doc for doc in docs if len(doc) > 1])
            if entity.entity_type == "person":
                swapped = {" ".join(reversed(n.split())) for n in names if len(n.split()) == 2}
                others = [n for n in swapped if fold(n) not in owned]
                self._reordered.add(entity.entity_id, [nlp.make_doc(n) for n in others])
                surname = entity.canonical_name.split()[-1]
                unique = surnames[fold(surname)] == 1 and fold(surname) not in owned
                if unique and len(surname) > 2:
                    self._surname.add(entity.entity_id, [nlp.make_doc(surname)])
            self.types[entity.entity_id] = entity.entity_type

    def mentions(self, doc: Doc, offset: int = 0) -> list[Mention]:
        found: list[Span] = []
        variant: dict[tuple[int, int], str] = {}
        for matcher, how in (
            (self._as_written, ""),
            (self._reordered, "its name in the other order"),
            (self._surname, "its surname alone"),
            (self._any_case, "its name in other capitals"),
        ):
            for key, start, end in matcher(doc):
                found.append(Span(doc, start, end, label=key))
                variant.setdefault((start, end), how)
        kept = sorted(filter_spans(found), key=lambda span: span.start)
        return [
            Mention(
                offset + span.start_char,
                offset + span.end_char,
                span.text,
                span.label_,
                self.types[span.label_],
                variant[(span.start, span.end)],
            )
            for span in kept
        ]


def _names(entity: Any) -> list[str]:
    return [name for name in (entity.canonical_name, *split_list(entity.aliases)) if name]


def sentences(text: str, matcher: EntityMatcher) -> list[Sentence]:
    """The text's sentences, paragraph by paragraph (a line break always ends a sentence)."""
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    found = []
    docs = pipeline().pipe(paragraph for _, paragraph in paragraphs)
    for (offset, paragraph), doc in zip(paragraphs, docs, strict=True):
        mentions = matcher.mentions(doc, offset)
        # A line with no sentence in it, or one cut into items by '|', is not prose.
        prose = _SENTENCE_END.search(paragraph) is not None and "|" not in paragraph
        for span in doc.sents:
            start, end = offset + span.start_char, offset + span.end_char
            inside = tuple(m for m in mentions if start <= m.start and m.end <= end)
            found.append(Sentence(span, offset, inside, prose))
    return found


def number_value(token: Token) -> float | None:
    """The cardinal number a token writes ("35", "1,200", "eight"); None for anything else,
    ordinals ("12th") included."""
    text = token.text.lower()
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    if _DIGITS.fullmatch(text):
        return float(text.replace(",", ""))
    return None


def number_text(value: float) -> str:
    """A number as a claim's value: '8', '2.5'."""
    return str(int(value)) if value == int(value) else str(value)
