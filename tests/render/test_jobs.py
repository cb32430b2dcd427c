"""The jobs file and ad hoc jobs: every problem named, nothing run from outside notebooks/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimtrace.errors import JobsError
from claimtrace.render.jobs import adhoc_job, load_jobs
from tests.factories import FIXTURE_NOTEBOOK

JOB = "    notebook: notebooks/report.ipynb\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "notebooks").mkdir()
    shutil.copyfile(FIXTURE_NOTEBOOK, tmp_path / "notebooks" / "report.ipynb")
    (tmp_path / "README.md").write_text("# not a notebook\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        (f"jobs:\n  demo:\n{JOB}  demo:\n{JOB}", "'demo' is given twice"),
        (
            f'jobs:\n  demo:\n{JOB}    show_code: "false"\n',
            "key 'show_code': 'false': must be true",
        ),
        (f'jobs:\n  "demo\\n":\n{JOB}', "job 'demo\\n': a job name is a lower-case slug"),
        ("jobs:\n  x:\n    notebook: /etc/passwd\n", "'/etc/passwd': a notebook must be an .ipynb"),
        ("jobs:\n  x:\n    notebook: README.md\n", "a notebook must be an .ipynb file inside"),
        ("jobs:\n  x:\n    notebook: ../outside/notebooks/a.ipynb\n", ".ipynb file inside"),
        ("jobs: &j {a: *j}\n", "aliases (*name) are not accepted"),
        ("jobs: {demo: {notebook: \udcff}}\n", "not UTF-8: byte 0xFF"),
    ],
)
def test_a_bad_jobs_file_is_refused_with_its_problem(
    project: Path, text: str, complaint: str
) -> None:
    config = project / "reports.yaml"
    config.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    with pytest.raises(JobsError) as caught:
        load_jobs(config)
    assert complaint in str(caught.value)


def test_a_good_jobs_file_names_notebooks_inside_the_project(project: Path) -> None:
    config = project / "reports.yaml"
    config.write_text(f"jobs:\n  demo:\n{JOB}    show_code: true\n", encoding="utf-8")
    [job] = load_jobs(config)
    assert (job.name, job.notebook, job.show_code) == (
        "demo",
        (project / "notebooks" / "report.ipynb").resolve(),
        True,
    )


@pytest.mark.parametrize("notebook", ["README.md", "/etc/passwd", "notebooks/missing.ipynb"])
def test_an_adhoc_notebook_must_be_inside_notebooks(project: Path, notebook: str) -> None:
    with pytest.raises(JobsError, match=r"\.ipynb file inside"):
        adhoc_job(project / notebook, {}, project)


def test_a_link_out_of_notebooks_is_refused(project: Path, tmp_path_factory) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "evil.ipynb"
    shutil.copyfile(FIXTURE_NOTEBOOK, outside)
    (project / "notebooks" / "link.ipynb").symlink_to(outside)
    with pytest.raises(JobsError, match=r"\.ipynb file inside"):
        adhoc_job(project / "notebooks" / "link.ipynb", {}, project)
