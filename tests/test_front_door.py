"""`claimtrace.open_report` is the public entry point, and importing the package stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import claimtrace
from claimtrace.present.report import open_report


def test_the_entry_point_is_the_packages_own_attribute() -> None:
    assert claimtrace.open_report is open_report
    assert "open_report" in claimtrace.__all__
    with pytest.raises(AttributeError, match="no attribute 'open_reports'"):
        _ = claimtrace.open_reports


def test_importing_the_package_imports_no_stage_nor_pandas() -> None:
    probe = (
        "import sys, claimtrace\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.startswith(('claimtrace.', 'pandas')))\n"
        "print(loaded())\n"
        "import claimtrace.judge.judged\n"  # the probe sees a stage and pandas once imported
        "print('pandas' in loaded(), 'claimtrace.judge' in loaded())\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "True True"]
