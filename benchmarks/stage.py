"""One measured stage in a fresh process: `python -m benchmarks.stage load|assess DATA_DIR`.

Prints one JSON line: the stage's wall time in seconds and the process's peak resident memory
(VmHWM) in MiB. `assess` loads the corpus first (untimed) and times the assessment alone; its
peak includes the loaded corpus, as it does in a notebook.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

STAGES = ("load", "assess")


def peak_rss_mib() -> float:
    """This process's high-water mark of resident memory, from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def run_stage(stage: str, data_dir: Path) -> dict[str, float]:
    from claimtrace.corpus.load import load_corpus

    started = time.perf_counter()
    corpus = load_corpus(data_dir)
    if stage == "assess":
        from claimtrace.judge.assess import assess

        started = time.perf_counter()
        assess(corpus)
    return {"seconds": time.perf_counter() - started, "peak_mib": peak_rss_mib()}


def main(argv: list[str]) -> int:
    stage, data_dir = argv
    if stage not in STAGES:
        raise SystemExit(f"stage must be one of {', '.join(STAGES)}, not {stage!r}")
    print(json.dumps(run_stage(stage, Path(data_dir))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
