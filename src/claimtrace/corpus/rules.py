"""What the table rules are made of: the Context a schema is built from (the ids the other tables
define), the RowRule that reads several cells of a row, and the cell predicates the schemas and
the loader share (a valid partial date; a seed named as a plain file name)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from claimtrace.corpus.dates import precision_of

SEED_NAME_BYTES = 255


@dataclass(frozen=True)
class Context:
    """What the other tables define; None where that table could not be read."""

    source_ids: frozenset[str] | None = None
    seeded_source_ids: frozenset[str] | None = None
    event_ids: frozenset[str] | None = None
    entity_types: Mapping[str, str] | None = None  # entity_id -> entity_type
    names: Mapping[str, str] | None = None  # alias_index(): folded name -> entity_id
    labels: Mapping[str, frozenset[str]] | None = None  # labels.csv: kind -> keys labelled
    languages: Mapping[str, str] | None = None  # source_id -> its `language` cell


@dataclass(frozen=True)
class RowRule:
    """A rule that reads a whole row and is reported against one of its cells.

    `when` (column, value) limits it to the rows where that column holds that value (an
    attribute's rules to claims of that attribute), so the rows it cannot concern are never
    read; `holds` is given the cells `needs` names, in that order, as its arguments (a dict
    per row would cost seconds per million rows). A rule is judged once per distinct
    combination of those cells, or on each row when `each_row` says they never repeat (a rule
    that reads an id), so looking for repeats would be wasted."""

    column: str
    needs: tuple[str, ...]
    rule: str
    holds: Callable[..., bool]
    when: tuple[str, str] | None = None
    each_row: bool = False

    @property
    def reads(self) -> set[str]:
        """Every column the rule needs to be checked."""
        return set(self.needs) | ({self.when[0]} if self.when else set())


def is_date(value: str) -> bool:
    """Whether a cell holds a valid partial ISO date."""
    try:
        precision_of(value)
    except ValueError:
        return False
    return True


def is_seed_name(value: str) -> bool:
    """Whether a cell names a file directly inside seeds/: no folder, no '..', no NUL, and
    short enough for any filesystem (255 bytes). Checked before the name is used as a path."""
    return (
        value not in ("", ".", "..")
        and not set(value) & {"/", "\\", "\0"}
        and len(value.encode("utf-8")) <= SEED_NAME_BYTES
    )
