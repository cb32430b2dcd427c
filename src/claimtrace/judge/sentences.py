"""Which claims a source makes in one sentence, so a sentence with a false detail is read as a
whole: "Joly, as foreign minister, attended the closed-door signing ceremony" puts her at the
ceremony in the same breath as it gives her a post she no longer held.

A sentence ends at a full stop, question or exclamation mark (with any closing quote or bracket)
followed by white space and a capital letter, an opening quote or a digit, or at a line break; a
full stop after a one-word title or an initial ("Dr.", "U.S.") ends none.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

import pandas as pd

# The mark comes first and the titles are looked behind it: the engine then tries the lookbehinds
# only at a full stop, not at every character (seven times faster over long seeds).
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b[A-Z].)(?<!\bDr.)(?<!\bMr.)(?<!\bMs.)(?<!\bMrs.)(?<!\bSt.)(?<!\bNo.)(?<!\bGen.)"
    r"(?<!\bProf.)[\"'”’)\]]*\s+(?=[A-Z\"“\u2018(\d])|\n+"
)


def sentence_starts(text: str) -> list[int]:
    """The offset at which each sentence of a text begins, in order (the first is 0)."""
    return [0, *(found.end() for found in _SENTENCE_END.finditer(text))]


Sentence = tuple[str, int]
"""A sentence of a seed: its source and the offset it starts at."""


def sentence_of_claims(claims: pd.DataFrame, seeds: Mapping[str, str]) -> list[Sentence | None]:
    """Per claim, the sentence its quote lies in; None when the quote spans two sentences or
    is not anchored (it then shares no sentence)."""
    starts = {source: sentence_starts(text) for source, text in seeds.items()}
    columns = (claims[name].tolist() for name in ("source_id", "start", "end"))
    found: list[Sentence | None] = []
    for source, start, end in zip(*columns, strict=True):
        bounds = starts[source]
        at = bisect.bisect_right(bounds, start) - 1
        inside = start >= 0 and (at + 1 >= len(bounds) or end <= bounds[at + 1])
        found.append((source, bounds[at]) if inside else None)
    return found
