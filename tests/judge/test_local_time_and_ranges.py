"""Dates given in another place's local time, values given as ranges, and values compared
across sources where the record is silent; each rule with its false alarm and its true alarm."""

from __future__ import annotations

import pytest

from claimtrace.judge.assess import assess
from claimtrace.judge.comparison import AGREES, CONSISTENT, DISAGREES, compare_values, zoned
from tests.factories import ISA_RECORD, build, claim, conflicts_as_exported, source

TOKYO, OTTAWA = "@Asia/Tokyo", "@America/Toronto"


@pytest.mark.parametrize(
    ("value", "other", "verdict"),
    [
        # The ISA was signed on the evening of 8 July in Tokyo, the morning of 8 July in Ottawa.
        ("2025-07-07" + OTTAWA, "2025-07-08" + TOKYO, CONSISTENT),  # Ottawa's evening
        ("2025-07-08" + OTTAWA, "2025-07-08" + TOKYO, CONSISTENT),
        ("2025-07-07" + OTTAWA, "2025-07-09" + TOKYO, DISAGREES),  # not the day after
        ("2025-07-06" + OTTAWA, "2025-07-08" + TOKYO, DISAGREES),
        ("2025-07" + TOKYO, "2025-07-07" + OTTAWA, AGREES),  # both of its Tokyo days in July
        ("2025-07-08" + TOKYO, "2025-07-08" + TOKYO, AGREES),  # one local time: day by day
        ("2025-07-08", "2025-07-07" + OTTAWA, CONSISTENT),  # a day of an unknown zone
        ("2025-07-08", "2025-07-05" + OTTAWA, DISAGREES),
        ("2025-07", "2025-07-15" + TOKYO, CONSISTENT),  # a month of an unknown zone
        # Two zones of one offset cover the same instants: the same day agrees, the next is
        # apart, though the two days touch.
        ("2025-07-08" + TOKYO, "2025-07-08@Asia/Seoul", AGREES),
        ("2025-07-09" + TOKYO, "2025-07-08@Asia/Seoul", DISAGREES),
        ("2025-07-08" + TOKYO, "2025-07-09@Asia/Seoul", DISAGREES),
    ],
)
def test_a_date_in_another_local_time_covers_the_event_days_it_overlaps(
    value: str, other: str, verdict: str
) -> None:
    assert compare_values("date", value, "date", other) == verdict


@pytest.mark.parametrize(
    ("attribute", "value", "other", "verdict"),
    [
        ("duration", "<P3Y", "~P2Y9M", CONSISTENT),  # "nearly three years", "about 2 years 9"
        ("duration", "<P3Y", "P2Y9M", AGREES),  # the exact span vouches for the bound
        ("duration", "~P2Y9M", "P4Y", DISAGREES),
        ("duration", "P3Y", "P36M", AGREES),
        # Every unit of a duration: weeks, days, hours, minutes, seconds.
        ("duration", "P1W", "P7D", AGREES),
        ("duration", "P2W", "P7D", DISAGREES),
        ("duration", "P1DT12H", "PT36H", AGREES),
        ("duration", "PT1H30M", "PT90M", AGREES),
        ("duration", "PT1M", "PT60S", AGREES),
        ("duration", "PT1M", "PT61S", DISAGREES),
        ("duration", "~P1M", "P30D", AGREES),
        ("duration", "P1Y", "P365D", DISAGREES),  # a year is 365 and a quarter days
        ("count", "~35", "33", AGREES),
        ("count", "35", "~35", CONSISTENT),  # "about 35" confirms no exact number
        ("count", ">5", "4", DISAGREES),
        ("count", "8", "9", DISAGREES),
        ("amount", "~78000000 CAD", "80000000 CAD", AGREES),
        ("amount", "~78000000 CAD", "78000000 USD", DISAGREES),
    ],
)
def test_approximate_values_compare_as_the_ranges_their_words_allow(
    attribute: str, value: str, other: str, verdict: str
) -> None:
    assert compare_values(attribute, value, attribute, other) == verdict


def test_a_count_as_a_range_meets_a_list_by_its_length() -> None:
    assert compare_values("count", "~5", "items", "a; b; c; d; e") == AGREES
    assert compare_values("count", ">6", "items", "a; b; c; d; e") == DISAGREES


def in_ottawa_time(day: str) -> tuple:
    corpus = build(
        [source("web")],
        [claim("web-1", "isa-signed", "date", day, time_zone="America/Toronto")],
        ISA_RECORD,
    )
    result = assess(corpus)
    claim_row = result.claims.iloc[0]
    return claim_row["status"], claim_row["credibility"], len(result.conflicts)


def test_a_date_in_ottawas_local_time_is_no_conflict_with_tokyos_next_day() -> None:
    assert in_ottawa_time("2025-07-07") == ("unconfirmed", 2, 0)  # partly supported
    assert in_ottawa_time("2025-07-06") == ("contradicted", 5, 1)


def test_the_same_date_without_its_local_time_is_a_conflict() -> None:
    corpus = build(
        [source("web")], [claim("web-1", "isa-signed", "date", "2025-07-07")], ISA_RECORD
    )
    result = assess(corpus)
    assert result.claims["status"].tolist() == ["contradicted"]


def counted(*counts: str) -> tuple:
    corpus = build(
        [source(f"s{n}") for n in range(len(counts))],
        [claim(f"s{n}-1", "centre-opens", "count", count) for n, count in enumerate(counts)],
        [],
    )
    result = assess(corpus)
    return result.claims["status"].tolist(), conflicts_as_exported(result)["scope"].tolist()


def test_counts_are_compared_between_sources_where_the_record_is_silent() -> None:
    assert counted("8", "9") == (["contradicted", "contradicted"], ["between_sources"])
    # "about eight" holds eight: the exact count confirms it, and it only supports the count.
    assert counted("8", "~8") == (["unconfirmed", "confirmed"], [])


def test_a_date_carries_a_zone_only_when_it_has_both() -> None:
    assert zoned("2025-07-08", "Asia/Tokyo") == "2025-07-08@Asia/Tokyo"
    assert zoned("2025-07-08", "") == "2025-07-08"
    assert zoned("", "Asia/Tokyo") == ""
