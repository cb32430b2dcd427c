"""Linked views for exploring in JupyterLab (notebooks/04_explore.ipynb), over the query API.

Pick an event (with its sub-events) or a source: its claims are listed, with the disagreements
they take part in; pick one of the claims: its quote is shown where it stands in its seed. Each
view is an ipywidgets widget, so the views follow each other in a live kernel; in a rendered
page (no kernel) they show what they held when the notebook ran.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from claimtrace.errors import ParameterError
from claimtrace.present.html import static_table
from claimtrace.present.query import Explorer

CLAIM_COLUMNS = {
    "claim_id": "claim",
    "source": "source",
    "says": "what it says",
    "status": "status",
    "grade_words": "grade",
}
"""The claims view: query columns and the headings it shows them under."""
CONFLICT_COLUMNS = {
    "conflict_id": "disagreement",
    "about": "about",
    "side": "side",
    "said_by": "said by",
    "value": "says",
    "claim_id": "claim",
}
SAYS_CHARACTERS = 90
"""How much of what a claim says its line in the claim list shows."""


def choices(explorer: Explorer) -> list[tuple[str, tuple[str, str]]]:
    """What the first view offers: each event by title (and date), then each source of a seed
    by name (the record has no claims to list); the value says which kind it is, so the claims
    query gets the right argument."""
    events = explorer.events()
    seeds = explorer.seeds()
    return [
        *(
            (f"Event: {e.event}" + (f" ({e.date})" if e.date else ""), ("event", e.event_id))
            for e in events.itertuples()
        ),
        *((f"Source: {s.source}", ("source", s.source_id)) for s in seeds.itertuples()),
    ]


def _table(frame: pd.DataFrame, columns: dict[str, str], caption: str) -> str:
    if frame.empty:
        return f"<p>{html.escape(caption)}: none.</p>"
    return static_table(frame[list(columns)].rename(columns=columns), caption=caption)


@dataclass
class LinkedViews:
    """The four linked views and what they show; `pick` and `claim` are the widgets a user
    changes, the others follow."""

    explorer: Explorer
    first: tuple[str, str] | None = None
    """What is picked first: ("event", an event id) or ("source", a source id); None: the
    first event."""
    pick: widgets.Dropdown = field(init=False)
    claim: widgets.Select = field(init=False)
    claims_view: widgets.HTML = field(init=False)
    conflicts_view: widgets.HTML = field(init=False)
    context_view: widgets.HTML = field(init=False)

    def __post_init__(self) -> None:
        offered = choices(self.explorer)
        if self.first is not None and self.first not in [value for _, value in offered]:
            valid = ", ".join(f"{kind} {name!r}" for _, (kind, name) in offered)
            raise ParameterError.one(f"{self.first!r} is not offered; valid: {valid}", "first")
        self.pick = widgets.Dropdown(
            options=offered,
            value=self.first or offered[0][1],
            description="Show",
            layout=widgets.Layout(width="70%"),
        )
        self.claim = widgets.Select(
            options=[], description="Claim", rows=8, layout=widgets.Layout(width="90%")
        )
        self.claims_view = widgets.HTML()
        self.conflicts_view = widgets.HTML()
        self.context_view = widgets.HTML()
        self.pick.observe(lambda _: self._show_picked(), names="value")
        self.claim.observe(lambda _: self._show_claim(), names="value")
        self._show_picked()

    @property
    def picked_claims(self) -> pd.DataFrame:
        kind, chosen = self.pick.value
        return self.explorer.claims(**{kind: chosen})

    def _show_picked(self) -> None:
        claims = self.picked_claims
        self.claims_view.value = _table(claims, CLAIM_COLUMNS, f"Claims: {self.pick.label}")
        conflicts = (
            self.explorer.conflicts(claim=claims["claim_id"].tolist()) if len(claims) else []
        )
        self.conflicts_view.value = _table(
            pd.DataFrame(conflicts), CONFLICT_COLUMNS, "Disagreements these claims take part in"
        )
        self.claim.options = [
            (f"{c.claim_id}: {c.says[:SAYS_CHARACTERS]}", c.claim_id) for c in claims.itertuples()
        ]
        self.claim.value = self.claim.options[0][1] if self.claim.options else None
        self._show_claim()

    def _show_claim(self) -> None:
        chosen = self.claim.value
        self.context_view.value = (
            self.explorer.context(chosen)._repr_html_() if chosen else "<p>No claim chosen.</p>"
        )

    def _ipython_display_(self) -> None:
        display(
            widgets.VBox(
                [
                    self.pick,
                    self.claims_view,
                    self.conflicts_view,
                    self.claim,
                    self.context_view,
                ]
            )
        )


def seed_links(explorer: Explorer, seeds_folder: str = "../seeds") -> str:
    """Markdown: each seed by its title (its source's name when it has none), linked to its
    file in `seeds_folder` (relative to the notebook), with its source and date."""
    lines = []
    for seed in explorer.seeds().itertuples():
        title = seed.title.replace("[", "\\[").replace("]", "\\]")
        address = PurePosixPath(seeds_folder) / seed.seed_file
        lines.append(f"- [{title}]({address}): {seed.source}, {seed.published or 'undated'}")
    return "\n".join(lines)
