"""Every report ends with a numbered reference list (record rows, sources, the web pages of the
dated roles) and its citations link there; a web page is cited by its tag, never by a domain."""

from __future__ import annotations

import re

from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import assess
from claimtrace.present import references, wording
from tests.factories import FROZEN_DATA


def test_the_reference_list_holds_every_record_row_source_and_web_page() -> None:
    corpus = load_corpus(FROZEN_DATA)
    entries = references.reference_list(corpus.sources, corpus.reference, corpus.entities)
    anchors = [entry.anchor for entry in entries]
    assert len(anchors) == len(set(anchors))
    assert set(corpus.reference["record_id"]) <= set(anchors)
    seeds = corpus.sources[corpus.sources["kind"] != "official_record"]
    assert set(seeds["source_id"]) <= set(anchors) and "record" not in anchors
    assert {"W1", "W2", "W3"} <= set(anchors)
    listed = references.references_html(entries)
    assert listed.count("<li ") == len(entries)
    rips = next(e for e in entries if e.anchor == "rips")
    assert (rips.label, rips.author, rips.date) == (
        "RIPS newsletter",
        "Jonathan Berkshire Miller",
        "29 August 2025",
    )
    r12 = next(e for e in entries if e.anchor == "R12")
    assert r12.publisher == "Jiji Press via nippon.com" and r12.address.startswith("https://")
    assert "signing_date" not in r12.title and r12.date == "8 July 2025"
    # Curators' notes inside a publisher field are worded like any note.
    assert not re.search(r"\d{4}-\d{2}-\d{2}", " ".join(e.publisher for e in entries))


def test_the_evidence_column_is_shown_where_the_record_has_it() -> None:
    corpus = load_corpus(FROZEN_DATA)
    graded = corpus.reference.assign(evidence="primary")
    entries = references.reference_list(corpus.sources, graded, corpus.entities)
    assert "Evidence: primary." in references.references_html(entries)
    older = corpus.reference.drop(columns="evidence")  # a record from before the column
    plain = references.reference_list(corpus.sources, older, corpus.entities)
    assert "Evidence:" not in references.references_html(plain)


def test_cited_tags_link_to_the_list_only_inside_brackets_and_when_known() -> None:
    text = "as R12 says (Jiji Press [R12]; The Japan News [R13, R99]; a web page [W1])"
    linked = references.linked(text, {"R12", "R13", "W1"})
    assert "as R12 says" in linked
    assert '[<a href="#ref-R12">R12</a>]' in linked
    assert '[<a href="#ref-R13">R13</a>, R99]' in linked
    assert '[<a href="#ref-W1">W1</a>]' in linked
    assert references.linked(text, set()) == text


def test_a_role_resting_on_a_web_page_cites_its_tag_not_its_domain() -> None:
    corpus = load_corpus(FROZEN_DATA)
    words = wording.words_for(corpus, assess(corpus))
    joly = corpus.entities.loc[corpus.entities["entity_id"] == "joly", "role_basis"].iloc[0]
    cited = words.basis(joly)
    assert cited == "Manila Bulletin, 13 May 2025 [R14]; a web page [W1]"
    assert not re.search(r"\b[a-z0-9-]+\.(?:com|org|net|ca|tr)\b", cited)
