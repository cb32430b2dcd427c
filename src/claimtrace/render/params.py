"""Notebook parameters: declared in the `parameters` cell, validated before a kernel starts.

Each report notebook declares its parameters as literal lines `name: type = default  # help`
in one cell tagged `parameters`; papermill reads them back (`inspect_notebook`). A render
checks what it is given against that declaration, so a typo or a wrong type fails in
milliseconds with the list of valid names instead of minutes later inside a kernel.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from papermill import inspect_notebook
from papermill.iorw import NoDatesSafeLoader

from claimtrace.errors import ParameterError, ParameterProblem

SUPPORTED_TYPES = ("str", "int", "float", "bool", "list")


@dataclass(frozen=True)
class Parameter:
    """One line of a `parameters` cell: `name: type = default  # help`."""

    name: str
    type: str
    default: object
    help: str

    def describe(self) -> str:
        return f"{self.name}: {self.type} = {self.default!r}" + (
            f"  ({self.help})" if self.help else ""
        )


def declared_parameters(notebook: Path) -> dict[str, Parameter]:
    """The parameters a notebook declares, in cell order; ParameterError if a line is unusable."""
    declared: dict[str, Parameter] = {}
    inspected = inspect_notebook(str(notebook))
    problems = [
        ParameterProblem(
            f"line {line} assigns it but papermill cannot read it "
            "(one `name: type = default  # help` per line; no '=' in the help)",
            name,
        )
        for name, line in _assigned_names(notebook).items()
        if name not in inspected
    ]
    for name, spec in inspected.items():
        type_name = spec["inferred_type_name"]
        if type_name not in SUPPORTED_TYPES:
            problems.append(
                ParameterProblem(
                    f"type {type_name!r} is not one of {', '.join(SUPPORTED_TYPES)}", name
                )
            )
            continue
        try:
            default = ast.literal_eval(spec["default"])
        except (ValueError, SyntaxError):
            problems.append(ParameterProblem(f"default {spec['default']!r} is not a literal", name))
            continue
        declared[name] = Parameter(name, type_name, default, spec["help"])
    if problems:
        raise ParameterError(problems, heading=f"{notebook}: bad `parameters` cell")
    return declared


def _assigned_names(notebook: Path) -> dict[str, int]:
    """Names the `parameters` cell assigns, with their line numbers, read by Python itself."""
    cells = nbformat.read(notebook, as_version=4).cells
    source = next((c.source for c in cells if "parameters" in c.metadata.get("tags", [])), "")
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ParameterError(
            [ParameterProblem(f"not valid Python: {error}")],
            heading=f"{notebook}: the `parameters` cell",
        ) from error
    assigned: dict[str, int] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name):
                assigned.setdefault(target.id, node.lineno)
    return assigned


def parse_cli_value(text: str) -> object:
    """A `-p KEY VALUE` string read as YAML the way papermill's `-y` does (dates stay strings).

    Only for non-`str` parameters: `coerce` keeps the text of a `str` parameter untouched.
    """
    try:
        return yaml.load(text, Loader=NoDatesSafeLoader)
    except yaml.YAMLError:
        return text


def coerce(parameter: Parameter, value: object) -> object:
    """The value converted to the declared type; ValueError when that would lose meaning.

    Text (from `-p KEY VALUE` or a quoted YAML value) is taken as is for a `str` parameter, so a
    title like "Wire stories: October" or "007" survives, and read as YAML for any other type.
    """
    kind = parameter.type
    if isinstance(value, str) and kind != "str":
        value = parse_cli_value(value)
    if kind == "str":
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
    elif kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
    elif kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"[+-]?\d+", value.strip()):
            return int(value)
        if isinstance(value, float) and value.is_integer():
            return int(value)
    elif kind == "float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
    elif kind == "list":
        if isinstance(value, list | tuple):
            return list(value)
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
    raise ValueError(f"expected {kind}, got {type(value).__name__} {value!r}")


def validate_parameters(
    notebook: Path, given: Mapping[str, object], declared: Mapping[str, Parameter] | None = None
) -> dict[str, object]:
    """The given parameters coerced to their declared types; every problem raised at once."""
    declared = declared_parameters(notebook) if declared is None else declared
    problems: list[ParameterProblem] = []
    coerced: dict[str, object] = {}
    for name, value in given.items():
        if name not in declared:
            problems.append(ParameterProblem("unknown parameter", name))
            continue
        try:
            coerced[name] = coerce(declared[name], value)
        except ValueError as error:
            problems.append(ParameterProblem(str(error), name, value))
    if problems:
        valid = [p.describe() for p in declared.values()] or ["(none declared)"]
        raise ParameterError(problems, heading=f"{notebook}: bad parameter(s)", valid=valid)
    return coerced
