"""Partial ISO dates: their precision, the days they span, and agreement at the coarser one."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrace.corpus.dates import coarser, dates_agree, end_of, precision_of, start_of, truncate


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2019", "year"), ("2022-10", "month"), ("2022-10-11", "day"), (" 2022-10 ", "month")],
)
def test_precision_is_the_form_the_date_is_written_in(value: str, precision: str) -> None:
    assert precision_of(value) == precision


@pytest.mark.parametrize("value", ["2022-13", "2023-02-29", "22-10-11", "2022/10", "", "2022-1"])
def test_an_impossible_or_malformed_date_is_refused(value: str) -> None:
    with pytest.raises(ValueError):
        precision_of(value)


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        ("2022-02", dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2022-12", dt.date(2022, 12, 1), dt.date(2022, 12, 31)),
        ("2022-10-11", dt.date(2022, 10, 11), dt.date(2022, 10, 11)),
    ],
)
def test_a_partial_date_spans_every_day_it_can_mean(
    value: str, first: dt.date, last: dt.date
) -> None:
    assert (start_of(value), end_of(value)) == (first, last)


def test_truncate_and_coarser() -> None:
    assert truncate("2022-10-11", "year") == "2022"
    assert truncate("2022-10-11", "month") == "2022-10"
    assert truncate(" 2022-10-11 ", "day") == "2022-10-11"
    assert coarser("day", "month") == coarser("month", "day") == "month"
    assert coarser("year", "day") == "year"


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("2022-10", "2022-10-11", True),
        ("2022-10-11", "2022-10-12", False),
        ("2022-10", "2022-11-01", False),
        ("2022", "2022-12-31", True),
        ("2021", "2022-01", False),
    ],
)
def test_dates_agree_at_the_coarser_precision(a: str, b: str, agree: bool) -> None:
    assert dates_agree(a, b) is agree
    assert dates_agree(b, a) is agree
