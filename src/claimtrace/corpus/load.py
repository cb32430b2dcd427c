"""Load the curated tables and seeds into one validated Corpus, or a DataError with all problems.

The rules of single tables live in schemas.py; the rules that join files live here:
seed files exist and match their curated hash, every quote anchors exactly once in its seed, and
every event's date agrees with the official record's dates for it.

Nothing outside the data folder and the seeds folder is read: a table or seed is opened only as
a regular file directly inside its folder, never through a link, and a problem with one says
nothing about where a link would have led. Problems are bounded (errors.ProblemLog): a few
examples of each kind and a count of the rest, in time linear in the rows.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from claimtrace.corpus.anchoring import (
    QuoteNotFound,
    contexts,
    decode_seed,
    find_quotes,
    quote_offsets,
    seed_sha256,
)
from claimtrace.corpus.dates import dates_agree
from claimtrace.corpus.distinct import distinct_rows
from claimtrace.corpus.entities import alias_index, normalise_value
from claimtrace.corpus.nearest import nearest_hint
from claimtrace.corpus.rules import Context, is_date, is_seed_name
from claimtrace.corpus.schemas import SCHEMAS, SHA256
from claimtrace.corpus.tables import at_line, read_inside, read_table, rows_of
from claimtrace.corpus.validate import validate_table
from claimtrace.errors import EXAMPLES_PER_KIND, DataError, Problem, ProblemLog, row_named
from claimtrace.string_storage import python_strings
from claimtrace.vocabulary import ASSERTS

TABLES = tuple(SCHEMAS)
UNANCHORED = "quote not found exactly once in its seed"
"""The kind under which quote problems are counted: their rules name offsets, row by row."""


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


@python_strings()
def load_corpus(data_dir: Path | str, seeds_dir: Path | str | None = None) -> Corpus:
    """Read, validate and anchor the curated data; DataError listing every problem found."""
    data_dir = Path(data_dir)
    seeds_dir = data_dir.parent / "seeds" if seeds_dir is None else Path(seeds_dir)
    problems = ProblemLog()
    tables: dict[str, pd.DataFrame] = {}
    table_bytes: dict[str, bytes] = {}
    lines: dict[str, Sequence[int]] = {}
    for table in TABLES:
        frame, data, table_lines, read_problems = read_table(data_dir / f"{table}.csv")
        problems.extend(read_problems)
        if frame is not None:
            tables[table] = frame
            table_bytes[table] = data
            lines[f"{table}.csv"] = table_lines

    names, name_problems = _names(tables.get("entities"), lines.get("entities.csv"))
    problems.extend(name_problems)
    context = _context(tables, names)
    usable = {}
    for table, frame in tables.items():
        schema = SCHEMAS[table](context)
        problems.extend(validate_table(f"{table}.csv", frame, schema, lines[f"{table}.csv"]))
        if schema.required_columns <= set(frame.columns):
            usable[table] = tables[table] = schema.with_optional_columns(frame)

    seed_bytes: dict[str, bytes] = {}
    seeds: dict[str, str] = {}
    seed_hashes: dict[str, str] = {}
    anchored = None
    if "sources" in usable:
        seed_bytes, seeds, seed_hashes, seed_problems = read_seeds(usable["sources"], seeds_dir)
        problems.extend(seed_problems)
    if "claims" in usable:
        anchored, anchor_problems = anchor_claims(usable["claims"], seeds, seed_hashes)
        problems.extend(anchor_problems)
    if {"events", "reference"} <= usable.keys():
        problems.extend(
            event_dates_against_record(
                usable["events"], usable["reference"], lines["reference.csv"]
            )
        )

    if problems or anchored is None:
        raise DataError([at_line(problem, lines) for problem in problems.problems()])
    sources = tables["sources"]
    seed_files = dict(zip(sources["source_id"], sources["seed_file"], strict=True))
    seed_files = {source: name for source, name in seed_files.items() if name}
    # Each distinct (attribute, value) is normalised once: values repeat across claims.
    attributes, values = anchored["attribute"].to_numpy(object), anchored["value"].to_numpy(object)
    pair, first = distinct_rows([attributes, values])
    normalised = [
        normalise_value(attribute, value, names)  # type: ignore[arg-type]  # valid: names are read
        for attribute, value in zip(attributes[first], values[first], strict=True)
    ]
    claims = anchored.assign(
        value_normalised=np.array(normalised, object)[pair].tolist(),
        stance=anchored["stance"].where(anchored["stance"] != "", ASSERTS),
    )
    return Corpus(
        sources=tables["sources"],
        events=tables["events"],
        claims=claims,
        entities=tables["entities"],
        reference=tables["reference"],
        labels=tables["labels"],
        seeds=seeds,
        data_hash=data_hash(
            {f"data/{table}.csv": data for table, data in table_bytes.items()}
            | {f"seeds/{seed_file}": seed_bytes[source] for source, seed_file in seed_files.items()}
        ),
    )


def _names(
    entities: pd.DataFrame | None, lines: Sequence[int] | None
) -> tuple[dict[str, str] | None, list[Problem]]:
    if entities is None or not {"entity_id", "canonical_name", "aliases"} <= set(entities):
        return None, []
    try:
        return alias_index(entities, lines), []
    except DataError as error:
        return None, error.problems


def _context(tables: Mapping[str, pd.DataFrame], names: dict[str, str] | None) -> Context:
    sources, events, entities, labels = (
        tables.get(t) for t in ("sources", "events", "entities", "labels")
    )
    has_sources = sources is not None and {"source_id", "seed_file"} <= set(sources)
    has_entities = entities is not None and {"entity_id", "entity_type"} <= set(entities)
    return Context(
        source_ids=frozenset(sources["source_id"]) if has_sources else None,  # type: ignore[index]  # has_sources: a frame
        seeded_source_ids=(
            frozenset(sources.loc[sources["seed_file"] != "", "source_id"]) if has_sources else None  # type: ignore[union-attr, index]
        ),
        event_ids=(
            frozenset(events["event_id"]) if events is not None and "event_id" in events else None
        ),
        entity_types=(
            dict(zip(entities["entity_id"], entities["entity_type"], strict=True))  # type: ignore[index]  # has_entities: a frame
            if has_entities
            else None
        ),
        names=names,
        languages=(
            dict(zip(sources["source_id"], sources["language"], strict=True))
            if sources is not None and {"source_id", "language"} <= set(sources)
            else None
        ),
        labels=(
            {kind: frozenset(keys) for kind, keys in labels.groupby("kind")["key"]}
            if labels is not None and {"kind", "key"} <= set(labels)
            else None
        ),
    )


def read_seeds(
    sources: pd.DataFrame, seeds_dir: Path
) -> tuple[dict[str, bytes], dict[str, str], dict[str, str], list[Problem]]:
    """Each seeded source's bytes, text and SHA-256, checked against its curated SHA-256.

    A seed is read only when its name is a plain file name (schemas.is_seed_name; a bad name
    is reported by the schema) and only as a regular file directly inside `seeds_dir`."""
    seed_bytes: dict[str, bytes] = {}
    seeds: dict[str, str] = {}
    hashes: dict[str, str] = {}
    problems: list[Problem] = []
    rows = rows_of(sources, "source_id", "seed_file", "seed_sha256")
    for row, (source_id, name, curated) in enumerate(rows, start=1):
        if not name or not is_seed_name(name):
            continue
        try:
            data = read_inside(seeds_dir, name)
        except FileNotFoundError:
            rule = f"no such file in {seeds_dir}"
            problems.append(Problem("sources.csv", rule, row, "seed_file", name))
            continue
        except ValueError as error:
            problems.append(Problem("sources.csv", f"the seed {error}", row, "seed_file", name))
            continue
        actual = seed_sha256(data)
        if SHA256.fullmatch(curated) and actual != curated:
            rule = (
                f"the seed file's SHA-256 is {actual}: the seed changed since it was "
                "curated; re-review its claims, then record the new hash"
            )
            problems.append(Problem("sources.csv", rule, row, "seed_sha256", curated))
        try:
            seeds[source_id] = decode_seed(data)
        except ValueError as error:
            problems.append(Problem(f"seeds/{name}", str(error)))
            continue
        seed_bytes[source_id] = data
        hashes[source_id] = actual
    return seed_bytes, seeds, hashes, problems


def anchor_claims(
    claims: pd.DataFrame, seeds: Mapping[str, str], seed_hashes: Mapping[str, str]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Claims with their quote anchors; a Problem for each quote not in its seed exactly once.

    Claims whose seed could not be read are left unanchored without a problem of their own: the
    seed's problem is already reported. `seed_hashes` holds each readable seed's SHA-256.
    """
    source_ids = claims["source_id"].to_numpy(object)
    quotes = claims["quote"].to_numpy(object)
    # Only claims with a quote and a readable seed are looked for, grouped by source (rows[i]
    # is the i-th looked for), so that each seed is searched once for all of its quotes.
    looked = np.flatnonzero(claims["source_id"].isin(sorted(seeds)).to_numpy(bool) & (quotes != ""))
    source_code, source_names = pd.factorize(source_ids[looked])
    by_source = np.argsort(source_code, kind="stable")
    rows = looked[by_source]
    looked_quotes, seed_names = quotes[rows].tolist(), source_names[source_code[by_source]]
    anchors: dict[str, list] = {column: [] for column in ("start", "end", "prefix", "suffix")}
    bounds = np.flatnonzero(np.diff(source_code[by_source], prepend=-1, append=-1))
    for low, high in itertools.pairwise(bounds):
        seed, texts = seeds[seed_names[low]], looked_quotes[low:high]
        starts = [found[0] if len(found) == 1 else -1 for found in quote_offsets(texts, seed)]
        ends = [
            start + len(text) if start >= 0 else -1
            for start, text in zip(starts, texts, strict=True)
        ]
        prefixes, suffixes = contexts(seed, starts, ends)
        anchors["start"] += starts
        anchors["end"] += ends
        anchors["prefix"] += prefixes
        anchors["suffix"] += suffixes

    problems = ProblemLog()
    unanchored = np.sort(rows[np.array(anchors["start"], "int64") < 0])
    for row in unanchored[:EXAMPLES_PER_KIND]:
        quote, seed = quotes[row], seeds[source_ids[row]]
        error = find_quotes([quote], seed)[quote]  # says why, as for a quote looked up alone
        rule = str(error)
        if isinstance(error, QuoteNotFound):  # only the listed quotes are searched: the hint
            rule += nearest_hint(quote, seed)  # costs a few
        problem = Problem("claims.csv", rule, int(row) + 1, "quote", quote)
        problems.add(problem, kind=UNANCHORED)
    if len(unanchored) > EXAMPLES_PER_KIND:
        more = len(unanchored) - EXAMPLES_PER_KIND
        problems.add(Problem("claims.csv", UNANCHORED, column="quote", more=more))

    def column(values: ArrayLike, unlooked: object, dtype: str | type) -> pd.Series:
        """The values of the rows looked for, `unlooked` on the others."""
        column = np.full(len(claims), unlooked, "int64" if dtype == "int64" else object)
        column[rows] = np.fromiter(values, column.dtype, len(rows))  # type: ignore[arg-type]  # an iterable
        return pd.Series(column, index=claims.index, dtype=dtype)

    hashes = np.array([seed_hashes[source_id] for source_id in source_names], object)
    anchored_claims = claims.assign(
        start=column(anchors["start"], -1, "int64"),
        end=column(anchors["end"], -1, "int64"),
        prefix=column(anchors["prefix"], "", str),
        suffix=column(anchors["suffix"], "", str),
        seed_sha256=column(hashes[source_code[by_source]], "", str),
    )
    return anchored_claims, problems.problems()


def event_dates_against_record(
    events: pd.DataFrame, reference: pd.DataFrame, reference_lines: Sequence[int] | None = None
) -> list[Problem]:
    """An event's date must agree, at the coarser precision, with every record date for it;
    the record's row is named by its line when `reference_lines` gives them.

    Each distinct record date of an event, and each distinct (event, date) pair, is compared
    once, so repeated rows cost no more comparisons."""
    problems = ProblemLog()
    record_dates: dict[str, dict[str, tuple[int, str]]] = {}
    records = rows_of(reference, "event_id", "record_id", "attribute", "value", "date")
    for row, (event_id, record_id, attribute, value, date) in zip(
        reference.index, records, strict=True
    ):
        for record_date in (date, value if attribute == "date" else ""):
            if is_date(record_date):
                first = (int(row) + 1, record_id)
                record_dates.setdefault(event_id, {}).setdefault(record_date, first)
    disagreements: dict[tuple[str, str], list[str]] = {}
    for row, (event_id, date) in enumerate(rows_of(events, "event_id", "date"), start=1):
        if not is_date(date):
            continue
        key = (event_id, date)
        if key not in disagreements:
            disagreements[key] = [
                f"disagrees with the official record {record_id} (reference.csv "
                f"{row_named(record_row, reference_lines)}), dated {record_date!r}"
                for record_date, (record_row, record_id) in record_dates.get(event_id, {}).items()
                if not dates_agree(date, record_date)
            ]
        for rule in disagreements[key]:
            problem = Problem("events.csv", rule, row, "date", date)
            problems.add(problem, kind="disagrees with the official record")
    return problems.problems()


def current_data_hash(data_dir: Path, seeds_dir: Path) -> str | None:
    """The data hash `load_corpus` would give the files as they are now, read without
    validating them (for a cache of what was valid with the same bytes); None when a table or
    a seed cannot be read. Reads only regular files directly inside `data_dir` and
    `seeds_dir`."""
    sources, sources_bytes, _, _ = read_table(data_dir / "sources.csv")
    if sources is None or "seed_file" not in sources or "source_id" not in sources:
        return None
    files = {"data/sources.csv": sources_bytes}
    try:
        for table in TABLES:
            if table != "sources":
                files[f"data/{table}.csv"] = read_inside(data_dir, f"{table}.csv")
        for name in sources["seed_file"]:
            if name:
                if not is_seed_name(name):
                    return None
                files[f"seeds/{name}"] = read_inside(seeds_dir, name)
    except (OSError, ValueError):
        return None
    return data_hash(files)


def data_hash(files: Mapping[str, bytes]) -> str:
    """SHA-256 over the bytes read of every table and seed, each preceded by its name
    (`data/claims.csv`, `seeds/…`), in sorted name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        data = files[name]
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
