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
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from itables import to_html_datatable

from claimtrace.assess import Assessment, assess
from claimtrace.corpus import Corpus, load_corpus
from claimtrace.dates import start_of
from claimtrace.entities import JOINED_WITH, SET_ATTRIBUTES, role_held, split_list
from claimtrace.errors import ParameterError
from claimtrace.grading import CREDIBILITY_RULES, RELIABILITY_RULES, grading_rules
from claimtrace.origins import OFFICIAL_RECORD_KIND
from claimtrace.params import check_report_parameters

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
"""Characters of seed text shown on each side of a quote on screen."""
PRINT_CONTEXT_CHARS = 80
"""Characters of seed text shown on each side of a quote on paper, where space is dearer."""

UNTITLED = "(untitled)"
"""What a reader-facing table shows for a source without a title."""

EXPORT_HINT = "the CSV export has them all: claimtrace export DIR"
"""Where a reader finds the rows a report counts but does not list."""

LISTING_ORDER = (5, 4, 3, 2, 1, 6)
"""Credibility grades, least credible first; 6 (truth cannot be judged) last, because a claim
no one can check tells a reader less than one the evidence speaks against."""

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


def quote_in_context(
    seed: str, start: int, end: int, width: int = CONTEXT_CHARS, line_break: str = "<br>"
) -> str:
    """The quote marked up in `width` characters of its seed on each side, as escaped HTML.

    The window is widened to whole words and an ellipsis marks text cut on either side, so the
    reader sees the sentence the words come from, not only the words. A line break of the seed
    is written as `line_break` (HTML)."""
    before_at = max(0, start - width)
    while before_at > 0 and not seed[before_at - 1].isspace():
        before_at -= 1
    after_at = min(len(seed), end + width)
    while after_at < len(seed) and not seed[after_at].isspace():
        after_at += 1
    before = ("…" if before_at > 0 else "") + seed[before_at:start]
    after = seed[end:after_at] + ("…" if after_at < len(seed) else "")
    return (
        f'<span class="ct-context">{_html_text(before, line_break)}</span>'
        f"<mark>{_html_text(seed[start:end], line_break)}</mark>"
        f'<span class="ct-context">{_html_text(after, line_break)}</span>'
    )


_LINE_BREAKS = re.compile(r"[ \t]*(?:(?:\r\n?|\n)[ \t]*)+")


def _html_text(text: str, line_break: str) -> str:
    # A line break in the seed stays visible; pandas would print a raw one as "\\n".
    # A run of breaks (a blank line between paragraphs) is written as one.
    return line_break.join(html.escape(line) for line in _LINE_BREAKS.split(text))


def listed_claims(claims: pd.DataFrame, max_claims: int) -> pd.DataFrame:
    """The claims a report lists in full, at most `max_claims` of them: the least credible first
    (LISTING_ORDER), then by source and claim id. ParameterError if `max_claims` is below 1."""
    if isinstance(max_claims, bool) or not isinstance(max_claims, int) or max_claims < 1:
        raise ParameterError(f"max_claims: {max_claims!r} must be a whole number, at least 1")
    rank = claims["credibility"].map({grade: i for i, grade in enumerate(LISTING_ORDER)})
    return (
        claims.assign(_rank=rank)
        .sort_values(["_rank", "source_id", "claim_id"], kind="stable")
        .drop(columns="_rank")
        .head(max_claims)
    )


def listing_note(shown: int, total: int) -> str:
    """The sentence above a claim listing: how many are listed, and how they were chosen."""
    if shown >= total:
        return f"All {total:,} claims that match are listed."
    return (
        f"Showing {shown:,} of {total:,} claims that match; {EXPORT_HINT}. Listed: the least "
        "credible first (5 improbable, 4 doubtful … 1 confirmed, then 6 cannot be judged), "
        "then by source and claim id."
    )


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
            "attribute": claims["attribute"].str.replace("_", " "),
            "value": claims["value"],
            "kind": claims["kind"].str.replace("_", " "),
            "status": claims["status"].str.replace("_", " "),
            "credibility": [
                f"{grade} {CREDIBILITY_LABELS[grade]}" for grade in claims["credibility"]
            ],
            "why": claims["credibility_reason"].map(without_addresses),
            QUOTE_COLUMN: context,
        }
    )


def role_label(role: str, names: Mapping[str, str]) -> str:
    """A role key as a reader reads it: 'foreign_minister_canada' -> "Canada's foreign
    minister" when the key ends in an entity id, else the key with spaces."""
    parts = role.split("_")
    for cut in range(1, len(parts)):
        holder = "_".join(parts[cut:])
        name = names.get(holder) or names.get(holder.replace("_", "-"))
        if name:
            return f"{name}'s {' '.join(parts[:cut])}"
    return role.replace("_", " ")


def claim_statement(claim: object, names: Mapping[str, str]) -> str:
    """'place = Ottawa', "role of Mélanie Joly = Canada's foreign minister": what a claim says,
    in names, not ids; '' for a claim without an attribute."""
    if not claim.attribute:
        return ""
    what = claim.attribute.replace("_", " ")
    if claim.subject:
        what += f" of {names.get(claim.subject, claim.subject)}"
    if not claim.value:
        return f"{what}: (not normalised)"
    shown = (
        role_label(claim.value, names)
        if claim.attribute == "role"
        else readable_value(claim.value_normalised or claim.value, names)
    )
    return f"{what} = {shown}"


def claim_cards(
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    sources: pd.DataFrame,
    seeds: Mapping[str, str],
    entities: pd.DataFrame,
    reference: pd.DataFrame,
) -> str:
    """The claims for print, one compact card each, under a heading per source (HTML).

    A card is one line (claim · source · event · what it says · kind · credibility), the reason
    for its grade, and the quote marked in PRINT_CONTEXT_CHARS of its seed on each side. Sources
    come in id order, a source's claims in the order they appear in its document."""
    names = entity_names(entities)
    names = {**list_labels(reference, names), **names}
    titles = dict(zip(timeline["event_id"], timeline["title"], strict=True))
    described = sources.set_index("source_id")
    groups = []
    for source_id, mine in claims.sort_values(["source_id", "start"]).groupby(
        "source_id", sort=True
    ):
        about = described.loc[source_id] if source_id in described.index else None
        heading = source_id
        if about is not None:
            heading += f" — {about['title'] or UNTITLED} · reliability {about['reliability']}"
        cards = "".join(
            _card(claim, titles, names, seeds[source_id]) for claim in mine.itertuples(index=False)
        )
        count = f"{len(mine)} claim{'s' if len(mine) != 1 else ''} listed"
        groups.append(
            f'<section class="ct-card-group"><h3 class="ct-card-source">{html.escape(heading)}'
            f' <span class="ct-card-count">({count})</span></h3>{cards}</section>'
        )
    return f'<div class="ct-cards">{"".join(groups)}</div>'


def _card(claim: object, titles: Mapping[str, str], names: Mapping[str, str], seed: str) -> str:
    event = f"“{titles.get(claim.event_id, claim.event_id)}”" if claim.event_id else "no event"
    head = [
        f"<strong>{html.escape(claim.claim_id)}</strong>",
        html.escape(claim.source_id),
        html.escape(event),
        html.escape(claim_statement(claim, names)),
        html.escape(claim.kind.replace("_", " ")),
        f"credibility {claim.credibility} ({html.escape(CREDIBILITY_LABELS[claim.credibility])})",
    ]
    quote = quote_in_context(
        seed, int(claim.start), int(claim.end), PRINT_CONTEXT_CHARS, line_break=" ¶ "
    )
    return (
        f'<div class="ct-card"><p class="ct-card-head">{" · ".join(p for p in head if p)}</p>'
        f'<p class="ct-card-why">{html.escape(without_addresses(claim.credibility_reason))}</p>'
        f'<p class="ct-card-quote">{quote}</p></div>'
    )


def claims_listing(
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    sources: pd.DataFrame,
    seeds: Mapping[str, str],
    entities: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    max_claims: int,
) -> str:
    """The claims a report lists (listed_claims), with the note saying which: as a searchable
    table on screen, as cards grouped by source in print (HTML)."""
    listed = listed_claims(claims, max_claims)
    note = f'<p class="ct-note">{html.escape(listing_note(len(listed), len(claims)))}</p>'
    screen = interactive_table(
        claims_table(listed, timeline, seeds),
        caption="Claims with their quotes in context",
        html_columns=[QUOTE_COLUMN],
    )
    cards = claim_cards(listed, timeline, sources, seeds, entities, reference)
    return f'{note}{screen}<div class="{PRINT_ONLY}">{cards}</div>'


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


def interactive_table(
    frame: pd.DataFrame, *, caption: str, html_columns: Iterable[str] = (), page_length: int = 10
) -> str:
    """The table as an itables explorer (offline), shown on screen only.

    Every cell is escaped here except `html_columns`, which must already be safe
    (quote_in_context)."""
    explorer = to_html_datatable(
        escaped(frame, html_columns),
        caption=html.escape(caption),
        allow_html=True,
        showIndex=False,
        pageLength=page_length,
        maxBytes=0,
        classes="display compact",
        display_logo_when_loading=False,
    )
    return f'<div class="{SCREEN_ONLY}">{explorer}</div>'


def dual_table(
    frame: pd.DataFrame, *, caption: str, html_columns: Iterable[str] = (), page_length: int = 10
) -> str:
    """One table twice: interactive (itables, offline) for the screen and static for print.

    The template shows `.screen-only` on screen and `.print-only` in print. Every cell is
    escaped here except `html_columns`, which must already be safe (quote_in_context)."""
    interactive = interactive_table(
        frame, caption=caption, html_columns=html_columns, page_length=page_length
    )
    static = static_table(frame, caption=caption, html_columns=html_columns)
    return f'{interactive}<div class="{PRINT_ONLY}">{static}</div>'


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


def entity_names(entities: pd.DataFrame) -> dict[str, str]:
    """Entity id -> canonical name."""
    return dict(zip(entities["entity_id"], entities["canonical_name"], strict=True))


FINDINGS_LIMIT = 25
"""Most conflicts a report writes out; the rest are counted."""
SCOPE_ORDER = ("against_record", "between_sources", "internal")
SCOPE_LABELS = {
    "against_record": "against the record",
    "between_sources": "between sources",
    "internal": "within one source",
}
ATTRIBUTE_LABELS = {"agreement_name": "name of the agreement"}
"""Attribute names as a sentence uses them, where replacing '_' by ' ' is not enough."""

_SIDE_ENTRY = re.compile(r"(.+?) \(([^()]*)\)(?: / |$)")
_RECORD_LIST = re.compile(r" — ([a-z][a-z ]*): (.+)$")
_ADDRESS = re.compile(r"https?://(?:www\.)?([^/\s()]+)[^\s()]*")


@dataclass(frozen=True)
class Wording:
    """What turns ids into words: entity names, event titles and dates, the record's rows."""

    names: Mapping[str, str]
    titles: Mapping[str, str]
    dates: Mapping[str, str]
    entities: pd.DataFrame
    reference: pd.DataFrame


def wording(timeline: pd.DataFrame, entities: pd.DataFrame, reference: pd.DataFrame) -> Wording:
    """The words for the ids of one assessment's timeline, entities and record."""
    return Wording(
        names=entity_names(entities),
        titles=dict(zip(timeline["event_id"], timeline["title"], strict=True)),
        dates=dict(zip(timeline["event_id"], timeline["date"], strict=True)),
        entities=entities,
        reference=reference,
    )


def conflict_sides(values: str) -> list[list[tuple[str, list[str]]]] | None:
    """A conflict's `values` ('ottawa (mediawall) ≠ tokyo (record R12+R13, rips)') as sides of
    (value, who says it) entries; None when it is not in that form."""
    sides = []
    for side in values.split(" ≠ "):
        entries = _SIDE_ENTRY.findall(side)
        if "".join(f"{v} ({w})" for v, w in entries) != side.replace(" / ", ""):
            return None
        sides.append([(value, [w.strip() for w in who.split(",")]) for value, who in entries])
    return sides


def citation(basis: str) -> str:
    """A record id or address as cited in a sentence: 'R14' -> 'record R14', an address -> its
    host name ('theglobeandmail.com'); '(start)'-style notes dropped."""
    cited = re.sub(r"\s*\([^()]*\)$", "", basis.strip())
    host = _ADDRESS.fullmatch(cited)
    if host:
        return host.group(1)
    return "record " + ", ".join(cited.split("+")) if cited else ""


def without_addresses(text: str) -> str:
    """Web addresses in a sentence shortened to their host names: a reader cannot follow a link
    on paper, and a long address breaks the line it is in."""
    return _ADDRESS.sub(r"\1", text)


NAMED_IN_A_SENTENCE = 6
"""Most sources or items a sentence names; the rest are counted ('and 12 others')."""


def _joined(words: Sequence[str]) -> str:
    words = list(dict.fromkeys(w for w in words if w))
    if len(words) > NAMED_IN_A_SENTENCE:
        rest = len(words) - NAMED_IN_A_SENTENCE + 1
        words = [*words[: NAMED_IN_A_SENTENCE - 1], f"{rest:,} others"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _verb(singular: str, subjects: Sequence[str]) -> str:
    """'lists' for one subject, 'list' for several."""
    return singular if len(set(subjects)) == 1 else singular.removesuffix("s")


def _who(labels: Sequence[str]) -> str:
    """'record R12+R13', 'rips' -> 'the record (R12, R13) and rips'."""
    return _joined(
        [
            f"the record ({', '.join(label.removeprefix('record ').split('+'))})"
            if label.startswith("record ")
            else label
            for label in labels
        ]
    )


def _attribute_phrase(attribute: str, subject: str, names: Mapping[str, str]) -> str:
    what = " and ".join(ATTRIBUTE_LABELS.get(a, a.replace("_", " ")) for a in split_list(attribute))
    return what + (f" of {names.get(subject, subject)}" if subject else "")


def _some(n: int) -> str:
    return number_word(n) if n else "none"


def _record_rows(conflict: object, reference: pd.DataFrame) -> pd.DataFrame:
    ids = {part for chunk in split_list(conflict.record_ids) for part in chunk.split("+")}
    return reference[reference["record_id"].isin(ids)]


def record_list_words(record: object, names: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """A record row's list in its own words: the noun it uses ('priorities') and each key's
    label ('energy_security' -> 'energy security'), from `record_text` ('… — priorities:
    1 rule of law | 2 …') when it numbers one label per key, else from entity names."""
    keys = split_list(record.value)
    noun = record.attribute.replace("_", " ")
    found = _RECORD_LIST.search(record.record_text)
    labels: dict[str, str] = {}
    if found:
        noun = found.group(1)
        parts = [re.sub(r"^\d+\s+", "", part.strip()) for part in found.group(2).split(" | ")]
        if len(parts) == len(keys) > 1:
            labels = dict(zip(keys, parts, strict=True))
    return noun, {key: labels.get(key) or names.get(key, key.replace("_", " ")) for key in keys}


def list_labels(reference: pd.DataFrame, names: Mapping[str, str]) -> dict[str, str]:
    """List key -> the record's own words for it ('peacekeeping_hadr' -> 'peacekeeping
    operations and peacebuilding; …'), from every list the record gives."""
    labels: dict[str, str] = {}
    for record in reference[reference["attribute"].isin(SET_ATTRIBUTES)].itertuples(index=False):
        labels.update(record_list_words(record, names)[1])
    return labels


def _list_finding(conflict: object, claims: pd.DataFrame, words: Wording) -> str | None:
    """'cips lists five of the record's six priorities for “…”; missing: energy security
    (record R07)', for list claims against a record list."""
    records = _record_rows(conflict, words.reference)
    records = records[records["attribute"].isin(["items", *split_list(conflict.attribute)])]
    listed = claims[claims["attribute"].isin(["items", "includes", "signatories", "participants"])]
    if len(records) != 1 or listed.empty:
        return None
    record = next(records.itertuples(index=False))
    noun, labels = record_list_words(record, words.names)
    expected = split_list(record.value)
    title = words.titles.get(conflict.event_id, conflict.event_id)
    parts = []
    for value, given in listed.groupby("value_normalised", sort=False):
        members = split_list(value)
        shown = [labels.get(m) or words.names.get(m, m.replace("_", " ")) for m in members]
        extra = [name for m, name in zip(members, shown, strict=True) if m not in expected]
        missing = [labels[k] for k in expected if k not in members]
        who = _joined(list(given["source_id"]))
        if (given["attribute"] == "includes").all():
            includes = _verb("includes", given["source_id"])
            parts.append(
                f"{who} {includes} {_joined(extra)} among the {noun} of “{title}”, which the "
                "record's list does not have"
            )
            continue
        kept = len(expected) - len(missing)
        sentence = (
            f"{who} {_verb('lists', given['source_id'])} {_some(kept)} of the record's "
            f"{number_word(len(expected))} {noun} for “{title}”"
        )
        if missing:
            sentence += f"; missing: {', '.join(missing)}"
        if extra:
            sentence += f"; not in the record: {', '.join(extra)}"
        parts.append(sentence)
    return "; ".join(parts) + f" ({citation(record.record_id)})."


def _count_finding(conflict: object, claims: pd.DataFrame, words: Wording) -> str | None:
    """'cips contradicts itself about “…”: it counts six priorities but lists five; the record
    has six (record R07)', for a source's count against its own list."""
    counts = claims[claims["attribute"] == "count"]
    lists = claims[claims["attribute"] == "items"]
    if counts.empty or lists.empty:
        return None
    records = _record_rows(conflict, words.reference)
    records = records[records["attribute"] == "items"]
    noun = "items"
    record_clause = ""
    if len(records) == 1:
        record = next(records.itertuples(index=False))
        noun = record_list_words(record, words.names)[0]
        n = len(split_list(record.value))
        record_clause = f"; the record has {number_word(n)} ({citation(record.record_id)})"
    said = _joined([_number_text(v) for v in counts["value_normalised"]])
    given = _joined([number_word(len(split_list(v))) for v in lists["value_normalised"]])
    title = words.titles.get(conflict.event_id, conflict.event_id)
    return (
        f"{_joined(sorted(set(claims['source_id'])))} contradicts itself about “{title}”: it "
        f"counts {said} {noun} but lists {given}{record_clause}."
    )


def _number_text(value: str) -> str:
    return number_word(int(value)) if value.isdigit() else value


def _role_finding(conflict: object, claims: pd.DataFrame, words: Wording) -> str | None:
    """'mediawall names Mélanie Joly as Canada's foreign minister at “…” (2025-07-08); Mélanie
    Joly held that post from 2021-10-26 to 2025-05-13, and Anita Anand held it on that date
    (record R14; theglobeandmail.com)'."""
    on = words.dates.get(conflict.event_id, "")
    if not conflict.subject or not on or claims.empty:
        return None
    entities = words.entities
    parts = []
    bases: list[str] = []
    person = words.names.get(conflict.subject, conflict.subject)
    for role, given in claims.groupby("value_normalised", sort=False):
        held = entities[(entities["entity_id"] == conflict.subject) & (entities["role"] == role)]
        spans = _joined(
            [
                f"from {start or 'an unknown date'} to {end or 'today'}"
                for start, end in zip(held["role_start"], held["role_end"], strict=True)
            ]
        )
        with_role = entities[entities["role"] == role]
        holders = with_role[
            [role_held(entities, e, role, on) is True for e in with_role["entity_id"]]
        ]
        then = (
            f", and {_joined([words.names.get(h, h) for h in holders['entity_id']])} held it on "
            "that date"
            if not holders.empty
            else ""
        )
        bases += [
            b for basis in (*held["role_basis"], *holders["role_basis"]) for b in split_list(basis)
        ]
        title = words.titles.get(conflict.event_id, conflict.event_id)
        parts.append(
            f"{_joined(list(given['source_id']))} {_verb('names', given['source_id'])} {person} as "
            f"{role_label(role, words.names)} at “{title}” ({on}); {person} held that post "
            f"{spans}{then}"
        )
    cited = "; ".join(dict.fromkeys(citation(b) for b in bases))
    return "; ".join(parts) + (f" ({cited})." if cited else ".")


def _values_finding(conflict: object, words: Wording) -> str:
    """'For “…”, mediawall gives the place as Ottawa; the record (R12, R13) and rips give
    Tokyo.'"""
    what = _attribute_phrase(conflict.attribute, conflict.subject, words.names)
    title = words.titles.get(conflict.event_id, conflict.event_id)
    sides = conflict_sides(conflict.values)
    if sides is None:
        return f"For “{title}”, the sources disagree on the {what}: " + (
            conflict.values.replace("_", " ") + "."
        )
    said = [
        (_who(labels), len(labels) == 1, readable_value(value, words.names))
        for side in sides
        for value, labels in side
    ]
    first_who, alone, first_value = said[0]
    text = f"{first_who} {'gives' if alone else 'give'} the {what} as {first_value}"
    text += "".join(f"; {who} {'gives' if one else 'give'} {value}" for who, one, value in said[1:])
    silent = " The record is silent." if conflict.scope == "between_sources" else ""
    return f"For “{title}”, {text}.{silent}"


def conflict_sentence(conflict: object, claims: pd.DataFrame, words: Wording) -> str:
    """One plain sentence for a conflicts row, in names and titles, citing record ids: who says
    what, and what the record says. `claims` are the conflict's own claims."""
    attributes = set(split_list(conflict.attribute))
    sentence = None
    if conflict.scope == "internal" and "count" in attributes:
        sentence = _count_finding(conflict, claims, words)
    elif attributes == {"role"}:
        sentence = _role_finding(conflict, claims, words)
    elif attributes & SET_ATTRIBUTES and conflict.scope == "against_record":
        sentence = _list_finding(conflict, claims, words)
    return sentence or _values_finding(conflict, words)


def listed_conflicts(
    conflicts: pd.DataFrame, timeline: pd.DataFrame, limit: int = FINDINGS_LIMIT
) -> pd.DataFrame:
    """The conflicts a report writes out, at most `limit`: against the record first, then between
    sources, then within one source; within each, oldest event first."""
    position = {e: i for i, e in enumerate(in_date_order(timeline)["event_id"])}
    ranked = conflicts.assign(
        _scope=conflicts["scope"].map(SCOPE_ORDER.index),
        _when=conflicts["event_id"].map(position).fillna(len(position)),
    )
    return (
        ranked.sort_values(["_scope", "_when", "conflict_id"], kind="stable")
        .drop(columns=["_scope", "_when"])
        .head(limit)
    )


def conflicts_note(shown: int, total: int) -> str:
    """The sentence saying which conflicts are written out, when not all of them are (HTML)."""
    if shown >= total:
        return ""
    return (
        f'<p class="ct-note">Showing {shown:,} of {total:,} conflicts: against the record first, '
        f"then between sources, then within one source, oldest event first; "
        f"{html.escape(EXPORT_HINT)}.</p>"
    )


def findings_html(
    conflicts: pd.DataFrame,
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    entities: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    limit: int = FINDINGS_LIMIT,
) -> str:
    """The conflicts as a list of sentences, each citing its claims by id and quote (HTML); at
    most `limit` of them (listed_conflicts), with a note when there are more."""
    if conflicts.empty:
        return "<p>No source disagrees with another or with the record on the selection.</p>"
    words = wording(timeline, entities, reference)
    listed = listed_conflicts(conflicts, timeline, limit)
    by_id = claims.set_index("claim_id", drop=False)
    items = []
    for conflict in listed.itertuples(index=False):
        cited_ids = [c for c in split_list(conflict.claim_ids) if c in by_id.index]
        sentence = conflict_sentence(conflict, by_id.loc[cited_ids], words)
        cited = "".join(
            f"<li><code>{html.escape(claim_id)}</code> "
            f"“{html.escape(by_id.at[claim_id, 'quote'])}”</li>"
            for claim_id in cited_ids
        )
        items.append(f'<li>{html.escape(sentence)}<ul class="ct-cites">{cited}</ul></li>')
    return conflicts_note(len(listed), len(conflicts)) + (
        f'<ul class="ct-findings">{"".join(items)}</ul>'
    )


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


class Report(NamedTuple):
    """What a notebook works from: the corpus, its assessment, and the parameters' selection."""

    corpus: Corpus
    assessment: Assessment
    view: Selection


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
    return Report(corpus, assessment, select(assessment, sources=sources, **window))


KEY_FIGURE_SOURCES = 12
"""Most sources whose grades key_figures names one by one; beyond, it counts sources per grade."""


def key_figures(selection: Selection) -> str:
    """The counts a reader checks first, as plain lines (and what nbval compares)."""
    status = selection.claims["status"].value_counts()
    scope = selection.conflicts["scope"].value_counts()
    graded = selection.sources
    if len(graded) <= KEY_FIGURE_SOURCES:
        grades = ", ".join(
            f"{s} {g}" for s, g in zip(graded["source_id"], graded["reliability"], strict=True)
        )
    else:
        per_grade = graded["reliability"].value_counts().sort_index()
        grades = f"{len(graded):,} sources, " + ", ".join(
            f"{grade} {n:,}" for grade, n in per_grade.items()
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
            + ", ".join(f"{s.replace('_', ' ')} {int(scope.get(s, 0))}" for s in SCOPE_ORDER)
            + ")",
            f"reliability: {grades}",
        ]
    )


@dataclass(frozen=True)
class Shown:
    """The rows a report shows of a longer frame, and the note saying which (HTML; empty when
    every row is shown)."""

    rows: pd.DataFrame
    note: str


SOURCES_LIMIT = 15
"""Most sources drawn or tabled one by one: a chart of more is taller than a page."""
EVENTS_LIMIT = 24
"""Most dated events the timeline draws: more would not fit one page."""
TABLE_EVENTS_LIMIT = 60
"""Most events the events table lists."""
MATRIX_EVENTS = 26
MATRIX_SOURCES = 12
"""Most events (rows) and sources (columns) of the sources-by-events chart."""


def _note(text: str) -> str:
    return f'<p class="ct-note">{html.escape(text)}</p>'


def busiest_sources(sources: pd.DataFrame, limit: int = SOURCES_LIMIT) -> Shown:
    """The `limit` graded sources with the most claims (ties by id), in their given order."""
    if len(sources) <= limit:
        return Shown(sources, "")
    kept = sources.sort_values(["n_claims", "source_id"], ascending=[False, True]).head(limit)
    note = (
        f"Showing {limit} of {len(sources):,} sources: those with the most claims; {EXPORT_HINT}."
    )
    return Shown(sources[sources["source_id"].isin(kept["source_id"])], _note(note))


def claims_per_source_or_grade(
    claims: pd.DataFrame, sources: pd.DataFrame, limit: int = SOURCES_LIMIT
) -> Shown:
    """The claims as drawn per source: by source up to `limit` sources; beyond, summed per
    reliability grade of their source ('312 sources graded C'), so every claim is still drawn
    and no bar dwarfs the others."""
    per_source = claims["source_id"].nunique()
    if per_source <= limit:
        return Shown(claims, "")
    grade_of = dict(zip(sources["source_id"], sources["reliability"], strict=True))
    grades = claims["source_id"].map(grade_of).fillna("?")
    n_sources = claims.groupby(grades)["source_id"].nunique()
    labels = {g: f"{n:,} sources graded {g}" for g, n in n_sources.items()}
    note = (
        f"{per_source:,} sources are too many to draw one by one: their claims are summed per "
        "source reliability grade, one bar per grade."
    )
    return Shown(claims.assign(source_id=grades.map(labels)), _note(note))


def _event_priority(timeline: pd.DataFrame) -> pd.DataFrame:
    """The events most worth showing first: disputed milestones, other milestones, other disputed
    events, the rest; then the most independent origins; then oldest first."""
    milestone = timeline["agreement"] != ""
    rank = (~(milestone & timeline["conflict"])).astype(int) + (~milestone).astype(int) * 2
    rank -= (~milestone & timeline["conflict"]).astype(int)
    ordered = in_date_order(timeline)
    position = {e: i for i, e in enumerate(ordered["event_id"])}
    return timeline.assign(
        _rank=rank, _origins=-timeline["n_origins"], _when=timeline["event_id"].map(position)
    ).sort_values(["_rank", "_origins", "_when"], kind="stable")


_EVENT_RULE = (
    "agreement milestones and disputed events first, then those attested by the most "
    "independent origins"
)


ATTESTING_NAMED = 5
"""Most attesting sources a chart note or table cell names; beyond, the rest are counted."""


def _in_short(names: Sequence[str], separator: str, keep: int = ATTESTING_NAMED) -> str:
    if len(names) > keep:
        names = [*names[: keep - 1], f"{len(names) - keep + 1} more"]
    return separator.join(names)


def attesting_in_short(attesting: str, keep: int = ATTESTING_NAMED) -> str:
    """An `attesting_sources` list cut to `keep` names, the rest counted as one more item
    ('a; b; c; d; 31 more'), so a label stays one line however many sources attest."""
    return _in_short(split_list(attesting), JOINED_WITH, keep)


def charted_events(timeline: pd.DataFrame, limit: int = EVENTS_LIMIT) -> Shown:
    """The events the timeline chart draws: every undated one (the chart counts them) and at most
    `limit` dated ones, chosen by _event_priority; attesting sources cut by attesting_in_short."""
    short = timeline.assign(attesting_sources=timeline["attesting_sources"].map(attesting_in_short))
    dated = short["date"] != ""
    if dated.sum() <= limit:
        return Shown(short, "")
    kept = set(_event_priority(short[dated]).head(limit)["event_id"])
    note = f"Drawn: {limit} of {int(dated.sum()):,} dated events, {_EVENT_RULE}; {EXPORT_HINT}."
    return Shown(short[short["event_id"].isin(kept) | ~dated], _note(note))


def listed_events(timeline: pd.DataFrame, limit: int = TABLE_EVENTS_LIMIT) -> Shown:
    """At most `limit` events, chosen by _event_priority, in date order."""
    if len(timeline) <= limit:
        return Shown(timeline, "")
    kept = set(_event_priority(timeline).head(limit)["event_id"])
    note = f"Showing {limit} of {len(timeline):,} events: {_EVENT_RULE}; {EXPORT_HINT}."
    return Shown(timeline[timeline["event_id"].isin(kept)], _note(note))


def matrix_view(
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    max_events: int = MATRIX_EVENTS,
    max_sources: int = MATRIX_SOURCES,
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The claims and events the sources-by-events chart draws, and the note saying which:
    the `max_events` events with the most claims, then the `max_sources` sources with the most
    claims on them (ties by date and id)."""
    about = claims[claims["event_id"] != ""]
    per_event = about["event_id"].value_counts()
    per_source = about["source_id"].value_counts()
    if len(per_event) <= max_events and len(per_source) <= max_sources:
        return claims, timeline, ""
    position = {e: i for i, e in enumerate(in_date_order(timeline)["event_id"])}
    events = sorted(per_event.index, key=lambda e: (-per_event[e], position.get(e, 0), e))
    events = events[:max_events]
    on_them = about[about["event_id"].isin(events)]["source_id"].value_counts()
    sources = sorted(on_them.index, key=lambda s: (-on_them[s], s))[:max_sources]
    kept = about[about["event_id"].isin(events) & about["source_id"].isin(sources)]
    note = (
        f"Drawn: the {len(events)} of {len(per_event):,} events with the most claims, and the "
        f"{len(sources)} of {len(per_source):,} sources with the most claims about them; "
        f"{EXPORT_HINT}."
    )
    return kept, timeline[timeline["event_id"].isin(events)], _note(note)


def grades_table(sources: pd.DataFrame) -> pd.DataFrame:
    """Each source's reliability grade, its meaning and the reason, best grade first."""
    ordered = sources.sort_values(["reliability", "source_id"], kind="stable")
    return pd.DataFrame(
        {
            "source": ordered["source_id"],
            "title": ordered["title"].replace("", UNTITLED),
            "kind": ordered["kind"].str.replace("_", " "),
            "grade": [f"{g} {RELIABILITY_LABELS[g]}" for g in ordered["reliability"]],
            "reason": ordered["reason"],
            "origin group": [_in_short(g.split("+"), ", ") for g in ordered["origin_group"]],
        }
    )


def timeline_table(timeline: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """The events as a table: date as known, precision, who attests it, what is disputed."""
    names = entity_names(entities)
    return pd.DataFrame(
        {
            "date": timeline["date"].replace("", "unknown"),
            "precision": timeline["date_precision"],
            "event": timeline["title"],
            "milestone of": [names.get(a, a) for a in timeline["agreement"]],
            "attested by": [
                attesting_in_short(a).replace(";", ",") for a in timeline["attesting_sources"]
            ],
            "independent origins": timeline["n_origins"],
            "disputed": [
                ", ".join(ATTRIBUTE_LABELS.get(a, a.replace("_", " ")) for a in split_list(d))
                for d in timeline["disputed_attributes"]
            ],
        }
    )


def conflicts_table(
    conflicts: pd.DataFrame,
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    entities: pd.DataFrame,
    reference: pd.DataFrame,
) -> pd.DataFrame:
    """The conflicts as a table: who disagrees, the finding in names and titles, the claims."""
    words = wording(timeline, entities, reference)
    by_id = claims.set_index("claim_id", drop=False)
    findings = [
        conflict_sentence(
            conflict,
            by_id.loc[[c for c in split_list(conflict.claim_ids) if c in by_id.index]],
            words,
        )
        for conflict in conflicts.itertuples(index=False)
    ]
    return pd.DataFrame(
        {
            "disagreement": conflicts["scope"].map(SCOPE_LABELS),
            "finding": findings,
            "claims": conflicts["claim_ids"].str.replace(";", ","),
        }
    )


def conflicts_listing(
    conflicts: pd.DataFrame,
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    entities: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    limit: int = FINDINGS_LIMIT,
) -> str:
    """The conflicts as a table, searchable on screen and static in print: at most `limit`
    (listed_conflicts), with a note when there are more (HTML)."""
    listed = listed_conflicts(conflicts, timeline, limit)
    table = conflicts_table(listed, claims, timeline, entities, reference)
    return conflicts_note(len(listed), len(conflicts)) + dual_table(
        table, caption="Every conflict found" if len(listed) == len(conflicts) else "Conflicts"
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
