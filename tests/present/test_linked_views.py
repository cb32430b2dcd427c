"""The exploration notebook's linked views follow each other, on the project's own corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import claimtrace
from claimtrace.errors import ParameterError
from claimtrace.present import query
from claimtrace.present.linked_views import LinkedViews, choices, seed_links
from claimtrace.store.location import STORE_ENV
from tests.factories import LIVE_DATA, ROOT


@pytest.fixture(scope="module")
def explorer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[query.Explorer]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(STORE_ENV, str(tmp_path_factory.mktemp("store") / "claimtrace.duckdb"))
        yield claimtrace.open(LIVE_DATA)


def test_picking_a_source_lists_its_claims_and_shows_the_first_in_context(
    explorer: query.Explorer,
) -> None:
    views = LinkedViews(explorer, first=("event", "isa-signed"))
    assert "mediawall-25" in views.claims_view.value  # a sub-event's claim is listed
    views.pick.value = ("source", "rips")
    listed = [claim_id for _, claim_id in views.claim.options]
    assert listed and all(claim_id.startswith("rips-") for claim_id in listed)
    assert views.claim.value == listed[0]
    assert f"[{listed[0]}]" in views.context_view.value


def test_picking_a_claim_shows_its_quote_marked_in_its_seed(explorer: query.Explorer) -> None:
    views = LinkedViews(explorer, first=("source", "mediawall"))
    views.claim.value = "mediawall-04"
    assert "<mark>signed last week in Ottawa</mark>" in views.context_view.value
    assert "isa-signed-place" in views.conflicts_view.value


def test_a_pick_without_disagreements_says_so(explorer: query.Explorer) -> None:
    views = LinkedViews(explorer, first=("event", "kaedex"))
    assert "Disagreements these claims take part in: none." in views.conflicts_view.value


def test_only_sources_with_claims_are_offered(explorer: query.Explorer) -> None:
    offered = [value for _, value in choices(explorer)]
    assert ("source", "rips") in offered and ("source", "record") not in offered
    with pytest.raises(ParameterError, match="is not offered"):
        LinkedViews(explorer, first=("event", "no-such-event"))


def test_every_seed_is_linked_by_its_title(explorer: query.Explorer) -> None:
    links = seed_links(explorer, "../seeds").splitlines()
    seeds = sorted(path.name for path in (ROOT / "seeds").glob("*.txt"))
    assert sorted(line.split("](../seeds/")[1].split(")")[0] for line in links) == seeds
    assert any(line.startswith("- [Canada–Japan ISA and the Strategic") for line in links)
