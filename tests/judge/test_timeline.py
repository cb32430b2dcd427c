"""The timeline: events in date order with their witnesses and disputes."""

from __future__ import annotations

import pandas as pd

from claimtrace.judge.timeline import TIMELINE_COLUMNS, build_timeline

EVENTS = pd.DataFrame(
    [
        ("isa-signed", "agreement_signed", "isa", "ISA signed", "2025-07-08", "day", "tokyo"),
        ("centre", "other", "", "A centre", "", "unknown", ""),
        ("acsa-in-force", "agreement_in_force", "acsa", "ACSA in force", "2019", "year", ""),
        ("acsa-signed", "agreement_signed", "acsa", "ACSA signed", "2018-04-21", "day", ""),
        ("neon", "operation", "", "NEON begins", "2018-05", "month", ""),
    ],
    columns=["event_id", "event_type", "agreement", "title", "date", "date_precision", "place"],
)
CLAIMS = pd.DataFrame(
    [
        ("isa-signed", "web"),
        ("isa-signed", "rips"),
        ("isa-signed", "copy"),
        ("centre", "web"),
        ("acsa-signed", "rips"),
    ],
    columns=["event_id", "source_id"],
)
REFERENCE = pd.DataFrame({"event_id": ["isa-signed", "acsa-in-force"]})
ORIGINS = {"web": "copy+web", "copy": "copy+web", "rips": "rips", "record": "record"}
CONFLICTS = pd.DataFrame(
    {"event_id": ["isa-signed", "isa-signed"], "attribute": ["place", "count; items"]}
)


def timeline() -> pd.DataFrame:
    return build_timeline(EVENTS, CLAIMS, REFERENCE, "record", ORIGINS, CONFLICTS)


def test_events_are_in_date_order_coarse_dates_at_their_start_undated_last() -> None:
    result = timeline()
    assert list(result.columns) == TIMELINE_COLUMNS
    assert result["event_id"].tolist() == [
        "acsa-signed",
        "neon",
        "acsa-in-force",
        "isa-signed",
        "centre",
    ]


def test_attesting_sources_include_the_record_and_origins_are_counted_once() -> None:
    isa = timeline().set_index("event_id").loc["isa-signed"]
    assert isa["attesting_sources"] == "copy; record; rips; web"
    assert isa["n_origins"] == 3  # copy and web are one origin


def test_conflicts_flag_the_event_and_name_its_disputed_attributes() -> None:
    result = timeline().set_index("event_id")
    assert result.loc["isa-signed", "conflict"]
    assert result.loc["isa-signed", "disputed_attributes"] == "count; items; place"
    assert not result.loc["acsa-signed", "conflict"]
    assert result.loc["neon", ["attesting_sources", "n_origins"]].tolist() == ["", 0]
