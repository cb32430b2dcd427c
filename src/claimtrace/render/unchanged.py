"""Whether a report is up to date, decided from the manifests before anything heavy is imported.

Every input of a report is fixed by what was asked for and the files it is made from. So each
published manifest records `request_hash`: one hash of the notebook's bytes, the job's
parameters as written (before they are checked and typed, by code that is itself hashed), its
formats and show_code, the render's formats and PDF engine, every file of the data folder the
report read and of the seeds beside it, the template and claimtrace's code, and the package
versions. Equal request hashes mean equal inputs. `is_up_to_date` is the one test of a report,
whether the render decides here or after checking every job (render/run.py).

A render is decided here, without papermill, pandas or nbconvert, when no report is forced,
every job is up to date and the store is the file the last complete render left (so the
history ends with what the reports show; see render/assessments.py record_published).
Otherwise the full check decides, job by job, with the same test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from claimtrace.render.index import write_index
from claimtrace.render.jobs import Job
from claimtrace.render.manifest import (
    MANIFEST,
    code_hashes,
    file_sha256,
    json_sha256,
    outputs_present,
    package_versions,
    read_manifest,
    tree_sha256,
    write_json,
)
from claimtrace.render.options import RenderOptions, progress
from claimtrace.render.publish import failure_files, recover, reports_lock

REQUEST_HASH = "request_hash"
STORE_SEEN = ".store-seen.json"
"""In the reports folder: the store file as the last complete render left it."""


def common_request() -> dict[str, object]:
    """The part of every job's request that is the same for all: code, template, versions."""
    return {"versions": package_versions(), "code": code_hashes()}


def folder_hashes(data_dir: Path) -> dict[str, str]:
    """The hashes of a report's data folder and the seeds beside it. Every file directly in the
    folders counts, not only those a corpus reads: a stray file only costs a full check. Jobs
    that read one folder share one reading of it (`hashed_once`)."""
    return {"data": tree_sha256(data_dir, "*"), "seeds": tree_sha256(data_dir.parent / "seeds")}


def hashed_once() -> Callable[[Path | None], dict[str, str] | None]:
    """`folder_hashes` for one decision: each folder read once, however many jobs read it."""
    hashed: dict[Path, dict[str, str]] = {}

    def hashes(data_dir: Path | None) -> dict[str, str] | None:
        if data_dir is None:
            return None
        if data_dir not in hashed:
            hashed[data_dir] = folder_hashes(data_dir)
        return hashed[data_dir]

    return hashes


def request_hash(
    job: Job,
    options: RenderOptions,
    data: Mapping[str, str] | None,
    common: Mapping[str, object],
) -> str:
    """The hash of what `job` asks for and is made from (`data`: its folders' hashes, None when
    it reads no corpus), read without checking anything."""
    request = {
        "notebook_sha256": file_sha256(job.notebook),
        "parameters": dict(job.parameters),
        "show_code": job.show_code,
        "job_formats": list(job.formats),
        "formats": list(options.formats) if options.formats else None,
        "pdf_engine": options.pdf_engine,
        "data": None if data is None else dict(data),
        **common,
    }
    return json_sha256(request)


def data_dir_of(notebook: Path, effective: Mapping[str, object]) -> Path | None:
    """The data folder a report reads, from its effective parameters (None: it reads none)."""
    if "data_dir" not in effective:
        return None
    return (notebook.parent / str(effective["data_dir"])).resolve()


def nothing_to_render(jobs: Sequence[Job], options: RenderOptions, wait: float = 0.0) -> bool:
    """Whether every job is up to date by its manifest; if so, say so for each job (as a full
    check would) and rewrite the index. ReportsLocked while another render runs."""
    if options.force:
        return False
    common = common_request()

    def unchanged() -> bool:
        hashes = hashed_once()  # afresh each time: the second look must see the files as now
        return _store_as_left(options.reports_dir) and all(
            _unchanged(job, options, common, hashes) for job in jobs
        )

    # Looked at first without the lock, so a render with work to do (or bad input) touches
    # nothing here; then again under it, in case another render changed something meanwhile.
    if not unchanged():
        return False
    reports_dir = options.reports_dir
    with reports_lock(reports_dir, wait):
        recover(reports_dir)
        if not unchanged():
            return False
        for job in jobs:
            progress(f"{job.name}: skipped (up to date)")
        write_index(reports_dir)
    return True


def remember_store(reports_dir: Path, store: Path) -> None:
    """After a complete render: note the store file as it is now, for the next render."""
    try:
        write_json(reports_dir / STORE_SEEN, {"store": str(store), "state": _state(store)})
    except OSError:
        (reports_dir / STORE_SEEN).unlink(missing_ok=True)  # the next render checks fully


def _unchanged(
    job: Job,
    options: RenderOptions,
    common: Mapping[str, object],
    hashes: Callable[[Path | None], dict[str, str] | None],
) -> bool:
    manifest = read_manifest(options.reports_dir / job.name / MANIFEST)
    effective = None if manifest is None else manifest.get("effective_parameters")
    if not isinstance(effective, dict):
        return False
    data_dir = data_dir_of(job.notebook, effective)
    return is_up_to_date(
        options.reports_dir, job.name, request_hash(job, options, hashes(data_dir), common)
    )


def is_up_to_date(reports_dir: Path, job_name: str, request: str) -> bool:
    """The one test of a published report, whichever way a render decides: its manifest says
    `ok` for this request hash, every file it lists is there, and no failure of the job is on
    record (a last attempt that failed with the same inputs, a full disk or a killed run, is
    retried)."""
    job_dir = reports_dir / job_name
    manifest = read_manifest(job_dir / MANIFEST)
    if manifest is None or manifest.get("status") != "ok":
        return False
    outputs = manifest.get("outputs")
    return (
        isinstance(outputs, list)
        and manifest.get(REQUEST_HASH) == request
        and outputs_present(job_dir, map(str, outputs))
        and not any(path.exists() for path in failure_files(reports_dir, job_name))
    )


def _store_as_left(reports_dir: Path) -> bool:
    seen = read_manifest(reports_dir / STORE_SEEN)
    store = None if seen is None else seen.get("store")
    return isinstance(store, str) and seen is not None and seen.get("state") == _state(Path(store))


def _state(store: Path) -> list[list[int] | None]:
    """The store file and its write-ahead log by inode, size and time of last change: any
    write (another render, a notebook, `claimtrace export`) or a replaced file changes it."""
    return [_identity(store), _identity(store.with_name(store.name + ".wal"))]


def _identity(path: Path) -> list[int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return [found.st_ino, found.st_size, found.st_mtime_ns]
