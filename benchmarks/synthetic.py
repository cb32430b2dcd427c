"""Synthetic curated corpora of any size, valid under data/README.md, for scale benchmarks.

A bigger corpus is modelled as more documents, not longer ones: about CLAIMS_PER_SOURCE claims
per seed, one event per EVENT_CLAIMS claims, one entity per ENTITY_CLAIMS claims. Every quote is
one whole sentence of its seed carrying a serial number found nowhere else, so it anchors exactly
once; the other words are drawn from a large invented vocabulary, so seeds share no runs of six
words by chance. A tenth of the sources rely on one of a few wire agencies (origin groups), a
fifth of the claimed values contradict the event's record (conflicts to find).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

CLAIMS_PER_SOURCE = 100
EVENT_CLAIMS = 25
ENTITY_CLAIMS = 50
VOCABULARY = 20_000
WORDS_PER_SENTENCE = 8
FILLER_PER_CLAIM = 1  # sentences of seed text around each quoted one
RECORD_SOURCE = "record"
AGENCIES = 5
POOL = 2_000  # distinct values drawn from for list and amount attributes

_SYLLABLES = np.array(
    ["ka", "to", "ri", "na", "se", "mo", "lu", "pe", "shi", "da", "ve", "go", "ru", "mi", "tan"]
)
_ATTRIBUTE_SHARES = {
    "date": 30,
    "place": 15,
    "signatories": 8,
    "participants": 5,
    "count": 5,
    "amount": 3,
    "duration": 2,
    "items": 5,
    "includes": 5,
    "role": 5,
    "description": 15,
    "agreement_name": 2,
}
_ATTRIBUTES = np.array(list(_ATTRIBUTE_SHARES))
_ATTRIBUTE_WEIGHTS = np.array(list(_ATTRIBUTE_SHARES.values()), dtype=float)
_KINDS = np.array(["reported_fact", "attributed_quote", "analysis", "forecast"])
_KIND_WEIGHTS = np.array([70, 10, 10, 10], dtype=float)
_SOURCE_KINDS = np.array(
    ["wire", "aggregator", "think_tank_column", "academic_blog", "unattributed_article"]
)
_EVENT_TYPES = np.array(
    ["agreement_signed", "agreement_in_force", "visit", "exercise", "dialogue", "statement"]
)
_ITEM_KEYS = np.array(["logistics", "intelligence", "cyber", "maritime", "space", "energy"])


@dataclass(frozen=True)
class SyntheticCorpus:
    """Where a generated corpus was written, and how big it is."""

    root: Path
    claims: int
    sources: int
    events: int
    entities: int

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"


def write_corpus(root: Path, n_claims: int, random_seed: int = 0) -> SyntheticCorpus:
    """Write data/*.csv and seeds/*.txt for a valid corpus of `n_claims` claims under `root`."""
    rng = np.random.default_rng(random_seed)
    n_sources = max(4, -(-n_claims // CLAIMS_PER_SOURCE))
    n_events = max(8, n_claims // EVENT_CLAIMS)
    n_entities = max(24, n_claims // ENTITY_CLAIMS)
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(parents=True, exist_ok=True)

    entities = _entities(rng, n_entities)
    events = _events(rng, n_events, entities)
    claims, quotes = _claims(rng, n_claims, n_sources, events, entities)
    texts = _seed_texts(rng, quotes, claims["source_id"], n_sources)
    sources = _sources(rng, n_sources, root / "seeds", texts)
    reference = _reference(events)
    labels = _labels(entities)
    for name, frame in (
        ("labels", labels),
        ("sources", sources),
        ("events", events),
        ("claims", claims),
        ("entities", entities),
        ("reference", reference),
    ):
        frame.to_csv(root / "data" / f"{name}.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    return SyntheticCorpus(root, n_claims, n_sources + 1, n_events, n_entities)


def _words(rng: np.random.Generator, n: int) -> np.ndarray:
    """`n` distinct invented words of three or four syllables."""
    width = 4
    picks = rng.integers(0, len(_SYLLABLES), size=(n * 2, width))
    lengths = rng.integers(3, width + 1, size=n * 2)
    words = pd.Series(_SYLLABLES[picks[:, 0]])
    for k in range(1, width):
        part = pd.Series(np.where(lengths > k, _SYLLABLES[picks[:, k]], ""))
        words = words + part
    return words.drop_duplicates().to_numpy()[:n]


def _sentences(rng: np.random.Generator, vocabulary: np.ndarray, n: int) -> pd.Series:
    picks = vocabulary[rng.integers(0, len(vocabulary), size=(n, WORDS_PER_SENTENCE))]
    return pd.Series([" ".join(words) for words in picks.tolist()], dtype=object)


def _ids(prefix: str, n: int) -> pd.Series:
    return pd.Series([f"{prefix}{i:07d}" for i in range(1, n + 1)], dtype=object)


def _pool(rng: np.random.Generator, n: int, make: Callable[[int], object]) -> np.ndarray:
    """`n` picks from a small pool of generated values: large corpora repeat values, as real ones
    do, and generating a million distinct strings would cost seconds."""
    pool = np.asarray(make(POOL), dtype=object)
    return pool[rng.integers(0, POOL, n)]


def _entities(rng: np.random.Generator, n: int) -> pd.DataFrame:
    types = np.array(["person"] * 10 + ["place"] * 5 + ["agreement"] * 3 + ["organisation"] * 2)
    entity_type = np.concatenate([["country", "country"], types[np.arange(n - 2) % len(types)]])
    number = _ids("", n)
    entity_id = pd.Series(entity_type).str.slice(0, 3) + "-" + number
    entity_id[:2] = ["canada", "japan"]
    canonical = pd.Series(entity_type).str.capitalize() + " " + number
    canonical[:2] = ["Canada", "Japan"]
    aliases = np.where(entity_type == "person", "P. " + number + "; " + number + " Person", "")
    has_role = (entity_type == "person") & (rng.random(n) < 0.3)
    has_role[np.argmax(entity_type == "person")] = True  # role claims need one minister
    role = np.where(has_role, "minister_" + (pd.Series(np.arange(n)) % 40).astype(str), "")
    start_year = rng.integers(2010, 2022, size=n)
    role_start = np.where(has_role, pd.Series(start_year).astype(str) + "-01-15", "")
    role_end = np.where(has_role, pd.Series(start_year + 3).astype(str) + "-06-30", "")
    return pd.DataFrame(
        {
            "entity_id": entity_id,
            "entity_type": entity_type,
            "canonical_name": canonical,
            "aliases": aliases,
            "role": role,
            "role_start": role_start,
            "role_end": role_end,
            "role_basis": np.where(has_role, "https://example.org/roles", ""),
            "time_zone": np.where(entity_type == "place", "Asia/Tokyo", ""),
        }
    )


def _of_type(entities: pd.DataFrame, entity_type: str) -> np.ndarray:
    return entities.loc[entities["entity_type"] == entity_type, "entity_id"].to_numpy()


def _dates(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    days = pd.to_datetime("2010-01-01") + pd.to_timedelta(rng.integers(0, 5800, n), unit="D")
    full = pd.Series(days.strftime("%Y-%m-%d"))
    precision = rng.choice(np.array(["day", "month", "year"]), n, p=[0.8, 0.15, 0.05])
    width = pd.Series(precision).map({"day": 10, "month": 7, "year": 4})
    date = [value[:w] for value, w in zip(full, width, strict=True)]
    return np.array(date, dtype=object), precision


def _events(rng: np.random.Generator, n: int, entities: pd.DataFrame) -> pd.DataFrame:
    event_type = rng.choice(_EVENT_TYPES, n)
    agreements, places = _of_type(entities, "agreement"), _of_type(entities, "place")
    is_milestone = np.isin(event_type, ["agreement_signed", "agreement_in_force"])
    date, precision = _dates(rng, n)
    number = _ids("", n)
    return pd.DataFrame(
        {
            "event_id": "event-" + number,
            "event_type": event_type,
            "agreement": np.where(is_milestone, rng.choice(agreements, n), ""),
            "title": "Event " + number,
            "date": date,
            "date_precision": precision,
            "place": rng.choice(places, n),
            "parties": "canada; japan",
            "description": "A synthetic event " + number,
        }
    )


def _item_list(rng: np.random.Generator) -> str:
    keys = rng.choice(_ITEM_KEYS, rng.integers(1, 4), replace=False)
    return "; ".join(sorted(keys))


def _claims(
    rng: np.random.Generator,
    n: int,
    n_sources: int,
    events: pd.DataFrame,
    entities: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.Series]:
    source = np.sort(rng.integers(0, n_sources, n))
    source_id = pd.Series(_ids("src-", n_sources).to_numpy()[source])
    serial = pd.Series(source).groupby(source).cumcount() + 1
    claim_id = source_id + "-" + serial.astype(str)
    attribute = rng.choice(_ATTRIBUTES, n, p=_ATTRIBUTE_WEIGHTS / _ATTRIBUTE_WEIGHTS.sum())
    kind = rng.choice(_KINDS, n, p=_KIND_WEIGHTS / _KIND_WEIGHTS.sum())
    event = rng.integers(0, len(events), n)
    has_event = rng.random(n) < 0.95
    wrong = rng.random(n) < 0.2

    people = entities[entities["entity_type"] == "person"]
    ministers = people[people["role"] != ""]
    places, agreements = _of_type(entities, "place"), _of_type(entities, "agreement")
    person_names = people["canonical_name"].to_numpy()
    event_date = events["date"].to_numpy()[event]
    minister = rng.integers(0, len(ministers), n)
    items = _pool(rng, n, lambda k: [_item_list(rng) for _ in range(k)])
    candidates = {
        "date": np.where(wrong, events["date"].to_numpy()[rng.permutation(event)], event_date),
        "place": np.where(wrong, rng.choice(places, n), events["place"].to_numpy()[event]),
        "signatories": _pool(
            rng, n, lambda k: rng.choice(person_names, k) + "; " + rng.choice(person_names, k)
        ),
        "participants": _pool(rng, n, lambda k: rng.choice(person_names, k) + "; Canada"),
        "count": rng.integers(1, 7, n).astype(str),
        "amount": _pool(rng, n, lambda k: [f"{m * 1_000_000} CAD" for m in range(1, k + 1)]),
        "duration": _pool(rng, n, lambda k: [DURATIONS[m % len(DURATIONS)] for m in range(k)]),
        "items": items,
        "includes": np.array([listed.split(";")[0] for listed in items], dtype=object),
        "role": np.where(wrong, WRONG_ROLE, ministers["role"].to_numpy()[minister]),
        "description": np.full(n, "a synthetic description"),
        "agreement_name": rng.choice(agreements, n),
    }
    value = np.full(n, "", dtype=object)
    for name, values in candidates.items():
        chosen = attribute == name
        value[chosen] = np.asarray(values, dtype=object)[chosen]
    is_role = attribute == "role"
    vocabulary = _words(rng, VOCABULARY)
    quotes = _sentences(rng, vocabulary, n) + " claim " + _ids("", n)
    claims = pd.DataFrame(
        {
            "claim_id": claim_id,
            "source_id": source_id,
            "quote": quotes,
            "event_id": np.where(has_event | is_role, events["event_id"].to_numpy()[event], ""),
            "subject": np.where(is_role, ministers["entity_id"].to_numpy()[minister], ""),
            "attribute": attribute,
            "value": value,
            "kind": kind,
            "attributed_to": np.where(
                kind == "attributed_quote", rng.choice(people["entity_id"].to_numpy(), n), ""
            ),
            "note": "",
        }
    )
    return claims, quotes


def _seed_texts(
    rng: np.random.Generator, quotes: pd.Series, source_id: pd.Series, n_sources: int
) -> list[str]:
    """One text per source: each of its quotes as a sentence, with filler sentences between."""
    vocabulary = _words(np.random.default_rng(rng.integers(1 << 30)), VOCABULARY)
    filler = _sentences(rng, vocabulary, len(quotes) * FILLER_PER_CLAIM)
    sentences = (quotes + ". " + filler.str.capitalize() + ".").to_numpy()
    source = source_id.str.slice(4).astype(int).to_numpy() - 1
    bounds = np.searchsorted(source, np.arange(n_sources + 1))
    return [
        "\n".join(sentences[bounds[s] : bounds[s + 1]]) + "\n"
        if bounds[s + 1] > bounds[s]
        else "Nothing quoted here.\n"
        for s in range(n_sources)
    ]


def _sources(rng: np.random.Generator, n: int, seeds_dir: Path, texts: list[str]) -> pd.DataFrame:
    seed_file = _ids("", n) + ".txt"
    hashes = []
    for name, text in zip(seed_file, texts, strict=True):
        data = text.encode()
        (seeds_dir / name).write_bytes(data)
        hashes.append(hashlib.sha256(data).hexdigest())
    date, precision = _dates(rng, n)
    relies = rng.random(n) < 0.1
    sources = pd.DataFrame(
        {
            "source_id": _ids("src-", n),
            "reader_name": "Source " + _ids("", n),
            "seed_file": seed_file,
            "seed_sha256": hashes,
            "title": "Synthetic article " + _ids("", n),
            "publisher": "Publisher " + pd.Series(rng.integers(1, 200, n)).astype(str),
            "author": "",
            "published": date,
            "published_precision": precision,
            "date_basis": "generated",
            "kind": rng.choice(_SOURCE_KINDS, n),
            "relies_on": np.where(
                relies, "Wire Agency " + pd.Series(rng.integers(1, AGENCIES + 1, n)).astype(str), ""
            ),
            "lineage_basis": np.where(relies, "generated attribution", ""),
            "url": "https://example.org/" + _ids("", n),
        }
    )
    record = {column: "" for column in sources.columns}
    record |= {
        "source_id": RECORD_SOURCE,
        "reader_name": "the official record",
        "title": "The official record",
        "publisher": "Governments of Canada and Japan",
        "published_precision": "unknown",
        "kind": "official_record",
    }
    return pd.concat([sources, pd.DataFrame([record])], ignore_index=True)


DURATIONS = [f"P{years}Y" for years in range(1, 6)]
"""The durations the claims use."""
WRONG_ROLE = "minister_99"
"""A role no one holds: the role claims that are wrong."""


def _labels(entities: pd.DataFrame) -> pd.DataFrame:
    """The reader's words for every role key, list key and duration the corpus uses."""
    roles = sorted({*entities["role"].loc[entities["role"] != ""], WRONG_ROLE})
    rows = [("role", role, role.replace("_", " number ")) for role in roles]
    rows += [("item", key, f"{key} cooperation") for key in _ITEM_KEYS]
    rows += [("duration", key, f"{key[1:-1]} years") for key in DURATIONS]
    return pd.DataFrame(rows, columns=["kind", "key", "label"])


def _reference(events: pd.DataFrame) -> pd.DataFrame:
    """The record dates every other event and places it."""
    dated = events.iloc[::2]
    return pd.DataFrame(
        {
            "record_id": "R" + _ids("", len(dated)).to_numpy(),
            "event_id": dated["event_id"].to_numpy(),
            "attribute": "date",
            "value": dated["date"].to_numpy(),
            "record_text": dated["title"].to_numpy() + " — date: " + dated["date"].to_numpy(),
            "date": dated["date"].to_numpy(),
            "date_precision": dated["date_precision"].to_numpy(),
            "place": dated["place"].to_numpy(),
            "publisher": "Synthetic record",
            "evidence": "primary",
            "citation": "https://example.org/record",
        }
    )
