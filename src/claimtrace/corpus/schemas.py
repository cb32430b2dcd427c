"""The data contract of data/README.md as pandera schemas: one place to read every table rule.

Each table's schema is built from a `Context` holding the ids of the tables it refers to, so a
reference to a missing event or entity fails in the table that makes it. Rules about one cell are
column checks; rules that read two cells of a row (a date and its precision, a value and its
attribute) are `RowRule`s reported against the cell that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandera.pandas as pa

from claimtrace.corpus.dates import precision_of, start_of
from claimtrace.corpus.entities import resolve_name, split_list
from claimtrace.corpus.labels import DURATION, KEY_FORMS, LABEL_KINDS, ROLE_KEY, unlabelled
from claimtrace.vocabulary import (
    ATTRIBUTES,
    CLAIM_KINDS,
    DATE_PRECISIONS,
    ENTITY_ATTRIBUTES,
    ENTITY_TYPES,
    EVENT_TYPES,
    OFFICIAL_RECORD_KIND,
    SINGLE_ENTITY_ATTRIBUTES,
    SOURCE_KINDS,
)

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SHA256 = re.compile(r"[0-9a-f]{64}")
NUMBER = re.compile(r"\d+(\.\d+)?")
AMOUNT = re.compile(r"\d+(\.\d+)? [A-Z]{3}")


@dataclass(frozen=True)
class Context:
    """What the other tables define; None where that table could not be read."""

    source_ids: frozenset[str] | None = None
    seeded_source_ids: frozenset[str] | None = None
    event_ids: frozenset[str] | None = None
    entity_types: Mapping[str, str] | None = None  # entity_id -> entity_type
    names: Mapping[str, str] | None = None  # alias_index(): folded name -> entity_id
    labels: Mapping[str, frozenset[str]] | None = None  # labels.csv: kind -> keys labelled


@dataclass(frozen=True)
class RowRule:
    """A rule that reads a whole row and is reported against one of its cells."""

    column: str
    needs: tuple[str, ...]
    rule: str
    holds: Callable[[Mapping[str, str]], bool]


# Cell predicates ------------------------------------------------------------------------------


def is_date(value: str) -> bool:
    """Whether a cell holds a valid partial ISO date."""
    try:
        precision_of(value)
    except ValueError:
        return False
    return True


def _optional(holds: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda value: value == "" or holds(value)


def _check(holds: Callable[[str], bool], rule: str) -> pa.Check:
    return pa.Check(holds, element_wise=True, error=rule)


REQUIRED = _check(lambda value: value.strip() != "", "must not be empty")
ID = _check(lambda value: SLUG.fullmatch(value) is not None, "must be a slug [a-z0-9][a-z0-9-]*")
OPTIONAL_ROLE = _check(
    _optional(lambda v: ROLE_KEY.fullmatch(v) is not None),
    "must be a role key [a-z0-9][a-z0-9_]* ('foreign_minister_canada') or empty",
)
OPTIONAL_DATE = _check(
    _optional(is_date), "must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) or empty"
)


def _one_of(values: tuple[str, ...], *, optional: bool = False) -> pa.Check:
    allowed = set(values) | ({""} if optional else set())
    shown = ", ".join(values) + (" or empty" if optional else "")
    return _check(lambda value: value in allowed, f"must be one of: {shown}")


def _text(*checks: pa.Check, unique: bool = False) -> pa.Column:
    return pa.Column(str, list(checks), unique=unique)


# Row rules ------------------------------------------------------------------------------------


def _precision_agrees(date_column: str, precision_column: str) -> RowRule:
    def holds(row: Mapping[str, str]) -> bool:
        date, precision = row[date_column], row[precision_column]
        if precision not in DATE_PRECISIONS or (date and not is_date(date)):
            return True  # reported by the cell's own check
        return precision == (precision_of(date) if date else "unknown")

    return RowRule(
        precision_column,
        (date_column, precision_column),
        f"must agree with the form of '{date_column}' (YYYY = year, YYYY-MM = month, "
        "YYYY-MM-DD = day, empty = unknown)",
        holds,
    )


def _entity_names(value: str, names: Mapping[str, str]) -> bool:
    return all(resolve_name(name, names) is not None for name in split_list(value))


def _value_forms(names: Mapping[str, str] | None) -> dict[str, tuple[str, Callable[[str], bool]]]:
    """The form a non-empty `value` must have for each attribute (data/README.md)."""
    forms: dict[str, tuple[str, Callable[[str], bool]]] = {
        "date": ("an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)", is_date),
        "role": (KEY_FORMS["role"][0], lambda v: ROLE_KEY.fullmatch(v) is not None),
        "count": ("a number", lambda v: NUMBER.fullmatch(v) is not None),
        "amount": (
            "a number and a currency code ('78000000 CAD')",
            lambda v: AMOUNT.fullmatch(v) is not None,
        ),
        "duration": (KEY_FORMS["duration"][0], lambda v: DURATION.fullmatch(v) is not None),
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
                lambda v, single=single: (
                    _entity_names(v, names) and (not single or len(split_list(v)) == 1)
                ),
            )
    return forms


def _value_rules(names: Mapping[str, str] | None) -> list[RowRule]:
    rules = [
        RowRule(
            "value",
            ("attribute", "value"),
            "a value needs an attribute",
            lambda row: row["attribute"] != "" or row["value"] == "",
        )
    ]
    for attribute, (form, holds) in _value_forms(names).items():
        rules.append(
            RowRule(
                "value",
                ("attribute", "value"),
                f"a '{attribute}' value must be {form}",
                lambda row, attribute=attribute, holds=holds: (
                    row["attribute"] != attribute or row["value"] == "" or holds(row["value"])
                ),
            )
        )
    return rules


def _label_rules(context: Context, attribute_column: str, value_column: str) -> list[RowRule]:
    """Every key a report shows has a label in labels.csv, so no key reaches a reader. An
    `attribute_column` of "role" reads the value column as a role key."""
    if context.labels is None:
        return []
    labels, names = context.labels, context.names
    return [
        RowRule(
            value_column,
            tuple(dict.fromkeys((attribute_column, value_column))),
            "every role key, duration and list key needs a row in labels.csv (kind, key, label)",
            lambda row: (
                not unlabelled(row.get(attribute_column, "role"), row[value_column], names, labels)
            ),
        )
    ]


# References -----------------------------------------------------------------------------------


def _in(ids: frozenset[str] | Mapping[str, str], rule: str, *, optional: bool) -> pa.Check:
    def holds(value: str) -> bool:
        return value in ids

    return _check(_optional(holds) if optional else holds, rule)


def _entity_checks(context: Context, *, of_type: str | None = None) -> list[pa.Check]:
    if context.entity_types is None:
        return []
    types = context.entity_types
    checks = [_in(types, "must be an entity_id from entities.csv (not a name)", optional=True)]
    if of_type is not None:
        checks.append(
            _check(
                lambda v: v not in types or types[v] == of_type,
                f"must be an entity of type '{of_type}'",
            )
        )
    return checks


def _entity_list_checks(context: Context) -> list[pa.Check]:
    if context.entity_types is None:
        return []
    types = context.entity_types
    return [
        _check(
            lambda v: all(item in types for item in split_list(v)),
            "must be entity_ids from entities.csv separated by ';'",
        )
    ]


# The schemas ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableSchema:
    columns: dict[str, pa.Column]
    row_rules: list[RowRule]


def sources_schema(context: Context) -> TableSchema:
    del context  # sources refer to no other table
    return TableSchema(
        {
            "source_id": _text(REQUIRED, ID, unique=True),
            "reader_name": _text(REQUIRED, unique=True),
            "seed_file": _text(),
            "seed_sha256": _text(
                _check(
                    _optional(lambda v: SHA256.fullmatch(v) is not None),
                    "must be 64 lower-case hex digits",
                )
            ),
            "title": _text(),  # an article can be untitled
            "publisher": _text(),
            "author": _text(),
            "published": _text(OPTIONAL_DATE),
            "published_precision": _text(_one_of(DATE_PRECISIONS)),
            "date_basis": _text(),
            "kind": _text(_one_of(SOURCE_KINDS)),
            "relies_on": _text(),
            "lineage_basis": _text(),
            "url": _text(),
        },
        [
            _precision_agrees("published", "published_precision"),
            RowRule(
                "seed_file",
                ("seed_file", "kind"),
                "every source but the official record needs a seed file; the record has none",
                lambda row: (row["seed_file"] == "") == (row["kind"] == OFFICIAL_RECORD_KIND),
            ),
            RowRule(
                "seed_sha256",
                ("seed_file", "seed_sha256"),
                "a source with a seed file needs its seed_sha256",
                lambda row: row["seed_file"] == "" or row["seed_sha256"] != "",
            ),
        ],
    )


def events_schema(context: Context) -> TableSchema:
    return TableSchema(
        {
            "event_id": _text(REQUIRED, ID, unique=True),
            "event_type": _text(_one_of(EVENT_TYPES)),
            "agreement": _text(*_entity_checks(context, of_type="agreement")),
            "title": _text(REQUIRED),
            "date": _text(OPTIONAL_DATE),
            "date_precision": _text(_one_of(DATE_PRECISIONS)),
            "place": _text(*_entity_checks(context)),
            "parties": _text(*_entity_list_checks(context)),
            "description": _text(),
        },
        [_precision_agrees("date", "date_precision")],
    )


def claims_schema(context: Context) -> TableSchema:
    source_checks = []
    if context.source_ids is not None and context.seeded_source_ids is not None:
        source_ids, seeded = context.source_ids, context.seeded_source_ids
        source_checks = [
            _in(source_ids, "must be a source_id from sources.csv", optional=False),
            _check(
                lambda v: v not in source_ids or v in seeded,
                "names a source without a seed file; claims quote seeds",
            ),
        ]
    event_checks = []
    if context.event_ids is not None:
        event_checks = [
            _in(context.event_ids, "must be an event_id from events.csv", optional=True)
        ]
    return TableSchema(
        {
            "claim_id": _text(REQUIRED, ID, unique=True),
            "source_id": _text(REQUIRED, *source_checks),
            "quote": _text(REQUIRED),
            "event_id": _text(*event_checks),
            "subject": _text(*_entity_checks(context)),
            "attribute": _text(_one_of(ATTRIBUTES, optional=True)),
            "value": _text(),
            "kind": _text(_one_of(CLAIM_KINDS)),
            "attributed_to": _text(*_entity_checks(context)),
            "note": _text(),
        },
        [
            RowRule(
                "claim_id",
                ("claim_id", "source_id"),
                "must be the source_id, a hyphen and a number ('rips-01')",
                lambda row: (
                    re.fullmatch(re.escape(row["source_id"]) + r"-\d+", row["claim_id"]) is not None
                ),
            ),
            RowRule(
                "subject",
                ("subject", "attribute"),
                "a 'role' claim needs the subject who holds the role",
                lambda row: row["attribute"] != "role" or row["subject"] != "",
            ),
            *_value_rules(context.names),
            *_label_rules(context, "attribute", "value"),
        ],
    )


def entities_schema(context: Context) -> TableSchema:
    return TableSchema(
        {
            "entity_id": _text(REQUIRED, ID, unique=True),
            "entity_type": _text(_one_of(ENTITY_TYPES)),
            "canonical_name": _text(REQUIRED),
            "aliases": _text(),
            "role": _text(OPTIONAL_ROLE),
            "role_start": _text(OPTIONAL_DATE),
            "role_end": _text(OPTIONAL_DATE),
            "role_basis": _text(),
        },
        [
            RowRule(
                column,
                ("role", column),
                f"'{column}' needs a role",
                lambda row, column=column: row["role"] != "" or row[column] == "",
            )
            for column in ("role_start", "role_end", "role_basis")
        ]
        + [
            RowRule(
                "role_end",
                ("role_start", "role_end"),
                "must not be before role_start",
                lambda row: (
                    not (is_date(row["role_start"]) and is_date(row["role_end"]))
                    or start_of(row["role_end"]) >= start_of(row["role_start"])
                ),
            )
        ],
    )


def reference_schema(context: Context) -> TableSchema:
    event_checks = []
    if context.event_ids is not None:
        event_checks = [
            _in(context.event_ids, "must be an event_id from events.csv", optional=False)
        ]
    place_checks = []
    if context.names is not None:
        names = context.names
        place_checks = [
            _check(
                _optional(lambda v: resolve_name(v, names) is not None),
                "must be an entity's id, name or alias",
            )
        ]
    return TableSchema(
        {
            "record_id": _text(REQUIRED, unique=True),
            "event_id": _text(REQUIRED, *event_checks),
            "attribute": _text(_one_of(ATTRIBUTES)),
            "value": _text(),
            "record_text": _text(),
            "date": _text(OPTIONAL_DATE),
            "date_precision": _text(_one_of(DATE_PRECISIONS)),
            "place": _text(*place_checks),
            "publisher": _text(REQUIRED),
            "citation": _text(),  # the record lacks one for some rows
        },
        [
            _precision_agrees("date", "date_precision"),
            *_value_rules(context.names),
            *_label_rules(context, "attribute", "value"),
        ],
    )


def labels_schema(context: Context) -> TableSchema:
    del context  # labels refer to no other table
    return TableSchema(
        {
            "kind": _text(_one_of(LABEL_KINDS)),
            "key": _text(REQUIRED, unique=True),
            "label": _text(REQUIRED),
        },
        [
            RowRule(
                "key",
                ("kind", "key"),
                f"a '{kind}' key must be {form}",
                lambda row, kind=kind, pattern=pattern: (
                    row["kind"] != kind or pattern.fullmatch(row["key"]) is not None
                ),
            )
            for kind, (form, pattern) in KEY_FORMS.items()
        ],
    )


SCHEMAS: dict[str, Callable[[Context], TableSchema]] = {
    "sources": sources_schema,
    "events": events_schema,
    "claims": claims_schema,
    "entities": entities_schema,
    "reference": reference_schema,
    "labels": labels_schema,
}
