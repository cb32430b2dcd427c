"""Report jobs: a notebook, the parameters to run it with, and how to show it.

`reports.yaml` lists the jobs of a scheduled run; `claimtrace render --notebook N -p K V`
makes one ad hoc job named after the notebook and a short hash of its parameters. A job's
notebook is an `.ipynb` file inside the project's `notebooks/` folder (the one beside the jobs
file): a render runs nothing from anywhere else.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimtrace.errors import JobProblem, JobsError, brief
from claimtrace.render.strict_yaml import load_yaml

_JOB_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_JOB_KEYS = {"notebook", "parameters", "show_code", "formats"}
FORMATS = ("html", "pdf")
NOTEBOOKS = "notebooks"
"""The folder, beside the jobs file, that every job's notebook must be in."""
MAX_JOBS_FILE_BYTES = 1_000_000
"""A jobs file is a few lines; anything larger is refused before it is parsed."""


@dataclass(frozen=True)
class Job:
    """One report: `notebook` run with `parameters`, published under reports/<name>/."""

    name: str
    notebook: Path
    parameters: Mapping[str, object] = field(default_factory=dict)
    show_code: bool = False
    formats: tuple[str, ...] = FORMATS


def notebook_problem(notebook: Path, project: Path) -> str | None:
    """Why `notebook` may not be run, or None: it must be an existing `.ipynb` file inside
    `project`/notebooks/ once every link is resolved."""
    folder = (project / NOTEBOOKS).resolve()
    try:
        resolved = notebook.resolve()
        inside = resolved.is_relative_to(folder) and resolved.is_file()
    except (OSError, ValueError):
        inside = False
    if notebook.suffix != ".ipynb" or not inside:
        return f"{brief(str(notebook))}: a notebook must be an .ipynb file inside {folder}"
    return None


def load_jobs(config: Path) -> list[Job]:
    """The jobs of a reports.yaml; notebook paths are relative to the file. All problems at once."""
    file = str(config)

    def refused(rule: str) -> JobsError:
        return JobsError([JobProblem(file, rule, None, None)])

    try:
        with open(config, "rb") as handle:
            data = handle.read(MAX_JOBS_FILE_BYTES + 1)
    except OSError as error:
        raise refused(f"cannot read the jobs file: {error.strerror}") from error
    if len(data) > MAX_JOBS_FILE_BYTES:
        raise refused(f"larger than {MAX_JOBS_FILE_BYTES:,} bytes; a jobs file is a few lines")
    try:
        document = load_yaml(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise refused(f"not UTF-8: byte 0x{data[error.start]:02X} at byte {error.start}") from None
    except yaml.YAMLError as error:
        raise refused(f"not valid YAML: {error}") from error
    entries = document.get("jobs") if isinstance(document, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise refused("expected a mapping `jobs: {name: {notebook: …}}`")
    problems: list[JobProblem] = []
    jobs: list[Job] = []
    for name, entry in entries.items():

        def problem(rule: str, key: str | None = None, job: object = name) -> JobProblem:
            return JobProblem(file, rule, str(job), key)

        if not isinstance(name, str) or not _JOB_NAME.fullmatch(name):
            problems.append(problem("a job name is a lower-case slug ([a-z0-9][a-z0-9-]*)"))
            continue
        if not isinstance(entry, dict) or "notebook" not in entry:
            problems.append(problem("needs at least `notebook: PATH`", "notebook"))
            continue
        unknown = sorted(set(entry) - _JOB_KEYS, key=str)
        if unknown:
            problems.append(problem(f"unknown key(s) {unknown}; valid: {sorted(_JOB_KEYS)}"))
        parameters = entry.get("parameters") or {}
        if not isinstance(parameters, dict):
            problems.append(problem("`parameters` must be a mapping", "parameters"))
            parameters = {}
        notebook = config.parent / str(entry["notebook"])
        outside = notebook_problem(notebook, config.parent)
        if outside:
            problems.append(problem(outside, "notebook"))
        show_code = entry.get("show_code", False)
        if not isinstance(show_code, bool):
            problems.append(problem(f"{brief(show_code)}: must be true or false", "show_code"))
        asked = entry.get("formats", FORMATS)
        formats = known_formats(asked if isinstance(asked, str) else ",".join(map(str, asked)))
        if formats is None:
            problems.append(problem(f"{brief(asked)}: {FORMATS_RULE}", "formats"))
        if not problems and formats is not None:
            jobs.append(Job(name, notebook.resolve(), parameters, show_code, formats))
    if problems:
        raise JobsError(problems)
    return jobs


def select_jobs(jobs: list[Job], names: Iterable[str]) -> list[Job]:
    """The named jobs, in the order asked; all jobs when no name is given."""
    wanted = list(names)
    if not wanted:
        return jobs
    by_name = {job.name: job for job in jobs}
    unknown = [brief(name) for name in wanted if name not in by_name]
    if unknown:
        rule = f"unknown job(s) {', '.join(unknown)}; valid: {', '.join(sorted(by_name))}"
        raise JobsError([JobProblem("--job", rule, None, None)])
    return [by_name[name] for name in dict.fromkeys(wanted)]


def adhoc_job(notebook: Path, parameters: Mapping[str, object], project: Path) -> Job:
    """A job for one notebook of `project`, named `<stem>-<hash of parameters>` so variants sit
    side by side."""
    outside = notebook_problem(notebook, project)
    if outside:
        raise JobsError([JobProblem("--notebook", outside, None, None)])
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode()).hexdigest()[:8]
    return Job(f"{adhoc_prefix(notebook)}{digest}", notebook.resolve(), dict(parameters))


def adhoc_prefix(notebook: Path) -> str:
    """How the name of every ad hoc job of a notebook begins: its stem as a slug, a hyphen."""
    return (re.sub(r"[^a-z0-9-]+", "-", notebook.stem.lower()).strip("-") or "notebook") + "-"


FORMATS_RULE = f"valid formats are {', '.join(FORMATS)} (comma-separated)"


def known_formats(text: str) -> tuple[str, ...] | None:
    """`html,pdf` -> ('html', 'pdf'); HTML is always made, since the PDF is printed from it.
    None when a format is unknown or none is given."""
    asked = [part.strip() for part in text.split(",") if part.strip()]
    if not asked or any(part not in FORMATS for part in asked):
        return None
    return tuple(name for name in FORMATS if name in asked or name == "html")


def parse_formats(text: str) -> tuple[str, ...]:
    """`known_formats` for the command line's --formats; JobsError when it is not known."""
    formats = known_formats(text)
    if formats is None:
        raise JobsError([JobProblem("--formats", f"{brief(text)}: {FORMATS_RULE}", None, None)])
    return formats
