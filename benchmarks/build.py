"""What building the reports costs: `claimtrace render` against the naive pipeline, the no-change
rebuild, the per-report floor (a kernel start and the imports), and a large corpus rendered.

Everything is written under temporary directories; reports/ of the repository is never touched.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.synthetic import write_corpus
from benchmarks.table import Row, seconds
from claimtrace.render.kernel import KERNEL, KERNEL_ARGUMENTS

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

TARGET_RATIO = 0.3
TARGET_REBUILD_SECONDS = 0.5
REBUILD_RUNS = 3
TARGET_REPORT_FLOORS = 2.5  # each report of the real corpus, in kernel floors
TARGET_BIG_FLOORS = 3.0  # one report at BIG_CLAIMS claims, in kernel floors
TARGET_HTML_MIB = 10.0
TARGET_PDF_PAGES = 60
BIG_CLAIMS = 100_000
LISTING = "01_claims.ipynb"
"""The long claims listing: at BIG_CLAIMS claims, the longest PDF of all."""
BIG_NOTEBOOKS = (LISTING, "03_source_reliability.ipynb")
FLOOR_IMPORTS = "import claimtrace, pandas, matplotlib.pyplot, seaborn"
FLOOR_RUNS = 3
PDF_STEP = (
    "import sys; from pathlib import Path; from claimtrace.render.pdf import html_to_pdf; "
    "html_to_pdf(Path(sys.argv[1]), Path(sys.argv[2]))"
)


@dataclass(frozen=True)
class Timed:
    seconds: float
    returncode: int
    output: str


def timed(command: Sequence[str], timeout: float, cwd: Path = REPO) -> Timed:
    """Run a command to completion (or the timeout) and time it; output is stdout + stderr."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            list(command), cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return Timed(time.perf_counter() - started, -1, f"stopped after {timeout:.0f} s")
    return Timed(time.perf_counter() - started, done.returncode, done.stdout + done.stderr)


def render(*arguments: str, timeout: float) -> Timed:
    return timed([str(BIN / "claimtrace"), "render", *arguments], timeout)


def _failure(step: str, result: Timed) -> str:
    lines = result.output.strip().splitlines() or ["no output"]
    return f"{step} failed ({result.returncode}): {lines[-1][:100]}"


def report_seconds(reports_dir: Path) -> dict[str, float]:
    """Each published report's own render time, from its manifest."""
    return {
        path.parent.name: float(json.loads(path.read_text())["duration_s"])
        for path in sorted(reports_dir.glob("*/manifest.json"))
    }


def default_jobs() -> dict[str, dict]:
    return yaml.safe_load((REPO / "reports.yaml").read_text(encoding="utf-8"))["jobs"]


def baseline(work: Path, timeout: float) -> dict[str, dict[str, float]]:
    """The naive pipeline, one report after another: papermill CLI, nbconvert CLI, then the PDF
    step claimtrace uses, each a fresh process. Seconds per job and step."""
    steps: dict[str, dict[str, float]] = {}
    for name, job in default_jobs().items():
        executed, html = work / f"{name}.ipynb", work / f"{name}.html"
        parameters = job.get("parameters") or {}
        papermill = [str(BIN / "papermill"), str(REPO / job["notebook"]), str(executed)]
        papermill += ["-k", KERNEL, "--cwd", "notebooks", "--no-progress-bar"]
        if parameters:
            papermill += ["-y", yaml.safe_dump(parameters)]
        commands = {
            "papermill": papermill,
            "nbconvert": [str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)],
            "pdf": [sys.executable, "-c", PDF_STEP, str(html), str(work / f"{name}.pdf")],
        }
        steps[name] = {}
        for step, command in commands.items():
            result = timed(command, timeout)
            if result.returncode != 0:
                raise RuntimeError(_failure(f"baseline {step} of {name}", result))
            steps[name][step] = result.seconds
    return steps


def kernel_floor() -> float:
    """Median seconds to start the claimtrace kernel as a report's starts (its arguments import
    the report module before the first cell) and import what every report imports."""
    from jupyter_client.manager import start_new_kernel

    runs = []
    for _ in range(FLOOR_RUNS):
        started = time.perf_counter()
        manager, client = start_new_kernel(
            kernel_name=KERNEL, extra_arguments=list(KERNEL_ARGUMENTS)
        )
        try:
            reply = client.execute_interactive(FLOOR_IMPORTS, timeout=120)
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the floor imports failed: {reply['content']}")
            runs.append(time.perf_counter() - started)
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    return statistics.median(runs)


def slowest_cells(reports_dir: Path, top: int = 3) -> str:
    """The longest-running code cells of the rendered reports (papermill's own timings)."""
    timings = []
    for executed in reports_dir.glob("*/executed.ipynb"):
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
        for number, cell in enumerate(cells, start=1):
            duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
            if cell["cell_type"] == "code" and duration:
                timings.append((duration, f"{executed.parent.name} cell {number}"))
    return ", ".join(f"{where} {duration:.2f} s" for duration, where in sorted(timings)[::-1][:top])


def rebuild_imports(reports_dir: Path, top: int = 5) -> str:
    """The slowest packages imported by a no-change `claimtrace render` (python -X importtime)."""
    code = "import sys; from claimtrace.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-X", "importtime", "-c", code]
    result = timed([*command, "render", "--reports-dir", str(reports_dir)], timeout=120)
    cumulative: dict[str, int] = {}
    for line in result.output.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s+(\S+)", line)
        if match:  # a package's cost is that of its outermost import
            package = match.group(2).split(".")[0]
            cumulative[package] = max(cumulative.get(package, 0), int(match.group(1)))
    slowest = sorted(cumulative.items(), key=lambda item: -item[1])[:top]
    return ", ".join(f"{name} {micros / 1e6:.2f} s" for name, micros in slowest)


def build_rows(timeout: float, floor: float) -> tuple[list[Row], list[str]]:
    """Cold build against the baseline, no-change rebuild, and each report against the floor."""
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="claimtrace-bench-build-") as work:
        work_dir = Path(work)
        reports_dir = work_dir / "reports"
        cold = render("--force", "--reports-dir", str(reports_dir), timeout=timeout)
        if cold.returncode != 0:
            return [Row("build", "cold build", _failure("claimtrace render", cold))], notes
        per_report = report_seconds(reports_dir)
        rebuilds = [
            render("--reports-dir", str(reports_dir), timeout=timeout) for _ in range(REBUILD_RUNS)
        ]
        rebuild = sorted(rebuilds, key=lambda result: result.seconds)[len(rebuilds) // 2]
        (work_dir / "baseline").mkdir()
        naive = baseline(work_dir / "baseline", timeout)
        naive_total = sum(sum(steps.values()) for steps in naive.values())
        ratio = cold.seconds / naive_total
        rows += [
            Row(
                "build",
                f"cold build, {len(per_report)} reports (claimtrace render --force)",
                seconds(cold.seconds),
            ),
            Row(
                "build",
                "naive baseline (papermill, nbconvert, PDF per report)",
                seconds(naive_total),
            ),
            Row(
                "build",
                "cold build / baseline",
                f"{ratio:.2f}",
                f"<= {TARGET_RATIO}",
                ratio <= TARGET_RATIO,
            ),
            Row(
                "build",
                f"no-change rebuild (claimtrace render, median of {len(rebuilds)})",
                seconds(rebuild.seconds),
                f"< {TARGET_REBUILD_SECONDS:g} s",
                rebuild.seconds < TARGET_REBUILD_SECONDS,
            ),
        ]
        for name, steps in naive.items():
            total = sum(steps.values())
            parts = " + ".join(f"{step} {value:.2f}" for step, value in steps.items())
            rows.append(
                Row(
                    "floor",
                    f"{name}: baseline",
                    f"{seconds(total)} ({parts}) = {total / floor:.1f} x floor",
                )
            )
            if name in per_report:
                own = per_report[name]
                rows.append(
                    Row(
                        "floor",
                        f"{name}: claimtrace render (jobs in parallel)",
                        f"{seconds(own)} = {own / floor:.1f} x floor",
                        f"< {TARGET_REPORT_FLOORS:g} x floor",
                        own / floor < TARGET_REPORT_FLOORS,
                    )
                )
        notes.append("slowest notebook cells in the cold build: " + slowest_cells(reports_dir))
        rendered_again = len(per_report) - rebuild.output.count("skipped (up to date)")
        if rendered_again:
            notes.append(
                f"the no-change rebuild rendered {rendered_again} report(s) again: an input "
                "(data, notebook or claimtrace code) changed during the benchmark"
            )
        if rebuild.returncode != 0:
            notes.append(_failure("the no-change rebuild", rebuild))
        if rebuild.seconds >= TARGET_REBUILD_SECONDS:
            notes.append(
                "no-change rebuild: slowest imports (-X importtime): "
                + rebuild_imports(reports_dir)
            )
    return rows, notes


def big_render_rows(timeout: float, floor: float, keep_listing: Path | None = None) -> list[Row]:
    """Render the largest notebooks against a synthetic corpus: the whole command (which
    assesses the corpus once), the report's own time against the floor, HTML and PDF size.
    The listing's HTML is copied to `keep_listing` when given (benchmarks/pdf_engines.py)."""
    from pypdf import PdfReader

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="claimtrace-bench-big-") as work:
        work_dir = Path(work)
        corpus = write_corpus(work_dir / "corpus", BIG_CLAIMS)
        for notebook in BIG_NOTEBOOKS:
            reports_dir = work_dir / f"reports-{notebook}"
            result = render(
                "--notebook", str(REPO / "notebooks" / notebook),
                "-p", "data_dir", str(corpus.data_dir),
                "--reports-dir", str(reports_dir),
                timeout=timeout,
            )  # fmt: skip
            label = f"{notebook} at {BIG_CLAIMS:,} claims"
            if result.returncode != 0:
                rows.append(Row("large", label, _failure("render", result), met=False))
                continue
            html = next(reports_dir.glob("*/report.html"))
            if keep_listing is not None and notebook == LISTING:
                shutil.copyfile(html, keep_listing)
            pdf = html.with_name("report.pdf")
            html_mib = html.stat().st_size / 2**20
            pages = len(PdfReader(pdf).pages)
            (own,) = report_seconds(reports_dir).values()
            in_floors = f"{seconds(own)} = {own / floor:.1f} x floor"
            rows += [
                Row("large", f"{label}: render (assesses once)", seconds(result.seconds)),
                Row("large", f"{label}: the report itself", in_floors,
                    f"< {TARGET_BIG_FLOORS:g} x floor", own / floor < TARGET_BIG_FLOORS),
                Row("large", f"{label}: HTML size", f"{html_mib:.1f} MiB",
                    f"< {TARGET_HTML_MIB:.0f} MiB", html_mib < TARGET_HTML_MIB),
                Row("large", f"{label}: PDF pages", f"{pages:,}", f"< {TARGET_PDF_PAGES}",
                    pages < TARGET_PDF_PAGES),
            ]  # fmt: skip
        shutil.rmtree(corpus.root, ignore_errors=True)
    return rows
