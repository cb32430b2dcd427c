"""The reader's words for keys (data/labels.csv): role keys, list keys and durations.

A report never shows a key: `foreign_minister_canada` reads "Canada's foreign minister",
`energy_security` "energy security", `P3Y` "three years". The labels are curated, so `check`
requires one for every key the tables use (schemas.py), and a report can rely on finding it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from claimtrace.corpus.entities import resolve_name, split_list

LABEL_KINDS = ("role", "item", "duration")
"""What labels.csv words: role keys, keys of lists, ISO 8601 durations."""
ROLE_KEY = re.compile(r"[a-z0-9][a-z0-9_]*")
ITEM_KEY = ROLE_KEY
DURATION = re.compile(r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?")
KEY_FORMS: dict[str, tuple[str, re.Pattern[str]]] = {
    "role": ("a role key [a-z0-9][a-z0-9_]* ('foreign_minister_canada')", ROLE_KEY),
    "item": ("a list key [a-z0-9][a-z0-9_]*", ITEM_KEY),
    "duration": ("an ISO 8601 duration ('P3Y')", DURATION),
}
"""The form of a key of each kind."""


RANGE_MARKS = {"~": "about", "<": "at most", ">": "at least"}
"""How a count, amount or duration may be given as a range, and how a sentence says each."""


def unranged(value: str) -> str:
    """A count, amount or duration without its range mark: `~P3Y` -> `P3Y`."""
    return value[1:] if value[:1] in RANGE_MARKS else value


def labelled_keys(
    attribute: str, value: str, names: Mapping[str, str] | None
) -> list[tuple[str, str]]:
    """The (label kind, key) pairs a value needs a label for: a role key, a duration, and each
    list member that is not an entity's name (a key such as 'energy_security'). A value not in
    its attribute's form is left to the rule that reports that."""
    if attribute == "role" and ROLE_KEY.fullmatch(value):
        return [("role", value)]
    if attribute == "duration" and DURATION.fullmatch(unranged(value)):
        return [("duration", unranged(value))]
    if attribute in ("items", "includes"):
        return [
            ("item", item)
            for item in split_list(value)
            if ITEM_KEY.fullmatch(item) and (names is None or resolve_name(item, names) is None)
        ]
    return []


def unlabelled(
    attribute: str,
    value: str,
    names: Mapping[str, str] | None,
    labels: Mapping[str, frozenset[str]],
) -> list[str]:
    """The keys of a value that have no label (`labels`: kind -> keys labelled)."""
    return [
        key
        for kind, key in labelled_keys(attribute, value, names)
        if key not in labels.get(kind, frozenset())
    ]


def label_index(labels: pd.DataFrame) -> dict[str, dict[str, str]]:
    """kind -> key -> label, from a labels.csv frame."""
    index: dict[str, dict[str, str]] = {kind: {} for kind in LABEL_KINDS}
    for kind, key, label in zip(labels["kind"], labels["key"], labels["label"], strict=True):
        index.setdefault(kind, {})[key] = label
    return index
