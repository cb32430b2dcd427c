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
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from claimtrace.store.cache import assessed, data_key
from claimtrace.store.history import record_publication
from claimtrace.store.location import STORE_ENV, STORE_FILE
from tests.factories import FIXTURE_NOTEBOOK, GOOD, ROOT

pytestmark = pytest.mark.slow  # renders the report every case must leave alone

SECRET = "SECRET-LINE-42: a file outside the project\n"
MOST_LINES = 100  # a bounded answer, whatever the size of the input


@dataclass(frozen=True)
class Project:
    root: Path
    secret: Path  # a file outside the project
    home: Path  # the commands' home folder: no ~/.duckdb may appear in it
    read_only: list[Path] = field(default_factory=list)  # folders made read-only, for teardown

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
    kept: str = ""  # a file or folder of the project the command must leave byte for byte
    most_seconds: float = 600.0


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


def make_read_only(project: Project, folder: Path) -> None:
    project.read_only.append(folder)
    if os.geteuid() == 0:  # root writes anywhere a mode forbids; only the immutable flag holds
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot make a folder read-only as root here: {done.stderr!r}")
    else:
        folder.chmod(0o555)


def read_only_reports(project: Project) -> list[str]:
    folder = project.root / "read-only" / "reports"
    folder.mkdir(parents=True)
    make_read_only(project, folder)
    return ["render", "--reports-dir", str(folder)]


def copied_reports(project: Project, name: str) -> Path:
    """A copy of the published reports folder, with its store."""
    copy = project.root / name / "reports"
    shutil.copytree(project.root / "reports", copy)
    return copy


def store_command(name: str, damage: Callable[[Path], None], *command: str) -> Build:
    """`command` on a copy of the reports folder whose store `damage` changed."""

    def build(project: Project) -> list[str]:
        reports = copied_reports(project, name)
        damage(reports)
        return [*command, "--reports-dir", str(reports)]

    return build


def sqlite_store(reports: Path) -> None:
    (reports / "claimtrace.duckdb").write_bytes(b"SQLite format 3\x00" + bytes(4096))


def runs_dropped(reports: Path) -> None:
    with duckdb.connect(str(reports / "claimtrace.duckdb")) as connection:
        connection.execute("DROP TABLE runs")


def store_lock_a_folder(reports: Path) -> None:
    lock = reports / ".claimtrace.duckdb.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()


def read_only_copy(name: str, *command: str) -> Build:
    def build(project: Project) -> list[str]:
        reports = copied_reports(project, name)
        make_read_only(project, reports)
        return [*command, "--reports-dir", str(reports)]

    return build


def store_lock_a_folder_in_a_render(project: Project) -> list[str]:
    reports = project.root / "store-lock-render" / "reports"
    reports.mkdir(parents=True)
    store_lock_a_folder(reports)
    return ["render", *CLAIMS, "--formats", "html", "--reports-dir", str(reports)]


def report_folder_a_file(project: Project) -> list[str]:
    reports = copied_reports(project, "report-a-file")
    shutil.rmtree(reports / "demo")
    (reports / "demo").write_text("an operator's notes, not a report\n", encoding="utf-8")
    return ["render", "--force", "--reports-dir", str(reports)]


def added(project: Project, name: str, text: str) -> Path:
    """A corpus copy with `text` registered as the source `name`; its data folder."""
    data = project.corpus(name)
    (project.root / f"{name}.txt").write_text(text, encoding="utf-8")
    arguments = ["add-source", f"{name}.txt", "--id", name, "--kind", "news_article"]
    arguments += ["--title", "T", "--publisher", "P", "--published", "2024-05-01"]
    done = claimtrace(project, [*arguments, "--name", name, "--data-dir", str(data)])
    assert done.returncode == 0, done.stderr
    return data


def draft(name: str, text: str) -> Build:
    return lambda project: ["draft", name, "--data-dir", str(added(project, name, text))]


REPEATED = (
    "Canada and Japan signed the Acquisition and Cross-Servicing Agreement in Tokyo on "
    "May 5, 2023, officials said on Monday.\n"
)


def draft_to(name: str, output: Callable[[Project], str]) -> Build:
    def build(project: Project) -> list[str]:
        data = project.corpus(name)
        return ["draft", "wire", "-o", output(project), "--force", "--data-dir", str(data)]

    return build


Prepare = Callable[[Project, Path], None]


def new_source(name: str, *options: str, prepare: Prepare | None = None) -> Build:
    """add-source of a new text into the corpus copy `name`, with `options`."""

    def build(project: Project) -> list[str]:
        data = project.corpus(name)
        if prepare is not None:
            prepare(project, data)
        (project.root / f"{name}.txt").write_text("Talks began in Tokyo.\n", encoding="utf-8")
        arguments = ["add-source", f"{name}.txt", "--id", "new-one", "--kind", "news_article"]
        arguments += ["--title", "T", "--publisher", "P", "--published", "2024-05-01"]
        return [*arguments, *options, "--data-dir", str(data)]

    return build


def read_only_folder(folder: str) -> Callable[[Project, Path], None]:
    return lambda project, data: make_read_only(project, data.parent / folder)


def a_folder(name: str, file: str) -> Build:
    """`claimtrace check` on a corpus copy whose `file` (under the copy) is a folder."""

    def build(project: Project) -> list[str]:
        data = project.corpus(name)
        path = data.parent / file
        path.unlink()
        path.mkdir()
        return check(data)

    return build


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
    # The second round: each one line and its exit code, nothing lost or written outside.
    Case("claims.csv a folder", a_folder("claims-folder", "data/claims.csv"), 2, "not a regular"),
    Case("labels.csv a folder", a_folder("labels-folder", "data/labels.csv"), 2, "not a regular"),
    Case("a seed a folder", a_folder("seed-folder", "seeds/wire.txt"), 2, "not a regular file"),
    Case(
        "history of a SQLite file",
        store_command("sqlite", sqlite_store, "history"),
        2,
        "cannot be read",
        kept="sqlite/reports/claimtrace.duckdb",
    ),
    Case(
        "history of a store without its runs table",
        store_command("no-runs", runs_dropped, "history"),
        2,
        "has its table runs missing or changed",
        kept="no-runs/reports/claimtrace.duckdb",
    ),
    Case(
        "history with the store's lock a folder",
        store_command("store-lock", store_lock_a_folder, "history"),
        2,
        "cannot open the lock: Is a directory",
    ),
    Case(
        "diff with the store's lock a folder",
        store_command("store-lock-diff", store_lock_a_folder, "diff"),
        2,
        "cannot open the lock: Is a directory",
    ),
    Case(
        "history in a read-only reports folder",
        read_only_copy("read-only-history", "history"),
        0,
        "run 1",
    ),
    Case(
        "diff in a read-only reports folder",
        read_only_copy("read-only-diff", "diff"),
        2,
        "holds one published assessment",
    ),
    Case("diff --since ²", lambda p: ["diff", "--since", "²"], 2, "neither a run number"),
    Case(
        "diff --since 5,000 digits",
        lambda p: ["diff", "--since", "9" * 5_000],
        2,
        "(5,000 characters): no such run",
    ),
    Case("history --prune 0", lambda p: ["history", "--prune", "0"], 2, "must be 1 or more"),
    Case(
        "history --prune without a store",
        lambda p: ["history", "--prune", "3", "--reports-dir", "no-store"],
        2,
        "holds no published assessment yet; nothing to prune",
    ),
    Case(
        "a render whose store lock is a folder keeps its report",
        store_lock_a_folder_in_a_render,
        0,
        "ok in",
    ),
    Case(
        "reports/demo a file",
        report_folder_a_file,
        1,
        "is not a report folder; move it away to publish here",
        kept="report-a-file/reports/demo",
    ),
    Case(
        "draft -o /dev/full --force",
        draft_to("to-device", lambda p: "/dev/full"),
        2,
        "/dev/full exists and is not a regular file; it is never replaced",
    ),
    Case(
        "draft -o a file outside the project --force",
        draft_to("to-outside", lambda p: str(p.secret)),
        2,
        "exists outside the project; name a new file",
    ),
    Case(
        "draft with a year outside 1800-2199",
        draft("old-ties", "Canada and Japan relations date back to 1603, officials said.\n"),
        0,
        "1 proposed claims",  # its value left empty, with a note saying why
    ),
    Case(
        "draft of one sentence 100 times",
        draft("repeated", REPEATED * 100),
        0,
        "proposed claims",
        most_seconds=90,  # 286 s before the quote search was bounded
    ),
    Case(
        "draft of a 10,000-character source id",
        lambda p: ["draft", "s" * 10_000, "--data-dir", str(p.corpus("long-id"))],
        2,
        "(10,000 characters) in sources.csv",
    ),
    Case(
        "add-source with a lone surrogate in --title",
        new_source("surrogate", "--name", "New", "--title", "bad \udcff title"),
        2,
        "--title: is not valid Unicode",
        kept="surrogate",
    ),
    Case(
        "add-source with another source's reader name",
        new_source("same-name", "--name", "Canadian Press"),
        2,
        "'Canadian Press' is already the name readers see for 'wire'",
        kept="same-name",
    ),
    Case(
        "add-source into a read-only seeds/",
        new_source("ro-seeds", "--name", "New", prepare=read_only_folder("seeds")),
        2,
        "cannot write",
        kept="ro-seeds",
    ),
    Case(
        "add-source into a read-only data/",
        new_source("ro-data", "--name", "New", prepare=read_only_folder("data")),
        2,
        "cannot write",
        kept="ro-data",
    ),
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
        command,
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={name: value for name, value in os.environ.items() if name != STORE_ENV}
        | {"HOME": str(project.home)},
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def contents(path: Path) -> dict[str, bytes | str]:
    """Every file under `path` (or `path` itself) by its place, with its bytes."""
    if not path.is_dir():
        return {"": path.read_bytes() if stat.S_ISREG(path.lstat().st_mode) else "not a file"}
    found = (item for item in sorted(path.rglob("*")) if item.is_file())
    return {str(item.relative_to(path)): item.read_bytes() for item in found}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """A project with the fixture notebook, a real notebook, the good corpus and one published
    report; and a secret file beside it, outside the project."""
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    root = tmp_path_factory.mktemp("project")
    home = tmp_path_factory.mktemp("home")
    (root / "notebooks").mkdir()
    shutil.copyfile(FIXTURE_NOTEBOOK, root / "notebooks" / "report.ipynb")
    shutil.copyfile(ROOT / "notebooks" / "01_claims.ipynb", root / "notebooks" / "01_claims.ipynb")
    shutil.copytree(GOOD / "data", root / "data")
    shutil.copytree(GOOD / "seeds", root / "seeds")
    shutil.copyfile(ROOT / "README.md", root / "README.md")
    job = {"notebook": "notebooks/report.ipynb", "parameters": {"rows": 4}, "formats": ["html"]}
    (root / "reports.yaml").write_text(json.dumps({"jobs": {"demo": job}}), encoding="utf-8")
    project = Project(root, secret, home)
    done = claimtrace(project, ["render"])
    assert done.returncode == 0, done.stderr
    store = root / "reports" / STORE_FILE
    assessed(root / "data", store=store)  # a history of one publication, as a render leaves it
    record_publication(store, data_key(root / "data"))
    yield project
    for folder in project.read_only:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        folder.chmod(0o755)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_input_gets_one_clear_answer(project: Project, case: Case) -> None:
    published = project.root / "reports" / "demo"
    before = snapshot(published)
    arguments = case.build(project)
    kept = contents(project.root / case.kept) if case.kept else None
    started = time.monotonic()
    done = claimtrace(project, arguments)
    took = time.monotonic() - started
    output = done.stdout + done.stderr
    assert done.returncode == case.exit_code, output[-2000:]
    assert case.words in output, output[-2000:]
    assert "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) <= MOST_LINES and all(len(line) <= 1_000 for line in lines), output[:2000]
    assert SECRET.strip() not in output
    assert hashlib.sha256(project.secret.read_bytes()).hexdigest() not in output
    assert snapshot(published) == before
    assert took < case.most_seconds
    if kept is not None:
        assert contents(project.root / case.kept) == kept
    assert project.secret.read_text(encoding="utf-8") == SECRET
    assert not (project.home / ".duckdb").exists()  # no extension fetched or installed
    assert not list(project.root.glob("*/seeds/.*.txt.*"))  # no half-written seed
