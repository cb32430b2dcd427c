"""The charts state their finding, label their axes, cite the data, and draw dates honestly."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import warnings
from itertools import combinations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import Assessment, assess
from claimtrace.present import charts, report, timeline_chart
from tests.factories import FROZEN_DATA, GOOD

MILESTONES = pd.DataFrame(
    [
        {
            "event_id": "acsa-signed",
            "title": "ACSA signed",
            "event_type": "agreement_signed",
            "agreement": "acsa",
            "date": "2018-04-21",
            "date_precision": "day",
            "place": "toronto",
            "attesting_sources": "record; rips",
            "n_origins": 2,
            "conflict": False,
            "disputed_attributes": "",
        },
        {
            "event_id": "acsa-in-force",
            "title": "ACSA enters into force",
            "event_type": "agreement_in_force",
            "agreement": "acsa",
            "date": "2019",
            "date_precision": "year",
            "place": "",
            "attesting_sources": "cips; record",
            "n_origins": 2,
            "conflict": False,
            "disputed_attributes": "",
        },
        {
            "event_id": "isa-signed",
            "title": "ISA signed",
            "event_type": "agreement_signed",
            "agreement": "isa",
            "date": "2025-07-08",
            "date_precision": "day",
            "place": "tokyo",
            "attesting_sources": "mediawall; record; rips",
            "n_origins": 3,
            "conflict": True,
            "disputed_attributes": "place; role",
        },
    ]
)


def _caption(fig: Figure) -> str:
    captions = [text.get_text() for text in fig.texts if "Data: " in text.get_text()]
    assert len(captions) == 1, [text.get_text() for text in fig.texts]
    return captions[0]


def _row_of(fig: Figure, title: str) -> int:
    ax = fig.axes[0]
    labels = [label.get_text().replace("\n", " ") for label in ax.get_yticklabels()]
    return labels.index(title)


@pytest.fixture(scope="module")
def good() -> tuple[Assessment, str]:
    corpus = load_corpus(GOOD / "data")
    return assess(corpus), corpus.data_hash


def test_timeline_states_its_finding_labels_axes_and_cites_data() -> None:
    fig = timeline_chart.agreements_timeline(MILESTONES)
    assert fig.get_suptitle().startswith(
        "One of three agreement milestones has details the sources dispute"
    )
    assert "ISA signed (place, role)" in fig.get_suptitle()
    ax = fig.axes[0]
    assert ax.get_xlabel().startswith("Date") and ax.get_ylabel() == "Event"
    caption = _caption(fig)
    assert "Data: the curated events" in caption and "data/" not in caption


def test_timeline_title_names_a_few_disputed_milestones_and_counts_the_rest() -> None:
    isa = MILESTONES.iloc[[2]]
    disputed = pd.concat([isa.assign(event_id=f"i{n}", title=f"ISA {n} signed") for n in range(8)])
    fig = timeline_chart.agreements_timeline(disputed)
    title = " ".join(fig.get_suptitle().split())
    assert title.startswith("All eight agreement milestones have details the sources dispute")
    assert "ISA 2 signed (place, role)" in title and "ISA 3 signed" not in title
    assert " ".join(title.split()).endswith("and 5 more")


def test_year_precision_is_a_bar_across_the_year_and_a_day_is_a_point() -> None:
    fig = timeline_chart.agreements_timeline(MILESTONES)
    ax = fig.axes[0]
    in_force = _row_of(fig, "ACSA enters into force")
    bars = [
        patch
        for patch in ax.patches
        if isinstance(patch, Rectangle)
        and abs(patch.get_y() + patch.get_height() / 2 - in_force) < 1e-9
    ]
    assert bars, "a year-precision date must be drawn as a span"
    left, right = bars[0].get_x(), bars[0].get_x() + bars[0].get_width()
    assert mdates.num2date(left).date().isoformat() == "2019-01-01"
    assert mdates.num2date(right).date().isoformat() == "2020-01-01"
    points_on_row = [
        line
        for line in ax.lines
        if list(line.get_ydata()) == [in_force] and line.get_marker() != "None"
    ]
    assert not points_on_row, "a year-precision date must not be drawn as a point"
    signed = _row_of(fig, "ACSA signed")
    assert any(list(line.get_ydata()) == [signed] for line in ax.lines)
    assert not any(
        abs(patch.get_y() + patch.get_height() / 2 - signed) < 1e-9 for patch in ax.patches
    )


def test_disputed_events_are_ringed_and_their_details_named() -> None:
    fig = timeline_chart.agreements_timeline(MILESTONES)
    ax = fig.axes[0]
    isa, acsa = _row_of(fig, "ISA signed"), _row_of(fig, "ACSA signed")
    rings = [
        line
        for line in ax.lines
        if line.get_markerfacecolor() == "none" and line.get_marker() == "o"
    ]
    assert [list(ring.get_ydata()) for ring in rings] == [[isa]]
    notes = [text.get_text() for text in ax.texts]
    assert any("disputed: place, role" in note for note in notes)
    assert not any("disputed" in note and "21 April 2018" in note for note in notes)
    assert acsa != isa


def test_undated_events_are_left_out_of_the_drawing_and_counted_in_the_caption() -> None:
    undated = MILESTONES.iloc[[0]].assign(
        event_id="centre",
        title="Coordination centre",
        agreement="",
        date="",
        date_precision="unknown",
    )
    fig = timeline_chart.agreements_timeline(pd.concat([MILESTONES, undated]))
    labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert "Coordination centre" not in labels
    assert "Not drawn: one undated event." in _caption(fig)


def _claim(claim_id: str, event_id: str, status: str, credibility: int) -> dict[str, object]:
    return {
        "claim_id": claim_id,
        "source_id": claim_id.rsplit("-", 1)[0],
        "event_id": event_id,
        "status": status,
        "credibility": credibility,
    }


CLAIMS = pd.DataFrame(
    [
        _claim("mediawall-01", "isa-signed", "contradicted", 5),
        _claim("mediawall-02", "isa-signed", "unconfirmed", 4),
        _claim("mediawall-03", "", "not_judged", 6),
        _claim("rips-01", "isa-signed", "confirmed", 1),
        _claim("rips-02", "acsa-signed", "confirmed", 1),
        _claim("cips-01", "acsa-in-force", "confirmed", 1),
        _claim("cips-02", "acsa-in-force", "unconfirmed", 2),
    ]
)
SOURCES = pd.DataFrame(
    {
        "source_id": ["record", "rips", "mediawall", "cips"],
        "kind": ["official_record", "think_tank_column", "unattributed_article", "academic_blog"],
        "reliability": ["A", "B", "E", "C"],
        "n_claims": [20, 2, 3, 2],
        "n_confirmed": [0, 2, 0, 1],
        "n_contradicted": [0, 0, 1, 0],
        "n_unconfirmed": [0, 0, 1, 1],
        "n_not_judged": [0, 0, 1, 0],
    }
)


NAMES = {"rips": "RIPS newsletter", "mediawall": "mediawall.news", "cips": "CIPS blog"}


def test_assessment_charts_state_computed_findings_in_correct_english() -> None:
    matrix = charts.corroboration_matrix(CLAIMS, MILESTONES, names=NAMES)
    assert matrix.get_suptitle() == "One of three sources has at least one claim contradicted"
    credibility = charts.credibility_distribution(CLAIMS, names=NAMES)
    assert " ".join(credibility.get_suptitle().split()) == (
        "Four of seven claims are confirmed or probably true; the truth of one cannot be judged"
    )
    reliability = charts.reliability_overview(SOURCES, CLAIMS, names=NAMES)
    assert " ".join(reliability.get_suptitle().split()) == (
        "mediawall.news is graded unreliable (E): one of its three claims is contradicted"
    )
    for fig in (matrix, credibility, reliability):
        ax = fig.axes[0]
        assert ax.get_xlabel() and ax.get_ylabel()
        caption = _caption(fig)
        assert "Data: the " in caption and "About this report" in caption
        assert "data/" not in caption and not re.search(r"\b[0-9a-f]{12}\b", caption)


def test_a_grade_over_more_than_the_selection_says_so_in_the_same_sentence() -> None:
    selected = CLAIMS[CLAIMS["claim_id"] != "mediawall-01"]
    fig = charts.reliability_overview(SOURCES, selected, names=NAMES)
    assert " ".join(fig.get_suptitle().split()) == (
        "mediawall.news is graded unreliable (E) over all its three claims; none of the two in "
        "this report is contradicted"
    )
    bars = [round(p.get_width()) for p in fig.axes[0].patches]
    assert sum(bars) == len(selected)  # the bars count the selection, nothing more


def test_matrix_cells_show_the_worst_status_and_its_share() -> None:
    fig = charts.corroboration_matrix(CLAIMS, MILESTONES, names=NAMES)
    cells = sorted(text.get_text() for text in fig.axes[0].texts)
    assert cells == ["? 1/2", "✓ 1/1", "✓ 1/1", "✗ 1/2"]


def test_segment_counts_stay_legible_on_every_fill() -> None:
    fig = charts.credibility_distribution(CLAIMS, names=NAMES)
    for text in fig.axes[0].texts:
        patch = text.get_bbox_patch()
        background = patch.get_facecolor() if patch else None
        if background is not None:
            assert text.get_color() != "white", "white text on a white label patch"


def test_reliability_chart_orders_sources_best_first_and_leaves_out_the_record() -> None:
    fig = charts.reliability_overview(SOURCES, CLAIMS, names=NAMES)
    labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert labels == ["RIPS newsletter  [B]", "CIPS blog  [C]", "mediawall.news  [E]"]


def test_charts_draw_the_assessment_of_a_real_corpus(good: tuple[Assessment, str]) -> None:
    assessment, data_hash = good
    figures = [
        timeline_chart.agreements_timeline(assessment.timeline),
        charts.corroboration_matrix(assessment.claims, assessment.timeline, names={}),
        charts.credibility_distribution(assessment.claims, names={}),
        charts.reliability_overview(assessment.sources, assessment.claims, names={}),
    ]
    for fig in figures:
        fig.savefig(io.BytesIO(), format="png")
        assert fig.get_suptitle()
        assert data_hash[:12] not in _caption(fig)  # the hash is in the appendix


def test_status_is_told_apart_without_colour() -> None:
    fills = [style["fill"] for style in charts.STATUS_STYLE.values()]
    symbols = [style["symbol"] for style in charts.STATUS_STYLE.values()]
    assert len(set(fills)) == len(fills) and len(set(symbols)) == len(symbols)
    assert all(fill == "white" or fill.replace(".", "").isdigit() for fill in fills), "greys only"


def test_japanese_text_renders_without_font_warnings(caplog: pytest.LogCaptureFixture) -> None:
    japanese = MILESTONES.assign(title=["閉じる", "日本とカナダ", "ISA signed"])
    with caplog.at_level(logging.WARNING), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = timeline_chart.agreements_timeline(japanese)
        fig.savefig(io.BytesIO(), format="png")
    assert not caplog.records, [record.getMessage() for record in caplog.records]
    assert not caught, [str(warning.message) for warning in caught]


def test_crowded_recent_years_are_drawn_wider_past_a_marked_break() -> None:
    spread = [dt.date(2010, 11, 14), dt.date(2018, 4, 21)]
    crowded = [dt.date(2022, m, 1) for m in range(1, 13)] + [dt.date(2025, 7, 8)]
    low, high = dt.date(2010, 1, 1), dt.date(2026, 1, 1)
    assert timeline_chart.dense_from(spread + crowded, low, high) == dt.date(2022, 1, 1)
    assert timeline_chart.dense_from(spread, low, high) is None
    events = pd.concat(
        [
            MILESTONES,
            MILESTONES.iloc[[0]].assign(
                event_id="joint", title="Joint Declaration", date="2010-11-14"
            ),
            *(
                MILESTONES.iloc[[2]].assign(
                    event_id=f"e{m}", title=f"Event {m}", date=f"2022-{m:02d}-15"
                )
                for m in range(1, 10)
            ),
        ]
    )
    fig = timeline_chart.agreements_timeline(events)
    ax = fig.axes[0]
    assert ax.get_xscale() == "function"
    scale = ax.xaxis.get_transform()

    def share(first: dt.date, last: dt.date) -> float:
        a, b = scale.transform(np.array(mdates.date2num([first, last])))
        lo, hi = scale.transform(np.array(ax.get_xlim()))
        return (b - a) / (hi - lo)

    assert share(dt.date(2022, 1, 1), dt.date(2026, 1, 1)) > 0.6  # 4 years, most of the width
    assert "compressed (left of the dashed line)" in _caption(fig)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    frame = ax.get_window_extent(renderer)
    for note in ax.texts:  # every note inside the plot frame
        box = note.get_window_extent(renderer)
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, note.get_text()


def overlapping_text(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap (a pixel of slack), by their first words."""
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    drawn = [
        (text.get_text()[:40], text.get_window_extent(renderer).padded(-1))
        for text in fig.findobj(Text)
        if text.get_visible() and text.get_text().strip()
    ]
    return [(a, b) for (a, box_a), (b, box_b) in combinations(drawn, 2) if box_a.overlaps(box_b)]


def test_overlapping_text_is_found_where_there_is_some() -> None:
    fig = Figure(figsize=(3, 2))
    fig.text(0.1, 0.5, "a label that runs long")
    fig.text(0.3, 0.5, "another label")
    assert overlapping_text(fig) == [("a label that runs long", "another label")]
    fig.texts[1].set_position((0.1, 0.1))
    assert overlapping_text(fig) == []


@pytest.mark.parametrize(
    "parameters",
    [
        {"sources": [], "date_from": "2010-01-01", "date_to": "2026-12-31"},
        {
            "sources": ["canadian-press", "indiablooms"],
            "date_from": "2022-10-01",
            "date_to": "2022-10-31",
        },
    ],
)
def test_no_chart_draws_text_over_other_text(parameters: dict) -> None:
    opened = report.open_report(FROZEN_DATA, min_credibility=6, **parameters)
    for exhibit in (
        opened.timeline_chart(),
        opened.timeline_chart(agreements_only=True),
        opened.reliability_chart(),
        opened.credibility_chart(),
        opened.matrix_chart(),
    ):
        assert overlapping_text(exhibit.figure) == [], exhibit.figure.get_suptitle()


def test_every_chart_draws_a_status_in_the_one_palette() -> None:
    assert charts.GRADE_STYLE[1] is charts.STATUS_STYLE["confirmed"]
    assert charts.GRADE_STYLE[3] is charts.STATUS_STYLE["unconfirmed"]
    assert charts.GRADE_STYLE[5] is charts.STATUS_STYLE["contradicted"]
    assert charts.GRADE_STYLE[6] is charts.STATUS_STYLE["not_judged"]
    drawn = {(str(s["fill"]), str(s["hatch"])) for s in charts.GRADE_STYLE.values()}
    assert len(drawn) == len(charts.GRADE_STYLE)  # each grade told apart without colour


def test_timeline_notes_name_the_disputed_values_and_the_precision_of_a_date() -> None:
    opened = report.open_report(
        FROZEN_DATA, sources=[], date_from="2010-01-01", date_to="2026-12-31", min_credibility=6
    )
    figure = opened.timeline_chart(agreements_only=True).figure
    notes = [" ".join(t.get_text().split()) for t in figure.axes[0].texts]
    assert any(
        "disputed: place (Ottawa), role (Mélanie Joly as Canada's foreign minister)" in n
        for n in notes
    ), notes
    assert "2019 (known to the year)" in notes
    assert "8 July 2025 (known to the day)" not in " ".join(notes)  # a day needs no saying
    # Without the values (a caller that has none), the disputed details are still named.
    bare = timeline_chart.agreements_timeline(MILESTONES)
    assert any("disputed: place, role" in t.get_text() for t in bare.axes[0].texts)
