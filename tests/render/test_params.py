"""Notebook parameters: read from the `parameters` cell, checked before any kernel starts."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from claimtrace.errors import ParameterError
from claimtrace.render.params import (
    declared_parameters,
    parse_cli_value,
    validate_parameters,
)
from tests.factories import FIXTURE_NOTEBOOK

FIXTURE = FIXTURE_NOTEBOOK


def test_declared_parameters_read_names_types_defaults_and_help() -> None:
    declared = declared_parameters(FIXTURE)
    assert list(declared) == ["title", "rows", "ratio", "label", "sources", "fail"]
    assert declared["rows"].type == "int" and declared["rows"].default == 3
    assert declared["sources"].default == []
    assert declared["label"].default == "<script>alert(1)</script>"
    assert declared["fail"].help == "raise in the cell after the table"


def test_a_line_papermill_cannot_read_is_reported_not_dropped(tmp_path: Path) -> None:
    notebook = nbformat.read(FIXTURE, as_version=4)
    cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    cell.source += "\nwindow: int = 7  # days (default = a week)"
    broken = tmp_path / "broken.ipynb"
    nbformat.write(notebook, broken)
    with pytest.raises(ParameterError, match=r"window: line 7 assigns it.*no '=' in the help"):
        declared_parameters(broken)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("0.25", 0.25),
        ("true", True),
        ("[canadian-press, indiablooms]", ["canadian-press", "indiablooms"]),
        ("2022-10-01", "2022-10-01"),  # a date stays a string, as papermill's -y reads it
    ],
)
def test_cli_values_are_read_as_yaml(text: str, value: object) -> None:
    assert parse_cli_value(text) == value


def test_text_from_the_command_line_is_read_as_the_declared_type() -> None:
    given = {
        "title": "Wire stories: October",
        "label": "007",
        "rows": "12",
        "fail": "true",
        "sources": "[canadian-press, indiablooms]",
    }
    assert validate_parameters(FIXTURE, given) == {
        "title": "Wire stories: October",
        "label": "007",
        "rows": 12,
        "fail": True,
        "sources": ["canadian-press", "indiablooms"],
    }


def test_values_are_coerced_to_the_declared_type() -> None:
    given = {"rows": "12", "ratio": 1, "fail": "false", "sources": "rips, indiablooms", "title": 7}
    assert validate_parameters(FIXTURE, given) == {
        "rows": 12,
        "ratio": 1.0,
        "fail": False,
        "sources": ["rips", "indiablooms"],
        "title": "7",
    }


def test_unknown_names_and_wrong_types_are_all_reported_with_the_valid_names() -> None:
    with pytest.raises(ParameterError) as caught:
        validate_parameters(FIXTURE, {"rowz": 3, "rows": "many", "ratio": True})
    message = str(caught.value)
    assert "rowz: unknown parameter" in message
    assert [p.parameter for p in caught.value.problems] == ["rowz", "rows", "ratio"]
    assert "rows: expected int, got str 'many'" in message
    assert "ratio: expected float, got bool True" in message
    assert "rows: int = 3  (rows in the table)" in message  # the valid names, with their help


@pytest.mark.parametrize(
    ("given", "complaint"),
    [
        ({"title": "bad\udced\udca0\udc80title"}, "not valid Unicode text (character 4"),
        ({"sources": ["ok", "\ud800"]}, "not valid Unicode text"),
        ({"title": "t" * 10_001}, "10,001 characters long; at most 10,000"),
        ({"sources": "[&a [x, x], *a]"}, "refused as YAML: aliases (*name) are not accepted"),
        ({"sources": "[" * 30 + "]" * 30}, "nested deeper than 20 levels"),
        ({"rows": "{a: 1, a: 2}"}, "'a' is given twice"),
    ],
)
def test_values_are_bounded_and_valid_text_before_they_are_parsed(
    given: dict[str, object], complaint: str
) -> None:
    with pytest.raises(ParameterError, match=re.escape(complaint)) as caught:
        validate_parameters(FIXTURE, given)
    assert all(len(line) < 300 for line in str(caught.value).splitlines())


def test_a_notebook_that_cannot_be_read_is_a_parameter_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": 5}', encoding="utf-8")
    with pytest.raises(ParameterError, match="not a notebook that can be run"):
        declared_parameters(broken)
