"""Ids and keys turned into words: names, labels, numbers in words, and the key figures.

Everything a report says about the data is worded here or in present/findings.py from the
assessed frames, so it stays true when the curated tables change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.conflicts import Statement, sides_by_conflict
from claimtrace.present.selection import Selection
from claimtrace.vocabulary import LIST_ATTRIBUTES, SCOPES, STATUSES

UNTITLED = "(untitled)"
"""What a reader-facing table shows for a source without a title."""


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """A count as a word up to nine ('four'), as digits from ten on."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def count_phrase(n: int, total: int) -> str:
    """'Four of five' ('None of five'), for a sentence that starts with it."""
    return f"{number_word(n) if n else 'none'} of {number_word(total)}".capitalize()


def role_label(role: str, names: Mapping[str, str]) -> str:
    """A role key as a reader reads it: 'foreign_minister_canada' -> "Canada's foreign
    minister" when the key ends in an entity id, else the key with spaces."""
    parts = role.split("_")
    for cut in range(1, len(parts)):
        holder = "_".join(parts[cut:])
        name = names.get(holder) or names.get(holder.replace("_", "-"))
        if name:
            return f"{name}'s {' '.join(parts[:cut])}"
    return role.replace("_", " ")


def claim_statement(claim: object, names: Mapping[str, str]) -> str:
    """'place = Ottawa', "role of Mélanie Joly = Canada's foreign minister": what a claim says,
    in names, not ids; '' for a claim without an attribute."""
    if not claim.attribute:
        return ""
    what = claim.attribute.replace("_", " ")
    if claim.subject:
        what += f" of {names.get(claim.subject, claim.subject)}"
    if not claim.value:
        return f"{what}: (not normalised)"
    shown = (
        role_label(claim.value, names)
        if claim.attribute == "role"
        else readable_value(claim.value_normalised or claim.value, names)
    )
    return f"{what} = {shown}"


def readable_value(value: str, names: Mapping[str, str]) -> str:
    """A normalised value as a reader reads it: entity ids as canonical names, lists with
    commas ('anand; iwaya' -> 'Anita Anand, Takeshi Iwaya'), keys with spaces ('free_trade' ->
    'free trade')."""
    return ", ".join(names.get(item, item.replace("_", " ")) for item in split_list(value)) or value


def entity_names(entities: pd.DataFrame) -> dict[str, str]:
    """Entity id -> canonical name."""
    return dict(zip(entities["entity_id"], entities["canonical_name"], strict=True))


SCOPE_LABELS = {
    "against_record": "against the record",
    "between_sources": "between sources",
    "internal": "within one source",
}
ATTRIBUTE_LABELS = {"agreement_name": "name of the agreement"}
"""Attribute names as a sentence uses them, where replacing '_' by ' ' is not enough."""


_RECORD_LIST = re.compile(r" — ([a-z][a-z ]*): (.+)$")
_ADDRESS = re.compile(r"https?://(?:www\.)?([^/\s()]+)[^\s()]*")


@dataclass(frozen=True)
class Wording:
    """What turns ids into words: entity names, event titles and dates, the record's rows, and
    who says what in each conflict."""

    names: Mapping[str, str]
    titles: Mapping[str, str]
    dates: Mapping[str, str]
    entities: pd.DataFrame
    reference: pd.DataFrame
    sides: Mapping[str, list[list[Statement]]]
    """conflict_id -> the statements on each side of that conflict."""


def wording(
    timeline: pd.DataFrame,
    entities: pd.DataFrame,
    reference: pd.DataFrame,
    conflict_statements: pd.DataFrame,
) -> Wording:
    """The words for the ids of one assessment's timeline, entities, record and conflicts."""
    return Wording(
        names=entity_names(entities),
        titles=dict(zip(timeline["event_id"], timeline["title"], strict=True)),
        dates=dict(zip(timeline["event_id"], timeline["date"], strict=True)),
        entities=entities,
        reference=reference,
        sides=sides_by_conflict(conflict_statements),
    )


def citation(basis: str) -> str:
    """A record id or address as cited in a sentence: 'R14' -> 'record R14', an address -> its
    host name ('theglobeandmail.com'); '(start)'-style notes dropped."""
    cited = re.sub(r"\s*\([^()]*\)$", "", basis.strip())
    host = _ADDRESS.fullmatch(cited)
    if host:
        return host.group(1)
    return "record " + ", ".join(cited.split("+")) if cited else ""


def without_addresses(text: str) -> str:
    """Web addresses in a sentence shortened to their host names: a reader cannot follow a link
    on paper, and a long address breaks the line it is in."""
    return _ADDRESS.sub(r"\1", text)


NAMED_IN_A_SENTENCE = 6
"""Most sources or items a sentence names; the rest are counted ('and 12 others')."""


def joined(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; past NAMED_IN_A_SENTENCE the rest are counted."""
    words = list(dict.fromkeys(w for w in words if w))
    if len(words) > NAMED_IN_A_SENTENCE:
        rest = len(words) - NAMED_IN_A_SENTENCE + 1
        words = [*words[: NAMED_IN_A_SENTENCE - 1], f"{rest:,} others"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def verb_for(singular: str, subjects: Sequence[str]) -> str:
    """'lists' for one subject, 'list' for several."""
    return singular if len(set(subjects)) == 1 else singular.removesuffix("s")


def attribute_phrase(attribute: str, subject: str, names: Mapping[str, str]) -> str:
    """'name of the agreement', 'role of Mélanie Joly'."""
    what = " and ".join(ATTRIBUTE_LABELS.get(a, a.replace("_", " ")) for a in split_list(attribute))
    return what + (f" of {names.get(subject, subject)}" if subject else "")


def some(n: int) -> str:
    """A count in a sentence that is not its start: 'none', 'two'."""
    return number_word(n) if n else "none"


def record_list_words(record: object, names: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """A record row's list in its own words: the noun it uses ('priorities') and each key's
    label ('energy_security' -> 'energy security'), from `record_text` ('… — priorities:
    1 rule of law | 2 …') when it numbers one label per key, else from entity names."""
    keys = split_list(record.value)
    noun = record.attribute.replace("_", " ")
    found = _RECORD_LIST.search(record.record_text)
    labels: dict[str, str] = {}
    if found:
        noun = found.group(1)
        parts = [re.sub(r"^\d+\s+", "", part.strip()) for part in found.group(2).split(" | ")]
        if len(parts) == len(keys) > 1:
            labels = dict(zip(keys, parts, strict=True))
    return noun, {key: labels.get(key) or names.get(key, key.replace("_", " ")) for key in keys}


def list_labels(reference: pd.DataFrame, names: Mapping[str, str]) -> dict[str, str]:
    """List key -> the record's own words for it ('peacekeeping_hadr' -> 'peacekeeping
    operations and peacebuilding; …'), from every list the record gives."""
    labels: dict[str, str] = {}
    for record in reference[reference["attribute"].isin(LIST_ATTRIBUTES)].itertuples(index=False):
        labels.update(record_list_words(record, names)[1])
    return labels


def number_text(value: str) -> str:
    """A numeric value in words where it is a whole number ('6' -> 'six')."""
    return number_word(int(value)) if value.isdigit() else value


KEY_FIGURE_SOURCES = 12
"""Most sources whose grades key_figures names one by one; beyond, it counts sources per grade."""


def key_figures(selection: Selection) -> str:
    """The counts a reader checks first, as plain lines (and what nbval compares)."""
    status = selection.claims["status"].value_counts()
    scope = selection.conflicts["scope"].value_counts()
    graded = selection.sources
    if len(graded) <= KEY_FIGURE_SOURCES:
        grades = ", ".join(
            f"{s} {g}" for s, g in zip(graded["source_id"], graded["reliability"], strict=True)
        )
    else:
        per_grade = graded["reliability"].value_counts().sort_index()
        grades = f"{len(graded):,} sources, " + ", ".join(
            f"{grade} {n:,}" for grade, n in per_grade.items()
        )
    return "\n".join(
        [
            f"claims: {len(selection.claims)} "
            + "("
            + ", ".join(f"{s.replace('_', ' ')} {int(status.get(s, 0))}" for s in STATUSES)
            + ")",
            f"events: {len(selection.timeline)}, "
            f"of them disputed: {int(selection.timeline['conflict'].sum())}",
            f"conflicts: {len(selection.conflicts)} "
            + "("
            + ", ".join(f"{s.replace('_', ' ')} {int(scope.get(s, 0))}" for s in SCOPES)
            + ")",
            f"reliability: {grades}",
        ]
    )
