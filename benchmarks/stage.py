"""One measured stage in a fresh process: `python -m benchmarks.stage load|assess|read DATA_DIR`.

Prints one JSON line: the stage's wall time in seconds and the process's peak resident memory
(VmHWM) in MiB. `assess` loads the corpus first (untimed) and times the assessment alone; its
peak includes the loaded corpus, as it does in a notebook. It then stores the assessment, as a
render does before its kernels start, and adds the time that took (`store_seconds`). `read`
opens a report of the whole corpus from that store, as each report's kernel does before its
first cell shows anything: its peak is a kernel's holding the report's data.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

STAGES = ("load", "assess", "read")
WHOLE_CORPUS = {
    "sources": [],
    "date_from": "1800-01-01",
    "date_to": "2199-12-31",
    "min_credibility": 6,
}
"""The parameters of the report `read` opens: every source, every date, every grade."""


def peak_rss_mib() -> float:
    """This process's high-water mark of resident memory, from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def bench_store(data_dir: Path) -> Path:
    """The store the `assess` stage writes and the `read` stage reads, beside the corpus."""
    from claimtrace.store.location import STORE_FILE

    return data_dir.parent / "store" / STORE_FILE


def run_stage(stage: str, data_dir: Path) -> dict[str, float]:
    if stage == "read":
        from claimtrace.corpus.load import current_data_hash
        from claimtrace.present.report import open_report
        from claimtrace.store.location import CHECKED_DATA_ENV, STORE_ENV

        # What a render tells each kernel: where the store is, and the data version it checked.
        os.environ[STORE_ENV] = str(bench_store(data_dir))
        checked = {str(data_dir.resolve()): current_data_hash(data_dir, data_dir.parent / "seeds")}
        os.environ[CHECKED_DATA_ENV] = json.dumps(checked)
        started = time.perf_counter()
        open_report(data_dir, interactive_tables=False, **WHOLE_CORPUS)
        return {"seconds": time.perf_counter() - started, "peak_mib": peak_rss_mib()}

    from claimtrace.corpus.load import load_corpus

    started = time.perf_counter()
    corpus = load_corpus(data_dir)
    if stage == "load":
        return {"seconds": time.perf_counter() - started, "peak_mib": peak_rss_mib()}
    from claimtrace.judge.assess import assess
    from claimtrace.store.cache import save_assessment

    started = time.perf_counter()
    assessment = assess(corpus)
    measured = {"seconds": time.perf_counter() - started, "peak_mib": peak_rss_mib()}
    started = time.perf_counter()
    save_assessment(bench_store(data_dir), corpus, assessment)
    return measured | {"store_seconds": time.perf_counter() - started}


def main(argv: list[str]) -> int:
    stage, data_dir = argv
    if stage not in STAGES:
        raise SystemExit(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
    print(json.dumps(run_stage(stage, Path(data_dir))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
