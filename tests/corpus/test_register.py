"""`claimtrace add-source`: a new seed is copied under its documented name and its row appended;
every bad argument is refused at once with exit 2, and then nothing has changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from claimtrace.cli import main
from claimtrace.corpus.load import load_corpus
from claimtrace.corpus.register import next_serial, seed_name

ARTICLE = (
    "Ottawa, July 9 — Canada and Japan signed the Agreement on the Security of Information on "
    "Tuesday in Tokyo, Foreign Minister Anita Anand said.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "downloaded story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def add(copy, text: Path, *options: str) -> int:
    return main(["add-source", str(text), "--data-dir", str(copy.data_dir), *options])


def snapshot(copy) -> dict[str, bytes]:
    return {
        str(p.relative_to(copy.root)): p.read_bytes() for p in copy.root.rglob("*") if p.is_file()
    }


GOOD_OPTIONS = (
    "--id", "cp-isa", "--kind", "news_article", "--title", "Canada, Japan sign pact",
    "--publisher", "The Canadian Press", "--author", "A. Writer", "--published", "2025-07-09",
    "--date-basis", "dateline", "--relies-on", "Kyodo News ; wire", "--url",
    "https://example.org/cp-isa", "--name", "Canadian Press (ISA story)",
)  # fmt: skip


def test_the_name_is_the_next_serial_and_the_first_16_hex_digits_of_the_text() -> None:
    sha = hashlib.sha256(b"text").hexdigest()
    assert seed_name(5, sha) == f"005_{sha[:16]}.txt"
    assert seed_name(1234, sha).startswith("1234_")
    assert next_serial(["000_a.txt", "004_b.txt", "wire.txt", ""]) == 5
    assert next_serial(["wire.txt"]) == 0


def test_add_source_copies_the_text_records_its_hash_and_appends_the_row(
    corpus_copy, article: Path, capsys
) -> None:
    sources_before = (corpus_copy.data_dir / "sources.csv").read_bytes()
    assert add(corpus_copy, article, *GOOD_OPTIONS) == 0

    sha = hashlib.sha256(article.read_bytes()).hexdigest()
    name = f"000_{sha[:16]}.txt"  # the fixture's seeds have no serial yet
    assert (corpus_copy.seeds_dir / name).read_bytes() == article.read_bytes()
    after = (corpus_copy.data_dir / "sources.csv").read_bytes()
    assert after.startswith(sources_before)  # every existing byte kept
    row = corpus_copy.rows("sources")[-1]
    assert row == {
        "source_id": "cp-isa",
        "seed_file": name,
        "seed_sha256": sha,
        "title": "Canada, Japan sign pact",
        "publisher": "The Canadian Press",
        "author": "A. Writer",
        "published": "2025-07-09",
        "published_precision": "day",
        "date_basis": "dateline",
        "kind": "news_article",
        "relies_on": "Kyodo News; wire",
        "lineage_basis": "",
        "url": "https://example.org/cp-isa",
        "reader_name": "Canadian Press (ISA story)",
    }
    assert "claimtrace draft cp-isa" in capsys.readouterr().out
    corpus = load_corpus(corpus_copy.data_dir)  # `claimtrace check` passes
    assert corpus.seeds["cp-isa"] == ARTICLE
    assert main(["check", "--data-dir", str(corpus_copy.data_dir)]) == 0


def test_the_row_follows_the_files_own_header(corpus_copy, article: Path, capsys) -> None:
    rows = corpus_copy.rows("sources")
    assert add(corpus_copy, article, "--id", "cp-isa", "--kind", "wire", "--name", "CP") == 0
    row = corpus_copy.rows("sources")[-1]
    assert (row["reader_name"], row["published"], row["published_precision"]) == (
        "CP",
        "",
        "unknown",
    )
    assert list(row) == list(rows[0])


def test_a_source_without_a_reader_name_is_refused(corpus_copy, article: Path, capsys) -> None:
    before = snapshot(corpus_copy)
    assert add(corpus_copy, article, "--id", "cp-isa", "--kind", "wire") == 2
    assert snapshot(corpus_copy) == before
    assert "--name: '' must not be empty" in capsys.readouterr().err


def test_the_next_serial_counts_seeds_and_sources(corpus_copy, article: Path) -> None:
    (corpus_copy.seeds_dir / "041_0123456789abcdef.txt").write_text("x", encoding="utf-8")
    assert add(corpus_copy, article, "--id", "cp-isa", "--kind", "wire", "--name", "CP") == 0
    assert corpus_copy.rows("sources")[-1]["seed_file"].startswith("042_")


def _refused(copy, capsys, text: Path, *options: str) -> str:
    before = snapshot(copy)
    assert add(copy, text, *options) == 2
    assert snapshot(copy) == before  # nothing changed
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    return captured.err


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            ("--id", "wire", "--kind", "wire"),
            "--id: 'wire' is already a source (sources.csv, line 2)",
        ),
        (("--id", "Bad Id", "--kind", "wire"), "--id: 'Bad Id' must be a slug"),
        (("--id", "new", "--kind", "newspaper"), "--kind: 'newspaper' is not the kind of a seed"),
        (("--id", "new", "--kind", "official_record"), "is not the kind of a seed"),
        (("--id", "new", "--kind", "wire", "--published", "2025-13-01"), "--published: "),
        (
            ("--id", "new", "--kind", "wire", "--published", "2025-07", "--published-precision",
             "day"),
            "--published-precision: 'day' must agree with the form of 'published'",
        ),
        (("--id", "new", "--kind", "wire", "--url", "file:///etc/passwd"), "--url: "),
        (("--id", "new", "--kind", "wire", "--title", "two\nlines"), "--title: must be one line"),
        (("--id", "new", "--kind", "wire", "--column", "colour=red"), "no column 'colour'"),
    ],
)  # fmt: skip
def test_each_bad_option_is_refused_in_one_line(
    corpus_copy, article: Path, capsys, options: tuple[str, ...], expected: str
) -> None:
    err = _refused(corpus_copy, capsys, article, "--name", "N", *options)
    assert err.count("\n") == 1
    assert err.startswith("add-source: ")
    assert expected in err


def test_a_duplicate_text_is_refused(corpus_copy, capsys) -> None:
    copy_of_wire = corpus_copy.root / "wire copy.txt"
    copy_of_wire.write_bytes((corpus_copy.seeds_dir / "wire.txt").read_bytes())
    err = _refused(
        corpus_copy, capsys, copy_of_wire, "--id", "new", "--kind", "wire", "--name", "N"
    )
    assert "FILE: the same text is already the seed of 'wire'" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "FILE: no such file"),
        (b"caf\xe9 au lait", "not UTF-8: byte 0xE9 at byte offset 3"),
        (b" \n\n", "holds no text"),
    ],
)
def test_a_missing_unreadable_or_empty_file_is_refused(
    corpus_copy, tmp_path: Path, capsys, content: bytes | None, expected: str
) -> None:
    text = tmp_path / "story.txt"
    if content is not None:
        text.write_bytes(content)
    err = _refused(corpus_copy, capsys, text, "--id", "new", "--kind", "wire", "--name", "N")
    assert expected in err


def test_every_problem_is_reported_at_once(corpus_copy, tmp_path: Path, capsys) -> None:
    err = _refused(corpus_copy, capsys, tmp_path / "missing.txt", "--id", "wire", "--kind", "blog")
    assert [line.split(":")[1].strip() for line in err.splitlines()] == [
        "FILE",
        "--kind",
        "--name",
        "--id",
    ]


FRENCH = (
    "Tokyo, le 9 juillet — Le Canada et le Japon ont signé mardi l’Accord sur la sécurité de "
    "l’information, a annoncé la ministre des Affaires étrangères, Anita Anand. Selon elle, "
    "l’accord permettra aux deux pays d’échanger des renseignements classifiés.\n"
)
JAPANESE = (
    "日本とカナダの両政府は９日、東京で情報保護協定に署名した。茂木敏充外相とアナンド外相が"
    "署名し、両国は機密情報を共有できるようになる。\n"
)


def _with_language_column(copy) -> None:
    copy.write("sources", [row | {"language": "en"} for row in copy.rows("sources")])


@pytest.mark.parametrize(("text", "code", "name"), [(FRENCH, "fr", "French"),
                                                    (JAPANESE, "ja", "Japanese")])  # fmt: skip
def test_the_language_is_detected_and_shown_when_not_given(
    corpus_copy, tmp_path: Path, capsys, text: str, code: str, name: str
) -> None:
    _with_language_column(corpus_copy)
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    assert add(corpus_copy, story, "--id", "new", "--kind", "news_article", "--name", "N") == 0
    assert corpus_copy.rows("sources")[-1]["language"] == code
    out = capsys.readouterr().out
    assert f"language: {name} ({code}, detected from the text" in out
    assert "needs its English rendering in 'gloss'" in out


def test_an_english_text_is_detected_as_english(corpus_copy, article: Path, capsys) -> None:
    _with_language_column(corpus_copy)
    assert add(corpus_copy, article, "--id", "new", "--kind", "wire", "--name", "N") == 0
    assert corpus_copy.rows("sources")[-1]["language"] == "en"
    assert "gloss" not in capsys.readouterr().out


def test_a_language_given_is_kept_and_a_bad_one_refused(corpus_copy, article: Path, capsys) -> None:
    _with_language_column(corpus_copy)
    options = ("--id", "new", "--kind", "wire", "--name", "N")
    err = _refused(corpus_copy, capsys, article, *options, "--language", "French")
    assert "--language: 'French' must be an ISO 639-1 code" in err
    assert add(corpus_copy, article, *options, "--language", "fr") == 0
    assert corpus_copy.rows("sources")[-1]["language"] == "fr"
    assert "language: French (fr, as given)" in capsys.readouterr().out


def test_a_table_without_the_language_column_records_none(
    corpus_copy, article: Path, capsys
) -> None:
    assert add(corpus_copy, article, "--id", "new", "--kind", "wire", "--name", "N") == 0
    assert "language" not in corpus_copy.rows("sources")[-1]
    assert "language:" not in capsys.readouterr().out
