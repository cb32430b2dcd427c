"""`claimtrace export DIR`: the assessed tables as CSV, with their readable columns."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from claimtrace.cli.options import Subparsers, add_command, add_store_options
from claimtrace.errors import ClaimtraceError, ExitCode
from claimtrace.store.location import store_path

EXPORT_SUMMARY = "assess the curated data and write the assessed tables as CSV into DIR"


def run(args: argparse.Namespace) -> int:
    from claimtrace.present.export import export_readable
    from claimtrace.store.cache import assessed

    started = time.perf_counter()
    corpus, assessment = assessed(
        args.data_dir, args.seeds_dir, store_path(args.data_dir, args.reports_dir)
    )
    try:
        written = export_readable(corpus, assessment, Path(args.dir))
    except OSError as error:
        raise ClaimtraceError(f"cannot write the tables to {args.dir}: {error}") from error
    for path, rows in written.items():
        print(f"{path}  ({rows} rows)")
    print(f"\nOK: assessed and exported ({time.perf_counter() - started:.2f} s).")
    return ExitCode.OK


def register(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "export", run, EXPORT_SUMMARY)
    parser.add_argument("dir", metavar="DIR", help="where the CSV files go (created if needed)")
    add_store_options(parser)
    parser.add_argument(
        "--seeds-dir", default=None, help="the seed texts (default: seeds/ next to --data-dir)"
    )
