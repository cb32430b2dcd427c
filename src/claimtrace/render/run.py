"""Render report jobs: papermill on the `claimtrace` kernel, then HTML and PDF, then publish.

A run checks every job's parameters (and the corpus they filter) before any kernel starts,
takes reports/.lock, skips jobs whose inputs are unchanged, renders the rest in parallel
(one worker process and one kernel per job) and rewrites reports/index.html.

Only this process publishes. Workers (render/workers.py) render into their staging folders,
never hold reports/.lock and end as soon as the render that started them is gone, so a killed
render leaves no process behind and a free lock: the next run clears its staging folders and
proceeds.

Exit codes are those of errors.ExitCode.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from claimtrace.errors import ClaimtraceError, ExitCode, ParameterError
from claimtrace.judge.database import STORE_ENV
from claimtrace.present.limits import check_max_claims
from claimtrace.present.selection import REPORT_FILTERS, check_report_parameters
from claimtrace.render.assessments import assess_once, record_published, store_of
from claimtrace.render.convert import TitleBlock, notebook_to_html
from claimtrace.render.index import write_index
from claimtrace.render.jobs import Job
from claimtrace.render.kernel import KERNEL_LOG, kernel_manager_logging_to
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
from claimtrace.render.publish import (
    failure_files,
    keep_failure,
    publish,
    recover,
    reports_lock,
    start_attempt,
)
from claimtrace.render.workers import worker_pool

if TYPE_CHECKING:
    from claimtrace.judge.store import DataVersion

KERNEL = "claimtrace"
DETAIL_CHARACTERS = 300
"""A failure's detail is cut to this length: the whole of it is in the failed notebook."""


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
    data: DataVersion | None = None  # None: the notebook reads no corpus
    about: dict[str, str] = field(default_factory=dict)
    """For the landing page: what the report tells (the notebook's `claimtrace.tells`
    metadata) and the date of its data."""


@dataclass(frozen=True)
class JobResult:
    job: str
    status: str  # "ok", "skipped" or "failed"
    seconds: float
    detail: str = ""


@dataclass(frozen=True)
class Attempt:
    """What a worker reports of one render into its staging folder; the parent publishes it."""

    started: dt.datetime
    seconds: float
    error: str = ""  # empty when the report is complete in the staging folder


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
        store = store_of(reports_dir)
        assess_once([job.data for job in todo if job.data], store, _progress)
        results += run_jobs(todo, options)
        try:
            write_index(reports_dir)
        except OSError as error:
            _progress(f"index: failed: cannot write {reports_dir}/index.html: {error.strerror}")
            return ExitCode.REPORT_FAILED
        failed = any(r.status == "failed" for r in results)
        if not failed:  # a failed render leaves the history as it was
            published = [job.data for job in todo if job.data]
            shown = [job.data for job in prepared if job.data]
            record_published(published, shown, store, _progress)
    return ExitCode.REPORT_FAILED if failed else ExitCode.OK


def prepare_jobs(jobs: Sequence[Job], options: RenderOptions) -> list[PreparedJob]:
    """Validate every job against its notebook and the corpus; all problems in one error."""
    common = {"versions": package_versions(), "code": code_hashes()}
    versions: dict[Path, DataVersion] = {}
    prepared: list[PreparedJob] = []
    errors: list[ParameterError] = []
    for job in jobs:
        try:
            prepared.append(_prepare(job, options, common, versions))
        except ParameterError as error:
            errors.append(error.for_job(job.name))
    if errors:
        raise ParameterError.merged(errors)
    return prepared


def _prepare(
    job: Job,
    options: RenderOptions,
    common: Mapping[str, object],
    versions: dict[Path, DataVersion],
) -> PreparedJob:
    declared = declared_parameters(job.notebook)
    given = validate_parameters(job.notebook, job.parameters, declared)
    effective = {name: parameter.default for name, parameter in declared.items()} | given
    data_hash = seeds_hash = version = None
    tells = nbformat.read(job.notebook, as_version=4).metadata.get("claimtrace", {}).get("tells")
    about = {"tells": str(tells or "")}
    if "data_dir" in effective:
        data_dir = (job.notebook.parent / str(effective["data_dir"])).resolve()
        if data_dir not in versions:
            # Imported here: only jobs that read the corpus pay for checking it (from the store
            # when it holds these data files, else by loading and validating them).
            from claimtrace.judge.store import checked_data

            versions[data_dir] = checked_data(data_dir, store_of(options.reports_dir))
        version = versions[data_dir]
        data_hash = version.key.data_hash
        seeds_hash = tree_sha256(data_dir.parent / "seeds", "*.txt")
        # Imported here too: a notebook without a corpus needs no words for one.
        from claimtrace.present.wording import data_as_of, selection_words

        about["data_as_of"] = data_as_of(version.sources, version.reference)
        if all(name in effective for name in REPORT_FILTERS):
            check_report_parameters(
                version.sources["source_id"],
                **{name: effective[name] for name in REPORT_FILTERS},
            )
            about["covers"] = selection_words(
                version.sources,
                selected=list(effective["sources"]),
                date_from=str(effective["date_from"]),
                date_to=str(effective["date_to"]),
            )
    if "max_claims" in effective:
        check_max_claims(effective["max_claims"])  # the listing's own check, before any kernel
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
    return PreparedJob(
        job, given, declared, title, inputs, inputs_hash(inputs), effective, version, about
    )


def is_up_to_date(job: PreparedJob, reports_dir: Path, options: RenderOptions) -> bool:
    """The published report was made from exactly these inputs and has all its files."""
    job_dir = reports_dir / job.job.name
    manifest = read_manifest(job_dir / MANIFEST)
    return (
        manifest is not None
        and manifest.get("status") == "ok"
        and manifest.get("inputs_hash") == job.inputs_hash
        and outputs_present(job_dir, _outputs(job))
        # A last attempt that failed with the same inputs (a full disk, a killed run) is retried.
        and not any(path.exists() for path in failure_files(reports_dir, job.job.name))
    )


def run_jobs(jobs: Sequence[PreparedJob], options: RenderOptions) -> list[JobResult]:
    """Render jobs in worker processes, one kernel each, and publish each from this process as
    it finishes, with a line per job."""
    if not jobs:
        return []
    reports_dir = options.reports_dir
    staged = {job.job.name: start_attempt(reports_dir, job.job.name) for job in jobs}
    results = []
    environment = {STORE_ENV: str(store_of(options.reports_dir))}
    with worker_pool(max(1, min(options.workers, len(jobs))), environment) as pool:
        futures = {pool.submit(render_job, job, options, staged[job.job.name]): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                attempt = future.result()
            except Exception as error:  # a worker process died: report it, keep the others
                now = dt.datetime.now(dt.UTC)
                attempt = Attempt(now, 0.0, f"worker died: {_brief(repr(error))}")
            result = conclude(job, attempt, staged[job.job.name], reports_dir)
            results.append(result)
            line = f"{result.job}: {result.status} in {result.seconds:.1f} s"
            _progress(line + (f": {result.detail}" if result.status == "failed" else ""))
    return results


def render_job(job: PreparedJob, options: RenderOptions, staging: Path) -> Attempt:
    """In a worker: execute and export one report into `staging`; say how it went."""
    _progress(f"{job.job.name}: start")
    started = dt.datetime.now(dt.UTC)
    clock = time.monotonic()
    executed = staging / EXECUTED
    try:
        with (staging / KERNEL_LOG).open("w", encoding="utf-8") as kernel_log:
            notebook = papermill.execute_notebook(
                str(job.job.notebook),
                str(executed),
                parameters=job.given,
                kernel_name=KERNEL,
                cwd=str(job.job.notebook.parent),
                progress_bar=False,
                # The kernel's start-up warnings (TCP transport) are noise in cron mail, and a
                # report needs no command history (whose database a full disk turns into a
                # traceback on the kernel's stderr).
                extra_arguments=["--log-level=ERROR", "--HistoryManager.enabled=False"],
                kernel_manager_class=kernel_manager_logging_to(kernel_log),
            )
        title = TitleBlock(
            job=job.job.name,
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
        cell = _failing_cell(job.job.notebook, error)
        detail = f"{cell} raised {error.ename}: {_brief(error.evalue)}"
        return Attempt(started, time.monotonic() - clock, detail)
    except OSError as error:  # a full disk, a folder gone: say where it was writing
        detail = _describe(error)
        if not error.filename:
            detail += f" (writing into {staging})"
        return Attempt(started, time.monotonic() - clock, detail)
    except Exception as error:  # kernel death, export or PDF failure: one job's, not the run's
        return Attempt(started, time.monotonic() - clock, _describe(error))
    return Attempt(started, time.monotonic() - clock)


def conclude(job: PreparedJob, attempt: Attempt, staging: Path, reports_dir: Path) -> JobResult:
    """In the parent: publish a complete report, or keep the previous one and record why not."""
    name = job.job.name
    if not attempt.error:
        try:
            outputs = [*_outputs(job), MANIFEST]
            (staging / KERNEL_LOG).unlink(missing_ok=True)  # a report that succeeded needs no log
            write_json(staging / MANIFEST, _manifest(job, attempt, "ok") | {"outputs": outputs})
            publish(staging, reports_dir, name)
            return JobResult(name, "ok", attempt.seconds)
        except OSError as error:
            attempt = replace(attempt, error=f"cannot publish: {_describe(error)}")
    detail = attempt.error
    try:
        kept = keep_failure(staging, reports_dir, name, EXECUTED, KERNEL_LOG)
        if kept is not None:
            detail += f" (executed notebook kept at {kept})"
        write_json(
            reports_dir / f"{name}.failed.json",
            _manifest(job, attempt, "failed") | {"error": detail},
        )
    except OSError as error:  # a full disk: the line below is then the only record
        detail += f"; the failure could not be recorded: {_describe(error)}"
    return JobResult(name, "failed", attempt.seconds, detail)


def _describe(error: Exception) -> str:
    """One line for a failure: a ClaimtraceError's own words, a file's name and the cause."""
    if isinstance(error, ClaimtraceError):
        return _brief(str(error))
    if isinstance(error, OSError) and error.strerror:
        return f"{error.filename}: {error.strerror}" if error.filename else error.strerror
    return _brief(repr(error))


def _brief(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= DETAIL_CHARACTERS else line[:DETAIL_CHARACTERS] + "…"


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


def _manifest(job: PreparedJob, attempt: Attempt, status: str) -> dict[str, object]:
    return {
        "job": job.job.name,
        "title": job.title,
        **job.about,
        "notebook": str(job.job.notebook),
        "parameters": job.given,
        "effective_parameters": job.effective,
        **job.inputs,
        "inputs_hash": job.inputs_hash,
        "start": attempt.started.isoformat(timespec="seconds"),
        "duration_s": round(attempt.seconds, 2),
        "status": status,
    }


def _outputs(job: PreparedJob) -> list[str]:
    return [EXECUTED, REPORT_HTML] + ([REPORT_PDF] if "pdf" in job.inputs["formats"] else [])


def _progress(line: str) -> None:
    # One write per line, so lines from parallel workers do not run into each other.
    sys.stdout.write(f"render: {line}\n")
    sys.stdout.flush()
