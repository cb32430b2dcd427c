"""`claimtrace check` names the file's line, as an editor shows it, and for a quote not in its
seed the nearest passage, its offset and the characters that differ."""

from __future__ import annotations

import pytest

from claimtrace.cli import main
from claimtrace.corpus.load import load_corpus
from claimtrace.corpus.nearest import nearest_passage
from claimtrace.errors import DataError, Problem

SEED = "Canada and Japan signed it. Foreign Minister Anita Anand said the pact was ready."
NOTE = "read as a list:\nfirst line\nsecond line"
"""A note over three lines of the file, as a spreadsheet saves a cell with line breaks."""


def problems_of(copy) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        load_corpus(copy.data_dir)
    return raised.value.problems


def test_a_problem_after_a_multi_line_field_names_the_line_it_is_on(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 1, "note", NOTE)
    corpus_copy.set_cell("claims", 3, "subject", "Joly")
    (problem,) = problems_of(corpus_copy)
    # Header on line 1, claim 1 on lines 2-4, claim 2 on line 5, claim 3 on line 6.
    assert (problem.row, problem.line) == (3, 6)
    assert str(problem).startswith("claims.csv, line 6, column 'subject' = 'Joly'")


def test_every_problem_is_reported_at_once_each_on_its_own_line(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 1, "note", NOTE)
    corpus_copy.set_cell("claims", 2, "kind", "fact")
    corpus_copy.set_cell("claims", 4, "attribute", "people")
    corpus_copy.set_cell("events", 2, "event_type", "signing")
    found = {(p.file, p.line, p.column) for p in problems_of(corpus_copy)}
    assert found == {
        ("claims.csv", 5, "kind"),
        ("claims.csv", 7, "attribute"),
        ("events.csv", 3, "event_type"),
    }


def test_a_row_with_too_many_fields_names_its_line(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 1, "note", NOTE)
    path = corpus_copy.data_dir / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].rstrip("\n") + ",extra\n"  # claim 3, after the three-line claim 1
    path.write_text("".join(lines), encoding="utf-8")
    (problem,) = problems_of(corpus_copy)
    assert str(problem) == "claims.csv, line 6: has 11 fields; the header has 10"


def test_a_misspelt_name_points_to_the_seeds_spelling(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 3, "quote", "Foreign Minister Mélanie Jolly")
    (problem,) = problems_of(corpus_copy)
    assert problem.line == 4 and problem.column == "quote"
    offset = (corpus_copy.seeds_dir / "wire.txt").read_text(encoding="utf-8").index("Foreign")
    assert (
        f"nearest passage at offset {offset}: 'Foreign Minister Mélanie Joly' — differs "
        "(quote→seed): 'll'→'l'"
    ) in problem.rule


def test_check_prints_the_line_and_the_nearest_passage(corpus_copy, capsys) -> None:
    corpus_copy.set_cell("claims", 1, "note", NOTE)
    corpus_copy.set_cell("claims", 3, "quote", "Foreign Minister Melanie Joly")
    assert main(["check", "--data-dir", str(corpus_copy.data_dir)]) == 2
    err = capsys.readouterr().err
    assert "claims.csv, line 6, column 'quote' = 'Foreign Minister Melanie Joly'" in err
    assert "'Foreign Minister Mélanie Joly' — differs (quote→seed): 'e'→'é'" in err


def test_a_quote_from_elsewhere_has_no_nearest_passage(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 3, "quote", "Prime Minister Trudeau visited Manila")
    (problem,) = problems_of(corpus_copy)
    assert problem.rule.endswith("; no passage of the seed is close to it")


def test_a_pasted_paragraph_is_not_searched(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 3, "quote", "Foreign Minister Mélanie Jolly " * 100)
    (problem,) = problems_of(corpus_copy)
    assert problem.rule.endswith("no nearest passage is sought for a quote over 2,000 characters")


def test_a_lookalike_character_keeps_its_own_hint(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 5, "quote", "Japan's foreign ministry")
    (problem,) = problems_of(corpus_copy)
    assert "lookalike characters" in problem.rule and "nearest passage" not in problem.rule


@pytest.mark.parametrize(
    ("quote", "passage", "differences"),
    [
        ("Anita Annand", "Anita Anand", (("nn", "n"),)),
        ("Minister Anita Anand", "Minister Anita Anand", ()),
        ("Foreign Minster Anita Anand", "Foreign Minister Anita Anand", (("n", "ni"),)),
        ("Anita Anandd said", "Anita Anand said", (("dd", "d"),)),
    ],
)
def test_the_nearest_passage_and_what_differs(
    quote: str, passage: str, differences: tuple[tuple[str, str], ...]
) -> None:
    nearest = nearest_passage(quote, SEED)
    assert nearest is not None
    assert (nearest.start, nearest.passage) == (SEED.index(passage), passage)
    assert nearest.differences == differences


def test_no_passage_is_named_for_an_unrelated_quote() -> None:
    assert nearest_passage("Joly met Hayashi in Paris", SEED) is None
