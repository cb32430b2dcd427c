"""Partial ISO dates (`2019`, `2022-10`, `2022-10-11`) and comparison at the coarser precision.

A claim that an agreement was signed "in 2018" agrees with a record of 2018-04-21: the claim
says less, not something else. So dates are compared only as far as both sides are precise.

Years run from EARLIEST_YEAR to LATEST_YEAR (data/README.md): wide enough for any history or
forecast a claim makes, narrow enough that a typo such as 9999 or 0202 is caught by `check` and
every date derived from a valid one (the day after a month, the year after) exists.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from claimtrace.vocabulary import PRECISION_ORDER

_PARTIAL_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
EARLIEST_YEAR = 1800
LATEST_YEAR = 2199
DATE_FORM = f"an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from {EARLIEST_YEAR} to {LATEST_YEAR}"
"""How a valid date is described in messages."""


@functools.lru_cache(
    maxsize=1 << 16
)  # a large corpus compares the same few dates millions of times
def precision_of(value: str) -> str:
    """The precision a partial ISO date is written at; ValueError if it is not a valid date."""
    match = _PARTIAL_ISO.fullmatch(value.strip())
    if not match:
        raise ValueError(f"not {DATE_FORM}: {value!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:  # type: ignore[operator]  # a year always matches
        raise ValueError(f"not {DATE_FORM}: {value!r}")
    dt.date(year, month or 1, day or 1)  # type: ignore[arg-type]  # raises on a month 13 or a 31 February
    return PRECISION_ORDER[sum(part is not None for part in (month, day))]


def truncate(value: str, precision: str) -> str:
    """The date written at a coarser precision: truncate('2022-10-11', 'month') == '2022-10'."""
    return value.strip()[: {"year": 4, "month": 7, "day": 10}[precision]]


def coarser(a: str, b: str) -> str:
    """The coarser of two precisions."""
    return PRECISION_ORDER[min(PRECISION_ORDER.index(a), PRECISION_ORDER.index(b))]


def dates_agree(a: str, b: str) -> bool:
    """Whether two partial ISO dates agree at the coarser of their precisions."""
    common = coarser(precision_of(a), precision_of(b))
    return truncate(a, common) == truncate(b, common)


@functools.lru_cache(maxsize=1 << 16)
def start_of(value: str) -> dt.date:
    """The first day a partial ISO date can mean, for ordering and plotting."""
    parts = [int(part) for part in value.strip().split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@functools.lru_cache(maxsize=1 << 16)
def end_of(value: str) -> dt.date:
    """The last day a partial ISO date can mean: end_of('2022-02') == 2022-02-28.

    One partial date is not before another at the coarser precision of the two exactly when
    `end_of(later) >= start_of(earlier)`: the two periods, as ranges of days, do not end apart."""
    year, month, day = (*(int(part) for part in value.strip().split("-")), None, None)[:3]
    if day is not None:
        return dt.date(year, month, day)  # type: ignore[arg-type]  # a day has its year and month
    if month is not None:
        first = dt.date(year, month, 1)  # type: ignore[arg-type]  # raises on a month 13
        return (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return dt.date(year, 12, 31)  # type: ignore[arg-type]  # every partial date has a year
