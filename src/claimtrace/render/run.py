"""Render report jobs: papermill on the `claimtrace` kernel, then HTML and PDF, then publish.

A run checks every job's parameters (and the corpus they filter) before any kernel starts,
takes reports/.lock, skips jobs whose inputs are unchanged, renders the rest in parallel
(one worker process and one kernel per job) and rewrites reports/index.html.

Only this process publishes. Workers (render/executors.py: this machine's worker processes or a
Dask cluster's) render each job (render/execute.py), never hold reports/.lock, and local workers
end as soon as the render that started them is gone, so a killed render leaves no process behind
and a free lock: the next run clears its staging folders and proceeds.

Exit codes are those of errors.ExitCode.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat

from claimtrace.errors import ExitCode, ParameterError
from claimtrace.present.limits import check_max_claims
from claimtrace.present.selection import REPORT_FILTERS, check_report_parameters
from claimtrace.render.assessments import assess_once, record_published
from claimtrace.render.execute import Attempt, describe
from claimtrace.render.executors import Runner, open_executor
from claimtrace.render.index import write_index
from claimtrace.render.jobs import Job
from claimtrace.render.kernel import KERNEL_LOG
from claimtrace.render.manifest import (
    EXECUTED,
    MANIFEST,
    REPORT_HTML,
    REPORT_PDF,
    file_sha256,
    tree_sha256,
    write_json,
)
from claimtrace.render.options import RenderOptions, progress
from claimtrace.render.params import declared_parameters, validate_parameters
from claimtrace.render.pdf import PDF_ENGINES
from claimtrace.render.prepared import PreparedJob
from claimtrace.render.publish import (
    keep_failure,
    publish,
    recover,
    reports_lock,
    start_attempt,
)
from claimtrace.render.runlog import JobResult, RunLog
from claimtrace.render.unchanged import (
    REQUEST_HASH,
    common_request,
    data_dir_of,
    hashed_once,
    is_up_to_date,
    remember_store,
    request_hash,
)
from claimtrace.store.location import CHECKED_DATA_ENV, STORE_ENV, store_path

if TYPE_CHECKING:
    from claimtrace.store.cache import DataVersion


def render_reports(
    jobs: Sequence[Job], options: RenderOptions, wait: float = 0.0, log: RunLog | None = None
) -> int:
    """Render the jobs and return the exit code; ParameterError/DataError before any kernel runs.
    Each job's result is added to `log`."""
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
        results = log.jobs if log is not None else []
        for job in prepared:
            if not options.force and is_up_to_date(reports_dir, job.job.name, job.request_hash):
                results.append(JobResult(job.job.name, "skipped", 0.0, "up to date"))
                progress(f"{job.job.name}: skipped (up to date)")
            else:
                todo.append(job)
        store = store_path(reports_dir=reports_dir)
        if todo:
            checked = {
                str(job.data.data_dir.resolve()): job.data.key.data_hash for job in todo if job.data
            }
            environment = {STORE_ENV: str(store), CHECKED_DATA_ENV: json.dumps(checked)}
            with open_executor(options, environment, todo) as runner:
                assess_once([job.data for job in todo if job.data], store, progress)
                results += run_jobs(runner, todo, options)
        try:
            write_index(reports_dir)
        except OSError as error:
            progress(f"index: failed: cannot write {reports_dir}/index.html: {error.strerror}")
            return ExitCode.REPORT_FAILED
        failed = any(r.status == "failed" for r in results)
        if not failed:  # a failed render leaves the history as it was
            published = [job.data for job in todo if job.data]
            shown = [job.data for job in prepared if job.data]
            if record_published(published, shown, store, progress):
                remember_store(reports_dir, store)
    return ExitCode.REPORT_FAILED if failed else ExitCode.OK


def prepare_jobs(jobs: Sequence[Job], options: RenderOptions) -> list[PreparedJob]:
    """Validate every job against its notebook and the corpus; all problems in one error."""
    common = common_request()
    hashes = hashed_once()
    versions: dict[Path, DataVersion] = {}
    prepared: list[PreparedJob] = []
    errors: list[ParameterError] = []
    for job in jobs:
        try:
            prepared.append(_prepare(job, options, common, hashes, versions))
        except ParameterError as error:
            errors.append(error.for_job(job.name))
    if errors:
        raise ParameterError.merged(errors)
    return prepared


def _prepare(
    job: Job,
    options: RenderOptions,
    common: Mapping[str, object],
    hashes: Callable[[Path | None], dict[str, str] | None],
    versions: dict[Path, DataVersion],
) -> PreparedJob:
    declared = declared_parameters(job.notebook)
    given = validate_parameters(job.notebook, job.parameters, declared)
    effective: dict[str, Any] = {
        name: parameter.default for name, parameter in declared.items()
    } | given
    data_hash = seeds_hash = version = None
    data_dir = data_dir_of(job.notebook, effective)
    tells = nbformat.read(job.notebook, as_version=4).metadata.get("claimtrace", {}).get("tells")
    about = {"tells": str(tells or "")}
    if data_dir is not None:
        if data_dir not in versions:
            # Imported here: only jobs that read the corpus pay for checking it (from the store
            # when it holds these data files, else by loading and validating them).
            from claimtrace.store.cache import checked_data

            versions[data_dir] = checked_data(data_dir, store_path(reports_dir=options.reports_dir))
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
    request = request_hash(job, options, hashes(data_dir), common)
    return PreparedJob(job, given, declared, title, inputs, effective, version, about, request)


def run_jobs(
    runner: Runner, jobs: Sequence[PreparedJob], options: RenderOptions
) -> list[JobResult]:
    """Render jobs with the executor's `runner` and publish each from this process as it
    finishes, with a line per job."""
    reports_dir = options.reports_dir
    staged = {job.job.name: start_attempt(reports_dir, job.job.name) for job in jobs}
    results = []
    for job, attempt in runner(staged):
        result = conclude(job, attempt, staged[job.job.name], reports_dir)
        results.append(result)
        line = f"{result.job}: {result.status} in {result.seconds:.1f} s"
        progress(line + (f": {result.detail}" if result.status == "failed" else ""))
    return results


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
            attempt = replace(attempt, error=f"cannot publish: {describe(error)}")
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
        detail += f"; the failure could not be recorded: {describe(error)}"
    return JobResult(name, "failed", attempt.seconds, detail)


def _manifest(job: PreparedJob, attempt: Attempt, status: str) -> dict[str, object]:
    return {
        "job": job.job.name,
        "title": job.title,
        **job.about,
        "notebook": str(job.job.notebook),
        "parameters": job.given,
        "effective_parameters": job.effective,
        **job.inputs,
        REQUEST_HASH: job.request_hash,
        "start": attempt.started.isoformat(timespec="seconds"),
        "duration_s": round(attempt.seconds, 2),
        "status": status,
    }


def _outputs(job: PreparedJob) -> list[str]:
    return [EXECUTED, REPORT_HTML] + ([REPORT_PDF] if "pdf" in job.inputs["formats"] else [])
