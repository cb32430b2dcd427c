"""Each render reports itself: one JSON line appended to reports/runs.jsonl when it ends (its
start, end, duration and exit code, and each job's status, seconds and cause), and every line it
prints marked with the time and the run it belongs to.

A scheduler or a monitoring script reads the file without parsing prose; `claimtrace history`
lists the failed runs from it beside the publications. The line is written whatever the ending
(a failed report, bad input, a held lock, Ctrl-C), but only into a reports folder that exists:
a run refused for its folder leaves none behind. A line that cannot be written costs the run
nothing but the line, and says so on stderr.

Its own module, importing nothing heavy, like render/options.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

RUNS_LOG = "runs.jsonl"
RUN_ENV = "CLAIMTRACE_RUN"
"""The run marker, which a render's workers inherit so that their lines carry it too."""


@dataclass(frozen=True)
class JobResult:
    job: str
    status: str  # "ok", "skipped" or "failed"
    seconds: float
    detail: str = ""  # why it failed, or why it was skipped


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class RunLog:
    """One render as it goes: started now, its marker in the environment its workers inherit,
    its jobs' results added as they end."""

    reports_dir: Path
    started: dt.datetime = field(default_factory=utc_now)
    jobs: list[JobResult] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.run = f"{self.started:%Y%m%dT%H%M%SZ}-{os.getpid()}"
        os.environ[RUN_ENV] = self.run

    def finish(self, exit_code: int, cause: str = "") -> None:
        """Append the run's line to reports/runs.jsonl."""
        ended = utc_now()
        line = {
            "run": self.run,
            "start": stamp(self.started),
            "end": stamp(ended),
            "seconds": round((ended - self.started).total_seconds(), 2),
            "exit_code": int(exit_code),
            "cause": cause,
            "jobs": [
                {
                    "job": r.job,
                    "status": r.status,
                    "seconds": round(r.seconds, 2),
                    "cause": r.detail,
                }
                for r in self.jobs
            ],
        }
        if not self.reports_dir.is_dir():
            return
        text = json.dumps(line, ensure_ascii=True) + "\n"
        try:  # one write in append mode: lines of renders side by side never interleave
            descriptor = os.open(
                self.reports_dir / RUNS_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644
            )
            try:
                os.write(descriptor, text.encode("ascii"))
            finally:
                os.close(descriptor)
        except OSError as error:
            print(f"claimtrace: {RUNS_LOG} not written: {error.strerror}", file=sys.stderr)


def logged_runs(reports_dir: Path) -> list[dict[str, object]]:
    """Every run reports/runs.jsonl records, oldest first; a line that is not a run's (cut
    short by a full disk, edited by hand) is left out."""
    try:
        text = (reports_dir / RUNS_LOG).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for line in text.splitlines():
        try:
            run = json.loads(line)
        except ValueError:
            continue
        if isinstance(run, dict) and isinstance(run.get("start"), str):
            found.append(run)
    return found


def marked(line: str) -> str:
    """A printed line with the time and the run it belongs to."""
    return f"{stamp(utc_now())} [{os.environ.get(RUN_ENV, os.getpid())}] {line}"
