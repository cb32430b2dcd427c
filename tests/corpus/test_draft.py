"""`claimtrace draft`: candidate claims for a new seed, each quoting words that anchor, with
relative dates resolved against the publication date (or said to be unresolvable)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from claimtrace.cli import main
from claimtrace.corpus.anchoring import find_quote
from claimtrace.corpus.drafting.date_expressions import find_dates, find_durations
from claimtrace.corpus.drafting.draft import (
    DRAFT_COLUMNS,
    LONGEST_QUOTE,
    draft_claims,
    unique_quote,
)
from claimtrace.corpus.drafting.local_time import Clocks, given_in
from claimtrace.corpus.drafting.mentions import EntityMatcher, sentences
from claimtrace.corpus.drafting.proposals import propose
from claimtrace.corpus.drafting.stance import cues, governing
from claimtrace.corpus.load import load_corpus
from tests.factories import FIXTURES, GOOD

# Published on Friday 2022-10-14. "Hayashi Yoshimasa" is not in the fixture's alias table: its
# canonical name is "Yoshimasa Hayashi".
STORY = (
    "Foreign Minister Mélanie Joly met Hayashi Yoshimasa in Tokyo on Tuesday. "
    "The two ministers launched formal consultations on an information-sharing agreement. "
    "Officials said such an agreement had been discussed for nearly three years. "
    "Japan has similar agreements with eight countries, the ministry said last week.\n"
)
UNDATED = "The pact was signed last week in Tokyo by Mélanie Joly.\n"
NEWS = FIXTURES / "drafting"
"""A news story (published 2022-10-14) with a correction, a denial, relayed claims, dates in
local time and approximate values; the entities it adds; and the draft expected of it."""
ZONES = {"tokyo": "Asia/Tokyo", "japan": "Asia/Tokyo", "toronto": "America/Toronto"}


@pytest.fixture(scope="module")
def names() -> EntityMatcher:
    """The good corpus's names, matched once for the tests of single sentences."""
    return EntityMatcher(load_corpus(GOOD / "data").entities)


def register(copy, tmp_path: Path, source_id: str, text: str, *options: str) -> None:
    path = tmp_path / f"{source_id}.txt"
    path.write_text(text, encoding="utf-8")
    args = ["add-source", str(path), "--id", source_id, "--kind", "news_article"]
    args += ["--name", source_id.title(), *options]
    assert main([*args, "--data-dir", str(copy.data_dir)]) == 0


@pytest.fixture
def drafted(corpus_copy, tmp_path: Path, capsys) -> pd.DataFrame:
    register(corpus_copy, tmp_path, "story", STORY, "--published", "2022-10-14")
    assert main(["draft", "story", "--data-dir", str(corpus_copy.data_dir)]) == 0
    assert "proposed claims" in capsys.readouterr().out
    with open(corpus_copy.data_dir / "drafts" / "story.csv", encoding="utf-8") as file:
        return pd.DataFrame(list(csv.DictReader(file)), dtype=str)


def the_row(draft: pd.DataFrame, attribute: str, quote_contains: str) -> pd.Series:
    rows = draft[(draft["attribute"] == attribute) & draft["quote"].str.contains(quote_contains)]
    assert len(rows) == 1, draft[["attribute", "quote"]].to_string()
    return rows.iloc[0]


def test_the_draft_has_the_claims_columns_and_every_quote_anchors(drafted) -> None:
    assert tuple(drafted.columns) == DRAFT_COLUMNS
    assert (drafted["source_id"] == "story").all()
    assert list(drafted["claim_id"]) == [f"story-{n:02d}" for n in range(1, len(drafted) + 1)]
    for quote in drafted["quote"]:
        find_quote(quote, STORY)  # raises unless the quote occurs exactly once
    assert set(drafted["confidence"]) <= {"high", "medium", "low"}
    assert (drafted["reason"] != "").all()


def test_relative_dates_are_resolved_against_the_publication_date(drafted) -> None:
    tuesday = the_row(drafted, "date", "Tuesday")
    assert tuesday["value"] == "2022-10-11"  # the Tuesday before Friday 2022-10-14
    assert "published 2022-10-14" in tuesday["note"]
    assert tuesday["event_id"] == "isa-talks-announced"  # its date, place and participants
    last_week = the_row(drafted, "date", "last week")
    assert last_week["value"] == "2022-10"  # the week of 2022-10-03, kept to its month
    years = the_row(drafted, "duration", "three years")
    assert years["value"] == "<P3Y"
    assert "at most 3 years" in years["note"] and "about 2019-10" in years["note"]


def test_entities_places_roles_and_counts_are_proposed(drafted) -> None:
    role = the_row(drafted, "role", "Foreign Minister")
    assert (role["subject"], role["value"]) == ("joly", "foreign_minister_canada")
    met = the_row(drafted, "participants", "Joly")
    assert met["value"] == "joly; hayashi"
    assert "'Hayashi Yoshimasa' read as hayashi (its name in the other order)" in met["reason"]
    assert the_row(drafted, "place", "Tokyo")["value"] == "tokyo"
    assert the_row(drafted, "agreement_name", "information-sharing")["value"] == "isa"
    count = the_row(drafted, "count", "eight")
    assert (count["quote"], count["value"]) == ("eight countries", "8")


def test_a_relative_date_without_a_publication_date_is_said_to_be_unresolvable(
    corpus_copy, tmp_path: Path
) -> None:
    register(corpus_copy, tmp_path, "undated", UNDATED)
    draft = draft_claims("undated", load_corpus(corpus_copy.data_dir))
    last_week = the_row(draft, "date", "last week")
    assert last_week["value"] == ""
    assert "cannot be resolved: the source has no publication date" in last_week["note"]
    assert last_week["confidence"] == "low"


def test_a_quote_is_widened_until_it_occurs_once() -> None:
    seed = "Talks in Tokyo began. Talks in Tokyo ended."
    start = seed.index("in Tokyo", 10)
    assert seed[slice(*unique_quote(seed, start, start + len("in Tokyo")))] == "in Tokyo ended."
    assert seed[slice(*unique_quote(seed, 0, len("Talks")))] == "Talks in Tokyo began."


def test_a_quote_in_a_text_that_repeats_itself_stops_widening_at_the_longest_quote() -> None:
    seed = "Talks in Tokyo began. " * 1_000
    start, end = unique_quote(seed, 0, len("Talks"))
    assert LONGEST_QUOTE <= end - start < LONGEST_QUOTE + len("Talks in Tokyo began. ")


def test_the_draft_refuses_what_it_cannot_do_and_changes_nothing(
    corpus_copy, tmp_path: Path, capsys
) -> None:
    data = str(corpus_copy.data_dir)
    claims_before = (corpus_copy.data_dir / "claims.csv").read_bytes()
    assert main(["draft", "nobody", "--data-dir", data]) == 2
    assert main(["draft", "record", "--data-dir", data]) == 2
    assert main(["draft", "wire", "-o", str(corpus_copy.data_dir / "claims.csv"), "--data-dir",
                 data]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "draft: SOURCE_ID: no source 'nobody' in sources.csv" in err
    assert "draft: SOURCE_ID: 'record' has no seed" in err
    assert "is a curated table" in err
    assert (corpus_copy.data_dir / "claims.csv").read_bytes() == claims_before
    assert not (corpus_copy.data_dir / "drafts").exists()

    assert main(["draft", "wire", "--data-dir", data]) == 0
    draft = corpus_copy.data_dir / "drafts" / "wire.csv"
    draft.write_text("my edits\n", encoding="utf-8")
    assert main(["draft", "wire", "--data-dir", data]) == 2
    assert draft.read_text(encoding="utf-8") == "my edits\n"
    assert main(["draft", "wire", "--force", "--data-dir", data]) == 0
    assert draft.read_text(encoding="utf-8").startswith("claim_id,")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Japan released its strategy on December 17.", "2023-01-13", ("2022-12-17", True)),
        ("The pact came into force in 2019.", "", ("2019", False)),
        ("The signing was on July 8, 2025.", "", ("2025-07-08", False)),
        ("A summit is held next week.", "2022-10-11", ("2022-10", True)),
        ("She spoke last month.", "2023-01", ("2022-12", True)),  # a month-precise date is enough
        ("She spoke on Tuesday.", "2023-01", ("", True)),  # which Tuesday of January 2023?
        ("He promised it by the end of the year.", "2022-10-11", ("2022", True)),
        ("India unveils its vision at AI Impact Summit 2026.", "2022-10-14", None),  # a name
        ("We agreed that it may help.", "2022-10-14", None),
        ("Posted Oct 14, 2022, at 05:39 am.", "2022-10-14", None),  # a timestamp
    ],
)
def test_date_expressions_are_read_at_the_precision_their_words_give(
    names: EntityMatcher, text: str, published: str, expected: tuple[str, bool] | None
) -> None:
    (sentence,) = sentences(text, names)
    found = [(d.value, d.relative) for d in find_dates(sentence, published)]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("talks went on for nearly three years", "<P3Y", "nearly three years"),
        ("spending falls short for at least half a decade", ">P5Y", "at least half a decade"),
        ("it lasted about two years", "~P2Y", "about two years"),
        ("about two years and nine months", "~P2Y9M", "about two years and nine months"),
        ("no more than three years", "<P3Y", "no more than three years"),
        ("funds allocated over 5 years", "P5Y", "5 years"),  # spread over, not more than
        ("$78 million over five years", "P5Y", "five years"),
        ("a review lasting half a year", "P6M", "half a year"),
    ],
)
def test_durations_become_iso_durations_marked_when_approximate(
    names: EntityMatcher, text: str, value: str, words: str
) -> None:
    (sentence,) = sentences(text, names)
    (duration,) = find_durations(sentence, "")
    assert (duration.value, duration.text) == (value, words)
    assert "no publication date" in duration.note


def test_durations_join_only_in_iso_order_and_without_other_words(names: EntityMatcher) -> None:
    (sentence,) = sentences("two years, then nine months, and three months and one year", names)
    found = [d.value for d in find_durations(sentence, "")]
    assert found == ["P2Y", "P9M", "P3M", "P1Y"]


@pytest.mark.parametrize(
    ("text", "attribute", "value", "quote"),
    [
        ("Initial staffing will include approximately 35 intelligence officers.", "count", "~35",
         "approximately 35 intelligence officers"),
        ("More than 35 officers took part.", "count", ">35", "More than 35 officers"),
        ("Just under 20 pilots took part.", "count", "<20", "Just under 20 pilots"),
        ("Nearly 20 pilots took part.", "count", "<20", "Nearly 20 pilots"),
        ("At least 12 ships took part.", "count", ">12", "At least 12 ships"),
        ("Some 40 officials attended.", "count", "~40", "Some 40 officials"),
        ("Ministers held talks about eight countries.", "count", "8", "eight countries"),
        ("They travelled around five cities.", "count", "5", "five cities"),
        ("They worked under two agreements.", "count", "2", "two agreements"),
        ("More than C$1.1 billion was set aside.", "amount", ">1100000000 CAD",
         "More than C$1.1 billion"),
        ("€5 was spent.", "amount", "5 EUR", "€5"),
        ("About $78 million was allocated.", "amount", "", "About $78 million"),  # whose dollar?
    ],
)  # fmt: skip
def test_counts_and_amounts_are_marked_when_approximate(
    names: EntityMatcher, text: str, attribute: str, value: str, quote: str
) -> None:
    (sentence,) = sentences(text, names)
    found = [p for p in propose(sentence, "", {}, frozenset()) if p.attribute == attribute]
    assert [(p.value, text[p.start : p.end]) for p in found] == [(value, quote)]


def test_an_amount_in_a_shared_currency_sign_asks_for_its_code(names: EntityMatcher) -> None:
    (sentence,) = sentences("About $78 million was allocated.", names)
    (amount,) = [p for p in propose(sentence, "", {}, frozenset()) if p.attribute == "amount"]
    assert "about 78000000 in dollars" in amount.note and "~78000000" in amount.note


def test_every_mention_lists_the_entities_no_proposal_quotes(corpus_copy, tmp_path: Path) -> None:
    register(corpus_copy, tmp_path, "story", STORY, "--published", "2022-10-14")
    corpus = load_corpus(corpus_copy.data_dir)
    proposed = draft_claims("story", corpus)
    everything = draft_claims("story", corpus, every_mention=True)
    assert (proposed["attribute"] != "").all()
    mentions = everything[everything["attribute"] == ""]
    assert list(mentions["subject"]) == ["japan"]  # "Japan has similar agreements …"
    assert mentions.iloc[0]["confidence"] == "low"
    assert len(everything) == len(proposed) + 1


def stance_of(names: EntityMatcher, text: str, words: str) -> tuple[str, str] | None:
    """The stance and party the cues of a one-sentence text give the words; None: asserted."""
    (sentence,) = sentences(text, names)
    start = text.index(words)
    cue = governing(cues(sentence, frozenset({"mofa-japan"})), start, start + len(words))
    return (cue.stance, cue.party) if cue is not None else None


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        # corrections: the withdrawn value retracts, the corrected one is asserted
        ("This story has been updated: it first gave the date of the ceremony as July 9.",
         "July 9", ("retracts", "")),
        ("An earlier version of this story said the ceremony was on July 9 rather than July 8.",
         "July 9", ("retracts", "")),
        ("An earlier version of this story said the ceremony was on July 9 rather than July 8.",
         "July 8", ("asserts", "")),
        ("Correction: a previous version misstated the place as Toronto; it was Tokyo.",
         "Toronto", ("retracts", "")),
        ("Correction: a previous version misstated the place as Toronto; it was Tokyo.",
         "Tokyo", ("asserts", "")),
        ("(Corrects to show the talks were in Tokyo, not Toronto.)", "Toronto",
         ("retracts", "")),
        ("(Corrects to show the talks were in Tokyo, not Toronto.)", "Tokyo", ("asserts", "")),
        ("The date was misstated as July 9 in an earlier version of this story; it was July 8.",
         "July 9", ("retracts", "")),
        ("The date was misstated as July 9 in an earlier version of this story; it was July 8.",
         "July 8", ("asserts", "")),
        ("This story has been updated: the first round of talks was in Tokyo.", "Tokyo",
         ("asserts", "")),
        ("They signed an updated agreement in Tokyo on July 9.", "July 9", None),
        ("An earlier version of the plan named Toronto.", "Toronto", None),
        # denials: the that-clause is denied, by the party that denies it
        ("Japan’s foreign ministry rejected reports that the ceremony would be held in Toronto.",
         "Toronto", ("denies", "mofa-japan")),
        ("The government dismissed reports that Joly signed in Toronto.", "Toronto",
         ("denies", "")),
        ("Hayashi denied that the talks began in Toronto, saying they began in Tokyo.",
         "Toronto", ("denies", "hayashi")),
        ("Hayashi denied that the talks began in Toronto, saying they began in Tokyo.",
         "Tokyo", None),
        ("There is no truth to reports that the pact was signed in Toronto.", "Toronto",
         ("denies", "")),
        ("Japan’s foreign ministry said the ceremony was not held in Toronto.", "Toronto",
         ("denies", "mofa-japan")),
        ("Hayashi denied nothing about the talks in Toronto.", "Toronto", None),
        ("Hayashi did not deny reports that the talks began in Toronto.", "Toronto", None),
        ("Hayashi declined to deny that the talks began in Toronto.", "Toronto", None),
        ("Japan rejected the offer of talks in Toronto.", "Toronto", None),
        ("Joly said the pact was not only signed in Tokyo but also ratified.", "Tokyo", None),
        # relayed claims: the teller's, named or not
        ("According to Japan’s foreign ministry, the pact was signed in Tokyo.", "Tokyo",
         ("reports", "mofa-japan")),
        ("The pact was signed in Tokyo, according to a report by Japan’s foreign ministry.",
         "Tokyo", ("reports", "mofa-japan")),
        ("Talks in Tokyo went according to plan.", "Tokyo", None),
        ("A website reported that Joly signed the pact in Tokyo.", "Tokyo", ("reports", "")),
        ("The pact was signed in Tokyo, media reports said.", "Tokyo", ("reports", "")),
        ("Reports say the ceremony was held in Tokyo.", "Tokyo", ("reports", "")),
        ("It was reported that Joly signed in Tokyo.", "Tokyo", ("reports", "")),
        ("Hayashi was quoted as saying the pact would be signed in Toronto.", "Toronto",
         ("reports", "hayashi")),
        ("The talks in Tokyo are expected soon, citing Japan’s foreign ministry.", "Tokyo",
         ("reports", "mofa-japan")),
        ("Talks will open in Tokyo, Japan’s foreign ministry said.", "Tokyo",
         ("reports", "mofa-japan")),
        ("Talks will open in Tokyo, Hayashi said.", "Tokyo", None),  # a statement, not a relay
        ("Talks will open in Tokyo, said Hayashi.", "Tokyo", None),
        ("Talks will open in Tokyo, reports Japan’s foreign ministry.", "Tokyo",
         ("reports", "mofa-japan")),
        ("The minister was quoted as saying the pact was signed in Tokyo.", "Tokyo",
         ("reports", "")),
        ("The reported deal was signed in Tokyo.", "Tokyo", None),
        ("Hayashi reported on Tuesday that the pact was signed in Tokyo.", "Tuesday", None),
        ("Hayashi reported on Tuesday that the pact was signed in Tokyo.", "Tokyo",
         ("reports", "hayashi")),
        ("The pact was signed in Tokyo, according to the ministry.", "Tokyo", ("reports", "")),
        ("The pact was signed in Tokyo, according to the agreement.", "Tokyo", None),
    ],
)  # fmt: skip
def test_stance_cues_govern_their_clause_only(
    names: EntityMatcher, text: str, words: str, expected: tuple[str, str] | None
) -> None:
    assert stance_of(names, text, words) == expected


def test_who_denies_or_tells_without_being_an_entity_is_named_in_the_note(
    names: EntityMatcher,
) -> None:
    text = "The government rejected reports that the pact was signed in Toronto."
    (sentence,) = sentences(text, names)
    (denial,) = cues(sentence, frozenset())
    assert denial.note == "denied by 'The government', not an entity"
    text = "A Japanese news website reported that the pact was signed in Toronto."
    (sentence,) = sentences(text, names)
    (relay,) = cues(sentence, frozenset())
    assert relay.note == "relayed from an unnamed teller: 'A Japanese news website reported that'"


def with_zones(entities: pd.DataFrame) -> pd.DataFrame:
    """The entities with the story's own and a time_zone column, as entities.csv will have."""
    zoned = entities.assign(time_zone=entities["entity_id"].map(ZONES).fillna(""))
    added = pd.read_csv(NEWS / "entities.csv", dtype=str, keep_default_na=False)
    return pd.concat([zoned, added], ignore_index=True)


@pytest.fixture
def news(corpus_copy, tmp_path: Path):
    text = (NEWS / "story.txt").read_text(encoding="utf-8")
    register(corpus_copy, tmp_path, "story", text, "--published", "2022-10-14")
    return load_corpus(corpus_copy.data_dir)


def test_a_news_story_is_drafted_with_who_stands_behind_each_value(news) -> None:
    draft = draft_claims("story", news, with_zones(news.entities))
    expected = pd.read_csv(NEWS / "expected.csv", dtype=str, keep_default_na=False)
    assert draft[list(expected.columns)].to_dict("records") == expected.to_dict("records")
    own = draft[draft["stance"].isin(["", "asserts"])]
    assert "2022-10-12" not in set(own["value"])  # the date the correction withdrew
    assert "toronto" not in set(own["value"])  # relayed from Kyodo, denied by the ministry
    told = draft[~draft["stance"].isin(["", "asserts"])]
    assert "high" not in set(told["confidence"])  # a cue's clause is a guess
    withdrawn = the_row(draft, "date", "October 12")
    assert "withdrawn by a correction note" in withdrawn["reason"]
    assert "never judged against it" in withdrawn["note"]
    unnamed = the_row(draft, "count", "nearly 10")
    assert "a website reported" in unnamed["note"]
    ottawa = the_row(draft, "place", "in Ottawa,")
    assert ottawa["confidence"] == "low" and "local time" in ottawa["reason"]


def test_without_zones_in_entities_a_local_date_asks_for_one(news) -> None:
    entities = with_zones(news.entities).drop(columns="time_zone")
    evening = the_row(draft_claims("story", news, entities), "date", "Monday evening")
    assert evening["time_zone"] == ""
    assert "given in Ottawa's local time; entities.csv has no time_zone column" in evening["note"]


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("The talks opened on July 8 in the evening in Toronto.", "America/Toronto"),
        ("The talks opened on Monday evening in Toronto.", "America/Toronto"),
        ("The pact was signed on July 8 at 10 a.m. Tokyo time.", "Asia/Tokyo"),
        ("The pact was signed in Tokyo on July 8 (local time).", "Asia/Tokyo"),
        ("The call began at 8 p.m. ET on July 8.", "America/Toronto"),
        ("The call began at 8 p.m. EDT on July 8.", "America/Toronto"),
        ("The call began at 9 a.m. JST on July 9.", "Asia/Tokyo"),
        ("Joly arrived in Toronto on July 8.", None),  # a place, not a clock
        ("The NATO summit began on July 8.", None),  # not a zone's name
        ("The pact was signed on July 8, local time.", None),  # whose?
        ("Talks in Tokyo on July 8 were followed by a dinner in the evening.", None),
    ],
)
def test_a_date_given_in_local_time_takes_its_place_s_zone(
    names: EntityMatcher, text: str, zone: str | None
) -> None:
    clocks = Clocks(with_zones(load_corpus(GOOD / "data").entities), "2022-10-14")
    (sentence,) = sentences(text, names)
    (date,) = find_dates(sentence, "2022-10-14")
    local = given_in(clocks.said(sentence), date.start, date.end)
    assert (local.zone if local is not None else None) == zone


def test_an_abbreviation_of_several_zones_takes_the_one_of_the_place_named(
    names: EntityMatcher,
) -> None:
    entities = with_zones(load_corpus(GOOD / "data").entities)  # Ottawa is America/Toronto
    entities.loc[entities["entity_id"] == "toronto", "time_zone"] = "America/Montreal"
    clocks = Clocks(entities, "2022-10-14")
    named = "The call from Toronto began at 8 p.m. ET on July 8."
    unnamed = "The call began at 8 p.m. ET on July 8."
    zones = []
    for text in (named, unnamed):
        (sentence,) = sentences(text, names)
        (date,) = find_dates(sentence, "2022-10-14")
        zones.append(given_in(clocks.said(sentence), date.start, date.end))
    assert zones[0] is not None and zones[0].zone == "America/Montreal"
    assert zones[1] is not None and zones[1].zone == ""
    assert "America/Montreal, America/Toronto" in zones[1].note


def test_only_a_zone_with_standard_and_daylight_names_has_a_generic_one() -> None:
    zones = {"toronto": "America/Toronto", "delhi": "Asia/Kolkata", "london": "Europe/London"}
    places = pd.DataFrame({"entity_id": list(zones), "time_zone": list(zones.values())})
    names = Clocks(places, "2022-10-14").abbreviations
    assert names["ET"] == names["EST"] == names["EDT"] == {"America/Toronto"}
    assert names["IST"] == {"Asia/Kolkata"} and names["BST"] == {"Europe/London"}
    assert "IT" not in names and "BT" not in names  # "IT systems" is no time zone
