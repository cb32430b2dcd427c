"""Page 1 answers the question: the key event's facts first, who disagrees and how to treat
them, then the key judgements with an estimate and a confidence level each; in the full report
and in a filtered one, which cites nothing outside its selection."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import assess
from claimtrace.judge.conflicts import Statement
from claimtrace.present import (
    assessment_words,
    bottom_line,
    estimates,
    report,
    selection,
    tables,
    wording,
)
from claimtrace.present import html as markup
from claimtrace.vocabulary import CREDIBILITY_MEANINGS, RELIABILITY_MEANINGS
from tests.factories import FROZEN_DATA

FULL = {"sources": [], "date_from": "2010-01-01", "date_to": "2026-12-31"}
WIRE = {
    "sources": ["canadian-press", "indiablooms"],
    "date_from": "2022-10-01",
    "date_to": "2022-10-31",
}


@pytest.fixture(scope="module")
def frozen() -> tuple[object, object, wording.Wording]:
    corpus = load_corpus(FROZEN_DATA)
    assessment = assess(corpus)
    return corpus, assessment, wording.words_for(corpus, assessment)


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _page_one(frozen: tuple, parameters: dict) -> tuple[str, str]:
    """The summary and the key judgements as a reader reads them (tags stripped), paragraphs
    and list items one a line."""
    _, assessment, words = frozen
    view = selection.select(assessment, min_credibility=6, **parameters)
    summary = bottom_line.summary_html(view, words).replace("</p>", "</p>\n")
    judgements = bottom_line.key_judgements_html(view, words).replace("</li>", "</li>\n")
    return _text(summary), _text(judgements)


def _sentences(text: str) -> list[str]:
    """Sentences: a paragraph's sentences end in a full stop before a capital."""
    return [s for line in text.splitlines() for s in re.split(r"(?<=\.) (?=[A-Z])", line) if s]


def test_the_first_sentence_states_the_key_event_with_place_date_and_signatories(
    frozen: tuple,
) -> None:
    summary, _ = _page_one(frozen, FULL)
    first = _sentences(summary)[0]
    assert first.startswith(
        "The Agreement on the Security of Information was signed in Tokyo on 8 July 2025 by "
        "foreign ministers Anita Anand and Takeshi Iwaya"
    )
    assert "[R12, R13]" in first and "rips-06" in first


def test_the_second_sentence_says_who_disagrees_on_what_and_how_to_treat_it(
    frozen: tuple,
) -> None:
    summary, _ = _page_one(frozen, FULL)
    second = _sentences(summary)[1]
    assert second.startswith("mediawall.news (unattributed), an undated unattributed article")
    assert "gives the place as Ottawa" in second
    assert "names Mélanie Joly as Canada's foreign minister" in second
    assert "set aside the details it alone gives" in second
    assert "Vancouver" in second and "CAD 78 million" in second


def test_key_judgements_carry_an_estimate_a_confidence_and_their_citations(
    frozen: tuple,
) -> None:
    _, judgements = _page_one(frozen, FULL)
    assert judgements.count("Almost certainly (high confidence):") == 4
    assert "the place of the signing was Tokyo, not Ottawa" in judgements
    assert "Mélanie Joly was not Canada's foreign minister at the signing; Anita Anand was" in (
        judgements
    )
    assert "against: mediawall-04" in judgements and "against: canadian-press-08" in judgements


def test_the_wire_report_states_its_own_key_event_and_cites_only_its_sources(
    frozen: tuple,
) -> None:
    summary, judgements = _page_one(frozen, WIRE)
    first, second = _sentences(summary)[:2]
    assert first.startswith(
        "The Japan-Canada Action Plan for contributing to a free and open Indo-Pacific was "
        "adopted in Tokyo on 11 October 2022 by foreign ministers Mélanie Joly and Yoshimasa "
        "Hayashi"
    )
    assert "No source in this selection disputes this" in second
    assert "Canadian Press, a wire story" in summary
    page = summary + judgements
    assert "indiablooms-04" in page
    # The agreement-name conflict also involves the CIPS blog, outside this selection.
    assert "cips" not in page and "CIPS" not in page


def test_counts_on_page_one_add_up_to_the_claims_in_the_selection(frozen: tuple) -> None:
    summary, _ = _page_one(frozen, FULL)
    counts = re.search(
        r"Of the (\d+) claims in this selection, (\d+) can be checked: (\d+) are confirmed, "
        r"(\d+) unconfirmed and (\w+) contradicted; the other (\d+)",
        summary,
    )
    total, checkable, confirmed, unconfirmed, _, rest = (
        int(n) if n.isdigit() else 0 for n in counts.groups()
    )
    assert checkable + rest == total
    assert confirmed + unconfirmed + 5 == checkable  # five contradicted, in words


def test_truth_is_the_side_of_the_record_else_the_better_graded_side() -> None:
    claims = {"a-1": 5, "b-1": 2, "c-1": 2}
    graded = __import__("pandas").DataFrame({"credibility": claims})
    a, b, c = (Statement(i, i[0], "place", "x", False) for i in claims)
    record = Statement("R1", "record", "place", "y", True)
    assert assessment_words.truth_side([[a], [b, record]], graded) == 1
    assert assessment_words.truth_side([[a], [b]], graded) == 1
    assert assessment_words.truth_side([[b], [a]], graded) == 0
    assert assessment_words.truth_side([[b], [c]], graded) is None  # evenly matched


def test_people_share_a_post_only_when_they_hold_the_same_post(frozen: tuple) -> None:
    _, _, words = frozen
    assert assessment_words.people_words(["anand", "iwaya"], "2025-07-08", words) == (
        "foreign ministers Anita Anand and Takeshi Iwaya"
    )
    # Before Anand took office she held no foreign minister's post: each is named as held.
    assert assessment_words.people_words(["anand", "iwaya"], "2025-01-08", words) == (
        "Anita Anand and Japan's foreign minister Takeshi Iwaya"
    )


def test_every_grade_has_its_estimate_and_the_methods_print_them() -> None:
    assert set(estimates.ESTIMATIVE_WORDS) == set(CREDIBILITY_MEANINGS)
    assert set(estimates.CONFIDENCE_LEVELS) == set(RELIABILITY_MEANINGS) == set(estimates.TREATMENT)
    assert estimates.estimate(1, "A") == "almost certainly (high confidence)"
    assert estimates.estimate(3, "E") == "roughly even chance (low confidence)"
    methods = html.unescape(markup.methods_html())
    for word in estimates.ESTIMATIVE_WORDS.values():
        assert word in methods
    assert "Intelligence Community Directive 203" in methods


def test_a_claim_says_who_stands_behind_its_value_unless_the_source_asserts_it(
    frozen: tuple,
) -> None:
    _, assessment, words = frozen
    claims = assessment.claims.assign(stance="")
    place = claims[claims["claim_id"] == "mediawall-04"]
    said = {
        stance: tables.claim_says(next(place.assign(stance=stance).itertuples()), words)
        for stance in ("", "asserts", "reports", "denies", "retracts")
    }
    event = "“Agreement on the Security of Information signed” (8 July 2025)"
    assert said[""] == said["asserts"] == f"place at {event}: Ottawa"
    assert said["reports"] == f"place at {event}: Ottawa (relayed from another source)"
    assert said["denies"] == f"denies that the place at {event} is Ottawa"
    assert said["retracts"].endswith("Ottawa (withdrawn by a correction)")


def test_key_figures_agree_with_the_disagreements_the_report_states(frozen: tuple) -> None:
    _, assessment, words = frozen
    full = dict(
        bottom_line.key_figures(
            selection.select(assessment, min_credibility=6, **FULL), words
        ).to_numpy()
    )
    assert full["Disagreements (one may be of several kinds)"] == "5"
    assert full["… with the official record"] == "5"
    # mediawall.news against RIPS (the place), Canadian Press against CIPS blog and IndiaBlooms
    # (the name); the CIPS blog's count against its own list.
    assert full["… setting sources against each other"] == "2"
    assert full["… of a source with itself"] == "1"
    assert full["Events"].endswith("of them disputed: 4")
    wire = dict(
        bottom_line.key_figures(
            selection.select(assessment, min_credibility=6, **WIRE), words
        ).to_numpy()
    )
    # The Action Plan is disputed by the CIPS blog alone, outside the wire stories.
    assert wire["Events"] == "5, of them disputed: 1"
    assert wire["Disagreements (one may be of several kinds)"] == "1"


def test_a_filtered_report_names_no_source_outside_its_selection() -> None:
    wire = report.open_report(FROZEN_DATA, min_credibility=6, **WIRE)
    shown = " ".join(
        part.data
        for part in (
            wire.bottom_line(),
            wire.findings_html(),
            wire.conflicts_listing(),
            wire.claims_listing(500),
        )
    )
    assert "indiablooms-04" in shown and "Canadian Press" in shown
    assert "cips" not in shown and "CIPS" not in shown
    assert "one source outside this selection" in shown
    full = report.open_report(FROZEN_DATA, min_credibility=6, **FULL)
    findings = html.unescape(full.findings_html().data)
    assert "cips-09" in findings
    # A source that calls the agreement by another name is quoted, not said to use its name.
    assert "CIPS blog (as “The planned General Security of Information Agreement”)" in findings
    assert "RIPS newsletter (as" not in findings


def test_page_one_says_who_stands_behind_a_disputed_value(frozen: tuple) -> None:
    _, assessment, words = frozen
    claims = assessment.claims.assign(stance="")
    claims.loc[claims["claim_id"] == "mediawall-04", "stance"] = "reports"
    claims.loc[claims["claim_id"] == "mediawall-06", "stance"] = "retracts"
    relayed = dataclasses.replace(assessment, claims=claims)
    summary = _text(
        bottom_line.summary_html(selection.select(relayed, min_credibility=6, **FULL), words)
    )
    assert "gives the place as Ottawa (relayed from another source)" in summary
    assert "as Canada's foreign minister (withdrawn by a correction)" in summary
    claims.loc[claims["claim_id"] == "mediawall-04", "stance"] = "denies"
    denied = dataclasses.replace(assessment, claims=claims)
    summary = _text(
        bottom_line.summary_html(selection.select(denied, min_credibility=6, **FULL), words)
    )
    assert "denies that the place was Ottawa" in summary
