"""Notebook parameters: declared in the `parameters` cell, validated before a kernel starts.

Each report notebook declares its parameters as literal lines `name: type = default  # help`
in one cell tagged `parameters`; papermill reads them back (`inspect_notebook`). A render
checks what it is given against that declaration, so a typo or a wrong type fails in
milliseconds with the list of valid names instead of minutes later inside a kernel.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from papermill import inspect_notebook
from papermill.iorw import NoDatesSafeLoader

from claimtrace.errors import ParameterError

SUPPORTED_TYPES = ("str", "int", "float", "bool", "list")
CREDIBILITY_GRADES = range(1, 7)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
        f"line {line} assigns {name!r} but papermill cannot read it "
        "(one `name: type = default  # help` per line; no '=' in the help)"
        for name, line in _assigned_names(notebook).items()
        if name not in inspected
    ]
    for name, spec in inspected.items():
        type_name = spec["inferred_type_name"]
        if type_name not in SUPPORTED_TYPES:
            problems.append(
                f"{name}: type {type_name!r} is not one of {', '.join(SUPPORTED_TYPES)}"
            )
            continue
        try:
            default = ast.literal_eval(spec["default"])
        except (ValueError, SyntaxError):
            problems.append(f"{name}: default {spec['default']!r} is not a literal")
            continue
        declared[name] = Parameter(name, type_name, default, spec["help"])
    if problems:
        raise ParameterError(_lines(f"{notebook}: bad `parameters` cell", problems))
    return declared


def _assigned_names(notebook: Path) -> dict[str, int]:
    """Names the `parameters` cell assigns, with their line numbers, read by Python itself."""
    cells = nbformat.read(notebook, as_version=4).cells
    source = next((c.source for c in cells if "parameters" in c.metadata.get("tags", [])), "")
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ParameterError(
            f"{notebook}: the `parameters` cell is not valid Python: {error}"
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
    problems: list[str] = []
    coerced: dict[str, object] = {}
    for name, value in given.items():
        if name not in declared:
            problems.append(f"unknown parameter {name!r}")
            continue
        try:
            coerced[name] = coerce(declared[name], value)
        except ValueError as error:
            problems.append(f"{name}: {error}")
    if problems:
        valid = [f"    {p.describe()}" for p in declared.values()] or ["    (none declared)"]
        raise ParameterError(
            _lines(f"{notebook}: bad parameter(s)", problems)
            + "\n  valid parameters:\n"
            + "\n".join(valid)
        )
    return coerced


def check_report_parameters(
    known_sources: Iterable[str],
    *,
    sources: Iterable[str],
    date_from: str,
    date_to: str,
    min_credibility: int,
) -> None:
    """Check a report's filters against the corpus; ParameterError lists every problem at once."""
    known = sorted(set(known_sources))
    problems = [
        f"sources: unknown source id {source!r}; valid: {', '.join(known)}"
        for source in sources
        if source not in known
    ]
    days: dict[str, dt.date] = {}
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        try:
            days[name] = _iso_day(value)
        except ValueError:
            problems.append(f"{name}: {value!r} is not an ISO date (YYYY-MM-DD)")
    if len(days) == 2 and days["date_from"] > days["date_to"]:
        problems.append(f"date_from {date_from} is after date_to {date_to}")
    if isinstance(min_credibility, bool) or min_credibility not in CREDIBILITY_GRADES:
        problems.append(
            f"min_credibility: {min_credibility!r} is not a credibility grade "
            f"(1 confirmed … 6 cannot be judged)"
        )
    if problems:
        raise ParameterError(_lines("report parameters", problems))


def _iso_day(value: object) -> dt.date:
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise ValueError(value)
    return dt.date.fromisoformat(value)


def _lines(head: str, problems: list[str]) -> str:
    return f"{head}:\n" + "\n".join(f"  - {problem}" for problem in problems)
