"""Names resolve to one entity however the seeds spell them; roles hold over their dates."""

from __future__ import annotations

import pandas as pd
import pytest

from claimtrace.corpus.entities import (
    alias_index,
    dated_roles,
    normalise_value,
    resolve_name,
    role_held,
)
from claimtrace.errors import DataError

COLUMNS = ["entity_id", "entity_type", "canonical_name", "aliases"]
ROLE_COLUMNS = ["role", "role_start", "role_end", "role_basis"]


def entities(*rows: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [row + ("",) * (8 - len(row)) for row in rows], columns=COLUMNS + ROLE_COLUMNS
    )


ENTITIES = entities(
    (
        "joly",
        "person",
        "Mélanie Joly",
        "Melanie Joly; Joly",
        "foreign_minister_canada",
        "2021-10-26",
    ),
    (
        "freeland",
        "person",
        "Chrystia Freeland",
        "",
        "foreign_minister_canada",
        "2017-01-10",
        "2019-11-20",
    ),
    ("kono", "person", "Taro Kono", "Kono Taro"),
    ("tokyo", "place", "Tokyo"),
    ("isa", "agreement", "Agreement on the Security of Information", "ISA"),
)
INDEX = alias_index(ENTITIES)


@pytest.mark.parametrize(
    "name", ["joly", "Mélanie Joly", "MELANIE  JOLY", " Melanie\u00a0Joly ", "joly"]
)
def test_ids_names_and_aliases_resolve_after_folding(name: str) -> None:
    assert resolve_name(name, INDEX) == "joly"


def test_an_unknown_name_resolves_to_none() -> None:
    assert resolve_name("Mélanie Jolie", INDEX) is None


def test_one_name_for_two_entities_is_a_data_error() -> None:
    clash = entities(
        ("joly", "person", "Mélanie Joly"), ("jolie", "person", "Jolie", "mélanie  joly")
    )
    with pytest.raises(DataError) as raised:
        alias_index(clash)
    [problem] = raised.value.problems
    assert (problem.file, problem.row, problem.column) == ("entities.csv", 2, "aliases")
    assert problem.value == "mélanie  joly"
    assert "entity 'joly' (row 1)" in problem.rule


def test_an_entity_may_repeat_its_own_name() -> None:
    assert alias_index(entities(("tokyo", "place", "Tokyo", "tokyo; TOKYO")))["tokyo"] == "tokyo"


def test_entity_sets_become_sorted_ids() -> None:
    assert normalise_value("signatories", "Kono Taro ; Mélanie Joly", INDEX) == "joly; kono"
    assert normalise_value("place", " Tokyo ", INDEX) == "tokyo"
    assert normalise_value("agreement_name", "ISA", INDEX) == "isa"


def test_an_unknown_entity_name_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="'Taro Kōno' is not the id, name or alias"):
        normalise_value("participants", "joly; Taro Kōno", INDEX)


def test_lists_become_sorted_keys_with_entities_resolved() -> None:
    assert normalise_value("items", "vessels; aircraft ;vessels", INDEX) == "aircraft; vessels"
    assert normalise_value("includes", "ISA; logistics", INDEX) == "isa; logistics"


def test_other_values_are_stripped_only() -> None:
    assert normalise_value("amount", " 78000000 CAD ", INDEX) == "78000000 CAD"
    assert normalise_value("description", "Tokyo", INDEX) == "Tokyo"


@pytest.mark.parametrize(
    ("entity_id", "on", "held"),
    [
        ("freeland", "2018-04-21", True),
        ("freeland", "2019-11-20", True),  # the last day counts
        ("freeland", "2019-11-21", False),
        ("freeland", "2017-01-09", False),
        ("freeland", "2019", True),  # a year that overlaps the role cannot contradict it
        ("freeland", "2020", False),
        ("joly", "2025-01", True),  # no end: still holds it
        ("joly", "2021-10", True),
        ("joly", "2021-09", False),
    ],
)
def test_role_held_compares_at_the_coarser_precision(entity_id: str, on: str, held: bool) -> None:
    assert role_held(ENTITIES, entity_id, "foreign_minister_canada", on) is held


def test_role_held_is_unknown_without_a_date_or_a_dated_role() -> None:
    assert role_held(ENTITIES, "joly", "foreign_minister_canada", "") is None
    assert role_held(ENTITIES, "kono", "foreign_minister_japan", "2018") is None
    assert role_held(ENTITIES, "joly", "prime_minister", "2022") is None


def test_a_date_after_a_known_end_is_settled_even_without_a_start() -> None:
    hayashi = entities(
        ("hayashi", "person", "Yoshimasa Hayashi", "", "foreign_minister_japan", "", "2023-09-13")
    )
    assert role_held(hayashi, "hayashi", "foreign_minister_japan", "2025-07-08") is False
    assert role_held(hayashi, "hayashi", "foreign_minister_japan", "2022-10-11") is None


def test_who_held_a_role_is_whose_first_dated_role_it_was_then() -> None:
    def row(person: str, role: str, start: str, end: str) -> dict[str, str]:
        return {"entity_id": person, "role": role, "role_start": start, "role_end": end}

    entities = pd.DataFrame(
        [
            row("anand", "defence_minister", "2021-10-26", "2023-07-26"),
            row("joly", "foreign_minister", "2021-10-26", "2025-05-13"),
            row("anand", "foreign_minister", "2023-01-01", ""),
            row("nobody", "", "", ""),
        ]
    )
    roles = dated_roles(entities)
    # Both are dated as foreign minister in 2023, but Anand's first role then is defence.
    assert roles.role_on("anand", "2023-03-01") == "defence_minister"
    assert roles.holders("foreign_minister", "2023-03-01") == ["joly"]
    # Once her defence post ends, she is foreign minister beside Joly, in file order.
    assert roles.holders("foreign_minister", "2024-03-01") == ["joly", "anand"]
    assert roles.holders("foreign_minister", "2024-03-01", but="joly") == ["anand"]
    assert roles.role_on("nobody", "2024-03-01") == ""
