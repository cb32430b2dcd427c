"""`claimtrace check | export | render | add-source | draft | diff | history`: thin wrappers that
turn typed errors
into one line."""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import fields
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
    from claimtrace.judge.store import assessed
    from claimtrace.present.exports import export_readable

    started = time.perf_counter()
    corpus, assessment = assessed(args.data_dir, args.seeds_dir, _store(args))
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

    if not (math.isfinite(args.wait) and args.wait >= 0):
        raise ParameterError.one("must be a number of seconds, 0 or more", "--wait", args.wait)
    if args.jobs < 1:
        raise ParameterError.one("must be 1 or more", "--jobs", args.jobs)
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


def _add_corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default="data", help="the curated tables (default: data)")
    parser.add_argument(
        "--seeds-dir", default=None, help="the seed texts (default: seeds/ next to --data-dir)"
    )


def _add_source(args: argparse.Namespace) -> int:
    from claimtrace.corpus.register import NewSource, add_source

    given = {f.name: getattr(args, f.name) for f in fields(NewSource) if f.name != "columns"}
    new = NewSource(**given, columns=dict(args.columns))
    data_dir = Path(args.data_dir)
    seeds_dir = Path(args.seeds_dir) if args.seeds_dir else None
    registered = add_source(Path(args.file), new, data_dir, seeds_dir)
    print(f"{registered.seed_path}  (SHA-256 {registered.sha256})")
    print(f"{data_dir / 'sources.csv'}: row added for {args.source_id!r}")
    for option in registered.not_recorded:
        print(f"note: sources.csv has no column for {option}; that value was not recorded")
    print(f"\nNext: claimtrace draft {args.source_id}")
    return ExitCode.OK


def _column_value(text: str) -> tuple[str, str]:
    column, separator, value = text.partition("=")
    if not separator or not column:
        raise argparse.ArgumentTypeError(f"--column takes COLUMN=VALUE, not {text!r}")
    return column, value


WRITES_ALL_OR_NOTHING = "Exit 0 when written; 2 on bad arguments or data, and nothing is written."
SOURCE_OPTIONS = (
    ("--title", "the document's title"),
    ("--publisher", "who published it"),
    ("--author", "the byline; omit when there is none"),
    ("--published", "publication date: YYYY[-MM[-DD]]"),
    ("--published-precision", "day, month, year or unknown (default: read from --published)"),
    ("--date-basis", "how the date was established"),
    ("--relies-on", "outlets it relies on, ';'-separated"),
    ("--lineage-basis", "why: its own attribution, shared wording, …"),
    ("--url", "where the text was found (http or https)"),
    ("--name", "the short name readers see, where sources.csv has that column"),
)
"""The text options of add-source, each filling the sources.csv column of the same name."""


def _add_add_source(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "add-source",
        help="copy a new seed's text into seeds/ and append its row to data/sources.csv",
        description="Register a seed under the name NNN_<first 16 hex digits of its SHA-256>.txt "
        f"(NNN: the next serial number). {WRITES_ALL_OR_NOTHING}",
    )
    parser.add_argument("file", metavar="FILE", help="the text, UTF-8, exactly as found")
    parser.add_argument(
        "--id", dest="source_id", required=True, help="the new source_id (a slug: 'globe-mail')"
    )
    parser.add_argument(
        "--kind", required=True, help="source kind (data/README.md): news_article, wire, …"
    )
    for option, meaning in SOURCE_OPTIONS:
        parser.add_argument(option, default="", help=meaning)
    parser.add_argument(
        "--column",
        dest="columns",
        type=_column_value,
        action="append",
        default=[],
        metavar="COLUMN=VALUE",
        help="any other sources.csv column (repeatable)",
    )
    _add_corpus_options(parser)
    parser.set_defaults(run=_add_source)


def _draft(args: argparse.Namespace) -> int:
    from claimtrace.corpus.draft import draft_to_file

    path, draft = draft_to_file(
        args.source_id,
        Path(args.data_dir),
        Path(args.seeds_dir) if args.seeds_dir else None,
        Path(args.output) if args.output else None,
        force=args.force,
        every_mention=args.every_mention,
    )
    attributes = draft["attribute"].replace({"": "mention"}).value_counts()
    confidence = draft["confidence"].value_counts()
    print(f"{path}: {len(draft)} proposed claims")
    print("  " + ", ".join(f"{name} {count}" for name, count in attributes.items()))
    print("  confidence: " + ", ".join(f"{name} {count}" for name, count in confidence.items()))
    print(
        "\nReview each row (its reason says why it was proposed), then move the rows you keep, "
        "without the reason and confidence columns, into data/claims.csv and run claimtrace check."
    )
    return ExitCode.OK


def _add_draft(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "draft",
        help="propose candidate claims for a seed into a draft CSV (never into claims.csv)",
        description="Propose the dates, places, roles, participants, counts, durations and "
        "agreement names the seed states, each with its quote, event, value and the reason for "
        f"each guess. {WRITES_ALL_OR_NOTHING}",
    )
    parser.add_argument("source_id", metavar="SOURCE_ID", help="a seeded source of sources.csv")
    parser.add_argument(
        "-o", "--output", help="the draft CSV (default: drafts/SOURCE_ID.csv in --data-dir)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing draft")
    parser.add_argument(
        "--every-mention",
        action="store_true",
        help="also list each entity mention no proposal quotes (no attribute, low confidence)",
    )
    _add_corpus_options(parser)
    parser.set_defaults(run=_draft)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="claimtrace", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True)
    _add_check(subparsers)
    _add_export(subparsers)
    _add_render(subparsers)
    _add_add_source(subparsers)
    _add_draft(subparsers)
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
