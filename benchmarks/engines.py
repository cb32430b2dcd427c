"""DuckDB against Polars on one join of the assessment, to choose the columnar engine by measuring.

The join is the heart of comparing claims (judge/pairs.py): every claim meets every other
source's claim on the same event, subject and attribute, and each claim's agreements and
disagreements are counted. Both engines start from the same pandas frame of a synthetic corpus's
claims (what loading gives today) and return the same counts, which are checked equal.

    python -m benchmarks.engines --claims 1000000

Polars is not in requirements.lock (nothing in claimtrace uses it); run this where it is
installed. Each engine's best of RUNS is reported, with the conversion from pandas apart.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from benchmarks.synthetic import write_corpus

RUNS = 3
COLUMNS = ["claim_id", "source_id", "event_id", "subject", "attribute", "value"]
JOIN_SQL = """
SELECT a.claim_id,
       count(*) AS compared,
       count(*) FILTER (WHERE a.value = b.value) AS agreeing
FROM claims a JOIN claims b
  ON a.event_id = b.event_id AND a.subject = b.subject AND a.attribute = b.attribute
 AND a.source_id <> b.source_id
GROUP BY a.claim_id
ORDER BY a.claim_id
"""


def duckdb_join(claims: pd.DataFrame) -> tuple[float, float, pd.DataFrame]:
    import duckdb

    started = time.perf_counter()
    connection = duckdb.connect()
    connection.register("claims_frame", claims)
    connection.execute("CREATE TABLE claims AS SELECT * FROM claims_frame")
    converted = time.perf_counter() - started
    started = time.perf_counter()
    counts = connection.execute(JOIN_SQL).df()
    return converted, time.perf_counter() - started, counts


def polars_join(claims: pd.DataFrame) -> tuple[float, float, pd.DataFrame]:
    import polars as pl

    started = time.perf_counter()
    frame = pl.from_pandas(claims)
    converted = time.perf_counter() - started
    started = time.perf_counter()
    other = frame.select(
        pl.col("source_id").alias("other_source"),
        "event_id",
        "subject",
        "attribute",
        pl.col("value").alias("other_value"),
    )
    counts = (
        frame.join(other, on=["event_id", "subject", "attribute"])
        .filter(pl.col("source_id") != pl.col("other_source"))
        .group_by("claim_id")
        .agg(
            pl.len().alias("compared"),
            (pl.col("value") == pl.col("other_value")).sum().alias("agreeing"),
        )
        .sort("claim_id")
        .to_pandas()
    )
    return converted, time.perf_counter() - started, counts


ENGINES: dict[str, Callable[[pd.DataFrame], tuple[float, float, pd.DataFrame]]] = {
    "duckdb": duckdb_join,
    "polars": polars_join,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.engines", description=__doc__)
    parser.add_argument("--claims", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="claimtrace-bench-engines-") as work:
        corpus = write_corpus(Path(work), args.claims)
        claims = pd.read_csv(
            corpus.data_dir / "claims.csv", usecols=COLUMNS, dtype=str, keep_default_na=False
        )
    claims = claims[claims["event_id"] != ""].reset_index(drop=True)  # compared per event only
    results = {}
    for name, engine in ENGINES.items():
        runs = [engine(claims) for _ in range(RUNS)]
        converted = min(run[0] for run in runs)
        joined = min(run[1] for run in runs)
        counts = runs[0][2].astype({"compared": "int64", "agreeing": "int64"})
        results[name] = counts.reset_index(drop=True)
        pairs = int(counts["compared"].sum())
        print(
            f"{name}: from pandas {converted:.2f} s, join and count {joined:.2f} s "
            f"(best of {RUNS}), {len(counts):,} claims compared, {pairs:,} pairs"
        )
    first, *others = results.values()
    for name, counts in zip(list(results)[1:], others, strict=True):
        same = first.equals(counts)
        print(f"{name} gives the same counts as {next(iter(results))}: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
