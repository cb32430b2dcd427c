"""How sure a report is, in the words of an intelligence assessment (US ICD 203), mapped once
from the Admiralty grades: a judgement's estimative word from the credibility grade of what it
states, its confidence from the reliability grade of the best source behind it, and how a
reader should treat a source from its reliability grade. The methods print these tables, so the
words on page 1 and their meaning cannot drift apart."""

from __future__ import annotations

import pandas as pd

from claimtrace.vocabulary import CREDIBILITY_MEANINGS, RELIABILITY_MEANINGS

ESTIMATIVE_WORDS: dict[int, str] = {
    1: "almost certainly",
    2: "likely",
    3: "roughly even chance",
    4: "unlikely",
    5: "very unlikely",
    6: "no estimate can be made",
}
"""Credibility grade of what a judgement states -> the estimative word it is stated with."""

CONFIDENCE_LEVELS: dict[str, str] = {
    "A": "high",
    "B": "high",
    "C": "moderate",
    "D": "moderate",
    "E": "low",
    "F": "low",
}
"""Reliability grade of the best source behind a judgement -> the confidence it is held with
(the official record is graded A)."""

TREATMENT: dict[str, str] = {
    "A": "its account can be relied on",
    "B": "its account can usually be relied on",
    "C": "check its other details before relying on them",
    "D": "rely on none of its details that no one else confirms",
    "E": "set aside the details it alone gives",
    "F": "weigh each of its details on its own",
}
"""Reliability grade of a source that disagrees -> what a reader should do with it."""


def estimate(credibility: int, reliability: str) -> str:
    """'almost certainly (high confidence)'."""
    return f"{ESTIMATIVE_WORDS[credibility]} ({CONFIDENCE_LEVELS[reliability]} confidence)"


def estimates_table() -> pd.DataFrame:
    """The mappings as the methods print them: one row per grade."""
    credibility = [
        (f"{grade} {meaning}", ESTIMATIVE_WORDS[grade])
        for grade, meaning in CREDIBILITY_MEANINGS.items()
    ]
    reliability = [
        (f"{grade} {meaning}", f"{CONFIDENCE_LEVELS[grade]} confidence; {TREATMENT[grade]}")
        for grade, meaning in RELIABILITY_MEANINGS.items()
    ]
    return pd.DataFrame(
        [*credibility, *reliability], columns=["grade", "on page 1, in the key judgements"]
    )
