"""The Typst measurement of `make bench` sets every claim card of the listing: the cards it cuts
out of the listing's HTML are all those the report prints, each with its parts."""

from __future__ import annotations

from pathlib import Path

from benchmarks.pdf_engines import claim_cards
from claimtrace.present import report
from tests.factories import FROZEN_DATA

FULL = {"sources": [], "date_from": "2010-01-01", "date_to": "2026-12-31"}


def test_every_claim_card_of_the_listing_is_cut_out_with_its_parts(tmp_path: Path) -> None:
    listing = report.open_report(FROZEN_DATA, min_credibility=6, **FULL).claims_listing(500).data
    (tmp_path / "report.html").write_text(f"<html><body>{listing}</body></html>", encoding="utf-8")
    groups = claim_cards(tmp_path / "report.html")
    cards = [card for group in groups for card in group["cards"]]
    assert len(groups) == listing.count('class="ct-card-group"') > 1
    assert len(cards) == listing.count('class="ct-card"') > 100
    for card in cards:
        assert card["head"] and card["why"] and card["quote"], card
        assert "<" not in "".join(card.values()), card  # words only, no markup
