"""`claimtrace diff` and `claimtrace history`: what changed between published assessments."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrace.cli.options import Subparsers, add_command, add_store_options
from claimtrace.errors import SHOWN_CHARACTERS, ExitCode, exit_codes_text
from claimtrace.store.location import store_path

if TYPE_CHECKING:
    from claimtrace.judge.assess import Assessment
    from claimtrace.judge.judged import Judged

DIFF_SUMMARY = "what changed between published assessments (or since one, in the tables now)"

DIFF_DESCRIPTION = (
    "Sources and claims added or removed, status and credibility changes, "
    "grades that moved and why, conflicts opened and closed, text edited (notes, quotes, "
    "titles) whether or not a judgement moved. Without options: the last "
    "published assessment against the one before it. " + exit_codes_text()
)

HISTORY_SUMMARY = (
    "list the published assessments and the failed renders, oldest first (run, date, data hash)"
)


def diff(args: argparse.Namespace) -> int:
    from claimtrace.errors import StoreError
    from claimtrace.judge.differences import compare
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
    earlier = published(store, before)
    print(diff_text(compare(earlier, after), run_label(before), after_label))
    for line in _text_edits(earlier, after):
        print(line)
    return ExitCode.OK


EDITS_SHOWN = 10


def _text_edits(before: Judged | Assessment, after: Judged | Assessment) -> list[str]:
    """The rows kept from `before` to `after` whose curated cells changed (a note, a quote, a
    title: a column of the table a curator writes), each with the columns that changed, whether
    or not a judgement moved with them."""
    from claimtrace.corpus.rules import Context
    from claimtrace.corpus.schemas import claims_schema, events_schema, sources_schema

    curated = {
        ("claims", "claim_id"): claims_schema(Context()).columns,
        ("sources", "source_id"): sources_schema(Context()).columns,
        ("timeline", "event_id"): events_schema(Context()).columns,
    }
    edited = []
    for (part, key), written in curated.items():
        old, new = getattr(before, part), getattr(after, part)
        columns = [c for c in written if c in new.columns and c in old.columns and c != key]
        pairs = new[[key, *columns]].merge(old[[key, *columns]], on=key, suffixes=("", "_was"))
        for row in pairs.to_dict("records"):
            changed = [c for c in columns if str(row[c]) != str(row[f"{c}_was"])]
            if changed:
                edited.append(f"  {part} {row[key]}: {', '.join(changed)}")
    if not edited:
        return []
    more = len(edited) - EDITS_SHOWN
    tail = [f"  … and {more} more"] if more > 0 else []
    return [f"text edited, in {len(edited)} row(s):", *edited[:EDITS_SHOWN], *tail]


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
    from claimtrace.render.runlog import logged_runs
    from claimtrace.store.history import runs

    store = store_path(args.data_dir, args.reports_dir)
    if args.prune is not None:
        return _prune(store, args.prune)
    published = runs(store)
    failed = [run for run in logged_runs(store.parent) if run.get("exit_code") in FAILED]
    lines = [(run.published_at.replace(tzinfo=dt.UTC), run_label(run)) for run in published]
    lines += [(_started(run), _failed_label(run)) for run in failed]
    for _, line in sorted(lines, key=lambda timed: timed[0]):
        print(line)
    if not published:
        print("no assessment was published yet")
    return ExitCode.OK


FAILED = (ExitCode.REPORT_FAILED, ExitCode.BAD_INPUT, ExitCode.INTERRUPTED)
"""The exit codes of a render that `history` lists as failed (a render that found the lock held
did not run)."""


def _started(run: dict[str, object]) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(run["start"]).replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def _failed_label(run: dict[str, object]) -> str:
    """'failed render, 2026-05-01 05:15 UTC (exit 1): briefing: a cell raised …'."""
    jobs = run.get("jobs")
    causes = [
        f"{job.get('job')}: {job.get('cause')}"
        for job in (jobs if isinstance(jobs, list) else [])
        if isinstance(job, dict) and job.get("status") == "failed"
    ]
    cause = "; ".join(causes) or str(run.get("cause") or "")
    line = f"failed render, {_started(run):%Y-%m-%d %H:%M} UTC (exit {run.get('exit_code')})"
    return f"{line}: {cause}"[: SHOWN_CHARACTERS * 4] if cause else line


def _prune(store: Path, keep: int) -> int:
    from claimtrace.errors import ParameterError, StoreError
    from claimtrace.store.history import prune

    if keep < 1:
        raise ParameterError.one("must be 1 or more", "--prune", keep)
    if not store.is_file():
        raise StoreError(str(store), "holds no published assessment yet; nothing to prune")
    before = store.stat().st_size
    removed = prune(store, keep)
    after = store.stat().st_size
    print(
        f"removed {removed} publication(s), kept the newest {keep}; "
        f"the store went from {before / 1e6:.1f} to {after / 1e6:.1f} MB"
    )
    return ExitCode.OK


def _register_history(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "history", history, HISTORY_SUMMARY)
    parser.add_argument(
        "--prune",
        type=int,
        metavar="KEEP",
        help="remove all but the newest KEEP publications (and what only they said)",
    )
    add_store_options(parser)


def register(subparsers: Subparsers) -> None:
    _register_diff(subparsers)
    _register_history(subparsers)
