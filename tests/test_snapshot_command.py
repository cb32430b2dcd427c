"""`claimtrace snapshot`: writes the snapshot files, prints the diff it accepted, and refuses
bad data without writing anything. (Its notebook refresh: tests/render/test_kept_outputs.py and
tests/test_curating.py.)"""

from __future__ import annotations

from claimtrace.cli import main
from claimtrace.corpus.load import load_corpus
from claimtrace.judge.assess import assess
from claimtrace.present.snapshot import read_snapshot, snapshot_texts


def test_the_snapshot_command_writes_the_files_and_prints_what_it_accepted(
    corpus_copy, tmp_path, capsys
) -> None:
    folder = tmp_path / "snapshots"
    arguments = ["snapshot", "--data-dir", str(corpus_copy.data_dir), "--no-notebooks"]
    assert main([*arguments, "--snapshots-dir", str(folder)]) == 0
    first = capsys.readouterr().out
    assert f"+++ {folder}/sources.csv (live corpus)" in first
    assert read_snapshot(folder) == snapshot_texts(assess(load_corpus(corpus_copy.data_dir)))
    assert main([*arguments, "--snapshots-dir", str(folder)]) == 0
    assert f"{folder}: no change to the snapshot." in capsys.readouterr().out


def test_the_snapshot_command_refuses_bad_data_and_writes_nothing(
    corpus_copy, tmp_path, capsys
) -> None:
    corpus_copy.set_cell("claims", 3, "subject", "Joly")
    folder = tmp_path / "snapshots"
    arguments = ["snapshot", "--data-dir", str(corpus_copy.data_dir), "--no-notebooks"]
    assert main([*arguments, "--snapshots-dir", str(folder)]) == 2
    assert "claims.csv, line 4, column 'subject' = 'Joly'" in capsys.readouterr().err
    assert not folder.exists()
