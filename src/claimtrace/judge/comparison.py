"""Two normalised values of one attribute, compared with the vocabulary's semantics.

data/README.md fixes how each attribute compares: entity ids as equal or not, lists as sets, a
partial list (`includes`) against a complete one (`items`), a `count` against a list's length,
dates as far as both are precise, numbers as the ranges their words allow. `description` is
never compared; a `role` is checked against the dated roles, and two claims of one role agree.

A verdict says whether the other statement vouches for everything this one says. So it is
AGREES only when the other says as much or more: a month vouches for neither of its days, and a
day vouches for its month. A statement that is compatible with this one but says less, or only
overlaps it, is CONSISTENT: it partly supports this one and confirms nothing. Two statements
that say the same thing agree both ways whatever attributes they use: a partial list that names
exactly the members of a complete list says what the complete list says.

Every compared value denotes a set of possibilities, and the verdicts follow from the sets:
disjoint sets DISAGREE, the other's set inside this one's AGREES, an overlap is CONSISTENT.
- A date is a range of instants: a day in the event's local time, or (`2025-07-07@America/
  Toronto`) a day in another place's local time, which covers parts of two of the event's
  local days. A date whose zone is not known (an event without a place) is its own local day.
- A number may be exact (`35`), about (`~35`: within a tenth of it), at most (`<35`) or at
  least (`>35`); so may an amount (in one currency) and a duration (`~P3Y`).
- A denial (`denied`) says "not this value": the other statement agrees with it when it rules
  the value out, and disagrees when it vouches for it; a denial never vouches for anything.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import NamedTuple

from claimtrace.corpus.dates import dates_agree, end_of, precision_of, start_of
from claimtrace.corpus.entities import split_list
from claimtrace.corpus.labels import unranged
from claimtrace.vocabulary import PRECISION_ORDER, RANGED_ATTRIBUTES

AGREES, DISAGREES, CONSISTENT = "agrees", "disagrees", "consistent"
VERDICTS = (AGREES, DISAGREES, CONSISTENT)
EXACT_ATTRIBUTES = frozenset({"place", "agreement_name"})
SET_COMPARED = frozenset({"signatories", "participants", "items"})
LIST_ATTRIBUTES = frozenset({"items", "includes"})
COMPARABLE: dict[str, frozenset[str]] = {
    **{a: frozenset({a}) for a in EXACT_ATTRIBUTES | SET_COMPARED | {"date", "role"}},
    "amount": frozenset({"amount"}),
    "duration": frozenset({"duration"}),
    "includes": LIST_ATTRIBUTES,
    "items": frozenset({"items", "includes", "count"}),
    "count": frozenset({"count", "items"}),
}
"""For each attribute, the attributes `compare_values` can reach a verdict against (elsewhere it
returns None), so a caller need not try every pair of statements on an event."""

ABOUT = 0.1
"""'About', 'around', 'approximately' X: within this fraction of X either way."""
ZONE_MARK = "@"
"""Joins a date and the IANA zone of its local time, for comparison only: `2025-07-07@Asia/
Tokyo`."""
_DURATION_PARTS = re.compile(
    r"P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?"
)
_SECONDS_IN = {
    "Y": 31_557_600,
    "M": 2_629_800,
    "W": 604_800,
    "D": 86_400,
    "h": 3_600,
    "m": 60,
    "s": 1,
}
"""Seconds in each unit of an ISO 8601 duration (a year of 365.25 days, a month a twelfth of it):
whole numbers, so equal durations written in other units compare equal exactly."""
_WIDEST_OFFSETS = (dt.timedelta(hours=14), dt.timedelta(hours=12))
"""How far east and west of UTC a local time can be: a day whose zone is unknown may begin 14
hours before its UTC day and end 12 hours after it."""


def family(attribute: str) -> str:
    """The family an attribute is compared within: attributes compared with one another,
    directly or through a third, speak of one thing (`count`, `items` and `includes` all of one
    list); a family is named by its first attribute in alphabetical order."""
    reached, frontier = {attribute}, [attribute]
    while frontier:
        new = COMPARABLE.get(frontier.pop(), frozenset()) - reached
        reached |= new
        frontier += new
    return min(reached)


def zoned(date: str, zone: str) -> str:
    """A date with the zone of its local time, as `compare_values` reads it (none: as it is)."""
    return f"{date}{ZONE_MARK}{zone}" if date and zone else date


def _members(value: str) -> set[str]:
    return set(split_list(value))


def _by_sets(inside: bool, apart: bool) -> str:
    """The verdict of two sets of possibilities: the other's inside this one's, or apart."""
    if apart:
        return DISAGREES
    return AGREES if inside else CONSISTENT


# Dates ------------------------------------------------------------------------------------------


def _precision_rank(date: str) -> int:
    return PRECISION_ORDER.index(precision_of(date))


def _instants(date: str, zone: str) -> tuple[dt.datetime, dt.datetime]:
    """The instants a partial date covers in a zone's local time, as UTC [start, end); in an
    unknown zone (""), every instant it covers in some zone."""
    first = dt.datetime.combine(start_of(date), dt.time())
    after = dt.datetime.combine(end_of(date) + dt.timedelta(days=1), dt.time())
    if not zone:
        east, west = _WIDEST_OFFSETS
        return (first - east).replace(tzinfo=dt.UTC), (after + west).replace(tzinfo=dt.UTC)
    local = zoneinfo.ZoneInfo(zone)
    return (
        first.replace(tzinfo=local).astimezone(dt.UTC),
        after.replace(tzinfo=local).astimezone(dt.UTC),
    )


def _compare_dates(value: str, other: str) -> str:
    mine, _, my_zone = value.partition(ZONE_MARK)
    theirs, _, their_zone = other.partition(ZONE_MARK)
    if my_zone == their_zone:  # one local time: compared day by day, as far as both are precise
        if not dates_agree(mine, theirs):
            return DISAGREES
        return AGREES if _precision_rank(theirs) >= _precision_rank(mine) else CONSISTENT
    (my_start, my_end), (their_start, their_end) = (
        _instants(mine, my_zone),
        _instants(theirs, their_zone),
    )
    inside = my_start <= their_start and their_end <= my_end and bool(my_zone and their_zone)
    return _by_sets(inside, apart=their_end <= my_start or my_end <= their_start)


# Numbers --------------------------------------------------------------------------------------


class Bounds(NamedTuple):
    """The numbers a ranged value allows, both ends included, in one unit (a currency's code,
    seconds for a duration, nothing for a count)."""

    low: float
    high: float
    unit: str


def _number(attribute: str, written: str) -> tuple[float, str]:
    if attribute == "duration":
        parts = _DURATION_PARTS.fullmatch(written)
        if parts is None:
            raise ValueError(f"not an ISO 8601 duration: {written!r}")
        given = {unit: float(n) for unit, n in parts.groupdict().items() if n}
        return sum(n * _SECONDS_IN[unit] for unit, n in given.items()), "seconds"
    number, _, unit = written.partition(" ")
    return float(number), unit


def bounds(attribute: str, value: str) -> Bounds:
    """The range a count, amount or duration allows: `~X` within ABOUT of X, `<X` at most X,
    `>X` at least X, X itself otherwise."""
    written = unranged(value)
    mark = value[: len(value) - len(written)]
    number, unit = _number(attribute, written)
    low, high = {
        "~": (number * (1 - ABOUT), number * (1 + ABOUT)),
        "<": (float("-inf"), number),
        ">": (number, float("inf")),
        "": (number, number),
    }[mark]
    return Bounds(low, high, unit)


def _compare_ranges(mine: Bounds, theirs: Bounds) -> str:
    if mine.unit != theirs.unit:
        return DISAGREES
    inside = mine.low <= theirs.low and theirs.high <= mine.high
    return _by_sets(inside, apart=theirs.high < mine.low or mine.high < theirs.low)


# Lists ------------------------------------------------------------------------------------------


def _compare_lists(attribute: str, value: str, other_attribute: str, other: str) -> str | None:
    """`includes` and `items` in any pairing: equal sets agree both ways; a partial list is
    confirmed by any list containing it; a complete list is contradicted by a partial list
    naming a member it lacks, and only partly supported by a shorter one; two partial lists
    naming some members in common support each other in part."""
    mine, theirs = _members(value), _members(other)
    if mine == theirs:
        return AGREES
    if attribute == "includes":
        if mine.issubset(theirs):
            return AGREES
        if other_attribute == "items":
            return DISAGREES
        return CONSISTENT if mine & theirs else None
    if other_attribute == "includes":
        return CONSISTENT if theirs.issubset(mine) else DISAGREES
    return DISAGREES


def _compare_count(count: str, items: str) -> str:
    """A count against the length of a complete list."""
    length = float(len(_members(items)))
    allowed = bounds("count", count)
    return AGREES if allowed.low <= length <= allowed.high else DISAGREES


def compare_values(
    attribute: str, value: str, other_attribute: str, other_value: str
) -> str | None:
    """Whether the other statement vouches for everything this one says (AGREES), contradicts
    it (DISAGREES), is compatible with it and supports it only in part (CONSISTENT), or cannot
    be compared with it (None).

    Both values are normalised; a date may carry its zone (`zoned`). A `count` meets an `items`
    list through its length (the source's own list, or the record's).
    """
    if attribute != other_attribute:
        if attribute in LIST_ATTRIBUTES and other_attribute in LIST_ATTRIBUTES:
            return _compare_lists(attribute, value, other_attribute, other_value)
        if {attribute, other_attribute} == {"count", "items"}:
            count, items = (value, other_value) if attribute == "count" else (other_value, value)
            return _compare_count(count, items)
        return None
    if attribute in EXACT_ATTRIBUTES:
        return AGREES if value == other_value else DISAGREES
    if attribute == "role":  # one person may hold two roles: only the same role is a verdict
        return AGREES if value == other_value else None
    if attribute == "date":
        return _compare_dates(value, other_value)
    if attribute in RANGED_ATTRIBUTES:
        return _compare_ranges(bounds(attribute, value), bounds(attribute, other_value))
    if attribute in LIST_ATTRIBUTES:
        return _compare_lists(attribute, value, other_attribute, other_value)
    if attribute in SET_COMPARED:
        return AGREES if _members(value) == _members(other_value) else DISAGREES
    return None


NEGATED = {AGREES: DISAGREES, DISAGREES: AGREES}
"""A verdict on a value, turned into the verdict on its denial."""


def compare_statements(said: tuple[str, str, bool], other: tuple[str, str, bool]) -> str | None:
    """`compare_values` of two statements (attribute, value, denied), where either may deny its
    value. A denial is agreed with by what rules its value out and contradicted by what vouches
    for it; what a denial says rules out only what vouches for the denied value; two denials
    say nothing about each other."""
    (attribute, value, denied), (other_attribute, other_value, other_denied) = said, other
    if denied and other_denied:
        return None
    if denied:
        return NEGATED.get(compare_values(attribute, value, other_attribute, other_value) or "")
    if other_denied:
        vouches = compare_values(other_attribute, other_value, attribute, value) == AGREES
        return DISAGREES if vouches else None
    return compare_values(attribute, value, other_attribute, other_value)
