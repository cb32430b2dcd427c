"""The one object a notebook opens: a report over one assessment, narrowed by its parameters.

`open_report(data_dir, sources=…, date_from=…, date_to=…, min_credibility=…)` loads and checks
the corpus, checks the parameters against it, assesses it and selects what the parameters ask
for; a notebook cell then asks the report for what it shows (`report.findings_html()`,
`report.timeline_chart()`, …) and never chooses between the selection, the assessment and the
corpus itself. Opening a report also sets up interactive tables offline, so no notebook can
forget to.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML, display
from itables import init_notebook_mode

from claimtrace.corpus.load import Corpus, load_corpus
from claimtrace.judge.assess import Assessment, assess
from claimtrace.present import bottom_line, charts, limits
from claimtrace.present.findings import findings_html
from claimtrace.present.html import methods_html, static_table
from claimtrace.present.listings import claims_listing, conflicts_listing
from claimtrace.present.reasons import Reasons
from claimtrace.present.selection import Selection, check_report_parameters, select
from claimtrace.present.tables import grades_table, timeline_table
from claimtrace.present.timeline_chart import agreements_timeline
from claimtrace.present.wording import Wording, data_as_of, words_for
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

    @cached_property
    def words(self) -> Wording:
        """Names, labels, titles, record rows and conflict sides of the whole assessment."""
        return words_for(self.corpus, self.assessment)

    @cached_property
    def reasons(self) -> Reasons:
        """Why each grade was given, in words."""
        return Reasons.of(self.assessment, self.words)

    @cached_property
    def _conflicts(self) -> limits.Shown:
        return limits.listed_conflicts(self.view.conflicts, self.assessment.timeline)

    @cached_property
    def _graded(self) -> limits.Shown:
        return limits.busiest_sources(self.view.sources)

    def bottom_line(self) -> HTML:
        """Page 1: the summary, the key judgements, what the report covers."""
        date_from, date_to = self.window
        judgements = bottom_line.key_judgements_html(self.view, self.assessment.claims, self.words)
        as_of = data_as_of(self.corpus.sources, self.corpus.reference)
        return HTML(
            '<section class="ct-bottom-line">'
            f'<p class="ct-summary">{html.escape(bottom_line.summary(self.view, self.words))}</p>'
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
        chart = agreements_timeline(events.rows, data_hash=self.corpus.data_hash)
        return Exhibit(events.note, chart)

    def reliability_chart(self) -> Exhibit:
        """Each source's grade beside the fate of its claims in this selection."""
        chart = charts.reliability_overview(
            self._graded.rows,
            self.view.claims,
            names=self.words.source_names,
            data_hash=self.corpus.data_hash,
        )
        return Exhibit(self._graded.note, chart)

    def grades_html(self) -> HTML:
        """The sources of the reliability chart with their grades and reasons, in words."""
        graded = self._graded.rows
        table = grades_table(
            graded[graded["kind"] != OFFICIAL_RECORD_KIND], self.words, self.reasons
        )
        return HTML(static_table(table, caption="Reliability grades and why"))

    def credibility_chart(self) -> Exhibit:
        """Per source (or per grade, for many sources), its claims by credibility."""
        shown = limits.claims_per_source_or_grade(self.view.claims, self.view.sources)
        chart = charts.credibility_distribution(
            shown.rows, names=self.words.source_names, data_hash=self.corpus.data_hash
        )
        return Exhibit(shown.note, chart)

    def matrix_chart(self) -> Exhibit:
        """Sources by events: what became of each source's claims about each event."""
        claims, events, note = limits.matrix_view(self.view.claims, self.view.timeline)
        chart = charts.corroboration_matrix(
            claims, events, names=self.words.source_names, data_hash=self.corpus.data_hash
        )
        return Exhibit(note, chart)

    def findings_html(self) -> HTML:
        """The disagreements as sentences, each citing its claims by id and quote."""
        return HTML(findings_html(self._conflicts, self.assessment.claims, self.words))

    def conflicts_listing(self) -> HTML:
        """The disagreements as a table, searchable on screen."""
        return HTML(conflicts_listing(self._conflicts, self.assessment.claims, self.words))

    def claims_listing(self, max_claims: int) -> HTML:
        """The selected claims with their quotes in context: a table on screen, cards in print."""
        return HTML(
            claims_listing(
                self.view.claims,
                self.assessment.sources,
                self.corpus.seeds,
                self.words,
                self.reasons,
                max_claims=max_claims,
            )
        )

    def events_listing(self) -> HTML:
        """The selected events, oldest first, with who attests each and what is disputed."""
        listed = limits.listed_events(self.view.timeline)
        table = timeline_table(listed.rows, self.words)
        return HTML(listed.note + static_table(table, caption="Events, oldest first"))

    def methods_html(self) -> HTML:
        """How claims are compared and graded, with the rule tables."""
        return HTML(methods_html())


def open_report(
    data_dir: str | Path,
    *,
    sources: Sequence[str],
    date_from: str,
    date_to: str,
    min_credibility: int,
) -> Report:
    """Load and validate the corpus, check the report's parameters against it (ParameterError
    listing what is valid), assess it, and select what the parameters ask for."""
    corpus = load_corpus(data_dir)
    window = {"date_from": date_from, "date_to": date_to, "min_credibility": min_credibility}
    check_report_parameters(corpus.sources["source_id"], sources=sources, **window)
    assessment = assess(corpus)
    init_notebook_mode(all_interactive=False, connected=False)
    view = select(assessment, sources=sources, **window)
    return Report(corpus, assessment, view, (date_from, date_to))
