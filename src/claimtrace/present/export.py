"""The CSV export with readable columns beside the normalised ones.

`claimtrace export` writes the judge's tables (present/csv_tables.py) with, beside each id or key, a
column in the words the reports use: source names, values in their labels, grades and reasons in
words, each disagreement as its finding. Analysts filter on the normalised columns and read the
readable ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.corpus.load import Corpus
from claimtrace.judge.assess import Assessment
from claimtrace.judge.judged import Row
from claimtrace.present.csv_tables import exported_frames, write_csv
from claimtrace.present.findings import conflict_sentence
from claimtrace.present.reasons import Reasons
from claimtrace.present.wording import (
    ATTRIBUTE_WORDS,
    STATUS_WORDS,
    Wording,
    credibility_words,
    date_words,
    reliability_words,
    words_for,
)

Worded = Callable[[Row, Wording, Reasons], str]
"""Words one row of an assessed frame (a claim, a source, a conflict, an event, a reuse pair)."""

READABLE: dict[str, tuple[str, tuple[tuple[str, str, Worded], ...]]] = {
    "claims_assessed.csv": (
        "claims",
        (
            ("source_id", "source_name", lambda c, w, r: w.source(c.source_id)),
            (
                "value_normalised",
                "value_words",
                lambda c, w, r: w.value(c.attribute, c.value_normalised),
            ),
            ("credibility_reason", "status_words", lambda c, w, r: STATUS_WORDS[c.status]),
            ("status_words", "credibility_words", lambda c, w, r: credibility_words(c.credibility)),
            ("credibility_words", "why", lambda c, w, r: r.claim(c)),
        ),
    ),
    "sources_assessed.csv": (
        "sources",
        (
            ("source_id", "source_name", lambda s, w, r: w.source(s.source_id)),
            ("reason", "reliability_words", lambda s, w, r: reliability_words(s.reliability)),
            ("reliability_words", "why", lambda s, w, r: r.source(s)),
        ),
    ),
    "conflicts.csv": (
        "conflicts",
        (("detail", "finding", lambda c, w, r: conflict_sentence(c, r.claims_of(c), w)),),
    ),
    "timeline.csv": (
        "timeline",
        (
            ("date_precision", "date_words", lambda e, w, r: date_words(e.date, e.date_precision)),
            (
                "attesting_sources",
                "attesting_names",
                lambda e, w, r: joined_all(w, e.attesting_sources),
            ),
            (
                "disputed_attributes",
                "disputed_words",
                lambda e, w, r: ", ".join(
                    ATTRIBUTE_WORDS.get(a, a) for a in split_list(e.disputed_attributes)
                ),
            ),
        ),
    ),
    "origin_groups.csv": (
        "origin_groups",
        (("members", "member_names", lambda g, w, r: joined_all(w, g.members)),),
    ),
    "text_reuse.csv": (
        "reuse",
        (
            ("source_a", "source_a_name", lambda p, w, r: w.source(p.source_a)),
            ("source_b", "source_b_name", lambda p, w, r: w.source(p.source_b)),
        ),
    ),
}
"""Per exported file: the assessment's frame it holds, and the readable columns it gains, each
inserted after a column (normalised or readable) with the function that words a row."""
READABLE_COLUMNS = {
    name: tuple(c for _, c, _ in columns) for name, (_, columns) in READABLE.items()
}
"""The readable columns each file gains, beside the normalised columns they word."""


def readable_frames(corpus: Corpus, assessment: Assessment) -> dict[str, pd.DataFrame]:
    """File name -> the exported frame with its readable columns."""
    words = words_for(corpus, assessment)
    reasons = Reasons.of(assessment, words)
    frames = {}
    for name, frame in exported_frames(assessment).items():
        source, columns = READABLE[name]
        rows = list(getattr(assessment, source).itertuples(index=False))
        written = frame.copy()
        for after, column, worded in columns:
            at = list(written.columns).index(after) + 1
            written.insert(at, column, [worded(row, words, reasons) for row in rows])
        frames[name] = written
    return frames


def joined_all(words: Wording, source_ids: str) -> str:
    """Every source of a `;`-list by name, `;`-separated: a CSV cell lists them all."""
    return "; ".join(words.source(s) for s in split_list(source_ids))


def export_readable(corpus: Corpus, assessment: Assessment, out_dir: Path) -> dict[Path, int]:
    """Write every exported table, readable columns included, into `out_dir` (created if
    needed); path -> rows written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in readable_frames(corpus, assessment).items():
        path = out_dir / name
        write_csv(frame, path)
        written[path] = len(frame)
    return written
