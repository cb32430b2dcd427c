"""A plain table (one row a line, lines ended by line feeds alone, no NUL byte) read by
pandas' C parser.

The csv module reads the tables (tables.py) and says what is wrong with a broken one. pandas'
C parser reads a large table faster and makes its strings column by column, so every later
pass over a column finds its cells together in memory: at a million claims, reading and
validating them take about 2 s less. It is used only where it certainly gives the frame the
csv module gives. Both split cells at commas outside quotes and read a quoted cell the same
way (a doubled quote mark is one; after the closing one, the rest of the cell is taken as it
is); without a carriage return or a NUL byte both end lines at line feeds alone. They still
differ where pandas pads a short row, drops a cell past the header's, skips a blank line or
stops at a quote left open, and where the csv module stops at a cell over its field limit. So a
table is read here only when every comma not inside a cell parts two cells on the header's
count (a blank line has none), pandas gives one row per line under the same header, and no line
is longer than the field limit. Anything else is left to the csv module.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

CHUNK_BYTES = 1 << 24
"""Bytes scanned at a time when counting lines and commas: a few small arrays, not a copy of
the file."""


def plain_frame(data: bytes) -> pd.DataFrame | None:
    """The table in `data` as the csv module would read it into a frame of strings, when it is
    plain, has a header of distinct names and rows of the header's cells; None otherwise (the
    csv module reads it then, and says what is wrong)."""
    if b"\r" in data or b"\0" in data:
        return None
    lines, commas, longest = _shape(data)
    if longest > csv.field_size_limit():
        return None
    header_end = data.find(b"\n")
    try:
        header_line = data[: header_end if header_end >= 0 else len(data)].decode("utf-8")
    except UnicodeDecodeError:
        return None
    header = next(csv.reader([header_line]), [])
    if not any(name.strip() for name in header) or len(set(header)) < len(header):
        return None
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, na_filter=False, engine="c")
    except ValueError:  # not UTF-8, a row with more cells than the header, a quote left open
        return None
    if (
        list(frame.columns) != header  # pandas renames or drops: a byte-order mark, say
        or not isinstance(frame.index, pd.RangeIndex)  # a first row with a cell too many
        or len(frame) != lines - 1  # a blank line skipped, or a row over several lines
        or frame.empty
    ):
        return None
    # The commas in quoted cells are their own; every other one parts two cells of a row.
    quoted = _cell_commas(header, frame) if b'"' in data else 0
    if commas != lines * (len(header) - 1) + quoted:
        return None  # a row short of cells, which pandas pads
    return frame


def _cell_commas(header: list[str], frame: pd.DataFrame) -> int:
    """The commas inside the header's names and the frame's cells."""
    return sum(name.count(",") for name in header) + sum(
        "".join(frame[column].to_numpy(object)).count(",") for column in frame.columns
    )


def _shape(data: bytes) -> tuple[int, int, int]:
    """The lines of `data` (ended by a line feed, or by the end of the data), its commas, and
    the length of its longest line in bytes."""
    view = np.frombuffer(data, np.uint8)
    lines = commas = longest = 0
    last_end = -1  # where the last line feed seen is
    for offset in range(0, len(view), CHUNK_BYTES):
        chunk = view[offset : offset + CHUNK_BYTES]
        commas += int(np.count_nonzero(chunk == ord(",")))
        ends = np.flatnonzero(chunk == ord("\n")) + offset
        if len(ends):
            longest = max(longest, int((np.diff(ends, prepend=last_end) - 1).max()))
            lines += len(ends)
            last_end = int(ends[-1])
    if last_end < len(view) - 1:  # the last line, unended
        lines += 1
        longest = max(longest, len(view) - 1 - last_end)
    return lines, commas, longest
