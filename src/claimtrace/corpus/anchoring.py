"""Find each quote in its seed: exact and unique, or an error that says why.

An anchor is a W3C Web Annotation TextPositionSelector (`start`, `end`: character offsets, end
exclusive) plus a TextQuoteSelector's `prefix` and `suffix`, so a reader can find the words again
even in a copy of the seed. A quote that is not in the seed character for character is never
matched approximately: the hint only tells the curator which characters to copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

CONTEXT_CHARS = 32
KEY_CHARS = 16
"""Characters of each quote the search automaton holds (quote_offsets)."""

# Characters curators and editors swap for one another; each maps to one character, so offsets
# in the folded text are offsets in the seed.
_LOOKALIKES = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",  # single high-reversed-9 quotation mark
    "\u2032": "'",  # prime
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u201f": '"',  # double high-reversed-9 quotation mark
    "\u2033": '"',  # double prime
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space
    "\u2007": " ",  # figure space
}
_FOLD = str.maketrans(_LOOKALIKES)
_SHOWN = {
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u202f": "a narrow NBSP (U+202F)",
    "\u2007": "a figure space (U+2007)",
    " ": "a space",
}


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    prefix: str
    suffix: str


class QuoteNotAnchored(ValueError):
    """The quote is not in the seed exactly once; the message says what to fix."""


class QuoteNotFound(QuoteNotAnchored):
    """The quote is not in the seed at all, not even with lookalike characters treated alike:
    the loader then names the nearest passage (corpus/nearest.py)."""


def seed_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_seed(data: bytes) -> str:
    """Seed bytes as text, strictly UTF-8; ValueError naming the byte offset otherwise."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValueError(
            f"not UTF-8: byte 0x{data[error.start]:02X} at byte offset {error.start} "
            f"(line {line}); re-save the seed as UTF-8"
        ) from None


def occurrences(needle: str, haystack: str) -> list[int]:
    """Every offset where `needle` starts in `haystack`, overlapping ones included."""
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def find_quote(quote: str, seed: str) -> Anchor:
    """The anchor of `quote` in `seed`; QuoteNotAnchored unless it occurs exactly once."""
    found = find_quotes([quote], seed)[quote]
    if isinstance(found, QuoteNotAnchored):
        raise found
    return found


def find_quotes(quotes: Iterable[str], seed: str) -> dict[str, Anchor | QuoteNotAnchored]:
    """Each quote's anchor in `seed`, or why it has none (as find_quote says it), from one
    search of the seed for all the quotes at once (quote_offsets)."""
    distinct = dict.fromkeys(quotes)
    wanted = [quote for quote in distinct if quote]
    anchors: dict[str, Anchor | QuoteNotAnchored] = {}
    if "" in distinct:
        anchors[""] = QuoteNotAnchored("quote is empty")
    folded: list[str] = []  # the seed with lookalikes folded, made once if a quote needs it
    for quote, offsets in zip(wanted, quote_offsets(wanted, seed), strict=True):
        anchors[quote] = _anchor(quote, seed, offsets, folded)
    return anchors


def quote_offsets(quotes: Sequence[str], seed: str) -> list[list[int]]:
    """Every offset where each quote (none empty) starts in `seed`, overlapping ones included,
    in increasing order, by one Aho–Corasick pass over the seed for all the quotes at once
    instead of a pass per quote; a quote given twice is looked for once.

    The automaton holds only a window of KEY_CHARS characters of each quote, and each place a
    window occurs is confirmed by comparing the whole quote there: building the automaton
    costs time per character it holds. A window starts at the quote's first space where it
    can: with every key opening on a space, most characters of the seed leave the automaton
    at its root at once, and it scans the seed about twice as fast."""
    found: list[list[int]] = []  # each quote's offsets; a quote given twice shares its list
    # key -> the quotes it is a window of: (quote, the window's offset in it, its offsets)
    by_key: dict[str, list[tuple[str, int, list[int]]]] = {}
    for quote in quotes:
        skip = quote.find(" ", 0, len(quote) - KEY_CHARS + 1)
        if skip < 0:  # no space early enough: the window opens the quote
            skip = 0
        windowed = by_key.setdefault(quote[skip : skip + KEY_CHARS], [])
        for known, _, known_offsets in windowed:  # the few quotes that share its window
            if known == quote:
                offsets = known_offsets
                break
        else:
            offsets = []
            windowed.append((quote, skip, offsets))
        found.append(offsets)
    if by_key:
        automaton = ahocorasick.Automaton()
        for key, windowed in by_key.items():
            automaton.add_word(key, (len(key) - 1, windowed))
        automaton.make_automaton()
        for last, (back, windowed) in automaton.iter(seed):
            for quote, skip, offsets in windowed:
                start = last - back - skip
                if start >= 0 and seed.startswith(quote, start):
                    offsets.append(start)
    return found


def _anchor(
    quote: str, seed: str, found: list[int], folded: list[str]
) -> Anchor | QuoteNotAnchored:
    if len(found) > 1:
        shown = ", ".join(str(offset) for offset in found)
        return QuoteNotAnchored(
            f"ambiguous: occurs {len(found)} times in the seed (offsets {shown}); "
            "quote more words so it occurs once"
        )
    if not found:
        if not folded:
            folded.append(seed.translate(_FOLD))
        hint = _lookalike_hint(quote, seed, folded[0])
        error = QuoteNotAnchored if hint else QuoteNotFound
        return error(f"not found exactly in the seed{hint}")
    start = found[0]
    end = start + len(quote)
    (prefix,), (suffix,) = contexts(seed, [start], [end])
    return Anchor(start=start, end=end, prefix=prefix, suffix=suffix)


def contexts(seed: str, starts: Sequence[int], ends: Sequence[int]) -> tuple[list[str], list[str]]:
    """The prefix and suffix of each span of the seed: CONTEXT_CHARS characters before its
    start and after its end, fewer at the ends of the seed; empty for a span starting at -1
    (a quote not anchored)."""
    return (
        [seed[max(0, start - CONTEXT_CHARS) : start] if start >= 0 else "" for start in starts],
        [
            seed[end : end + CONTEXT_CHARS] if start >= 0 else ""
            for start, end in zip(starts, ends, strict=True)
        ],
    )


def _lookalike_hint(quote: str, seed: str, folded_seed: str) -> str:
    found = occurrences(quote.translate(_FOLD), folded_seed)
    if not found:
        return ""
    start = found[0]
    swapped = sorted(
        {(s, q) for s, q in zip(seed[start : start + len(quote)], quote, strict=True) if s != q}
    )
    pairs = " and ".join(f"{_show(s)} (seed) vs {_show(q)} (quote)" for s, q in swapped)
    where = f"offset {start}" if len(found) == 1 else f"offsets {', '.join(map(str, found))}"
    return (
        f"; matches at {where} if lookalike characters are treated alike: {pairs} — "
        "copy the seed's characters"
    )


def _show(char: str) -> str:
    return _SHOWN.get(char, char)
