"""claimtrace: every sentence of the report traced to a source, every source graded.

A notebook opens its report with `claimtrace.open_report(data_dir, sources=…, date_from=…,
date_to=…, min_credibility=…)` (present/report.py), then calls it: `report.bottom_line()`,
`report.view.claims`, ….
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["open_report"]

if TYPE_CHECKING:
    from claimtrace.present.report import open_report


def __getattr__(name: str) -> object:
    # Imported on first use, so that `import claimtrace` (every command, a render with nothing to
    # do) does not pay for pandas, IPython and the report's modules.
    if name == "open_report":
        from claimtrace.present.report import open_report

        return open_report
    raise AttributeError(f"module 'claimtrace' has no attribute {name!r}")
