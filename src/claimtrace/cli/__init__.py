"""The command line: one module per command (check, export, render, curate: add-source and draft,
history: diff and history, snapshot), each registering its parser; `main` turns any typed error
into one line on stderr and its exit code (errors.ExitCode), Ctrl-C too."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from claimtrace.cli import check, curate, export, history, render, snapshot
from claimtrace.errors import ClaimtraceError, ExitCode

COMMANDS = (check, export, render, curate, history, snapshot)
"""The command modules, in the order `claimtrace --help` lists them."""
Command = Callable[[argparse.Namespace], int]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="claimtrace",
        description="Every sentence of the report traced to a source, every source graded: "
        "check | export | render | add-source | draft | diff | history | snapshot.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    args = parser.parse_args(argv)
    run: Command = args.run
    try:
        return run(args)
    except ClaimtraceError as error:
        print(error, file=sys.stderr)
        return int(error.exit_code)
    except KeyboardInterrupt:  # the context managers on the way out freed the lock and workers
        print(f"claimtrace {args.command}: interrupted", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
