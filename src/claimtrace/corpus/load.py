"""Load the curated tables and seeds into one validated Corpus, or a DataError with all problems.

The rules of single tables live in schemas.py; the rules that join files live here:
seed files exist and match their curated hash, every quote anchors exactly once in its seed, and
every event's date agrees with the official record's dates for it.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from claimtrace.corpus.anchoring import QuoteNotAnchored, decode_seed, find_quote, seed_sha256
from claimtrace.corpus.dates import dates_agree
from claimtrace.corpus.entities import alias_index, normalise_value
from claimtrace.corpus.schemas import SCHEMAS, SHA256, Context, is_date
from claimtrace.corpus.validate import validate_table
from claimtrace.errors import DataError, Problem

TABLES = tuple(SCHEMAS)
ANCHOR_COLUMNS = ("start", "end", "prefix", "suffix", "seed_sha256")
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Corpus:
    """The curated tables (strings, empty = ""), the seeds and one hash of everything read."""

    sources: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame  # + start, end, prefix, suffix, seed_sha256, value_normalised
    entities: pd.DataFrame
    reference: pd.DataFrame
    labels: pd.DataFrame  # kind, key, label: the reader's words for keys
    seeds: Mapping[str, str]  # source_id -> seed text, exactly as on disk
    data_hash: str  # sha256 over data/*.csv and the seed files, in sorted name order


def load_corpus(data_dir: Path | str, seeds_dir: Path | str | None = None) -> Corpus:
    """Read, validate and anchor the curated data; DataError listing every problem found."""
    data_dir = Path(data_dir)
    seeds_dir = data_dir.parent / "seeds" if seeds_dir is None else Path(seeds_dir)
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        frame, read_problems = read_table(data_dir / f"{table}.csv")
        problems += read_problems
        if frame is not None:
            tables[table] = frame

    names, name_problems = _names(tables.get("entities"))
    problems += name_problems
    context = _context(tables, names)
    usable = {}
    for table, frame in tables.items():
        schema = SCHEMAS[table](context)
        problems += validate_table(f"{table}.csv", frame, schema)
        if set(schema.columns) <= set(frame.columns):
            usable[table] = frame

    seed_bytes: dict[str, bytes] = {}
    seeds: dict[str, str] = {}
    anchored = None
    if "sources" in usable:
        seed_bytes, seeds, seed_problems = read_seeds(usable["sources"], seeds_dir)
        problems += seed_problems
    if "claims" in usable:
        anchored, anchor_problems = anchor_claims(usable["claims"], seeds, seed_bytes)
        problems += anchor_problems
    if {"events", "reference"} <= usable.keys():
        problems += event_dates_against_record(usable["events"], usable["reference"])

    if problems or anchored is None:
        raise DataError(problems)
    claims = anchored.assign(
        value_normalised=[
            normalise_value(attribute, value, names)
            for attribute, value in zip(
                anchored["attribute"].to_numpy(object),
                anchored["value"].to_numpy(object),
                strict=True,
            )
        ]
    )
    return Corpus(
        sources=tables["sources"],
        events=tables["events"],
        claims=claims,
        entities=tables["entities"],
        reference=tables["reference"],
        labels=tables["labels"],
        seeds=seeds,
        data_hash=data_hash(data_dir, seeds_dir, tables["sources"]),
    )


def read_table(path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """A curated CSV as a frame of strings; None with the problems when it cannot be read."""
    file = path.name
    if not path.is_file():
        return None, [Problem(file, f"file is missing from {path.parent}")]
    data = path.read_bytes()
    problems = []
    if data.startswith(BOM):
        problems.append(Problem(file, "starts with a byte-order mark; save as UTF-8 without BOM"))
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        rule = (
            f"not UTF-8 (wrong encoding?): byte 0x{data[error.start]:02X} at byte offset "
            f"{error.start}, line {line}; save the file as UTF-8"
        )
        return None, [*problems, Problem(file, rule)]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or not any(cell.strip() for cell in rows[0]):
        return None, [*problems, Problem(file, "file is empty; expected a header row")]
    header, body = rows[0], rows[1:]
    if not body:
        problems.append(Problem(file, "has a header but no data rows"))
    duplicated = sorted({name for name in header if header.count(name) > 1})
    problems += [Problem(file, "column appears twice in the header", column=c) for c in duplicated]
    ragged = [
        Problem(file, f"has {len(cells)} fields; the header has {len(header)}", row)
        for row, cells in enumerate(body, start=1)
        if len(cells) != len(header)
    ]
    if duplicated or ragged:
        return None, problems + ragged
    return pd.DataFrame(body, columns=header, dtype=str), problems


def _names(entities: pd.DataFrame | None) -> tuple[dict[str, str] | None, list[Problem]]:
    if entities is None or not {"entity_id", "canonical_name", "aliases"} <= set(entities):
        return None, []
    try:
        return alias_index(entities), []
    except DataError as error:
        return None, error.problems


def _context(tables: Mapping[str, pd.DataFrame], names: dict[str, str] | None) -> Context:
    sources, events, entities, labels = (
        tables.get(t) for t in ("sources", "events", "entities", "labels")
    )
    has_sources = sources is not None and {"source_id", "seed_file"} <= set(sources)
    has_entities = entities is not None and {"entity_id", "entity_type"} <= set(entities)
    return Context(
        source_ids=frozenset(sources["source_id"]) if has_sources else None,
        seeded_source_ids=(
            frozenset(sources.loc[sources["seed_file"] != "", "source_id"]) if has_sources else None
        ),
        event_ids=(
            frozenset(events["event_id"]) if events is not None and "event_id" in events else None
        ),
        entity_types=(
            dict(zip(entities["entity_id"], entities["entity_type"], strict=True))
            if has_entities
            else None
        ),
        names=names,
        labels=(
            {
                kind: frozenset(keys)
                for kind, keys in labels.groupby("kind")["key"]  # type: ignore[union-attr]
            }
            if labels is not None and {"kind", "key"} <= set(labels)
            else None
        ),
    )


def read_seeds(
    sources: pd.DataFrame, seeds_dir: Path
) -> tuple[dict[str, bytes], dict[str, str], list[Problem]]:
    """Each seeded source's bytes and text, checked against its curated SHA-256."""
    seed_bytes: dict[str, bytes] = {}
    seeds: dict[str, str] = {}
    problems: list[Problem] = []
    for row, source in enumerate(sources.itertuples(index=False), start=1):
        if not source.seed_file:
            continue
        path = seeds_dir / source.seed_file
        if not path.is_file():
            problems.append(
                Problem(
                    "sources.csv",
                    f"no such file in {seeds_dir}",
                    row,
                    "seed_file",
                    source.seed_file,
                )
            )
            continue
        data = path.read_bytes()
        actual = seed_sha256(data)
        if SHA256.fullmatch(source.seed_sha256) and actual != source.seed_sha256:
            problems.append(
                Problem(
                    "sources.csv",
                    f"the seed file's SHA-256 is {actual}: the seed changed since it was "
                    "curated; re-review its claims, then record the new hash",
                    row,
                    "seed_sha256",
                    source.seed_sha256,
                )
            )
        try:
            seeds[source.source_id] = decode_seed(data)
        except ValueError as error:
            problems.append(Problem(f"seeds/{source.seed_file}", str(error)))
            continue
        seed_bytes[source.source_id] = data
    return seed_bytes, seeds, problems


def anchor_claims(
    claims: pd.DataFrame, seeds: Mapping[str, str], seed_bytes: Mapping[str, bytes]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Claims with their quote anchors; a Problem for each quote not in its seed exactly once.

    Claims whose seed could not be read are left unanchored without a problem of their own: the
    seed's problem is already reported.
    """
    anchors: dict[str, list[object]] = {column: [] for column in ANCHOR_COLUMNS}
    problems = []
    hashes = {source_id: seed_sha256(data) for source_id, data in seed_bytes.items()}
    # Two plain object arrays: itertuples over string columns costs seconds per million claims.
    cells = zip(claims["source_id"].to_numpy(object), claims["quote"].to_numpy(object), strict=True)
    for row, (source_id, quote) in enumerate(cells, start=1):
        seed = seeds.get(source_id)
        anchor = None
        if seed is not None and quote:
            try:
                anchor = find_quote(quote, seed)
            except QuoteNotAnchored as error:
                problems.append(Problem("claims.csv", str(error), row, "quote", quote))
        anchors["start"].append(anchor.start if anchor else -1)
        anchors["end"].append(anchor.end if anchor else -1)
        anchors["prefix"].append(anchor.prefix if anchor else "")
        anchors["suffix"].append(anchor.suffix if anchor else "")
        anchors["seed_sha256"].append(hashes.get(source_id, ""))
    anchored = claims.assign(
        start=pd.Series(anchors["start"], index=claims.index, dtype="int64"),
        end=pd.Series(anchors["end"], index=claims.index, dtype="int64"),
        prefix=pd.Series(anchors["prefix"], index=claims.index, dtype=str),
        suffix=pd.Series(anchors["suffix"], index=claims.index, dtype=str),
        seed_sha256=pd.Series(anchors["seed_sha256"], index=claims.index, dtype=str),
    )
    return anchored, problems


def event_dates_against_record(events: pd.DataFrame, reference: pd.DataFrame) -> list[Problem]:
    """An event's date must agree, at the coarser precision, with every record date for it."""
    problems = []
    record_dates: dict[str, list[tuple[int, str, str]]] = {}
    for row, record in zip(reference.index, reference.itertuples(index=False), strict=True):
        for date in dict.fromkeys(
            (record.date, record.value if record.attribute == "date" else "")
        ):
            if is_date(date):
                dated = (int(row) + 1, record.record_id, date)
                record_dates.setdefault(record.event_id, []).append(dated)
    for row, event in enumerate(events.itertuples(index=False), start=1):
        if not is_date(event.date):
            continue
        for record_row, record_id, date in record_dates.get(event.event_id, []):
            if not dates_agree(event.date, date):
                problems.append(
                    Problem(
                        "events.csv",
                        f"disagrees with the official record {record_id} (reference.csv row "
                        f"{record_row}), dated {date!r}",
                        row,
                        "date",
                        event.date,
                    )
                )
    return problems


def data_hash(data_dir: Path, seeds_dir: Path, sources: pd.DataFrame) -> str:
    """SHA-256 over every data/*.csv and every seed file, each preceded by its name."""
    files = {f"data/{path.name}": path for path in data_dir.glob("*.csv")}
    files |= {f"seeds/{name}": seeds_dir / name for name in sources["seed_file"] if name}
    digest = hashlib.sha256()
    for name in sorted(files):
        data = files[name].read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def summary(corpus: Corpus) -> str:
    """What `claimtrace check` prints: table sizes, then claims per source, event and kind."""
    sizes = pd.Series(
        {
            "sources": len(corpus.sources),
            "seeds": len(corpus.seeds),
            "events": len(corpus.events),
            "claims": len(corpus.claims),
            "entities": len(corpus.entities),
            "reference records": len(corpus.reference),
        },
        name="rows",
    )
    claims = corpus.claims.replace({"event_id": {"": "(none)"}})
    sections = [
        ("Tables", sizes),
        ("Claims per source", claims["source_id"].value_counts().sort_index()),
        ("Claims per event", claims["event_id"].value_counts().sort_index()),
        ("Claims per kind", claims["kind"].value_counts().sort_index()),
    ]
    return "\n\n".join(f"{title}\n{counts.to_string()}" for title, counts in sections)
