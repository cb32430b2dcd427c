"""Dates and durations written in French or Japanese, read as the curated tables write them.

French dates with a month name (« le 11 octobre 2022 », « en juillet 2025 ») are read by
dateparser's French data; a weekday alone (« lundi », « mardi dernier ») is the latest such day
not after publication, and one with « prochain » the next after it. Japanese dates are numeric:
「2025年7月8日」, a month 「2025年7月」, a year 「2025年」, an era year 「令和7年」 (Reiwa 1 is
2019), a month and day without a year 「7月8日」 (the latest not after publication) and a day
alone 「8日」 (that day of the publication's month, as Japanese news writes the current month's
days). Each relative one says in its note how it was resolved. Durations («près de trois ans»,
「約3年」) are ISO 8601 durations, marked as approximate.py says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from dateparser.date import DateDataParser

from claimtrace.corpus.drafting.approximate import ABOUT, AT_LEAST, AT_MOST
from claimtrace.corpus.drafting.date_expressions import DateExpression, Duration
from claimtrace.corpus.drafting.foreign_text import (
    FRENCH_NUMBERS,
    KANJI_NUMBER,
    comparable,
    number_in,
)
from claimtrace.corpus.drafting.mentions import Sentence

FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
FRENCH_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
JAPANESE_WEEKDAYS = "月火水木金土日"
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
"""Each era's year 0: 令和7年 is 2018 + 7 = 2025."""
_MONTH = "|".join(FRENCH_MONTHS)
_FRENCH_DATE = re.compile(
    rf"\b(?:(?P<day>1er|\d{{1,2}})\s+)?(?P<month>{_MONTH})(?:\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)
_FRENCH_WEEKDAY = re.compile(
    rf"\b(?P<weekday>{'|'.join(FRENCH_WEEKDAYS)})(?:\s+(?P<which>dernier|prochain))?\b",
    re.IGNORECASE,
)
_FRENCH_YEAR = re.compile(r"\ben\s+(?P<year>\d{4})\b")
_ERA = "|".join(ERAS)
_JAPANESE_DATE = re.compile(
    rf"(?:(?P<era>{_ERA})(?P<era_year>\d{{1,2}}|元)年|(?P<year>\d{{4}})年)?"
    r"(?:(?P<month>\d{1,2})月)?(?:(?P<day>\d{1,2})日)?"
    rf"(?:[（(](?P<weekday>[{JAPANESE_WEEKDAYS}])[）)])?"
)
_JAPANESE_DURATION_AFTER = re.compile(r"間|以上|近く|余り|ぶり")
"""Words after 「N年」 that make it a span of years (「3年間」「5年ぶり」), not a year."""
_NOT_A_DAY_AFTER = ("本", "間", "米", "中", "加", "韓", "英", "豪", "印", "曜")
"""Characters after 日 that make it part of a word (日本, 日間, 日米…), not a day."""
_FRENCH_UNITS = {"an": "Y", "ans": "Y", "année": "Y", "années": "Y", "mois": "M",
                 "semaine": "W", "semaines": "W", "jour": "D", "jours": "D"}  # fmt: skip
_FRENCH_BOUNDS = {"environ": ABOUT, "près de": AT_MOST, "presque": AT_MOST,
                  "moins de": AT_MOST, "plus de": AT_LEAST, "au moins": AT_LEAST}  # fmt: skip
_FRENCH_DURATION = re.compile(
    rf"(?:\b(?P<bound>{'|'.join(_FRENCH_BOUNDS)})\s+)?"
    rf"\b(?P<number>\d+|{'|'.join(FRENCH_NUMBERS)})\s+(?P<unit>{'|'.join(_FRENCH_UNITS)})\b",
    re.IGNORECASE,
)
_JAPANESE_UNITS = {"年": "Y", "カ月": "M", "か月": "M", "ヶ月": "M", "ヵ月": "M", "週間": "W",
                   "日間": "D"}  # fmt: skip
_JAPANESE_DURATION = re.compile(
    rf"(?P<before>約|およそ|ほぼ)?(?P<number>\d+|{KANJI_NUMBER})"
    rf"(?P<unit>{'|'.join(_JAPANESE_UNITS)})(?P<after>間|以上|近く|余り|弱|強)?"
)
_JAPANESE_BOUNDS = {"約": ABOUT, "およそ": ABOUT, "ほぼ": ABOUT, "以上": AT_LEAST,
                    "余り": AT_LEAST, "強": AT_LEAST, "近く": AT_MOST, "弱": AT_MOST}  # fmt: skip


@dataclass(frozen=True)
class _Reading:
    value: str
    relative: bool
    note: str


def foreign_dates(sentence: Sentence, published: str, language: str) -> list[DateExpression]:
    """Every date the sentence writes, read against the publication date."""
    text = comparable(sentence.span.text)
    base = dt.date.fromisoformat(published) if len(published) == 10 else None
    found = []
    readings = _french(text, base) if language == "fr" else _japanese(text, base)
    for start, end, reading in readings:
        found.append(
            DateExpression(
                sentence.start + start,
                sentence.start + end,
                sentence.span.text[start:end],
                reading.value,
                reading.relative,
                reading.note,
            )
        )
    return found


def _french(text: str, base: dt.date | None) -> Iterator[tuple[int, int, _Reading]]:
    taken: list[tuple[int, int]] = []
    for match in _FRENCH_DATE.finditer(text):
        day, year = match.group("day", "year")
        if not day and not year:
            continue  # « mai » alone is too often another word; « en juillet » needs a year
        reading = _french_date(match.group(), bool(day), bool(year), base)
        if reading is not None:
            taken.append(match.span())
            yield *match.span(), reading
    for match in _FRENCH_WEEKDAY.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        weekday = FRENCH_WEEKDAYS.index(match.group("weekday").lower())
        yield *match.span(), _weekday(match.group(), weekday, match.group("which"), base)
    for match in _FRENCH_YEAR.finditer(text):
        yield *match.span(), _Reading(match.group("year"), False, "")


def _french_date(
    words: str, has_day: bool, has_year: bool, base: dt.date | None
) -> _Reading | None:
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    read = DateDataParser(languages=["fr"], settings=settings).get_date_data(words)
    if read.date_obj is None:
        return None
    day = read.date_obj.date()
    value = day.isoformat() if has_day else day.isoformat()[:7]
    if has_year:
        return _Reading(value, False, "")
    if base is None:
        return _Reading("", True, f"'{words}' gives no year and the source has no date")
    return _Reading(value, True, f"'{words}' in a story of {base.isoformat()} = {value}")


def _weekday(words: str, weekday: int, which: str | None, base: dt.date | None) -> _Reading:
    if base is None:
        return _Reading("", True, f"'{words}' cannot be resolved: the source has no date")
    if which and which.lower() == "prochain":
        day = base + dt.timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)
    else:
        day = base - dt.timedelta(days=(base.weekday() - weekday) % 7)
    named = f"{base.strftime('%A')} {base.isoformat()}"
    return _Reading(day.isoformat(), True, f"'{words}' in a story of {named} = {day.isoformat()}")


def _japanese(text: str, base: dt.date | None) -> Iterator[tuple[int, int, _Reading]]:
    for match in _JAPANESE_DATE.finditer(text):
        parts = match.groupdict()
        if not match.group() or not any(parts[k] for k in ("year", "era", "month", "day")):
            continue
        if parts["day"] and not parts["month"] and not _is_day(text, match):
            continue
        if parts["month"] and not parts["day"] and text.startswith(("間", "期"), match.end()):
            continue  # 「3月間」 is not a date
        if (parts["year"] or parts["era"]) and _JAPANESE_DURATION_AFTER.match(text, match.end()):
            continue
        reading = _japanese_date(match.group(), parts, base)
        if reading is not None:
            yield *match.span(), reading


def _is_day(text: str, match: re.Match[str]) -> bool:
    """Whether 「N日」 is a day of the month: not a count of days, not part of a word."""
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end() : match.end() + 1]
    return before not in ("約", "第", "毎") and after not in _NOT_A_DAY_AFTER


def _japanese_date(
    words: str, parts: dict[str, str | None], base: dt.date | None
) -> _Reading | None:
    era, era_year = parts["era"], parts["era_year"]
    year = int(parts["year"]) if parts["year"] else None
    note = ""
    if era is not None and era_year is not None:
        year = ERAS[era] + (1 if era_year == "元" else int(era_year))
        note = f"'{era}{era_year}年' ({era} {era_year}) = {year}"
    month = int(parts["month"]) if parts["month"] else None
    day = int(parts["day"]) if parts["day"] else None
    relative = year is None
    if relative:
        if base is None:
            return _Reading("", True, f"'{words}' gives no year and the source has no date")
        year = base.year
        if month is None:
            month = base.month
        elif (month, day or 1) > (base.month, base.day):
            year -= 1  # a month and day with no year: the latest not after publication
    assert year is not None  # read from the words, or the publication's year
    value = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    if relative:
        assert base is not None
        note = f"'{words}' in a story of {base.isoformat()} = {value}"
    return _Reading(value, relative, note)


def foreign_durations(sentence: Sentence, language: str) -> list[Duration]:
    """Every duration the sentence writes, marked where words make it approximate."""
    text = comparable(sentence.span.text)
    found = []
    if language == "fr":
        for match in _FRENCH_DURATION.finditer(text):
            unit = _FRENCH_UNITS[match.group("unit").lower()]
            bound = _FRENCH_BOUNDS.get((match.group("bound") or "").lower(), "")
            found.append((match, bound, number_in(match.group("number")), unit))
    else:
        for match in _JAPANESE_DURATION.finditer(text):
            marks = [match.group("before"), match.group("after")]
            if not any(marks) and match.group("unit") == "年":
                continue  # 「3年」 alone is more often a year of an era or a date
            bound = next((_JAPANESE_BOUNDS[m] for m in marks if m in _JAPANESE_BOUNDS), "")
            unit = _JAPANESE_UNITS[match.group("unit")]
            found.append((match, bound, number_in(match.group("number")), unit))
    return [
        Duration(
            sentence.start + match.start(),
            sentence.start + match.end(),
            sentence.span.text[match.start() : match.end()],
            f"{bound}P{number}{unit}",
            f"'{sentence.span.text[match.start() : match.end()]}'"
            + (" is approximate" if bound else ""),
        )
        for match, bound, number, unit in found
        if number
    ]
