"""Quotes anchor exactly once in their seed, or fail with a message that says what to copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrace.corpus.anchoring import (
    CONTEXT_CHARS,
    KEY_CHARS,
    Anchor,
    QuoteNotAnchored,
    QuoteNotFound,
    contexts,
    decode_seed,
    find_quote,
    find_quotes,
    occurrences,
    quote_offsets,
    seed_sha256,
)
from claimtrace.corpus.load import load_corpus

CURLY_APOSTROPHE = "\u2019"
SEED = (
    f"Japan{CURLY_APOSTROPHE}s foreign ministry said it aims\u00a0to agree "
    "\u201cas soon as possible\u201d. Japan agreed."
)


def test_every_anchor_round_trips_to_its_quote(good_dir: Path) -> None:
    corpus = load_corpus(good_dir / "data")
    for claim in corpus.claims.itertuples():
        seed = corpus.seeds[claim.source_id]
        assert seed[claim.start : claim.end] == claim.quote
        assert seed[: claim.start].endswith(claim.prefix)
        assert seed[claim.end :].startswith(claim.suffix)
        assert len(claim.prefix) == min(CONTEXT_CHARS, claim.start)
        assert claim.seed_sha256 == seed_sha256(seed.encode("utf-8"))


def test_prefix_and_suffix_stop_at_the_ends_of_the_seed() -> None:
    anchor = find_quote(f"Japan{CURLY_APOSTROPHE}s", SEED)
    assert (anchor.start, anchor.end, anchor.prefix) == (0, 7, "")
    assert anchor.suffix == SEED[7 : 7 + CONTEXT_CHARS]
    assert find_quote("agreed.", SEED).suffix == ""


def test_a_straight_apostrophe_gets_a_hint_not_a_match() -> None:
    with pytest.raises(QuoteNotAnchored) as raised:
        find_quote("Japan's foreign ministry", SEED)
    message = str(raised.value)
    assert message.startswith("not found exactly in the seed; matches at offset 0")
    assert f"{CURLY_APOSTROPHE} (seed) vs ' (quote)" in message
    assert message.endswith("copy the seed's characters")
    assert not isinstance(raised.value, QuoteNotFound)  # found, in other characters


def test_straight_double_quotes_get_a_hint_naming_both_pairs() -> None:
    with pytest.raises(QuoteNotAnchored, match=r'“ \(seed\) vs " \(quote\) and ” \(seed\) vs "'):
        find_quote('"as soon as possible"', SEED)


def test_a_space_for_a_non_breaking_space_gets_a_hint() -> None:
    with pytest.raises(QuoteNotAnchored, match="a non-breaking space \\(U\\+00A0\\) \\(seed\\) vs"):
        find_quote("it aims to agree", SEED)


def test_a_quote_with_a_curly_apostrophe_the_seed_lacks_gets_a_hint() -> None:
    with pytest.raises(QuoteNotAnchored) as raised:
        find_quote(f"Japan{CURLY_APOSTROPHE}s", "Japan's ministry")
    assert "matches at offset 0" in str(raised.value)
    assert f"' (seed) vs {CURLY_APOSTROPHE} (quote)" in str(raised.value)


def test_a_quote_that_differs_in_words_gets_no_hint() -> None:
    with pytest.raises(QuoteNotAnchored) as raised:
        find_quote("foreign ministry stated", SEED)
    assert str(raised.value) == "not found exactly in the seed"
    assert isinstance(raised.value, QuoteNotFound)  # so the loader shows the nearest passage


def test_an_ambiguous_quote_names_every_offset() -> None:
    with pytest.raises(QuoteNotAnchored, match=r"occurs 2 times in the seed \(offsets 0, 70\)"):
        find_quote("Japan", SEED)


def test_an_empty_quote_is_not_anchored() -> None:
    with pytest.raises(QuoteNotAnchored, match="empty"):
        find_quote("", SEED)


def test_a_seed_must_be_strict_utf8() -> None:
    assert decode_seed("Mélanie".encode()) == "Mélanie"
    with pytest.raises(ValueError, match=r"byte 0xE9 at byte offset 8 \(line 2\)"):
        decode_seed("Canada\nMélanie".encode("latin-1"))


def test_overlapping_and_threefold_occurrences_are_all_found() -> None:
    assert occurrences("aa", "aaaa") == [0, 1, 2]
    assert occurrences("ab", "ab ab ab") == [0, 3, 6]
    assert occurrences("x", "abc") == []
    with pytest.raises(QuoteNotAnchored, match=r"occurs 3 times in the seed \(offsets 0, 1, 2\)"):
        find_quote("aa", "aaaa")


def test_a_lookalike_hint_names_every_offset_it_matches_at() -> None:
    seed = f"Japan{CURLY_APOSTROPHE}s view. Japan{CURLY_APOSTROPHE}s view."
    with pytest.raises(QuoteNotAnchored, match=r"matches at offsets 0, 14 if lookalike"):
        find_quote("Japan's view", seed)


def test_the_prefix_is_every_character_before_a_quote_near_the_start() -> None:
    anchor = find_quote("foreign", SEED)
    assert anchor.prefix == SEED[: anchor.start] and anchor.start < CONTEXT_CHARS


def test_a_bad_byte_is_located_by_the_lines_before_it_only() -> None:
    with pytest.raises(ValueError, match=r"byte 0xE9 at byte offset 9 \(line 3\)"):
        decode_seed("\nCanada\nM\xe9lanie\nJoly\n".encode("latin-1"))


def test_the_messages_say_what_to_do() -> None:
    with pytest.raises(QuoteNotAnchored) as raised:
        find_quote("Japan", SEED)
    assert str(raised.value) == (
        "ambiguous: occurs 2 times in the seed (offsets 0, 70); quote more words so it occurs once"
    )
    with pytest.raises(QuoteNotAnchored) as raised:
        find_quote("", SEED)
    assert str(raised.value) == "quote is empty"


def test_one_pass_for_many_quotes_finds_every_offset_a_search_per_quote_finds() -> None:
    seed = "An emoji \U0001f600 before: Japan agreed. Japan agreed again, and agreed. aaa"
    quotes = ["Japan agreed", "agreed.", "Japan agreed.", "\U0001f600 before", "aa", "absent"]
    found = find_quotes([*quotes, "agreed."], seed)  # a quote given twice is looked for once
    assert set(found) == set(quotes)
    for quote in quotes:
        offsets = occurrences(quote, seed)  # str.find, one quote at a time
        result = found[quote]
        if len(offsets) == 1:
            assert isinstance(result, Anchor) and seed[result.start : result.end] == quote
            assert result.start == offsets[0]
        elif offsets:
            shown = ", ".join(map(str, offsets))
            assert f"occurs {len(offsets)} times in the seed (offsets {shown})" in str(result)
        else:
            assert str(result).startswith("not found exactly in the seed")
    assert found["\U0001f600 before"].start == 9  # offsets count characters, not bytes
    assert "(offsets 65, 66)" in str(found["aa"])  # overlapping occurrences count
    assert str(find_quotes([""], seed)[""]) == "quote is empty"


# Seeds over a few characters, so that quotes recur, overlap and share their windows.
REPETITIVE_TEXT = st.text(st.sampled_from("ab  \u00e9\U0001f600"), min_size=1, max_size=200)


@settings(max_examples=300, deadline=None, database=None)
@given(seed=REPETITIVE_TEXT, data=st.data())
def test_one_search_finds_every_offset_of_every_quote(seed: str, data: st.DataObject) -> None:
    """Quotes longer and shorter than the automaton's windows, taken from the seed or not."""
    spans = st.tuples(st.integers(0, len(seed) - 1), st.integers(1, 3 * KEY_CHARS))
    quotes = [seed[start : start + length] for start, length in data.draw(st.lists(spans))]
    quotes += ["a b" * KEY_CHARS, "b" * KEY_CHARS + " a", " "]
    found = quote_offsets(quotes, seed)
    assert found == [occurrences(quote, seed) for quote in quotes]


def test_a_quote_not_anchored_has_no_context_and_one_at_the_seeds_edges_has_what_there_is() -> None:
    seed = "a" * CONTEXT_CHARS + "QUOTE" + "b" * 3
    start = seed.index("QUOTE")
    prefixes, suffixes = contexts(seed, [-1, 0, start], [-1, 2, start + 5])
    assert prefixes == ["", "", "a" * CONTEXT_CHARS]
    assert suffixes == ["", seed[2 : 2 + CONTEXT_CHARS], "bbb"]
