"""Register a new seed: its text copied into seeds/ under the documented name, its row appended
to sources.csv. Everything is checked before anything is written, and each file is replaced
whole (written beside it, then renamed), so a refused or failed registration changes nothing.

The seed's name is `NNN_<16 hex>.txt`: the next serial number after every name already in
seeds/ or sources.csv, and the first 16 hex digits of the text's SHA-256 (data/README.md).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from claimtrace.corpus.anchoring import decode_seed, seed_sha256
from claimtrace.corpus.dates import precision_of
from claimtrace.corpus.files import write_atomically
from claimtrace.corpus.language import detect_language
from claimtrace.corpus.rules import Context
from claimtrace.corpus.schemas import sources_schema
from claimtrace.corpus.tables import read_table
from claimtrace.corpus.validate import validate_table
from claimtrace.errors import DataError, OptionError, ParameterProblem
from claimtrace.string_storage import PYTHON_TEXT
from claimtrace.vocabulary import OFFICIAL_RECORD_KIND, SOURCE_KINDS

COMMAND = "add-source"
SERIAL = re.compile(r"(\d+)_")
"""The serial number that starts a seed's name."""
READER_NAME_COLUMN = "reader_name"
"""The sources.csv column for the short name readers see ("Canadian Press"), where it exists."""
LANGUAGE_COLUMN = "language"
"""The sources.csv column for the seed's language (ISO 639-1), where it exists."""
OPTIONS = {
    "source_id": "--id",
    "title": "--title",
    "publisher": "--publisher",
    "author": "--author",
    "published": "--published",
    "published_precision": "--published-precision",
    "date_basis": "--date-basis",
    "kind": "--kind",
    "relies_on": "--relies-on",
    "lineage_basis": "--lineage-basis",
    "url": "--url",
    READER_NAME_COLUMN: "--name",
    LANGUAGE_COLUMN: "--language",
}
"""The sources.csv column each option of `claimtrace add-source` fills."""
COMPUTED = ("seed_file", "seed_sha256")
"""Columns add-source fills itself."""
SEED_KINDS = tuple(kind for kind in SOURCE_KINDS if kind != OFFICIAL_RECORD_KIND)
"""Every source kind but the official record's, which has no seed."""


@dataclass(frozen=True)
class NewSource:
    """What the curator says about a new seed; empty means not known."""

    source_id: str
    kind: str
    title: str = ""
    publisher: str = ""
    author: str = ""
    published: str = ""
    published_precision: str = ""  # empty: read from the form of `published`
    date_basis: str = ""
    relies_on: str = ""
    lineage_basis: str = ""
    url: str = ""
    name: str = ""  # the reader name, for the column READER_NAME_COLUMN
    language: str = ""  # ISO 639-1; empty: detected from the text
    columns: Mapping[str, str] = field(default_factory=dict)  # other sources.csv columns

    def cells(self) -> dict[str, str]:
        """The option-filled cells of the row, by sources.csv column."""
        precision = self.published_precision or _precision(self.published)
        return {
            "source_id": self.source_id,
            "title": self.title,
            "publisher": self.publisher,
            "author": self.author,
            "published": self.published,
            "published_precision": precision,
            "date_basis": self.date_basis,
            "kind": self.kind,
            "relies_on": "; ".join(_items(self.relies_on)),
            "lineage_basis": self.lineage_basis,
            "url": self.url,
            READER_NAME_COLUMN: self.name,
            LANGUAGE_COLUMN: self.language,
            **self.columns,
        }


@dataclass(frozen=True)
class Registered:
    seed_path: Path
    sha256: str
    row: dict[str, str]  # the appended row, by sources.csv column
    not_recorded: tuple[str, ...]  # options given whose column sources.csv does not have
    language_detected: bool = False  # whether the `language` cell was read from the text


def seed_name(serial: int, sha256: str) -> str:
    """The documented name of a seed: `seed_name(5, 'ab12…') == '005_ab12…(16 hex).txt'`."""
    return f"{serial:03d}_{sha256[:16]}.txt"


def next_serial(names: Iterable[str]) -> int:
    """One more than the highest serial that starts any of `names` (0 when there is none)."""
    serials = [int(match.group(1)) for name in names if (match := SERIAL.match(name))]
    return max(serials, default=-1) + 1


def add_source(
    text_file: Path, new: NewSource, data_dir: Path, seeds_dir: Path | None = None
) -> Registered:
    """Copy `text_file` into seeds/ and append its sources.csv row, or raise without writing:
    OptionError listing every bad argument, DataError if sources.csv cannot be read."""
    seeds_dir = data_dir.parent / "seeds" if seeds_dir is None else seeds_dir
    sources_path = data_dir / "sources.csv"
    sources, _, lines, read_problems = read_table(sources_path)
    if sources is None:
        raise DataError(read_problems)
    header = list(sources.columns)

    data, problems = _read_text(text_file)
    sha256 = seed_sha256(data) if data is not None else ""
    problems += _option_problems(new, header)
    problems += _duplicates(new, sha256, sources, lines)
    name = seed_name(next_serial([*_names(seeds_dir), *sources.get("seed_file", [])]), sha256)
    if data is not None and (seeds_dir / name).exists():
        problems.append(ParameterProblem(f"seeds/{name} exists already; remove it", "FILE"))
    if not seeds_dir.is_dir():
        problems.append(ParameterProblem(f"{seeds_dir} is not a folder", "--seeds-dir"))
    if problems:
        raise OptionError(COMMAND, problems)
    assert data is not None  # a missing or unreadable text is a problem raised above

    cells = new.cells() | {"seed_file": name, "seed_sha256": sha256}
    detected = LANGUAGE_COLUMN in header and not new.language
    if detected:
        cells[LANGUAGE_COLUMN] = detect_language(decode_seed(data)) or ""
    row = {column: cells.get(column, "") for column in header}
    not_recorded = tuple(
        OPTIONS.get(column, column)
        for column, value in cells.items()
        if value and column not in row
    )
    seed_path = seeds_dir / name
    original = sources_path.read_bytes()
    appended = _appended(original, row)
    try:
        write_atomically(seed_path, data, mode=0o644)
    except OSError as error:
        raise _unwritten(seeds_dir, error, "--seeds-dir") from None
    try:
        write_atomically(sources_path, appended, mode=sources_path.stat().st_mode & 0o777)
    except OSError as error:
        seed_path.unlink()
        raise _unwritten(sources_path, error, "--data-dir") from None
    return Registered(seed_path, sha256, row, not_recorded, detected)


def _unwritten(path: Path, error: OSError, option: str) -> OptionError:
    rule = f"cannot write {path}: {error.strerror or error}; nothing was written"
    return OptionError(COMMAND, [ParameterProblem(rule, option)])


def _precision(published: str) -> str:
    if not published:
        return "unknown"
    try:
        return precision_of(published)
    except ValueError:
        return ""  # the date itself is reported as bad


def _items(field_text: str) -> list[str]:
    return [item.strip() for item in field_text.split(";") if item.strip()]


def _read_text(text_file: Path) -> tuple[bytes | None, list[ParameterProblem]]:
    if not text_file.is_file():
        what = "not a regular file" if text_file.exists() else "no such file"
        return None, [ParameterProblem(f"{what}: {text_file}", "FILE")]
    try:
        data = text_file.read_bytes()
    except OSError as error:
        return None, [ParameterProblem(f"cannot read {text_file}: {error.strerror}", "FILE")]
    try:
        text = decode_seed(data)
    except ValueError as error:
        return None, [ParameterProblem(f"{text_file}: {error}", "FILE")]
    if not text.strip():
        return None, [ParameterProblem(f"{text_file} holds no text", "FILE")]
    return data, []


def _option_problems(new: NewSource, header: list[str]) -> list[ParameterProblem]:
    """The row's cells against the sources.csv schema, plus what only a new seed must obey."""
    problems = []
    if new.kind not in SEED_KINDS:
        rule = f"{new.kind!r} is not the kind of a seed; use one of: {', '.join(SEED_KINDS)}"
        problems.append(ParameterProblem(rule, "--kind"))
    if new.url and not _is_web_address(new.url):
        problems.append(ParameterProblem(f"{new.url!r} is not an http(s) address", "--url"))
    for column, value in new.cells().items():
        if "\n" in value or "\r" in value:
            problems.append(ParameterProblem("must be one line", OPTIONS.get(column, column)))
        if not value.isascii() and not _is_unicode(value):
            rule = "is not valid Unicode (a lone surrogate: undecodable bytes in the argument)"
            problems.append(ParameterProblem(rule, OPTIONS.get(column, column)))
    for column in new.columns:
        if column not in header or column in (*OPTIONS, *COMPUTED):
            rule = (
                f"sources.csv has no column {column!r}"
                if column not in header
                else f"{column!r} has its own option or is computed; --column is for the others"
            )
            problems.append(ParameterProblem(rule, "--column"))
    schema = sources_schema(Context())
    cells = new.cells() | {"seed_file": "new.txt", "seed_sha256": "0" * 64}
    row = pd.DataFrame(
        [{column: cells.get(column, "") for column in schema.columns}], dtype=PYTHON_TEXT
    )
    for problem in validate_table("sources.csv", row, schema):
        # The kind is checked above against the kinds a seed can have; the computed cells are
        # right by construction; a precision read from a bad date adds nothing to its error.
        derived = problem.column == "published_precision" and not new.published_precision
        if problem.column in OPTIONS and problem.column != "kind" and not derived:
            option = OPTIONS[problem.column]
            problems.append(ParameterProblem(f"{problem.value!r} {problem.rule}", option))
    return problems


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _duplicates(
    new: NewSource, sha256: str, sources: pd.DataFrame, lines: Sequence[int]
) -> list[ParameterProblem]:
    """The registered source the new one repeats, by id, by text or by the name readers see,
    named by its line in sources.csv (as `claimtrace check` names lines)."""
    problems = []
    for line, source in zip(lines, sources.to_dict("records"), strict=True):
        if source.get("source_id") == new.source_id:
            rule = f"{new.source_id!r} is already a source (sources.csv, line {line})"
            problems.append(ParameterProblem(rule, "--id"))
        if sha256 and source.get("seed_sha256") == sha256:
            rule = (
                f"the same text is already the seed of {source.get('source_id')!r} "
                f"({source.get('seed_file')}, sources.csv line {line})"
            )
            problems.append(ParameterProblem(rule, "FILE"))
        if new.name and source.get(READER_NAME_COLUMN) == new.name:
            rule = (
                f"{new.name!r} is already the name readers see for "
                f"{source.get('source_id')!r} (sources.csv, line {line})"
            )
            problems.append(ParameterProblem(rule, "--name"))
    return problems


def _names(seeds_dir: Path) -> list[str]:
    return [path.name for path in seeds_dir.iterdir()] if seeds_dir.is_dir() else []


def _appended(original: bytes, row: Mapping[str, str]) -> bytes:
    """sources.csv with one more row, every existing byte kept, in the file's own line ending."""
    ending = "\r\n" if b"\r\n" in original else "\n"
    line = io.StringIO()
    csv.writer(line, lineterminator=ending).writerow(row.values())
    joiner = b"" if not original or original.endswith(b"\n") else ending.encode()
    return original + joiner + line.getvalue().encode("utf-8")
