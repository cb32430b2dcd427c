"""Errors a user can cause. Each names where the problem is, so the CLI can print one line."""

from __future__ import annotations

from dataclasses import dataclass


class ClaimtraceError(Exception):
    """Base of every error the command line reports without a traceback."""


@dataclass(frozen=True)
class Problem:
    """One failed rule at one place: file, row (1-based, header excluded), column, value."""

    file: str
    rule: str
    row: int | None = None
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}, row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        shown = "" if self.value is None else f" = {self.value!r}"
        return f"{where}{shown}: {self.rule}"


class DataError(ClaimtraceError):
    """The curated tables or seeds break one or more rules; every problem is collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in the curated data:"]
        lines += [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


class ParameterError(ClaimtraceError):
    """A notebook or render parameter is unknown, of the wrong type or out of range."""


class RenderError(ClaimtraceError):
    """A report could not be rendered; the previous report, if any, is left in place."""
