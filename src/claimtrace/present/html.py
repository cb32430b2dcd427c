"""HTML for the report: quotes in their seed context, escaped tables for screen and print,
claim cards, and the methods section. Every value from the data is escaped here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
from itables import to_html_datatable

from claimtrace.judge.grading import CREDIBILITY_RULES
from claimtrace.judge.judged import Row
from claimtrace.judge.reliability import RELIABILITY_RULES
from claimtrace.present.estimates import estimates_table
from claimtrace.present.table_behaviour import BEHAVIOUR
from claimtrace.present.wording import (
    KIND_WORDS,
    UNTITLED,
    Wording,
    counted,
    dates_in_words,
    reliability_words,
)

SCREEN_ONLY = "screen-only"
PRINT_ONLY = "print-only"
"""Class names the report template hides in print and on screen respectively."""
TABLE_STYLE = (
    f"<style>@media screen {{ .{PRINT_ONLY} {{ display: none; }} }}"
    f"@media print {{ .{SCREEN_ONLY} {{ display: none !important; }} }}"
    "table.dataTable tfoot input { width: 100%; box-sizing: border-box; }</style>"
)
"""What each interactive table brings along, since a notebook in JupyterLab has no report
template: the same hiding of the paper copy on screen and of the table in print, and column
filters that fit their columns (a text box's own width would widen every column)."""


CONTEXT_CHARS = 160
"""Characters of seed text shown on each side of a quote on screen."""
PRINT_CONTEXT_CHARS = 80
"""Characters of seed text shown on each side of a quote on paper, where space is dearer."""


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


def gloss_html(gloss: str) -> str:
    """The curators' English for a quote in another language, to show beside it (HTML), or
    nothing for a quote in English."""
    if not gloss:
        return ""
    return f'<span class="ct-gloss">In English: “{html.escape(gloss)}”</span>'


_LINE_BREAKS = re.compile(r"[ \t]*(?:(?:\r\n?|\n)[ \t]*)+")


def _html_text(text: str, line_break: str) -> str:
    # A line break in the seed stays visible; pandas would print a raw one as "\\n".
    # A run of breaks (a blank line between paragraphs) is written as one.
    return line_break.join(html.escape(line) for line in _LINE_BREAKS.split(text))


def claim_cards(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    seeds: Mapping[str, str],
    words: Wording,
    says: Callable[[Row], str],
    why: Callable[[Row], str],
    verdict: Callable[[Row], str],
) -> str:
    """The claims for print, one compact card each, under a heading per source (HTML).

    A card is one line (claim · what it says · kind · verdict and grade), why it has its
    grade, the curators' reading where they noted one, and the quote marked in
    PRINT_CONTEXT_CHARS of its seed on each side. Sources come in the order of their names, a
    source's claims in the order they appear in its document. `says`, `why` and `verdict` word
    a claim, why it has its grade, and its verdict with the grade."""
    described = sources.set_index("source_id")
    in_selection = claims["source_id"].value_counts()
    groups = []
    ordered = claims.assign(_name=claims["source_id"].map(words.source))
    for source_id, mine in ordered.sort_values(["_name", "start"]).groupby("_name", sort=True):
        source_id = mine["source_id"].iloc[0]
        heading = words.source_introduced(source_id)
        if source_id in described.index:
            about = described.loc[source_id]
            over = (
                f" over all its {about['n_claims']:,} claims"
                if about["n_claims"] != in_selection[source_id]
                else ""
            )
            heading += (
                f" — {about['title'] or UNTITLED} · graded "
                f"{reliability_words(about['reliability'])}{over}"
            )
        cards = "".join(
            _card(claim, seeds[source_id], (says, why, verdict))
            for claim in mine.itertuples(index=False)
        )
        count = counted(len(mine), "claim") + " listed"
        groups.append(
            f'<section class="ct-card-group"><h3 class="ct-card-source">{html.escape(heading)}'
            f' <span class="ct-card-count">({count})</span></h3>{cards}</section>'
        )
    return f'<div class="ct-cards">{"".join(groups)}</div>'


def _card(claim: Row, seed: str, wordings: tuple[Callable[[Row], str], ...]) -> str:
    says, why, verdict = wordings
    head = [
        f"<strong>{html.escape(claim.claim_id)}</strong>",
        html.escape(says(claim)),
        html.escape(KIND_WORDS[claim.kind]),
        html.escape(verdict(claim)),
    ]
    quote = quote_in_context(
        seed, int(claim.start), int(claim.end), PRINT_CONTEXT_CHARS, line_break=" ¶ "
    )
    reading = (
        f'<p class="ct-card-why">Curators\' reading: {html.escape(dates_in_words(claim.note))}</p>'
        if claim.note
        else ""
    )
    return (
        f'<div class="ct-card"><p class="ct-card-head">{" · ".join(head)}</p>'
        f'<p class="ct-card-why">{html.escape(why(claim))}</p>{reading}'
        f'<p class="ct-card-quote">{quote}</p>{_paragraph(gloss_html(claim.gloss))}</div>'
    )


def _paragraph(content: str) -> str:
    return f'<p class="ct-card-gloss">{content}</p>' if content else ""


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
    frame: pd.DataFrame,
    *,
    caption: str,
    html_columns: Iterable[str] = (),
    page_length: int = 10,
    column_widths: Sequence[str] = (),
    column_defs: Sequence[Mapping[str, object]] = (),
) -> str:
    """The table as an itables explorer (offline), shown on screen only, behaving as
    table_behaviour says (sorted from anywhere on a header, a filter per column).

    Every cell is escaped here except `html_columns`, which must already be safe
    (quote_in_context). `column_widths` fix the columns' shares of the table's width, so a
    long column cannot squeeze the others and the table never scrolls sideways; `column_defs`
    are further DataTables column definitions (table_behaviour.grade_in_words)."""
    widths = [{"width": width, "targets": i} for i, width in enumerate(column_widths)]
    sized: dict[str, Any] = {"autoWidth": False} if column_widths else {}
    if widths or column_defs:
        sized["columnDefs"] = [*widths, *column_defs]
    explorer = to_html_datatable(
        escaped(frame, html_columns),
        caption=html.escape(caption),
        allow_html=True,
        showIndex=False,
        pageLength=page_length,
        maxBytes=0,
        classes="display compact ct-explorer" if column_widths else "display compact",
        display_logo_when_loading=False,
        **BEHAVIOUR,
        **sized,
    )
    return f'{TABLE_STYLE}<div class="{SCREEN_ONLY}">{explorer}</div>'


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


METHODS_HTML = """
<p>Every claim in the report is a row of the curated claims table whose quote occurs exactly
once, character for character, in its source's text. Claims about one event and attribute are
compared with each other and with the official record (its rows are in the references): dates as
far as both are precise (a month is consistent with each of its days and confirms none of them),
names after resolving aliases, lists as sets. Analysis and forecasts are judgements and are not
checked; a forecast, a plan or a report published before its event attests nothing. Statements
in wording two sources share, or repeated from an outlet both rely on, are one <em>shared
story</em>; the rest of each document is its own: corroboration counts independent stories, not
documents.</p>
<p>Grades follow the Admiralty Code (NATO AJP-2.1, STANAG 2511). Two grades are judged apart:
<strong>information credibility</strong> (1 confirmed by other sources … 6 truth cannot be
judged) rates one claim from the evidence about it, never from who said it;
<strong>source reliability</strong> (A completely reliable … F cannot be judged) rates a source
from how its checkable claims fared and from its provenance (publisher, byline, date). The rules
below are read top to bottom; the first that applies gives the grade. They are printed from the
code that applies them, so they cannot drift apart.</p>
"""


ESTIMATES_HTML = """
<p>The key judgements on page 1 are stated as an intelligence assessment states them (US
Intelligence Community Directive 203): each with an estimative word, taken from the credibility
grade of what it states (a judgement the official record supports is graded 1), and a confidence
level, taken from the reliability grade of the best source behind it (the official record is
graded A). A source that disagrees is treated as its reliability grade says.</p>
"""


def methods_html() -> str:
    """The methods section: how claims are compared and graded, then the rule tables, then how
    page 1 words the grades."""
    table = grading_rules().rename(columns={"applies_when": "applies when"})
    return (
        METHODS_HTML
        + static_table(table, caption="Grading rules, in the order applied")
        + ESTIMATES_HTML
        + static_table(estimates_table(), caption="Grades in the words of the key judgements")
    )


def grading_rules() -> pd.DataFrame:
    """Both rule tables in the order they are applied: scale, grade, meaning, applies_when."""
    return pd.DataFrame(
        [
            {"scale": scale, "grade": r.grade, "meaning": r.meaning, "applies_when": r.applies_when}
            for scale, rules in (
                ("information credibility", CREDIBILITY_RULES),
                ("source reliability", RELIABILITY_RULES),
            )
            for r in rules
        ]
    )
