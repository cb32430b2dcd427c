"""Options several commands share."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Subparsers = argparse._SubParsersAction
"""What a command module's `register` adds its parser to."""


def add_command(
    subparsers: Subparsers,
    name: str,
    run: Callable[[argparse.Namespace], int],
    summary: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """The parser of command `name`, which `run` carries out; `summary` is its line in
    `claimtrace --help`, `description` the text of its own --help."""
    parser = subparsers.add_parser(name, help=summary, description=description or summary)
    parser.set_defaults(run=run)
    return parser


def add_corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default="data", help="the curated tables (default: data)")
    parser.add_argument(
        "--seeds-dir", default=None, help="the seed texts (default: seeds/ next to --data-dir)"
    )


def add_store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default="data", help="the curated tables (default: data)")
    parser.add_argument(
        "--reports-dir",
        default=None,
        help="where the reports and their store are (default: reports/ beside --data-dir)",
    )
