"""The data contract of data/README.md as pandera schemas: one place to read every table rule.

Each table's schema is built from a `Context` holding the ids of the tables it refers to, so a
reference to a missing event or entity fails in the table that makes it. Rules about one cell are
column checks; rules that read two cells of a row (a date and its precision, a value and its
attribute) are `RowRule`s reported against the cell that is wrong.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
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
from claimtrace.corpus.entities import split_list
from claimtrace.corpus.labels import (
    KEY_FORMS,
    LABEL_KINDS,
    ROLE_KEY,
)
from claimtrace.corpus.language import ISO_639_1, is_english
from claimtrace.corpus.rules import SEED_NAME_BYTES, Context, RowRule, is_date, is_seed_name
from claimtrace.corpus.value_rules import label_rules, value_forms, value_rules
from claimtrace.string_storage import PYTHON_TEXT
from claimtrace.vocabulary import (
    ATTRIBUTES,
    CLAIM_KINDS,
    DATE_PRECISIONS,
    ENTITY_TYPES,
    EVENT_TYPES,
    OFFICIAL_RECORD_KIND,
    RECORD_EVIDENCE,
    SOURCE_KINDS,
    STANCES,
    ZONED_ENTITY_TYPES,
)

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SHA256 = re.compile(r"[0-9a-f]{64}")


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
OPTIONAL_LANGUAGE = per_value(
    optional(lambda v: ISO_639_1.fullmatch(v) is not None),
    "must be an ISO 639-1 code of two lower-case letters ('en', 'fr', 'ja') or empty",
)


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
    return pa.Column(
        PYTHON_TEXT, [*checks, UNIQUE_CHECK] if unique else list(checks), required=required
    )


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


def _credited_checks(context: Context) -> list[pa.Check]:
    """Who a claim credits: a person or body (an entity), or another source of the corpus,
    whose evidence a claim relayed from it is (judge/stance.py)."""
    if context.entity_types is None or context.source_ids is None:
        return []
    return [
        member(
            {*context.entity_types, *context.source_ids},
            "must be an entity_id from entities.csv or a source_id from sources.csv",
            optional=True,
        )
    ]


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
            "language": _text(OPTIONAL_LANGUAGE, required=False),
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


def _gloss_rules(context: Context) -> list[RowRule]:
    """A claim quoting a seed not in English needs the curator's English rendering, for readers
    who do not read the original."""
    if context.languages is None:
        return []
    languages = context.languages

    def holds(source_id: str, gloss: str) -> bool:
        return gloss.strip() != "" or is_english(languages.get(source_id, ""))

    rule = "a quote from a source not in English needs its English rendering in 'gloss'"
    return [RowRule("gloss", ("source_id", "gloss"), rule, holds)]


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
            "attributed_to": _text(*_credited_checks(context)),
            "stance": _text(_one_of(STANCES, optional=True), required=False),
            "time_zone": _text(OPTIONAL_TIME_ZONE, required=False),
            "note": _text(),
            "gloss": _text(required=False),
        },
        [
            *_gloss_rules(context),
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
            RowRule(
                "time_zone",
                ("attribute", "time_zone"),
                "only a 'date' is given in a place's local time",
                lambda attribute, zone: zone == "" or attribute == "date",
            ),
            RowRule(
                "attributed_to",
                ("source_id", "attributed_to"),
                "a source does not relay its own claim: leave the stance empty (it asserts it)",
                lambda source_id, credited: credited != source_id,
                when=("stance", "reports"),
            ),
            *value_rules(context.names),
            *label_rules(context, "attribute", "value"),
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
            "time_zone": _text(OPTIONAL_TIME_ZONE, required=False),
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
            ),
            RowRule(
                "time_zone",
                ("entity_type", "time_zone"),
                f"only a {' or a '.join(ZONED_ENTITY_TYPES)} has a time zone",
                lambda entity_type, zone: (  # an unknown type is its own cell's problem
                    not zone or entity_type in ZONED_ENTITY_TYPES or entity_type not in ENTITY_TYPES
                ),
            ),
        ],
    )


def reference_schema(context: Context) -> TableSchema:
    event_checks = []
    if context.event_ids is not None:
        event_checks = [
            member(context.event_ids, "must be an event_id from events.csv", optional=False)
        ]
    place_checks = []
    if context.names is not None:  # the place of the record's event, written as a claim's place
        form, holds = value_forms(context.names)["place"]
        place_checks = [per_value(optional(holds), f"must be {form}")]
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
            "evidence": _text(_one_of(tuple(RECORD_EVIDENCE))),
            "citation": _text(),  # the record lacks one for some rows
        },
        [
            _precision_agrees("date", "date_precision"),
            *value_rules(context.names),
            *label_rules(context, "attribute", "value"),
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
