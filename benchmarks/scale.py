"""Time and peak memory of loading, assessing, storing and reading back synthetic corpora of
growing size.

Each stage runs in a fresh process (benchmarks/stage.py), so its peak resident memory is its own
and a stage that runs too long is stopped without stopping the benchmark.
"""

from __future__ import annotations

import itertools
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.synthetic import write_corpus
from benchmarks.table import Row, mebibytes, seconds

REPO = Path(__file__).resolve().parent.parent
TARGET_CLAIMS = 1_000_000
TARGET_SECONDS = 60.0  # load + assess at TARGET_CLAIMS
TARGET_PEAK_MIB = 4096.0
STAGE_MEASURES = {
    "load": "load+validate+anchor",
    "assess": "assess",
    "read": "read the stored assessment (each report)",
}


@dataclass(frozen=True)
class StageResult:
    stage: str
    claims: int
    seconds: float | None  # None: stopped at the timeout, or failed
    peak_mib: float | None
    error: str = ""
    store_seconds: float | None = None  # assess only: storing the assessment afterwards

    def shown(self) -> str:
        if self.seconds is None:
            return self.error
        return f"{seconds(self.seconds)}, peak {mebibytes(self.peak_mib or 0)}"


def run_stage(stage: str, data_dir: Path, claims: int, timeout: float) -> StageResult:
    """One stage in a fresh interpreter; stopped (and reported) after `timeout` seconds."""
    command = [sys.executable, "-m", "benchmarks.stage", stage, str(data_dir)]
    try:
        done = subprocess.run(
            command, cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return StageResult(stage, claims, None, None, f"stopped after {timeout:.0f} s")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return StageResult(stage, claims, None, None, f"failed: {last[:80]}")
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    return StageResult(
        stage, claims, measured["seconds"], measured["peak_mib"], "", measured.get("store_seconds")
    )


def nlogn_ratio(small: int, large: int) -> float:
    return (large * math.log(large)) / (small * math.log(small))


def scale_rows(sizes: Sequence[int], timeout: float) -> list[Row]:
    """Generate each size, time load, assess, store and read, and compare the growth of load and
    assess with n log n."""
    rows: list[Row] = []
    results: dict[int, dict[str, StageResult]] = {}
    for claims in sizes:
        root = Path(tempfile.mkdtemp(prefix=f"claimtrace-bench-{claims}-"))
        try:
            started = time.perf_counter()
            corpus = write_corpus(root, claims)
            generated = time.perf_counter() - started
            label = f"{claims:,} claims"
            rows.append(
                Row(
                    "scale",
                    f"{label}: generate ({corpus.sources:,} sources, {corpus.events:,} events)",
                    seconds(generated),
                )
            )
            results[claims] = {}
            for stage, what in STAGE_MEASURES.items():
                result = run_stage(stage, corpus.data_dir, claims, timeout)
                results[claims][stage] = result
                rows.append(Row("scale", f"{label}: {what}", result.shown()))
                if result.store_seconds is not None:
                    rows.append(
                        Row(
                            "scale",
                            f"{label}: store the assessment (a render, once per data version)",
                            seconds(result.store_seconds),
                        )
                    )
        finally:
            shutil.rmtree(root, ignore_errors=True)
    rows += _growth_rows(sizes, results)
    rows += _target_rows(results)
    return rows


def _growth_rows(sizes: Sequence[int], results: dict[int, dict[str, StageResult]]) -> list[Row]:
    rows = []
    for small, large in itertools.pairwise(sizes):
        for stage in ("load", "assess"):
            a, b = results[small][stage].seconds, results[large][stage].seconds
            bound = nlogn_ratio(small, large)
            measured = f"x{b / a:.1f}" if a and b else "not measured"
            rows.append(
                Row(
                    "scale",
                    f"growth {stage} {small:,} -> {large:,} claims",
                    measured,
                    f"<= x{bound:.1f} (n log n)",
                    None if not (a and b) else b / a <= bound,
                )
            )
    return rows


def _target_rows(results: dict[int, dict[str, StageResult]]) -> list[Row]:
    if TARGET_CLAIMS not in results:
        return []
    load, assessed = results[TARGET_CLAIMS]["load"], results[TARGET_CLAIMS]["assess"]
    if load.seconds is None or assessed.seconds is None:
        shown = "not measured (a stage did not finish)"
        return [Row("scale", "1,000,000 claims: load + assess", shown, "< 60 s", False)]
    total = load.seconds + assessed.seconds
    peak = max(load.peak_mib or 0, assessed.peak_mib or 0)
    return [
        Row(
            "scale",
            "1,000,000 claims: load + assess",
            seconds(total),
            f"< {TARGET_SECONDS:.0f} s",
            total < TARGET_SECONDS,
        ),
        Row(
            "scale",
            "1,000,000 claims: peak memory",
            mebibytes(peak),
            f"< {TARGET_PEAK_MIB:,.0f} MiB",
            peak < TARGET_PEAK_MIB,
        ),
    ]
