"""Time and peak memory of loading, assessing, storing and reading back synthetic corpora of
growing size.

Each stage runs in a fresh process (benchmarks/stage.py), so its peak resident memory is its own
and a stage that runs too long is stopped without stopping the benchmark.
"""

from __future__ import annotations

import itertools
import json
import math
import resource
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
TARGET_SECONDS = 20.0  # load + validate + anchor + assess at TARGET_CLAIMS
TARGET_PEAK_MIB = 2048.0
TARGET_READ_SECONDS = 2.0  # a report's kernel reading its data, at TARGET_CLAIMS
TARGET_READ_MIB = 1024.0
HUGE_CLAIMS = 10_000_000
MEMORY_SHARE = 0.8
"""A stage at HUGE_CLAIMS or more may use this share of the memory available when it starts:
past it, it stops with a MemoryError (reported) instead of pushing the machine into swap."""
HUGE_PLAN = (
    "10^7 claims, the plan: stream the tables in chunks instead of whole (load and validation "
    "already work column by column), keep the assessment in the store's DuckDB tables and join "
    "there (it spills to disk past memory) instead of in pandas, give origin groups short ids "
    "listed once, and render variants on a cluster (`claimtrace render --cluster`)"
)
TOTAL_MEASURE = f"{TARGET_CLAIMS:,} claims: load+validate+anchor+assess"
STAGE_MEASURES = {
    "load": "load+validate+anchor",
    "assess": "assess",
    "read": "open a report of the whole corpus from the store (each report's kernel)",
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
    limit = _memory_limit if claims >= HUGE_CLAIMS else None
    try:
        done = subprocess.run(
            command,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            preexec_fn=limit,
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


def scale_rows(sizes: Sequence[int], timeout: float) -> tuple[list[Row], list[str]]:
    """Generate each size, time load, assess, store and read, compare the growth of load and
    assess with n log n, and say what HUGE_CLAIMS takes (measured if among the sizes, else
    projected from the last decade measured) and the plan for it."""
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
    rows += _huge_rows(sizes, results)
    return rows, [HUGE_PLAN]


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
    read = _read_rows(results[TARGET_CLAIMS]["read"])
    if load.seconds is None or assessed.seconds is None:
        shown = "not measured (a stage did not finish)"
        return [Row("scale", TOTAL_MEASURE, shown, f"< {TARGET_SECONDS:.0f} s", False), *read]
    total = load.seconds + assessed.seconds
    peak = max(load.peak_mib or 0, assessed.peak_mib or 0)
    return [
        *read,
        Row(
            "scale",
            TOTAL_MEASURE,
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


def _read_rows(read: StageResult) -> list[Row]:
    """A report's kernel reading its data at TARGET_CLAIMS, against its time and memory targets."""
    measure = f"{TARGET_CLAIMS:,} claims: a report's kernel reads its data"
    if read.seconds is None or read.peak_mib is None:
        return [Row("scale", measure, read.error, f"< {TARGET_READ_SECONDS:.0f} s", False)]
    return [
        Row(
            "scale",
            measure,
            seconds(read.seconds),
            f"< {TARGET_READ_SECONDS:.0f} s",
            read.seconds < TARGET_READ_SECONDS,
        ),
        Row(
            "scale",
            f"{TARGET_CLAIMS:,} claims: a report's kernel peak memory",
            mebibytes(read.peak_mib),
            f"< {TARGET_READ_MIB:,.0f} MiB",
            read.peak_mib < TARGET_READ_MIB,
        ),
    ]


def _huge_rows(sizes: Sequence[int], results: dict[int, dict[str, StageResult]]) -> list[Row]:
    """What HUGE_CLAIMS takes: measured when it was among the sizes (where it stopped, if it
    did), else projected from the largest decade measured: time by that decade's growth per
    decade, memory on a line."""
    label = f"{HUGE_CLAIMS:,} claims: load+validate+anchor+assess"
    if HUGE_CLAIMS in results:
        load, assessed = results[HUGE_CLAIMS]["load"], results[HUGE_CLAIMS]["assess"]
        if load.seconds is None or assessed.seconds is None:
            stopped = load if load.seconds is None else assessed
            return [Row("scale", label, f"stops in {stopped.stage}: {stopped.error}")]
        peak = max(load.peak_mib or 0, assessed.peak_mib or 0)
        shown = f"{seconds(load.seconds + assessed.seconds)}, peak {mebibytes(peak)}"
        return [Row("scale", label, shown)]
    measured = [size for size in sizes if all(results[size][s].seconds for s in ("load", "assess"))]
    decades = [(small, small * 10) for small in measured if small * 10 in measured]
    if not decades:
        return [Row("scale", label, "not projected (no decade of sizes measured)")]
    small, large = decades[-1]
    steps = math.log10(HUGE_CLAIMS / large)

    def total(size: int) -> float:
        return sum(results[size][stage].seconds or 0 for stage in ("load", "assess"))

    def peak_at(size: int) -> float:
        return max(results[size][stage].peak_mib or 0 for stage in ("load", "assess"))

    projected = total(large) * (total(large) / total(small)) ** steps
    # Memory on the line through the two sizes: a fixed part (the interpreter, its libraries)
    # and a part per claim.
    per_claim = (peak_at(large) - peak_at(small)) / (large - small)
    peak = peak_at(large) + per_claim * (HUGE_CLAIMS - large)
    available = _available_mib()
    fits = "fits" if peak < available * MEMORY_SHARE else "does not fit"
    shown = (
        f"projected ~{seconds(projected)}, peak ~{mebibytes(peak)} ({fits} in the "
        f"{mebibytes(available)} available here)"
    )
    return [Row("scale", label, shown)]


def _available_mib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return math.inf


def _memory_limit() -> None:
    """In a huge stage's process, before it starts: cap its address space."""
    cap = int(_available_mib() * MEMORY_SHARE * 2**20)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
