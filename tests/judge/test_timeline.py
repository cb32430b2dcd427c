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
        ("isa-signed", "web", "copy+1", "reported_fact", True),
        ("isa-signed", "rips", "rips", "reported_fact", True),
        ("isa-signed", "copy", "copy+1", "reported_fact", True),
        ("isa-signed", "wire", "wire", "reported_fact", False),  # published before the signing
        ("isa-signed", "blog", "blog", "forecast", False),
        ("isa-signed", "think", "think", "analysis", False),
        ("centre", "web", "web", "reported_fact", True),
        ("acsa-signed", "rips", "rips", "reported_fact", True),
        ("acsa-signed", "rips", "rips", "forecast", False),
    ],
    columns=["event_id", "source_id", "origin_group", "kind", "attests_event"],
)
REFERENCE = pd.DataFrame({"event_id": ["isa-signed", "acsa-in-force"]})
CONFLICTS = pd.DataFrame(
    {"event_id": ["isa-signed", "isa-signed"], "attribute": ["place", "count; items"]}
)


def timeline() -> pd.DataFrame:
    return build_timeline(EVENTS, CLAIMS, REFERENCE, "record", CONFLICTS)


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
    assert isa["n_origins"] == 3  # copy and web's claims are one origin


def test_a_forecast_or_an_earlier_report_anticipates_the_event_and_attests_nothing() -> None:
    events = timeline().set_index("event_id")
    assert events.loc["isa-signed", "anticipating_sources"] == "blog; wire"  # not analysis
    # A source that attests the event is not listed as anticipating it as well.
    assert events.loc["acsa-signed", ["attesting_sources", "anticipating_sources"]].tolist() == [
        "rips",
        "",
    ]


def test_each_event_keeps_its_curated_details() -> None:
    isa = timeline().set_index("event_id").loc["isa-signed"]
    assert isa[
        ["title", "event_type", "agreement", "date", "date_precision", "place"]
    ].tolist() == [
        "ISA signed",
        "agreement_signed",
        "isa",
        "2025-07-08",
        "day",
        "tokyo",
    ]


def test_conflicts_flag_the_event_and_name_its_disputed_attributes() -> None:
    result = timeline().set_index("event_id")
    assert result.loc["isa-signed", "conflict"]
    assert result.loc["isa-signed", "disputed_attributes"] == "count; items; place"
    assert not result.loc["acsa-signed", "conflict"]
    assert result.loc["neon", ["attesting_sources", "n_origins"]].tolist() == ["", 0]


def test_events_of_one_start_keep_their_curated_order() -> None:
    undated = pd.DataFrame(
        [(f"e{n:02d}", "other", "", f"Event {n}", "", "unknown", "") for n in range(40)],
        columns=EVENTS.columns,
    )
    events = pd.concat([undated.iloc[::-1], EVENTS], ignore_index=True)
    ordered = build_timeline(events, CLAIMS, REFERENCE, "record", CONFLICTS)["event_id"]
    assert ordered.tolist()[-41:] == [*undated["event_id"].iloc[::-1], "centre"]


def test_a_corpus_without_events_has_an_empty_timeline_with_every_column() -> None:
    empty = build_timeline(EVENTS.head(0), CLAIMS.head(0), REFERENCE.head(0), "record", CONFLICTS)
    assert empty.empty and empty.columns.tolist() == TIMELINE_COLUMNS


def test_each_source_is_listed_once_in_order_and_claims_on_no_event_on_file_are_left_out() -> None:
    more = pd.DataFrame(
        [
            ("isa-signed", "web", "copy+1", "reported_fact", True),  # web again: listed once
            ("isa-signed", "aaa", "aaa", "reported_fact", True),
            ("elsewhere", "zzz", "zzz", "reported_fact", True),  # an event not on file
            ("neon", "bbb", "bbb", "forecast", False),
            ("neon", "bbb", "bbb", "plan", False),
        ],
        columns=CLAIMS.columns,
    )
    claims = pd.concat([CLAIMS, more], ignore_index=True)
    result = build_timeline(EVENTS, claims, REFERENCE, "record", CONFLICTS).set_index("event_id")
    assert result.loc["isa-signed", "attesting_sources"] == "aaa; copy; record; rips; web"
    assert result.loc["isa-signed", "n_origins"] == 4
    assert result.loc["neon", "anticipating_sources"] == "bbb"
    assert not result["attesting_sources"].str.contains("zzz").any()


def test_events_without_claims_are_attested_by_the_record_alone() -> None:
    result = build_timeline(EVENTS, CLAIMS.head(0), REFERENCE, "record", CONFLICTS.head(0))
    assert result["n_origins"].dtype == "int64"
    assert result.set_index("event_id")["attesting_sources"].to_dict() == {
        "acsa-signed": "",
        "neon": "",
        "acsa-in-force": "record",
        "isa-signed": "record",
        "centre": "",
    }
