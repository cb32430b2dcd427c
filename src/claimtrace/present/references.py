"""The reference list every report ends with, before its appendix: the official record's rows
(tagged by their record ids, as the text cites them: [R12]), the sources, and the web pages the
dated roles rest on (tagged W1, W2, … in the order the roles table cites them), each with its
publisher, title, author, date, address and the date it was accessed where one is recorded.

The record ids in a report's text link here (#ref-R12); a web page is cited by its tag, never
by a bare domain.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from claimtrace.present.wording import date_words, dates_in_words, outlet, web_pages
from claimtrace.vocabulary import OFFICIAL_RECORD_KIND


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list, in the reader's words (the address as written)."""

    anchor: str
    """What the text links to: #ref-R12, #ref-rips, #ref-W1."""
    label: str
    """What the list shows first: the record id, the source's name, the web page's tag."""
    publisher: str
    title: str
    author: str
    date: str
    address: str
    evidence: str = ""
    """primary | wire | participant | secondary, where the record says (reference.csv)."""


def reference_list(
    sources: pd.DataFrame, reference: pd.DataFrame, entities: pd.DataFrame
) -> list[Reference]:
    """The record's rows, then the sources by name, then the web pages of the dated roles."""
    entries = [
        Reference(
            anchor=row.record_id,
            label=row.record_id,
            publisher=dates_in_words(row.publisher),
            title=dates_in_words(row.record_text.split(" — ", 1)[0]),
            author="",
            date=date_words(row.date, row.date_precision),
            address=row.citation,
            evidence=str(getattr(row, "evidence", "") or ""),
        )
        for row in reference.itertuples(index=False)
    ]
    entries += [
        Reference(
            anchor=row.source_id,
            label=row.reader_name,
            publisher=outlet(row.publisher) or "publisher unknown",
            title=row.title or "untitled",
            author=row.author,
            date=date_words(row.published) if row.published else "undated",
            address=row.url,
        )
        for row in sources.itertuples(index=False)
        if row.kind != OFFICIAL_RECORD_KIND
    ]
    entries += [
        Reference(tag, tag, "", "web page cited for a dated role", "", "undated", address)
        for address, tag in web_pages(entities).items()
    ]
    return entries


def references_html(entries: list[Reference]) -> str:
    """The numbered reference list, each entry with its anchor (#ref-R12) (HTML)."""
    items = []
    for entry in entries:
        parts = [entry.publisher, f"“{entry.title}”", entry.author, entry.date]
        described = ". ".join(html.escape(p) for p in parts if p)
        evidence = f" Evidence: {html.escape(entry.evidence)}." if entry.evidence else ""
        address = (
            f' <span class="ct-address">{html.escape(entry.address)}</span>'
            if entry.address
            else ""
        )
        items.append(
            f'<li id="ref-{html.escape(entry.anchor)}"><strong>{html.escape(entry.label)}'
            f"</strong>. {described}.{evidence}{address}</li>"
        )
    return (
        '<p class="ct-note">The official record\'s rows (cited as [R01] …), the sources, and the '
        "web pages the dated roles rest on (cited as [W1] …). No date of access is recorded for "
        f'these addresses.</p><ol class="ct-references">{"".join(items)}</ol>'
    )


_BRACKETED = re.compile(r"\[([^\[\]<>]*)\]")
_TAG = re.compile(r"[\w-]+")


def linked(markup: str, anchors: set[str]) -> str:
    """Static HTML with each reference tag cited in brackets ('[R12]', '[R12, R13]', 'a web
    page [W1]') linked to its entry in the reference list. Only known anchors are linked, and
    only inside brackets, so a quote that happens to hold 'R12' is left as written."""

    def link(group: re.Match[str]) -> str:
        inside = _TAG.sub(
            lambda tag: (
                f'<a href="#ref-{tag.group()}">{tag.group()}</a>'
                if tag.group() in anchors
                else tag.group()
            ),
            group.group(1),
        )
        return f"[{inside}]"

    return _BRACKETED.sub(link, markup)
