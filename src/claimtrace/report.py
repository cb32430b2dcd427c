"""What the notebooks show: frames filtered by the report parameters, quotes in their context,
finding sentences written from the data, and tables that work on screen and in print.

Every sentence a notebook prints about the data is built here from the assessed frames, so it
stays true when the curated tables change, and it cites the claim ids it rests on.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from itables import to_html_datatable

from claimtrace.assess import Assessment
from claimtrace.dates import start_of
from claimtrace.entities import JOINED_WITH, split_list
from claimtrace.grading import CREDIBILITY_RULES, RELIABILITY_RULES, grading_rules
from claimtrace.origins import OFFICIAL_RECORD_KIND

STATUS_ORDER = ("contradicted", "unconfirmed", "confirmed", "not_judged")
"""Claim statuses, worst first: a cell that mixes statuses shows the first one present."""

CREDIBILITY_LABELS: dict[int, str] = {
    int(rule.grade): rule.meaning for rule in reversed(CREDIBILITY_RULES)
}
"""Credibility grade -> its Admiralty meaning, as the grading rules state it."""
RELIABILITY_LABELS: dict[str, str] = {rule.grade: rule.meaning for rule in RELIABILITY_RULES}
"""Reliability grade -> its Admiralty meaning, as the grading rules state it."""

SCREEN_ONLY = "screen-only"
PRINT_ONLY = "print-only"
"""Class names the report template hides in print and on screen respectively."""

QUOTE_COLUMN = "quote in context"
"""The one column of the claim table that holds HTML (escaped seed text around a <mark>)."""

CONTEXT_CHARS = 160
"""Characters of seed text shown on each side of a quote."""

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """A count as a word up to nine ('four'), as digits from ten on."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def count_phrase(n: int, total: int) -> str:
    """'Four of five' ('None of five'), for a sentence that starts with it."""
    return f"{number_word(n) if n else 'none'} of {number_word(total)}".capitalize()


def worst_status(statuses: Iterable[str]) -> str:
    """The worst of some claim statuses, by STATUS_ORDER."""
    return min(statuses, key=STATUS_ORDER.index)


def date_span(date: str, precision: str) -> tuple[dt.date, dt.date] | None:
    """The days a partial date can mean, as [start, end): a year spans the year, a month the
    month, a day one day; None when the date is unknown."""
    if not date or precision == "unknown":
        return None
    start = start_of(date)
    if precision == "year":
        return start, dt.date(start.year + 1, 1, 1)
    if precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following
    return start, start + dt.timedelta(days=1)


def in_date_order(timeline: pd.DataFrame) -> pd.DataFrame:
    """The events oldest first, undated last, with the `span` each date can mean."""
    spans = [
        date_span(d, p) for d, p in zip(timeline["date"], timeline["date_precision"], strict=True)
    ]
    return (
        timeline.assign(span=spans, span_start=[s[0] if s else dt.date.max for s in spans])
        .sort_values(["span_start", "event_id"], kind="stable")
        .drop(columns="span_start")
    )


def in_window(date: str, precision: str, date_from: str, date_to: str) -> bool:
    """Whether a partial date can fall within [date_from, date_to] (both days, inclusive).

    A year-precision 2019 is in a window that starts 2019-06-01: part of the year is inside.
    """
    span = date_span(date, precision)
    if span is None:
        return False
    first, last = dt.date.fromisoformat(date_from), dt.date.fromisoformat(date_to)
    return span[0] <= last and span[1] > first


def select_timeline(
    timeline: pd.DataFrame, *, sources: Sequence[str], date_from: str, date_to: str
) -> pd.DataFrame:
    """Events dated within the window; with `sources` given, only events one of them attests,
    and only those sources listed as attesting. Undated events are kept: they are not outside
    any window, and hiding them would hide what no one can date."""
    dated_inside = [
        not date_span(d, p) or in_window(d, p, date_from, date_to)
        for d, p in zip(timeline["date"], timeline["date_precision"], strict=True)
    ]
    kept = timeline[dated_inside]
    if not sources:
        return kept
    attesting = [
        JOINED_WITH.join(s for s in split_list(a) if s in sources)
        for a in kept["attesting_sources"]
    ]
    return kept.assign(attesting_sources=attesting)[[bool(a) for a in attesting]]


def select_claims(
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    *,
    sources: Sequence[str],
    date_from: str,
    date_to: str,
    min_credibility: int,
    kinds: Sequence[str] = (),
    events: Sequence[str] = (),
) -> pd.DataFrame:
    """Claims by the given sources (all when empty), graded `min_credibility` or better, of the
    given kinds and events (all when empty), about an event within the date window. A claim
    about no event, or about an undated event, has no date to fall outside the window: kept."""
    windowed = select_timeline(timeline, sources=(), date_from=date_from, date_to=date_to)
    kept = claims["credibility"] <= min_credibility
    kept &= claims["event_id"].isin(windowed["event_id"]) | ~claims["event_id"].isin(
        timeline["event_id"]
    )
    if sources:
        kept &= claims["source_id"].isin(sources)
    if kinds:
        kept &= claims["kind"].isin(kinds)
    if events:
        kept &= claims["event_id"].isin(events)
    return claims[kept]


def quote_in_context(seed: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The quote marked up in `width` characters of its seed on each side, as escaped HTML.

    The window is widened to whole words and an ellipsis marks text cut on either side, so the
    reader sees the sentence the words come from, not only the words."""
    before_at = max(0, start - width)
    while before_at > 0 and not seed[before_at - 1].isspace():
        before_at -= 1
    after_at = min(len(seed), end + width)
    while after_at < len(seed) and not seed[after_at].isspace():
        after_at += 1
    before = ("…" if before_at > 0 else "") + seed[before_at:start]
    after = seed[end:after_at] + ("…" if after_at < len(seed) else "")
    return (
        f'<span class="ct-context">{_html_text(before)}</span>'
        f"<mark>{_html_text(seed[start:end])}</mark>"
        f'<span class="ct-context">{_html_text(after)}</span>'
    )


def _html_text(text: str) -> str:
    # A line break in the seed stays a line break; pandas would print a raw one as "\\n".
    return "<br>".join(html.escape(line) for line in re.split(r"\r\n?|\n", text))


def claims_table(
    claims: pd.DataFrame, timeline: pd.DataFrame, seeds: Mapping[str, str]
) -> pd.DataFrame:
    """The claims as the explorer shows them, each quote in its context from the seed (HTML in
    the `quote in context` column; everything else plain text)."""
    titles = dict(zip(timeline["event_id"], timeline["title"], strict=True))
    context = [
        quote_in_context(seeds[source], int(start), int(end))
        for source, start, end in zip(
            claims["source_id"], claims["start"], claims["end"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "claim": claims["claim_id"],
            "source": claims["source_id"],
            "event": [titles.get(e, e) for e in claims["event_id"]],
            "attribute": claims["attribute"],
            "value": claims["value"],
            "kind": claims["kind"].str.replace("_", " "),
            "status": claims["status"].str.replace("_", " "),
            "credibility": [
                f"{grade} {CREDIBILITY_LABELS[grade]}" for grade in claims["credibility"]
            ],
            "why": claims["credibility_reason"],
            QUOTE_COLUMN: context,
        }
    )


def escaped(frame: pd.DataFrame, html_columns: Iterable[str] = ()) -> pd.DataFrame:
    """Every cell as escaped text, except the columns that already hold safe HTML."""
    keep = set(html_columns)
    return frame.assign(
        **{
            column: [html.escape(" ".join(_cell_text(v).split())) for v in frame[column]]
            for column in frame.columns
            if column not in keep
        }
    )


def _cell_text(value: object) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def dual_table(
    frame: pd.DataFrame, *, caption: str, html_columns: Iterable[str] = (), page_length: int = 10
) -> str:
    """One table twice: interactive (itables, offline) for the screen and static for print.

    The template shows `.screen-only` on screen and `.print-only` in print. Every cell is
    escaped here except `html_columns`, which must already be safe (quote_in_context)."""
    safe = escaped(frame, html_columns)
    interactive = to_html_datatable(
        safe,
        caption=html.escape(caption),
        allow_html=True,
        showIndex=False,
        pageLength=page_length,
        maxBytes=0,
        classes="display compact",
        display_logo_when_loading=False,
    )
    static = safe.to_html(index=False, escape=False, border=0, classes="ct-table")
    return (
        f'<div class="{SCREEN_ONLY}">{interactive}</div>'
        f'<div class="{PRINT_ONLY}"><p class="ct-caption">{html.escape(caption)}</p>'
        f"{static}</div>"
    )


def static_table(frame: pd.DataFrame, *, caption: str, html_columns: Iterable[str] = ()) -> str:
    """A plain escaped HTML table with a caption, for short tables on screen and in print."""
    table = escaped(frame, html_columns).to_html(
        index=False, escape=False, border=0, classes="ct-table"
    )
    return f'<p class="ct-caption">{html.escape(caption)}</p>{table}'


def source_status_summary(sources: pd.DataFrame) -> pd.DataFrame:
    """Per graded source with claims (the record, the yardstick, left out): its reliability and
    how many of its claims have each status, best grade first, ties by fewer contradicted."""
    seeds = sources[(sources["kind"] != OFFICIAL_RECORD_KIND) & (sources["n_claims"] > 0)]
    summary = pd.DataFrame(
        {
            "source_id": seeds["source_id"],
            "reliability": seeds["reliability"],
            **{status: seeds[f"n_{status}"].astype(int) for status in STATUS_ORDER},
            "total": seeds["n_claims"].astype(int),
        }
    )
    return summary.sort_values(
        ["reliability", "contradicted", "source_id"], kind="stable"
    ).reset_index(drop=True)


def readable_value(value: str, names: Mapping[str, str]) -> str:
    """A normalised value as a reader reads it: entity ids as canonical names, lists with
    commas ('anand; iwaya' -> 'Anita Anand, Takeshi Iwaya'), keys with spaces ('free_trade' ->
    'free trade')."""
    return ", ".join(names.get(item, item.replace("_", " ")) for item in split_list(value)) or value


_SIDE_ENTRY = re.compile(r"(.+?) \(([^()]*)\)(?: / |$)")


def conflict_sides(values: str, names: Mapping[str, str]) -> list[str]:
    """The sides of a conflict's `values` ('tokyo (record R12, rips) ≠ ottawa (mediawall)') as
    readable text ('Tokyo (record R12, rips)'); a side not in that form is kept as written."""
    sides = []
    for side in values.split(" ≠ "):
        entries = _SIDE_ENTRY.findall(side)
        if "".join(f"{v} ({w})" for v, w in entries) != side.replace(" / ", ""):
            sides.append(side)
            continue
        sides.append(" / ".join(f"{readable_value(v, names)} ({w})" for v, w in entries))
    return sides


def entity_names(entities: pd.DataFrame) -> dict[str, str]:
    """Entity id -> canonical name."""
    return dict(zip(entities["entity_id"], entities["canonical_name"], strict=True))


def conflict_sentence(conflict: object, event_title: str, names: Mapping[str, str]) -> str:
    """One plain sentence for a conflicts row: who disagrees on what, and what the record says."""
    what = conflict.attribute.replace("_", " ").replace(";", " /")
    if conflict.subject:
        what += f" of {names.get(conflict.subject, conflict.subject)}"
    sides = " vs ".join(conflict_sides(conflict.values, names))
    if conflict.scope == "internal":
        source = split_list(conflict.source_ids)[0]
        return f"{source} contradicts itself on the {what} of “{event_title}”: {sides}."
    who = (
        "Sources disagree"
        if conflict.scope == "between_sources"
        else "A source and the record disagree"
    )
    record = (
        f" The record supports {readable_value(conflict.record_supports, names)}."
        if conflict.record_supports
        else " The record is silent."
    )
    return f"{who} on the {what} of “{event_title}”: {sides}.{record}"


def findings_html(
    conflicts: pd.DataFrame,
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    entities: pd.DataFrame,
) -> str:
    """The conflicts as a list of sentences, each citing its claims by id and quote (HTML)."""
    if conflicts.empty:
        return "<p>No source disagrees with another or with the record on the selection.</p>"
    names = entity_names(entities)
    titles = dict(zip(timeline["event_id"], timeline["title"], strict=True))
    quotes = dict(zip(claims["claim_id"], claims["quote"], strict=True))
    items = []
    for conflict in conflicts.itertuples(index=False):
        sentence = conflict_sentence(
            conflict, titles.get(conflict.event_id, conflict.event_id), names
        )
        cited = "".join(
            f"<li><code>{html.escape(claim_id)}</code> “{html.escape(quotes[claim_id])}”</li>"
            for claim_id in split_list(conflict.claim_ids)
            if claim_id in quotes
        )
        items.append(f'<li>{html.escape(sentence)}<ul class="ct-cites">{cited}</ul></li>')
    return f'<ul class="ct-findings">{"".join(items)}</ul>'


@dataclass(frozen=True)
class Selection:
    """The assessment narrowed to a report's parameters; every notebook shows one of these."""

    claims: pd.DataFrame
    sources: pd.DataFrame
    conflicts: pd.DataFrame
    timeline: pd.DataFrame


def select(
    assessment: Assessment,
    *,
    sources: Sequence[str],
    date_from: str,
    date_to: str,
    min_credibility: int,
) -> Selection:
    """What a report shows: the claims, sources, conflicts and events its parameters select.

    A conflict is kept when its event is in the window and, with `sources` given, one of them
    takes part in it. Grades stay those of the whole corpus: a filter narrows the view, it does
    not re-grade."""
    timeline = select_timeline(
        assessment.timeline, sources=sources, date_from=date_from, date_to=date_to
    )
    claims = select_claims(
        assessment.claims,
        assessment.timeline,
        sources=sources,
        date_from=date_from,
        date_to=date_to,
        min_credibility=min_credibility,
    )
    conflicts = assessment.conflicts[assessment.conflicts["event_id"].isin(timeline["event_id"])]
    graded = assessment.sources
    if sources:
        involved = [bool(set(split_list(ids)) & set(sources)) for ids in conflicts["source_ids"]]
        conflicts = conflicts[involved]
        graded = graded[graded["source_id"].isin(sources)]
    return Selection(claims, graded, conflicts, timeline)


def key_figures(selection: Selection) -> str:
    """The counts a reader checks first, as plain lines (and what nbval compares)."""
    status = selection.claims["status"].value_counts()
    scope = selection.conflicts["scope"].value_counts()
    grades = ", ".join(
        f"{s} {g}"
        for s, g in zip(
            selection.sources["source_id"], selection.sources["reliability"], strict=True
        )
    )
    return "\n".join(
        [
            f"claims: {len(selection.claims)} "
            + "("
            + ", ".join(f"{s.replace('_', ' ')} {int(status.get(s, 0))}" for s in STATUS_ORDER)
            + ")",
            f"events: {len(selection.timeline)}, "
            f"of them disputed: {int(selection.timeline['conflict'].sum())}",
            f"conflicts: {len(selection.conflicts)} "
            + "("
            + ", ".join(
                f"{s.replace('_', ' ')} {int(scope.get(s, 0))}"
                for s in ("against_record", "between_sources", "internal")
            )
            + ")",
            f"reliability: {grades}",
        ]
    )


def grades_table(sources: pd.DataFrame) -> pd.DataFrame:
    """Each source's reliability grade, its meaning and the reason, best grade first."""
    ordered = sources.sort_values(["reliability", "source_id"], kind="stable")
    return pd.DataFrame(
        {
            "source": ordered["source_id"],
            "title": ordered["title"],
            "kind": ordered["kind"].str.replace("_", " "),
            "grade": [f"{g} {RELIABILITY_LABELS[g]}" for g in ordered["reliability"]],
            "reason": ordered["reason"],
            "origin group": ordered["origin_group"],
        }
    )


def timeline_table(timeline: pd.DataFrame) -> pd.DataFrame:
    """The events as a table: date as known, precision, who attests it, what is disputed."""
    return pd.DataFrame(
        {
            "date": timeline["date"].replace("", "unknown"),
            "precision": timeline["date_precision"],
            "event": timeline["title"],
            "milestone of": timeline["agreement"],
            "attested by": timeline["attesting_sources"].str.replace(";", ","),
            "independent origins": timeline["n_origins"],
            "disputed": timeline["disputed_attributes"].str.replace("_", " ").str.replace(";", ","),
        }
    )


def conflicts_table(conflicts: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """The conflicts as a table, in the words of the assessment's `detail`."""
    titles = dict(zip(timeline["event_id"], timeline["title"], strict=True))
    return pd.DataFrame(
        {
            "event": [titles.get(e, e) for e in conflicts["event_id"]],
            "attribute": conflicts["attribute"].str.replace("_", " "),
            "scope": conflicts["scope"].str.replace("_", " "),
            "values": conflicts["values"],
            "record supports": conflicts["record_supports"],
            "claims": conflicts["claim_ids"].str.replace(";", ","),
        }
    )


METHODS_HTML = """
<p>Every claim in the report is a row of <code>data/claims.csv</code> whose quote occurs exactly
once, character for character, in its seed document. Claims about one event and attribute are
compared with each other and with the official record (<code>data/reference.csv</code>): dates at
the coarser of the two precisions, names after resolving aliases, lists as sets. Analysis and
forecasts are judgements and are not checked. Sources that copy one another, or rely on one
outlet, form one <em>origin group</em>: corroboration counts origin groups, not documents.</p>
<p>Grades follow the Admiralty Code (NATO AJP-2.1, STANAG 2511). Two grades are judged apart:
<strong>information credibility</strong> (1 confirmed by other sources … 6 truth cannot be
judged) rates one claim from the evidence about it, never from who said it;
<strong>source reliability</strong> (A completely reliable … F cannot be judged) rates a source
from how its checkable claims fared and from its provenance (publisher, byline, date). The rules
below are read top to bottom; the first that applies gives the grade. They are printed from the
code that applies them, so they cannot drift apart.</p>
"""


def methods_html() -> str:
    """The methods section: how claims are compared and graded, then the rule tables."""
    table = grading_rules().rename(columns={"applies_when": "applies when"})
    return METHODS_HTML + static_table(table, caption="Grading rules, in the order applied")
