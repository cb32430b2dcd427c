"""What the notebooks show: filters honour the parameters, quotes are escaped, findings cite."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from claimtrace.corpus.load import Corpus, load_corpus
from claimtrace.errors import ParameterError
from claimtrace.judge.assess import Assessment, assess
from claimtrace.present import (
    bottom_line,
    findings,
    limits,
    listings,
    reasons,
    report,
    selection,
    tables,
    wording,
)
from claimtrace.present import html as markup
from tests.factories import FROZEN_DATA, CorpusCopy, ids_used_as_names

DATA = FROZEN_DATA

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
        "n_origins": [2, 2, 2, 1],
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
    return list(selection.select_claims(CLAIMS, TIMELINE, **parameters)["claim_id"])


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
    selected = selection.select_timeline(
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
    assert selection.date_span(date, precision) == span


def test_quote_in_context_escapes_html_and_marks_the_quote() -> None:
    seed = 'Before <b>bold</b> & "quoted". The pact, signed in <Ottawa>, is new. After & more.'
    start = seed.index("The pact")
    end = seed.index(", is new")
    shown = markup.quote_in_context(seed, start, end, width=10)
    assert "<mark>The pact, signed in &lt;Ottawa&gt;</mark>" in shown
    assert "<b>" not in shown and "<Ottawa>" not in shown
    assert shown.count("…") == 2  # cut on both sides
    assert markup.quote_in_context(seed, start, end, width=500).count("…") == 0


def test_line_breaks_in_the_seed_stay_line_breaks_in_print() -> None:
    seed = "First paragraph ends.\n“Second starts” here."
    shown = markup.quote_in_context(seed, seed.index("“"), seed.index(" here"))
    assert shown.startswith('<span class="ct-context">First paragraph ends.<br></span><mark>')
    table = markup.static_table(pd.DataFrame({"q": [shown]}), caption="c", html_columns=["q"])
    assert "\\n" not in table


def test_dual_table_escapes_every_cell_except_declared_html() -> None:
    frame = pd.DataFrame({"text": ["<script>alert(1)</script>"], "ctx": ["<mark>x</mark>"]})
    table = markup.dual_table(frame, caption="A & B", html_columns=["ctx"])
    assert "<script>alert(1)</script>" not in table
    assert "&lt;script&gt;" in table and "<mark>x</mark>" in table
    assert f'class="{markup.SCREEN_ONLY}"' in table and f'class="{markup.PRINT_ONLY}"' in table
    assert "A &amp; B" in table
    assert 'src="http' not in table and "cdn" not in table.lower()  # offline: nothing fetched


def test_conflict_sides_reach_the_wording_as_data(real: tuple[Corpus, Assessment]) -> None:
    corpus, assessment = real
    words = _words(corpus, assessment)
    sides = [
        [(s.source, s.value, s.is_record) for s in side] for side in words.sides["isa-signed-place"]
    ]
    assert sides == [
        [("mediawall", "ottawa", False)],
        [("record", "tokyo", True), ("rips", "tokyo", False)],
    ]


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
    listed = limits.listed_conflicts(assessment.conflicts, assessment.timeline)
    written = findings.findings_html(
        listed, assessment.claims, _words(corpus, assessment), _verdict(corpus, assessment)
    )
    assert "Example Institute column gives the place as Ottawa; the official record (" in written
    assert f"<code>{claim['claim_id']}</code>" in written
    assert "“" in written


@pytest.fixture(scope="module")
def real() -> tuple[Corpus, Assessment]:
    corpus = load_corpus(DATA)
    return corpus, assess(corpus)


def _words(corpus: Corpus, assessment: Assessment) -> wording.Wording:
    return wording.words_for(corpus, assessment)


def _verdict(corpus: Corpus, assessment: Assessment) -> Callable[[object], str]:
    return reasons.Reasons.of(assessment, _words(corpus, assessment)).verdict


def _finding_sentences(corpus: Corpus, assessment: Assessment) -> list[str]:
    listed = limits.listed_conflicts(assessment.conflicts, assessment.timeline)
    written = findings.findings_html(
        listed, assessment.claims, _words(corpus, assessment), _verdict(corpus, assessment)
    )
    return [html.unescape(s).strip() for s in re.findall(r"<li><p>([^<]*)", written)]


def test_findings_read_as_sentences_in_names_not_ids(real: tuple[Corpus, Assessment]) -> None:
    sentences = _finding_sentences(*real)
    assert (
        "CIPS blog lists five of the six priorities the official record gives for “Action Plan "
        "for a free and open Indo-Pacific adopted” (11 October 2022), though it announces six; "
        "missing: energy security (Global Affairs Canada, 11 October 2022 [R07])."
    ) in sentences
    assert len(sentences) == 5  # one finding per cause
    assert (
        "mediawall.news (unattributed) names Mélanie Joly as Canada's foreign minister at "
        "“Agreement on the Security of Information signed” (8 July 2025); Mélanie Joly held "
        "that post from 26 October 2021 to 13 May 2025, and Anita Anand held it on that date "
        "(Manila Bulletin, 13 May 2025 [R14]; a web page [W1])."
    ) in sentences
    text = " ".join(sentences)
    assert not re.search(r"[a-z]_[a-z]", text), text  # no snake_case keys
    assert "http" not in text and "peacekeeping hadr" not in text
    assert " joly " not in text and "isa-signed" not in text  # names and titles, not ids
    corpus = real[0]
    assert not ids_used_as_names(text, corpus.sources), text


def test_a_link_resting_on_the_curators_reading_is_called_inference(
    real: tuple[Corpus, Assessment],
) -> None:
    corpus, assessment = real
    listed = limits.listed_conflicts(assessment.conflicts, assessment.timeline)
    written = html.unescape(
        findings.findings_html(
            listed, assessment.claims, _words(corpus, assessment), _verdict(corpus, assessment)
        )
    )
    assert (
        "mediawall.news (unattributed) has no date and names no agreement: the curators read its "
        "claim as “Agreement on the Security of Information signed” (8 July 2025); that link is "
        "inference."
    ) in written
    # A dated source that names the agreement is not said to rest on inference.
    assert "RIPS newsletter has no date" not in written


def test_findings_are_capped_with_a_note_saying_which(real: tuple[Corpus, Assessment]) -> None:
    corpus, assessment = real
    listed = limits.listed_conflicts(assessment.conflicts, assessment.timeline, limit=2)
    written = findings.findings_html(
        listed, assessment.claims, _words(corpus, assessment), _verdict(corpus, assessment)
    )
    assert written.count('<ul class="ct-cites">') == 2
    total = len(assessment.conflicts)
    assert f"Showing 2 of {total} disagreements: against the record first" in written
    assert "claimtrace export DIR" in written


def test_record_rows_are_cited_by_publisher_and_date_with_their_id(
    real: tuple[Corpus, Assessment],
) -> None:
    words = _words(*real)
    assert words.record_cited("R12+R13") == (
        "Jiji Press via nippon.com, 8 July 2025 [R12]; The Japan News, 8 July 2025 [R13]"
    )
    assert words.basis("R14 (end); https://www.example.org/a/long/path-1 (start)") == (
        "Manila Bulletin, 13 May 2025 [R14]; a web page"
    )


def test_values_read_in_the_words_of_the_label_table(real: tuple[Corpus, Assessment]) -> None:
    words = _words(*real)
    assert words.value("role", "foreign_minister_canada") == "Canada's foreign minister"
    assert words.value("duration", "P3Y") == "three years"
    assert words.value("items", "energy_security; nato") == "energy security and NATO"
    assert words.value("agreement_name", "gdpa") == "General Data Protection Agreement"
    assert words.value("amount", "78000000 CAD") == "CAD 78 million"
    assert words.value("date", "2022-10") == "October 2022"
    # The outlet is not repeated when it is the name with "The", nor a parenthesis doubled.
    assert words.source_introduced("canadian-press") == "Canadian Press (11 October 2022)"
    assert words.source_introduced("cips") == (
        "CIPS blog (Centre for International Policy Studies, 13 January 2023)"
    )
    assert words.source_introduced("mediawall") == "mediawall.news (unattributed), undated"
    assert wording.dates_in_words("a 2023-01-13 blog = 2022-12-17; October 2022-10") == (
        "a 13 January 2023 blog = 17 December 2022; October October 2022"
    )
    assert wording.dates_in_words("in 2021-2022, 2019-13-01") == "in 2021-2022, 2019-13-01"


def _graded(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": [f"s{i:04d}" for i in range(n)],
            "title": ["" if i == 0 else f"Title {i}" for i in range(n)],
            "kind": ["wire"] * n,
            "reliability": ["C"] * n,
            "reason": ["r"] * n,
            "shared_origins": [""] * n,
            "n_claims": list(range(n)),
        }
    )


def test_grades_are_worded_from_the_judgements_as_data(real: tuple[Corpus, Assessment]) -> None:
    corpus, assessment = real
    words = _words(corpus, assessment)
    table = tables.grades_table(assessment.sources, words, reasons.Reasons.of(assessment, words))
    mediawall = table[table["source"].str.startswith("mediawall.news")].iloc[0]
    assert mediawall["title"] == "(untitled)"
    assert mediawall["grade (over all its claims)"] == "unreliable (E)"
    assert (
        "no known publisher, no byline, no date; contradicted on place and role"
        in (mediawall["why"])
    )
    wire = table[table["source"].str.startswith("Canadian Press")].iloc[0]
    assert wire["shares statements with"] == "IndiaBlooms"


def test_listed_claims_cap_the_least_credible_first() -> None:
    claims = CLAIMS.assign(credibility=[1, 6, 5, 4, 5])
    listed = limits.listed_claims(claims, 3)
    assert listed["claim_id"].tolist() == ["mediawall-01", "rips-01", "mediawall-02"]
    everything = limits.listed_claims(claims, 10)
    assert everything["credibility"].tolist() == [5, 5, 4, 1, 6]  # cannot be judged last
    with pytest.raises(ParameterError, match="max_claims"):
        limits.listed_claims(claims, 0)


def test_listing_note_says_how_many_are_shown_and_where_the_rest_are() -> None:
    assert limits.listing_note(300, 100_000).startswith(
        "Showing 300 of 100,000 claims that match; the CSV export has them all: "
        "claimtrace export DIR"
    )
    assert limits.listing_note(157, 157) == "All 157 claims that match are listed."


def test_claims_print_as_cards_under_a_heading_per_source(
    real: tuple[Corpus, Assessment],
) -> None:
    corpus, assessment = real
    words = _words(corpus, assessment)
    listing = listings.claims_listing(
        assessment.claims,
        assessment.sources,
        corpus.seeds,
        words,
        reasons.Reasons.of(assessment, words),
        max_claims=20,
    )
    screen, cards = listing.split(f'<div class="{markup.PRINT_ONLY}">', 1)
    assert f'class="{markup.SCREEN_ONLY}"' in screen
    assert f"Showing 20 of {len(assessment.claims)} claims" in screen
    assert cards.count('class="ct-card"') == 20
    headings = [html.unescape(h) for h in re.findall(r'<h3 class="ct-card-source">([^<]*)', cards)]
    assert len(headings) == len(set(headings))
    assert any(
        h.startswith("mediawall.news (unattributed), undated — (untitled) · graded unreliable (E)")
        for h in headings
    )
    assert (
        "<strong>mediawall-04</strong> · place at “Agreement on the Security of Information "
        "signed” (8 July 2025): Ottawa · reported fact · False: the official record gives Tokyo "
        "[R12, R13] · improbable (5)"
    ) in html.unescape(cards)
    assert "<mark>signed last week in Ottawa</mark>" in cards
    assert "http" not in cards


def test_a_gloss_stands_beside_its_quote_in_cards_explorer_and_findings(
    real: tuple[Corpus, Assessment],
) -> None:
    corpus, assessment = real
    glossed = "mediawall-04"
    claims = assessment.claims.assign(
        gloss=assessment.claims["claim_id"]
        .map({glossed: "signed last week in Ottawa <EN>"})
        .fillna("")
    )
    words = _words(corpus, assessment)
    why = reasons.Reasons.of(assessment, words)
    card_html = markup.claim_cards(
        claims, assessment.sources, corpus.seeds, words, lambda c: "", lambda c: "", lambda c: ""
    )
    explorer = tables.claims_table(claims, corpus.seeds, words, why)
    cited = findings.cited_claims_html(claims[claims["source_id"] == "mediawall"], why.verdict)
    shown = "In English: “signed last week in Ottawa &lt;EN&gt;”"
    for written in (card_html, cited, " ".join(explorer[tables.QUOTE_COLUMN])):
        assert written.count(shown) == 1  # escaped, and only beside the glossed claim
    row = explorer[explorer["claim"] == glossed].iloc[0]
    assert row[tables.QUOTE_COLUMN].index("<mark>") < row[tables.QUOTE_COLUMN].index(shown)
    english = explorer[explorer["claim"] != glossed][tables.QUOTE_COLUMN]
    assert not english.str.contains("In English").any()


def test_print_context_is_shorter_than_on_screen() -> None:
    seed = " ".join(f"w{i}" for i in range(400))
    start = seed.index("w200")
    end = start + len("w200")
    short = markup.quote_in_context(seed, start, end, markup.PRINT_CONTEXT_CHARS)
    assert len(short) < len(markup.quote_in_context(seed, start, end))
    assert len(re.sub(r"<[^>]+>", "", short)) <= 2 * markup.PRINT_CONTEXT_CHARS + 20


def test_big_selections_are_bounded_with_a_stated_rule() -> None:
    sources = _graded(40)
    busiest = limits.busiest_sources(sources, limit=5)
    assert busiest.rows["source_id"].tolist() == [f"s{i:04d}" for i in range(35, 40)]
    assert "Showing 5 of 40 sources: those with the most claims" in busiest.note
    assert limits.busiest_sources(sources, limit=40).note == ""

    claims = pd.DataFrame({"source_id": [f"s{i % 30:04d}" for i in range(300)]})
    graded = _graded(30).assign(reliability=["B"] * 10 + ["C"] * 20)
    summed = limits.claims_per_source_or_grade(claims, graded, limit=10)
    assert summed.rows["source_id"].value_counts().to_dict() == {
        "20 sources graded C": 200,
        "10 sources graded B": 100,
    }
    assert "summed per source reliability grade" in summed.note
    assert limits.claims_per_source_or_grade(claims, graded, limit=30).note == ""

    drawn = limits.charted_events(TIMELINE, limit=2)
    assert drawn.rows["event_id"].tolist() == ["isa-talks", "isa-signed", "centre"]
    assert "Drawn: 2 of 3 dated events" in drawn.note


def test_matrix_view_caps_events_and_sources() -> None:
    claims = pd.DataFrame(
        {
            "claim_id": [f"c{i}" for i in range(12)],
            "source_id": ["a", "a", "a", "b", "b", "c", "a", "b", "c", "d", "d", "d"],
            "event_id": ["isa-talks"] * 6 + ["isa-signed"] * 3 + ["centre"] * 3,
            "status": ["confirmed"] * 12,
        }
    )
    kept, events, note = limits.matrix_view(claims, TIMELINE, max_events=2, max_sources=2)
    assert events["event_id"].tolist() == ["isa-talks", "isa-signed"]
    assert sorted(kept["source_id"].unique()) == ["a", "b"]
    assert "Drawn: the 2 of 3 events with the most claims" in note


def test_key_figures_count_the_selection_and_say_what_a_grade_is_over(
    real: tuple[Corpus, Assessment],
) -> None:
    corpus, assessment = real
    view = selection.select(
        assessment,
        sources=["cips", "rips"],
        date_from="2023-01-01",
        date_to="2026-12-31",
        min_credibility=6,
    )
    figures = dict(bottom_line.key_figures(view, _words(corpus, assessment)).to_numpy())
    assert figures["Claims"] == f"{len(view.claims):,}"
    by_status = view.claims["status"].value_counts()
    assert figures["… not checked"] == str(by_status.get("not_judged", 0))
    cips = figures["Reliability: CIPS blog"]
    n_cips = int((view.claims["source_id"] == "cips").sum())
    assert cips == f"fairly reliable (C), over all its 51 claims ({n_cips} in this selection)"


def test_methods_print_the_grading_rules() -> None:
    methods = markup.methods_html()
    assert "Admiralty" in methods
    assert "completely reliable" in methods and "truth cannot be judged" in methods


def test_open_report_checks_parameters_against_the_corpus_before_assessing(
    good_dir: Path,
) -> None:
    window = {"date_from": "2010-01-01", "date_to": "2026-12-31", "min_credibility": 6}
    opened = report.open_report(good_dir / "data", sources=[], **window)
    assert set(opened.view.claims["claim_id"]) == set(opened.corpus.claims["claim_id"])
    assert len(opened.assessment.sources) == len(opened.corpus.sources)
    with pytest.raises(ParameterError, match="unknown source id 'reuters'"):
        report.open_report(good_dir / "data", sources=["reuters"], **window)


@pytest.mark.parametrize(
    ("sources", "date_from", "date_to"),
    [
        (["cips", "rips"], "2023-01-01", "2026-12-31"),
        (["canadian-press", "indiablooms"], "2022-10-01", "2022-10-31"),
        ([], "2010-01-01", "2026-12-31"),
    ],
)
def test_every_figure_of_a_report_counts_the_same_claims(
    sources: list[str], date_from: str, date_to: str
) -> None:
    opened = report.open_report(
        DATA, sources=sources, date_from=date_from, date_to=date_to, min_credibility=6
    )
    claims = opened.view.claims
    per_source = claims["source_id"].value_counts().to_dict()
    figures = dict(opened.key_figures().table.to_numpy())
    assert figures["Claims"] == f"{len(claims):,}"

    def bar_totals(figure: object) -> list[int]:
        bars = [p for p in figure.axes[0].patches if p.get_width() > 0]
        totals: dict[float, int] = {}
        for bar in bars:
            row = round(bar.get_y() + bar.get_height() / 2, 3)
            totals[row] = totals.get(row, 0) + round(bar.get_width())
        return sorted(totals.values())

    # The reliability and credibility charts draw exactly the selected claims, per source.
    assert bar_totals(opened.reliability_chart().figure) == sorted(per_source.values())
    assert bar_totals(opened.credibility_chart().figure) == sorted(per_source.values())
    # The matrix counts the selected claims about events.
    cells = [t.get_text() for t in opened.matrix_chart().figure.axes[0].texts]
    about_events = int((claims["event_id"] != "").sum())
    assert sum(int(c.split("/")[1]) for c in cells) == about_events


def test_a_report_read_from_the_store_words_what_one_made_in_memory_words(
    good_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The first opening assesses and stores; the second, as a notebook after a render, leaves
    # the comparisons and seeds in the store and reads them by claim: the same words follow.
    monkeypatch.setenv("CLAIMTRACE_STORE", str(tmp_path / "claimtrace.duckdb"))
    window = {"date_from": "2010-01-01", "date_to": "2026-12-31", "min_credibility": 6}
    made, stored = (
        report.open_report(good_dir / "data", sources=[], interactive_tables=False, **window)
        for _ in range(2)
    )
    assert made.pairs is None and stored.pairs is not None
    assert stored.assessment.comparisons.empty and not made.assessment.comparisons.empty

    def page(html_shown: object) -> str:  # each interactive table gets a fresh random id
        return re.sub(r"itables_[0-9a-f_]+", "itables", str(getattr(html_shown, "data", "")))

    for shown in ("bottom_line", "findings_html", "conflicts_listing", "grades_html"):
        assert page(getattr(stored, shown)()) == page(getattr(made, shown)()), shown
    assert page(stored.claims_listing(500)) == page(made.claims_listing(500))
    assert "False: the official record gives" in page(stored.claims_listing(500))
