"""Two normalised values of one attribute, compared with the vocabulary's semantics.

data/README.md fixes how each attribute compares: entity ids and numbers as equal or not, lists
as sets, a partial list (`includes`) against a complete one (`items`), a `count` against a list's
length, dates as far as both are precise. `description` and `role` are not compared here: one
never is, the other is checked against dated roles.

A verdict says whether the other statement vouches for everything this one says. So it is
AGREES only when the other says as much or more: a month vouches for neither of its days (it is
consistent with each, and confirms none), and a day vouches for its month. Two statements that
say the same thing agree both ways whatever attributes they use: a partial list that names
exactly the members of a complete list says what the complete list says.
"""

from __future__ import annotations

from claimtrace.corpus.dates import dates_agree, precision_of
from claimtrace.corpus.entities import split_list
from claimtrace.vocabulary import PRECISION_ORDER

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


def family(attribute: str) -> str:
    """The family an attribute is compared within: attributes compared with one another,
    directly or through a third, speak of one thing (`count`, `items` and `includes` all of one
    list); a family is named by its first attribute in alphabetical order, and an attribute
    that meets no other (`role`) is its own."""
    reached, frontier = {attribute}, [attribute]
    while frontier:
        new = COMPARABLE.get(frontier.pop(), frozenset()) - reached
        reached |= new
        frontier += new
    return min(reached)


def _members(value: str) -> set[str]:
    return set(split_list(value))


def _precision_rank(date: str) -> int:
    return PRECISION_ORDER.index(precision_of(date))


def _compare_dates(value: str, other: str) -> str | None:
    if not dates_agree(value, other):
        return DISAGREES
    return AGREES if _precision_rank(other) >= _precision_rank(value) else None


def _compare_lists(attribute: str, value: str, other_attribute: str, other: str) -> str | None:
    """`includes` and `items` in any pairing: equal sets agree both ways; a partial list is
    confirmed by any list containing it; a complete list is contradicted by a partial list
    naming a member it lacks, and only partly confirmed by a shorter one."""
    mine, theirs = _members(value), _members(other)
    if mine == theirs:
        return AGREES
    if attribute == "includes":
        if mine.issubset(theirs):
            return AGREES
        return DISAGREES if other_attribute == "items" else None
    if other_attribute == "includes":
        return None if theirs.issubset(mine) else DISAGREES
    return DISAGREES


def compare_values(
    attribute: str, value: str, other_attribute: str, other_value: str
) -> str | None:
    """Whether the other statement vouches for everything this one says (AGREES), contradicts
    it (DISAGREES) or neither (None: not comparable, or consistent but only partly confirming).

    Both values are normalised. Dates disagree when they differ at the coarser precision of the
    two, and otherwise agree only if the other is at least as precise. A `count` meets an
    `items` list through its length (the source's own list, or the record's).
    """
    if attribute == other_attribute and attribute in EXACT_ATTRIBUTES:
        return AGREES if value == other_value else DISAGREES
    if attribute == other_attribute == "date":
        return _compare_dates(value, other_value)
    if attribute == other_attribute and attribute in SET_COMPARED - LIST_ATTRIBUTES:
        return AGREES if _members(value) == _members(other_value) else DISAGREES
    if attribute in LIST_ATTRIBUTES and other_attribute in LIST_ATTRIBUTES:
        return _compare_lists(attribute, value, other_attribute, other_value)
    if {attribute, other_attribute} == {"count", "items"}:
        count, items = (value, other_value) if attribute == "count" else (other_value, value)
        return AGREES if float(count) == len(_members(items)) else DISAGREES
    return None
