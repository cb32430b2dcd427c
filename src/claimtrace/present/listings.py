"""The long listings of a report: its claims and its conflicts, each with the note saying which
rows are shown, as a searchable table on screen and static HTML in print."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from claimtrace.present.html import (
    PRINT_ONLY,
    claim_cards,
    dual_table,
    interactive_table,
)
from claimtrace.present.limits import (
    Shown,
    listed_claims,
    listing_note,
)
from claimtrace.present.reasons import Reasons
from claimtrace.present.table_behaviour import GRADE_COLUMN, grade_in_words
from claimtrace.present.tables import QUOTE_COLUMN, claim_says, claims_table, conflicts_table
from claimtrace.present.wording import Wording
from claimtrace.store.cache import StoredTexts


def claims_listing(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    seeds: Mapping[str, str],
    words: Wording,
    reasons: Reasons,
    *,
    max_claims: int,
) -> str:
    """The claims a report lists (listed_claims), with the note saying which: as a searchable
    table on screen, as cards grouped by source in print (HTML)."""
    listed = listed_claims(claims, max_claims)
    reasons.pairs.prefetch(listed["claim_id"])
    if isinstance(seeds, StoredTexts):
        seeds.prefetch(listed["source_id"])
    note = f'<p class="ct-note">{html.escape(listing_note(len(listed), len(claims)))}</p>'
    table = claims_table(listed, seeds, words, reasons)
    # The grade's number beside the words, so that sorting by it goes from 1 to 6.
    table.insert(GRADE_AT, GRADE_COLUMN, listed["credibility"].to_numpy())
    screen = interactive_table(
        table,
        caption="Claims with their quotes in context",
        html_columns=[QUOTE_COLUMN],
        column_widths=EXPLORER_WIDTHS,
        column_defs=[grade_in_words(GRADE_AT)],
    )
    cards = claim_cards(
        listed,
        sources,
        seeds,
        words,
        says=lambda c: claim_says(c, words),
        why=reasons.claim,
        verdict=reasons.verdict,
    )
    return f'{note}{screen}<div class="{PRINT_ONLY}">{cards}</div>'


EXPLORER_WIDTHS = ("8%", "9%", "16%", "8%", "17%", "42%")
"""Column widths of the claim explorer on screen (claim, source, what it says, grade, grade and
why, quote): the quote in its context is the widest."""
GRADE_AT = 3
"""Where the claim explorer shows the grade's number (in words)."""


def conflicts_listing(listed: Shown, claims: pd.DataFrame, words: Wording) -> str:
    """The conflicts a report lists (limits.listed_conflicts) as a table, searchable on screen
    and static in print, after the note on what is left out (HTML)."""
    table = conflicts_table(listed.rows, claims, words)
    caption = "Disagreements" if listed.note else "Every disagreement found"
    return listed.note + dual_table(table, caption=caption)
