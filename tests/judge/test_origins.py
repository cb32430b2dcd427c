"""Independence per statement: which claims are one witness, and why.

A claim is derivative when its quote lies in text its seed shares with another seed, or when its
source relies on another (or both on one outlet) and the two make the same statement. The rest of
an article is its own witness.
"""

from __future__ import annotations

import datetime as dt
import gc

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrace.judge.assess import assess
from claimtrace.judge.origins import (
    LONG_RUN_WORDS,
    MIN_SHARED_RUNS,
    RUN_WORDS,
    Reused,
    _first_published,
    _group_ids,
    origin_groups,
    reused_spans,
    shared_runs,
    text_reuse,
    text_words,
    word_spans,
)
from tests.factories import (
    AGGREGATOR,
    IN_COPIED_TEXT,
    STORY,
    WIRE,
    build,
    claim,
    record,
    source,
)


def _words(prefix: str, n: int) -> str:
    return " ".join(f"{prefix}{i}" for i in range(n))


def test_shared_runs_fold_case_and_punctuation() -> None:
    a = "They aim to reach an agreement “as soon as possible” to facilitate information sharing."
    b = "THE TWO SIDES AIM TO REACH AN AGREEMENT AS SOON AS POSSIBLE, TO FACILITATE INFORMATION"
    assert shared_runs(a, b) == [
        "aim to reach an agreement as soon as possible to facilitate information"
    ]
    assert shared_runs("a free and open Indo-Pacific region", "no words in common here") == []


def test_an_ascii_text_keeps_apostrophes_only_inside_words() -> None:
    text = "Rock'n'roll isn't 'quoted' -- it''s o'-clock_time AT 9'"
    assert text_words(text) == [
        "rock'n'roll",
        "isn't",
        "quoted",
        "it",
        "s",
        "o",
        "clock",
        "time",
        "at",
        "9",
    ]


@settings(max_examples=400, deadline=None, database=None)
@given(text=st.text(st.sampled_from("aZ9'_ -.\n\t\x1c\u2019é"), max_size=40))
def test_text_words_are_the_words_word_spans_finds(text: str) -> None:
    # An ASCII text is split without finding each word; any text must give the same words.
    assert text_words(text) == [word for word, _, _ in word_spans(text)]


def test_runs_that_overlap_without_a_shared_shingle_between_them_are_two() -> None:
    # "b c d e f g" is not in the second text, though the runs either side of it are.
    assert shared_runs("a b c d e f g h", "a b c d e f z c d e f g h") == [
        "a b c d e f",
        "c d e f g h",
    ]
    assert shared_runs("a b c d e f g", "z a b c d e f g") == ["a b c d e f g"]


def test_copy_thresholds_count_runs_and_their_length() -> None:
    run = [_words(f"r{n}w", RUN_WORDS) for n in range(MIN_SHARED_RUNS)]
    short = _words("s", RUN_WORDS - 1)
    texts = {
        "a": " x1 ".join([*run, short]) + " " + _words("long", LONG_RUN_WORDS),
        "b": " y1 ".join(run[:-1]) + " y2 " + short,  # one run too few, and one too short
        "c": " z1 ".join(run),  # as many runs as make a copy
        "d": _words("long", LONG_RUN_WORDS - 1),  # one long run a word too short
        "e": "e0 " + _words("long", LONG_RUN_WORDS),  # one long run just long enough
    }
    reuse = text_reuse(texts).set_index(["source_a", "source_b"])
    assert reuse.loc[("a", "b"), ["shared_runs", "derivative"]].tolist() == [
        MIN_SHARED_RUNS - 1,
        False,
    ]
    assert reuse.loc[("a", "c"), ["shared_runs", "derivative"]].tolist() == [MIN_SHARED_RUNS, True]
    assert reuse.loc[("a", "d"), ["longest_run_words", "derivative"]].tolist() == [
        LONG_RUN_WORDS - 1,
        False,
    ]
    assert reuse.loc[("a", "e"), ["longest_run_words", "derivative"]].tolist() == [
        LONG_RUN_WORDS,
        True,
    ]


def test_a_verbatim_repost_is_one_long_run_and_one_origin() -> None:
    corpus = build(
        [source("wire"), source("mirror")], [], [], seeds={"wire": STORY, "mirror": STORY}
    )
    reuse = assess(corpus).reuse
    assert reuse[["shared_runs", "derivative"]].values.tolist() == [[1, True]]
    assert reuse["longest_run_words"].iloc[0] == len(STORY.split())


def test_reused_spans_are_the_shared_words_in_each_text() -> None:
    texts = {"a": "Intro. " + _words("w", RUN_WORDS) + " outro", "b": _words("w", RUN_WORDS)}
    reuse = text_reuse({**texts, "c": ""}).assign(derivative=True)
    spans = reused_spans(texts, reuse)
    assert [texts["a"][s.start : s.end] for s in spans["a"]] == [_words("w", RUN_WORDS)]
    assert spans["b"] == [Reused(0, len(texts["b"]), "a")]


def test_a_quote_touching_reused_text_is_derivative_and_one_beside_it_is_not() -> None:
    claims = pd.DataFrame(
        [
            (claim_id, "a", "a", "centre-opens", "place", "", value, start, end)
            for claim_id, value, start, end in [
                ("a-1", "ottawa", 0, 10),  # ends where the reused text starts
                ("a-2", "tokyo", 0, 11),  # its last character is reused
                ("a-3", "kyoto", 20, 30),  # starts where the reused text ends
                ("a-4", "osaka", 19, 30),
            ]
        ],
        columns=[
            "claim_id",
            "source_id",
            "speaker",
            "event_id",
            "attribute",
            "subject",
            "value_normalised",
            "start",
            "end",
        ],
    )
    sources = pd.DataFrame([source("a"), source("b")])
    empty = text_reuse({})
    origins = origin_groups(sources, claims, empty, {"a": [Reused(10, 20, "b")]})
    assert origins.claims == {"a-1": "a", "a-2": "a+1", "a-3": "a", "a-4": "a+1"}


def test_an_article_copying_some_sentences_is_its_own_witness_for_the_rest() -> None:
    corpus = build(
        [source("wire"), source("aggregator", author=""), source("blog")],
        [
            claim("wire-1", "plan-adopted", "agreement_name", "gdpa", quote="General Data"),
            claim("aggregator-1", "plan-adopted", "agreement_name", "isa", quote="named the"),
            claim("blog-1", "plan-adopted", "agreement_name", "isa"),
        ],
        [],
        seeds={"wire": WIRE, "aggregator": AGGREGATOR},
    )
    claims = assess(corpus).claims.set_index("claim_id")
    assert claims["origin_group"].tolist() == ["wire", "aggregator", "blog"]
    assert claims.loc["blog-1", ["corroborating_origins", "contradicted_by"]].tolist() == [
        "aggregator",
        "wire",
    ]


def test_claims_in_copied_text_are_one_witness_and_do_not_corroborate_each_other() -> None:
    corpus = build(
        [source("wire"), source("aggregator", author=""), source("blog")],
        [
            claim("wire-2", "plan-adopted", "date", "2022-10-11", quote=IN_COPIED_TEXT["wire"]),
            claim(
                "aggregator-2",
                "plan-adopted",
                "date",
                "2022-10-11",
                quote=IN_COPIED_TEXT["aggregator"],
            ),
            claim("blog-2", "plan-adopted", "date", "2022-10-11"),
        ],
        [],
        seeds={"wire": WIRE, "aggregator": AGGREGATOR},
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims["origin_group"].tolist() == ["aggregator+1", "aggregator+1", "blog"]
    assert claims.loc["blog-2", "corroborating_origins"] == "aggregator+1"  # one witness
    assert claims.loc["aggregator-2", "corroborating_origins"] == "blog"
    groups = result.origin_groups.set_index("origin_group")
    assert groups.loc["aggregator+1", ["members", "n_claims"]].tolist() == [
        "aggregator; wire",
        2,
    ]
    assert groups.loc["aggregator+1", "basis"] == (
        "aggregator and wire share wording (4 runs of 6+ words, longest 18)"
    )
    origins = result.sources.set_index("source_id")
    assert origins.loc["aggregator", "origin_basis"] == (
        "shares 4 runs of 6+ words with wire (longest 18 words)"
    )
    assert origins.loc["wire", "shared_origins"] == "aggregator+1"
    assert origins.loc["blog", "shared_origins"] == ""
    assert groups.loc["blog", ["members", "n_claims"]].tolist() == ["blog", 1]
    reuse = result.reuse.iloc[0]
    assert reuse["example"] == (
        "to expand and deepen their military ties by holding joint exercises between the two "
        "countries the foreign ministers"
    )
    assert len(reuse["example"].split()) == reuse["longest_run_words"] == 18


def test_one_outlet_relayed_is_one_witness_for_the_statements_relayed_only() -> None:
    outlet = "South China Morning Post"
    corpus = build(
        [
            source("a", relies_on=outlet),
            source("b", relies_on="south china  morning post"),
            source("c"),
        ],
        [
            claim("a-1", "centre-opens", "place", "tokyo"),
            claim("b-1", "centre-opens", "place", "Tokyo"),
            claim("a-2", "plan-adopted", "place", "tokyo"),
            claim("b-2", "plan-adopted", "place", "ottawa"),
            claim("c-2", "plan-adopted", "place", "tokyo"),
        ],
        [],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims["origin_group"].tolist() == ["a+1", "a+1", "a", "b", "c"]
    assert claims.loc["a-1", "status"] == "unconfirmed"  # b relays the same outlet
    assert claims.loc["c-2", ["corroborating_origins", "contradicted_by"]].tolist() == ["a", "b"]
    groups = result.origin_groups.set_index("origin_group")
    assert groups.loc["a+1", ["members", "basis"]].tolist() == ["a; b", f"2 rely on {outlet}"]
    basis = result.sources.set_index("source_id")["origin_basis"]
    assert basis["a"] == f"relies on {outlet}, as does b"


def test_a_source_relaying_another_is_one_witness_with_it_on_what_it_repeats() -> None:
    corpus = build(
        [source("a"), source("c", relies_on="a")],
        [
            claim("a-1", "centre-opens", "place", "tokyo"),
            claim("c-1", "centre-opens", "place", "tokyo"),
            claim("c-2", "plan-adopted", "place", "tokyo"),
        ],
        [],
    )
    result = assess(corpus)
    assert result.claims["origin_group"].tolist() == ["a+1", "a+1", "c"]
    assert result.origin_groups.set_index("origin_group").loc["a+1", "basis"] == "1 rely on a"
    assert result.sources.set_index("source_id").loc["c", "origin_basis"] == "relies on a"


def test_a_source_relaying_the_record_stays_its_own_witness() -> None:
    corpus = build(
        [source("d", relies_on="record")],
        [claim("d-1", "plan-adopted", "place", "tokyo")],
        [record("R05", "plan-adopted", "date", "2022-10-11", place="Tokyo")],
    )
    result = assess(corpus)
    claims = result.claims.set_index("claim_id")
    assert claims.loc["d-1", ["origin_group", "corroborating_origins"]].tolist() == [
        "d",
        "record",
    ]
    basis = result.sources.set_index("source_id")["origin_basis"]
    assert basis.to_dict() == {"record": "the official record is its own origin", "d": ""}


def test_group_ids_are_short_unique_and_members_are_listed_once() -> None:
    corpus = build(
        [
            source("a", relies_on="X; Y"),
            source("b", relies_on="X"),
            source("c", relies_on="Y"),
            source("d", relies_on="Y"),
        ],
        [
            claim("a-1", "centre-opens", "place", "tokyo"),
            claim("b-1", "centre-opens", "place", "tokyo"),
            claim("a-2", "plan-adopted", "place", "tokyo"),
            claim("c-2", "plan-adopted", "place", "tokyo"),
            claim("d-2", "plan-adopted", "place", "tokyo"),
            claim("c-3", "isa-signed", "place", "tokyo"),
            claim("a-3", "isa-signed", "place", "tokyo"),
        ],
        [],
    )
    result = assess(corpus)
    origin = result.claims.set_index("claim_id")["origin_group"]
    assert origin.to_dict() == {
        "a-1": "a+1",
        "b-1": "a+1",
        "a-2": "a+2",
        "c-2": "a+2",
        "d-2": "a+2",
        "c-3": "a+1-2",
        "a-3": "a+1-2",
    }
    groups = result.origin_groups.set_index("origin_group")
    assert groups.index.tolist() == ["a", "a+1", "a+1-2", "a+2", "b", "c", "d", "record"]
    assert groups.loc[["a+1", "a+1-2", "a+2"], "members"].tolist() == ["a; b", "a; c", "a; c; d"]
    # A source's own statements are its own group; here a has none left, and the record none.
    assert groups.loc[["a", "record"], ["members", "n_claims", "basis"]].values.tolist() == [
        ["a", 0, ""],
        ["record", 0, ""],
    ]
    assert groups["n_claims"].sum() == len(result.claims)
    sources = result.sources.set_index("source_id")
    assert sources.loc["a", "shared_origins"] == "a+1; a+1-2; a+2"
    assert sources.loc["d", "origin_basis"] == "relies on Y, as does a; relies on Y, as does c"
    # Only what the members share: a's other outlet ties it to no one here.
    assert groups.loc[["a+1", "a+1-2", "a+2"], "basis"].tolist() == [
        "2 rely on X",
        "2 rely on Y",
        "3 rely on Y",
    ]


def test_groups_that_share_a_short_id_are_numbered_in_the_order_of_their_members() -> None:
    # However the sets come (a set's order varies from run to run), the ids do not.
    sets = [frozenset(members) for members in ("ae", "ac", "ad", "ab", "bc")]
    assert _group_ids(sets, alphabetical) == {
        frozenset("ab"): "a+1",
        frozenset("ac"): "a+1-2",
        frozenset("ad"): "a+1-3",
        frozenset("ae"): "a+1-4",
        frozenset("bc"): "b+1",
    }


def alphabetical(source_id: str) -> tuple[dt.date, str]:
    return dt.date.min, source_id


def test_a_group_is_named_after_its_earliest_published_member_not_the_first_by_name() -> None:
    # An origin group named after a later article reads as if the earlier one copied it.
    sources = pd.DataFrame(
        [
            source("aggregator", published="2022-10-12"),
            source("wire", published="2022-10-11"),
            source("blog", published=""),
        ]
    )
    order = _first_published(sources)
    pairs = [frozenset({"aggregator", "wire"}), frozenset({"aggregator", "blog"})]
    assert _group_ids(pairs, order) == {
        frozenset({"aggregator", "wire"}): "wire+1",  # wire came out first
        frozenset({"aggregator", "blog"}): "aggregator+1",  # the undated one is not first
    }


def test_an_origin_group_on_both_sides_neither_corroborates_nor_contradicts() -> None:
    corpus = build(
        [source("wire"), source("aggregator", author=""), source("blog")],
        [
            claim("wire-3", "centre-opens", "place", "tokyo", quote=IN_COPIED_TEXT["wire"]),
            claim(
                "aggregator-3",
                "centre-opens",
                "place",
                "ottawa",
                quote=IN_COPIED_TEXT["aggregator"],
            ),
            claim("blog-3", "centre-opens", "place", "tokyo"),
        ],
        [],
        seeds={"wire": WIRE, "aggregator": AGGREGATOR},
    )
    claims = assess(corpus).claims.set_index("claim_id")
    blog = claims.loc["blog-3"]
    assert blog[["status", "credibility", "corroborating_origins", "contradicted_by"]].tolist() == [
        "unconfirmed",
        4,
        "",
        "",
    ]
    assert blog["credibility_reason"] == "aggregator+1 both agree and disagree"
    # The copies are judged by the independent blog; that they differ is a dispute noted.
    assert claims.loc["wire-3", ["status", "credibility"]].tolist() == ["confirmed", 1]
    assert claims.loc["aggregator-3", ["status", "credibility"]].tolist() == ["contradicted", 4]


def test_an_independent_origin_does_corroborate() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "centre-opens", "place", "ottawa", quote="Canada and Japan"),
            claim("blog-1", "centre-opens", "place", "Ottawa", quote="a centre in Ottawa"),
        ],
        [],
        seeds={"wire": STORY, "blog": "An unrelated text about a centre in Ottawa."},
    )
    claims = assess(corpus).claims.set_index("claim_id")
    assert claims.loc["blog-1", ["status", "credibility"]].tolist() == ["confirmed", 1]
    assert claims.loc["blog-1", "corroborating_origins"] == "wire"


def test_a_group_tied_by_wording_and_by_an_outlet_gives_both_reasons() -> None:
    corpus = build(
        [source("wire", relies_on="Kyodo"), source("aggregator", relies_on="Kyodo")],
        [
            claim("wire-2", "plan-adopted", "date", "2022-10-11", quote=IN_COPIED_TEXT["wire"]),
            claim(
                "aggregator-2",
                "plan-adopted",
                "date",
                "2022-10-11",
                quote=IN_COPIED_TEXT["aggregator"],
            ),
        ],
        [],
        seeds={"wire": WIRE, "aggregator": AGGREGATOR},
    )
    groups = assess(corpus).origin_groups.set_index("origin_group")
    assert groups.loc["aggregator+1", "basis"] == (
        "aggregator and wire share wording (4 runs of 6+ words, longest 18); 2 rely on Kyodo"
    )


def test_assessing_keeps_every_comparison_and_leaves_the_collector_as_it_was() -> None:
    corpus = build(
        [source("wire"), source("blog")],
        [
            claim("wire-1", "centre-opens", "place", "ottawa"),
            claim("blog-1", "centre-opens", "place", "tokyo"),
        ],
        [],
    )
    assert gc.isenabled()
    pairs = assess(corpus).comparisons
    assert gc.isenabled()
    assert pairs[["claim_id", "other_id", "verdict"]].values.tolist() == [
        ["wire-1", "blog-1", "disagrees"],
        ["blog-1", "wire-1", "disagrees"],
    ]
    gc.disable()
    try:
        assess(corpus)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_sources_relying_on_different_outlets_are_not_tied_by_them() -> None:
    corpus = build(
        [source("a", relies_on="X"), source("b", relies_on="Y")],
        [
            claim("a-1", "centre-opens", "place", "tokyo"),
            claim("b-1", "centre-opens", "place", "tokyo"),
        ],
        [],
    )
    claims = assess(corpus).claims.set_index("claim_id")
    assert claims["origin_group"].tolist() == ["a", "b"]
    assert claims.loc["a-1", "corroborating_origins"] == "b"


JAPANESE_STORY = (
    "日本とカナダの両政府は8日、東京の外務省で情報保護協定に署名した。岩屋毅外相とカナダの"
    "アナンド外相が署名し、防衛分野などの機密情報を相互に共有できるようになる。両国は2022年"
    "10月、協定の締結に向けた正式交渉を始め、約3年で合意に至った。"
)


def test_a_japanese_copy_of_a_japanese_story_is_found_in_dictionary_words() -> None:
    copy = "共同通信によると、" + JAPANESE_STORY + "協定は国内手続きを経て発効する。"
    reuse = text_reuse({"original": JAPANESE_STORY, "copy": copy})
    assert reuse["derivative"].tolist() == [True]
    assert reuse["longest_run_words"].iloc[0] >= 40  # words, not clauses between commas
    assert word_spans("情報保護協定に署名")[:3] == [("情報", 0, 2), ("保護", 2, 4), ("協定", 4, 6)]


def test_two_japanese_stories_sharing_a_phrase_are_not_copies() -> None:
    other = (
        "政府は情報保護協定に署名したと発表した。防衛省は来年度から新たな訓練を始める方針だ。"
        "カナダ海軍の艦艇は今月、横須賀に寄港する予定である。"
    )
    reuse = text_reuse({"original": JAPANESE_STORY, "other": other})
    assert not reuse["derivative"].any()
