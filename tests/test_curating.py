"""Curating a new article as README.md's "Curating a new article" says, on a copy of the
project: add-source, draft, keep some drafted claims, check, snapshot; then the snapshot test,
the notebooks' kept outputs (nbval) and the engine's golden tests all pass, and the frozen
corpus the golden tests read is untouched."""

from __future__ import annotations

import csv
import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import FROZEN, ROOT

pytestmark = pytest.mark.slow  # drafts, runs every notebook twice and the golden tests

ARTICLE = """Canada and Japan sign intelligence-sharing pact in Tokyo

TOKYO — Canada and Japan signed the Agreement on the Security of Information in Tokyo on \
Tuesday, July 8, 2025.

Foreign Minister Anita Anand and her Japanese counterpart Takeshi Iwaya signed the pact after \
talks that began nearly three years ago.
"""
SOURCE = "harbour-times"
KEPT = ("agreement_name", "place", "date", "signatories")
"""The drafted claims a curator keeps; each is put on the signing, the event the story reports."""


def claimtrace(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claimtrace.cli", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def copy_of_the_project(root: Path) -> Path:
    """The project with the frozen corpus as its live one: the article is new to it whatever
    the curators have added to data/ since."""
    for part in ("notebooks", "tests"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("data", "seeds"):
        shutil.copytree(FROZEN / part, root / part)
    for file in ("reports.yaml", "pyproject.toml"):
        shutil.copyfile(ROOT / file, root / file)
    return root


def keep_drafted_claims(project: Path) -> list[str]:
    """Move the kept rows of the draft into claims.csv, without its reason and confidence."""
    with open(project / "data" / "drafts" / f"{SOURCE}.csv", encoding="utf-8", newline="") as f:
        drafted = list(csv.DictReader(f))
    kept = []
    for row in drafted:
        if row["attribute"] in KEPT:
            del row["reason"], row["confidence"]
            kept.append({**row, "event_id": "isa-signed"})
    # The frozen claims.csv predates the optional columns (gloss): the curator keeps its own.
    with open(project / "data" / "claims.csv", encoding="utf-8", newline="") as claims:
        header = next(csv.reader(claims))
    with open(project / "data" / "claims.csv", "a", encoding="utf-8", newline="") as claims:
        writer = csv.DictWriter(claims, header, extrasaction="ignore", lineterminator="\n")
        writer.writerows(kept)
    return [row["claim_id"] for row in kept]


def test_a_new_article_is_curated_and_accepted_in_one_snapshot(tmp_path: Path) -> None:
    project = copy_of_the_project(tmp_path / "project")
    # The curator starts from a corpus whose snapshot is accepted: here, the frozen one's.
    baseline = claimtrace(project, "snapshot")
    assert baseline.returncode == 0, baseline.stderr
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    added = claimtrace(
        project, "add-source", str(article), "--id", SOURCE, "--kind", "news_article",
        "--name", "Harbour Times", "--publisher", "Harbour Times", "--published", "2025-07-09",
        "--title", "Canada and Japan sign intelligence-sharing pact in Tokyo",
        "--date-basis", "Dateline of the story", "--url", "https://example.org/pact",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    drafted = claimtrace(project, "draft", SOURCE)
    assert drafted.returncode == 0, drafted.stderr
    kept = keep_drafted_claims(project)
    assert len(kept) == len(KEPT)
    checked = claimtrace(project, "check")
    assert checked.returncode == 0, checked.stderr

    accepted = claimtrace(project, "snapshot")
    assert accepted.returncode == 0, accepted.stderr
    assert f"+{SOURCE}," in accepted.stdout  # the before/after view names the new source
    assert f"+{kept[0]}," in accepted.stdout
    timeline = (project / "tests" / "snapshots" / "timeline.csv").read_text(encoding="utf-8")
    (signing,) = [line for line in timeline.splitlines() if line.startswith("isa-signed,")]
    assert SOURCE in signing

    # What the data change could break: the snapshot test, nbval's kept outputs, the golden tests.
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/present/test_snapshot.py", "tests/judge/test_golden.py", "notebooks"],
        cwd=project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    same = filecmp.dircmp(FROZEN / "data", project / "tests" / "fixtures" / "corpus" / "data")
    assert not same.diff_files and not same.left_only and not same.right_only
