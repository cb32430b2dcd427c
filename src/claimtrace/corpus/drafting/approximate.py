"""Words that make a count, amount or duration approximate, and the form they give its value:
`~X` about ("about", "around", "some"), `<X` at most ("under", "nearly", "almost", "fewer
than") and `>X` at least ("over", "more than", "at least"); "no more than" turns one into the
other. "Over", "under" and "around" bound a number only at a sentence's start or after a word
that sizes ("for over five years"); elsewhere they say when, how or where ("allocated over five
years", "signed under two agreements"). "About" after a word of speech says what of ("talks
about the two pacts"), not how much.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

ABOUT, AT_MOST, AT_LEAST = "~", "<", ">"
MEANINGS = {ABOUT: "about", AT_MOST: "at most", AT_LEAST: "at least"}
QUALIFIERS = {
    **dict.fromkeys(("about", "around", "approximately", "some", "roughly", "estimated"), ABOUT),
    **dict.fromkeys(("nearly", "almost", "under", "less", "fewer", "up", "most"), AT_MOST),
    **dict.fromkeys(("over", "more", "least", "exceeding", "upwards"), AT_LEAST),
}
MODIFIERS = ("at", "just", "well", "an")
"""Words before a qualifier that belong to it ("at least", "just under", "an estimated")."""
LINKING = (*MODIFIERS, "than", "to", "of")
"""Words that may sit among qualifiers and the number ("more than", "up to")."""
NEGATIONS = ("no", "not")
POSITIONAL = ("over", "under", "around")
"""Qualifiers that also place things ("allocated over five years", "signed under two
agreements", "travelled around five cities"): they bound a number only after SIZING words."""
SIZING = (
    "for", "of", "in", "after", "within", "to", "by", "with", "than", "just", "well", "at",
    "took", "take", "takes", "lasted", "lasts", "last", "is", "was", "were", "are", "be", "been",
    "has", "had", "have", "cost", "costs", "numbered", "numbering", "totalled", "totaled",
    "reached", "reaching", "and", "or", ",", "(",
)  # fmt: skip
"""Words after which "over", "under" or "around" says how much ("for over five years")."""
TOPIC = re.compile(
    r"(talk|spoke|speak|sa(y|id)|told|tell|ask|concern|worr|think|thought|know|knew|learn|"
    r"debat|news|question|inform|care|wr(i|o)te|read|hear|warn|complain|agree)\w*"
)
"""Words after which "about" gives a topic ("talks about eight countries"), not a size."""
FLIPPED = {AT_MOST: AT_LEAST, AT_LEAST: AT_MOST, ABOUT: ABOUT}


def bound(before: Span | Sequence[Token]) -> tuple[str, int]:
    """The sign the words right before a number give it ("" when none) and how many of the
    last words of `before` say it (the quote starts there)."""
    sign, length = "", 0
    for back, token in enumerate(reversed(before), start=1):
        word = token.lower_
        if word in QUALIFIERS:
            preceding = before[-back - 1] if back < len(before) else None
            if preceding is not None and (
                (word in POSITIONAL and preceding.lower_ not in SIZING)
                or (word == "about" and TOPIC.fullmatch(preceding.lower_))
            ):
                break
            if sign:
                break  # one qualifier to a number: "came over about two years" is "about"
            sign, length = QUALIFIERS[word], back
        elif word in NEGATIONS and sign:
            sign, length = FLIPPED[sign], back
        elif word in MODIFIERS and sign:
            length = back
        elif word not in LINKING:
            break
    return sign, length
