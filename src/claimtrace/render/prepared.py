"""A job ready to render: what the process that renders decides, and what a worker, local or on a
cluster, is handed to render it.

Its own module, so that the render (render/run.py), the executors and the workers that carry a
job out (render/executors.py, render/workers.py, render/execute.py) all import it from below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: a module that passes jobs along imports nothing heavy
    from claimtrace.render.jobs import Job
    from claimtrace.render.params import Parameter
    from claimtrace.store.cache import DataVersion


@dataclass(frozen=True)
class PreparedJob:
    """A job whose parameters passed, with everything its report will be made from."""

    job: Job
    given: dict[str, Any]  # each parameter as its notebook declares its type
    declared: dict[str, Parameter]
    title: str
    inputs: dict[str, Any]  # JSON values, as the manifest records them
    effective: dict[str, Any] = field(default_factory=dict)
    data: DataVersion | None = None  # None: the notebook reads no corpus
    about: dict[str, str] = field(default_factory=dict)
    """For the landing page: what the report tells (the notebook's `claimtrace.tells`
    metadata) and the date of its data."""
    request_hash: str = ""  # render/unchanged.py: what decides whether its report is up to date
