"""`claimtrace check | export | render`: thin wrappers that turn typed errors into one line."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from claimtrace.errors import ClaimtraceError, ExitCode, ParameterError, exit_codes_text
from claimtrace.render.pdf import DEFAULT_PDF_ENGINE, PDF_ENGINES

Command = Callable[[argparse.Namespace], int]


def _check(args: argparse.Namespace) -> int:
    # Imported here so `claimtrace --help` does not wait for pandas and pandera to import.
    from claimtrace.corpus.load import load_corpus, summary

    started = time.perf_counter()
    corpus = load_corpus(args.data_dir, args.seeds_dir)
    print(summary(corpus))
    print(f"\nOK: the curated data is valid ({time.perf_counter() - started:.2f} s).")
    return ExitCode.OK


def _add_check(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="validate data/*.csv and seeds/, then summarise")
    parser.add_argument("--data-dir", default="data", help="the curated tables (default: data)")
    parser.add_argument(
        "--seeds-dir", default=None, help="the seed texts (default: seeds/ next to --data-dir)"
    )
    parser.set_defaults(run=_check)


def _export(args: argparse.Namespace) -> int:
    from claimtrace.corpus.load import load_corpus
    from claimtrace.judge.assess import assess
    from claimtrace.present.exports import export_readable

    started = time.perf_counter()
    corpus = load_corpus(args.data_dir, args.seeds_dir)
    assessment = assess(corpus)
    try:
        written = export_readable(corpus, assessment, Path(args.dir))
    except OSError as error:
        raise ClaimtraceError(f"cannot write the tables to {args.dir}: {error}") from error
    for path, rows in written.items():
        print(f"{path}  ({rows} rows)")
    print(f"\nOK: assessed and exported ({time.perf_counter() - started:.2f} s).")
    return ExitCode.OK


def _add_export(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="assess the curated data and write the assessed tables as CSV into DIR"
    )
    parser.add_argument("dir", metavar="DIR", help="where the CSV files go (created if needed)")
    parser.add_argument("--data-dir", default="data", help="the curated tables (default: data)")
    parser.add_argument(
        "--seeds-dir", default=None, help="the seed texts (default: seeds/ next to --data-dir)"
    )
    parser.set_defaults(run=_export)


def _render(args: argparse.Namespace) -> int:
    # Imported here so `claimtrace --help` does not wait for papermill and nbconvert to import.
    from claimtrace.render.jobs import adhoc_job, load_jobs, parse_formats, select_jobs
    from claimtrace.render.run import RenderOptions, render_reports

    # Kept as text: each value is read as its declared type once the notebook is inspected.
    given = dict(args.parameter)
    if args.notebook:
        if args.job:
            raise ParameterError.one(
                "renders one ad hoc job; it cannot be combined with --job", "--notebook"
            )
        jobs = [adhoc_job(Path(args.notebook), given)]
    elif given:
        raise ParameterError.one("sets a parameter of --notebook; give the notebook too", "-p")
    else:
        jobs = select_jobs(load_jobs(Path(args.config)), args.job)
    options = RenderOptions(
        reports_dir=Path(args.reports_dir),
        formats=parse_formats(args.formats) if args.formats else None,
        pdf_engine=args.pdf_engine,
        force=args.force,
        workers=args.jobs,
    )
    return render_reports(jobs, options, wait=args.wait)


def _add_render(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "render",
        help="run the report notebooks and publish HTML and PDF under reports/",
        description=exit_codes_text(),
    )
    parser.add_argument(
        "--config", default="reports.yaml", help="the jobs file (default: reports.yaml)"
    )
    parser.add_argument(
        "--job", action="append", default=[], help="render only this job (repeatable)"
    )
    parser.add_argument("--notebook", help="render one notebook as an ad hoc job instead")
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
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="reports rendered in parallel"
    )
    parser.add_argument("--pdf-engine", choices=list(PDF_ENGINES), default=DEFAULT_PDF_ENGINE)
    parser.add_argument(
        "--formats", help="html or html,pdf, for every job (default: each job's formats)"
    )
    parser.add_argument(
        "--reports-dir", default="reports", help="where reports go (default: reports)"
    )
    parser.add_argument(
        "--wait", type=float, default=0.0, help="seconds to wait for another render (default 0)"
    )
    parser.set_defaults(run=_render)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="claimtrace", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    _add_check(subparsers)
    _add_export(subparsers)
    _add_render(subparsers)
    args = parser.parse_args(argv)
    run: Command = args.run
    try:
        return run(args)
    except ClaimtraceError as error:
        print(error, file=sys.stderr)
        return int(error.exit_code)


if __name__ == "__main__":
    sys.exit(main())
