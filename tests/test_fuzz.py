"""Property-based fuzzing, bounded in time: whatever the curated tables, the parameters or the
jobs file hold, the answer is a DataError, ParameterError or JobsError, or success; never
another exception (which the command line would print as a traceback)."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrace.corpus.load import TABLES, load_corpus
from claimtrace.errors import DataError, JobsError, ParameterError
from claimtrace.render.jobs import load_jobs
from claimtrace.render.params import declared_parameters, validate_parameters
from tests.factories import FIXTURE_NOTEBOOK, GOOD

# Bounded: a few dozen corpora per property (each load takes a tenth of a second), no example
# database left behind.
BOUNDED = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Any text: control characters, quotes, separators, surrogates, the astral planes.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
CELLS = st.one_of(
    ANY_TEXT,
    st.sampled_from(["", ";", '"', "a,b", "9999-12", "0000", "../seed.txt", "/etc/hostname"]),
    st.integers(131_073, 140_000).map(lambda length: "x" * length),  # over the CSV field limit
)


def fresh_corpus() -> Path:
    root = Path(tempfile.mkdtemp(prefix="claimtrace-fuzz-"))
    shutil.copytree(GOOD, root, dirs_exist_ok=True)
    return root


def loads_or_refuses(data_dir: Path) -> None:
    try:
        load_corpus(data_dir)
    except DataError as error:
        assert error.problems


@BOUNDED
@given(table=st.sampled_from(TABLES), data=st.binary(max_size=2_000))
def test_any_bytes_as_a_table(table: str, data: bytes) -> None:
    root = fresh_corpus()
    try:
        (root / "data" / f"{table}.csv").write_bytes(data)
        loads_or_refuses(root / "data")
    finally:
        shutil.rmtree(root)


@BOUNDED
@given(
    table=st.sampled_from(TABLES),
    row=st.integers(0, 12),
    column=st.integers(0, 12),
    cell=CELLS,
)
def test_any_text_in_any_cell(table: str, row: int, column: int, cell: str) -> None:
    root = fresh_corpus()
    try:
        path = root / "data" / f"{table}.csv"
        with open(path, encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
        rows[min(row, len(rows) - 1)][min(column, len(rows[0]) - 1)] = cell
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\n").writerows(rows)
        path.write_bytes(text.getvalue().encode("utf-8", errors="surrogatepass"))
        loads_or_refuses(root / "data")
    finally:
        shutil.rmtree(root)


DECLARED = declared_parameters(FIXTURE_NOTEBOOK)
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), ANY_TEXT),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=12,
)
YAML_TEXT = st.one_of(
    ANY_TEXT,
    st.sampled_from(["[a, b]", "&a [x, *a]", "{a: 1, a: 2}", "[" * 50 + "]" * 50, "!!python/none"]),
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    name=st.sampled_from(sorted(DECLARED)) | ANY_TEXT,
    value=VALUES | YAML_TEXT,
)
def test_any_parameter_value(name: str, value: object) -> None:
    try:
        validate_parameters(FIXTURE_NOTEBOOK, {name: value}, DECLARED)
    except ParameterError as error:
        assert error.problems and str(error)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder holding the fixture notebook where jobs may name it."""
    root = tmp_path_factory.mktemp("project")
    (root / "notebooks").mkdir()
    shutil.copyfile(FIXTURE_NOTEBOOK, root / "notebooks" / "report.ipynb")
    return root


@BOUNDED
@given(
    text=st.one_of(
        ANY_TEXT,
        YAML_TEXT.map(lambda value: f"jobs:\n  demo:\n    notebook: {value}\n"),
        st.tuples(ANY_TEXT, YAML_TEXT).map(
            lambda pair: (
                f"jobs:\n  {pair[0]}:\n    notebook: notebooks/report.ipynb\n"
                f"    show_code: {pair[1]}\n    parameters: {{rows: {pair[1]}}}\n"
            )
        ),
    )
)
def test_any_jobs_file(project: Path, text: str) -> None:
    config = project / "reports.yaml"
    config.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        load_jobs(config)
    except JobsError as error:
        assert error.problems and str(error)
