"""Every bad input gets one clear answer from the real command: the documented exit code, words
that say what is wrong, no traceback, a bounded message, and the published report left byte for
byte as it was. No file outside the project is read: a secret outside it never shows, nor its
hash."""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.factories import FIXTURE_NOTEBOOK, GOOD, ROOT

pytestmark = pytest.mark.slow  # renders the report every case must leave alone

SECRET = "SECRET-LINE-42: a file outside the project\n"
MOST_LINES = 100  # a bounded answer, whatever the size of the input


@dataclass(frozen=True)
class Project:
    root: Path
    secret: Path  # a file outside the project

    def corpus(self, name: str) -> Path:
        """A fresh copy of the good corpus inside the project; its data folder."""
        shutil.copytree(GOOD, self.root / name)
        return self.root / name / "data"


Build = Callable[[Project], list[str]]


@dataclass(frozen=True)
class Case:
    name: str
    build: Build  # makes the bad input; the claimtrace arguments that meet it
    exit_code: int
    words: str


def set_cell(data_dir: Path, table: str, row: int, column: str, value: str) -> None:
    path = data_dir / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    rows[row - 1][column] = value
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def check(data_dir: Path) -> list[str]:
    return ["check", "--data-dir", str(data_dir)]


def seed_named(folder: str, name: Callable[[Project], str], *, with_hash: bool) -> Build:
    """A source whose seed_file names a file outside seeds/, with the outside file's hash."""

    def build(project: Project) -> list[str]:
        data = project.corpus(folder)
        set_cell(data, "sources", 1, "seed_file", name(project))
        if with_hash:
            digest = hashlib.sha256(project.secret.read_bytes()).hexdigest()
            set_cell(data, "sources", 1, "seed_sha256", digest)
        return check(data)

    return build


def seed_link(project: Project) -> list[str]:
    data = project.corpus("seed-link")
    seed = data.parent / "seeds" / "wire.txt"
    seed.unlink()
    seed.symlink_to(project.secret)
    return check(data)


def many_copies(project: Project) -> list[str]:
    data = project.corpus("duplicates")
    lines = (data / "claims.csv").read_text(encoding="utf-8").splitlines()
    (data / "claims.csv").write_text("\n".join([lines[0]] + [lines[1]] * 10_000) + "\n")
    return check(data)


def junk_rows(project: Project) -> list[str]:
    data = project.corpus("junk")
    header = (data / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    junk = [",".join(f"Junk {row}!" for _ in header.split(",")) for row in range(10_000)]
    (data / "claims.csv").write_text("\n".join([header, *junk]) + "\n", encoding="utf-8")
    return check(data)


def huge_cell(project: Project) -> list[str]:
    data = project.corpus("huge-cell")
    set_cell(data, "claims", 1, "note", "x" * 10_000_000)
    return check(data)


def cell(name: str, table: str, column: str, value: str) -> Build:
    def build(project: Project) -> list[str]:
        data = project.corpus(name)
        set_cell(data, table, 1, column, value)
        return check(data)

    return build


def render(*arguments: str) -> Build:
    return lambda project: ["render", *arguments]


def jobs_file(name: str, text: str) -> Build:
    def build(project: Project) -> list[str]:
        (project.root / f"{name}.yaml").write_text(text, encoding="utf-8")
        return ["render", "--config", f"{name}.yaml"]

    return build


def broken_notebook(project: Project) -> list[str]:
    (project.root / "notebooks" / "broken.ipynb").write_text("{not json", encoding="utf-8")
    return ["render", "--notebook", "notebooks/broken.ipynb"]


def lock_is_a_folder(project: Project) -> list[str]:
    (project.root / "lock-folder" / "reports" / ".lock").mkdir(parents=True)
    return ["render", "--reports-dir", str(project.root / "lock-folder" / "reports")]


def reports_under_a_file(project: Project) -> list[str]:
    (project.root / "a-file").write_text("a file, not a folder\n")
    return ["render", "--reports-dir", str(project.root / "a-file" / "reports")]


def read_only_reports(project: Project) -> list[str]:
    folder = project.root / "read-only" / "reports"
    folder.mkdir(parents=True)
    if os.geteuid() == 0:  # root writes anywhere a mode forbids; only the immutable flag holds
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot make a folder read-only as root here: {done.stderr!r}")
    else:
        folder.chmod(0o555)
    return ["render", "--reports-dir", str(folder)]


TWICE = "jobs:\n  demo:\n    notebook: notebooks/report.ipynb\n  demo:\n    notebook: x.ipynb\n"
LEVELS = "abcdefgh"
ALIAS_BOMB = (  # a few hundred bytes that expand to 9^8 items
    "[&a [" + ", ".join(["lol"] * 9) + "], "
    + ", ".join(f"&{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in itertools.pairwise(LEVELS))
    + "]"
)  # fmt: skip
FIXTURE = ("--notebook", "notebooks/report.ipynb")
CLAIMS = ("--notebook", "notebooks/01_claims.ipynb")
CASES = [
    # Files outside seeds/ are never read, and nothing about them is told.
    Case(
        "seed up the tree, its hash matching",
        seed_named("up", lambda p: "../../../../../../../.." + str(p.secret), with_hash=True),
        2,
        "directly inside seeds/",
    ),
    Case(
        "seed ../../../../../etc/passwd",
        seed_named("passwd", lambda p: "../../../../../etc/passwd", with_hash=False),
        2,
        "directly inside seeds/",
    ),
    Case(
        "seed an absolute path, its hash matching",
        seed_named("absolute", lambda p: str(p.secret), with_hash=True),
        2,
        "directly inside seeds/",
    ),
    Case("seed a link out of seeds/", seed_link, 2, "is a link"),
    Case(
        "seed name of 300 characters",
        cell("long-name", "sources", "seed_file", "s" * 300 + ".txt"),
        2,
        "at most 255 bytes",
    ),
    # Large bad input: a bounded answer, in time.
    Case("10,000 copies of a claim", many_copies, 2, "… and 9,995 more rows with the same id"),
    Case("10,000 junk claims", junk_rows, 2, "… and 9,995 more: must be a slug"),
    Case("a 10 MB cell", huge_cell, 2, "field larger than field limit"),
    # Dates that every later step can compute with.
    Case(
        "role_end 9999-12", cell("role-end", "entities", "role_end", "9999-12"), 2, "1800 to 2199"
    ),
    Case("an event dated 9999", cell("event-9999", "events", "date", "9999"), 2, "1800 to 2199"),
    # Notebooks are .ipynb files inside notebooks/.
    Case("--notebook README.md", render("--notebook", "README.md"), 2, ".ipynb file inside"),
    Case("--notebook /etc/passwd", render("--notebook", "/etc/passwd"), 2, ".ipynb file inside"),
    Case(
        "notebook: /etc/passwd in the jobs file",
        jobs_file("outside", "jobs:\n  x:\n    notebook: /etc/passwd\n"),
        2,
        ".ipynb file inside",
    ),
    Case("a notebook that is not JSON", broken_notebook, 2, "not a notebook that can be run"),
    # The reports folder: one line naming the path and the cause; nothing runs.
    Case("reports/.lock is a folder", lock_is_a_folder, 2, "cannot open the lock: Is a directory"),
    Case("--reports-dir under a file", reports_under_a_file, 2, "Not a directory"),
    Case("reports/ read-only", read_only_reports, 2, "cannot open the lock"),
    # Parameters and jobs refused before any kernel starts.
    Case(
        "a title that is not UTF-8",
        render(*FIXTURE, "-p", "title", "bad\udced\udca0\udc80title"),
        2,
        "not valid Unicode",
    ),
    Case("a 100 kB title", render(*FIXTURE, "-p", "title", "t" * 100_000), 2, "at most 10,000"),
    Case("a YAML alias bomb", render(*FIXTURE, "-p", "sources", ALIAS_BOMB), 2, "aliases"),
    Case("a job named twice", jobs_file("twice", TWICE), 2, "'demo' is given twice"),
    Case(
        'show_code: "false"',
        jobs_file(
            "code", 'jobs:\n  demo:\n    notebook: notebooks/report.ipynb\n    show_code: "false"\n'
        ),
        2,
        "must be true or false",
    ),
    Case(
        "a job name with a newline",
        jobs_file("newline", 'jobs:\n  "demo\\n":\n    notebook: notebooks/report.ipynb\n'),
        2,
        "lower-case slug",
    ),
    Case("max_claims 0", render(*CLAIMS, "-p", "max_claims", "0"), 2, "at least 1"),
    Case("max_claims -5", render(*CLAIMS, "-p", "max_claims", "-5"), 2, "at least 1"),
    Case("--wait nan", render("--wait", "nan"), 2, "--wait: must be a number of seconds"),
    Case("--workers 0", render("--workers", "0"), 2, "--workers: must be 1 or more"),
    Case("--jobs 0, its older name", render("--jobs", "0"), 2, "--workers: must be 1 or more"),
    # Text from the data that reads like markup is shown, not fetched.
    Case(
        'a label saying url(https://…) and href="https://…"',
        render(
            *FIXTURE,
            "--formats",
            "html",
            "-p",
            "label",
            'url(https://x.example/i.png) <a href="https://x.example/">x</a>',
        ),
        0,
        "ok in",
    ),
]


def claimtrace(project: Project, arguments: list[str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "claimtrace.cli", *arguments]
    return subprocess.run(
        command, cwd=project.root, capture_output=True, text=True, timeout=600, check=False
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """A project with the fixture notebook, a real notebook, the good corpus and one published
    report; and a secret file beside it, outside the project."""
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    root = tmp_path_factory.mktemp("project")
    (root / "notebooks").mkdir()
    shutil.copyfile(FIXTURE_NOTEBOOK, root / "notebooks" / "report.ipynb")
    shutil.copyfile(ROOT / "notebooks" / "01_claims.ipynb", root / "notebooks" / "01_claims.ipynb")
    shutil.copytree(GOOD / "data", root / "data")
    shutil.copytree(GOOD / "seeds", root / "seeds")
    shutil.copyfile(ROOT / "README.md", root / "README.md")
    job = {"notebook": "notebooks/report.ipynb", "parameters": {"rows": 4}, "formats": ["html"]}
    (root / "reports.yaml").write_text(json.dumps({"jobs": {"demo": job}}), encoding="utf-8")
    project = Project(root, secret)
    done = claimtrace(project, ["render"])
    assert done.returncode == 0, done.stderr
    yield project
    for folder in root.glob("read-only/reports"):
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        folder.chmod(0o755)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_input_gets_one_clear_answer(project: Project, case: Case) -> None:
    published = project.root / "reports" / "demo"
    before = snapshot(published)
    done = claimtrace(project, case.build(project))
    output = done.stdout + done.stderr
    assert done.returncode == case.exit_code, output[-2000:]
    assert case.words in output, output[-2000:]
    assert "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) <= MOST_LINES and all(len(line) <= 1_000 for line in lines), output[:2000]
    assert SECRET.strip() not in output
    assert hashlib.sha256(project.secret.read_bytes()).hexdigest() not in output
    assert snapshot(published) == before
