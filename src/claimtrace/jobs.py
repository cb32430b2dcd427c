"""Report jobs: a notebook, the parameters to run it with, and how to show it.

`reports.yaml` lists the jobs of a scheduled run; `claimtrace render --notebook N -p K V`
makes one ad hoc job named after the notebook and a short hash of its parameters.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from papermill.iorw import NoDatesSafeLoader

from claimtrace.errors import ParameterError

_JOB_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_JOB_KEYS = {"notebook", "parameters", "show_code", "formats"}
FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class Job:
    """One report: `notebook` run with `parameters`, published under reports/<name>/."""

    name: str
    notebook: Path
    parameters: Mapping[str, object] = field(default_factory=dict)
    show_code: bool = False
    formats: tuple[str, ...] = FORMATS


def load_jobs(config: Path) -> list[Job]:
    """The jobs of a reports.yaml; notebook paths are relative to the file. All problems at once."""
    try:
        document = yaml.load(config.read_text(encoding="utf-8"), Loader=NoDatesSafeLoader)
    except OSError as error:
        raise ParameterError(f"{config}: cannot read the jobs file: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ParameterError(f"{config}: not valid YAML: {error}") from error
    entries = document.get("jobs") if isinstance(document, dict) else None
    if not isinstance(entries, dict) or not entries:
        raise ParameterError(f"{config}: expected a mapping `jobs: {{name: {{notebook: …}}}}`")
    problems: list[str] = []
    jobs: list[Job] = []
    for name, entry in entries.items():
        where = f"job {name!r}"
        if not isinstance(name, str) or not _JOB_NAME.match(name):
            problems.append(f"{where}: a job name is a lower-case slug ([a-z0-9][a-z0-9-]*)")
            continue
        if not isinstance(entry, dict) or "notebook" not in entry:
            problems.append(f"{where}: needs at least `notebook: PATH`")
            continue
        unknown = sorted(set(entry) - _JOB_KEYS)
        if unknown:
            problems.append(f"{where}: unknown key(s) {unknown}; valid: {sorted(_JOB_KEYS)}")
        parameters = entry.get("parameters") or {}
        if not isinstance(parameters, dict):
            problems.append(f"{where}: `parameters` must be a mapping")
            parameters = {}
        notebook = (config.parent / str(entry["notebook"])).resolve()
        if not notebook.is_file():
            problems.append(f"{where}: notebook {entry['notebook']!r} not found at {notebook}")
        try:
            asked = entry.get("formats", FORMATS)
            formats = parse_formats(asked if isinstance(asked, str) else ",".join(map(str, asked)))
        except ParameterError as error:
            problems.append(f"{where}: {error}")
            continue
        show_code = bool(entry.get("show_code", False))
        jobs.append(Job(name, notebook, parameters, show_code, formats))
    if problems:
        raise ParameterError(f"{config}:\n" + "\n".join(f"  - {p}" for p in problems))
    return jobs


def select_jobs(jobs: list[Job], names: Iterable[str]) -> list[Job]:
    """The named jobs, in the order asked; all jobs when no name is given."""
    wanted = list(names)
    if not wanted:
        return jobs
    by_name = {job.name: job for job in jobs}
    unknown = [name for name in wanted if name not in by_name]
    if unknown:
        raise ParameterError(f"unknown job(s) {unknown}; valid: {sorted(by_name)}")
    return [by_name[name] for name in dict.fromkeys(wanted)]


def adhoc_job(notebook: Path, parameters: Mapping[str, object]) -> Job:
    """A job for one notebook, named `<stem>-<hash of parameters>` so variants sit side by side."""
    if not notebook.is_file():
        raise ParameterError(f"{notebook}: notebook not found")
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode()).hexdigest()[:8]
    stem = re.sub(r"[^a-z0-9-]+", "-", notebook.stem.lower()).strip("-") or "notebook"
    return Job(f"{stem}-{digest}", notebook.resolve(), dict(parameters))


def parse_formats(text: str) -> tuple[str, ...]:
    """`html,pdf` -> ('html', 'pdf'); HTML is always made, since the PDF is printed from it."""
    asked = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [part for part in asked if part not in FORMATS]
    if unknown or not asked:
        raise ParameterError(f"formats {text!r}: valid formats are {', '.join(FORMATS)}")
    return tuple(name for name in FORMATS if name in asked or name == "html")
