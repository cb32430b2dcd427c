"""Shared test factories: paths, a writable copy of the good fixture corpus, and hand-made
corpora built from a few rows so every expectation can be checked by eye."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import claimtrace
from claimtrace.corpus.entities import alias_index, normalise_value
from claimtrace.corpus.load import Corpus
from claimtrace.judge.assess import Assessment, assess
from claimtrace.present.conflict_text import conflicts_with_text

ROOT = Path(__file__).resolve().parents[1]
"""The project's root."""
LIVE_DATA = ROOT / "data"
"""The live curated tables: they grow with every article curated, so tests read them only
through the snapshots (tests/snapshots/), which `make snapshot` accepts."""
FIXTURES = Path(__file__).parent / "fixtures"
FROZEN = FIXTURES / "corpus"
"""The five-seed corpus as it was when the engine's expectations were read from its seeds
(data/*.csv and seeds/ copied unchanged): the engine's and the reports' tests run on it, so a
new article in data/ changes the snapshots, never these tests."""
FROZEN_DATA = FROZEN / "data"
FIXTURE_NOTEBOOK = FIXTURES / "notebooks" / "report.ipynb"
GOOD = FIXTURES / "good"
"""A tiny, valid curated corpus: read-only, copy it before changing anything."""


@dataclass(frozen=True)
class CorpusCopy:
    """A copy of the good corpus under tmp_path: data/*.csv and seeds/*.txt, free to break."""

    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    def rows(self, table: str) -> list[dict[str, str]]:
        with open(self.data_dir / f"{table}.csv", encoding="utf-8", newline="") as file:
            return list(csv.DictReader(file))

    def write(self, table: str, rows: list[dict[str, str]]) -> None:
        with open(self.data_dir / f"{table}.csv", "w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def set_cell(self, table: str, row: int, column: str, value: str) -> None:
        """Set one cell; `row` is the 1-based data row, as in error messages."""
        rows = self.rows(table)
        assert column in rows[row - 1], f"{table}.csv has no column {column!r}"
        rows[row - 1][column] = value
        self.write(table, rows)


STORY = (
    "Canada and Japan agreed on Tuesday to expand and deepen their military ties by holding "
    "joint exercises between the two countries. The foreign ministers adopted an action plan to "
    "strengthen cooperation on defence and economic security. Both sides aim to reach an "
    "agreement as soon as possible to facilitate information sharing between their militaries."
)

COPY = (
    STORY.replace("Tuesday", "Tuesday, officials said,")
    .replace("ministers adopted", "ministers approved")
    .replace("Both sides aim", "Both hope")
)
"""A rewrite of STORY that keeps four runs of its words: a derivative copy."""
WIRE = STORY + " Its name is the General Data Protection Agreement."
AGGREGATOR = COPY + " Officials named the Agreement on the Security of Information."
IN_COPIED_TEXT = {
    "wire": "Canada and Japan agreed on Tuesday",
    "aggregator": "agreed on Tuesday, officials",
}


ENTITIES = [
    (
        "joly",
        "person",
        "Mélanie Joly",
        "Melanie Joly; Jolly; Joly",
        "foreign_minister_canada",
        "2021-10-26",
        "2025-05-13",
        "R14",
        "",
    ),
    (
        "anand",
        "person",
        "Anita Anand",
        "Anand",
        "foreign_minister_canada",
        "2025-05-13",
        "",
        "R14",
        "",
    ),
    ("hayashi", "person", "Yoshimasa Hayashi", "Hayashi; Hayashi Yoshimasa", "", "", "", "", ""),
    ("tokyo", "place", "Tokyo", "", "", "", "", "", "Asia/Tokyo"),
    ("ottawa", "place", "Ottawa", "", "", "", "", "", "America/Toronto"),
    ("isa", "agreement", "Agreement on the Security of Information", "ISA", "", "", "", "", ""),
    ("gdpa", "agreement", "General Data Protection Agreement", "", "", "", "", "", ""),
]
EVENTS = [
    ("acsa-signed", "agreement_signed", "acsa", "ACSA signed", "2018-04-21", "day", ""),
    ("acsa-in-force", "agreement_in_force", "acsa", "ACSA in force", "2019", "year", ""),
    ("plan-adopted", "plan_adopted", "", "Action plan", "2022-10-11", "day", "tokyo"),
    ("isa-signed", "agreement_signed", "isa", "ISA signed", "2025-07-08", "day", "tokyo"),
    ("centre-opens", "other", "", "A coordination centre opens", "", "unknown", ""),
]


def source(
    source_id: str,
    *,
    kind: str = "wire",
    author: str = "A. Writer",
    published: str = "2025-08-01",
    publisher: str = "A Publisher",
    relies_on: str = "",
) -> dict[str, str]:
    return {
        "source_id": source_id,
        "reader_name": source_id.capitalize(),
        "seed_file": "" if kind == "official_record" else f"{source_id}.txt",
        "title": f"Story by {source_id}",
        "publisher": publisher,
        "author": author,
        "published": published,
        "kind": kind,
        "relies_on": relies_on,
    }


RECORD = source("record", kind="official_record", author="", published="", publisher="Gov")


def claim(
    claim_id: str,
    event_id: str,
    attribute: str,
    value: str,
    *,
    kind: str = "reported_fact",
    subject: str = "",
    quote: str = "",
    stance: str = "asserts",
    attributed_to: str = "",
    time_zone: str = "",
) -> dict[str, str]:
    """A claim of the source its id names (`wire-1` is wire's); its quote is anchored in the
    source's seed when the corpus gives one that holds it."""
    return {
        "claim_id": claim_id,
        "source_id": claim_id.rsplit("-", 1)[0],
        "quote": quote or f"quote of {claim_id}",
        "event_id": event_id,
        "subject": subject,
        "attribute": attribute,
        "value": value,
        "kind": kind,
        "attributed_to": attributed_to,
        "stance": stance,
        "time_zone": time_zone,
        "note": "",
    }


def record(
    record_id: str,
    event_id: str,
    attribute: str,
    value: str,
    place: str = "",
    *,
    evidence: str = "primary",
) -> dict:
    return {
        "record_id": record_id,
        "event_id": event_id,
        "attribute": attribute,
        "value": value,
        "record_text": value,
        "date": "",
        "date_precision": "unknown",
        "place": place,
        "publisher": "Gov",
        "evidence": evidence,
        "citation": "https://example.org",
    }


def build(
    sources: list[dict], claims: list[dict], reference: list[dict], seeds: dict | None = None
) -> Corpus:
    entities = pd.DataFrame(
        ENTITIES,
        columns=[
            "entity_id",
            "entity_type",
            "canonical_name",
            "aliases",
            "role",
            "role_start",
            "role_end",
            "role_basis",
            "time_zone",
        ],
    )
    names = alias_index(entities)
    claims_frame = pd.DataFrame(claims, columns=list(claim("x-1", "", "", "")))
    claims_frame["value_normalised"] = [
        normalise_value(a, v, names)
        for a, v in zip(claims_frame["attribute"], claims_frame["value"], strict=True)
    ]
    events = pd.DataFrame(
        EVENTS,
        columns=["event_id", "event_type", "agreement", "title", "date", "date_precision", "place"],
    )
    sources_frame = pd.DataFrame([RECORD, *sources])
    texts = seeds or {}
    spans = [
        (found, found + len(quote))
        if (found := texts.get(source_id, "").find(quote)) >= 0
        else (-1, -1)
        for source_id, quote in zip(claims_frame["source_id"], claims_frame["quote"], strict=True)
    ]
    claims_frame["start"] = [start for start, _ in spans]
    claims_frame["end"] = [end for _, end in spans]
    return Corpus(
        sources=sources_frame,
        events=events,
        claims=claims_frame,
        entities=entities,
        reference=pd.DataFrame(reference, columns=list(record("R", "", "", ""))),
        labels=pd.DataFrame(columns=["kind", "key", "label"], dtype=str),
        seeds={
            s["source_id"]: texts.get(s["source_id"], f"text of {s['source_id']}") for s in sources
        },
        data_hash="test",
    )


def conflicts_as_exported(assessment: Assessment) -> pd.DataFrame:
    """The conflicts as `claimtrace export` writes them: sides, record and detail in text."""
    return conflicts_with_text(assessment.conflicts, assessment.conflict_statements)


ISA_RECORD = [
    record("R12", "isa-signed", "place", "tokyo"),
    record("R13", "isa-signed", "date", "2025-07-08"),
]
"""The record of the ISA's signing: where and when."""


def assess_claims(*claims: dict[str, str]) -> Assessment:
    """The assessment of `claims` (each source made with `source`) against ISA_RECORD."""
    sources = sorted({c["source_id"] for c in claims})
    return assess(build([source(s) for s in sources], list(claims), ISA_RECORD))


def at_once(script: str, *arguments: str, processes: int) -> list[tuple[int, str, str]]:
    """Run `script` (python -c) in several processes started together, as a render, a notebook
    in JupyterLab and a curator's command may run; each one's exit code, stdout and stderr."""
    # The processes import the claimtrace this test imported (under `make mutation`, the
    # mutated copy): code of another version would key its store entries otherwise.
    package_root = str(Path(claimtrace.__file__).resolve().parents[1])
    environment = os.environ | {"PYTHONPATH": package_root}
    started = [
        subprocess.Popen(
            [sys.executable, "-c", script, *arguments],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    outputs = [process.communicate(timeout=240) for process in started]
    return [(process.returncode, *output) for process, output in zip(started, outputs, strict=True)]


def ids_used_as_names(text: str, sources: pd.DataFrame) -> list[str]:
    """The source ids a reader's text uses as names: each id as a whole word, once the sources'
    reader names (which may contain an id, as 'mediawall.news' does) are taken out. The official
    record is left out: its id is the English word a sentence uses for it."""
    for name in sorted(sources["reader_name"], key=len, reverse=True):
        text = text.replace(name, " ")
    return [
        source_id
        for source_id in sources.loc[sources["kind"] != "official_record", "source_id"]
        # '@indiablooms' is a handle in a seed's own words, not a name the report uses.
        if re.search(rf"(?<![\w.@-]){re.escape(source_id)}(?![\w-])", text)
    ]


def processes_in(folder: Path) -> list[str]:
    """Every process working in `folder` (a render's workers and kernels all do)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if Path(os.readlink(entry / "cwd")).is_relative_to(folder):
                found.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:  # it ended while we looked, or it is not ours to see
            continue
    return found


ARROW_TEXT = pd.StringDtype("pyarrow", na_value=float("nan"))


def in_arrow(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its text (values and column names) in Arrow, as the store gives text
    back (claimtrace/string_storage.py): the same values, the same `str` dtype."""
    text = frame.select_dtypes("str").columns
    converted = frame.astype(dict.fromkeys(text, ARROW_TEXT))
    return converted.set_axis(frame.columns.astype(ARROW_TEXT), axis="columns")
