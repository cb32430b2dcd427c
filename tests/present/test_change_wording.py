"""What changed since the last report, in words: the briefing's section, the other reports'
line and `claimtrace diff`, from real stores and hand-made assessments."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from claimtrace.judge.assess import assess
from claimtrace.judge.differences import compare
from claimtrace.present import changes
from claimtrace.present.reasons import Reasons
from claimtrace.present.report import Report, open_report
from claimtrace.present.wording import words_for
from claimtrace.store.cache import data_key
from claimtrace.store.history import Run, record_publication
from tests.factories import ISA_RECORD, CorpusCopy, assess_claims, build, claim, source

WINDOW = {"sources": [], "date_from": "2010-01-01", "date_to": "2026-12-31", "min_credibility": 6}
RUN = Run(3, dt.datetime(2026, 5, 4, 5, 17), "61226c03" + "0" * 56, "code", 1)
RIPS = claim("rips-1", "isa-signed", "place", "tokyo")
WIRE_OTTAWA = claim("wire-1", "isa-signed", "place", "ottawa")
WIRE_DATE = claim("wire-2", "isa-signed", "date", "2025-07-08")


def reasons_for(*claims: dict[str, str]) -> Reasons:
    """The reasons (and through them the names) of the assessment of `claims`."""
    sources = sorted({c["source_id"] for c in claims})
    corpus = build([source(s) for s in sources], list(claims), ISA_RECORD)
    assessment = assess(corpus)
    return Reasons.of(assessment, words_for(corpus, assessment))


def shown(report: Report) -> tuple[str, str]:
    """The briefing section's heading and its text without markup."""
    section = report.changes_section()
    return section.heading, html.unescape(re.sub(r"<[^>]+>", " ", section.body))


def test_the_first_report_says_so_then_the_judgements_stand_then_what_moved(
    corpus_copy: CorpusCopy, store: Path
) -> None:
    heading, text = shown(open_report(corpus_copy.data_dir, **WINDOW))
    assert heading == "What changed since the last report"
    assert "This is the first report" in text
    record_publication(store, data_key(corpus_copy.data_dir))

    heading, text = shown(open_report(corpus_copy.data_dir, **WINDOW))
    today = dt.datetime.now(dt.UTC)
    assert heading == f"What changed since the last report ({today.day} {today:%B %Y})"
    assert "Nothing changed since the last report" in text and "The judgements stand." in text

    corpus_copy.set_cell("claims", 2, "value", "2022-10-12")  # wire-02 now contradicts R09
    report = open_report(corpus_copy.data_dir, **WINDOW)
    _, text = shown(report)
    assert "One claim changed status or credibility: [wire-02] from confirmed" in text
    assert "to contradicted" in text
    assert (
        "A new disagreement on the date of “Talks on an information-security agreement”, "
        "involving Canadian Press and the official record." in text
    )
    assert "“What changed since the last report” says which" in report.changes_line().data


def test_a_new_source_is_named_with_its_grade_its_claims_and_its_disagreement() -> None:
    change = compare(assess_claims(RIPS), assess_claims(RIPS, WIRE_OTTAWA, WIRE_DATE))
    sentences = changes.change_sentences(change, reasons_for(RIPS, WIRE_OTTAWA, WIRE_DATE))
    assert sentences[0] == (
        "A new source, Wire (“Story by wire”, A Publisher, 1 August 2025), is graded C (fairly "
        "reliable): of its two checkable claims, one confirmed, one contradicted, none "
        "unconfirmed; known publisher, byline and date; contradicted on place."
    )
    assert "Two new claims from Wire: [wire-1] and [wire-2]." in sentences
    assert (
        "A new disagreement on the place of “ISA signed”, involving Rips, Wire and the official "
        "record." in sentences
    )


def test_what_left_and_what_was_resolved_are_said_too() -> None:
    change = compare(assess_claims(RIPS, WIRE_OTTAWA, WIRE_DATE), assess_claims(RIPS))
    sentences = changes.change_sentences(change, reasons_for(RIPS))
    assert "One source left the corpus: “Story by wire”." in sentences
    assert "Two claims withdrawn from “Story by wire”: [wire-1] and [wire-2]." in sentences
    assert (
        "Resolved: the disagreement on the place of “ISA signed”, which involved Rips, “Story by "
        "wire” and the official record, no longer stands." in sentences
    )


def test_a_regraded_claim_says_why_in_the_words_of_its_rule() -> None:
    wire_centre = claim("wire-3", "centre-opens", "place", "ottawa")
    blog_centre = claim("blog-1", "centre-opens", "place", "tokyo")
    change = compare(assess_claims(wire_centre), assess_claims(wire_centre, blog_centre))
    sentences = changes.change_sentences(change, reasons_for(wire_centre, blog_centre))
    assert (
        "One claim changed status or credibility: [wire-3] from unconfirmed, truth cannot be "
        "judged (6) to contradicted, doubtful (4), because contradicted by Blog: Tokyo; the "
        "record is silent." in sentences
    )


def test_the_other_reports_say_it_in_one_line() -> None:
    change = compare(assess_claims(RIPS), assess_claims(RIPS, WIRE_OTTAWA, WIRE_DATE))
    assert changes.summary_line(RUN, change) == (
        "Since the last report (4 May 2026): one new source, two new claims and one "
        "disagreement opened. The briefing's “What changed since the last report” says which."
    )
    same = compare(assess_claims(RIPS), assess_claims(RIPS))
    assert changes.summary_line(RUN, same) == (
        "Nothing changed since the last report (4 May 2026): the judgements stand."
    )
    assert "first report" in changes.summary_line(None, None)


def test_diff_lists_each_kind_of_change_and_counts_what_it_leaves_out() -> None:
    many = [claim(f"wire-{n}", "isa-signed", "place", "ottawa") for n in range(60)]
    change = compare(assess_claims(RIPS), assess_claims(RIPS, *many))
    lines = changes.diff_text(change, changes.run_label(RUN), "the tables now").splitlines()
    assert lines[:2] == [
        "From run 3, published 2026-05-04 05:17 UTC (data 61226c03)",
        "  to the tables now:",
    ]
    assert lines[2].startswith("sources added (1):")
    assert "claims added (60):" in lines
    assert "  … and 10 more" in lines
    assert "  isa-signed-place (against_record): sources rips; wire; record; claims " in lines[-1]
