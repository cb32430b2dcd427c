"""A report's filters are checked against the corpus before anything is assessed."""

from __future__ import annotations

import pytest

from claimtrace.errors import ParameterError
from claimtrace.present.selection import check_report_parameters

KNOWN = ["canadian-press", "indiablooms", "rips"]


def test_report_parameters_within_the_corpus_pass() -> None:
    check_report_parameters(
        KNOWN,
        sources=["canadian-press"],
        date_from="2022-10-01",
        date_to="2022-10-31",
        min_credibility=6,
    )


def test_report_parameters_outside_the_corpus_list_every_problem() -> None:
    with pytest.raises(ParameterError) as caught:
        check_report_parameters(
            KNOWN,
            sources=["reuters", "rips"],
            date_from="2022-10-31",
            date_to="2022-10-01",
            min_credibility=7,
        )
    message = str(caught.value)
    assert "unknown source id 'reuters'; valid: canadian-press, indiablooms, rips" in message
    assert "date_from 2022-10-31 is after date_to 2022-10-01" in message
    assert "min_credibility: 7 is not a credibility grade" in message
    assert "'rips'" not in message.split("valid:")[0]
    assert [p.parameter for p in caught.value.problems] == ["sources", None, "min_credibility"]


@pytest.mark.parametrize("day", ["2022-13-01", "01/10/2022", "2022-10", ""])
def test_window_dates_must_be_iso_days(day: str) -> None:
    with pytest.raises(ParameterError, match="not an ISO date"):
        check_report_parameters(
            KNOWN, sources=[], date_from=day, date_to="2022-10-31", min_credibility=6
        )
