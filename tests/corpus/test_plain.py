"""A plain table read by pandas gives exactly the frame the csv module gives, and a table that
pandas would read differently is left to the csv module."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrace.corpus.plain import plain_frame
from claimtrace.corpus.tables import csv_table

# Characters either reader might take for something other than text: spaces, tabs, the
# separators other parsers split lines at, a comment mark; and the two that make CSV.
TEXT = "x é\t\x0b\x0c\x1c\x85\u2028#"
CELL = st.text(st.sampled_from(TEXT + ',"'), max_size=5)
NAME = st.text(st.sampled_from('xyé#,"'), min_size=1, max_size=3).map(" {} ".format)
QUOTING = st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
SLIPS = st.sampled_from(['"', ",", " ", "x", "\n", '""', "\r", "\x00"])


def same_as_the_csv_module(data: bytes) -> bool:
    """Whether pandas read `data` (the frame is the csv module's), or left it to the csv module."""
    frame = plain_frame(data)
    if frame is None:
        return False
    expected = csv_table("table.csv", data)
    assert expected.frame is not None and not expected.problems
    pd.testing.assert_frame_equal(frame, expected.frame, check_exact=True)
    assert list(frame.dtypes) == list(expected.frame.dtypes)
    return True


@settings(max_examples=400, deadline=None, database=None)
@given(
    header=st.lists(NAME, min_size=1, max_size=4, unique=True),
    data=st.data(),
    quoting=QUOTING,
)
def test_a_table_reads_as_the_csv_module_reads_it(header: list[str], data, quoting) -> None:
    """Tables as a spreadsheet writes them, some with a character slipped in anywhere: a quote
    mark, a comma, a line break; read by pandas only if it reads them as the csv module does."""
    rows = data.draw(st.lists(st.lists(CELL, min_size=len(header), max_size=len(header))))
    text = io.StringIO()
    csv.writer(text, lineterminator="\n", quoting=quoting).writerows([header, *rows])
    written = text.getvalue()
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(written)))
        written = written[:at] + data.draw(SLIPS) + written[at:]
    same_as_the_csv_module(written.encode())


@settings(max_examples=200, deadline=None, database=None)
@given(body=st.text(st.sampled_from('x,\n "\r\x00\ufeff'), max_size=60))
def test_carriage_returns_and_nul_bytes_are_left_to_the_csv_module(body: str) -> None:
    data = f"a,b\n{body}".encode()
    assert not same_as_the_csv_module(data) or not set("\r\x00") & set(body)


@pytest.mark.parametrize(
    "data",
    [
        b"a,b\n1,2\n3,4\n",  # the plainest case
        b"a,b\n1,2\n3,4",  # the last line unended
        "a,b\nJoly,Mélanie\n".encode(),
        b'a,b\n"Tokyo, Japan",2\n',  # a comma inside a quoted cell
        b'"a","b"\n"say ""yes""",""\n',  # quoted names, a doubled quote mark, a quoted empty cell
    ],
)
def test_a_clean_plain_table_is_read_by_pandas(data: bytes) -> None:
    assert same_as_the_csv_module(data)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"a,b\n1,2\n\n3,4\n", "a blank line, which pandas skips"),
        (b"a,b\n1\n3,4,5\n", "rows of other lengths"),
        (b'a,b,c\n"x,y",1\n', "a row short of a cell, however many commas the line has"),
        (b"a,b\n1,2,3\n4\n", "a first row with a cell too many, which pandas takes as an index"),
        (b'a,b\n"two\nlines",2\n', "a row over two lines"),
        (b'a,b\n1,"open\n', "a quote mark left open, which pandas refuses"),
        (b"a,a\n1,2\n", "a name twice, which pandas renames"),
        (b"\xef\xbb\xbfa,b\n1,2\n", "a byte-order mark, which pandas drops"),
        (b"a,b\n\xe9,2\n", "bytes that are not UTF-8"),
        (b"a,b\n1,2\r\n", "a carriage return"),
        (b"a,b\n", "no data rows"),
    ],
)
def test_what_pandas_would_read_otherwise_is_left_to_the_csv_module(data: bytes, why: str) -> None:
    assert plain_frame(data) is None, why


@pytest.mark.parametrize("table", ["a,b\n1,{}\n", "a,{}\n1,2\n"])
def test_a_cell_over_the_field_limit_is_left_to_the_csv_module(table: str) -> None:
    data = table.format("x" * (csv.field_size_limit() + 1)).encode()
    assert plain_frame(data) is None
    assert "field larger than field limit" in csv_table("table.csv", data).problems[0].rule
