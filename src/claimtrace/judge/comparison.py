"""Two normalised values of one attribute, compared with the vocabulary's semantics.

data/README.md fixes how each attribute compares: dates at the coarser precision of the two,
entity ids and numbers as equal or not, lists as sets, a partial list (`includes`) against a
complete one (`items`), a `count` against a list's length. `description` and `role` are not
compared here: one never is, the other is checked against dated roles.
"""

from __future__ import annotations

from claimtrace.corpus.dates import dates_agree
from claimtrace.corpus.entities import split_list

AGREES, DISAGREES = "agrees", "disagrees"
EXACT_ATTRIBUTES = frozenset({"place", "agreement_name", "count", "amount", "duration"})
SET_COMPARED = frozenset({"signatories", "participants", "items"})
LIST_ATTRIBUTES = frozenset({"items", "includes"})
COMPARABLE: dict[str, frozenset[str]] = {
    **{a: frozenset({a}) for a in EXACT_ATTRIBUTES | SET_COMPARED | {"date"}},
    "includes": LIST_ATTRIBUTES,
    "items": frozenset({"items", "includes", "count"}),
    "count": frozenset({"count", "items"}),
}
"""For each attribute, the attributes `compare_values` can reach a verdict against (elsewhere it
returns None), so a caller need not try every pair of statements on an event."""


def _members(value: str) -> set[str]:
    return set(split_list(value))


def compare_values(
    attribute: str, value: str, other_attribute: str, other_value: str
) -> str | None:
    """Whether the other statement vouches for everything this one says (AGREES), contradicts
    it (DISAGREES) or neither (None: not comparable, or consistent but only partly confirming).

    Both values are normalised. A complete list (`items`) is only confirmed by an equal list; an
    `includes` is confirmed by a complete list or a longer partial list containing it; a `count`
    meets an `items` list through its length (the source's own list, or the record's).
    """
    if attribute == other_attribute and attribute in EXACT_ATTRIBUTES:
        return AGREES if value == other_value else DISAGREES
    if attribute == other_attribute == "date":
        return AGREES if dates_agree(value, other_value) else DISAGREES
    if attribute == other_attribute and attribute in SET_COMPARED:
        return AGREES if _members(value) == _members(other_value) else DISAGREES
    if attribute == "includes" and other_attribute in LIST_ATTRIBUTES:
        if _members(value) <= _members(other_value):
            return AGREES
        return DISAGREES if other_attribute == "items" else None
    if attribute == "items" and other_attribute == "includes":
        return None if _members(other_value) <= _members(value) else DISAGREES
    if {attribute, other_attribute} == {"count", "items"}:
        count, items = (value, other_value) if attribute == "count" else (other_value, value)
        return AGREES if float(count) == len(_members(items)) else DISAGREES
    return None
