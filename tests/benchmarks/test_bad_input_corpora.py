"""The bad-input benchmark measures what it says: `check` refusing its corpora, boundedly."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bad_input import KINDS, TARGET_OUTPUT_LINES, run_check, write_bad_corpus


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_bad_corpus_is_refused_with_a_bounded_report(tmp_path: Path, kind: str) -> None:
    data_dir = write_bad_corpus(tmp_path, kind, 300)
    assert len((data_dir / "claims.csv").read_text(encoding="utf-8").splitlines()) == 301
    run = run_check(data_dir, timeout=120)
    assert (run.exit_code, run.traceback) == (2, False)
    assert 2 <= run.output_lines <= TARGET_OUTPUT_LINES
    assert run.seconds is not None and run.cpu_seconds and run.peak_mib
