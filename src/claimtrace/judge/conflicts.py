"""Disagreements, one row each, with their sides kept as data.

A conflict gathers the statements on one event, subject and family of attributes (those compared
with one another: a `count`, the `items` it counts and the `includes` checked against them) that
disagree with another of them: findings that share a cause are one finding. A statement that
disagrees with none of them is no side, though it was compared: "2022-12" is consistent with
both "2022-12-16" and "2022-12-17". Its facets say who disagrees with whom: `against_record` when
the official record (or a dated role) is one side, `between_sources` between sources, `internal`
when a source disagrees with itself (a count against its own list); its scope is the first facet
in that order. Statements are split into sides: two statements are on different sides only if
they were compared and disagree, so "2018" and "2018-04-21" stand together.

Each conflict's statements are one table (CONFLICT_STATEMENT_COLUMNS: which side, who says
what); the CSV export (present/conflict_text.py) and the report's wording turn them into text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.comparison import DISAGREES, family
from claimtrace.judge.stance import DENIES
from claimtrace.vocabulary import ASSERTS, LIST_ATTRIBUTES, SCOPES

CONFLICT_COLUMNS = [
    "conflict_id",
    "event_id",
    "attribute",
    "subject",
    "scope",
    "facets",
    "source_ids",
    "claim_ids",
    "record_ids",
]
CONFLICT_STATEMENT_COLUMNS = [
    "conflict_id",
    "side",
    "statement_id",
    "source_id",
    "is_record",
    "attribute",
    "value",
    "origin_group",
    "stance",
]
"""One row per statement of a conflict: `side` numbers the sides that disagree (the sources'
sides first, the record's last), rows in the order a reader meets them; `origin_group` is the
statement's (the record's own for the record); `source_id` is whose evidence it is (a relayed
claim's is the relayed source's), `stance` whether it asserts or denies its value."""
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class Statement(NamedTuple):
    id: str
    source: str
    attribute: str
    value: str
    is_record: bool
    origin: str = ""
    stance: str = ASSERTS


def sides_by_conflict(statements: pd.DataFrame) -> dict[str, list[list[Statement]]]:
    """conflict_id -> its sides, each a list of statements, from a CONFLICT_STATEMENT_COLUMNS
    table."""
    sides: dict[str, dict[int, list[Statement]]] = {}
    # Columns as lists, zipped: a report of 10^6 claims reads half a million statements, and
    # itertuples makes a row object of each.
    fields = ("statement_id", "source_id", "attribute", "value", "is_record", "origin_group")
    columns = [statements[name].tolist() for name in ("conflict_id", "side", *fields, "stance")]
    for conflict_id, side, statement_id, source, attribute, value, is_record, origin, stance in zip(
        *columns, strict=True
    ):
        sides.setdefault(conflict_id, {}).setdefault(side, []).append(
            Statement(statement_id, source, attribute, value, bool(is_record), origin, stance)
        )
    return {conflict_id: list(by_side.values()) for conflict_id, by_side in sides.items()}


def shown_value(attribute: str, value: str, internal: bool, stance: str = ASSERTS) -> str:
    """A value as a conflict shows it: a list in a source's disagreement with itself is shown
    by its length ('5 items'), since that is what it disagrees on; a denied value as 'not …'."""
    if internal and attribute in LIST_ATTRIBUTES:
        value = f"{len(split_list(value))} {attribute}"
    return f"not {value}" if stance == DENIES else value


def grouped_by_value(
    side: Sequence[Statement], label: Callable[[Statement], str], internal: bool
) -> dict[str, list[str]]:
    """A side's shown values, each with the distinct labels of those who state it, in order."""
    by_value: dict[str, list[str]] = {}
    for statement in side:
        labels = by_value.setdefault(
            shown_value(statement.attribute, statement.value, internal, statement.stance), []
        )
        if label(statement) not in labels:
            labels.append(label(statement))
    return by_value


_SAID = {
    "id": ("claim_id", "other_id"),
    "source": ("source_id", "other_source"),
    "attribute": ("attribute", "other_attribute"),
    "value": ("value", "other_value"),
    "origin": ("origin_group", "other_origin"),
    "stance": ("stance", "other_stance"),
}
"""A statement's fields (Statement's) and the pair columns that give them: a pair's claim's, and
its other statement's."""
_SEPARATOR = "; "


def find_conflicts(pairs: pd.DataFrame, record_source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per disagreement (CONFLICT_COLUMNS) and its statements (CONFLICT_STATEMENT_COLUMNS),
    from the comparisons of `assess`, in the order of event, subject and family.

    Only disagreeing pairs make a conflict, and only they say what it is. Conflicts are written
    up from columns, every conflict at once (numpy): written up one by one, in Python, they took
    seconds for the hundred thousand conflicts of a large corpus."""
    disagreeing = np.flatnonzero((pairs["verdict"] == DISAGREES).to_numpy())
    if not len(disagreeing):
        # Frames of no rows, as they have always been: without types.
        no_conflicts = pd.DataFrame([], columns=CONFLICT_COLUMNS)
        return no_conflicts, pd.DataFrame([], columns=CONFLICT_STATEMENT_COLUMNS)
    topics = _Topics(pairs, disagreeing)
    statements = _Statements(topics, record_source)
    conflicts = _conflict_rows(topics, statements, record_source)
    side = _numbered_sides(statements)
    rows = np.lexsort((side, statements.topic))  # stable: a side's statements in reading order
    return conflicts, pd.DataFrame(
        {
            "conflict_id": _strings(conflicts["conflict_id"].to_numpy()[statements.topic[rows]]),
            "side": side[rows],
            "statement_id": _strings(statements.said("id", rows)),
            "source_id": _strings(statements.said("source", rows)),
            "is_record": statements.is_record[rows],
            "attribute": _strings(statements.said("attribute", rows)),
            "value": _strings(statements.said("value", rows)),
            "origin_group": _strings(statements.said("origin", rows)),
            "stance": _strings(statements.said("stance", rows)),
        }
    )


def _strings(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Python strings as the string column a frame built from them would infer."""
    return pd.array(values, dtype="str")


def _ranks(values: np.ndarray) -> np.ndarray:
    """Each value's rank among the distinct values, in Python's order: equal values rank alike.
    (pandas' own sorted factorizing sorts every value again: several times as slow.)"""
    codes, distinct = pd.factorize(values)
    rank_of = np.empty(len(distinct), dtype=np.int64)
    rank_of[np.argsort(distinct, kind="stable")] = np.arange(len(distinct))
    return rank_of[codes]


class _Topics:
    """The disagreeing pairs by topic (event, subject and family), sorted stably so that pairs
    keep their order within one: `pairs` their positions among the comparisons, `topic` the
    number of each one's topic (from 0, in order), `starts` where each topic's pairs start."""

    def __init__(self, pairs: pd.DataFrame, disagreeing: np.ndarray) -> None:
        self._frame, self._disagreeing = pairs, disagreeing
        attributes, named = pd.factorize(self._taken("attribute", disagreeing))
        families = _ranks(np.array([family(attribute) for attribute in named], dtype=object))
        keys = [_ranks(self._taken(name, disagreeing)) for name in ("event_id", "subject")]
        keys.append(families[attributes])
        self._in_order = np.lexsort(keys[::-1])
        starting = _starts_anew(*(key[self._in_order] for key in keys))
        self.starts = np.flatnonzero(starting)
        self.topic = np.cumsum(starting) - 1
        self.pairs = disagreeing[self._in_order]

    def column(self, name: str, at: np.ndarray | None = None) -> np.ndarray:
        """A pair column's values, for every pair in order or for the pairs `at` these
        positions of that order."""
        return self._taken(name, self.pairs if at is None else self.pairs[at])

    def ranks(self, *names: str) -> list[np.ndarray]:
        """The ranks (`_ranks`) of the named columns' values among all of theirs, each column's
        for every pair in order. Ranked in the comparisons' own order, the claims' as curated,
        in which ids come nearly sorted: sorting them is then several times as fast."""
        ranked = _ranks(np.concatenate([self._taken(name, self._disagreeing) for name in names]))
        return [ranks[self._in_order] for ranks in np.split(ranked, len(names))]

    def _taken(self, name: str, positions: np.ndarray) -> np.ndarray:
        # Taken before they become Python strings: a column backed by Arrow makes only these.
        return self._frame[name].array.take(positions).to_numpy()


class _Statements:
    """The distinct statements of each topic's pairs in reading order (the record's first, then
    by source and id), one per id, as the first pair to meet it gives it (a pair meets its
    claim, then its other statement): `topic`, `is_record` and `id_rank` one value each,
    `said` their fields; `starts` where each topic's statements start; `ends` the statements
    each pair compares (its claim's, its other's), as positions in this order."""

    def __init__(self, topics: _Topics, record_source: str) -> None:
        self._topics = topics
        met_id = _interleaved(*topics.ranks("claim_id", "other_id"))
        met_topic = np.repeat(topics.topic, 2)
        _, first, statement_met = np.unique(
            met_topic * (met_id.max() + 1) + met_id, return_index=True, return_inverse=True
        )
        source = self._said_at("source", first)
        is_record = (first % 2 == 1) & (source == record_source)
        in_order = np.lexsort((met_id[first], _ranks(source), ~is_record, met_topic[first]))
        self._met = first[in_order]
        self.is_record = is_record[in_order]
        self.topic = met_topic[self._met]
        self.id_rank = met_id[self._met]
        self.starts = np.searchsorted(self.topic, np.arange(len(topics.starts) + 1))
        place = np.empty(len(in_order), dtype=np.int64)
        place[in_order] = np.arange(len(in_order))
        self.ends = (place[statement_met[0::2]], place[statement_met[1::2]])

    def said(self, field: str, at: np.ndarray | None = None) -> np.ndarray:
        """A field (Statement's, _SAID) of every statement in order, or of those `at` these
        positions: read from the pair that first met it."""
        return self._said_at(field, self._met if at is None else self._met[at])

    def _said_at(self, field: str, met: np.ndarray) -> np.ndarray:
        mine, theirs = _SAID[field]
        by_other = met % 2 == 1
        values = np.empty(len(met), dtype=object)
        values[~by_other] = self._topics.column(mine, met[~by_other] // 2)
        values[by_other] = self._topics.column(theirs, met[by_other] // 2)
        return values


def _interleaved(mine: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    """Two columns' values alternately: each pair's claim's, then its other statement's."""
    both = np.empty(2 * len(mine), dtype=mine.dtype)
    both[0::2], both[1::2] = mine, theirs
    return both


def _sides(statements: _Statements) -> np.ndarray:
    """Each statement's side within its topic, numbered as sides are opened. Statements are
    placed in reading order, each on the first side where it disagrees with no statement
    already there, else on a new one: two statements are on different sides only if they
    disagree, or the sides before them were taken. Every topic's k-th statement is placed in
    one step over all topics: the loop is over k (as many steps as the largest conflict has
    statements), never over conflicts."""
    position = np.arange(len(statements.topic)) - statements.starts[statements.topic]
    claim, other = statements.ends
    compared = claim != other  # a statement compared with itself opposes no one
    later = np.maximum(claim, other)[compared]
    earlier = np.minimum(claim, other)[compared]
    by_step = np.argsort(position[later], kind="stable")
    later, earlier = later[by_step], earlier[by_step]
    steps = np.arange(position.max() + 2)
    disagreements_at = np.searchsorted(position[later], steps)
    by_position = np.argsort(position, kind="stable")
    statements_at = np.searchsorted(position[by_position], steps)
    side = np.zeros(len(position), dtype=np.int64)  # a topic's first statement opens side 0
    row = np.empty(len(position), dtype=np.int64)
    opened = 1
    for k in steps[1:-1].tolist():
        placed = by_position[statements_at[k] : statements_at[k + 1]]
        row[placed] = np.arange(len(placed))
        against = slice(disagreements_at[k], disagreements_at[k + 1])
        taken = np.zeros((len(placed), opened + 1), dtype=bool)
        taken[row[later[against]], side[earlier[against]]] = True
        side[placed] = taken.argmin(axis=1)  # the first side not taken
        opened = max(opened, int(side[placed].max()) + 1)
    return side


def _numbered_sides(statements: _Statements) -> np.ndarray:
    """Each statement's side as a conflict numbers them: the sources' sides first, those opened
    by the record (whose statements are placed first) last, each in the order they were opened."""
    opened = _sides(statements)
    width = int(opened.max()) + 1
    sides, first, side_of = np.unique(
        statements.topic * width + opened, return_index=True, return_inverse=True
    )
    topic = statements.topic[first]
    in_order = np.lexsort((sides % width, statements.is_record[first], topic))
    number = np.empty(len(sides), dtype=np.int64)
    number[in_order] = np.arange(len(sides)) - np.searchsorted(topic[in_order], topic[in_order])
    return number[side_of]


def _conflict_rows(topics: _Topics, statements: _Statements, record_source: str) -> pd.DataFrame:
    """One row per topic (CONFLICT_COLUMNS)."""
    count = len(topics.starts)
    topic, is_record = statements.topic, statements.is_record
    # A topic's attributes: the first statement of each (topic, attribute), in the order of both.
    attributes = statements.said("attribute")
    attribute_rank = _ranks(attributes)
    _, named_first = np.unique(
        topic * (attribute_rank.max() + 1) + attribute_rank, return_index=True
    )
    attribute = _listed(count, topic[named_first], attributes[named_first])
    claims = np.flatnonzero(~is_record)
    by_id = claims[np.lexsort((statements.id_rank[claims], topic[claims]))]
    # Claims are in order of source within a topic; a source's first claim names it.
    claim_sources = statements.said("source", claims)
    named = np.flatnonzero(_starts_anew(topic[claims], claim_sources))
    with_record = np.flatnonzero(np.bincount(topic[is_record], minlength=count))
    source_ids = np.concatenate([claim_sources[named], np.full(len(with_record), record_source)])
    source_topic = np.concatenate([topic[claims[named]], with_record])
    in_order = np.argsort(source_topic, kind="stable")  # the sources' ids, then the record's
    # The record's statements are all its own source's, so in order of id.
    records = np.flatnonzero(is_record)
    event_id = topics.column("event_id", topics.starts)
    subject = topics.column("subject", topics.starts)
    return pd.DataFrame(
        {
            "conflict_id": pd.Series(
                _strings(event_id + "-" + attribute + np.where(subject != "", "-" + subject, ""))
            ).str.replace(_NOT_SLUG, "-", regex=True),
            "event_id": _strings(event_id),
            "attribute": _strings(attribute),
            "subject": _strings(subject),
            **_facets(topics, record_source),
            "source_ids": _strings(_listed(count, source_topic[in_order], source_ids[in_order])),
            "claim_ids": _strings(_listed(count, topic[by_id], statements.said("id", by_id))),
            "record_ids": _strings(_listed(count, topic[records], statements.said("id", records))),
        }
    )


def _facets(topics: _Topics, record_source: str) -> dict[str, pd.api.extensions.ExtensionArray]:
    """Each topic's scope and facets: who disagrees with whom in its pairs, in SCOPES' order."""
    source, other_source = topics.column("source_id"), topics.column("other_source")
    facet = np.where(
        other_source == record_source,
        SCOPES.index("against_record"),
        np.where(other_source == source, SCOPES.index("internal"), SCOPES.index("between_sources")),
    )
    # A topic's facets as a set of bits, each set named once.
    found = np.bitwise_or.reduceat(1 << facet, topics.starts)
    named = [
        [scope for bit, scope in enumerate(SCOPES) if found_set >> bit & 1]
        for found_set in range(1 << len(SCOPES))
    ]
    scope = np.array([scopes[0] if scopes else "" for scopes in named], dtype=object)
    facets = np.array([_SEPARATOR.join(scopes) for scopes in named], dtype=object)
    return {"scope": _strings(scope[found]), "facets": _strings(facets[found])}


def _starts_anew(*keys: np.ndarray) -> np.ndarray:
    """Whether each row differs from the row before on any of the keys (the first does)."""
    starting = np.ones(len(keys[0]), dtype=bool)
    starting[1:] = np.any([key[1:] != key[:-1] for key in keys], axis=0)
    return starting


def _listed(count: int, topic: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each of `count` topics, its values joined by '; ' ('' if it has none), from values
    in order of topic. The one step per conflict, joining its strings: a string aggregate in
    DuckDB costs more than this in taking the strings in and out."""
    bounds = np.searchsorted(topic, np.arange(count + 1)).tolist()
    listed = values.tolist()
    return np.array(
        [_SEPARATOR.join(listed[start:end]) for start, end in itertools.pairwise(bounds)],
        dtype=object,
    )
