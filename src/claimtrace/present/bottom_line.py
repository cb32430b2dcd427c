"""Page 1 of every report: the bottom line up front.

A summary of two to four sentences written from the selection, the key judgements (each with
its grade in words and the claims it rests on), what the report covers (sources by name with
outlet and date, the date window, the date of the data) and the key figures as a small table.
Every count here describes the report's selection; a grade computed over more (a source's
reliability, over all its claims) says so where it is given.
"""

from __future__ import annotations

import html

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.judged import Row
from claimtrace.present.findings import conflict_sentence, inference
from claimtrace.present.selection import Selection
from claimtrace.present.wording import (
    ATTRIBUTE_WORDS,
    STATUS_WORDS,
    Wording,
    counted,
    credibility_words,
    date_words,
    joined,
    number_word,
    reliability_words,
    some,
    verb,
)
from claimtrace.vocabulary import CORE_ATTRIBUTES, OFFICIAL_RECORD_KIND, SCOPES, STATUSES

KEY_JUDGEMENTS = 4
"""Most disagreements page 1 states; the rest are in the findings."""


def graded_sources(selection: Selection) -> pd.DataFrame:
    """The selection's graded sources with claims in it, the official record (the yardstick)
    left out, best grade first."""
    graded = selection.sources[
        (selection.sources["kind"] != OFFICIAL_RECORD_KIND)
        & selection.sources["source_id"].isin(selection.claims["source_id"])
    ]
    return graded.sort_values(["reliability", "source_id"], kind="stable")


def ranked_conflicts(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Disagreements in the order page 1 states them: on core facts (who, what, when, where)
    first, against the record before between sources before within one source."""
    core = [not (set(split_list(a)) & CORE_ATTRIBUTES) for a in conflicts["attribute"]]
    return (
        conflicts.assign(_core=core, _scope=conflicts["scope"].map(SCOPES.index))
        .sort_values(["_core", "_scope", "conflict_id"], kind="stable")
        .drop(columns=["_core", "_scope"])
    )


def summary(selection: Selection, words: Wording) -> str:
    """Two to four sentences: what the selected sources claim and how much of it holds, where
    they disagree, and which source is most and least reliable."""
    claims = selection.claims
    status = claims["status"].value_counts()
    checkable = int(sum(status.get(s, 0) for s in ("confirmed", "contradicted", "unconfirmed")))
    sources = graded_sources(selection)
    with_claims = sorted(set(claims["source_id"]))
    confirmed = int(status.get("confirmed", 0))
    sentences = [
        f"{counted(len(with_claims), 'source').capitalize()} {verb('makes', len(with_claims))} "
        f"{counted(len(claims), 'claim')} in this selection; of the "
        f"{counted(checkable, 'claim')} that can be checked, {some(confirmed)} "
        f"{verb('is', max(confirmed, 1))} confirmed and "
        f"{some(int(status.get('contradicted', 0)))} contradicted."
    ]
    conflicts = ranked_conflicts(selection.conflicts)
    if conflicts.empty:
        sentences.append("No source disagrees with another or with the official record here.")
    else:
        against = int((conflicts["scope"] == "against_record").sum())
        topics = joined(
            [
                f"the {_topic(c, words)} given for {words.event(c.event_id)}"
                for c in conflicts.head(3).itertuples(index=False)
            ]
        )
        with_record = (
            "all against the official record"
            if against == len(conflicts) > 1
            else "against the official record"
            if against == len(conflicts)
            else f"{number_word(against)} of them against the official record"
        )
        sentences.append(
            f"The sources disagree on {counted(len(conflicts), 'detail')}, {with_record}; "
            f"chiefly {topics}."
        )
    if len(sources) >= 2:
        best, worst = sources.iloc[0], sources.iloc[-1]
        if best["reliability"] != worst["reliability"]:
            sentences.append(
                f"Over all their claims, {words.source(best['source_id'])} is graded "
                f"{reliability_words(best['reliability'])} and {words.source(worst['source_id'])} "
                f"{reliability_words(worst['reliability'])}."
            )
    return " ".join(sentences)


def _topic(conflict: Row, words: Wording) -> str:
    what = " and ".join(ATTRIBUTE_WORDS.get(a, a) for a in split_list(conflict.attribute))
    if conflict.subject:
        what += f" of {words.names.get(conflict.subject, conflict.subject)}"
    return what


def key_judgements_html(selection: Selection, claims: pd.DataFrame, words: Wording) -> str:
    """The main disagreements as judgements: each sentence, what in it is inference, and the
    grade in words of each claim it rests on, by its citation tag (HTML)."""
    conflicts = ranked_conflicts(selection.conflicts)
    if conflicts.empty:
        return ""
    by_id = claims.set_index("claim_id", drop=False)
    items = []
    for conflict in conflicts.head(KEY_JUDGEMENTS).itertuples(index=False):
        cited = by_id.loc[[c for c in split_list(conflict.claim_ids) if c in by_id.index]]
        sentence = conflict_sentence(conflict, cited, words)
        inferred = inference(cited, claims, words)
        grades = " · ".join(
            f"{html.escape(credibility_words(grade))}: "
            + ", ".join(f"<code>{html.escape(c)}</code>" for c in group["claim_id"])
            for grade, group in cited.groupby("credibility", sort=True)
        )
        items.append(
            f"<li>{html.escape(sentence)}"
            + (f' <span class="ct-inference">{html.escape(inferred)}</span>' if inferred else "")
            + f'<br><span class="ct-grade">Claims graded {grades}</span></li>'
        )
    more = len(conflicts) - KEY_JUDGEMENTS
    rest = (
        f'<p class="ct-note">{counted(more, "further disagreement").capitalize()} '
        f"{verb('is', more)} set out in the findings.</p>"
        if more > 0
        else ""
    )
    return f'<ol class="ct-judgements">{"".join(items)}</ol>{rest}'


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
    scope = selection.conflicts["scope"].value_counts()
    rows = [("Claims", f"{len(claims):,}")]
    rows += [(f"… {STATUS_WORDS[s]}", f"{int(status.get(s, 0)):,}") for s in STATUSES]
    disputed = int(selection.timeline["conflict"].sum())
    rows.append(("Events", f"{len(selection.timeline):,}, of them disputed: {disputed:,}"))
    rows.append(("Disagreements", f"{len(selection.conflicts):,}"))
    rows += [
        (f"… {scope_words}", f"{int(scope.get(s, 0)):,}")
        for s, scope_words in (
            ("against_record", "against the record"),
            ("between_sources", "between sources"),
            ("internal", "within one source"),
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
