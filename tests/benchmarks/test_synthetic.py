"""The synthetic corpora of `make bench` are accepted by load_corpus, every quote anchored."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from benchmarks.synthetic import write_corpus
from claimtrace.corpus.load import load_corpus

CLAIMS = 600


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):
    return write_corpus(tmp_path_factory.mktemp("synthetic"), CLAIMS)


def test_the_generated_corpus_loads_validates_and_anchors(synthetic) -> None:
    corpus = load_corpus(synthetic.data_dir)

    assert len(corpus.claims) == CLAIMS
    assert len(corpus.sources) == synthetic.sources
    assert len(corpus.events) == synthetic.events
    assert (corpus.claims["start"] >= 0).all()


def test_every_quote_is_the_seed_text_at_its_anchor_and_occurs_once(synthetic) -> None:
    corpus = load_corpus(synthetic.data_dir)

    for claim in corpus.claims.itertuples(index=False):
        seed = corpus.seeds[claim.source_id]
        assert seed[claim.start : claim.end] == claim.quote
        assert seed.count(claim.quote) == 1


def test_the_corpus_covers_every_attribute_and_an_official_record(synthetic) -> None:
    claims = pd.read_csv(synthetic.data_dir / "claims.csv", dtype=str, keep_default_na=False)
    sources = pd.read_csv(synthetic.data_dir / "sources.csv", dtype=str, keep_default_na=False)

    assert {"date", "place", "signatories", "items", "includes", "role"} <= set(claims["attribute"])
    assert (sources["kind"] == "official_record").sum() == 1


def test_the_same_random_seed_writes_the_same_corpus(synthetic, tmp_path: Path) -> None:
    again = write_corpus(tmp_path, CLAIMS)

    for table in ("sources", "events", "claims", "entities", "reference"):
        name = f"{table}.csv"
        assert (again.data_dir / name).read_bytes() == (synthetic.data_dir / name).read_bytes()
