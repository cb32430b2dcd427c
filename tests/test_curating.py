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
from pypdf import PdfReader

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
    # In the columns the curated file has: a table written before a column existed (the frozen
    # corpus has no `stance` or `gloss`) keeps its header, and a left-out column reads as empty.
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


JAPANESE_ARTICLE = ROOT / "tests" / "fixtures" / "languages" / "seeds" / "nikkan-isa.txt"
JAPANESE_SOURCE = "nikkan"
JAPANESE_ALIASES = {"tokyo": "東京", "iwaya": "岩屋毅", "anand": "アナンド", "isa": "情報保護協定"}
GLOSSES = {
    "date": "the two governments on the 8th",
    "signatories": "Foreign Minister Takeshi Iwaya and Canada’s Foreign Minister Anand signed",
}
"""The curator's English for the drafted claims kept from the Japanese article."""
SIGNING = {"event_id": "isa-signed"}


def _upgrade(project: Path) -> None:
    """The frozen tables, as a curator keeps them once a source is not in English: sources with
    their language, claims with a gloss column, the Japanese names as aliases."""
    for table, new in (("sources", {"language": "en"}), ("claims", {"gloss": ""})):
        path = project / "data" / f"{table}.csv"
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, [*rows[0], *new], lineterminator="\n")
            writer.writeheader()
            writer.writerows(row | new for row in rows)
    path = project / "data" / "entities.csv"
    with open(path, encoding="utf-8", newline="") as f:
        entities = list(csv.DictReader(f))
    for entity in entities:
        if entity["entity_id"] in JAPANESE_ALIASES:
            alias = JAPANESE_ALIASES[entity["entity_id"]]
            entity["aliases"] = "; ".join(a for a in (entity["aliases"], alias) if a)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(entities[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(entities)


def test_a_japanese_article_is_curated_from_its_draft_and_printed_with_its_gloss(
    tmp_path: Path,
) -> None:
    project = copy_of_the_project(tmp_path / "project")
    _upgrade(project)
    added = claimtrace(
        project, "add-source", str(JAPANESE_ARTICLE), "--id", JAPANESE_SOURCE, "--kind",
        "news_article", "--name", "Nikkan Shimpo", "--publisher", "Nikkan Shimpo",
        "--published", "2025-07-09", "--title", "日加、情報保護協定に署名",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "language: Japanese (ja, detected from the text" in added.stdout
    drafted = claimtrace(project, "draft", JAPANESE_SOURCE)
    assert drafted.returncode == 0, drafted.stderr
    assert "read as Japanese (ja)" in drafted.stdout

    with open(project / "data" / "drafts" / f"{JAPANESE_SOURCE}.csv", encoding="utf-8") as f:
        draft = list(csv.DictReader(f))
    kept = [  # the signing's date and signatories, put on the signing
        {k: v for k, v in row.items() if k not in ("reason", "confidence")} | SIGNING
        for row in draft
        if row["attribute"] == "signatories" or row["value"] == "2025-07-08"
    ]
    assert sorted(row["attribute"] for row in kept) == sorted(GLOSSES)
    claims = project / "data" / "claims.csv"
    with open(claims, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with open(claims, "a", encoding="utf-8", newline="") as f:
        # The frozen table predates stance and time_zone: the curator keeps its own columns.
        csv.DictWriter(f, header, extrasaction="ignore", lineterminator="\n").writerows(kept)
    unglossed = claimtrace(project, "check")
    assert unglossed.returncode == 2
    assert "needs its English rendering in 'gloss'" in unglossed.stderr
    with open(claims, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["source_id"] == JAPANESE_SOURCE:
            row["gloss"] = GLOSSES[row["attribute"]]
    with open(claims, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    checked = claimtrace(project, "check")
    assert checked.returncode == 0, checked.stderr

    rendered = claimtrace(
        project, "render", "--notebook", "notebooks/01_claims.ipynb", "-p", "sources",
        f"[{JAPANESE_SOURCE}]", "--workers", "1",
    )  # fmt: skip
    assert rendered.returncode == 0, rendered.stdout + rendered.stderr
    (pdf,) = (project / "reports").glob("01-claims-*/report.pdf")
    reader = PdfReader(pdf)
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    for row in kept:
        assert "".join(row["quote"].split()) in text  # the original words, in Japanese glyphs
        assert "".join(f"In English: “{GLOSSES[row['attribute']]}”".split()) in text
    # A Type 3 font has no name: Chromium draws bold Japanese (IPAex has no bold) with one.
    fonts = {
        str(font.get_object().get("/BaseFont", "Type 3"))
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("IPAex" in font or "CJK" in font for font in fonts), fonts
