"""Date and duration expressions in a seed, each read as the curated tables write them.

Dates are found by dateparser's search (which ships its own language data) and by a few rules
for relative phrases it misses ("last month", "by the end of the year"), then read by dateparser
at the precision the words give. An expression is relative when its reading depends on the day
it is read on ("on Tuesday", "in October", "December 17"); a relative one is resolved against
the source's publication date, or said to be unresolvable when the source has none. Durations
("nearly three years", "half a decade") become ISO 8601 durations, marked when the words make
them approximate (approximate.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from dateparser.date import DateDataParser
from dateparser.search import search_dates
from spacy.matcher import Matcher
from spacy.tokens import Span, Token
from spacy.util import filter_spans

from claimtrace.corpus.dates import DATE_FORM, end_of, precision_of, start_of, truncate
from claimtrace.corpus.drafting.approximate import MEANINGS, bound
from claimtrace.corpus.drafting.mentions import Sentence, number_value, pipeline

MONTHS = frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:]) | {"Sept"}
WEEKDAYS = frozenset(calendar.day_name)
RELATIVE_WORDS = ("last", "next", "this", "past", "previous", "coming")
PERIOD_WORDS = ("week", "weekend", "month", "year")
# Two days far apart that differ in year, month and weekday: a reading that is the same on both
# does not depend on when it is read.
PROBES = (dt.datetime(2001, 3, 14), dt.datetime(2013, 9, 27))
CLOCK = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")
MERIDIEMS = ("a.m.", "p.m.", "am", "pm", "a.m", "p.m")
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}
UNIT_FACTOR = {"decade": 10}
UNIT_NAMES = {"D": "day", "W": "week", "M": "month", "Y": "year"}
UNIT_ORDER = ("Y", "M", "W", "D")
"""ISO 8601's order of a duration's parts: "two years and nine months" is one duration."""
JOINING = ("and", ",")


@dataclass(frozen=True)
class DateExpression:
    """A date the seed writes, read as a partial ISO date."""

    start: int  # character offsets in the seed
    end: int
    text: str
    value: str  # partial ISO date; "" when it cannot be resolved
    relative: bool
    note: str  # how a relative expression was resolved, or why it could not be


@dataclass(frozen=True)
class Duration:
    start: int
    end: int
    text: str
    value: str  # ISO 8601 duration, P3Y; ~P3Y, <P3Y or >P3Y when approximate
    note: str


@functools.cache
def _relative_matcher() -> Matcher:
    matcher = Matcher(pipeline().vocab)
    named = [w.lower() for w in (*PERIOD_WORDS, *WEEKDAYS, *calendar.month_name[1:])]
    matcher.add(
        "relative",
        [
            [{"LOWER": {"IN": list(RELATIVE_WORDS)}}, {"LOWER": {"IN": named}}],
            [
                {"LOWER": "end"},
                {"LOWER": "of"},
                {"LOWER": {"IN": ["the", "this", "next"]}},
                {"LOWER": {"IN": list(PERIOD_WORDS)}},
            ],
            [{"LOWER": {"IN": ["yesterday", "tomorrow"]}}],
        ],
    )
    return matcher


@functools.cache
def _duration_matcher() -> Matcher:
    matcher = Matcher(pipeline().vocab)
    units = [{"LOWER": {"IN": [f"{unit}s" for unit in UNITS] + list(UNITS)}}]
    matcher.add(
        "duration",
        [
            [{"LIKE_NUM": True}, *units],
            [{"LOWER": "half"}, {"LOWER": {"IN": ["a", "an"]}}, *units],
        ],
    )
    return matcher


@functools.cache
def _parser(base: dt.datetime) -> DateDataParser:
    return DateDataParser(
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": base,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


def find_dates(sentence: Sentence, published: str) -> list[DateExpression]:
    """Every date expression in the sentence, read against the publication date."""
    found = []
    for span in _candidates(sentence):
        if any(CLOCK.fullmatch(token.text) for token in span):
            continue  # a timestamp: a page's dateline or the time it was viewed, not a claim
        words = _trimmed(span)
        if words is None or not _names_a_date(words):
            continue
        read = _read_expression(words, published)
        if read is not None:
            start, end = sentence.char_start(words[0]), sentence.char_end(words[-1])
            found.append(_holdable(DateExpression(start, end, words.text, *read)))
    return found


def _holdable(date: DateExpression) -> DateExpression:
    """The date, or no value with a note when the data cannot hold it ('back to 1603')."""
    try:
        if date.value:
            precision_of(date.value)
    except ValueError:
        note = f"{date.text!r} is outside the dates the data holds ({DATE_FORM})"
        return replace(date, value="", note=note)
    return date


def _candidates(sentence: Sentence) -> list[Span]:
    span = sentence.span
    doc = span.doc
    found = [span[start:end] for _, start, end in _relative_matcher()(span.as_doc())]
    # dateparser reads no-break spaces as letters; one character for one keeps the offsets.
    plain = span.text.translate(SPACES)
    at = 0
    for text, _ in search_dates(plain, languages=["en"]) or []:
        where = plain.find(text, at)
        if where < 0:
            continue
        at = where + len(text)
        chars = span.start_char + where
        piece = doc.char_span(chars, chars + len(text), alignment_mode="expand")
        if piece is not None:
            found.append(piece)
    return sorted(filter_spans(found), key=lambda s: s.start)


def _trimmed(span: Span) -> Span | None:
    """The span without leading or trailing connectives, punctuation and spaces, nor the hour
    of a clock time it stops inside ("July 8 at 10" of "July 8 at 10 a.m.")."""
    start, end = span.start, span.end
    doc = span.doc
    if end < len(doc) and doc[end].lower_ in MERIDIEMS and doc[end - 1].like_num:
        end -= 1

    def loose(token: Token) -> bool:
        return token.is_punct or token.is_space or token.lower_ in ("and", "or")

    while start < end and loose(doc[start]):
        start += 1
    while end > start and (
        loose(doc[end - 1]) or (doc[end - 1].is_stop and not _date_word(doc[end - 1]))
    ):
        end -= 1
    return doc[start:end] if end > start else None


def _is_year(token: Token) -> bool:
    return token.shape_ == "dddd" and 1000 <= int(token.text) <= 2999


def _date_word(token: Token) -> bool:
    return (
        token.text.rstrip(".") in MONTHS
        or token.text in WEEKDAYS
        or _is_year(token)
        or token.lower_ in ("yesterday", "tomorrow")
    )


def _names_a_date(words: Span) -> bool:
    """Whether the words name a date (a month, weekday, year or a relative period), not merely
    something dateparser can read ("we", "may", "$78"); a bare year right after a capitalised
    word is part of a name ("Summit 2026")."""
    tokens = list(words)
    relative = any(
        t.lower_ in PERIOD_WORDS and i > 0 and tokens[i - 1].lower_ in (*RELATIVE_WORDS, "the")
        for i, t in enumerate(tokens)
    )
    if not (relative or any(_date_word(t) for t in tokens)):
        return False
    years = [t for t in tokens if _is_year(t)]
    if years and all(_is_year(t) or t.is_stop for t in tokens):
        before = words.doc[years[0].i - 1] if years[0].i > 0 else None
        if before is None or not before.is_title or before.text.rstrip(".") in MONTHS:
            return True
        return bool(before.is_sent_start)  # "Tokyo 2025" mid-sentence names a thing, not a date
    return True


def _read_expression(words: Span, published: str) -> tuple[str, bool, str] | None:
    """(value, relative, note), or None when dateparser cannot read it or it is a timestamp."""
    weekday_only = any(t.text in WEEKDAYS for t in words) and not any(
        t.like_num or t.text.rstrip(".") in MONTHS for t in words
    )
    text = re.sub(r"\bthe (week|month|year)\b", r"this \1", words.text, flags=re.IGNORECASE)
    text = text.translate(SPACES)
    probes = [_value(text, base, weekday_only) for base in PROBES]
    if probes[0] is None or probes[0] == "time":
        return None
    if probes[0] == probes[1]:
        return probes[0], False, ""
    quoted = f"'{words.text}'"
    if not published:
        return "", True, f"{quoted} cannot be resolved: the source has no publication date"
    first, last = start_of(published), end_of(published)
    bases = [dt.datetime.combine(day, dt.time(12)) for day in (first, last)]
    first_reading, last_reading = (_value(text, base, weekday_only) for base in bases)
    if first_reading is None or last_reading is None or "time" in (first_reading, last_reading):
        return None
    value = _common(first_reading, last_reading)
    if not value:
        return "", True, f"{quoted} cannot be resolved: the source is dated only {published}"
    note = f"{quoted} in a source published {published} = {value}"
    if "week" in words.text.lower() and len(value) < 10:
        kept = "month" if len(value) == 7 else "year"
        note += f" (a week, kept to the {kept} it falls in)"
    return value, True, note


def _value(text: str, base: dt.datetime, weekday_only: bool) -> str | None:
    """The text read on `base` as a partial ISO date, 'time' for a timestamp, None if unread.

    A weekday alone means the latest such day up to and including the base day ("on Tuesday" in
    a story of Tuesday is that day), where dateparser would take the week before. Words it cannot
    read are dropped from the front one at a time ("by the end of this year" -> "this year")."""
    if weekday_only:
        base += dt.timedelta(days=1)
    words = text.split()
    while words:
        data = _parser(base).get_date_data(" ".join(words))
        if data.date_obj is not None:
            return _at_period(data.date_obj.date(), data.period)
        words = words[1:]
    return None


def _at_period(day: dt.date, period: str | None) -> str:
    if period == "time":
        return "time"
    if period == "week":  # the Monday-to-Sunday week, at the finest precision it fits in
        monday = day - dt.timedelta(days=day.weekday())
        return _common(monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat())
    return truncate(day.isoformat(), {"year": "year", "month": "month"}.get(period or "", "day"))


def _common(a: str, b: str) -> str:
    """The finest partial date two readings agree on; "" when not even the year agrees."""
    for width in (10, 7, 4):  # day, month, year
        if len(a) >= width and len(b) >= width and a[:width] == b[:width]:
            return a[:width]
    return ""


def find_durations(sentence: Sentence, published: str) -> list[Duration]:
    """Every duration in the sentence ("nearly three years" = <P3Y, at most three years; "two
    years and nine months" = P2Y9M)."""
    span = sentence.span
    groups: list[list[tuple[int, int, int, str]]] = []  # runs of parts joined by "and" or ","
    for _, start, end in _duration_matcher()(span.as_doc()):
        part = _duration_part(list(span[start:end]))
        if part is None:
            continue
        joined = groups and all(t.lower_ in JOINING for t in span[groups[-1][-1][1] : start])
        if joined and UNIT_ORDER.index(part[1]) > UNIT_ORDER.index(groups[-1][-1][3]):
            groups[-1].append((start, end, *part))
        else:
            groups.append([(start, end, *part)])
    found = []
    for parts in groups:
        sign, qualified = bound(span[: parts[0][0]])
        words = span[parts[0][0] - qualified : parts[-1][1]]
        value = "P" + "".join(f"{amount}{unit}" for _, _, amount, unit in parts)
        named = " and ".join(f"{amount} {UNIT_NAMES[unit]}{'' if amount == 1 else 's'}"
                         for _, _, amount, unit in parts)  # fmt: skip
        read = f"{MEANINGS[sign]} " if sign else ""
        note = f"'{words.text}' read as {read}{named}"
        note += "; " + _counted_back([(amount, unit) for _, _, amount, unit in parts], published)
        found.append(
            Duration(sentence.char_start(words[0]), sentence.char_end(words[-1]), words.text,
                     sign + value, note)
        )  # fmt: skip
    return found


def _duration_part(tokens: list[Token]) -> tuple[int, str] | None:
    """(amount, ISO unit) of a number and a unit ("three years", "half a decade" = 5, Y)."""
    unit_word = tokens[-1].lower_.rstrip("s")
    amount = 0.5 if tokens[0].lower_ == "half" else number_value(tokens[0])
    if amount is None:
        return None
    amount *= UNIT_FACTOR.get(unit_word, 1)
    unit = UNITS[unit_word]
    if amount != int(amount) and unit == "Y":  # "half a year": ISO counts whole units
        amount, unit = amount * 12, "M"
    return (int(amount), unit) if amount == int(amount) else None


def _counted_back(parts: list[tuple[int, str]], published: str) -> str:
    if not published:
        return "it cannot be counted back to a date: the source has no publication date"
    days = sum({"D": 1, "W": 7, "M": 30.44, "Y": 365.25}[unit] * amount for amount, unit in parts)
    since = start_of(published) - dt.timedelta(days=round(days))
    return f"counted back from the publication date ({published}) it begins about {since:%Y-%m}"
