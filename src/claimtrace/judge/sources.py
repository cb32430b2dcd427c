"""Each source's reliability, from how its claims fared and from its provenance."""

from __future__ import annotations

import pandas as pd

from claimtrace.judge.claims import distinct
from claimtrace.judge.reliability import SourceEvidence, reliability
from claimtrace.vocabulary import CORE_ATTRIBUTES, OFFICIAL_RECORD_KIND, RECORD_EVIDENCE


def _known(field: str) -> bool:
    folded = field.strip().casefold()
    return bool(folded) and not folded.startswith(("unknown", "none"))


def record_evidence(reference: pd.DataFrame) -> str:
    """'17 rows primary, 2 wire, 1 secondary': the record's rows by kind of evidence, best first."""
    counts = reference["evidence"].value_counts()
    kinds = [kind for kind in RECORD_EVIDENCE if counts.get(kind, 0)]
    return ", ".join(
        f"{counts[kind]} {'rows ' if at == 0 else ''}{kind}" for at, kind in enumerate(kinds)
    )


# The curated columns of sources.csv that a graded source carries with it.
SOURCE_COLUMNS = (
    "source_id",
    "seed_file",
    "title",
    "publisher",
    "author",
    "published",
    "kind",
    "relies_on",
)


def grade_sources(
    sources: pd.DataFrame,
    judged: pd.DataFrame,
    reference: pd.DataFrame,
    origins: pd.DataFrame,
) -> pd.DataFrame:
    """Sources with what ties them to others (`origins`: source_id, origin_basis,
    shared_origins), outcome counts of their claims, reliability, the key of the rule that gave
    it, and reason."""
    # Only what a source asserts (or denies) itself counts for or against it (judge/stance.py).
    # Counted for all sources at once (a filter per source is quadratic in a large corpus), from
    # the four columns read (filtering every column of a million claims copies them all), into
    # dictionaries (a lookup in a Series costs microseconds, in a dictionary nanoseconds).
    rows_of = judged.groupby("source_id").size().to_dict()
    read = judged[["source_id", "status", "attribute", "contradicted_by"]]
    own = read[judged["speaker"] == judged["source_id"]]
    counts = own.groupby(["source_id", "status"]).size().to_dict()
    contradicted = own[own["status"] == "contradicted"]
    # Lists of contradicting origins are split in plain Python, each distinct one once: pandas'
    # string methods and a grouped aggregate per source cost several times more per row.
    contradicting = contradicted["contradicted_by"].tolist()
    names_the_record = {by: "record" in by.split("; ") for by in set(contradicting)}
    by_record = pd.Series([names_the_record[by] for by in contradicting], dtype=bool)
    contradicted_by_record = by_record.groupby(contradicted["source_id"].to_numpy()).sum().to_dict()
    core = contradicted[contradicted["attribute"].isin(CORE_ATTRIBUTES)]
    core_attributes: dict[str, list[str]] = {}
    for source_id, attribute in zip(
        core["source_id"].tolist(), core["attribute"].tolist(), strict=True
    ):
        core_attributes.setdefault(source_id, []).append(attribute)
    core_contradicted = {source_id: distinct(found) for source_id, found in core_attributes.items()}
    evidence_of_record = record_evidence(reference)
    rows = []
    for source in sources.itertuples(index=False):

        def count(status: str, source_id: str = source.source_id) -> int:
            return int(counts.get((source_id, status), 0))

        evidence = SourceEvidence(
            kind=source.kind,
            confirmed=count("confirmed"),
            contradicted=count("contradicted"),
            contradicted_by_record=int(contradicted_by_record.get(source.source_id, 0)),
            unconfirmed=count("unconfirmed"),
            core_contradicted=core_contradicted.get(source.source_id, ()),
            has_publisher=_known(source.publisher),
            has_byline=_known(source.author),
            has_date=bool(source.published.strip()),
            record_evidence=evidence_of_record if source.kind == OFFICIAL_RECORD_KIND else "",
        )
        grade, rule, reason = reliability(evidence)
        is_record = source.kind == OFFICIAL_RECORD_KIND
        n_claims = len(reference) if is_record else int(rows_of.get(source.source_id, 0))
        judged_outcomes = evidence.confirmed + evidence.contradicted + evidence.unconfirmed
        rows.append(
            {
                "n_claims": n_claims,
                "n_confirmed": evidence.confirmed,
                "n_contradicted": evidence.contradicted,
                "n_unconfirmed": evidence.unconfirmed,
                "n_not_judged": n_claims - judged_outcomes if not is_record else 0,
                "reliability": grade,
                "reliability_rule": rule,
                "reason": reason,
            }
        )
    graded = pd.concat(
        [sources[list(SOURCE_COLUMNS)].reset_index(drop=True), pd.DataFrame(rows)], axis=1
    )
    return graded.merge(origins, on="source_id", how="left")
