"""A render with nothing to do is decided from the manifests, without papermill, pandas or
nbconvert; anything that could change a report sends it to the full check."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrace.render.jobs import Job
from claimtrace.render.options import RenderOptions
from claimtrace.render.unchanged import STORE_SEEN, common_request, folder_hashes, request_hash
from tests.factories import FIXTURE_NOTEBOOK, GOOD

HEAVY = ("pandas", "papermill", "nbconvert")
IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", re.MULTILINE)


def render(workdir: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *flags, "-m", "claimtrace.cli", "render", "--reports-dir", "reports"]
    return subprocess.run(command, cwd=workdir, capture_output=True, text=True, check=False)


def imported(done: subprocess.CompletedProcess[str]) -> set[str]:
    """The top-level packages a run under `-X importtime` imported."""
    return {name.split(".")[0] for name in IMPORTED.findall(done.stderr)}


def write_jobs(workdir: Path, rows: int) -> None:
    (workdir / "notebooks").mkdir(exist_ok=True)
    shutil.copyfile(FIXTURE_NOTEBOOK, workdir / "notebooks" / "report.ipynb")
    job = {"notebook": "notebooks/report.ipynb", "parameters": {"rows": rows}, "formats": ["html"]}
    (workdir / "reports.yaml").write_text(json.dumps({"jobs": {"demo": job}}), encoding="utf-8")


@pytest.mark.slow  # one real render first
def test_a_render_with_nothing_to_do_imports_neither_pandas_papermill_nor_nbconvert(
    tmp_path: Path,
) -> None:
    write_jobs(tmp_path, rows=4)
    first = render(tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    report = (tmp_path / "reports" / "demo" / "report.html").read_bytes()

    again = render(tmp_path, "-X", "importtime")
    assert again.returncode == 0, again.stderr[-2000:]
    assert again.stdout.count("\n") == 1  # one line, marked with its time and run
    assert re.fullmatch(r"\S+Z \[\S+\] render: demo: skipped \(up to date\)\n", again.stdout)
    assert "claimtrace" in imported(again)  # the check sees imports at all …
    assert imported(again).isdisjoint(HEAVY)  # … and none of these
    assert (tmp_path / "reports" / "demo" / "report.html").read_bytes() == report
    assert (tmp_path / "reports" / "index.html").is_file()

    # A store written since the last render (a notebook, `export`) sends it to the full check,
    # which still finds the report up to date.
    (tmp_path / "reports" / "claimtrace.duckdb").write_bytes(b"written by another program")
    checked = render(tmp_path, "-X", "importtime")
    assert checked.returncode == 0, checked.stderr[-2000:]
    assert "render: demo: skipped (up to date)" in checked.stdout
    assert "papermill" in imported(checked)

    write_jobs(tmp_path, rows=5)  # a parameter as written changed: rendered again
    changed = render(tmp_path)
    assert changed.returncode == 0 and "demo: ok in" in changed.stdout, changed.stderr
    assert "Known line: 5 rows" in (tmp_path / "reports" / "demo" / "report.html").read_text()


def test_the_request_hash_follows_every_input_read_without_checking(tmp_path: Path) -> None:
    shutil.copytree(GOOD, tmp_path / "corpus")
    data_dir = tmp_path / "corpus" / "data"
    notebook = tmp_path / "report.ipynb"
    shutil.copyfile(FIXTURE_NOTEBOOK, notebook)
    job = Job("demo", notebook, {"rows": 3})
    options = RenderOptions(reports_dir=tmp_path / "reports")
    common = common_request()

    def hashed(job: Job = job, options: RenderOptions = options) -> str:
        return request_hash(job, options, folder_hashes(data_dir), common)

    before = hashed()
    assert hashed() == before
    assert hashed(Job("demo", notebook, {"rows": 4})) != before
    assert hashed(Job("demo", notebook, {"rows": 3}, show_code=True)) != before
    assert hashed(options=RenderOptions(reports_dir=options.reports_dir, formats=("html",))) != (
        before
    )
    assert request_hash(job, options, None, common) != before
    changes = [
        data_dir / "claims.csv",
        next((data_dir.parent / "seeds").iterdir()),
        notebook,
    ]
    for path in changes:
        original = path.read_bytes()
        path.write_bytes(original + b" ")
        assert hashed() != before, path.name
        path.write_bytes(original)
        assert hashed() == before
    assert not (tmp_path / "reports" / STORE_SEEN).exists()  # hashing writes nothing
