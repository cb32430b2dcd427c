"""Errors a user can cause, each carrying its problems as data, and the one table of exit codes.

Every error below names where the problem is (file/row/column/value for the curated data,
job/parameter/value for a render), so the command line prints one line per problem and a caller
can test what went wrong without reading the message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum


class ExitCode(IntEnum):
    """What `claimtrace` returns; README.md and `claimtrace render --help` print this table."""

    OK = 0
    REPORT_FAILED = 1
    BAD_INPUT = 2
    LOCKED = 3


EXIT_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "every report rendered or up to date (or the command succeeded)",
    ExitCode.REPORT_FAILED: "a report failed; its previous version is kept",
    ExitCode.BAD_INPUT: "bad parameters, jobs file or data; nothing ran",
    ExitCode.LOCKED: "another render holds reports/.lock",
}


def exit_codes_text() -> str:
    """The exit-code table as one sentence, for `--help`."""
    return "Exit codes: " + "; ".join(f"{int(c)} {m}" for c, m in EXIT_MEANINGS.items()) + "."


class ClaimtraceError(Exception):
    """Base of every error the command line reports without a traceback."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


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


@dataclass(frozen=True)
class ParameterProblem:
    """One bad parameter: the rule it breaks, the parameter and value, and the job it is for."""

    rule: str
    parameter: str | None = None
    value: object = None
    job: str | None = None

    def __str__(self) -> str:
        # The job is named once, in the heading of the error that lists its problems.
        return f"{self.parameter}: {self.rule}" if self.parameter else self.rule


class ParameterError(ClaimtraceError):
    """Notebook or render parameters that are unknown, of the wrong type or out of range.

    `heading` says what was being checked (a notebook, the report filters); `valid` lists what
    would have been accepted, printed after the problems."""

    def __init__(
        self,
        problems: Sequence[ParameterProblem],
        heading: str = "bad parameter(s)",
        valid: Sequence[str] = (),
    ) -> None:
        self.problems = list(problems)
        self.heading = heading
        self.valid = list(valid)
        lines = [f"{heading}:"] + [f"  - {problem}" for problem in self.problems]
        if self.valid:
            lines += ["  valid parameters:"] + [f"    {line}" for line in self.valid]
        super().__init__("\n".join(lines))

    @classmethod
    def one(cls, rule: str, parameter: str | None = None, value: object = None) -> ParameterError:
        """An error with a single problem, headed by that problem's parameter."""
        return cls([ParameterProblem(rule, parameter, value)], heading="bad parameter")

    def for_job(self, job: str) -> ParameterError:
        """The same problems, each marked as belonging to `job`."""
        return ParameterError(
            [replace(p, job=job) for p in self.problems], f"job {job!r}: {self.heading}", self.valid
        )

    @classmethod
    def merged(cls, errors: Iterable[ParameterError]) -> ParameterError:
        """Several jobs' errors as one, so a run reports every bad job at once."""
        errors = list(errors)
        problems = [problem for error in errors for problem in error.problems]
        error = cls(problems, heading=f"bad parameters in {len(errors)} job(s)")
        error.args = ("\n".join(str(e) for e in errors),)
        return error


@dataclass(frozen=True)
class JobProblem:
    """One problem in a jobs file (or in the choice of jobs): the file or option, the rule
    broken, and the job and key it concerns (None when it concerns the whole file)."""

    file: str
    rule: str
    job: str | None
    key: str | None

    def __str__(self) -> str:
        where = f"job {self.job!r}" if self.job is not None else ""
        if self.key:
            where += f", key '{self.key}'" if where else f"key '{self.key}'"
        return f"{where}: {self.rule}" if where else self.rule


class JobsError(ClaimtraceError):
    """The jobs file (reports.yaml) or a job selection cannot be used; every problem at once."""

    def __init__(self, problems: Sequence[JobProblem]) -> None:
        self.problems = list(problems)
        files = list(dict.fromkeys(problem.file for problem in self.problems))
        lines = [f"{', '.join(files)}:"] + [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class RenderError(ClaimtraceError):
    """A report could not be rendered; the previous report, if any, is left in place."""

    exit_code = ExitCode.REPORT_FAILED


class ReportsLocked(RenderError):
    """Another render holds reports/.lock."""

    exit_code = ExitCode.LOCKED


class StoreError(ClaimtraceError):
    """The store of assessments and of published history cannot answer: its file is damaged,
    foreign or held by another program, or it has no such publication. One line: where, why."""

    def __init__(self, where: str, rule: str) -> None:
        self.where = where
        self.rule = rule
        super().__init__(f"{where}: {rule}")
