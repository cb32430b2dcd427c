"""`claimtrace diff` and `claimtrace history`: what changed between published assessments."""

from __future__ import annotations

import argparse

from claimtrace.cli.options import Subparsers, add_command, add_store_options
from claimtrace.errors import ExitCode, exit_codes_text
from claimtrace.store.location import store_path

DIFF_SUMMARY = "what changed between published assessments (or since one, in the tables now)"

DIFF_DESCRIPTION = (
    "Sources and claims added or removed, status and credibility changes, "
    "grades that moved and why, conflicts opened and closed. Without options: the last "
    "published assessment against the one before it. " + exit_codes_text()
)

HISTORY_SUMMARY = "list the published assessments, oldest first (run, date, data hash)"


def diff(args: argparse.Namespace) -> int:
    from claimtrace.errors import StoreError
    from claimtrace.judge.assess import Assessment
    from claimtrace.judge.differences import compare
    from claimtrace.judge.judged import Judged
    from claimtrace.present.changes import diff_text, run_label
    from claimtrace.store.cache import assessed
    from claimtrace.store.history import published, run_since, runs

    store = store_path(args.data_dir, args.reports_dir)
    history = runs(store)
    after: Judged | Assessment
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


def _register_diff(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "diff", diff, DIFF_SUMMARY, DIFF_DESCRIPTION)
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
    add_store_options(parser)


def history(args: argparse.Namespace) -> int:
    from claimtrace.present.changes import run_label
    from claimtrace.store.history import runs

    published = runs(store_path(args.data_dir, args.reports_dir))
    for run in published:
        print(run_label(run))
    if not published:
        print("no assessment was published yet")
    return ExitCode.OK


def _register_history(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "history", history, HISTORY_SUMMARY)
    add_store_options(parser)


def register(subparsers: Subparsers) -> None:
    _register_diff(subparsers)
    _register_history(subparsers)
