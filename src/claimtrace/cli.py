"""`claimtrace check | export | render | diff | history`: thin wrappers that turn typed errors
into one line."""

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


def _store(args: argparse.Namespace) -> Path:
    """The store `--reports-dir` names, else the one beside the data (judge/database.py)."""
    from claimtrace.judge.database import STORE_FILE, store_path_for

    if args.reports_dir:
        return Path(args.reports_dir) / STORE_FILE
    return store_path_for(args.data_dir)


def _add_store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default="data", help="the curated tables (default: data)")
    parser.add_argument(
        "--reports-dir",
        default=None,
        help="where the reports and their store are (default: reports/ beside --data-dir)",
    )


def _export(args: argparse.Namespace) -> int:
    from claimtrace.judge.export import export_assessment
    from claimtrace.judge.store import assessed

    started = time.perf_counter()
    _, assessment = assessed(args.data_dir, args.seeds_dir, _store(args))
    try:
        written = export_assessment(assessment, Path(args.dir))
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
    _add_store_options(parser)
    parser.add_argument(
        "--seeds-dir", default=None, help="the seed texts (default: seeds/ next to --data-dir)"
    )
    parser.set_defaults(run=_export)


def _diff(args: argparse.Namespace) -> int:
    from claimtrace.errors import StoreError
    from claimtrace.judge.changes import compare
    from claimtrace.judge.history import published, run_since, runs
    from claimtrace.judge.store import assessed
    from claimtrace.present.changes import diff_text, run_label

    store = _store(args)
    history = runs(store)
    if not history:
        raise StoreError(str(store), "holds no published assessment yet; render first")
    if args.against_working_tree:
        before = run_since(history, args.since, store) if args.since else history[-1]
        corpus, after = assessed(args.data_dir, store=store)
        after_label = f"the tables in {args.data_dir} now (data {corpus.data_hash[:8]})"
    else:
        if args.since:
            before = run_since(history, args.since, store)
        elif len(history) < 2:
            raise StoreError(
                str(store),
                f"holds one published assessment ({run_label(history[0])}); compare it with "
                "the tables now: --against-working-tree",
            )
        else:
            before = history[-2]
        after = published(store, history[-1])
        after_label = run_label(history[-1])
    print(diff_text(compare(published(store, before), after), run_label(before), after_label))
    return ExitCode.OK


def _add_diff(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="what changed between published assessments (or since one, in the tables now)",
        description="Sources and claims added or removed, status and credibility changes, "
        "grades that moved and why, conflicts opened and closed. Without options: the last "
        "published assessment against the one before it. " + exit_codes_text(),
    )
    parser.add_argument(
        "--since",
        metavar="DATE|RUN",
        help="compare from this run (`claimtrace history` lists them), or from the last one "
        "published on or before this day (YYYY-MM-DD)",
    )
    parser.add_argument(
        "--against-working-tree",
        action="store_true",
        help="compare with the tables as they are now (assessed, not rendered)",
    )
    _add_store_options(parser)
    parser.set_defaults(run=_diff)


def _history(args: argparse.Namespace) -> int:
    from claimtrace.judge.history import runs
    from claimtrace.present.changes import run_label

    published = runs(_store(args))
    for run in published:
        print(run_label(run))
    if not published:
        print("no assessment was published yet")
    return ExitCode.OK


def _add_history(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "history", help="list the published assessments, oldest first (run, date, data hash)"
    )
    _add_store_options(parser)
    parser.set_defaults(run=_history)


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
    _add_diff(subparsers)
    _add_history(subparsers)
    args = parser.parse_args(argv)
    run: Command = args.run
    try:
        return run(args)
    except ClaimtraceError as error:
        print(error, file=sys.stderr)
        return int(error.exit_code)


if __name__ == "__main__":
    sys.exit(main())
