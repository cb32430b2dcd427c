"""What changed since the last published report, in words: for the briefing's section, for the
one line other reports carry, and for `claimtrace diff`.

The changes themselves are data (judge/differences.py); this module only words them: which sources
and claims arrived or left, which grades moved and why (the reason of the rule that gave the
grade now; for a source, the grading's reason before too), which disagreements opened, closed
or changed sides, and, when nothing did, that the judgements stand.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.differences import Change
from claimtrace.judge.judged import Row
from claimtrace.present.reasons import Reasons
from claimtrace.present.wording import (
    NAMED_IN_A_SENTENCE,
    STATUS_WORDS,
    UNTITLED,
    attribute_phrase,
    counted,
    credibility_words,
    date_words,
    joined,
    outlet,
)
from claimtrace.store.history import Run
from claimtrace.vocabulary import CREDIBILITY_MEANINGS, RELIABILITY_MEANINGS

SECTION_TITLE = "What changed since the last report"
FIRST_REPORT = (
    "This is the first report: there is no earlier one to compare it with, so everything in it "
    "is new."
)
DIFF_LISTED = 50
"""Most rows `claimtrace diff` lists per kind of change; the rest are counted."""


def published_day(run: Run) -> str:
    """'1 May 2026', the day a run was published (UTC)."""
    return f"{run.published_at.day} {run.published_at:%B %Y}"


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tags(values: pd.Series) -> str:
    """Claims by their citation tags: '[wire-1] and [wire-2]'."""
    return joined([f"[{v}]" for v in values])


def _grade(grade: object, meanings: Mapping) -> str:
    meaning = meanings.get(grade)
    return f"{grade} ({meaning})" if meaning else str(grade)


@dataclass(frozen=True)
class Names:
    """The words for the ids of a change: the current assessment's names and reasons (through
    `Reasons`), event titles of the earlier timeline for events that left, and the titles of
    sources that left, which a reader knows them by once their reader names are gone."""

    reasons: Reasons
    titles: Mapping[str, str]
    left: Mapping[str, str]

    @classmethod
    def of(cls, change: Change, reasons: Reasons) -> Names:
        earlier = change.events_before
        titles = dict(zip(earlier["event_id"], earlier["title"], strict=True))
        left = {
            row.source_id: f"“{row.title or UNTITLED}”"
            for row in change.sources_removed.itertuples(index=False)
        }
        return cls(reasons, titles | dict(reasons.words.titles), left)

    def source(self, source_id: str) -> str:
        if source_id in self.reasons.record_sources:
            return "the official record"
        if source_id in self.left:
            return self.left[source_id]
        return self.reasons.words.source(source_id)

    def sources(self, ids: str) -> str:
        """'RIPS newsletter, Wire and the official record', for a `;`-separated list of ids."""
        return joined([self.source(s) for s in split_list(ids)])

    def subject(self, conflict: Row) -> str:
        """'the place of “ISA signed”', for a conflicts row."""
        title = self.titles.get(conflict.event_id, "")
        what = attribute_phrase(conflict.attribute, conflict.subject, self.reasons.words.names)
        return f"the {what} of “{title}”" if title else f"the {what}"


def change_sentences(change: Change, reasons: Reasons) -> list[str]:
    """One plain sentence per kind of change that happened, in reading order, in the reader's
    words (sources by name, claims by citation tag, grades with the reasons of the rules that
    gave them); [] when nothing changed."""
    names = Names.of(change, reasons)
    sentences = _source_sentences(change, names) + _claim_sentences(change, names)
    sentences += [
        f"{names.source(row.source_id)}'s reliability moved from "
        f"{_grade(row.reliability_before, RELIABILITY_MEANINGS)} to "
        f"{_grade(row.reliability_after, RELIABILITY_MEANINGS)}: now "
        f"{reasons.source(row)}; before, {row.reason_before}."
        for row in change.grades_moved.head(NAMED_IN_A_SENTENCE).itertuples(index=False)
    ]
    if len(change.grades_moved) > NAMED_IN_A_SENTENCE:
        rest = len(change.grades_moved) - NAMED_IN_A_SENTENCE
        sentences.append(f"The grades of {counted(rest, 'other source')} moved too.")
    sentences += _conflict_sentences(change, names)
    return sentences


def _source_sentences(change: Change, names: Names) -> list[str]:
    sentences = []
    added = change.sources_added
    for row in added.head(NAMED_IN_A_SENTENCE).itertuples(index=False):
        name = names.source(row.source_id)
        published_by = outlet(getattr(row, "publisher", ""))
        described = ", ".join(
            part
            for part in (
                "" if published_by == name else published_by,
                date_words(getattr(row, "published", "")),
            )
            if part
        )
        sentences.append(
            f"A new source, {name} (“{row.title or UNTITLED}”"
            + (f", {described}" if described else "")
            + f"), is graded {_grade(row.reliability, RELIABILITY_MEANINGS)}: "
            f"{names.reasons.source(row)}."
        )
    if len(added) > NAMED_IN_A_SENTENCE:
        sentences.append(
            f"{_sentence_start(counted(len(added) - NAMED_IN_A_SENTENCE, 'other new source'))} "
            "arrived as well."
        )
    removed = change.sources_removed
    if not removed.empty:
        sentences.append(
            f"{_sentence_start(counted(len(removed), 'source'))} left the corpus: "
            f"{names.sources('; '.join(removed['source_id']))}."
        )
    return sentences


def _claim_sentences(change: Change, names: Names) -> list[str]:
    sentences = []
    for frame, what in ((change.claims_added, "new claim"), (change.claims_removed, "claim")):
        if frame.empty:
            continue
        per_source = frame["source_id"].value_counts(sort=False)
        origin = (
            f"from {names.source(per_source.index[0])}"
            if len(per_source) == 1
            else "("
            + joined([f"{n:,} from {names.source(source)}" for source, n in per_source.items()])
            + ")"
        )
        withdrawn = " withdrawn" if frame is change.claims_removed else ""
        sentences.append(
            f"{_sentence_start(counted(len(frame), what))}{withdrawn} {origin}: "
            f"{_tags(frame['claim_id'])}."
        )
    regraded = change.claims_regraded
    if not regraded.empty:
        moves = [
            f"[{row.claim_id}] from {_claim_grade(row.status_before, row.credibility_before)} to "
            f"{_claim_grade(row.status_after, row.credibility_after)}, because "
            f"{names.reasons.claim(row)}"
            for row in regraded.head(NAMED_IN_A_SENTENCE).itertuples(index=False)
        ]
        rest = len(regraded) - len(moves)
        sentences.append(
            f"{_sentence_start(counted(len(regraded), 'claim'))} changed status or "
            f"credibility: {'; '.join(moves)}"
            + (f"; and {counted(rest, 'other')}." if rest > 0 else ".")
        )
    return sentences


def _claim_grade(status: object, credibility: object) -> str:
    """'unconfirmed, possibly true (3)'."""
    said = STATUS_WORDS.get(str(status), str(status))
    grade = int(str(credibility)) if str(credibility).isdigit() else None
    return said + (f", {credibility_words(grade)}" if grade in CREDIBILITY_MEANINGS else "")


def _conflict_sentences(change: Change, names: Names) -> list[str]:
    sentences = []
    kinds = (
        (change.conflicts_opened, "A new disagreement on {subject}, involving {who}."),
        (
            change.conflicts_closed,
            "Resolved: the disagreement on {subject}, which involved {who}, no longer stands.",
        ),
    )
    for frame, template in kinds:
        for row in frame.head(NAMED_IN_A_SENTENCE).itertuples(index=False):
            sentences.append(
                template.format(subject=names.subject(row), who=names.sources(row.source_ids))
            )
        if len(frame) > NAMED_IN_A_SENTENCE:
            rest = counted(len(frame) - NAMED_IN_A_SENTENCE, "other")
            sentences.append(f"And {rest} like {'it' if len(frame) == 2 else 'them'}.")
    for row in change.conflicts_changed.head(NAMED_IN_A_SENTENCE).itertuples(index=False):
        sentences.append(
            f"The disagreement on {names.subject(row)} now involves "
            f"{names.sources(row.source_ids_after)} (before: "
            f"{names.sources(row.source_ids_before)})."
        )
    return sentences


def section_heading(since: Run | None) -> str:
    """The briefing's heading: 'What changed since the last report (1 May 2026)'."""
    return SECTION_TITLE if since is None else f"{SECTION_TITLE} ({published_day(since)})"


def section_html(since: Run | None, sentences: Sequence[str]) -> str:
    """The briefing's section body (HTML): the first report, that nothing changed, or each
    change as a sentence."""
    if since is None:
        return f"<p>{FIRST_REPORT}</p>"
    if not sentences:
        return (
            f"<p>Nothing changed since the last report, published {published_day(since)}: no "
            "source or claim arrived or left, no grade moved, and no disagreement opened or "
            "closed. The judgements stand.</p>"
        )
    items = "".join(f"<li>{html.escape(sentence)}</li>" for sentence in sentences)
    return (
        f"<p>Compared with the last report, published {published_day(since)}:</p>"
        f'<ul class="ct-changes">{items}</ul>'
    )


def summary_line(since: Run | None, change: Change | None) -> str:
    """What changed, in one line, for a report other than the briefing."""
    if since is None or change is None:
        return "This is the first report; there is no earlier one to compare it with."
    day = published_day(since)
    if change.nothing_changed:
        return f"Nothing changed since the last report ({day}): the judgements stand."
    counts = [  # each count's noun, and what happened to the rows it counts
        (change.sources_added, "new source", ""),
        (change.sources_removed, "source", " left"),
        (change.claims_added, "new claim", ""),
        (change.claims_removed, "claim", " withdrawn"),
        (change.claims_regraded, "claim", " regraded"),
        (change.grades_moved, "source grade", " moved"),
        (change.conflicts_opened, "disagreement", " opened"),
        (change.conflicts_closed, "disagreement", " resolved"),
        (change.conflicts_changed, "disagreement", " changed sides"),
    ]
    said = [counted(len(frame), noun) + done for frame, noun, done in counts if len(frame)]
    return (
        f"Since the last report ({day}): {joined(said)}. The briefing's “{SECTION_TITLE}” "
        "says which."
    )


_SOURCE_ROW = "{source_id}: “{title}”, graded {reliability}: {reason}"
_CLAIM_ROW = "{claim_id} ({status}, credibility {credibility}): “{quote}”"
_CONFLICT_ROW = "{conflict_id} ({scope}): sources {source_ids}; claims {claim_ids}"
DIFF_SECTIONS = (
    ("sources added", "sources_added", _SOURCE_ROW),
    ("sources removed", "sources_removed", _SOURCE_ROW),
    (
        "source grades moved",
        "grades_moved",
        "{source_id}: {reliability_before} -> {reliability_after}: {reason} "
        "(before: {reason_before})",
    ),
    ("claims added", "claims_added", _CLAIM_ROW),
    ("claims removed", "claims_removed", _CLAIM_ROW),
    (
        "claims whose status or credibility changed",
        "claims_regraded",
        "{claim_id}: {status_before} {credibility_before} -> {status_after} {credibility_after}: "
        "{credibility_reason}",
    ),
    ("conflicts opened", "conflicts_opened", _CONFLICT_ROW),
    ("conflicts closed", "conflicts_closed", _CONFLICT_ROW),
    (
        "conflicts whose sides changed",
        "conflicts_changed",
        "{conflict_id}: sources {source_ids_before} -> {source_ids_after}",
    ),
)
"""What `claimtrace diff` prints for each kind of change: its title, the Change field, and one
line per row (a source without a title shows UNTITLED)."""


def diff_text(change: Change, before: str, after: str) -> str:
    """What `claimtrace diff` prints: a heading naming both sides, then each kind of change
    with its rows, at most DIFF_LISTED each."""
    lines = [f"From {before}", f"  to {after}:"]
    if change.nothing_changed:
        return "\n".join([*lines, "no change: the judgements stand."])
    for title, field, template in DIFF_SECTIONS:
        frame = getattr(change, field)
        if frame.empty:
            continue
        lines.append(f"{title} ({len(frame):,}):")
        for row in frame.head(DIFF_LISTED).to_dict("records"):
            if "title" in row:
                row["title"] = row["title"] or UNTITLED
            lines.append("  " + template.format(**row))
        if len(frame) > DIFF_LISTED:
            lines.append(f"  … and {len(frame) - DIFF_LISTED:,} more")
    return "\n".join(lines)


def unreadable(problem: str) -> str:
    """Why a report cannot say what changed."""
    return f"What changed since the last report cannot be said: {problem}."


def run_label(run: Run) -> str:
    """'run 3, published 2026-05-01 05:15 UTC (data 61226c03)'."""
    published = run.published_at.replace(tzinfo=dt.UTC)
    return f"run {run.run_id}, published {published:%Y-%m-%d %H:%M} UTC (data {run.data_hash[:8]})"
