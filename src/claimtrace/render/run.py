"""Render report jobs: papermill on the `claimtrace` kernel, then HTML and PDF, then publish.

A run checks every job's parameters (and the corpus they filter) before any kernel starts,
takes reports/.lock, skips jobs whose inputs are unchanged, renders the rest in parallel
(one process and one kernel per job) and rewrites reports/index.html.

Exit codes are those of errors.ExitCode.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from claimtrace.errors import ClaimtraceError, ExitCode, ParameterError
from claimtrace.present.selection import REPORT_FILTERS, check_report_parameters
from claimtrace.render.convert import TitleBlock, notebook_to_html
from claimtrace.render.index import write_index
from claimtrace.render.jobs import Job
from claimtrace.render.manifest import (
    EXECUTED,
    MANIFEST,
    REPORT_HTML,
    REPORT_PDF,
    code_hashes,
    file_sha256,
    inputs_hash,
    outputs_present,
    package_versions,
    read_manifest,
    tree_sha256,
    write_json,
)
from claimtrace.render.params import Parameter, declared_parameters, validate_parameters
from claimtrace.render.pdf import DEFAULT_PDF_ENGINE, PDF_ENGINES, html_to_pdf
from claimtrace.render.publish import keep_failure, publish, recover, reports_lock, staging_dir

if TYPE_CHECKING:
    from claimtrace.corpus.load import Corpus

KERNEL = "claimtrace"


@dataclass(frozen=True)
class RenderOptions:
    reports_dir: Path = Path("reports")
    formats: tuple[str, ...] | None = None  # None: each job's own formats
    pdf_engine: str = DEFAULT_PDF_ENGINE
    force: bool = False
    workers: int = os.cpu_count() or 1


@dataclass(frozen=True)
class PreparedJob:
    """A job whose parameters passed, with everything its report will be made from."""

    job: Job
    given: dict[str, object]
    declared: dict[str, Parameter]
    title: str
    inputs: dict[str, object]
    inputs_hash: str
    effective: dict[str, object] = field(default_factory=dict)
    about: dict[str, str] = field(default_factory=dict)
    """For the landing page: what the report tells (the notebook's `claimtrace.tells`
    metadata) and the date of its data."""


@dataclass(frozen=True)
class JobResult:
    job: str
    status: str  # "ok", "skipped" or "failed"
    seconds: float
    detail: str = ""


def render_reports(jobs: Sequence[Job], options: RenderOptions, wait: float = 0.0) -> int:
    """Render the jobs and return the exit code; ParameterError/DataError before any kernel runs."""
    if options.pdf_engine not in PDF_ENGINES:
        raise ParameterError.one(
            f"{options.pdf_engine!r} is not a PDF engine; valid: {', '.join(PDF_ENGINES)}",
            "--pdf-engine",
            options.pdf_engine,
        )
    prepared = prepare_jobs(jobs, options)
    reports_dir = options.reports_dir
    with reports_lock(reports_dir, wait):
        recover(reports_dir)
        todo = []
        results = []
        for job in prepared:
            if not options.force and is_up_to_date(job, reports_dir, options):
                results.append(JobResult(job.job.name, "skipped", 0.0, "up to date"))
                _progress(f"{job.job.name}: skipped (up to date)")
            else:
                todo.append(job)
        results += run_jobs(todo, options)
        write_index(reports_dir)
    failed = any(r.status == "failed" for r in results)
    return ExitCode.REPORT_FAILED if failed else ExitCode.OK


def prepare_jobs(jobs: Sequence[Job], options: RenderOptions) -> list[PreparedJob]:
    """Validate every job against its notebook and the corpus; all problems in one error."""
    common = {"versions": package_versions(), "code": code_hashes()}
    corpora: dict[Path, Corpus] = {}
    prepared: list[PreparedJob] = []
    errors: list[ParameterError] = []
    for job in jobs:
        try:
            prepared.append(_prepare(job, options, common, corpora))
        except ParameterError as error:
            errors.append(error.for_job(job.name))
    if errors:
        raise ParameterError.merged(errors)
    return prepared


def _prepare(
    job: Job, options: RenderOptions, common: Mapping[str, object], corpora: dict[Path, Corpus]
) -> PreparedJob:
    declared = declared_parameters(job.notebook)
    given = validate_parameters(job.notebook, job.parameters, declared)
    effective = {name: parameter.default for name, parameter in declared.items()} | given
    data_hash = seeds_hash = None
    tells = nbformat.read(job.notebook, as_version=4).metadata.get("claimtrace", {}).get("tells")
    about = {"tells": str(tells or "")}
    if "data_dir" in effective:
        data_dir = (job.notebook.parent / str(effective["data_dir"])).resolve()
        if data_dir not in corpora:
            # Imported here: only jobs that read the corpus pay for loading and validating it.
            from claimtrace.corpus.load import load_corpus

            corpora[data_dir] = load_corpus(data_dir)
        corpus = corpora[data_dir]
        data_hash = corpus.data_hash
        seeds_hash = tree_sha256(data_dir.parent / "seeds", "*.txt")
        # Imported here too: a notebook without a corpus needs no words for one.
        from claimtrace.present.wording import data_as_of, selection_words

        about["data_as_of"] = data_as_of(corpus.sources, corpus.reference)
        if all(name in effective for name in REPORT_FILTERS):
            check_report_parameters(
                corpus.sources["source_id"],
                **{name: effective[name] for name in REPORT_FILTERS},
            )
            about["covers"] = selection_words(
                corpus.sources,
                selected=list(effective["sources"]),
                date_from=str(effective["date_from"]),
                date_to=str(effective["date_to"]),
            )
    inputs = {
        "notebook": job.notebook.name,
        "notebook_sha256": file_sha256(job.notebook),
        "parameters": given,
        "show_code": job.show_code,
        "data_hash": data_hash,
        "seeds_hash": seeds_hash,
        "formats": list(options.formats or job.formats),
        "pdf_engine": options.pdf_engine,
        **common,
    }
    title = str(effective.get("title") or job.notebook.stem)
    return PreparedJob(job, given, declared, title, inputs, inputs_hash(inputs), effective, about)


def is_up_to_date(job: PreparedJob, reports_dir: Path, options: RenderOptions) -> bool:
    """The published report was made from exactly these inputs and has all its files."""
    job_dir = reports_dir / job.job.name
    manifest = read_manifest(job_dir / MANIFEST)
    return (
        manifest is not None
        and manifest.get("status") == "ok"
        and manifest.get("inputs_hash") == job.inputs_hash
        and outputs_present(job_dir, _outputs(job))
    )


def run_jobs(jobs: Sequence[PreparedJob], options: RenderOptions) -> list[JobResult]:
    """Render jobs in a process pool, one kernel per job; a line per job as it finishes."""
    if not jobs:
        return []
    results = []
    with ProcessPoolExecutor(max_workers=max(1, min(options.workers, len(jobs)))) as pool:
        futures = {pool.submit(render_job, job, options): job.job.name for job in jobs}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as error:  # a worker process died: report it, keep the others
                result = JobResult(futures[future], "failed", 0.0, f"worker died: {error!r}")
            results.append(result)
            line = f"{result.job}: {result.status} in {result.seconds:.1f} s"
            _progress(line + (f": {result.detail}" if result.status == "failed" else ""))
    return results


def render_job(job: PreparedJob, options: RenderOptions) -> JobResult:
    """Execute, export and publish one report; on failure keep the previous one and say why."""
    name = job.job.name
    reports_dir = options.reports_dir
    _progress(f"{name}: start")
    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()
    staging = staging_dir(reports_dir, name)
    executed = staging / EXECUTED
    try:
        notebook = papermill.execute_notebook(
            str(job.job.notebook),
            str(executed),
            parameters=job.given,
            kernel_name=KERNEL,
            cwd=str(job.job.notebook.parent),
            progress_bar=False,
            # The kernel's start-up warnings (TCP transport) are noise in cron mail.
            extra_arguments=["--log-level=ERROR"],
        )
        title = TitleBlock(
            job=name,
            title=job.title,
            notebook=job.job.notebook.name,
            run_date=started.strftime("%Y-%m-%d %H:%M UTC"),
            data_hash=str(job.inputs["data_hash"] or "none (the notebook reads no corpus)"),
            notebook_hash=str(job.inputs["notebook_sha256"]),
            seeds_hash=str(job.inputs["seeds_hash"] or "none"),
            versions=sorted(dict(job.inputs["versions"]).items()),
            parameters=[
                {
                    "name": parameter,
                    "value": json.dumps(value, ensure_ascii=False),
                    "help": job.declared[parameter].help,
                    "given": parameter in job.given,
                }
                for parameter, value in job.effective.items()
            ],
        )
        html_file = staging / REPORT_HTML
        html_file.write_text(notebook_to_html(notebook, title, job.job.show_code), encoding="utf-8")
        if "pdf" in job.inputs["formats"]:
            html_to_pdf(html_file, staging / REPORT_PDF, options.pdf_engine)
    except PapermillExecutionError as error:
        detail = f"{_failing_cell(job.job.notebook, error)} raised {error.ename}: {error.evalue}"
        return _fail(job, staging, started, clock, detail)
    except Exception as error:  # kernel death, export or PDF failure: one job's, not the run's
        message = str(error) if isinstance(error, ClaimtraceError) else repr(error)
        return _fail(job, staging, started, clock, message)
    seconds = time.monotonic() - clock
    write_json(
        staging / MANIFEST,
        _manifest(job, started, seconds, "ok") | {"outputs": [*_outputs(job), MANIFEST]},
    )
    publish(staging, reports_dir, name)
    return JobResult(name, "ok", seconds)


def _failing_cell(notebook: Path, error: PapermillExecutionError) -> str:
    """Name the cell as the author knows it: its place and id in the source notebook."""
    first_line = next(iter(error.source.strip().splitlines()), "")
    cells = nbformat.read(notebook, as_version=4).cells
    for number, cell in enumerate(cells, start=1):
        if cell.cell_type == "code" and cell.source == error.source:
            return (
                f"cell {number} of {notebook.name} (id {cell.get('id', '?')!r}, "
                f"In [{error.exec_count}]: {first_line!r})"
            )
    return f"In [{error.exec_count}] ({first_line!r})"


def _fail(
    job: PreparedJob, staging: Path, started: dt.datetime, clock: float, detail: str
) -> JobResult:
    reports_dir = staging.parent
    name = job.job.name
    kept = keep_failure(staging, reports_dir, name, EXECUTED)
    seconds = time.monotonic() - clock
    if kept is not None:
        detail += f" (executed notebook kept at {kept})"
    write_json(
        reports_dir / f"{name}.failed.json",
        _manifest(job, started, seconds, "failed") | {"error": detail},
    )
    return JobResult(name, "failed", seconds, detail)


def _manifest(
    job: PreparedJob, started: dt.datetime, seconds: float, status: str
) -> dict[str, object]:
    return {
        "job": job.job.name,
        "title": job.title,
        **job.about,
        "notebook": str(job.job.notebook),
        "parameters": job.given,
        "effective_parameters": job.effective,
        **job.inputs,
        "inputs_hash": job.inputs_hash,
        "start": started.isoformat(timespec="seconds"),
        "duration_s": round(seconds, 2),
        "status": status,
    }


def _outputs(job: PreparedJob) -> list[str]:
    return [EXECUTED, REPORT_HTML] + ([REPORT_PDF] if "pdf" in job.inputs["formats"] else [])


def _progress(line: str) -> None:
    # One write per line, so lines from parallel workers do not run into each other.
    sys.stdout.write(f"render: {line}\n")
    sys.stdout.flush()
