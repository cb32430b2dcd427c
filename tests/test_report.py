"""What the notebooks show: filters honour the parameters, quotes are escaped, findings cite."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import CorpusCopy

from claimtrace import report
from claimtrace.assess import assess
from claimtrace.corpus import load_corpus

TIMELINE = pd.DataFrame(
    {
        "event_id": ["acsa-in-force", "isa-talks", "isa-signed", "centre"],
        "title": ["ACSA in force", "ISA talks", "ISA signed", "Centre"],
        "agreement": ["acsa", "isa", "isa", ""],
        "date": ["2019", "2022-10-11", "2025-07", ""],
        "date_precision": ["year", "day", "month", "unknown"],
        "attesting_sources": [
            "cips; record",
            "canadian-press; record",
            "mediawall; rips",
            "mediawall",
        ],
        "conflict": [False, True, True, False],
        "disputed_attributes": ["", "agreement_name", "place", ""],
    }
)
CLAIMS = pd.DataFrame(
    {
        "claim_id": ["cips-01", "canadian-press-01", "mediawall-01", "mediawall-02", "rips-01"],
        "source_id": ["cips", "canadian-press", "mediawall", "mediawall", "rips"],
        "event_id": ["acsa-in-force", "isa-talks", "isa-signed", "", "isa-signed"],
        "kind": ["reported_fact", "reported_fact", "reported_fact", "analysis", "reported_fact"],
        "credibility": [1, 5, 5, 6, 1],
    }
)


def _select(**given: object) -> list[str]:
    parameters = {
        "sources": [],
        "date_from": "2010-01-01",
        "date_to": "2026-12-31",
        "min_credibility": 6,
    } | given
    return list(report.select_claims(CLAIMS, TIMELINE, **parameters)["claim_id"])


def test_default_parameters_keep_every_claim() -> None:
    assert _select() == list(CLAIMS["claim_id"])


def test_sources_parameter_keeps_only_those_sources() -> None:
    assert _select(sources=["mediawall"]) == ["mediawall-01", "mediawall-02"]


def test_min_credibility_keeps_that_grade_and_better() -> None:
    assert _select(min_credibility=1) == ["cips-01", "rips-01"]
    assert _select(min_credibility=5) == ["cips-01", "canadian-press-01", "mediawall-01", "rips-01"]


def test_date_window_keeps_partial_dates_that_overlap_it_and_undated_claims() -> None:
    # 2019 (a year) overlaps a window starting mid-2019; 2025-07 (a month) overlaps July 31.
    assert _select(date_from="2019-06-01", date_to="2019-06-30") == ["cips-01", "mediawall-02"]
    assert _select(date_from="2025-07-31", date_to="2026-12-31") == [
        "mediawall-01",
        "mediawall-02",
        "rips-01",
    ]
    assert _select(date_from="2020-01-01", date_to="2022-10-10") == ["mediawall-02"]


def test_kind_and_event_filters() -> None:
    assert _select(kinds=["analysis"]) == ["mediawall-02"]
    assert _select(events=["isa-signed"]) == ["mediawall-01", "rips-01"]


def test_timeline_selection_narrows_the_attesting_sources() -> None:
    selected = report.select_timeline(
        TIMELINE, sources=["mediawall"], date_from="2010-01-01", date_to="2026-12-31"
    )
    assert list(selected["event_id"]) == ["isa-signed", "centre"]
    assert list(selected["attesting_sources"]) == ["mediawall", "mediawall"]


@pytest.mark.parametrize(
    ("date", "precision", "span"),
    [
        ("2019", "year", (dt.date(2019, 1, 1), dt.date(2020, 1, 1))),
        ("2022-12", "month", (dt.date(2022, 12, 1), dt.date(2023, 1, 1))),
        ("2025-07-08", "day", (dt.date(2025, 7, 8), dt.date(2025, 7, 9))),
        ("", "unknown", None),
    ],
)
def test_date_span_covers_what_the_precision_allows(
    date: str, precision: str, span: object
) -> None:
    assert report.date_span(date, precision) == span


def test_quote_in_context_escapes_html_and_marks_the_quote() -> None:
    seed = 'Before <b>bold</b> & "quoted". The pact, signed in <Ottawa>, is new. After & more.'
    start = seed.index("The pact")
    end = seed.index(", is new")
    shown = report.quote_in_context(seed, start, end, width=10)
    assert "<mark>The pact, signed in &lt;Ottawa&gt;</mark>" in shown
    assert "<b>" not in shown and "<Ottawa>" not in shown
    assert shown.count("…") == 2  # cut on both sides
    assert report.quote_in_context(seed, start, end, width=500).count("…") == 0


def test_line_breaks_in_the_seed_stay_line_breaks_in_print() -> None:
    seed = "First paragraph ends.\n“Second starts” here."
    shown = report.quote_in_context(seed, seed.index("“"), seed.index(" here"))
    assert shown.startswith('<span class="ct-context">First paragraph ends.<br></span><mark>')
    table = report.static_table(pd.DataFrame({"q": [shown]}), caption="c", html_columns=["q"])
    assert "\\n" not in table


def test_dual_table_escapes_every_cell_except_declared_html() -> None:
    frame = pd.DataFrame({"text": ["<script>alert(1)</script>"], "ctx": ["<mark>x</mark>"]})
    table = report.dual_table(frame, caption="A & B", html_columns=["ctx"])
    assert "<script>alert(1)</script>" not in table
    assert "&lt;script&gt;" in table and "<mark>x</mark>" in table
    assert f'class="{report.SCREEN_ONLY}"' in table and f'class="{report.PRINT_ONLY}"' in table
    assert "A &amp; B" in table
    assert 'src="http' not in table and "cdn" not in table.lower()  # offline: nothing fetched


def test_conflict_sides_read_entity_ids_as_names() -> None:
    names = {"ottawa": "Ottawa", "tokyo": "Tokyo"}
    assert report.conflict_sides("ottawa (mediawall) ≠ tokyo (record R12+R13, rips)", names) == [
        "Ottawa (mediawall)",
        "Tokyo (record R12+R13, rips)",
    ]
    assert report.conflict_sides("5 items (cips items) ≠ odd text", names)[1] == "odd text"


def test_findings_name_the_disagreement_and_cite_escaped_quotes(corpus_copy: CorpusCopy) -> None:
    rows = corpus_copy.rows("claims")
    place = next(i for i, row in enumerate(rows, 1) if row["attribute"] == "place")
    corpus_copy.set_cell("claims", place, "value", "Ottawa")
    entities = corpus_copy.rows("entities")
    if not any(row["entity_id"] == "ottawa" for row in entities):
        entities.append(
            {key: "" for key in entities[0]}
            | {"entity_id": "ottawa", "entity_type": "place", "canonical_name": "Ottawa"}
        )
        corpus_copy.write("entities", entities)
    corpus = load_corpus(corpus_copy.data_dir)
    assessment = assess(corpus)
    claim = corpus.claims.iloc[place - 1]
    findings = report.findings_html(
        assessment.conflicts, assessment.claims, assessment.timeline, corpus.entities
    )
    assert "A source and the record disagree on the place of" in findings
    assert "Ottawa (" in findings and "The record supports" in findings
    assert f"<code>{claim['claim_id']}</code>" in findings
    assert "“" in findings


def test_key_figures_count_the_selection() -> None:
    selection = report.Selection(
        claims=CLAIMS.assign(
            status=["confirmed", "contradicted", "contradicted", "not_judged", "confirmed"]
        ),
        sources=pd.DataFrame({"source_id": ["rips", "record"], "reliability": ["B", "A"]}),
        conflicts=pd.DataFrame({"scope": ["against_record", "internal"]}),
        timeline=TIMELINE,
    )
    assert report.key_figures(selection).splitlines() == [
        "claims: 5 (contradicted 2, unconfirmed 0, confirmed 2, not judged 1)",
        "events: 4, of them disputed: 2",
        "conflicts: 2 (against record 1, between sources 0, internal 1)",
        "reliability: rips B, record A",
    ]


def test_methods_print_the_grading_rules() -> None:
    methods = report.methods_html()
    assert "Admiralty" in methods
    assert "completely reliable" in methods and "truth cannot be judged" in methods
