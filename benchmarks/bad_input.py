"""What `claimtrace check` costs on large bad input: time, peak memory and output size.

The real corpus with its claims.csv replaced by many copies of one claim row (every row but one
a duplicate id) or by rows of junk (every cell breaks a rule). `check` must reject both in time
linear in the rows and print a bounded report: a few examples of each kind of problem and a
count of the rest. Each run is a fresh `claimtrace check` process, stopped at the timeout.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.table import Row, mebibytes, seconds

REPO = Path(__file__).resolve().parent.parent
TARGET_ROWS = 1_000_000
TARGET_SECONDS = 30.0
TARGET_OUTPUT_LINES = 200


def duplicate_rows(header: Sequence[str], first: Sequence[str], rows: int) -> Iterator[list[str]]:
    """The corpus's first claim, `rows` times over: one id, one quote, `rows - 1` duplicates."""
    return (list(first) for _ in range(rows))


def junk_rows(header: Sequence[str], first: Sequence[str], rows: int) -> Iterator[list[str]]:
    """Rows in which every cell breaks its column's rule, each row different."""
    return ([f"Junk {column} #{row}!" for column in header] for row in range(rows))


RowMaker = Callable[[Sequence[str], Sequence[str], int], Iterator[list[str]]]
"""Makes the claim rows of a bad corpus from the real header and first claim row."""
KINDS: dict[str, RowMaker] = {
    "duplicate": duplicate_rows,
    "junk": junk_rows,
}


@dataclass(frozen=True)
class CheckRun:
    """One `claimtrace check`: None for every figure when it was stopped at the timeout."""

    seconds: float | None
    cpu_seconds: float | None  # user + system: what the run cost on a machine others share
    peak_mib: float | None
    exit_code: int | None
    output_bytes: int
    output_lines: int
    traceback: bool

    def shown(self, timeout: float) -> str:
        if self.seconds is None:
            return f"stopped after {timeout:.0f} s"
        cpu = seconds(self.cpu_seconds or 0)
        peak = mebibytes(self.peak_mib or 0)
        return f"{seconds(self.seconds)} ({cpu} CPU), peak {peak}, exit {self.exit_code}"

    def output(self) -> str:
        return f"{self.output_lines:,} lines, {_size(self.output_bytes)}"


def _size(count: int) -> str:
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:,.1f} {unit}"
    return f"{count} B"


def write_bad_corpus(root: Path, kind: str, rows: int) -> Path:
    """A copy of data/ and seeds/ under root with claims.csv replaced; the data dir."""
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "data", root / "data", ignore=shutil.ignore_patterns("*.md"))
    claims = root / "data" / "claims.csv"
    with open(claims, encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        header, first = next(reader), next(reader)
    with open(claims, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(KINDS[kind](header, first, rows))
    return root / "data"


def run_check(data_dir: Path, timeout: float) -> CheckRun:
    """`claimtrace check` in a fresh process; its own peak memory is the last high-water mark
    read from /proc while it runs (wait4's rusage would give the benchmark's own: Linux keeps a
    child's peak across the exec, from the moment it was forked off this large process)."""
    output = data_dir.parent / "output.txt"
    command = [sys.executable, "-m", "claimtrace.cli", "check", "--data-dir", str(data_dir)]
    with open(output, "wb") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT)
        deadline = started + timeout
        peak_kib = 0
        while (waited := os.wait4(process.pid, os.WNOHANG))[0] == 0:
            peak_kib = max(peak_kib, _high_water_kib(process.pid))
            if time.perf_counter() > deadline:
                process.kill()
                process.wait()
                return CheckRun(None, None, None, None, output.stat().st_size, 0, False)
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(waited[1])
    text = output.read_bytes()
    usage = waited[2]
    return CheckRun(
        elapsed,
        usage.ru_utime + usage.ru_stime,
        peak_kib / 1024,
        process.returncode,
        len(text),
        text.count(b"\n"),
        b"Traceback" in text,
    )


def bad_input_rows(sizes: Sequence[int], timeout: float) -> list[Row]:
    """Time, memory and output of `check` on each kind of bad input at each size."""
    rows: list[Row] = []
    for kind in KINDS:
        measured: dict[int, CheckRun] = {}
        for size in sizes:
            root = Path(tempfile.mkdtemp(prefix=f"claimtrace-bad-{kind}-{size}-"))
            try:
                run = run_check(write_bad_corpus(root, kind, size), timeout)
            finally:
                shutil.rmtree(root, ignore_errors=True)
            measured[size] = run
            label = f"{size:,} {kind} claim rows: check"
            at_target = size == TARGET_ROWS
            finished = run.seconds is not None
            rows.append(
                Row(
                    "bad input",
                    label,
                    run.shown(timeout),
                    f"< {TARGET_SECONDS:.0f} s, exit 2" if at_target else "exit 2",
                    (finished and run.exit_code == 2 and not run.traceback)
                    and (not at_target or run.seconds < TARGET_SECONDS),
                )
            )
            rows.append(
                Row(
                    "bad input",
                    f"{size:,} {kind} claim rows: output",
                    run.output() if finished else f"{_size(run.output_bytes)} before it stopped",
                    f"<= {TARGET_OUTPUT_LINES} lines, no traceback",
                    finished and run.output_lines <= TARGET_OUTPUT_LINES and not run.traceback,
                )
            )
        rows += _growth(kind, sizes, measured)
    return rows


def _growth(kind: str, sizes: Sequence[int], measured: dict[int, CheckRun]) -> list[Row]:
    rows = []
    for small, large in itertools.pairwise(sizes):
        a, b = measured[small].seconds, measured[large].seconds
        bound = large / small
        rows.append(
            Row(
                "bad input",
                f"growth {kind} check {small:,} -> {large:,} rows",
                f"x{b / a:.1f}" if a and b else "not measured",
                f"<= x{bound:.0f} (linear)",
                None if not (a and b) else b / a <= bound,
            )
        )
    return rows


def _high_water_kib(pid: int) -> int:
    """A running process's peak resident memory so far (VmHWM), in KiB; 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+)", status, re.MULTILINE)
    return int(found.group(1)) if found else 0
