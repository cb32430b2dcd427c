"""Who stands behind each claim: the evidence it is, and whose.

A source is judged only on what it asserts. What it relays is the relayed party's claim: a
claim relayed from another source of the corpus (`attributed_to` names that source) is that
source's evidence, one witness with it; a claim relayed from anyone else (an unnamed website, an
outlet not in the corpus) is shown as reported elsewhere and is no one's evidence. A denial is
the denier's statement that its value is not so (judge/comparison.py compares it as such). A
value withdrawn by a correction is kept and shown, and is no one's evidence.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from claimtrace.vocabulary import ASSERTS

DENIES, REPORTS, RETRACTS = "denies", "reports", "retracts"


def with_speakers(claims: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The claims with `speaker`: the source whose evidence the claim is (its own source, or
    the corpus source it relays), empty when it is no one's (withdrawn, or relayed from outside
    the corpus). `stance` is as loaded (corpus/load.py spells out an empty one as `asserts`)."""
    stance = claims["stance"]
    relayed_from_corpus = (
        (stance == REPORTS)
        & claims["attributed_to"].isin(sources["source_id"])
        & (claims["attributed_to"] != claims["source_id"])
    )
    own = stance.isin([ASSERTS, DENIES])
    speaker = np.where(
        own, claims["source_id"], np.where(relayed_from_corpus, claims["attributed_to"], "")
    )
    return claims.assign(speaker=speaker.astype(object))
