"""Names in the seeds -> canonical entity ids; dated roles.

The seeds spell one person or agreement several ways ("Mélanie Joly", "Joly", "Melanie Joly"). Every
comparison goes through the alias index, so two sources naming the same entity differently agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from claimtrace.corpus.dates import end_of, start_of
from claimtrace.corpus.tables import rows_of
from claimtrace.errors import DataError, Problem, row_named
from claimtrace.vocabulary import ENTITY_ATTRIBUTES, LIST_ATTRIBUTES

LIST_SEPARATOR = ";"
JOINED_WITH = "; "

_WHITESPACE = re.compile(r"\s+")


def fold(name: str) -> str:
    """A name as compared: casefolded, NBSP as a space, runs of whitespace as one space."""
    return _WHITESPACE.sub(" ", name.replace("\u00a0", " ")).strip().casefold()


def split_list(field: str) -> list[str]:
    """The items of a `;`-separated field, stripped, empty items dropped."""
    return [item.strip() for item in field.split(LIST_SEPARATOR) if item.strip()]


def alias_index(entities: pd.DataFrame, lines: Sequence[int] | None = None) -> dict[str, str]:
    """Folded entity id, canonical name and every alias -> entity id.

    DataError if one name folds to the names of two entities: the seeds could not be resolved
    (the other entity's row named by its line in entities.csv when `lines` gives them).
    """
    index: dict[str, str] = {}
    named_at: dict[str, tuple[int, str]] = {}
    problems: list[Problem] = []
    rows = rows_of(entities, "entity_id", "canonical_name", "aliases")
    for row, (entity_id, canonical_name, aliases) in enumerate(rows, start=1):
        names = [
            ("entity_id", entity_id),
            ("canonical_name", canonical_name),
            *(("aliases", alias) for alias in split_list(aliases)),
        ]
        for column, name in names:
            key = fold(name)
            if not key:
                continue
            owner = index.setdefault(key, entity_id)
            if owner != entity_id:
                first_row, _ = named_at[key]
                problems.append(
                    Problem(
                        "entities.csv",
                        f"name also belongs to entity '{owner}' ({row_named(first_row, lines)}); "
                        "one name must name one entity",
                        row,
                        column,
                        name,
                    )
                )
            named_at.setdefault(key, (row, column))
    if problems:
        raise DataError(problems)
    return index


def resolve_name(name: str, index: Mapping[str, str]) -> str | None:
    """The entity id a name (id, canonical name or alias) stands for, or None."""
    return index.get(fold(name))


def normalise_value(attribute: str, value: str, index: Mapping[str, str]) -> str:
    """A claim's value in comparable form.

    Entity attributes become entity ids; list attributes become their sorted distinct members
    joined by "; " (members of `includes` that name an entity become its id); anything else is
    stripped. ValueError names an entity name that resolves to nothing.
    """
    if attribute in ENTITY_ATTRIBUTES:
        ids = []
        for name in split_list(value):
            entity_id = resolve_name(name, index)
            if entity_id is None:
                raise ValueError(f"'{name}' is not the id, name or alias of any entity")
            ids.append(entity_id)
        return JOINED_WITH.join(sorted(set(ids)))
    if attribute in LIST_ATTRIBUTES:
        members = {resolve_name(item, index) or item for item in split_list(value)}
        return JOINED_WITH.join(sorted(members))
    return value.strip()


def role_held(entities: pd.DataFrame, entity_id: str, role: str, on: str) -> bool | None:
    """Whether `entity_id` held `role` on the partial date `on`, at the coarser precision.

    None when `on` is empty, no dated role of that key is known for the entity, or the known
    bounds cannot settle it (an unknown start before a known end): the claim can then be
    neither confirmed nor contradicted by the roles on file. A date after a known end is
    settled even when the start is unknown.
    """
    if not on.strip():
        return None
    rows = entities[(entities["entity_id"] == entity_id) & (entities["role"] == role)]
    return spans_held(zip(rows["role_start"], rows["role_end"], strict=True), on)


def spans_held(spans: Iterable[tuple[str, str]], on: str) -> bool | None:
    """`role_held` over one entity's (role_start, role_end) rows for one role, already looked up
    (a caller checking many claims indexes the roles once instead of filtering per claim)."""
    if not on.strip():
        return None
    verdicts = [
        _held_within(on, start.strip(), end.strip())
        for start, end in spans
        if start.strip() or end.strip()
    ]
    if not verdicts:
        return None
    if True in verdicts:
        return True
    return None if None in verdicts else False


def _held_within(on: str, start: str, end: str) -> bool | None:
    if (start and not _not_before(on, start)) or (end and not _not_before(end, on)):
        return False
    return True if start else None


def _not_before(later: str, earlier: str) -> bool:
    """At the coarser precision of the two (see `end_of`)."""
    return end_of(later) >= start_of(earlier)


@dataclass(frozen=True)
class DatedRoles:
    """The dated roles of entities.csv indexed for lookups by person and by role."""

    roles_of: dict[str, dict[str, list[tuple[str, str]]]]
    """entity -> each role it is dated in, in file order -> its (role_start, role_end) rows."""
    people_in: dict[str, list[str]]
    """role -> the entities dated in it, in file order."""

    def role_on(self, person: str, on: str) -> str:
        """The role `person` held on the date `on` (the first of its roles, in file order, that
        the spans settle it held); '' when none."""
        for role, spans in self.roles_of.get(person, {}).items():
            if spans_held(spans, on) is True:
                return role
        return ""

    def holders(self, role: str, on: str, *, but: str = "") -> list[str]:
        """The entities whose role on the date `on` is `role`, other than `but`."""
        return [p for p in self.people_in.get(role, []) if p != but and self.role_on(p, on) == role]


def dated_roles(entities: pd.DataFrame) -> DatedRoles:
    """The dated roles of an entities table."""
    roles_of: dict[str, dict[str, list[tuple[str, str]]]] = {}
    people_in: dict[str, dict[str, None]] = {}
    held = entities[entities["role"] != ""]
    for person, role, start, end in zip(
        *(held[c].tolist() for c in ("entity_id", "role", "role_start", "role_end")), strict=True
    ):
        roles_of.setdefault(person, {}).setdefault(role, []).append((start, end))
        people_in.setdefault(role, {})[person] = None
    return DatedRoles(roles_of, {role: list(people) for role, people in people_in.items()})
