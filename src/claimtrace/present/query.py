"""The query API a notebook user calls: `claimtrace.open(...)` and the tidy tables it answers with.

`open(data_dir="data", **parameters)` opens the same selection a report shows (every parameter
has a default: all sources, every date, every grade) and answers questions as pandas DataFrames
with readable columns, each id kept in a column of its own:

- `claims(event=…, source=…, status=…)`: the claims, an event with its sub-events;
- `conflicts(claim=…)`: each disagreement with the statements on each side;
- `context(claim_id)`: the quote in its seed, highlighted, under the seed's title;
- `unique_to(source_id)`: what only that source says.

The report's renderers (bottom line, charts, listings) stay on `Explorer.report`, apart from
these queries. A bad parameter raises ParameterError naming what is valid, which IPython shows
as its message alone (errors.py), never as a traceback.

How sub-events are known: an agreement's events are those whose `agreement` names it (its
milestones: talks, signing, entry into force) and the undated events whose id begins with the
agreement's id and a hyphen (`isa-coordination-centre`, `isa-implementation-funding`: what the
agreement sets up, which no source dates). Those undated events are the sub-events of the
agreement's signing, since what an agreement sets up is part of what was signed; so "every claim
about the ISA signing", `claims(event="isa-signed")`, includes the claims filed under them.
`event` may also name an agreement (`claims(event="isa")`): then every event of the agreement.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython import get_ipython

from claimtrace.corpus.entities import split_list
from claimtrace.errors import ParameterError, ParameterProblem
from claimtrace.judge.comparison import AGREES
from claimtrace.present.html import CONTEXT_CHARS, quote_in_context
from claimtrace.present.report import Report, open_report
from claimtrace.present.selection import REPORT_FILTERS
from claimtrace.present.tables import claim_says
from claimtrace.present.wording import (
    STATUS_WORDS,
    UNTITLED,
    attribute_phrase,
    credibility_words,
)
from claimtrace.vocabulary import CREDIBILITY_MEANINGS, STATUSES

EVERY_DATE = ("0001-01-01", "9999-12-31")
DEFAULT_PARAMETERS: dict[str, object] = {
    "sources": (),
    "date_from": EVERY_DATE[0],
    "date_to": EVERY_DATE[1],
    "min_credibility": max(CREDIBILITY_MEANINGS),
}
"""What `open` selects when a parameter is not given: every source, every date, every grade."""
SIGNING = "agreement_signed"
"""The event type whose sub-events are the undated events of its agreement."""


def open(data_dir: str | Path = "data", **parameters: object) -> Explorer:
    """The curated data in `data_dir`, assessed (from the store beside it when it holds this
    data version), narrowed by the report parameters given: `sources` (source ids; empty: all),
    `date_from` and `date_to` (YYYY-MM-DD, on event dates), `min_credibility` (1 confirmed … 6
    cannot be judged). Raises ParameterError naming every bad or unknown parameter."""
    unknown = [name for name in parameters if name not in REPORT_FILTERS]
    if unknown:
        raise ParameterError(
            [ParameterProblem("not a parameter of claimtrace.open", name) for name in unknown],
            heading="claimtrace.open",
            valid=[f"{name}={DEFAULT_PARAMETERS[name]!r}" for name in REPORT_FILTERS],
        )
    chosen = {**DEFAULT_PARAMETERS, **parameters}
    if isinstance(chosen["sources"], str):
        chosen["sources"] = [chosen["sources"]]
    # In plain Python there is no page to set the table library up in: it would print
    # `<IPython.core.display.HTML object>` twice.
    report = open_report(data_dir, interactive_tables=_in_a_kernel(), **chosen)  # type: ignore[arg-type]
    return Explorer(report)


def _in_a_kernel() -> bool:
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _wanted(value: str | Iterable[str] | None) -> list[str]:
    """A parameter given as one value, several, or None (all)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _check(asked: list[str], valid: Iterable[str], parameter: str) -> None:
    known = list(dict.fromkeys(valid))
    unknown = [value for value in asked if value not in known]
    if unknown:
        raise ParameterError.one(
            f"unknown {', '.join(map(repr, unknown))}; valid: {', '.join(known)}", parameter
        )


@dataclass(frozen=True)
class QuoteInContext:
    """A claim's quote in the seed it comes from: the words before, the quote, the words after,
    and the seed's title. Shown highlighted in a notebook, marked with »…« as text."""

    claim_id: str
    title: str
    seed_file: str
    start: int
    end: int
    seed: str

    @property
    def quote(self) -> str:
        return self.seed[self.start : self.end]

    def _repr_html_(self) -> str:
        return (
            f'<div class="ct-quote-context"><p><strong>{html.escape(self.title)}</strong> '
            f"[{html.escape(self.claim_id)}]</p>"
            f"<p>{quote_in_context(self.seed, self.start, self.end)}</p></div>"
        )

    def __str__(self) -> str:
        before = self.seed[max(0, self.start - CONTEXT_CHARS) : self.start]
        after = self.seed[self.end : self.end + CONTEXT_CHARS]
        return f"{self.title} [{self.claim_id}]\n…{before}»{self.quote}«{after}…"

    __repr__ = __str__  # a console shows the passage, not the whole seed


@dataclass(frozen=True)
class Explorer:
    """Queries on one selection of the assessment, each answered as a DataFrame."""

    report: Report
    """The report over the same selection, for its renderers (report.bottom_line(), …)."""

    @property
    def _claims(self) -> pd.DataFrame:
        return self.report.view.claims

    @cached_property
    def _timeline(self) -> pd.DataFrame:
        return self.report.assessment.timeline

    def sources(self) -> pd.DataFrame:
        """Every source with its name, title, author, date, kind and reliability grade."""
        graded = self.report.assessment.sources
        corpus = self.report.corpus.sources.set_index("source_id")
        words = self.report.words
        return pd.DataFrame(
            {
                "source": [words.source(s) for s in graded["source_id"]],
                "title": graded["title"].replace("", UNTITLED),
                "author": graded["author"],
                "published": graded["published"],
                "reliability": graded["reliability"],
                "claims": graded["n_claims"],
                "address": [corpus["url"].get(s, "") for s in graded["source_id"]],
                "source_id": graded["source_id"],
            }
        ).reset_index(drop=True)

    def seeds(self) -> pd.DataFrame:
        """Every seed by its title (its source's name when the text has none), with its source,
        date and file name in seeds/."""
        sources = self.report.corpus.sources
        sources = sources[sources["seed_file"] != ""]  # the record is no seed
        words = self.report.words
        return pd.DataFrame(
            {
                "title": [
                    title or words.source(source_id)
                    for title, source_id in zip(sources["title"], sources["source_id"], strict=True)
                ],
                "source": [words.source(s) for s in sources["source_id"]],
                "published": sources["published"],
                "seed_file": sources["seed_file"],
                "source_id": sources["source_id"],
            }
        ).reset_index(drop=True)

    def events(self) -> pd.DataFrame:
        """Every event, oldest first, with its title, date, agreement and sub-events."""
        timeline = self._timeline
        words = self.report.words
        return pd.DataFrame(
            {
                "event": timeline["title"],
                "date": timeline["date"],
                "agreement": [words.names.get(a, a) for a in timeline["agreement"]],
                "sub_events": [", ".join(self.sub_events(e)) for e in timeline["event_id"]],
                "event_id": timeline["event_id"],
            }
        ).reset_index(drop=True)

    def agreement_events(self, agreement: str) -> list[str]:
        """The events of an agreement (by entity id): those whose `agreement` names it, and the
        undated ones whose id is the agreement's id and a hyphen before more words."""
        timeline = self._timeline
        milestone = timeline["agreement"] == agreement
        set_up = timeline["event_id"].str.startswith(f"{agreement}-") & (timeline["date"] == "")
        return timeline.loc[milestone | set_up, "event_id"].tolist()

    def sub_events(self, event_id: str) -> list[str]:
        """The events a signing includes: the undated events of its agreement (what it sets up);
        none for any other event."""
        event = self._timeline.set_index("event_id").loc[event_id]
        if event["event_type"] != SIGNING or not event["agreement"]:
            return []
        undated = set(self._timeline.loc[self._timeline["date"] == "", "event_id"])
        return [e for e in self.agreement_events(event["agreement"]) if e in undated]

    def _events_meant(self, asked: list[str]) -> list[str]:
        agreements = set(self._timeline["agreement"]) - {""}
        _check(asked, [*self._timeline["event_id"], *sorted(agreements)], "event")
        meant = []
        for name in asked:
            if name in agreements:
                meant += self.agreement_events(name)
            else:
                meant += [name, *self.sub_events(name)]
        return list(dict.fromkeys(meant))

    def _statuses_meant(self, asked: list[str]) -> list[str]:
        by_words = {STATUS_WORDS.get(status, status): status for status in STATUSES}
        _check(asked, [*STATUSES, *by_words], "status")
        return [by_words.get(status, status) for status in asked]

    def claims(
        self,
        event: str | Iterable[str] | None = None,
        source: str | Iterable[str] | None = None,
        status: str | Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """The selected claims, narrowed to the events (ids, with their sub-events, or an
        agreement's id: all its events), sources (ids) and statuses (`contradicted`,
        `unconfirmed`, `confirmed`, `not_judged` or its words `not checked`) given; each
        argument one value or several, None for all. One row per claim, in the curated order."""
        claims = self._claims
        if events := _wanted(event):
            claims = claims[claims["event_id"].isin(self._events_meant(events))]
        if sources := _wanted(source):
            _check(sources, self.report.corpus.sources["source_id"], "source")
            claims = claims[claims["source_id"].isin(sources)]
        if statuses := _wanted(status):
            claims = claims[claims["status"].isin(self._statuses_meant(statuses))]
        return self._tidy(claims)

    def _tidy(self, claims: pd.DataFrame) -> pd.DataFrame:
        words, reasons = self.report.words, self.report.reasons
        reasons.pairs.prefetch(claims["claim_id"])
        rows = list(claims.itertuples(index=False))
        return pd.DataFrame(
            {
                "claim_id": claims["claim_id"],
                "source": [words.source(c.source_id) for c in rows],
                "event": [self.report.words.titles.get(c.event_id, "") for c in rows],
                "says": [claim_says(c, words) for c in rows],
                "quote": claims["quote"],
                "status": claims["status"].map(STATUS_WORDS),
                "grade": claims["credibility"],
                "grade_words": claims["credibility"].map(CREDIBILITY_MEANINGS),
                "why": [reasons.claim(c) for c in rows],
                "source_id": claims["source_id"],
                "event_id": claims["event_id"],
            }
        ).reset_index(drop=True)

    def conflicts(self, claim: str | Iterable[str] | None = None) -> pd.DataFrame:
        """The selected disagreements (those a claim given takes part in, when given), one row
        per statement on each side: who says what, the claim's quote and grade (a record row
        has neither, its id stands in `claim_id`)."""
        conflicts = self.report.view.conflicts
        if claims := _wanted(claim):
            _check(claims, self.report.assessment.claims["claim_id"], "claim")
            taking_part = [
                bool(set(split_list(ids)) & set(claims)) for ids in conflicts["claim_ids"]
            ]
            conflicts = conflicts[taking_part]
        statements = self.report.assessment.conflict_statements
        statements = statements[statements["conflict_id"].isin(conflicts["conflict_id"])]
        about = conflicts.set_index("conflict_id")
        by_claim = self.report.assessment.claims.set_index("claim_id")
        words = self.report.words
        rows = list(statements.itertuples(index=False))
        graded = [s.statement_id in by_claim.index for s in rows]
        return pd.DataFrame(
            {
                "conflict_id": statements["conflict_id"],
                "event": [words.titles.get(about.at[s.conflict_id, "event_id"], "") for s in rows],
                "about": [
                    attribute_phrase(s.attribute, about.at[s.conflict_id, "subject"], words.names)
                    for s in rows
                ],
                "side": statements["side"] + 1,
                "said_by": [
                    words.record_cited(s.statement_id) if s.is_record else words.source(s.source_id)
                    for s in rows
                ],
                "value": [words.value(s.attribute, s.value) for s in rows],
                "quote": [
                    by_claim.at[s.statement_id, "quote"] if g else ""
                    for s, g in zip(rows, graded, strict=True)
                ],
                "grade": [
                    credibility_words(by_claim.at[s.statement_id, "credibility"]) if g else ""
                    for s, g in zip(rows, graded, strict=True)
                ],
                "claim_id": statements["statement_id"],
                "source_id": statements["source_id"],
                "event_id": [about.at[s.conflict_id, "event_id"] for s in rows],
            }
        ).reset_index(drop=True)

    def context(self, claim_id: str) -> QuoteInContext:
        """The claim's quote where it stands in its seed, under the seed's title (its source's
        name when the seed has none)."""
        claims = self.report.assessment.claims.set_index("claim_id")
        _check([claim_id], claims.index, "claim_id")
        claim = claims.loc[claim_id]
        seed = self.seeds().set_index("source_id").loc[claim["source_id"]]
        return QuoteInContext(
            claim_id,
            seed["title"],
            seed["seed_file"],
            int(claim["start"]),
            int(claim["end"]),
            self.report.corpus.seeds[claim["source_id"]],
        )

    def unique_to(self, source_id: str) -> pd.DataFrame:
        """The selected claims of `source_id` that no other source and no record row states
        too. Statements are matched as the grading compares them: a complete list and a partial
        one (`includes`) agree when the partial list is in the complete one, a count agrees with
        a list of that length, dates at the coarser precision, places by alias. Words another
        seed shares (one story in two outlets, the claim's origin group) are stated by both.
        A claim contradicted by others, or one nothing compares (a description in words of its
        own), is unique to its source."""
        _check([source_id], self.report.corpus.sources["source_id"], "source_id")
        claims = self._claims
        of_source = claims[claims["source_id"] == source_id]
        pairs = self.report.reasons.pairs
        pairs.prefetch(of_source["claim_id"])
        confirmed_elsewhere = [
            claim_id
            for claim_id in of_source["claim_id"]
            if any(p.verdict == AGREES and p.other_source != source_id for p in pairs.of(claim_id))
        ]
        groups = self.report.assessment.origin_groups
        shared = groups.loc[[len(split_list(m)) > 1 for m in groups["members"]], "origin_group"]
        own = of_source[
            ~of_source["claim_id"].isin(confirmed_elsewhere)
            & ~of_source["origin_group"].isin(shared)
        ]
        return self._tidy(own)
