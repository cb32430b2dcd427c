"""`claimtrace render`: run the report notebooks and publish them under reports/."""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

from claimtrace.cli.options import Subparsers, add_command
from claimtrace.errors import ClaimtraceError, ExitCode, ParameterError, exit_codes_text
from claimtrace.render.pdf import DEFAULT_PDF_ENGINE, PDF_ENGINES
from claimtrace.render.runlog import JobResult, RunLog

RENDER_SUMMARY = "run the report notebooks and publish HTML and PDF under reports/"

RENDER_DESCRIPTION = exit_codes_text()


def run(args: argparse.Namespace) -> int:
    """The render, its line appended to reports/runs.jsonl however it ends."""
    log = RunLog(Path(args.reports_dir))
    try:
        code = _render(args, log)
    except ClaimtraceError as error:
        log.finish(error.exit_code, " ".join(str(error).split())[:1_000])
        raise
    except KeyboardInterrupt:
        log.finish(ExitCode.INTERRUPTED, "interrupted")
        raise
    log.finish(code)
    return code


def _render(args: argparse.Namespace, log: RunLog) -> int:
    # Imported here so `claimtrace --help` does not wait for papermill and nbconvert to import.
    from claimtrace.render.jobs import adhoc_job, load_jobs, parse_formats, select_jobs
    from claimtrace.render.options import DASK, LOCAL, RenderOptions
    from claimtrace.render.unchanged import nothing_to_render

    if not (math.isfinite(args.wait) and args.wait >= 0):
        raise ParameterError.one("must be a number of seconds, 0 or more", "--wait", args.wait)
    if args.workers < 1:
        raise ParameterError.one("must be 1 or more", "--workers", args.workers)
    # Kept as text: each value is read as its declared type once the notebook is inspected.
    given = dict(args.parameter)
    if args.notebook:
        if args.job:
            raise ParameterError.one(
                "renders one ad hoc job; it cannot be combined with --job", "--notebook"
            )
        jobs = [adhoc_job(Path(args.notebook), given, project=Path(args.config).parent)]
    elif given:
        raise ParameterError.one("sets a parameter of --notebook; give the notebook too", "-p")
    else:
        jobs = select_jobs(load_jobs(Path(args.config)), args.job)
    options = RenderOptions(
        reports_dir=Path(args.reports_dir),
        formats=parse_formats(args.formats) if args.formats else None,
        pdf_engine=args.pdf_engine,
        force=args.force,
        workers=args.workers,
        executor=DASK if args.cluster else LOCAL,
        cluster=args.cluster,
    )
    if nothing_to_render(jobs, options, wait=args.wait):
        log.jobs += [JobResult(job.name, "skipped", 0.0, "up to date") for job in jobs]
        return ExitCode.OK
    # Imported only now: checking and rendering need papermill, pandas and nbconvert.
    from claimtrace.render.run import render_reports

    return render_reports(jobs, options, wait=args.wait, log=log)


def register(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "render", run, RENDER_SUMMARY, RENDER_DESCRIPTION)
    parser.add_argument(
        "--config", default="reports.yaml", help="the jobs file (default: reports.yaml)"
    )
    parser.add_argument(
        "--job", action="append", default=[], help="render only this job (repeatable)"
    )
    parser.add_argument(
        "--notebook",
        help="render one notebook (an .ipynb file in notebooks/ beside --config) as an ad hoc job",
    )
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="a --notebook parameter, read as its declared type (a list as '[a, b]')",
    )
    parser.add_argument("--force", action="store_true", help="render even if up to date")
    # --jobs is the option's first name, kept so that schedules written with it still run; it
    # read too much like --job (a job's name) to stay the one shown.
    parser.add_argument(
        "--workers",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="reports rendered at once (default: one per core; --jobs is an older name)",
    )
    parser.add_argument("--pdf-engine", choices=list(PDF_ENGINES), default=DEFAULT_PDF_ENGINE)
    parser.add_argument(
        "--formats", help="html or html,pdf, for every job (default: each job's formats)"
    )
    parser.add_argument(
        "--reports-dir", default="reports", help="where reports go (default: reports)"
    )
    parser.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="run the jobs on the Dask scheduler at ADDRESS (e.g. tcp://host:8786), whose "
        "workers have the same environment and the project at the same path (default: "
        "this machine's worker processes)",
    )
    parser.add_argument(
        "--wait", type=float, default=0.0, help="seconds to wait for another render (default 0)"
    )
