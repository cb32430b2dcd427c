"""A table's rows are named by the line of the file they start on, as an editor shows it,
whatever line breaks its file and its quoted cells hold."""

from __future__ import annotations

import csv
import gc
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrace.corpus.tables import read_table

HEADER = "a,b\n"


def lines_as_read(data: bytes) -> list[int]:
    """The line each data row starts on, as the CSV reader counts lines while reading it."""
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=""))
    starts, ended = [], 0
    for _ in reader:
        starts.append(ended + 1)
        ended = reader.line_num
    return starts[1:]


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # one file, rewritten each time
)
@given(body=st.text(st.sampled_from('x,"\n\r '), max_size=60))
def test_each_row_is_named_by_the_line_it_starts_on(tmp_path: Path, body: str) -> None:
    data = (HEADER + body).encode("utf-8")
    (tmp_path / "table.csv").write_bytes(data)
    table = read_table(tmp_path / "table.csv")
    starts = lines_as_read(data)
    if table.frame is not None:
        assert list(table.lines) == starts
    for problem in table.problems:
        if problem.row is not None:  # a row without the header's fields, named by its line
            assert problem.line == starts[problem.row - 1]


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("body", ["1,2\n", "1\n", '1,"2\n'])
def test_reading_leaves_the_cycle_collector_as_it_was(
    tmp_path: Path, enabled: bool, body: str
) -> None:
    """Paused while a table is read, whether it reads well or not (a row without the header's
    fields, a quote left open), and never switched on by reading if it was off."""
    (tmp_path / "table.csv").write_bytes((HEADER + body).encode("utf-8"))
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        read_table(tmp_path / "table.csv")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
