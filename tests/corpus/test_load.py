"""load_corpus and `claimtrace check`: a good corpus loads; each broken rule is named precisely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimtrace.cli import main
from claimtrace.corpus.load import load_corpus
from claimtrace.errors import DataError, Problem, brief

CLAIMTRACE = Path(sys.executable).parent / "claimtrace"


def problems_of(copy) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        load_corpus(copy.data_dir)
    return raised.value.problems


def the_problem(copy, file: str, row: int | None, column: str | None) -> Problem:
    """The one problem reported at (file, row, column), failing with everything that was."""
    found = [p for p in problems_of(copy) if (p.file, p.row, p.column) == (file, row, column)]
    assert len(found) == 1, [str(p) for p in problems_of(copy)]
    return found[0]


def test_good_corpus_loads_with_every_table_and_anchor(good_dir: Path) -> None:
    corpus = load_corpus(good_dir / "data")
    assert (len(corpus.sources), len(corpus.events), len(corpus.claims)) == (3, 3, 10)
    assert (len(corpus.entities), len(corpus.reference)) == (12, 4)
    assert set(corpus.seeds) == {"wire", "column"}
    assert corpus.claims["start"].dtype == "int64"
    extra = ["start", "end", "prefix", "suffix", "seed_sha256", "value_normalised"]
    assert list(corpus.claims.columns)[-len(extra) :] == extra
    normalised = dict(
        zip(corpus.claims["claim_id"], corpus.claims["value_normalised"], strict=True)
    )
    assert normalised["wire-01"] == "hayashi; joly"  # "Mélanie Joly; hayashi" as ids, sorted
    assert normalised["column-01"] == "toronto"
    assert corpus.sources.loc[2, "published"] == ""  # empty stays "", not NaN


def test_seeds_dir_defaults_to_the_sibling_of_the_data_dir(corpus_copy) -> None:
    moved = corpus_copy.root / "elsewhere"
    corpus_copy.seeds_dir.rename(moved)
    assert any("no such file" in p.rule for p in problems_of(corpus_copy))
    assert len(load_corpus(corpus_copy.data_dir, moved).seeds) == 2


def test_data_hash_changes_with_any_curated_byte(corpus_copy) -> None:
    before = load_corpus(corpus_copy.data_dir).data_hash
    assert load_corpus(corpus_copy.data_dir).data_hash == before
    corpus_copy.set_cell("claims", 1, "note", "read as a list of participants")
    assert load_corpus(corpus_copy.data_dir).data_hash != before


# One broken cell per rule: (table, row, column, bad value, expected words in the rule).
CELL_RULES = [
    ("sources", 3, "source_id", "Record", "slug"),
    ("sources", 1, "kind", "newspaper", "must be one of"),
    ("sources", 2, "published", "2023-13", "ISO date"),
    ("sources", 2, "published_precision", "day", "must agree with the form of 'published'"),
    ("sources", 1, "seed_sha256", "abc123", "64 lower-case hex"),
    ("sources", 1, "seed_file", "", "needs a seed file"),
    ("events", 3, "title", "", "must not be empty"),
    ("events", 1, "event_type", "signing", "must be one of"),
    ("events", 2, "date_precision", "month", "must agree with the form of 'date'"),
    ("events", 1, "agreement", "tokyo", "of type 'agreement'"),
    ("events", 1, "place", "Toronto", "entity_id"),
    ("events", 1, "parties", "canada; japan; korea", "entity_ids"),
    ("claims", 1, "claim_id", "cp-01", "source_id, a hyphen and a number"),
    ("claims", 1, "source_id", "rips", "source_id from sources.csv"),
    ("claims", 1, "event_id", "isa-signed", "event_id from events.csv"),
    ("claims", 3, "subject", "Joly", "entity_id"),
    ("claims", 5, "attributed_to", "nhk", "entity_id"),
    ("claims", 1, "kind", "fact", "must be one of"),
    ("claims", 1, "attribute", "people", "must be one of"),
    ("claims", 5, "value", "soon", "a value needs an attribute"),
    ("claims", 2, "value", "Oct. 11, 2022", "'date' value must be an ISO date"),
    ("claims", 7, "value", "Ottawa", "'place' value must be one entity's id, name or alias"),
    ("claims", 7, "value", "toronto; tokyo", "'place' value must be one entity's"),
    ("claims", 8, "value", "Freeland; Kōno", "'signatories' value must be ids, names or aliases"),
    ("claims", 10, "value", "three years", "'duration' value must be an ISO 8601 duration"),
    ("claims", 3, "value", "Foreign Minister", "'role' value must be a role key"),
    ("entities", 5, "entity_type", "nation", "must be one of"),
    ("entities", 2, "role_end", "2020-01", "must not be before role_start"),
    ("entities", 3, "canonical_name", "", "must not be empty"),
    ("reference", 1, "event_id", "acsa-ratified", "event_id from events.csv"),
    ("reference", 1, "place", "Toronto, ON", "entity's id, name or alias"),
    ("reference", 1, "place", "toronto; tokyo", "must be one entity's id, name or alias"),
    ("reference", 2, "publisher", "", "must not be empty"),
    ("reference", 4, "date_precision", "month", "must agree with the form of 'date'"),
    ("reference", 1, "evidence", "official", "must be one of: primary, participant, wire"),
    ("reference", 2, "evidence", "", "must be one of"),
    ("entities", 8, "time_zone", "Tokyo", "must be an IANA time zone"),
    ("entities", 8, "time_zone", "JST", "must be an IANA time zone"),
    ("entities", 1, "time_zone", "America/Toronto", "only a place or a country has a time zone"),
    ("entities", 1, "role_end", "9999-12", "from 1800 to 2199"),
    ("events", 1, "date", "0202", "from 1800 to 2199"),
    ("sources", 1, "seed_file", "../../etc/passwd", "directly inside seeds/"),
    ("sources", 1, "seed_file", "/etc/hostname", "directly inside seeds/"),
    ("sources", 1, "seed_file", "s" * 300 + ".txt", "at most 255 bytes"),
]


@pytest.mark.parametrize(("table", "row", "column", "value", "rule"), CELL_RULES)
def test_a_broken_cell_is_reported_with_file_row_column_and_value(
    corpus_copy, table: str, row: int, column: str, value: str, rule: str
) -> None:
    corpus_copy.set_cell(table, row, column, value)
    problem = the_problem(corpus_copy, f"{table}.csv", row, column)
    assert problem.value == value
    assert rule in problem.rule
    # The good fixture has no multi-line field: data row N is the file's line N + 1.
    assert problem.line == row + 1
    assert f"{table}.csv, line {row + 1}, column '{column}' = {brief(value)}" in str(problem)


def test_a_role_claim_needs_a_subject(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 3, "subject", "")
    assert "needs the subject" in the_problem(corpus_copy, "claims.csv", 3, "subject").rule


def test_role_dates_need_a_role(corpus_copy) -> None:
    corpus_copy.set_cell("entities", 1, "role", "")
    found = [(p.row, p.column) for p in problems_of(corpus_copy)]
    assert found == [(1, "role_start"), (1, "role_end"), (1, "role_basis")]


def test_places_and_countries_may_carry_a_time_zone_and_older_tables_need_none(
    corpus_copy,
) -> None:
    corpus_copy.set_cell("entities", 5, "time_zone", "America/Toronto")  # canada: a country
    corpus_copy.set_cell("entities", 8, "time_zone", "Asia/Tokyo")  # tokyo: a place
    zones = load_corpus(corpus_copy.data_dir).entities.set_index("entity_id")["time_zone"]
    assert zones[["canada", "tokyo", "joly", "acsa"]].tolist() == [
        "America/Toronto",
        "Asia/Tokyo",
        "",
        "",
    ]
    rows = corpus_copy.rows("entities")
    corpus_copy.write("entities", [{k: v for k, v in r.items() if k != "time_zone"} for r in rows])
    assert set(load_corpus(corpus_copy.data_dir).entities["time_zone"]) == {""}


def _in_language(copy, language: str) -> None:
    """Every seed in `language`, and the claims with a gloss column, empty."""
    copy.write("sources", [row | {"language": language} for row in copy.rows("sources")])
    copy.write("claims", [row | {"gloss": ""} for row in copy.rows("claims")])


def test_a_claim_of_a_source_not_in_english_needs_its_gloss(corpus_copy) -> None:
    _in_language(corpus_copy, "fr")
    problem = the_problem(corpus_copy, "claims.csv", 1, "gloss")
    assert "needs its English rendering in 'gloss'" in problem.rule
    corpus_copy.write(
        "claims", [row | {"gloss": "In English"} for row in corpus_copy.rows("claims")]
    )
    corpus = load_corpus(corpus_copy.data_dir)
    assert set(corpus.claims["gloss"]) == {"In English"}
    assert set(corpus.sources["language"]) == {"fr"}


@pytest.mark.parametrize("language", ["en", ""])
def test_an_english_source_or_one_of_unknown_language_needs_no_gloss(
    corpus_copy, language: str
) -> None:
    _in_language(corpus_copy, language)
    assert set(load_corpus(corpus_copy.data_dir).claims["gloss"]) == {""}


def test_a_language_is_an_iso_639_1_code(corpus_copy) -> None:
    _in_language(corpus_copy, "French")
    assert (
        "must be an ISO 639-1 code" in the_problem(corpus_copy, "sources.csv", 1, "language").rule
    )


def test_tables_without_language_or_gloss_load(good_dir: Path) -> None:
    corpus = load_corpus(good_dir / "data")
    assert set(corpus.sources["language"]) == {""} and set(corpus.claims["gloss"]) == {""}


def test_the_record_needs_its_kind_of_evidence(corpus_copy) -> None:
    rows = corpus_copy.rows("reference")
    corpus_copy.write("reference", [{k: v for k, v in r.items() if k != "evidence"} for r in rows])
    assert [str(p) for p in problems_of(corpus_copy)] == [
        "reference.csv, column 'evidence': required column is missing"
    ]


def test_a_duplicate_id_is_one_problem_naming_its_rows(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 2, "claim_id", "wire-01")
    problems = [p for p in problems_of(corpus_copy) if p.column == "claim_id"]
    assert [(p.row, p.value) for p in problems] == [(1, "wire-01")]
    assert problems[0].rule == "must be unique (lines 2, 3)"


def test_many_copies_of_a_row_are_named_a_few_times_and_counted(corpus_copy) -> None:
    rows = corpus_copy.rows("claims")
    corpus_copy.write("claims", [rows[0]] * 10_000)
    problems = problems_of(corpus_copy)
    assert [str(p) for p in problems] == [
        "claims.csv, line 2, column 'claim_id' = 'wire-01': must be unique "
        "(lines 2, 3, 4, 5, 6 … and 9,995 more rows with the same id)"
    ]


def test_a_name_of_two_entities_is_reported(corpus_copy) -> None:
    corpus_copy.set_cell("entities", 2, "aliases", "Hayashi; Joly")
    problem = the_problem(corpus_copy, "entities.csv", 2, "aliases")
    assert problem.value == "Joly"
    assert "entity 'joly' (line 2)" in problem.rule


def test_a_missing_column_is_one_problem(corpus_copy) -> None:
    rows = corpus_copy.rows("events")
    corpus_copy.write("events", [{k: v for k, v in r.items() if k != "place"} for r in rows])
    assert [str(p) for p in problems_of(corpus_copy)] == [
        "events.csv, column 'place': required column is missing"
    ]


def test_an_unknown_column_is_reported(corpus_copy) -> None:
    rows = corpus_copy.rows("claims")
    corpus_copy.write("claims", [{**r, "confidence": "high"} for r in rows])
    problem = the_problem(corpus_copy, "claims.csv", None, "confidence")
    assert "not in data/README.md" in problem.rule


def test_an_event_date_must_agree_with_the_record(corpus_copy) -> None:
    corpus_copy.set_cell("events", 2, "date", "2020")
    problem = the_problem(corpus_copy, "events.csv", 2, "date")
    assert problem.value == "2020"
    assert "R04 (reference.csv line 4), dated '2019'" in problem.rule


def test_a_coarser_event_date_agrees_with_the_record(corpus_copy) -> None:
    corpus_copy.set_cell("events", 1, "date", "2018-04")
    corpus_copy.set_cell("events", 1, "date_precision", "month")
    load_corpus(corpus_copy.data_dir)


def test_a_missing_seed_file_is_reported(corpus_copy) -> None:
    (corpus_copy.seeds_dir / "column.txt").unlink()
    problem = the_problem(corpus_copy, "sources.csv", 2, "seed_file")
    assert (problem.value, problem.rule.split(" in ")[0]) == ("column.txt", "no such file")


def test_a_changed_seed_fails_its_hash(corpus_copy) -> None:
    seed = corpus_copy.seeds_dir / "column.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "Updated.\n", encoding="utf-8")
    problem = the_problem(corpus_copy, "sources.csv", 2, "seed_sha256")
    assert "seed changed since it was curated" in problem.rule


def test_a_seed_that_is_not_utf8_names_the_byte(corpus_copy) -> None:
    seed = corpus_copy.seeds_dir / "wire.txt"
    seed.write_bytes(seed.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    problem = the_problem(corpus_copy, "seeds/wire.txt", None, None)
    assert "not UTF-8: byte 0x97 at byte offset 69 (line 3)" in problem.rule  # TOKYO —


def test_a_quote_not_in_its_seed_is_an_error_with_a_lookalike_hint(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 5, "quote", 'the two sides aim to reach an agreement "as soon')
    problem = the_problem(corpus_copy, "claims.csv", 5, "quote")
    assert problem.rule.startswith("not found exactly in the seed; matches at offset 399")
    assert "copy the seed's characters" in problem.rule


def test_an_ambiguous_quote_names_its_offsets(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 6, "quote", "two ")
    problem = the_problem(corpus_copy, "claims.csv", 6, "quote")
    assert "occurs 2 times in the seed (offsets" in problem.rule


def empty(path: Path) -> None:
    path.write_bytes(b"")


def header_only(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def with_bom(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def in_latin1(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))


def ragged(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "extra,row\n", encoding="utf-8")


def missing(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize(
    ("breaks", "table", "row", "rule"),
    [
        (empty, "claims", None, "file is empty"),
        (header_only, "events", None, "no data rows"),
        (with_bom, "sources", None, "byte-order mark"),
        (in_latin1, "entities", None, "not UTF-8 (wrong encoding?): byte 0xE9 at byte offset"),
        (ragged, "reference", 5, "has 2 fields; the header has 11"),
        (missing, "claims", None, "file is missing"),
    ],
)
def test_a_broken_file_is_reported(corpus_copy, breaks, table: str, row, rule: str) -> None:
    breaks(corpus_copy.data_dir / f"{table}.csv")
    problem = the_problem(corpus_copy, f"{table}.csv", row, None)
    assert rule in problem.rule


def test_every_problem_is_collected_in_one_error(corpus_copy) -> None:
    corpus_copy.set_cell("sources", 1, "kind", "newspaper")
    corpus_copy.set_cell("claims", 4, "value", "gpda")
    corpus_copy.set_cell("entities", 6, "entity_type", "nation")
    found = {(p.file, p.row, p.column) for p in problems_of(corpus_copy)}
    assert found == {
        ("sources.csv", 1, "kind"),
        ("claims.csv", 4, "value"),
        ("entities.csv", 6, "entity_type"),
    }


def test_check_prints_a_summary_and_exits_0(good_dir: Path, capsys) -> None:
    assert main(["check", "--data-dir", str(good_dir / "data")]) == 0
    out = capsys.readouterr().out
    assert "Claims per source" in out
    assert "acsa-signed            3" in out


def test_check_on_bad_data_prints_the_problems_and_exits_2(corpus_copy, capsys) -> None:
    corpus_copy.set_cell("claims", 7, "value", "Ottawa")
    assert main(["check", "--data-dir", str(corpus_copy.data_dir)]) == 2
    captured = capsys.readouterr()
    assert "claims.csv, line 8, column 'value' = 'Ottawa'" in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("broken", [False, True])
def test_the_installed_command_exits_without_a_traceback(corpus_copy, broken: bool) -> None:
    if broken:
        corpus_copy.set_cell("sources", 1, "kind", "newspaper")
    result = subprocess.run(
        [str(CLAIMTRACE), "check", "--data-dir", "data"],
        cwd=corpus_copy.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == (2 if broken else 0)
    assert "Traceback" not in result.stderr
    if broken:
        assert "sources.csv, line 2, column 'kind' = 'newspaper'" in result.stderr


def test_a_seed_that_is_a_link_is_not_followed(corpus_copy, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET\n", encoding="utf-8")
    seed = corpus_copy.seeds_dir / "wire.txt"
    seed.unlink()
    seed.symlink_to(outside)
    problem = the_problem(corpus_copy, "sources.csv", 1, "seed_file")
    assert (
        problem.rule
        == f"the seed is a link in {corpus_copy.seeds_dir}; it must be a regular file there"
    )
    assert all("SECRET" not in str(p) for p in problems_of(corpus_copy))


def test_a_table_that_is_a_link_is_not_followed(corpus_copy, tmp_path: Path) -> None:
    outside = tmp_path / "claims.csv"
    (corpus_copy.data_dir / "claims.csv").rename(outside)
    (corpus_copy.data_dir / "claims.csv").symlink_to(outside)
    assert "is a link" in the_problem(corpus_copy, "claims.csv", None, None).rule


def test_a_cell_over_the_csv_limit_names_the_line(corpus_copy) -> None:
    corpus_copy.set_cell("claims", 2, "note", "x" * 200_000)
    rule = the_problem(corpus_copy, "claims.csv", None, None).rule
    assert rule.startswith("line 3 cannot be read as CSV (field larger than field limit")


def test_junk_rows_give_a_few_examples_of_each_kind_and_counts(corpus_copy) -> None:
    header = list(corpus_copy.rows("claims")[0])
    corpus_copy.write(
        "claims", [{column: f"Junk {row}!" for column in header} for row in range(50)]
    )
    problems = problems_of(corpus_copy)
    counts = {(p.column, p.rule): p.more for p in problems if p.more}
    assert counts[("claim_id", "must be a slug [a-z0-9][a-z0-9-]*")] == 45
    assert len(problems) < 60
    assert str(DataError(problems)).startswith("400 problem(s) in the curated data:")
