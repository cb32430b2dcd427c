"""The data contract of data/README.md as pandera schemas: one place to read every table rule.

Each table's schema is built from a `Context` holding the ids of the tables it refers to, so a
reference to a missing event or entity fails in the table that makes it. Rules about one cell are
column checks; rules that read two cells of a row (a date and its precision, a value and its
attribute) are `RowRule`s reported against the cell that is wrong.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pandera.pandas as pa

from claimtrace.corpus.checks import (
    REQUIRED,
    UNIQUE_CHECK,
    member,
    optional,
    per_cell,
    per_value,
    vectorised,
)
from claimtrace.corpus.dates import DATE_FORM, precision_of, start_of
from claimtrace.corpus.entities import resolve_name, split_list
from claimtrace.corpus.labels import DURATION, KEY_FORMS, LABEL_KINDS, ROLE_KEY, unlabelled
from claimtrace.corpus.rules import SEED_NAME_BYTES, Context, RowRule, is_date, is_seed_name
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
    STANCES,
)

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SHA256 = re.compile(r"[0-9a-f]{64}")
NUMBER = re.compile(r"\d+(\.\d+)?")
AMOUNT = re.compile(r"\d+(\.\d+)? [A-Z]{3}")


def _numbered(claim_id: str, source_id: str) -> bool:
    """Whether a claim id is its source id, a hyphen and a number (no regex per row: compiling
    one for each of a million distinct source ids costs minutes)."""
    number = claim_id.removeprefix(f"{source_id}-")
    return number != claim_id and number.isascii() and number.isdigit()


ID = per_cell(lambda value: SLUG.fullmatch(value) is not None, "must be a slug [a-z0-9][a-z0-9-]*")
OPTIONAL_ROLE = per_value(
    optional(lambda v: ROLE_KEY.fullmatch(v) is not None),
    "must be a role key [a-z0-9][a-z0-9_]* ('foreign_minister_canada') or empty",
)
OPTIONAL_DATE = per_value(optional(is_date), f"must be {DATE_FORM}, or empty")


@cache
def _time_zones() -> frozenset[str]:
    """The IANA zone names Python's tz database knows (the system's, else the tzdata package)."""
    return frozenset(zoneinfo.available_timezones())


OPTIONAL_TIME_ZONE = per_value(
    optional(lambda v: v in _time_zones()),
    "must be an IANA time zone ('America/Toronto', 'Asia/Tokyo') or empty",
)


def _one_of(values: tuple[str, ...], *, optional: bool = False) -> pa.Check:
    shown = ", ".join(values) + (" or empty" if optional else "")
    return member(values, f"must be one of: {shown}", optional=optional)


def _text(*checks: pa.Check, unique: bool = False, required: bool = True) -> pa.Column:
    """A text column; one not `required` may be left out of the file and reads as empty."""
    return pa.Column(str, [*checks, UNIQUE_CHECK] if unique else list(checks), required=required)


# Row rules ------------------------------------------------------------------------------------


def _precision_agrees(date_column: str, precision_column: str) -> RowRule:
    def holds(date: str, precision: str) -> bool:
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
        "date": (DATE_FORM, is_date),
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
                lambda v, single=single: (  # type: ignore[misc]  # a checker pandera calls
                    _entity_names(v, names) and (not single or len(split_list(v)) == 1)
                ),
            )
    return forms


def _value_rules(names: Mapping[str, str] | None) -> list[RowRule]:
    rules = [
        RowRule(
            "value",
            ("value",),
            "a value needs an attribute",
            lambda value: value == "",
            when=("attribute", ""),
        )
    ]
    for attribute, (form, holds) in _value_forms(names).items():
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


def _label_rules(context: Context, attribute_column: str, value_column: str) -> list[RowRule]:
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


# References -----------------------------------------------------------------------------------


def _entity_checks(context: Context, *, of_type: str | None = None) -> list[pa.Check]:
    if context.entity_types is None:
        return []
    types = context.entity_types
    checks = [member(types, "must be an entity_id from entities.csv (not a name)", optional=True)]
    if of_type is not None:
        checks.append(
            per_value(
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
        per_value(
            lambda v: all(item in types for item in split_list(v)),
            "must be entity_ids from entities.csv separated by ';'",
        )
    ]


# The schemas ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableSchema:
    columns: dict[str, pa.Column]
    row_rules: list[RowRule]

    @property
    def required_columns(self) -> set[str]:
        return {name for name, column in self.columns.items() if column.required}

    def with_optional_columns(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame with every column it may leave out, empty where it does."""
        missing = [name for name in self.columns if name not in frame.columns]
        return frame.assign(**dict.fromkeys(missing, "")) if missing else frame


def sources_schema(context: Context) -> TableSchema:
    del context  # sources refer to no other table
    return TableSchema(
        {
            "source_id": _text(REQUIRED, ID, unique=True),
            "reader_name": _text(REQUIRED, unique=True),
            "seed_file": _text(
                per_value(
                    optional(is_seed_name),
                    f"must be the name of a file directly inside seeds/ (no folder, no '..', at "
                    f"most {SEED_NAME_BYTES} bytes)",
                )
            ),
            "seed_sha256": _text(
                per_value(
                    optional(lambda v: SHA256.fullmatch(v) is not None),
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
                lambda seed_file, kind: (seed_file == "") == (kind == OFFICIAL_RECORD_KIND),
            ),
            RowRule(
                "seed_sha256",
                ("seed_file", "seed_sha256"),
                "a source with a seed file needs its seed_sha256",
                lambda seed_file, seed_sha256: seed_file == "" or seed_sha256 != "",
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
            member(source_ids, "must be a source_id from sources.csv", optional=False),
            vectorised(
                lambda column: ~column.isin(sorted(source_ids - seeded)),
                "names a source without a seed file; claims quote seeds",
            ),
        ]
    event_checks = []
    if context.event_ids is not None:
        event_checks = [
            member(context.event_ids, "must be an event_id from events.csv", optional=True)
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
            "stance": _text(_one_of(STANCES, optional=True), required=False),
            "time_zone": _text(OPTIONAL_TIME_ZONE, required=False),
            "note": _text(),
        },
        [
            RowRule(
                "claim_id",
                ("claim_id", "source_id"),
                "must be the source_id, a hyphen and a number ('rips-01')",
                _numbered,
                each_row=True,
            ),
            RowRule(
                "subject",
                ("subject",),
                "a 'role' claim needs the subject who holds the role",
                lambda subject: subject != "",
                when=("attribute", "role"),
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
                lambda role, cell: role != "" or cell == "",
            )
            for column in ("role_start", "role_end", "role_basis")
        ]
        + [
            RowRule(
                "role_end",
                ("role_start", "role_end"),
                "must not be before role_start",
                lambda role_start, role_end: (
                    not (is_date(role_start) and is_date(role_end))
                    or start_of(role_end) >= start_of(role_start)
                ),
            )
        ],
    )


def reference_schema(context: Context) -> TableSchema:
    event_checks = []
    if context.event_ids is not None:
        event_checks = [
            member(context.event_ids, "must be an event_id from events.csv", optional=False)
        ]
    place_checks = []
    if context.names is not None:
        names = context.names
        place_checks = [
            per_value(
                optional(lambda v: resolve_name(v, names) is not None),
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
                lambda row_kind, key, kind=kind, pattern=pattern: (
                    row_kind != kind or pattern.fullmatch(key) is not None
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
