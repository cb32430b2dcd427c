"""What a render trusts of a Dask cluster: an address checked before Dask touches it, waits with
a bound, and a job's inputs verified on the worker that renders it.

Before the Dask client is made, the address must be `tcp://HOST:PORT` (or `HOST:PORT`), and what
answers there must open as a Dask scheduler does: it speaks first, a message of a few hundred
bytes. A port that accepts and stays silent, an HTTP server or proxy (whose "HTTP/1.1" Dask would
read as a message length) and an address nobody listens on are each one line and exit 2 within
CONNECT_SECONDS; so is a scheduler that has no worker.

A job carries the hashes of what it must read (`files_read`: the notebook, the data folder and
the seeds beside it, claimtrace's code and the report template), and the worker hashes the same
files of its own checkout before it starts: a mismatch is refused in one line naming the worker
and what differs, and the report is not made. The inputs are verified, not shipped: a worker's
kernel imports claimtrace and reads the data and the store from the checkout at the same path,
so shipping would mean unpacking a checkout per job and pointing the kernel at it; hashing about
a megabyte per job instead makes a report exactly the bytes its manifest names, or no report.
"""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from claimtrace.errors import ClaimtraceError, ExitCode, brief
from claimtrace.render.manifest import code_hashes, file_sha256
from claimtrace.render.unchanged import data_dir_of, folder_hashes

if TYPE_CHECKING:
    from distributed import Client, Future

CONNECT_SECONDS = 10.0
"""How long `--cluster` waits for the scheduler to answer, and for a worker to be there."""
LOST_SECONDS = 20.0
"""How long a render waits while the cluster has no worker (one was lost) before it fails the
jobs still out: their reports are not made (exit 1)."""
POLL_SECONDS = 0.5
"""How often a render looks whether its jobs have ended and the cluster still has a worker."""
LARGEST_HANDSHAKE = 1 << 20
"""A scheduler's first message is a few hundred bytes; anything claiming more is not one."""


class ClusterUnreachable(ClaimtraceError):
    """`--cluster ADDRESS` names no scheduler that answers, or one without a worker; nothing
    ran."""

    exit_code = ExitCode.BAD_INPUT


def refused(address: str, why: str) -> ClusterUnreachable:
    return ClusterUnreachable(f"--cluster {brief(address)}: {why}")


def host_and_port(address: str) -> tuple[str, int]:
    """The host and port of `tcp://HOST:PORT` or `HOST:PORT`; ClusterUnreachable otherwise."""
    try:
        parts = urlsplit(address if "://" in address else f"tcp://{address}")
        host, port = parts.hostname, parts.port
    except ValueError:  # an unclosed '[', a port that is no number or out of range
        raise refused(address, "is not an address of the form tcp://HOST:PORT") from None
    if parts.scheme != "tcp":
        raise refused(address, f"only tcp:// addresses are supported, not {parts.scheme}://")
    if not host or port is None or parts.path or parts.query or parts.fragment:
        raise refused(address, "is not an address of the form tcp://HOST:PORT")
    return host, port


def check_scheduler(address: str) -> None:
    """That a Dask scheduler answers at `address` within CONNECT_SECONDS; ClusterUnreachable,
    in one line, for anything else."""
    host, port = host_and_port(address)
    deadline = time.monotonic() + CONNECT_SECONDS
    try:
        with socket.create_connection((host, port), timeout=CONNECT_SECONDS) as connection:
            head = b""
            while len(head) < 8:
                connection.settimeout(max(0.01, deadline - time.monotonic()))
                received = connection.recv(8 - len(head))
                if not received:
                    raise refused(address, "closed the connection without a word")
                head += received
    except TimeoutError:
        raise refused(
            address, f"nothing answered as a Dask scheduler within {CONNECT_SECONDS:g} s"
        ) from None
    except OSError as error:
        raise refused(
            address, f"no Dask scheduler answers there ({error.strerror or error})"
        ) from None
    if not 0 < int.from_bytes(head, sys.byteorder) <= LARGEST_HANDSHAKE:
        raise refused(address, f"what answers is not a Dask scheduler (it began {head!r})")


def files_read(notebook: Path, effective: Mapping[str, object]) -> dict[str, str]:
    """The hash of each thing a job reads, by name: its notebook, claimtrace's code and the
    report template, and (when it reads a corpus) the data folder and the seeds beside it."""
    read = {"notebook": file_sha256(notebook), **code_hashes()}
    data_dir = data_dir_of(notebook, effective)
    return read if data_dir is None else read | folder_hashes(data_dir)


def differences(
    expected: Mapping[str, str], notebook: Path, effective: Mapping[str, object]
) -> list[str]:
    """What of `expected` this machine's files do not match, by name: [] when all do."""
    try:
        found = files_read(notebook, effective)
    except OSError as error:
        return [f"its checkout cannot be read ({error.strerror}: {error.filename})"]
    return [name for name, digest in expected.items() if found.get(name) != digest]


class JobLost(Exception):
    """The cluster lost a job: it has had no worker for LOST_SECONDS, or it has gone."""


def bounded(client: Client, futures: list[Future]) -> Iterator[tuple[Future, Any]]:
    """Each future with its result, or the exception it ended with, as they end. Jobs still out
    when the cluster has had no worker (or no scheduler) for LOST_SECONDS end with JobLost."""
    pending = list(futures)
    seen_worker = time.monotonic()
    while pending:
        ended = [future for future in pending if future.status != "pending"]
        for future in ended:
            pending.remove(future)
            yield future, _outcome(future)
        if ended:
            continue
        if _workers(client):
            seen_worker = time.monotonic()
        elif time.monotonic() - seen_worker > LOST_SECONDS:
            lost = JobLost(f"the cluster has had no worker for {LOST_SECONDS:g} s; job lost")
            for future in pending:
                future.cancel()
                yield future, lost
            return
        time.sleep(POLL_SECONDS)


def _outcome(future: Future) -> Any:
    try:
        return future.result(timeout=CONNECT_SECONDS)
    except Exception as error:  # the task raised, its worker died, or it was cancelled
        return error


def _workers(client: Client) -> int:
    """How many workers the scheduler has; 0 when it does not answer in time."""
    try:
        identity = client.sync(client.scheduler.identity, callback_timeout=CONNECT_SECONDS)
    except Exception:  # gone, or not answering: as good as no worker
        return 0
    return len(identity.get("workers", {}))
