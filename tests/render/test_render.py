"""`claimtrace render` end to end: real papermill runs of a fixture notebook, files read back."""

from __future__ import annotations

import fcntl
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from claimtrace.render.chromium import CHROMIUM
from claimtrace.render.convert import network_references, without_web_links
from claimtrace.render.jobs import adhoc_job
from claimtrace.render.manifest import file_sha256
from tests.factories import FIXTURE_NOTEBOOK, FIXTURES

pytestmark = pytest.mark.slow  # real papermill renders

FIXTURE = FIXTURE_NOTEBOOK
NOTEBOOK = "notebooks/report.ipynb"
"""The fixture notebook as a project holds it: inside notebooks/ beside the jobs file."""
FILES = ("executed.ipynb", "report.html", "report.pdf", "manifest.json")
WEB_ATTRIBUTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*https?://""", re.IGNORECASE)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimtrace.cli", "render", "--reports-dir", "reports", *args]


def render(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), cwd=workdir, capture_output=True, text=True, check=False)


def write_jobs(workdir: Path, **parameters: object) -> None:
    (workdir / "notebooks").mkdir(exist_ok=True)
    shutil.copyfile(FIXTURE, workdir / NOTEBOOK)
    job = {"notebook": NOTEBOOK, "parameters": {"rows": 12, **parameters}}
    (workdir / "reports.yaml").write_text(json.dumps({"jobs": {"demo": job}}), encoding="utf-8")


def snapshot(job_dir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(job_dir.iterdir())}


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real render of the fixture, shared by every test that only reads it."""
    workdir = tmp_path_factory.mktemp("render")
    write_jobs(workdir)
    done = render(workdir)
    assert done.returncode == 0, done.stderr
    assert "demo: start" in done.stdout and "demo: ok in" in done.stdout
    assert "fixture kernel stderr" not in done.stderr  # the kernel logs to its own file
    return workdir


@pytest.fixture(scope="module")
def report_html(workdir: Path) -> str:
    return (workdir / "reports" / "demo" / "report.html").read_text(encoding="utf-8")


def test_a_job_publishes_notebook_html_pdf_and_manifest(workdir: Path) -> None:
    job_dir = workdir / "reports" / "demo"
    assert sorted(p.name for p in job_dir.iterdir()) == sorted(FILES)
    manifest = json.loads((job_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok"
    assert manifest["parameters"] == {"rows": 12}
    assert manifest["notebook_sha256"] == file_sha256(FIXTURE)
    assert set(manifest["versions"]) >= {"papermill", "nbconvert", "weasyprint", "pandas"}
    assert manifest["duration_s"] > 0
    executed = nbformat.read(job_dir / "executed.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters == {"rows": 12}
    assert not list((workdir / "reports").glob(".demo.*"))  # no staging left behind


def test_html_makes_no_network_reference(workdir: Path, report_html: str) -> None:
    index = (workdir / "reports" / "index.html").read_text(encoding="utf-8")
    for document in (report_html, index):
        assert not WEB_ATTRIBUTE.search(document)
        assert "<link" not in document
    assert 'href="demo/report.pdf"' in index


def test_html_escapes_markup_from_the_data(report_html: str) -> None:
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report_html
    assert "<script>alert(1)</script>" not in report_html


def test_html_opens_on_its_title_and_closes_on_how_it_was_made(report_html: str) -> None:
    assert "<title>Fixture report</title>" in report_html
    assert "none (the notebook reads no corpus)" in report_html
    assert '<tr class="ct-given"><td><code>rows</code></td><td><code>12</code></td>' in report_html
    assert '<nav class="ct-toc">' in report_html and 'href="#Chart"' in report_html
    assert 'href="#About-this-report"' in report_html
    assert "Known line: 12 rows" in report_html  # outputs are shown …
    assert "frame.to_string(index=False)" not in report_html  # … code is not
    # The run block (parameters, hashes, versions) is the closing appendix, after the outputs.
    appendix = report_html.index('<section class="ct-about">')
    assert report_html.index("Known line") < appendix < report_html.index("<code>rows</code>")
    assert "<td><code>inflect</code></td>" in report_html


def test_pdf_holds_title_output_and_japanese_text(workdir: Path) -> None:
    reader = PdfReader(workdir / "reports" / "demo" / "report.pdf")
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    assert "Fixturereport" in text
    assert "Knownline:12rows,ratio0.5" in text
    assert "日本とカナダの防衛協力" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("IPAex" in font for font in fonts)


def test_chromium_prints_by_default_where_it_is_installed(workdir: Path) -> None:
    producer = PdfReader(workdir / "reports" / "demo" / "report.pdf").metadata.producer
    assert producer.startswith("Skia/PDF") == CHROMIUM.exists(), producer


def test_weasyprint_prints_when_asked(tmp_path: Path) -> None:
    write_jobs(tmp_path)
    done = render(tmp_path, "--pdf-engine", "weasyprint")
    assert done.returncode == 0, done.stderr
    reader = PdfReader(tmp_path / "reports" / "demo" / "report.pdf")
    assert reader.metadata.producer.startswith("WeasyPrint")
    assert "日本とカナダの防衛協力" in squeeze(reader.pages[0].extract_text())


def test_an_unchanged_job_is_skipped(workdir: Path) -> None:
    before = snapshot(workdir / "reports" / "demo")
    done = render(workdir)
    assert done.returncode == 0, done.stderr
    assert "demo: skipped (up to date)" in done.stdout
    assert "start" not in done.stdout
    assert snapshot(workdir / "reports" / "demo") == before


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["--config", "bad-name.yaml"], "rowz: unknown parameter"),
        (["--config", "bad-type.yaml"], "rows: expected int, got str 'many'"),
        (["--notebook", NOTEBOOK, "-p", "ratio", "high"], "ratio: expected float"),
    ],
)
def test_bad_parameters_fail_before_execution(
    workdir: Path, arguments: list[str], complaint: str
) -> None:
    for name, parameters in (("bad-name", {"rowz": 3}), ("bad-type", {"rows": "many"})):
        jobs = {"jobs": {"demo": {"notebook": NOTEBOOK, "parameters": parameters}}}
        (workdir / f"{name}.yaml").write_text(json.dumps(jobs), encoding="utf-8")
    before = snapshot(workdir / "reports" / "demo")
    done = render(workdir, *arguments)
    assert done.returncode == 2
    assert complaint in done.stderr
    assert "rows: int = 3  (rows in the table)" in done.stderr  # the valid names are listed
    assert "start" not in done.stdout
    assert snapshot(workdir / "reports" / "demo") == before


def test_a_failing_cell_keeps_the_previous_report_and_the_failed_notebook(workdir: Path) -> None:
    reports = workdir / "reports"
    before = snapshot(reports / "demo")
    write_jobs(workdir, fail=True)
    try:
        done = render(workdir)
    finally:
        write_jobs(workdir)
    assert done.returncode == 1
    named = "cell 6 of report.ipynb (id 'maybe-fail'"
    assert named in done.stdout and "ValueError: fixture failure requested" in done.stdout
    assert snapshot(reports / "demo") == before
    failed = nbformat.read(reports / "demo.failed.ipynb", as_version=4)
    errors = [o for c in failed.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ValueError"]
    assert named in json.loads((reports / "demo.failed.json").read_text())["error"]
    assert "fixture kernel stderr" not in done.stderr
    assert "fixture kernel stderr" in (reports / "demo.failed.log").read_text(encoding="utf-8")
    assert "failed" in (reports / "index.html").read_text(encoding="utf-8")


def test_concurrent_runs_wait_or_exit_3(workdir: Path) -> None:
    reports = workdir / "reports"
    first = subprocess.Popen(
        # --wait: the probe below takes the lock for an instant while looking for the holder.
        command("--force", "--wait", "60"),
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with open(reports / ".lock", "a") as lock:
        while first.poll() is None:  # until the first run holds the lock
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(lock, fcntl.LOCK_UN)
                time.sleep(0.05)
            except BlockingIOError:
                break
        second = render(workdir)
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 3
    assert "another render is running" in second.stderr
    assert "start" not in second.stdout
    assert json.loads((reports / "demo" / "manifest.json").read_text())["status"] == "ok"
    assert not (reports / "demo.failed.ipynb").exists()  # a success clears the last failure


def test_a_waiting_run_proceeds_once_the_lock_is_free(workdir: Path) -> None:
    with open(workdir / "reports" / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiting = subprocess.Popen(
            command("--wait", "120"),
            cwd=workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)
        assert waiting.poll() is None  # still waiting for the lock
        fcntl.flock(lock, fcntl.LOCK_UN)
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "demo: skipped (up to date)" in out


def test_adhoc_jobs_are_named_after_notebook_and_parameters() -> None:
    one = adhoc_job(FIXTURE, {"rows": 2}, FIXTURES)
    assert re.fullmatch(r"report-[0-9a-f]{8}", one.name)
    assert adhoc_job(FIXTURE, {"rows": 2}, FIXTURES).name == one.name
    assert adhoc_job(FIXTURE, {"rows": 3}, FIXTURES).name != one.name


def test_web_links_lose_their_target_and_fetches_are_found() -> None:
    linked = '<a href=https://itables.org/ title="x">help</a> <a href="#Chart">Chart</a>'
    assert without_web_links(linked) == '<a title="x">help</a> <a href="#Chart">Chart</a>'
    fetching = (
        '<script src="https://cdn.example/x.js"></script>'
        "<style>@import 'https://fonts.example/a.css'; b { background: url(//x.example/i.png) }"
        "</style><script type=module>import { f } from 'https://unpkg.com/m.js';</script>"
    )
    assert len(network_references(fetching)) == 4
    assert network_references('<svg xmlns="http://www.w3.org/2000/svg"></svg>') == []


def test_jobs_carry_their_own_formats(tmp_path: Path) -> None:
    from claimtrace.errors import JobsError
    from claimtrace.render.jobs import load_jobs

    write_jobs(tmp_path)
    jobs = {
        "screen": {"notebook": NOTEBOOK, "formats": ["html"]},
        "print": {"notebook": NOTEBOOK},
    }
    config = tmp_path / "reports.yaml"
    config.write_text(json.dumps({"jobs": jobs}), encoding="utf-8")
    assert {job.name: job.formats for job in load_jobs(config)} == {
        "screen": ("html",),
        "print": ("html", "pdf"),
    }
    jobs["screen"]["formats"] = ["docx"]
    config.write_text(json.dumps({"jobs": jobs}), encoding="utf-8")
    with pytest.raises(JobsError, match=r"job 'screen', key 'formats': \['docx'\]") as caught:
        load_jobs(config)
    assert [(p.job, p.key) for p in caught.value.problems] == [("screen", "formats")]
