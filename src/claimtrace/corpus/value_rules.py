"""The form a value takes for each attribute (data/README.md's attribute vocabulary) and the
label every key in it needs, as row rules shared by claims.csv and reference.csv."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from claimtrace.corpus.dates import DATE_FORM
from claimtrace.corpus.entities import resolve_name, split_list
from claimtrace.corpus.labels import DURATION, KEY_FORMS, ROLE_KEY, unlabelled, unranged
from claimtrace.corpus.rules import Context, RowRule, is_date
from claimtrace.vocabulary import ENTITY_ATTRIBUTES, SINGLE_ENTITY_ATTRIBUTES

NUMBER = re.compile(r"\d+(\.\d+)?")
AMOUNT = re.compile(r"\d+(\.\d+)? [A-Z]{3}")


def _entity_names(value: str, names: Mapping[str, str]) -> bool:
    return all(resolve_name(name, names) is not None for name in split_list(value))


def value_forms(names: Mapping[str, str] | None) -> dict[str, tuple[str, Callable[[str], bool]]]:
    """The form a non-empty `value` must have for each attribute (data/README.md)."""
    forms: dict[str, tuple[str, Callable[[str], bool]]] = {
        "date": (DATE_FORM, is_date),
        "role": (KEY_FORMS["role"][0], lambda v: ROLE_KEY.fullmatch(v) is not None),
        "count": (
            "a number, or a range of one ('~35' about, '<35' at most, '>35' at least)",
            lambda v: NUMBER.fullmatch(unranged(v)) is not None,
        ),
        "amount": (
            "a number and a currency code ('78000000 CAD'), or a range of one ('~78000000 CAD')",
            lambda v: AMOUNT.fullmatch(unranged(v)) is not None,
        ),
        "duration": (
            f"{KEY_FORMS['duration'][0]}, or a range of one ('~P3Y', '<P3Y', '>P5Y')",
            lambda v: DURATION.fullmatch(unranged(v)) is not None,
        ),
        "items": ("keys separated by ';'", lambda v: bool(split_list(v))),
        "includes": ("keys or entity ids separated by ';'", lambda v: bool(split_list(v))),
    }
    if names is not None:
        for attribute in sorted(ENTITY_ATTRIBUTES):
            single = attribute in SINGLE_ENTITY_ATTRIBUTES
            forms[attribute] = (
                "one entity's id, name or alias"
                if single
                else "ids, names or aliases of entities separated by ';'",
                lambda v, single=single: (  # type: ignore[misc]  # a checker pandera calls
                    _entity_names(v, names) and (not single or len(split_list(v)) == 1)
                ),
            )
    return forms


def value_rules(names: Mapping[str, str] | None) -> list[RowRule]:
    rules = [
        RowRule(
            "value",
            ("value",),
            "a value needs an attribute",
            lambda value: value == "",
            when=("attribute", ""),
        )
    ]
    for attribute, (form, holds) in value_forms(names).items():
        rules.append(
            RowRule(
                "value",
                ("value",),
                f"a '{attribute}' value must be {form}",
                lambda value, holds=holds: value == "" or holds(value),
                when=("attribute", attribute),
            )
        )
    return rules


def label_rules(context: Context, attribute_column: str, value_column: str) -> list[RowRule]:
    """Every key a report shows has a label in labels.csv, so no key reaches a reader."""
    if context.labels is None:
        return []
    labels, names = context.labels, context.names
    return [
        RowRule(
            value_column,
            (attribute_column, value_column),
            "every role key, duration and list key needs a row in labels.csv (kind, key, label)",
            lambda attribute, value: not unlabelled(attribute, value, names, labels),
        )
    ]
