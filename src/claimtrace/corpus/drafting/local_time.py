"""The local time a date is given in, read from the words next to it.

A date is given in a place's local time when the sentence says so next to it: a time of day in a
place ("on Monday evening in Ottawa"), a place's time ("10 a.m. Tokyo time"), "local time" in a
sentence that names a place, or a zone's abbreviation ("ET", "EDT", "JST"). The zone is the one
entities.csv gives the place in its `time_zone` column; an abbreviation is matched to the zones
entities.csv gives, by the names Python's tz database uses for them in the publication year. No
offset is written here. Without the column the date keeps an empty zone and a note naming the
place, for the curator to give it one.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from claimtrace.corpus.drafting.mentions import Mention, Sentence

ZONE_COLUMN = "time_zone"
PLACES = ("place", "country")
REACH = 30
"""How many characters may lie between a date and the words that give its local time."""
TIME_OF_DAY = re.compile(
    r"\b(?:morning|afternoon|evening|night|noon|midday|midnight|"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b))\s*(?:in|at)\s+",
    re.IGNORECASE,
)
LOCAL_TIME = re.compile(r"\blocal time\b", re.IGNORECASE)
PLACE_TIME = re.compile(r"\s+time\b")
ABBREVIATION = re.compile(r"\b[A-Z]{2,5}\b")


@dataclass(frozen=True)
class LocalTime:
    zone: str  # IANA name; "" when entities.csv gives the place none
    start: int  # the words that say it, as character offsets in the seed
    end: int
    reason: str
    note: str = ""


class Clocks:
    """The zones of entities.csv's places, and the abbreviations that name them."""

    def __init__(self, entities: pd.DataFrame, published: str) -> None:
        self.listed = ZONE_COLUMN in entities.columns
        self.zones: dict[str, str] = {}
        if self.listed:
            self.zones = {
                entity_id: zone
                for entity_id, zone in zip(
                    entities["entity_id"], entities[ZONE_COLUMN], strict=True
                )
                if isinstance(zone, str) and zone
            }
        year = int(published[:4]) if published[:4].isdigit() else dt.date.today().year
        self.abbreviations = _abbreviations(set(self.zones.values()), year)

    def said(self, sentence: Sentence) -> list[LocalTime]:
        """Every local time the sentence's words give."""
        text, at = sentence.span.text, sentence.start
        places = [m for m in sentence.mentions if m.entity_type in PLACES]
        found = []
        for cue in TIME_OF_DAY.finditer(text):
            place = next((m for m in places if m.start == at + cue.end()), None)
            if place is not None:
                words = text[cue.start() : place.end - at]
                found.append(self._of_place(place, at + cue.start(), place.end, words))
        for place in places:
            after = PLACE_TIME.match(text, place.end - at)
            if after is not None:
                words = text[place.start - at : after.end()]
                found.append(self._of_place(place, place.start, at + after.end(), words))
        for cue in LOCAL_TIME.finditer(text):
            if places:
                place = min(places, key=lambda m: abs(m.start - at - cue.start()))
                found.append(self._of_place(place, at + cue.start(), at + cue.end(), cue.group()))
        for cue in ABBREVIATION.finditer(text):
            if cue.group() in self.abbreviations:
                where = (at + cue.start(), at + cue.end())
                found.append(self._abbreviated(cue.group(), *where, places))
        return found

    def _of_place(self, place: Mention, start: int, end: int, words: str) -> LocalTime:
        reason = f"'{words}': a date in {place.text}'s local time"
        zone = self.zones.get(place.entity_id, "")
        if zone:
            return LocalTime(zone, start, end, reason)
        missing = (
            "has no time_zone column" if not self.listed else f"gives {place.text} no time zone"
        )
        note = f"given in {place.text}'s local time; entities.csv {missing}: add its IANA zone"
        return LocalTime("", start, end, reason, note)

    def _abbreviated(self, name: str, start: int, end: int, places: Iterable[Mention]) -> LocalTime:
        zones = self.abbreviations[name]
        named = {self.zones[m.entity_id] for m in places if m.entity_id in self.zones} & zones
        reason = f"'{name}': a date in the local time of a zone it abbreviates"
        if len(zones) == 1 or len(named) == 1:
            return LocalTime(min(named or zones), start, end, reason)
        note = f"'{name}' is the time of {', '.join(sorted(zones))}: write the place's zone"
        return LocalTime("", start, end, reason, note)


def given_in(said: list[LocalTime], start: int, end: int) -> LocalTime | None:
    """The local time, of those a sentence gives, that the date at start:end is given in: the
    nearest one next to it."""
    near = [local for local in said if local.start - REACH <= end and start <= local.end + REACH]
    return min(near, key=lambda local: min(abs(local.start - end), abs(start - local.end)),
               default=None)  # fmt: skip


def _abbreviations(zones: set[str], year: int) -> dict[str, set[str]]:
    """Each name the tz database gives these zones in winter and summer of `year` ("EST",
    "EDT", and "ET" for a zone that has both), and the zones it names."""
    found: dict[str, set[str]] = {}
    for zone in zones:
        info = zoneinfo.ZoneInfo(zone)
        names = {dt.datetime(year, month, 15, 12, tzinfo=info).tzname() or "" for month in (1, 7)}
        names = {name for name in names if name.isalpha()}  # "+09" names an offset, not a zone
        for letter in {name[0] for name in names}:
            if {f"{letter}ST", f"{letter}DT"} <= names:  # a standard and a daylight name
                names.add(f"{letter}T")
        for name in names:
            found.setdefault(name, set()).add(zone)
    return found
