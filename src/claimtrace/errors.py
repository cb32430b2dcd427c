"""Errors a user can cause, each carrying its problems as data, and the one table of exit codes.

Every error below names where the problem is (file/row/column/value for the curated data,
job/parameter/value for a render), so the command line prints one line per problem and a caller
can test what went wrong without reading the message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """What `claimtrace` returns; README.md and `claimtrace render --help` print this table."""

    OK = 0
    REPORT_FAILED = 1
    BAD_INPUT = 2
    LOCKED = 3
    INTERRUPTED = 130  # the shell's code for a command ended by Ctrl-C (128 + SIGINT)


EXIT_MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "every report rendered or up to date (or the command succeeded)",
    ExitCode.REPORT_FAILED: "a report failed (a cell raised, the disk filled up); its previous "
    "version is kept",
    ExitCode.BAD_INPUT: "bad parameters, jobs file, data or reports folder; nothing ran",
    ExitCode.LOCKED: "another render holds reports/.lock",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C); the previous reports are kept",
}


def exit_codes_text() -> str:
    """The exit-code table as one sentence, for `--help`."""
    return "Exit codes: " + "; ".join(f"{int(c)} {m}" for c, m in EXIT_MEANINGS.items()) + "."


SHOWN_CHARACTERS = 80
"""A value quoted in a message is cut to this many characters, its length said."""
EXAMPLES_PER_KIND = 5
"""Problems of one kind (file, column, rule) listed in full; the rest are counted."""


def brief(value: object) -> str:
    """repr(value), cut to SHOWN_CHARACTERS with its length said, so a 10 MB cell or a huge
    parameter makes a one-line message."""
    shown = repr(value)
    if len(shown) <= SHOWN_CHARACTERS:
        return shown
    return f"{shown[:SHOWN_CHARACTERS]}… ({len(str(value)):,} characters)"


class ClaimtraceError(Exception):
    """Base of every error the command line reports without a traceback."""

    exit_code: ExitCode = ExitCode.BAD_INPUT

    def _render_traceback_(self) -> list[str]:
        # IPython shows what this returns in place of a traceback: a notebook user who passed
        # a bad parameter reads the message, as the command line prints it.
        return [f"{type(self).__name__}: {self}"]


class UnusablePath(ClaimtraceError):
    """A file or folder a command needs cannot be used: a folder that is a file, a lock that is
    a folder, a read-only or full disk. Nothing ran."""

    def __init__(self, path: Path | str, cause: str) -> None:
        self.path = str(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")


def row_named(row: int, lines: Sequence[int] | None) -> str:
    """How a message names a 1-based data row: by the line of the file it starts on when the
    lines are known (`lines[row - 1]`), else by its number."""
    return f"line {lines[row - 1]}" if lines is not None else f"row {row}"


@dataclass(frozen=True)
class Problem:
    """One failed rule at one place: file, row (1-based, header excluded), column, value, and
    the line of the file the row starts on (1-based, header and every line of a multi-line
    quoted field counted), which is what a message names when it is known.

    `more` > 0 makes it a count instead: that many further problems of this kind (file,
    column, rule) were found and not listed."""

    file: str
    rule: str
    row: int | None = None
    column: str | None = None
    value: object = None
    more: int = 0
    line: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            where = f"{self.file}, line {self.line}"
        elif self.row is not None:
            where = f"{self.file}, row {self.row}"
        else:
            where = self.file
        if self.column is not None:
            where += f", column '{self.column}'"
        if self.more:
            return f"{where}: … and {self.more:,} more: {self.rule}"
        shown = "" if self.value is None else f" = {brief(self.value)}"
        return f"{where}{shown}: {self.rule}"


class ProblemLog:
    """Problems as they are found: the first EXAMPLES_PER_KIND of each kind (file, column,
    rule) kept, the rest only counted, so a million bad rows cost a counter, not a million
    lines. `kind` groups problems whose rule text differs row by row (it names the offsets)."""

    def __init__(self) -> None:
        self._examples: list[Problem] = []
        self._listed: Counter[tuple[str, str | None, str]] = Counter()
        self._more: Counter[tuple[str, str | None, str]] = Counter()

    def add(self, problem: Problem, kind: str | None = None) -> None:
        key = (problem.file, problem.column, kind or problem.rule)
        if problem.more:
            self._more[key] += problem.more
        elif self._listed[key] < EXAMPLES_PER_KIND:
            self._listed[key] += 1
            self._examples.append(problem)
        else:
            self._more[key] += 1

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    def __bool__(self) -> bool:
        return bool(self._examples or self._more)

    def problems(self) -> list[Problem]:
        """The examples in the order found, then a count of each kind's unlisted rest."""
        counts = [
            Problem(file, rule, column=column, more=more)
            for (file, column, rule), more in self._more.items()
        ]
        return self._examples + counts


class DataError(ClaimtraceError):
    """The curated tables or seeds break one or more rules; every problem is collected (a
    kind's problems beyond EXAMPLES_PER_KIND as one count)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        total = sum(problem.more or 1 for problem in problems)
        lines = [f"{total:,} problem(s) in the curated data:"]
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
        if not self.parameter:
            return self.rule
        name = self.parameter
        return f"{name if len(name) <= SHOWN_CHARACTERS else brief(name)}: {self.rule}"


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


class OptionError(ClaimtraceError):
    """A curation command (`add-source`, `draft`) was given arguments it cannot use; nothing
    was written. One line per problem, each naming the argument or option and the rule broken."""

    def __init__(self, command: str, problems: Sequence[ParameterProblem]) -> None:
        self.command = command
        self.problems = list(problems)
        super().__init__("\n".join(f"{command}: {problem}" for problem in self.problems))


@dataclass(frozen=True)
class JobProblem:
    """One problem in a jobs file (or in the choice of jobs): the file or option, the rule
    broken, and the job and key it concerns (None when it concerns the whole file)."""

    file: str
    rule: str
    job: str | None
    key: str | None

    def __str__(self) -> str:
        where = f"job {brief(self.job)}" if self.job is not None else ""
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
