"""Page 1 of every report: the bottom line up front.

The bottom line as an intelligence assessment (assessment_words.py: the key event's facts, who
disagrees and how to treat them, how much can be checked), the key judgements (each with an
estimate, a confidence level and what it rests on), what the report covers (sources by name with
outlet and date, the date window, the date of the data) and the key figures as a small table.
Every count here describes the report's selection; a grade computed over more (a source's
reliability, over all its claims) says so where it is given.
"""

from __future__ import annotations

import html

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.present.assessment_words import (
    dissent_html,
    facts_html,
    judgement_html,
    key_event,
    ranked_conflicts,
)
from claimtrace.present.selection import Selection
from claimtrace.present.wording import (
    STATUS_WORDS,
    Wording,
    counted,
    date_words,
    joined,
    reliability_words,
    some,
    verb,
)
from claimtrace.vocabulary import OFFICIAL_RECORD_KIND, STATUSES

KEY_JUDGEMENTS = 4
"""Most disagreements page 1 states; the rest are in the findings."""


def graded_sources(selection: Selection) -> pd.DataFrame:
    """The selection's graded sources with claims in it, the official record (the yardstick)
    left out, best grade first."""
    graded = selection.sources[
        (selection.sources["kind"] != OFFICIAL_RECORD_KIND)
        # Distinct first: pandas matches against an Arrow column value by Python value.
        & selection.sources["source_id"].isin(selection.claims["source_id"].unique())
    ]
    return graded.sort_values(["reliability", "source_id"], kind="stable")


def summary_html(selection: Selection, words: Wording) -> str:
    """The bottom line as an assessment states it: the key event's established facts, who
    disagrees and how to treat that source, then how much of the selection can be checked and
    how much of that holds (HTML)."""
    key = key_event(selection)
    parts = [facts_html(key, selection, words)] if key else []
    parts.append(dissent_html(key, selection, words))
    claims = selection.claims
    status = claims["status"].value_counts()
    checked = {s: int(status.get(s, 0)) for s in ("confirmed", "unconfirmed", "contradicted")}
    checkable = sum(checked.values())
    counts = (
        f"Of the {counted(len(claims), 'claim')} in this selection, {some(checkable)} can be "
        f"checked: {some(checked['confirmed'])} {verb('is', max(checked['confirmed'], 1))} "
        f"confirmed, {some(checked['unconfirmed'])} unconfirmed and "
        f"{some(checked['contradicted'])} contradicted; the other "
        f"{some(len(claims) - checkable)} (descriptions, analysis, forecasts and claims with "
        "nothing to compare) are not checked."
    )
    parts.append(f'<p class="ct-counts">{html.escape(counts)}</p>')
    return "".join(parts)


def key_judgements_html(selection: Selection, words: Wording) -> str:
    """The main disagreements as judgements, each with its estimate and confidence and the
    record rows and claims it rests on (HTML)."""
    conflicts = ranked_conflicts(selection.conflicts)
    if conflicts.empty:
        return ""
    key = key_event(selection)
    items = "".join(
        judgement_html(conflict, key, selection, words)
        for conflict in conflicts.head(KEY_JUDGEMENTS).itertuples(index=False)
    )
    more = len(conflicts) - KEY_JUDGEMENTS
    rest = (
        f'<p class="ct-note">{counted(more, "further disagreement").capitalize()} '
        f"{verb('is', more)} set out in the findings.</p>"
        if more > 0
        else ""
    )
    return f'<ol class="ct-judgements">{items}</ol>{rest}'


def coverage_html(
    selection: Selection, words: Wording, *, date_from: str, date_to: str, data_as_of: str
) -> str:
    """What the report covers: its sources by name with outlet and date, the date window and
    the date of the data (HTML)."""
    sources = [
        words.source_introduced(s)
        for s in sorted(set(selection.claims["source_id"]), key=words.source)
    ]
    window = f"events dated {date_words(date_from)} to {date_words(date_to)}, and undated events"
    return (
        '<dl class="ct-coverage">'
        f"<dt>Sources</dt><dd>{html.escape(joined(sources) or 'none')}; checked against the "
        "official record</dd>"
        f"<dt>Window</dt><dd>{html.escape(window)}</dd>"
        f"<dt>Data as of</dt><dd>{html.escape(data_as_of)} (the newest dated document)</dd>"
        "</dl>"
    )


def key_figures(selection: Selection, words: Wording) -> pd.DataFrame:
    """The counts a reader checks first, as a small two-column table: every count is of the
    selection; reliability is graded over all of a source's claims, and says so."""
    claims = selection.claims
    status = claims["status"].value_counts()
    facets = pd.Series(
        [f for found in selection.conflicts["facets"] for f in split_list(found)], dtype=str
    ).value_counts()
    rows = [("Claims", f"{len(claims):,}")]
    rows += [(f"… {STATUS_WORDS[s]}", f"{int(status.get(s, 0)):,}") for s in STATUSES]
    disputed = int(selection.timeline["conflict"].sum())
    rows.append(("Events", f"{len(selection.timeline):,}, of them disputed: {disputed:,}"))
    rows.append(("Disagreements (one may be of several kinds)", f"{len(selection.conflicts):,}"))
    rows += [
        (f"… {kind}", f"{int(facets.get(facet, 0)):,}")
        for facet, kind in (
            ("against_record", "with the official record"),
            ("between_sources", "setting sources against each other"),
            ("internal", "of a source with itself"),
        )
    ]
    selected = claims["source_id"].value_counts()
    for source in graded_sources(selection).itertuples(index=False):
        shown = int(selected.get(source.source_id, 0))
        over = (
            f", over all its {source.n_claims:,} claims ({shown:,} in this selection)"
            if shown != source.n_claims
            else ""
        )
        rows.append(
            (
                f"Reliability: {words.source(source.source_id)}",
                f"{reliability_words(source.reliability)}{over}",
            )
        )
    return pd.DataFrame(rows, columns=["figure", "value"])
