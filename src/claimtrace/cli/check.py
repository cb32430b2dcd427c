"""`claimtrace check`: validate the curated data and summarise it."""

from __future__ import annotations

import argparse
import time

from claimtrace.cli.options import Subparsers, add_command, add_corpus_options
from claimtrace.errors import ExitCode


def run(args: argparse.Namespace) -> int:
    # Imported here so `claimtrace --help` does not wait for pandas and pandera to import.
    from claimtrace.corpus.load import load_corpus, summary

    started = time.perf_counter()
    corpus = load_corpus(args.data_dir, args.seeds_dir)
    print(summary(corpus))
    print(f"\nOK: the curated data is valid ({time.perf_counter() - started:.2f} s).")
    return ExitCode.OK


def register(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "check", run, "validate data/*.csv and seeds/, then summarise")
    add_corpus_options(parser)
