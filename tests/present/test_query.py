"""The query API a notebook user calls (`claimtrace.open`), on the project's own corpus, each
answer checked against the words of the seeds."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

import claimtrace
from claimtrace.errors import ParameterError
from claimtrace.present import query
from claimtrace.store.location import STORE_ENV
from tests.factories import LIVE_DATA, ROOT

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def explorer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[query.Explorer]:
    # Assessed once for the module, into a store of its own (never the project's reports/),
    # then opened again as a notebook opens it after a render: read from the store, with the
    # comparisons and seeds left there until asked for.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(STORE_ENV, str(tmp_path_factory.mktemp("store") / "claimtrace.duckdb"))
        assert claimtrace.open(LIVE_DATA).report.pairs is None
        stored = claimtrace.open(LIVE_DATA)
        assert stored.report.pairs is not None
        yield stored


def seed_text(explorer: query.Explorer, source_id: str) -> str:
    sources = explorer.report.corpus.sources.set_index("source_id")
    return (SEEDS / sources.at[source_id, "seed_file"]).read_text(encoding="utf-8")


def test_the_package_offers_open_beside_open_report() -> None:
    assert claimtrace.open is query.open
    assert "open" in claimtrace.__all__


def test_every_parameter_has_a_default(explorer: query.Explorer) -> None:
    listed = explorer.claims()
    assert len(listed) == len(explorer.report.assessment.claims)
    assert {"claim_id", "source", "says", "quote", "status", "grade", "grade_words", "why"} <= set(
        listed.columns
    )
    assert listed["claim_id"].is_unique


def test_a_claims_quote_is_the_seeds_words(explorer: query.Explorer) -> None:
    for claim in explorer.claims(source="rips").itertuples():
        assert seed_text(explorer, "rips").count(claim.quote) == 1


def test_a_signing_includes_what_the_agreement_sets_up(explorer: query.Explorer) -> None:
    signing = explorer.claims(event="isa-signed")
    assert {"isa-signed", "isa-coordination-centre", "isa-implementation-funding"} == set(
        signing["event_id"]
    )
    # "The agreement creates a joint intelligence coordination center in Vancouver": the seed
    # files the centre under the signed agreement.
    centre = signing.set_index("claim_id").loc["mediawall-25", "quote"]
    assert "The agreement creates" in centre and centre in seed_text(explorer, "mediawall")


def test_the_start_of_talks_has_no_sub_events(explorer: query.Explorer) -> None:
    assert set(explorer.claims(event="isa-talks-announced")["event_id"]) == {"isa-talks-announced"}


def test_an_agreement_means_all_its_events(explorer: query.Explorer) -> None:
    events = set(explorer.claims(event="isa")["event_id"])
    assert {"isa-talks-announced", "isa-signed", "isa-coordination-centre"} <= events
    assert "acsa-signed" not in events


def test_status_is_asked_by_key_or_by_words(explorer: query.Explorer) -> None:
    by_words = explorer.claims(source="cips", status="not checked")
    by_key = explorer.claims(source="cips", status="not_judged")
    assert by_words.equals(by_key) and len(by_key) > 0
    assert set(by_key["status"]) == {"not checked"} and set(by_key["source_id"]) == {"cips"}


def test_conflicts_show_the_claims_on_each_side(explorer: query.Explorer) -> None:
    sides = explorer.conflicts(claim="mediawall-04")
    assert set(sides["conflict_id"]) == {"isa-signed-place"}
    by_claim = sides.set_index("claim_id")
    assert by_claim.at["mediawall-04", "value"] == "Ottawa"
    assert by_claim.at["rips-06", "value"] == "Tokyo"
    assert by_claim.at["mediawall-04", "side"] != by_claim.at["rips-06", "side"]
    assert "Ottawa" in by_claim.at["mediawall-04", "quote"]
    assert "Tokyo" in by_claim.at["rips-06", "quote"]
    assert by_claim.at["rips-06", "quote"] in seed_text(explorer, "rips")


def test_a_claim_in_no_conflict_has_none(explorer: query.Explorer) -> None:
    assert explorer.conflicts(claim="mediawall-11").empty
    assert not explorer.conflicts().empty


def test_context_highlights_the_quote_under_the_seeds_title(explorer: query.Explorer) -> None:
    shown = explorer.context("rips-06")
    seed = seed_text(explorer, "rips")
    assert shown.quote == "(ISA) in Tokyo" and seed[shown.start : shown.end] == shown.quote
    assert shown.title.startswith("Canada–Japan ISA and the Strategic Imperative")
    page = shown._repr_html_()
    assert "<mark>(ISA) in Tokyo</mark>" in page and shown.title in page
    assert "»(ISA) in Tokyo«" in str(shown)


def test_an_untitled_seed_is_shown_under_its_sources_name(explorer: query.Explorer) -> None:
    assert explorer.context("mediawall-11").title == "mediawall.news (unattributed)"


def test_unique_to_leaves_out_what_a_list_elsewhere_confirms(explorer: query.Explorer) -> None:
    unique = set(explorer.unique_to("mediawall")["claim_id"])
    # mediawall-11 lists the Five Eyes; the Canadian Press names them in an includes list.
    five_eyes = explorer.context("mediawall-11").quote
    assert "Five Eyes" in seed_text(explorer, "mediawall") and "US, UK" in five_eyes
    assert "mediawall-11" not in unique
    # The same source's Ottawa signing, which everyone else places in Tokyo, is its own.
    assert {"mediawall-04", "mediawall-25"} <= unique


def test_unique_to_leaves_out_words_another_outlet_shares(explorer: query.Explorer) -> None:
    shared = explorer.report.assessment.claims.query("source_id == 'indiablooms'")
    copied = set(shared.loc[shared["origin_group"] != "indiablooms", "claim_id"])
    unique = set(explorer.unique_to("indiablooms")["claim_id"])
    assert copied and not copied & unique
    assert unique  # what IndiaBlooms adds in words of its own


def test_sources_and_events_name_their_ids(explorer: query.Explorer) -> None:
    sources = explorer.sources().set_index("source_id")
    assert sources.at["rips", "author"] == "Jonathan Berkshire Miller"
    events = explorer.events().set_index("event_id")
    assert events.at["isa-signed", "sub_events"] == (
        "isa-coordination-centre, isa-implementation-funding"
    )


@pytest.mark.parametrize(
    ("ask", "named"),
    [
        (lambda e: e.claims(event="isa-sgined"), "event"),
        (lambda e: e.claims(source="mediawal"), "source"),
        (lambda e: e.claims(status="false"), "status"),
        (lambda e: e.conflicts(claim="mediawall-99"), "claim"),
        (lambda e: e.context("nope"), "claim_id"),
        (lambda e: e.unique_to("nobody"), "source_id"),
    ],
)
def test_a_bad_argument_names_itself_and_what_is_valid(
    explorer: query.Explorer, ask: object, named: str
) -> None:
    with pytest.raises(ParameterError) as raised:
        ask(explorer)  # type: ignore[operator]
    assert raised.value.problems[0].parameter == named
    assert "valid:" in str(raised.value)


def test_a_bad_parameter_is_one_message_not_a_traceback() -> None:
    with pytest.raises(ParameterError) as raised:
        claimtrace.open(LIVE_DATA, sourcez=["rips"])
    shown = raised.value._render_traceback_()
    assert shown == [f"ParameterError: {raised.value}"]
    assert "sourcez: not a parameter" in shown[0] and "sources=()" in shown[0]


def test_a_bad_value_of_a_parameter_is_refused() -> None:
    with pytest.raises(ParameterError, match="unknown source id 'nobody'"):
        claimtrace.open(LIVE_DATA, sources="nobody")


def test_parameters_narrow_as_a_reports_do(
    explorer: query.Explorer, capsys: pytest.CaptureFixture[str]
) -> None:
    narrowed = claimtrace.open(LIVE_DATA, sources=["rips"], min_credibility=1)
    assert capsys.readouterr().out == ""  # outside a notebook, nothing is set up in a page
    listed = narrowed.claims()
    assert set(listed["source_id"]) == {"rips"} and set(listed["grade"]) == {1}
    assert isinstance(listed, pd.DataFrame) and len(listed) < len(explorer.claims())
