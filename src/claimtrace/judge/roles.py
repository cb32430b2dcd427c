"""Dated roles: who held an office on a date, to check a claim that someone held it then."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from claimtrace.corpus.dates import end_of, start_of
from claimtrace.corpus.entities import spans_held
from claimtrace.judge.comparison import AGREES, DISAGREES

RoleRows = dict[str, dict[str, list[tuple[str, str, str]]]]


def role_rows(entities: pd.DataFrame) -> RoleRows:
    """role -> entity_id -> its (role_start, role_end, role_basis) rows, in file order."""
    rows: RoleRows = {}
    for entity in entities[entities["role"] != ""].itertuples(index=False):
        spans = rows.setdefault(entity.role, {}).setdefault(entity.entity_id, [])
        spans.append((entity.role_start, entity.role_end, entity.role_basis))
    return rows


@dataclass(frozen=True)
class RoleSpans:
    """One role's dated spans as day numbers, to find who held it on a date without checking
    every holder's spans one by one (quadratic in a large corpus): holders in file order, and
    per span with a start: its holder's position, its first day and its last day."""

    holders: list[str]
    holder: np.ndarray
    first_day: np.ndarray
    last_day: np.ndarray

    def held_on(self, on: str) -> list[str]:
        """The holders `spans_held` finds holding the role on `on`: those with a span that has
        a start not after `on` and no end before it, at the coarser precision."""
        during = (self.first_day <= end_of(on).toordinal()) & (
            self.last_day >= start_of(on).toordinal()
        )
        return [self.holders[position] for position in np.unique(self.holder[during])]


def role_spans(roles: RoleRows) -> dict[str, RoleSpans]:
    """`RoleSpans` per role. A span without a start never settles that its holder held the role,
    so it is left out; a span without an end has no last day."""
    no_end = dt.date.max.toordinal()
    indexed = {}
    for role, holders in roles.items():
        spans = [
            (
                position,
                start_of(start).toordinal(),
                end_of(end).toordinal() if end.strip() else no_end,
            )
            for position, rows in enumerate(holders.values())
            for start, end, _ in rows
            if start.strip()
        ]
        table = np.array(spans, dtype=np.int64).reshape(-1, 3)
        indexed[role] = RoleSpans(list(holders), table[:, 0], table[:, 1], table[:, 2])
    return indexed


def role_finding(
    roles: RoleRows, spans: Mapping[str, RoleSpans], subject: str, role: str, on: str
) -> tuple[str, str, str] | None:
    """A role claim against the dated roles (`role_rows`, indexed by `role_spans`):
    (AGREES/DISAGREES, basis, what the roles say), or None when they do not settle it. The
    basis is the `role_basis` of the subject's dated role (a record id or an address)."""
    holders = roles.get(role, {})
    rows = holders.get(subject, [])
    held = spans_held(((start, end) for start, end, _ in rows), on)
    if held is None:
        return None
    basis = "+".join(dict.fromkeys(b for _, _, b in rows if b)) or "entities.csv"
    if held:
        return AGREES, basis, f"{subject} held {role} on {on}"
    spans_of = ", ".join(f"{start} to {end or 'now'}" for start, end, _ in rows)
    then = spans[role].held_on(on)
    held_then = f"; {', '.join(then)} held it then" if then else ""
    return DISAGREES, basis, f"{subject} held {role} {spans_of}, not on {on}{held_then}"
