"""Reading one curated CSV file: only a regular file directly inside its folder, never through a
link, decoded strictly as UTF-8, with the line of the file each data row starts on (a quoted
field may span lines), so a problem names the line an editor shows. A plain table (one row a
line, lines ended by line feeds alone, no NUL byte) is read faster by pandas where that gives
the same frame (plain.py); every other table, and every broken one, by the csv module."""

from __future__ import annotations

import contextlib
import csv
import errno
import gc
import io
import os
import stat
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from claimtrace.corpus.plain import plain_frame
from claimtrace.errors import Problem, ProblemLog

BOM = b"\xef\xbb\xbf"


def read_inside(folder: Path, name: str) -> bytes:
    """The bytes of the regular file `name` directly inside `folder`, opened without following
    a link. FileNotFoundError when it is missing; ValueError saying why it cannot be used, in
    words that reveal nothing of what a link points to."""
    try:
        handle = os.open(folder / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ValueError(f"is a link in {folder}; it must be a regular file there") from None
        raise ValueError(f"cannot be read from {folder}: {error.strerror}") from None
    # Looked at before the descriptor becomes a file object: opening one of a folder raises.
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise ValueError(f"is not a regular file in {folder}")
    with os.fdopen(handle, "rb") as file:
        return file.read()


class TableFile(NamedTuple):
    """A curated CSV as read: its frame of strings (None when it cannot be used), the bytes it
    was read from, the line each data row starts on, and the problems found reading it."""

    frame: pd.DataFrame | None
    data: bytes
    lines: Sequence[int]  # an array of int64 when read whole: one number a row, not an object
    problems: list[Problem]


def rows_of(frame: pd.DataFrame, *columns: str) -> Iterator[tuple[Any, ...]]:
    """The named cells of each row, in order, read from the frame's columns as arrays:
    iterating a pandas column of strings costs a method call per cell. Each cell is of its
    column's type (text in the curated tables), hence Any."""
    return zip(*(frame[column].to_numpy(object) for column in columns), strict=True)


def at_line(problem: Problem, lines: Mapping[str, Sequence[int]]) -> Problem:
    """The problem with the line its row starts on in its file, when the file's lines are
    known (`lines`: file name -> the line of each data row)."""
    if problem.row is None or problem.line is not None or problem.file not in lines:
        return problem
    return replace(problem, line=int(lines[problem.file][problem.row - 1]))


def read_table(path: Path) -> TableFile:
    """A curated CSV as a frame of strings, with the bytes it was read from and the line each
    row starts on; no frame, with the problems, when it cannot be read."""
    file = path.name
    try:
        data = read_inside(path.parent, file)
    except FileNotFoundError:
        return TableFile(None, b"", [], [Problem(file, f"file is missing from {path.parent}")])
    except ValueError as error:
        return TableFile(None, b"", [], [Problem(file, f"the file {error}")])
    frame = plain_frame(data)
    if frame is not None:  # one row a line: data row N starts on line N + 1
        lines = np.arange(2, len(frame) + 2)
        return TableFile(frame, data, lines, [])  # type: ignore[arg-type]  # indexed like a list
    return csv_table(file, data)


def csv_table(file: str, data: bytes) -> TableFile:
    """The table read from the bytes of `file` by the csv module, with every problem found."""
    with _cycle_collection_paused():
        return _read_rows(file, data)


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a table is read: a row is a list, and the
    collector would walk every row read so far each time their number grew by a quarter (3 of
    the 5 s it takes to read a million claims), to find cycles that rows of strings never
    form. Resumed as it was, whatever happens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_rows(file: str, data: bytes) -> TableFile:
    problems = ProblemLog()
    # Decoded as it is parsed: a whole-file str would double the memory of a large table.
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")
    if data.startswith(BOM):
        problems.add(Problem(file, "starts with a byte-order mark; save as UTF-8 without BOM"))
        text.read(1)
    reader = csv.reader(text)
    try:
        rows = list(reader)
    except UnicodeDecodeError:
        try:
            data.decode("utf-8")  # the streaming decoder knows offsets only in its last chunk
        except UnicodeDecodeError as error:
            problems.add(Problem(file, _not_utf8(data, error.start)))
        return TableFile(None, data, [], problems.problems())
    except csv.Error as error:
        rule = (
            f"line {reader.line_num} cannot be read as CSV ({error}); is a quote mark left "
            "open, so that the rest of the file reads as one cell?"
        )
        problems.add(Problem(file, rule))
        return TableFile(None, data, [], problems.problems())
    if not rows or not any(cell.strip() for cell in rows[0]):
        problems.add(Problem(file, "file is empty; expected a header row"))
        return TableFile(None, data, [], problems.problems())
    header, body, lines = rows[0], rows[1:], _row_starts(data, rows)[1:]
    if not body:
        problems.add(Problem(file, "has a header but no data rows"))
    counts = Counter(header)
    for column in sorted(name for name, seen in counts.items() if seen > 1):
        problems.add(Problem(file, "column appears twice in the header", column=column))
    ragged = np.flatnonzero(np.fromiter(map(len, body), "int64", len(body)) != len(header))
    for row in ragged + 1:
        rule = f"has {len(body[row - 1])} fields; the header has {len(header)}"
        problems.add(
            Problem(file, rule, int(row), line=int(lines[row - 1])),
            kind=f"does not have the header's {len(header)} fields",
        )
    if len(ragged) or len(counts) < len(header):
        return TableFile(None, data, [], problems.problems())
    frame = pd.DataFrame(body, columns=header, dtype=str)
    return TableFile(frame, data, lines, problems.problems())  # type: ignore[arg-type]  # as above


def _row_starts(data: bytes, rows: list[list[str]]) -> np.ndarray:
    """The line of the file each row read from `data` starts on (1-based). The reader reads
    the file a line at a time, each ended by a line feed, a carriage return or both, and a row
    ends with a line: it spans one line and one more for each line break in its cells."""
    lines = data.count(b"\n")
    if b"\r" in data:  # found at memory speed; counted only in a file that has one
        lines += data.count(b"\r") - data.count(b"\r\n")
    if data and not data.endswith((b"\n", b"\r")):
        lines += 1  # the last line, unended
    if lines == len(rows):  # no row spans lines: counted without reading every cell
        return np.arange(1, len(rows) + 1)
    spans = np.fromiter((1 + sum(map(_line_breaks, cells)) for cells in rows), "int64", len(rows))
    return np.cumsum(spans) - spans + 1


def _line_breaks(cell: str) -> int:
    return cell.count("\n") + cell.count("\r") - cell.count("\r\n")


def _not_utf8(data: bytes, start: int) -> str:
    line = data.count(b"\n", 0, start) + 1
    return (
        f"not UTF-8 (wrong encoding?): byte 0x{data[start]:02X} at byte offset {start}, "
        f"line {line}; save the file as UTF-8"
    )
