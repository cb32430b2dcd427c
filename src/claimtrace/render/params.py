"""Notebook parameters: declared in the `parameters` cell, validated before a kernel starts.

Each report notebook declares its parameters as literal lines `name: type = default  # help`
in one cell tagged `parameters`; papermill reads them back (`inspect_notebook`). A render
checks what it is given against that declaration, so a typo or a wrong type fails in
milliseconds with the list of valid names instead of minutes later inside a kernel.

Values are bounded before they are parsed (MAX_PARAMETER_CHARS, and YAML without aliases or
deep nesting, so a few bytes cannot cost minutes), and text must be valid Unicode: a value a
kernel, a manifest or the index could not write is refused here.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml
from papermill import inspect_notebook

from claimtrace.errors import ParameterError, ParameterProblem, brief
from claimtrace.render.strict_yaml import load_yaml

SUPPORTED_TYPES = ("str", "int", "float", "bool", "list")
MAX_PARAMETER_CHARS = 10_000
"""The longest parameter value accepted (as given, or as JSON once parsed)."""


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
    cells = read_notebook(notebook).cells
    try:
        inspected = inspect_notebook(str(notebook))
    except Exception as error:  # papermill fails on what it cannot translate in many ways
        raise _unreadable(notebook, error) from None
    problems = [
        ParameterProblem(
            f"line {line} assigns it but papermill cannot read it "
            "(one `name: type = default  # help` per line; no '=' in the help)",
            name,
        )
        for name, line in _assigned_names(notebook, cells).items()
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


def read_notebook(notebook: Path) -> nbformat.NotebookNode:
    """The notebook, valid under nbformat's schema; ParameterError saying why it is not."""
    try:
        document = nbformat.read(notebook, as_version=4)
        nbformat.validate(document)
    except Exception as error:  # nbformat fails on JSON, schema, type and attribute errors alike
        raise _unreadable(notebook, error) from None
    return document


def _unreadable(notebook: Path, error: Exception) -> ParameterError:
    first_line = next(iter(str(error).strip().splitlines()), type(error).__name__)
    rule = f"not a notebook that can be run: {brief(first_line)}"
    return ParameterError([ParameterProblem(rule)], heading=str(notebook))


def _assigned_names(notebook: Path, cells: list[nbformat.NotebookNode]) -> dict[str, int]:
    """Names the `parameters` cell assigns, with their line numbers, read by Python itself."""
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
        # An augmented or annotated assignment has one target; any other statement has none.
        targets: list[ast.expr | None] = (
            list(node.targets) if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        )
        for target in targets:
            if isinstance(target, ast.Name):
                assigned.setdefault(target.id, node.lineno)
    return assigned


def parse_cli_value(text: str) -> object:
    """A `-p KEY VALUE` string read as YAML the way papermill's `-y` does (dates stay strings);
    text that is not YAML stays text. ValueError for what StrictYamlLoader refuses.

    Only for non-`str` parameters: `coerce` keeps the text of a `str` parameter untouched.
    """
    try:
        return load_yaml(text)
    except (yaml.composer.ComposerError, yaml.constructor.ConstructorError) as error:
        raise ValueError(f"refused as YAML: {error.problem}") from None
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
    raise ValueError(f"expected {kind}, got {type(value).__name__} {brief(value)}")


def validate_parameters(
    notebook: Path, given: Mapping[str, object], declared: Mapping[str, Parameter] | None = None
) -> dict[str, Any]:
    """The given parameters coerced to their declared types (each value of its own type, hence
    Any); every problem raised at once."""
    declared = declared_parameters(notebook) if declared is None else declared
    problems: list[ParameterProblem] = []
    coerced: dict[str, object] = {}
    for name, value in given.items():
        if name not in declared:
            problems.append(ParameterProblem("unknown parameter", name))
            continue
        refused = value_problem(value)
        if refused:
            problems.append(ParameterProblem(refused, name, value))
            continue
        try:
            coerced[name] = coerce(declared[name], value)
        except ValueError as error:
            problems.append(ParameterProblem(str(error), name, value))
    if problems:
        valid = [p.describe() for p in declared.values()] or ["(none declared)"]
        raise ParameterError(problems, heading=f"{notebook}: bad parameter(s)", valid=valid)
    return coerced


def value_problem(value: object) -> str | None:
    """Why a given value is refused before it is parsed, or None: too long, or text that is not
    valid Unicode (a byte that is not UTF-8 on the command line, a lone surrogate in YAML)."""
    size = len(value) if isinstance(value, str) else len(json.dumps(value, default=str))
    if size > MAX_PARAMETER_CHARS:
        return f"{size:,} characters long; at most {MAX_PARAMETER_CHARS:,} are accepted"
    for text in _texts(value):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            return (
                f"not valid Unicode text (character {error.start + 1} of {brief(text)} is not "
                "UTF-8); give the value as UTF-8 text"
            )
    return None


def _texts(value: object) -> list[str]:
    """Every string in a value and in the lists and mappings it holds."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, Mapping):
        return [text for pair in value.items() for item in pair for text in _texts(item)]
    return []
