"""`claimtrace diff` and `claimtrace history` on a real store: what changed between published
assessments, or since one in the tables now; bad input is one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.cli import main
from claimtrace.store.cache import assessed, data_key
from claimtrace.store.history import record_publication
from tests.factories import CorpusCopy


def publish(copy: CorpusCopy, store: Path) -> None:
    """What a successful render leaves in the store: the assessment, and a run recording it."""
    assessed(copy.data_dir, store=store)
    record_publication(store, data_key(copy.data_dir))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_diff_names_what_changed_between_the_last_two_publications(
    corpus_copy: CorpusCopy, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    publish(corpus_copy, store)
    corpus_copy.set_cell("claims", 2, "value", "2022-10-12")  # wire-02 now contradicts R09
    publish(corpus_copy, store)
    code, out, _ = run(capsys, "diff", "--data-dir", str(corpus_copy.data_dir))
    assert code == 0
    assert out.startswith("From run 1, published ")
    assert "  to run 2, published " in out
    assert "claims whose status or credibility changed (1):\n  wire-02: confirmed 1 -> " in out
    assert "conflicts opened (1):\n  isa-talks-announced-date (against_record)" in out
    assert "text edited, in 1 row(s):\n  claims wire-02: value\n" in out
    code, out, _ = run(capsys, "history", "--data-dir", str(corpus_copy.data_dir))
    assert [line.split(",")[0] for line in out.splitlines()] == ["run 1", "run 2"]


def test_diff_names_a_note_edited_though_no_judgement_moved(
    corpus_copy: CorpusCopy, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    publish(corpus_copy, store)
    corpus_copy.set_cell("claims", 1, "note", "a note the curator rewrote")
    corpus_copy.set_cell("sources", 1, "title", "A title the curator corrected")
    publish(corpus_copy, store)
    code, out, _ = run(capsys, "diff", "--data-dir", str(corpus_copy.data_dir))
    assert code == 0
    assert "no change: the judgements stand." in out
    assert out.endswith(
        "text edited, in 2 row(s):\n  claims wire-01: note\n  sources wire: title\n"
    )


def test_against_the_working_tree_a_curator_sees_a_change_before_publishing(
    corpus_copy: CorpusCopy, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    publish(corpus_copy, store)
    corpus_copy.set_cell("claims", 2, "value", "2022-10-12")
    code, out, _ = run(
        capsys, "diff", "--against-working-tree", "--data-dir", str(corpus_copy.data_dir)
    )
    assert code == 0
    assert f"  to the tables in {corpus_copy.data_dir} now (data " in out
    assert "conflicts opened (1):" in out
    code, out, _ = run(capsys, "diff", "--since", "1", "--data-dir", str(corpus_copy.data_dir))
    assert "no change: the judgements stand." in out  # nothing was published since run 1


@pytest.mark.parametrize(
    ("published", "arguments", "complaint"),
    [
        (0, [], "holds no published assessment yet; render first"),
        (1, [], "holds one published assessment (run 1, published "),
        (2, ["--since", "7"], "--since 7: no such run; the history has runs 1-2"),
        (2, ["--since", "1999-01-01"], "--since 1999-01-01: no assessment was published on"),
        (2, ["--since", "yesterday"], "--since 'yesterday': is neither a run number nor a day"),
        (2, ["--since", "\u00b2"], "--since '\u00b2': is neither a run number nor a day"),
        (2, ["--since", "9" * 5_000], "… (5,000 characters): no such run; the history has runs"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    corpus_copy: CorpusCopy,
    store: Path,
    capsys: pytest.CaptureFixture[str],
    published: int,
    arguments: list[str],
    complaint: str,
) -> None:
    for _ in range(published):
        publish(corpus_copy, store)
    code, out, err = run(capsys, "diff", *arguments, "--data-dir", str(corpus_copy.data_dir))
    assert code == 2
    assert out == ""
    assert complaint in err
    assert err.count("\n") == 1


def test_a_damaged_history_is_one_line_and_exit_2(
    corpus_copy: CorpusCopy, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    publish(corpus_copy, store)
    store.write_bytes(b"\x00" * 8192)
    code, _, err = run(capsys, "diff", "--data-dir", str(corpus_copy.data_dir))
    assert code == 2
    assert err.startswith(f"{store}: cannot be read (")
    assert err.count("\n") == 1
    assert store.read_bytes() == b"\x00" * 8192  # diff only reads: the file is left for render
