"""Conflicts: one finding per cause, its facets and sides kept as data."""

from __future__ import annotations

import dataclasses

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrace.judge.assess import assess
from claimtrace.judge.comparison import AGREES, CONSISTENT, DISAGREES
from claimtrace.judge.conflicts import (
    CONFLICT_COLUMNS,
    CONFLICT_STATEMENT_COLUMNS,
    find_conflicts,
)
from claimtrace.judge.pairs import PAIR_COLUMNS
from claimtrace.vocabulary import ASSERTS
from tests.factories import (
    AGGREGATOR,
    IN_COPIED_TEXT,
    WIRE,
    build,
    claim,
    conflicts_as_exported,
    record,
    source,
)

PRIORITIES = "rule-of-law; peacekeeping; health; trade; climate"


def test_a_list_short_of_the_record_and_of_its_own_count_is_one_finding_with_both_facets() -> None:
    corpus = build(
        [source("cips")],
        [
            claim("cips-1", "plan-adopted", "count", "6"),
            claim("cips-2", "plan-adopted", "items", PRIORITIES),
        ],
        [record("R07", "plan-adopted", "items", PRIORITIES + "; energy")],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims.loc["cips-2", ["status", "credibility"]].tolist() == ["contradicted", 5]
    assert claims.loc["cips-1", ["status", "credibility"]].tolist() == ["confirmed", 1]
    conflicts = conflicts_as_exported(result)
    assert len(conflicts) == 1
    conflict = conflicts.iloc[0]
    assert conflict["conflict_id"] == "plan-adopted-count-items"
    assert (conflict["scope"], conflict["facets"]) == ("against_record", "against_record; internal")
    assert conflict["claim_ids"] == "cips-1; cips-2"
    assert (conflict["source_ids"], conflict["record_ids"]) == ("cips; record", "R07")
    assert conflict["values"] == "5 items (cips items) ≠ 6 items (record R07) / 6 (cips count)"
    assert conflict["detail"].endswith("; per the record R07, cips lacks energy")
    assert conflict["record_supports"] == "6 items"
    sides = result.conflict_statements.groupby("side")["statement_id"].agg(list).tolist()
    assert sides == [["cips-2"], ["R07", "cips-1"]]


def test_a_count_against_its_own_list_with_the_record_silent_is_internal() -> None:
    corpus = build(
        [source("cips")],
        [
            claim("cips-1", "plan-adopted", "count", "6"),
            claim("cips-2", "plan-adopted", "items", "a; b"),
        ],
        [],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims["credibility"].tolist() == [4, 4]
    assert "inconsistent with its own claim cips-2" in claims.loc["cips-1", "credibility_reason"]
    conflict = conflicts_as_exported(result).iloc[0]
    assert (conflict["scope"], conflict["facets"]) == ("internal", "internal")
    assert (conflict["source_ids"], conflict["record_ids"]) == ("cips", "")
    assert conflict["record_supports"] == ""
    assert conflict["detail"].startswith("cips disagrees with itself on count; items of ")


def test_a_count_is_compared_only_with_its_own_sources_list() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "plan-adopted", "count", "6"),
            claim("blog-1", "plan-adopted", "items", "a; b"),
        ],
        [],
    )
    result = assess(corpus)
    assert result.conflicts.empty
    assert set(result.claims["status"]) == {"unconfirmed"}


def test_two_sources_disagreeing_and_one_with_itself_on_one_list_is_one_finding() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "plan-adopted", "count", "3"),
            claim("wire-2", "plan-adopted", "items", "a; b"),
            claim("blog-1", "plan-adopted", "items", "a; b; c"),
        ],
        [],
    )
    conflicts = conflicts_as_exported(assess(corpus))
    assert conflicts[["conflict_id", "scope", "facets"]].values.tolist() == [
        ["plan-adopted-count-items", "between_sources", "between_sources; internal"]
    ]


def test_different_subjects_and_attribute_families_are_different_findings() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "isa-signed", "place", "ottawa"),
            claim("wire-2", "isa-signed", "date", "2025-07-09"),
            claim("blog-1", "isa-signed", "place", "tokyo"),
            claim("blog-2", "isa-signed", "date", "2025-07-08"),
            claim("wire-3", "isa-signed", "role", "foreign_minister_canada", subject="joly"),
        ],
        [],
    )
    ids = assess(corpus).conflicts["conflict_id"].tolist()
    assert ids == ["isa-signed-date", "isa-signed-place", "isa-signed-role-joly"]


def test_copies_within_one_origin_group_that_differ_say_so() -> None:
    corpus = build(
        [source("a", relies_on="X"), source("b", relies_on="X")],
        [
            claim("a-1", "centre-opens", "place", "tokyo"),
            claim("b-1", "centre-opens", "place", "tokyo"),
            claim("a-2", "centre-opens", "date", "2025-09"),
            claim("b-2", "centre-opens", "date", "2025-10"),
        ],
        [],
    )
    result = assess(corpus)
    conflict = conflicts_as_exported(result).iloc[0]
    # Different statements are not copies: each is its source's own.
    assert conflict["detail"] == "date of centre-opens: a says 2025-09; b says 2025-10"
    statements = result.conflict_statements
    assert statements["origin_group"].tolist() == ["a", "b"]


def test_copies_in_shared_text_that_differ_are_one_origin_disputing_itself() -> None:
    corpus = build(
        [source("wire"), source("aggregator", author="")],
        [
            claim("wire-1", "centre-opens", "place", "tokyo", quote=IN_COPIED_TEXT["wire"]),
            claim(
                "aggregator-1",
                "centre-opens",
                "place",
                "ottawa",
                quote=IN_COPIED_TEXT["aggregator"],
            ),
        ],
        [],
        seeds={"wire": WIRE, "aggregator": AGGREGATOR},
    )
    result = assess(corpus)
    conflict = conflicts_as_exported(result).iloc[0]
    assert conflict["detail"] == (
        "place of centre-opens: aggregator says ottawa; wire says tokyo"
        " (copies within one origin group, aggregator+1, differ)"
    )
    claims = result.claims.set_index("claim_id")
    assert claims.loc["wire-1", ["status", "credibility"]].tolist() == ["unconfirmed", 4]
    assert claims.loc["wire-1", "credibility_reason"] == (
        "disputed by aggregator (same origin group)"
    )


def test_the_detail_says_who_says_what_and_how_each_list_differs_from_the_record() -> None:
    corpus = build(
        [source("wire"), source("blog"), source("web")],
        [
            claim("wire-1", "plan-adopted", "items", "a; z"),
            claim("blog-1", "plan-adopted", "includes", "a; y"),
            claim("web-1", "plan-adopted", "items", "a; z"),
        ],
        [
            record("R1", "plan-adopted", "count", "3"),
            record("R2", "plan-adopted", "items", "a; b; c"),
        ],
    )
    conflict = conflicts_as_exported(assess(corpus)).iloc[0]
    assert conflict["record_supports"] == "3 / a; b; c"
    assert conflict["record_ids"] == "R1; R2"
    assert conflict["detail"] == (
        "count; includes; items of plan-adopted: blog says a; y; web and wire say a; z; "
        "record R1 says 3; record R2 says a; b; c"
        "; per the record R2, blog adds y"  # a partial list lacks nothing
        "; per the record R2, web lacks b, c; per the record R2, web adds z"
        "; per the record R2, wire lacks b, c; per the record R2, wire adds z"
    )


def test_the_record_side_comes_last_whatever_its_statement_is_called() -> None:
    corpus = build([source("a")], [claim("a-1", "isa-signed", "role", "envoy", subject="kono")], [])
    extra = pd.DataFrame(
        [("kono", "person", "Taro Kono", "", "envoy", "2010", "2012", "", "")],
        columns=corpus.entities.columns,
    )
    corpus = dataclasses.replace(corpus, entities=pd.concat([corpus.entities, extra]))
    result = assess(corpus)
    said = result.conflict_statements[["side", "statement_id", "is_record"]].values.tolist()
    assert said == [[0, "a-1", False], [1, "entities.csv", True]]
    assert conflicts_as_exported(result).iloc[0]["values"] == (
        "envoy (a) ≠ kono held envoy 2010 to 2012, not on 2025-07-08 (dated roles)"
    )


def test_a_list_after_a_count_in_the_same_finding_is_still_compared_with_the_record() -> None:
    corpus = build(
        [source("blog"), source("wire")],
        [
            claim("blog-1", "plan-adopted", "count", "1"),
            claim("blog-2", "plan-adopted", "items", "a; b"),
            claim("wire-1", "plan-adopted", "items", "a"),
        ],
        [record("R2", "plan-adopted", "items", "a; b")],
    )
    conflict = conflicts_as_exported(assess(corpus)).iloc[0]
    assert conflict["detail"].endswith("; per the record R2, wire lacks b")


def test_statements_on_one_side_are_in_the_order_of_their_sources() -> None:
    """By source, then by id: `a-0-1` is a claim of source `a-0`, which comes after `a`."""
    corpus = build(
        [source("a"), source("a-0")],
        [
            claim("a-0-1", "isa-signed", "place", "ottawa"),
            claim("a-9", "isa-signed", "place", "ottawa"),
        ],
        [record("zz", "isa-signed", "place", "tokyo")],
    )
    said = assess(corpus).conflict_statements[["side", "statement_id", "is_record"]]
    assert said.values.tolist() == [[0, "a-9", False], [0, "a-0-1", False], [1, "zz", True]]


def _pair(
    claim_id: str,
    value: str,
    other_id: str,
    other_value: str,
    *,
    attribute: str = "date",
    event: str = "e",
    verdict: str = DISAGREES,
) -> tuple[str, ...]:
    """A comparison (PAIR_COLUMNS) of a claim with another statement; a statement's source is
    what its id starts with, the record's statements' ids start with R."""
    source = claim_id.split("-")[0]
    other_source = "record" if other_id.startswith("R") else other_id.split("-")[0]
    claim = (claim_id, source, source, event, "", attribute, value, ASSERTS)
    other = (other_id, other_source, other_source, attribute, other_value, ASSERTS)
    return (*claim, *other, verdict)


def _sides(pairs: list[tuple[str, ...]]) -> list[list[str]]:
    """The statement ids of each side of each conflict, in order."""
    _, statements = find_conflicts(pd.DataFrame(pairs, columns=PAIR_COLUMNS), "record")
    by_side = statements.groupby(["conflict_id", "side"], sort=False)["statement_id"]
    return by_side.agg(list).tolist()


def test_statements_that_do_not_disagree_stand_on_one_side() -> None:
    """2018 and 2018-04-21 are consistent: they stand together against 2019."""
    pairs = [
        _pair("a-1", "2018", "c-1", "2019"),
        _pair("b-1", "2018-04-21", "c-1", "2019"),
        _pair("a-1", "2018", "b-1", "2018-04-21", verdict=CONSISTENT),
    ]
    assert _sides(pairs) == [["a-1", "b-1"], ["c-1"]]


def test_each_statement_takes_the_first_side_where_no_one_disagrees_with_it() -> None:
    """b opens a second side against a; c, against a only, joins b; d, against a and b, opens a
    third; e, against a, b and d, a fourth."""
    pairs = [
        _pair("a-1", "2018", "b-1", "2019"),
        _pair("c-1", "2019-05", "a-1", "2018"),
        _pair("d-1", "2020", "a-1", "2018"),
        _pair("d-1", "2020", "b-1", "2019"),
        _pair("e-1", "2021", "a-1", "2018"),
        _pair("e-1", "2021", "b-1", "2019"),
        _pair("e-1", "2021", "d-1", "2020"),
    ]
    assert _sides(pairs) == [["a-1"], ["b-1", "c-1"], ["d-1"], ["e-1"]]


def test_the_record_side_comes_last_with_the_claims_that_no_one_opposes_there() -> None:
    pairs = [
        _pair("a-1", "tokyo", "R1", "ottawa", attribute="place"),
        _pair("b-1", "tokyo", "R1", "ottawa", attribute="place"),
        _pair("b-1", "tokyo", "c-1", "ottawa", attribute="place"),
    ]
    assert _sides(pairs) == [["a-1", "b-1"], ["R1", "c-1"]]


def test_a_statement_compared_with_itself_opposes_no_one() -> None:
    pairs = [_pair("a-1", "2018", "c-1", "2019"), _pair("b-1", "2018", "b-1", "2019")]
    assert _sides(pairs) == [["a-1", "b-1"], ["c-1"]]


def test_a_statement_is_shown_as_the_first_pair_gives_it() -> None:
    """A record row states several attributes of one family; it is shown as first met."""
    pairs = [
        _pair("a-1", "3", "R1", "a; b", attribute="count"),
        _pair("a-2", "a", "R1", "2", attribute="includes"),
    ]
    _, statements = find_conflicts(pd.DataFrame(pairs, columns=PAIR_COLUMNS), "record")
    assert statements.set_index("statement_id").loc["R1", "value"] == "a; b"
    pairs.reverse()
    _, statements = find_conflicts(pd.DataFrame(pairs, columns=PAIR_COLUMNS), "record")
    assert statements.set_index("statement_id").loc["R1", "value"] == "2"


def test_without_a_disagreement_there_is_no_conflict() -> None:
    pairs = pd.DataFrame(
        [_pair("a-1", "2018", "b-1", "2018", verdict=AGREES)], columns=PAIR_COLUMNS
    )
    conflicts, statements = find_conflicts(pairs, "record")
    assert conflicts.empty and list(conflicts.columns) == CONFLICT_COLUMNS
    assert statements.empty and list(statements.columns) == CONFLICT_STATEMENT_COLUMNS


@st.composite
def _disagreements(draw: st.DrawFn) -> list[tuple[str, ...]]:
    """Pairs on a few events at once, each event's statements (a record's among them, maybe)
    disagreeing at random, with agreeing pairs between them that split no one."""
    pairs = []
    for event in range(draw(st.integers(1, 4))):
        ids = [f"R{n}" for n in range(draw(st.integers(0, 2)))]
        ids += [f"s{n}-1" for n in range(draw(st.integers(1, 7)))]
        for at, statement in enumerate(ids):
            for other in ids[at + 1 :]:
                if statement.startswith("R") and other.startswith("R"):
                    continue  # the record never meets itself
                # A pair's claim is a source's: the record's statements are only ever met.
                claim, met = (other, statement) if statement.startswith("R") else (statement, other)
                verdict = draw(st.sampled_from([DISAGREES, AGREES, None]))
                if verdict:
                    pairs.append(_pair(claim, claim, met, met, event=f"e{event}", verdict=verdict))
    return draw(st.permutations(pairs))


@settings(max_examples=300, deadline=None, database=None)
@given(pairs=_disagreements())
def test_sides_are_opened_only_where_every_earlier_side_has_an_opponent(
    pairs: list[tuple[str, ...]],
) -> None:
    """In reading order (the record, then sources), every statement is on a side where no one
    disagrees with it, and on every side opened before its own someone read before it does;
    the sides are numbered in the order they were opened, the record's last."""
    frame = pd.DataFrame(pairs, columns=PAIR_COLUMNS)
    disagreeing = frame[frame["verdict"] == DISAGREES]
    opposed = {
        (event, frozenset(ends))
        for event, *ends in zip(
            disagreeing["event_id"], disagreeing["claim_id"], disagreeing["other_id"], strict=True
        )
    }
    conflicts, statements = find_conflicts(frame, "record")
    assert conflicts["event_id"].tolist() == sorted(set(disagreeing["event_id"]))
    event_of = dict(zip(conflicts["conflict_id"], conflicts["event_id"], strict=True))
    for conflict_id, said in statements.groupby("conflict_id", sort=False):

        def disagree(statement: str, others: list[str], event: str = event_of[conflict_id]) -> bool:
            return any((event, frozenset((statement, other))) in opposed for other in others)

        assert said["side"].tolist() == sorted(said["side"])
        sides = [side["statement_id"].tolist() for _, side in said.groupby("side")]
        read = sorted(said["statement_id"], key=lambda statement: (statement[0] != "R", statement))
        assert all(sorted(side, key=read.index) == side for side in sides)
        opened = sorted(sides, key=lambda side: read.index(side[0]))
        by_record = [side for side in opened if side[0].startswith("R")]
        assert sides == [side for side in opened if side not in by_record] + by_record
        for number, side in enumerate(opened):
            for statement in side:
                assert not disagree(statement, side)
                before = read[: read.index(statement)]
                assert all(
                    disagree(statement, [other for other in earlier if other in before])
                    for earlier in opened[:number]
                )
