"""The one object a notebook opens: a report over one assessment, narrowed by its parameters.

`open_report(data_dir, sources=…, date_from=…, date_to=…, min_credibility=…)` reads the checked
corpus and its assessment from the store (store/cache.py: made and stored there first when the
store does not hold this data version), checks the parameters against it and selects what the
parameters ask for; a notebook cell then asks the report for what it shows
(`report.findings_html()`, `report.timeline_chart()`, …) and never chooses between the
selection, the assessment and the corpus itself. Opening a report also sets up interactive
tables offline, so no notebook can forget to.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML, Markdown, display
from itables import init_notebook_mode

from claimtrace.corpus.entities import split_list
from claimtrace.corpus.load import Corpus
from claimtrace.errors import StoreError
from claimtrace.judge.assess import Assessment
from claimtrace.judge.differences import Change, compare
from claimtrace.present import bottom_line, changes, charts, limits
from claimtrace.present.assessment_words import disputed_values
from claimtrace.present.findings import findings_html
from claimtrace.present.html import PRINT_ONLY, methods_html, static_table
from claimtrace.present.listings import claims_listing, conflicts_listing
from claimtrace.present.reasons import FetchedPairs, PairsOf, Reasons
from claimtrace.present.references import Reference, linked, reference_list, references_html
from claimtrace.present.selection import Selection, check_report_parameters, select
from claimtrace.present.tables import grades_table, timeline_table
from claimtrace.present.timeline_chart import agreements_timeline
from claimtrace.present.wording import Wording, data_as_of, words_for
from claimtrace.store.cache import assessed_for_report
from claimtrace.store.history import Run, last_published
from claimtrace.store.location import store_path
from claimtrace.vocabulary import OFFICIAL_RECORD_KIND

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Exhibit:
    """A chart with the note that says what it leaves out (HTML, empty when nothing is)."""

    note: str
    figure: Figure

    def _ipython_display_(self) -> None:
        if self.note:
            display(HTML(self.note))
        display(self.figure)


@dataclass(frozen=True)
class Section:
    """A section whose heading is worded from the data: the heading (a markdown heading, so it
    is in the table of contents) and its body (HTML)."""

    heading: str
    body: str

    def _ipython_display_(self) -> None:
        display(Markdown(f"## {self.heading}"))
        display(HTML(self.body))


@dataclass(frozen=True)
class SinceLast:
    """The last published report and what changed since (None, None: there is none); or why
    the history could not be read."""

    run: Run | None
    change: Change | None
    unreadable: str = ""


@dataclass(frozen=True)
class KeyFigures:
    """The key figures: a small table in a report, plain lines where only text is shown (and
    what nbval compares)."""

    table: pd.DataFrame

    def _repr_html_(self) -> str:
        return static_table(self.table, caption="Key figures for this selection")

    def __repr__(self) -> str:
        return "\n".join(f"{f}: {v}" for f, v in zip(*self.table.T.to_numpy(), strict=True))


@dataclass(frozen=True)
class Report:
    """What a notebook shows: the parameters' selection of one assessment of one corpus."""

    corpus: Corpus
    assessment: Assessment
    view: Selection
    window: tuple[str, str]
    """The report's date window (date_from, date_to)."""
    store: Path | None = None
    """The store with the history of published reports; None: a report without a history."""
    pairs: PairsOf | None = None
    """Where the claims' comparisons are read (left in the store); None: the assessment's own."""

    @cached_property
    def _shown(self) -> set[str]:
        """The sources the report selects: it cites no other source's claims."""
        return set(self.view.sources["source_id"])

    @cached_property
    def words(self) -> Wording:
        """Names, labels, titles and record rows of the whole assessment; the conflicts' sides
        as the selected sources and the record take them."""
        words = words_for(self.corpus, self.assessment)
        sides = {
            conflict_id: [
                kept
                for side in by_side
                if (kept := [s for s in side if s.is_record or s.source in self._shown])
            ]
            for conflict_id, by_side in words.sides.items()
        }
        return replace(words, sides=sides)

    @cached_property
    def _cited_claims(self) -> pd.DataFrame:
        """The claims a finding may cite: every claim of the selected sources."""
        claims = self.assessment.claims
        return claims[claims["source_id"].isin(self._shown)]

    @cached_property
    def reasons(self) -> Reasons:
        """Why each grade was given, in words."""
        return Reasons.of(self.assessment, self.words, self._shown, self.pairs)

    @cached_property
    def _conflicts(self) -> limits.Shown:
        return limits.listed_conflicts(self.view.conflicts, self.assessment.timeline)

    @cached_property
    def _graded(self) -> limits.Shown:
        return limits.busiest_sources(self.view.sources)

    @cached_property
    def _references(self) -> list[Reference]:
        return reference_list(self.corpus.sources, self.corpus.reference, self.corpus.entities)

    def _linked(self, markup: str) -> HTML:
        """Static HTML with its cited record rows and web pages linked to the references."""
        return HTML(linked(markup, {entry.anchor for entry in self._references}))

    def references_html(self) -> HTML:
        """The numbered reference list: the record's rows, the sources, the web pages."""
        return HTML(references_html(self._references))

    def bottom_line(self) -> HTML:
        """Page 1: the summary, the key judgements, what the report covers."""
        date_from, date_to = self.window
        judgements = bottom_line.key_judgements_html(self.view, self.words)
        as_of = data_as_of(self.corpus.sources, self.corpus.reference)
        return self._linked(
            '<section class="ct-bottom-line">'
            f'<div class="ct-summary">{bottom_line.summary_html(self.view, self.words)}</div>'
            + (f"<h3>Key judgements</h3>{judgements}" if judgements else "")
            + "<h3>What this report covers</h3>"
            + bottom_line.coverage_html(
                self.view, self.words, date_from=date_from, date_to=date_to, data_as_of=as_of
            )
            + "</section>"
        )

    def key_figures(self) -> KeyFigures:
        """The counts a reader checks first, all of this selection."""
        return KeyFigures(bottom_line.key_figures(self.view, self.words))

    def timeline_chart(self, *, agreements_only: bool = False) -> Exhibit:
        """The events in date order, drawn at their precision; with `agreements_only`, the
        agreement milestones and the disputed events alone."""
        timeline = self.view.timeline
        if agreements_only:
            timeline = timeline[(timeline["agreement"] != "") | timeline["conflict"]]
        events = limits.charted_events(timeline)
        chart = agreements_timeline(events.rows, disputed_values(self.view, self.words))
        return Exhibit(events.note, chart)

    def reliability_chart(self) -> Exhibit:
        """Each source's grade beside the fate of its claims in this selection."""
        chart = charts.reliability_overview(
            self._graded.rows,
            self.view.claims,
            names=self.words.source_names,
        )
        return Exhibit(self._graded.note, chart)

    def grades_html(self) -> HTML:
        """The sources of the reliability chart with their grades and reasons, in words."""
        graded = self._graded.rows
        table = grades_table(
            graded[graded["kind"] != OFFICIAL_RECORD_KIND], self.words, self.reasons
        )
        return self._linked(static_table(table, caption="Reliability grades and why"))

    def credibility_chart(self) -> Exhibit:
        """Per source (or per grade, for many sources), its claims by credibility."""
        shown = limits.claims_per_source_or_grade(self.view.claims, self.view.sources)
        chart = charts.credibility_distribution(shown.rows, names=self.words.source_names)
        return Exhibit(shown.note, chart)

    def matrix_chart(self) -> Exhibit:
        """Sources by events: what became of each source's claims about each event."""
        claims, events, note = limits.matrix_view(self.view.claims, self.view.timeline)
        chart = charts.corroboration_matrix(claims, events, names=self.words.source_names)
        return Exhibit(note, chart)

    def findings_html(self) -> HTML:
        """The disagreements as sentences, each citing its claims by id and quote."""
        self.reasons.pairs.prefetch(
            c for ids in self._conflicts.rows["claim_ids"] for c in split_list(ids)
        )
        return self._linked(
            findings_html(self._conflicts, self._cited_claims, self.words, self.reasons.verdict)
        )

    def conflicts_listing(self) -> HTML:
        """The disagreements as a table, searchable on screen."""
        return HTML(conflicts_listing(self._conflicts, self._cited_claims, self.words))

    def claims_listing(self, max_claims: int) -> HTML:
        """The selected claims with their quotes in context: a table on screen, cards in print
        (whose cited record rows link to the references)."""
        listing = claims_listing(
            self.view.claims,
            self.assessment.sources,
            self.corpus.seeds,
            self.words,
            self.reasons,
            max_claims=max_claims,
        )
        # The screen table's rows travel as JSON inside a script: only the cards are linked.
        screen, cards = listing.split(f'<div class="{PRINT_ONLY}">', 1)
        return HTML(screen + self._linked(f'<div class="{PRINT_ONLY}">' + cards).data)

    def events_listing(self) -> HTML:
        """The selected events, oldest first, with who attests each and what is disputed."""
        listed = limits.listed_events(self.view.timeline)
        table = timeline_table(listed.rows, self.words)
        return self._linked(listed.note + static_table(table, caption="Events, oldest first"))

    def methods_html(self) -> HTML:
        """How claims are compared and graded, with the rule tables."""
        return HTML(methods_html())

    @cached_property
    def _since_last(self) -> SinceLast:
        if self.store is None:
            return SinceLast(None, None)
        try:
            last = last_published(self.store)
        except StoreError as error:
            return SinceLast(None, None, str(error))
        if last is None:
            return SinceLast(None, None)
        return SinceLast(last.run, compare(last, self.assessment))

    def changes_section(self) -> Section:
        """What changed since the last published report, source by source and grade by grade
        (the whole corpus, whatever the parameters select); the first report says so."""
        since = self._since_last
        if since.unreadable:
            problem = html.escape(changes.unreadable(since.unreadable))
            return Section(changes.SECTION_TITLE, f"<p>{problem}</p>")
        sentences = (
            changes.change_sentences(since.change, self.reasons) if since.change is not None else []
        )
        return Section(
            changes.section_heading(since.run), changes.section_html(since.run, sentences)
        )

    def changes_line(self) -> HTML:
        """What changed since the last published report, in one line pointing to the briefing."""
        since = self._since_last
        line = (
            changes.unreadable(since.unreadable)
            if since.unreadable
            else changes.summary_line(since.run, since.change)
        )
        return HTML(f'<p class="ct-changes-line">{html.escape(line)}</p>')


def open_report(
    data_dir: str | Path,
    *,
    sources: Sequence[str],
    date_from: str,
    date_to: str,
    min_credibility: int,
    interactive_tables: bool = True,
) -> Report:
    """The checked corpus and its assessment, from the store (made and stored when the store
    does not hold them), the report's parameters checked against it (ParameterError listing
    what is valid), and what the parameters select; with `interactive_tables`, the table
    library set up in the notebook, offline (outside a kernel it would print instead)."""
    store = store_path(data_dir)
    corpus, assessment, comparisons = assessed_for_report(data_dir, store)
    check_report_parameters(
        corpus.sources["source_id"],
        sources=sources,
        date_from=date_from,
        date_to=date_to,
        min_credibility=min_credibility,
    )
    if interactive_tables:
        init_notebook_mode(all_interactive=False, connected=False)
    view = select(
        assessment,
        sources=sources,
        date_from=date_from,
        date_to=date_to,
        min_credibility=min_credibility,
    )
    pairs = None if comparisons is None else FetchedPairs(partial(comparisons.where, "claim_id"))
    return Report(corpus, assessment, view, (date_from, date_to), store, pairs)
