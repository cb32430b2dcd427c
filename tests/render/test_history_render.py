"""What changed since the last report, end to end on a copy of the project: render, add a
source and its claims, render again; then `claimtrace diff` and the new briefing name what the
source brought. A failed render leaves the history as it was, a damaged store is rebuilt, and
two renders racing keep the history whole."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from claimtrace.cli import main
from claimtrace.store.database import UNREADABLE_SUFFIX
from claimtrace.store.history import runs
from claimtrace.store.location import STORE_ENV, STORE_FILE
from tests.factories import FROZEN, ROOT, ids_used_as_names

pytestmark = pytest.mark.slow  # real renders of the real notebooks

JOBS = """
jobs:
  briefing: {notebook: notebooks/00_briefing.ipynb, formats: [html]}
  claims: {notebook: notebooks/01_claims.ipynb, formats: [html]}
"""
STORY = (
    "TOKYO (Test Wire) — Canada and Japan signed their information security agreement in Tokyo "
    "on July 9, 2025, officials said.\n"
)
CLAIMS = [
    'testwire-01,testwire,"in Tokyo on July 9, 2025",isa-signed,,date,2025-07-09,reported_fact,,',
    "testwire-02,testwire,signed their information security agreement in Tokyo,isa-signed,,"
    "place,tokyo,reported_fact,,",
]


def claimtrace(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command as a scheduler runs it in the project's folder (no store named for it)."""
    environment = {name: value for name, value in os.environ.items() if name != STORE_ENV}
    return subprocess.run(
        [sys.executable, "-m", "claimtrace.cli", *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def text_of(report: Path) -> str:
    """A report's HTML as the words a reader sees."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", report.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def add_the_test_wire(project: Path) -> None:
    """A new source, as a curator adds one: `claimtrace add-source` for its seed and its row in
    sources.csv, then its claims."""
    story = project / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    options = {
        "--id": "testwire",
        "--name": "Test Wire",
        "--kind": "wire",
        "--title": "Canada and Japan sign security pact",
        "--publisher": "Test Wire",
        "--author": "A. Reporter",
        "--published": "2025-07-10",
        "--date-basis": "Dateline in the text",
        "--lineage-basis": "No attribution in the text",
        "--url": "https://example.org/testwire",
    }
    added = main(
        ["add-source", str(story), "--data-dir", str(project / "data")]
        + [part for option in options.items() for part in option]
    )
    assert added == 0
    with open(project / "data" / "claims.csv", "a", encoding="utf-8") as claims:
        claims.write("\n".join(CLAIMS) + "\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project, rendered, given a new source, and rendered again."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    for part in ("data", "seeds"):
        shutil.copytree(FROZEN / part, root / part)
    (root / "reports.yaml").write_text(JOBS, encoding="utf-8")
    first = claimtrace(root, "render")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "render: history: recorded as run 1 in " in first.stdout
    assert "This is the first report" in text_of(root / "reports" / "briefing" / "report.html")
    assert "This is the first report" in text_of(root / "reports" / "claims" / "report.html")
    add_the_test_wire(root)
    second = claimtrace(root, "render")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "render: history: recorded as run 2 in " in second.stdout
    return root


def test_diff_names_the_new_source_its_claims_and_the_disagreement_it_opened(
    project: Path,
) -> None:
    done = claimtrace(project, "diff")
    assert done.returncode == 0, done.stderr
    assert "sources added (1):\n  testwire: “Canada and Japan sign security pact”, graded " in (
        done.stdout
    )
    assert "claims added (2):\n  testwire-01 (contradicted" in done.stdout
    assert "  testwire-02 (confirmed" in done.stdout
    assert "conflicts opened (1):\n  isa-signed-date (against_record): sources rips; " in (
        done.stdout
    )


def test_the_new_briefing_says_what_changed_and_the_other_reports_point_to_it(
    project: Path,
) -> None:
    briefing = text_of(project / "reports" / "briefing" / "report.html")
    start = briefing.index("What changed since the last report (")
    # The reference list, which ends the report, gives the sources' addresses as written.
    section = briefing[start : briefing.index("The official record's rows (cited as")]
    assert "This is the first report" not in briefing
    assert (
        "A new source, Test Wire (“Canada and Japan sign security pact”, 10 July 2025), is graded "
        in section
    )
    assert "Two new claims from Test Wire: [testwire-01] and [testwire-02]." in section
    assert (
        "A new disagreement on the date of “Agreement on the Security of Information signed”, "
        "involving RIPS newsletter, Test Wire and the official record." in section
    )
    sources = pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False)
    assert not ids_used_as_names(section, sources), section
    claims = text_of(project / "reports" / "claims" / "report.html")
    assert "one new source, two new claims, one disagreement opened" in claims


def copy_of(project: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".lock"))
    return copy


def test_a_failed_render_leaves_the_history_as_it_was(project: Path, tmp_path: Path) -> None:
    copy = copy_of(project, tmp_path)
    notebook = (copy / "notebooks" / "01_claims.ipynb").read_text(encoding="utf-8")
    broken = notebook.replace('"report.changes_line()"', '"raise RuntimeError(\\"broken\\")"')
    (copy / "notebooks" / "99_broken.ipynb").write_text(broken, encoding="utf-8")
    (copy / "reports.yaml").write_text(
        JOBS + "  broken: {notebook: notebooks/99_broken.ipynb, formats: [html]}\n",
        encoding="utf-8",
    )
    before = runs(copy / "reports" / STORE_FILE)
    done = claimtrace(copy, "render", "--force")
    assert done.returncode == 1
    assert "broken: failed" in done.stdout and "briefing: ok" in done.stdout
    assert "history:" not in done.stdout
    assert runs(copy / "reports" / STORE_FILE) == before
    listed = claimtrace(copy, "history").stdout.splitlines()
    assert len(listed) == len(before) + 1  # each publication, and the failed render
    assert listed[-1].startswith("failed render, ") and "(exit 1): broken: " in listed[-1]


def test_a_forced_render_of_unchanged_data_records_no_publication(
    project: Path, tmp_path: Path
) -> None:
    copy = copy_of(project, tmp_path)
    before = runs(copy / "reports" / STORE_FILE)
    done = claimtrace(copy, "render", "--force", "--job", "briefing")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"history: unchanged since run {before[-1].run_id} (same data and code)" in done.stdout
    assert runs(copy / "reports" / STORE_FILE) == before


def test_a_damaged_store_is_said_in_one_line_rebuilt_and_the_reports_go_on(
    project: Path, tmp_path: Path
) -> None:
    copy = copy_of(project, tmp_path)
    store = copy / "reports" / STORE_FILE
    store.write_bytes(b"this is no database\n" * 100)
    done = claimtrace(copy, "render", "--force", "--job", "briefing")
    assert done.returncode == 0, done.stdout + done.stderr
    complaints = [line for line in done.stderr.splitlines() if "moved aside" in line]
    assert len(complaints) == 1
    assert complaints[0].startswith(f"claimtrace: {store.resolve()}: cannot be read (")
    assert store.with_name(STORE_FILE + UNREADABLE_SUFFIX + "-1").is_file()
    assert [run.run_id for run in runs(store)] == [1]
    assert "This is the first report" in text_of(copy / "reports" / "briefing" / "report.html")


def test_two_renders_racing_keep_the_history_whole(project: Path, tmp_path: Path) -> None:
    copy = copy_of(project, tmp_path)
    # A curator's edit, so there is something new to publish: a render of unchanged data
    # records nothing, --force or not.
    claims = copy / "data" / "claims.csv"
    edited = claims.read_text(encoding="utf-8").replace("The text never names", "It never names")
    claims.write_text(edited, encoding="utf-8")
    environment = {name: value for name, value in os.environ.items() if name != STORE_ENV}
    command = [sys.executable, "-m", "claimtrace.cli", "render", "--force", "--wait", "600"]
    racing = [
        subprocess.Popen(
            [*command, "--job", job],
            cwd=copy,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for job in ("briefing", "claims")
    ]
    outputs = [render.communicate(timeout=600) for render in racing]
    assert [render.returncode for render in racing] == [0, 0], outputs
    # One of the two publishes the edit; the other finds it published and records nothing.
    assert [run.run_id for run in runs(copy / "reports" / STORE_FILE)] == [1, 2, 3]
    history = claimtrace(copy, "history")
    assert history.returncode == 0 and len(history.stdout.splitlines()) == 3
