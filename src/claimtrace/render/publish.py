"""Publishing under reports/: one run at a time, and a report replaced only by a complete one.

A job renders into a hidden staging directory next to reports/<job>/ (same filesystem, so
the move is a rename). Only a complete report is swapped into place; a failed one leaves
the previous report as it was and keeps its executed notebook as reports/<job>.failed.ipynb.

The lock is an flock on reports/.lock, which the kernel releases when its holder dies: a
killed render's lock is free at once, and the next run takes it over. A reports folder that
cannot be used (a file in its place, a lock that is a folder, no write access) is one
UnusablePath naming the path and the cause, before anything runs.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimtrace.errors import ReportsLocked, UnusablePath

LOCK_FILE = ".lock"
_POLL_SECONDS = 0.2


@contextmanager
def reports_lock(reports_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold reports/.lock for the whole run; wait up to `wait` seconds for another run."""
    path = reports_dir / LOCK_FILE
    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")  # noqa: SIM115 (held for the whole run, closed below)
    except OSError as error:
        raise UnusablePath(path, f"cannot open the lock: {error.strerror}") from None
    deadline = time.monotonic() + wait
    with handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise ReportsLocked(
                        f"{path}: another render is running ({holder}); waited {wait:g} s "
                        "(use --wait SECONDS to wait longer)"
                    ) from None
                time.sleep(_POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%dT%H:%M:%S%z')}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(reports_dir: Path) -> None:
    """Undo what a killed run left behind: put back a report renamed aside, drop staging dirs."""
    try:
        for retired in reports_dir.glob(".*.retired-*"):
            target = reports_dir / retired.name[1:].rsplit(".retired-", 1)[0]
            if target.exists():
                _remove(retired)
            else:
                os.replace(retired, target)
        for staging in reports_dir.glob(".*.staging-*"):
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        cause = f"cannot clear what an interrupted render left: {error.strerror}"
        raise UnusablePath(error.filename or reports_dir, cause) from None


def start_attempt(reports_dir: Path, job: str) -> Path:
    """A fresh hidden directory next to reports/<job>/ to render into, once the job's last
    failure is removed: the new attempt supersedes it, and on a full disk the failed notebook
    it kept must not keep the disk full."""
    try:
        for leftover in failure_files(reports_dir, job):
            leftover.unlink(missing_ok=True)
        return Path(tempfile.mkdtemp(dir=reports_dir, prefix=f".{job}.staging-"))
    except OSError as error:
        raise UnusablePath(reports_dir, f"cannot render {job!r} there: {error.strerror}") from None


def publish(staging: Path, reports_dir: Path, job: str) -> Path:
    """Swap a complete staged report into reports/<job>/ and clear the job's last failure.

    The previous report is renamed aside, the staged one renamed into place, then the old one
    removed: both renames stay on one filesystem, and a failed second rename puts the old back.
    Something else where the report belongs (a file, a link) is never replaced: OSError.
    """
    target = reports_dir / job
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise NotADirectoryError(
            errno.ENOTDIR, "is not a report folder; move it away to publish here", str(target)
        )
    os.chmod(staging, 0o755)
    retired = None
    if target.exists():
        retired = reports_dir / f".{job}.retired-{os.getpid()}"
        os.replace(target, retired)
    try:
        os.replace(staging, target)
    except OSError:
        if retired is not None:
            os.replace(retired, target)
        raise
    if retired is not None:
        shutil.rmtree(retired)
    for leftover in failure_files(reports_dir, job):
        leftover.unlink(missing_ok=True)
    return target


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def keep_failure(
    staging: Path, reports_dir: Path, job: str, executed_name: str, kernel_log_name: str
) -> Path | None:
    """Keep the failed executed notebook as reports/<job>.failed.ipynb and what its kernel
    logged as reports/<job>.failed.log; drop the staging dir."""
    executed = staging / executed_name
    kept = None
    if executed.is_file():
        kept = reports_dir / f"{job}.failed.ipynb"
        os.replace(executed, kept)
    kernel_log = staging / kernel_log_name
    if kernel_log.is_file() and kernel_log.stat().st_size:
        os.replace(kernel_log, reports_dir / f"{job}.failed.log")
    shutil.rmtree(staging, ignore_errors=True)
    return kept


def failure_files(reports_dir: Path, job: str) -> list[Path]:
    return [reports_dir / f"{job}.failed.{suffix}" for suffix in ("ipynb", "json", "log")]
