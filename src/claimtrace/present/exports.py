"""The CSV export with readable columns beside the normalised ones.

`claimtrace export` writes the judge's tables (judge/export.py) with, beside each id or key, a
column in the words the reports use: source names, values in their labels, grades and reasons in
words, each disagreement as its finding. Analysts filter on the normalised columns and read the
readable ones.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.corpus.load import Corpus
from claimtrace.judge.assess import Assessment
from claimtrace.judge.export import exported_frames, write_csv
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

READABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "claims_assessed.csv": (
        "source_name",
        "value_words",
        "status_words",
        "credibility_words",
        "why",
    ),
    "sources_assessed.csv": ("source_name", "reliability_words", "why"),
    "conflicts.csv": ("finding",),
    "timeline.csv": ("date_words", "attesting_names", "disputed_words"),
    "text_reuse.csv": ("source_a_name", "source_b_name"),
}
"""The readable columns each file gains, beside the normalised columns they word."""


def _beside(frame: pd.DataFrame, after: str, columns: dict[str, list[str]]) -> pd.DataFrame:
    """`frame` with `columns` inserted right after the column `after`, in order."""
    at = list(frame.columns).index(after) + 1
    for offset, (name, values) in enumerate(columns.items()):
        frame.insert(at + offset, name, values)
    return frame


def readable_frames(corpus: Corpus, assessment: Assessment) -> dict[str, pd.DataFrame]:
    """File name -> the exported frame with its readable columns."""
    words = words_for(corpus, assessment)
    reasons = Reasons.of(assessment, words)
    frames = {name: frame.copy() for name, frame in exported_frames(assessment).items()}
    claims = frames["claims_assessed.csv"]
    rows = list(assessment.claims.itertuples(index=False))
    _beside(claims, "source_id", {"source_name": [words.source(c.source_id) for c in rows]})
    _beside(
        claims,
        "value_normalised",
        {"value_words": [words.value(c.attribute, c.value_normalised) for c in rows]},
    )
    _beside(
        claims,
        "credibility_reason",
        {
            "status_words": [STATUS_WORDS[c.status] for c in rows],
            "credibility_words": [credibility_words(c.credibility) for c in rows],
            "why": [reasons.claim(c) for c in rows],
        },
    )
    sources = frames["sources_assessed.csv"]
    graded = list(assessment.sources.itertuples(index=False))
    _beside(sources, "source_id", {"source_name": [words.source(s.source_id) for s in graded]})
    _beside(
        sources,
        "reason",
        {
            "reliability_words": [reliability_words(s.reliability) for s in graded],
            "why": [reasons.source(s) for s in graded],
        },
    )
    conflicts = frames["conflicts.csv"]
    by_id = assessment.claims.set_index("claim_id", drop=False)
    conflicts["finding"] = [
        conflict_sentence(
            c, by_id.loc[[i for i in split_list(c.claim_ids) if i in by_id.index]], words
        )
        for c in assessment.conflicts.itertuples(index=False)
    ]
    timeline = frames["timeline.csv"]
    events = list(assessment.timeline.itertuples(index=False))
    _beside(
        timeline,
        "date_precision",
        {"date_words": [date_words(e.date, e.date_precision) for e in events]},
    )
    _beside(
        timeline,
        "attesting_sources",
        {"attesting_names": [joined_all(words, e.attesting_sources) for e in events]},
    )
    _beside(
        timeline,
        "disputed_attributes",
        {
            "disputed_words": [
                ", ".join(ATTRIBUTE_WORDS.get(a, a) for a in split_list(e.disputed_attributes))
                for e in events
            ]
        },
    )
    reuse = frames["text_reuse.csv"]
    _beside(reuse, "source_a", {"source_a_name": [words.source(s) for s in reuse["source_a"]]})
    _beside(reuse, "source_b", {"source_b_name": [words.source(s) for s in reuse["source_b"]]})
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
