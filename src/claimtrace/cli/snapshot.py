"""`claimtrace snapshot` (`make snapshot`): accept what the live corpus now judges.

Writes the snapshot files (present/snapshot.py), refreshes the notebooks' kept outputs
(render/kept_outputs.py), then prints the change it accepted: `git diff --stat` of both, where
the project is a git checkout, and the snapshot files' diff. That diff is the curator's
before/after view of an article; committing it is accepting it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from claimtrace.cli.options import Subparsers, add_command, add_corpus_options
from claimtrace.errors import ClaimtraceError, ExitCode

SNAPSHOT_SUMMARY = "write what the live corpus judges to tests/snapshots/ and refresh the "
SNAPSHOT_SUMMARY += "notebooks' kept outputs, then show the diff accepted"


def run(args: argparse.Namespace) -> int:
    # Imported here so `claimtrace --help` does not wait for pandas and the judging stage.
    from claimtrace.corpus.files import write_atomically
    from claimtrace.corpus.load import load_corpus
    from claimtrace.judge.assess import assess
    from claimtrace.present.snapshot import read_snapshot, snapshot_diff, snapshot_texts
    from claimtrace.render.kept_outputs import refresh_kept_outputs

    folder, notebooks = Path(args.snapshots_dir), Path(args.notebooks_dir)
    after = snapshot_texts(assess(load_corpus(args.data_dir, args.seeds_dir)))
    before = read_snapshot(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in after.items():
            if before.get(name) != text:
                write_atomically(folder / name, text.encode("utf-8"))
    except OSError as error:
        raise ClaimtraceError(f"cannot write the snapshot to {folder}: {error}") from error
    refreshed = []
    if not args.no_notebooks:
        for notebook in sorted(notebooks.glob("*.ipynb")):
            print(f"running {notebook} …", flush=True)
            if refresh_kept_outputs(notebook):
                refreshed.append(notebook.name)
    print(_git_stat(folder, notebooks), end="")
    diff = snapshot_diff(before, after, str(folder))
    print(diff or f"{folder}: no change to the snapshot.")
    if not args.no_notebooks:
        print(f"notebooks with new kept outputs: {', '.join(refreshed) or 'none'}")
    print("Accepted: commit the snapshot and the notebooks with the data change.")
    return ExitCode.OK


def _git_stat(*paths: Path) -> str:
    """`git diff --stat` of `paths`, or "" outside a git checkout (or without git)."""
    git = shutil.which("git")
    if git is None:
        return ""
    done = subprocess.run(
        [git, "diff", "--stat", "--", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout if done.returncode == 0 else ""


def register(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "snapshot", run, SNAPSHOT_SUMMARY)
    add_corpus_options(parser)
    parser.add_argument(
        "--snapshots-dir",
        default="tests/snapshots",
        help="where the snapshot files are (default: tests/snapshots)",
    )
    parser.add_argument(
        "--notebooks-dir",
        default="notebooks",
        help="the notebooks whose kept outputs are refreshed (default: notebooks)",
    )
    parser.add_argument("--no-notebooks", action="store_true", help="write the snapshot files only")
