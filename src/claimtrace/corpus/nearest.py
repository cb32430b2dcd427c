"""The passage of a seed nearest to a quote that is not in it, for the curator's hint.

Anchoring stays exact (corpus/anchoring.py); this only says where the curator probably copied
from and which characters differ, so a misreading ("Anita Annand") needs no grep. It runs only
for the quotes the loader lists as not found, so its cost never grows with the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

MIN_SCORE = 60.0
"""Below this similarity (0–100) no passage is named: the quote was not taken from this seed."""
LONGEST_QUOTE = 2_000
"""Characters of the longest quote searched for: the search grows with quote times seed, and a
quote this long is a pasted paragraph, not a misreading."""
EDGE_SLACK = 4
"""Characters by which the aligned window's edges may move to fit the passage."""
DIFFERENCES_SHOWN = 5
"""Differing stretches named; the rest are counted."""


@dataclass(frozen=True)
class Nearest:
    """The seed's passage most like the quote: its character offset, its text, and each
    stretch where the quote differs from it, as (quote's characters, seed's characters)."""

    start: int
    passage: str
    differences: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        shown = ", ".join(f"{q!r}→{s!r}" for q, s in self.differences[:DIFFERENCES_SHOWN])
        more = len(self.differences) - DIFFERENCES_SHOWN
        if more > 0:
            shown += f" and {more} more"
        return (
            f"nearest passage at offset {self.start}: {self.passage!r} — differs "
            f"(quote→seed): {shown}"
        )


def nearest_hint(quote: str, seed: str) -> str:
    """What a curator is told about a quote not found in its seed: its nearest passage, or why
    none is named."""
    if len(quote) > LONGEST_QUOTE:
        return f"; no nearest passage is sought for a quote over {LONGEST_QUOTE:,} characters"
    nearest = nearest_passage(quote, seed)
    return f"; {nearest}" if nearest else "; no passage of the seed is close to it"


def nearest_passage(quote: str, seed: str) -> Nearest | None:
    """The passage of `seed` nearest to `quote`, or None when none is at least MIN_SCORE alike."""
    if not quote or not seed:
        return None
    alignment = fuzz.partial_ratio_alignment(quote, seed, score_cutoff=MIN_SCORE)
    if alignment is None:
        return None
    start, end = _fitted(quote, seed, alignment.dest_start, alignment.dest_end)
    passage = seed[start:end]
    return Nearest(start, passage, _differences(quote, passage))


def _fitted(quote: str, seed: str, start: int, end: int) -> tuple[int, int]:
    """The aligned window with its edges moved by up to EDGE_SLACK characters to the passage
    fewest edits from the quote (then the nearest its length): partial_ratio's window is as
    long as the quote, so a letter too many or too few in the quote cuts a word off or adds a
    neighbour's character."""
    slack = min(EDGE_SLACK, max(1, len(quote) // 4))
    windows = [
        (s, e)
        for s in range(max(0, start - slack), start + slack + 1)
        for e in range(max(s + 1, end - slack), min(len(seed), end + slack) + 1)
    ]
    return min(
        windows,
        key=lambda w: (
            Levenshtein.distance(quote, seed[w[0] : w[1]]),
            abs(w[1] - w[0] - len(quote)),
            w[0],
        ),
    )


def _differences(quote: str, passage: str) -> tuple[tuple[str, str], ...]:
    """Each stretch where quote and passage differ, widened by one shared character when one
    side is empty, so "'nn'→'n'" says where a letter is missing or extra."""
    found = []
    for op in Levenshtein.opcodes(quote, passage):
        if op.tag == "equal":
            continue
        q0, q1, s0, s1 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if q0 == q1 or s0 == s1:
            if q0 > 0 and s0 > 0:
                q0, s0 = q0 - 1, s0 - 1
            else:
                q1, s1 = min(q1 + 1, len(quote)), min(s1 + 1, len(passage))
        found.append((quote[q0:q1], passage[s0:s1]))
    return tuple(found)
