"""Page 1's answer, as an intelligence assessment states it: the key event's established facts
in one sentence, then who disagrees, on what, and how to treat that source, then the key
judgements, each with an estimative word and a confidence level (estimates.py) and the claims
and record rows it rests on.

Everything is worded from the selection: the key event's record statements and confirmed
claims, the conflicts (only the statements of selected sources and the record), the grades.
Nothing here is typed in for one corpus.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from claimtrace.corpus.entities import split_list
from claimtrace.judge.conflicts import Statement
from claimtrace.judge.judged import Row
from claimtrace.present.estimates import TREATMENT, estimate
from claimtrace.present.findings import conflict_sentence
from claimtrace.present.selection import Selection
from claimtrace.present.wording import (
    ENGLISH,
    SOURCE_KIND_WORDS,
    Wording,
    attribute_phrase,
    counted,
    date_words,
    joined,
    reliability_words,
    verb,
)
from claimtrace.vocabulary import CORE_ATTRIBUTES, LIST_ATTRIBUTES, SCOPES

PEOPLE = ("signatories", "participants")
FACT_ATTRIBUTES = ("date", "place", *PEOPLE, "agreement_name")
"""What the first sentence states of the key event, where the record or a confirmation has it."""
SPECIFICS = ("place", "amount", "count", "duration", "date")
"""Details worth naming when a reader is told to set aside what a source alone gives."""
SPECIFICS_NAMED = 3
"""Most events whose unconfirmed details page 1 names."""

EVENT_CLAUSES = {
    "agreement_signed": "{agreement} was signed",
    "agreement_in_force": "{agreement} entered into force",
    "talks_announced": "talks on {agreement} were announced",
    "plan_adopted": "{agreement} was adopted",
    "strategy_published": "{agreement} was published",
}
"""How a sentence states an agreement's milestone; other events are named by their titles."""
EVENT_REFERENCES = {
    "agreement_signed": "the signing",
    "agreement_in_force": "the entry into force",
    "talks_announced": "the announcement of talks",
    "plan_adopted": "the adoption",
    "strategy_published": "the publication",
}
"""How a judgement refers to the key event once the first sentence has stated it."""


def citations_html(
    records: Iterable[str], claims: Iterable[str], against: Iterable[str] = ()
) -> str:
    """'[R12, R13, rips-06; against: mediawall-04]': record rows linked to the reference list,
    claim ids as citation tags."""
    tags = [f'<a href="#ref-{html.escape(r)}">{html.escape(r)}</a>' for r in dict.fromkeys(records)]
    tags += [f"<code>{html.escape(c)}</code>" for c in dict.fromkeys(claims)]
    contrary = [f"<code>{html.escape(c)}</code>" for c in dict.fromkeys(against)]
    if contrary and tags:
        return f" [{', '.join(tags)}; against: {', '.join(contrary)}]"
    return f" [{', '.join(tags)}]" if tags else ""


def ranked_conflicts(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Disagreements in the order page 1 states them: on core facts (who, what, when, where)
    first, against the record before between sources before within one source."""
    core = [not (set(split_list(a)) & CORE_ATTRIBUTES) for a in conflicts["attribute"]]
    return (
        conflicts.assign(_core=core, _scope=conflicts["scope"].map(SCOPES.index))
        .sort_values(["_core", "_scope", "conflict_id"], kind="stable")
        .drop(columns=["_core", "_scope"])
    )


def key_event(selection: Selection) -> str:
    """The event the selection is chiefly about: of the agreements' milestones (else of all
    events) the one the most selected claims concern; '' when no claim concerns an event."""
    timeline = selection.timeline
    about = selection.claims["event_id"]
    counts = about[about.isin(timeline["event_id"])].value_counts()
    milestones = set(timeline.loc[timeline["agreement"] != "", "event_id"])
    ranked = sorted(counts.items(), key=lambda kv: (kv[0] not in milestones, -kv[1], kv[0]))
    return ranked[0][0] if ranked else ""


def people_words(people: list[str], on: str, words: Wording) -> str:
    """'foreign ministers Anita Anand and Takeshi Iwaya' when they held the same post in their
    countries; else each with their post: 'Canada's foreign minister Anita Anand and …'."""
    names = [words.names.get(p, p) for p in people]
    posts = [words.role(role) if (role := words.role_on(p, on)) else "" for p in people]
    shared = {post.split("'s ", 1)[1] for post in posts if "'s " in post}
    if len(people) > 1 and len(shared) == 1 and all("'s " in post for post in posts):
        return f"{ENGLISH.plural_noun(shared.pop())} {joined(names)}"
    return joined([f"{post} {name}".strip() for post, name in zip(posts, names, strict=True)])


def _event_row(event_id: str, selection: Selection) -> Row:
    return next(selection.timeline[selection.timeline["event_id"] == event_id].itertuples())


def facts_html(event_id: str, selection: Selection, words: Wording) -> str:
    """The key event's established facts in one sentence: what happened, where, when and by
    whom, as the record states it and the selected sources confirm it (HTML)."""
    event = _event_row(event_id, selection)
    records = words.reference[words.reference["event_id"] == event_id]
    records = records[records["attribute"].isin(FACT_ATTRIBUTES)]
    claims = selection.claims
    confirmed = claims[
        (claims["event_id"] == event_id)
        & (claims["status"] == "confirmed")
        & claims["attribute"].isin(FACT_ATTRIBUTES)
    ]
    if records.empty and confirmed.empty:
        return (
            f"<p>Nothing the sources say about {html.escape(words.event(event_id))} is "
            "confirmed by the official record or by another source.</p>"
        )
    agreement = words.names.get(event.agreement, "")
    if agreement and event.event_type in EVENT_CLAUSES:
        the = "" if agreement.casefold().startswith("the ") else "the "
        what = EVENT_CLAUSES[event.event_type].format(agreement=the + agreement)
    else:
        what = f"“{event.title}” took place"
    stated = set(records["attribute"]) | set(confirmed["attribute"])
    if event.place and (records["place"].ne("").any() or "place" in stated):
        what += f" in {words.names.get(event.place, event.place)}"
    if event.date and (not records.empty or "date" in stated):
        on = "on" if event.date_precision == "day" else "in"
        what += f" {on} {date_words(event.date, event.date_precision)}"
    people = records[records["attribute"].isin(PEOPLE)]["value"].tolist() or [
        value for value in confirmed[confirmed["attribute"].isin(PEOPLE)]["value_normalised"]
    ]
    if people:
        what += f" by {people_words(split_list(people[0]), event.date, words)}"
    backing = []
    if not records.empty:
        backing.append(
            "as the official record states"
            + citations_html(dict.fromkeys(records["record_id"]), [])
        )
    if not confirmed.empty:
        who = joined([words.source(s) for s in dict.fromkeys(confirmed["source_id"])])
        confirms = verb("confirms", confirmed["source_id"].nunique())
        backing.append(
            f"{'and ' if backing else 'as '}{html.escape(who)} {confirms}"
            + citations_html([], confirmed["claim_id"])
        )
    sentence = html.escape(what[0].upper() + what[1:])
    return f'<p class="ct-key-facts">{sentence}, {" ".join(backing)}.</p>'


def shown_sides(conflict_id: str, selection: Selection, words: Wording) -> list[list[Statement]]:
    """A conflict's sides with only the statements of selected sources and the record: a
    filtered report cites nothing outside its selection."""
    shown = set(selection.sources["source_id"])
    sides = [
        [s for s in side if s.is_record or s.source in shown]
        for side in words.sides.get(conflict_id, [])
    ]
    return [side for side in sides if side]


def truth_side(sides: list[list[Statement]], claims: pd.DataFrame) -> int | None:
    """The side the record takes, else the one whose best claim is graded better; None when no
    side is better supported."""
    for number, side in enumerate(sides):
        if any(s.is_record for s in side):
            return number
    best = [min((_grade(s, claims) for s in side), default=6) for side in sides]
    return best.index(min(best)) if best.count(min(best)) == 1 else None


def _grade(statement: Statement, claims: pd.DataFrame) -> int:
    return int(claims["credibility"].get(statement.id, 6))


def _what_it_says(statement: Statement, subject: str, claims: pd.DataFrame, words: Wording) -> str:
    """'names Mélanie Joly as Canada's foreign minister', 'gives the place as Ottawa', 'denies
    that the place was Tokyo', '… (relayed from Kyodo News)'; `claims` indexed by claim id."""
    claim = next(claims.loc[[statement.id]].itertuples()) if statement.id in claims.index else None
    value = words.value(statement.attribute, statement.value)
    what = attribute_phrase(statement.attribute, "", words.names)
    if getattr(claim, "stance", "") == "denies":
        return f"denies that the {what} was {value}"
    if statement.attribute == "role":
        said = f"names {words.names.get(subject, subject)} as {words.role(statement.value)}"
    else:
        said = f"gives the {what} as {value}"
    return said + (words.stance_note(claim) if claim is not None else "")


def _alone(source_id: str, selection: Selection, words: Wording) -> str:
    """The details a source alone gives, by event: 'Joint intelligence coordination centre
    (Vancouver; 35)'."""
    timeline = selection.timeline
    only = set(timeline.loc[timeline["attesting_sources"] == source_id, "event_id"])
    claims = selection.claims
    mine = claims[
        (claims["source_id"] == source_id)
        & claims["event_id"].isin(only)
        & claims["attribute"].isin(SPECIFICS)
        & (claims["value_normalised"] != "")
    ]
    named = []
    for event_id, given in list(mine.groupby("event_id", sort=False))[:SPECIFICS_NAMED]:
        values = zip(given["attribute"], given["value_normalised"], strict=True)
        named.append(
            f"{words.titles.get(event_id, event_id)} "
            f"({'; '.join(words.value(a, v) for a, v in values)})"
        )
    return f": {joined(named)}" if named else ""


def disputed_values(selection: Selection, words: Wording) -> dict[str, str]:
    """Event id -> what is disputed about it and the values in dispute, as a chart labels it:
    'place (Ottawa), role (Mélanie Joly as Canada's foreign minister)'."""
    claims = selection.claims.set_index("claim_id")
    disputed: dict[str, list[str]] = {}
    for conflict in ranked_conflicts(selection.conflicts).itertuples(index=False):
        sides = shown_sides(conflict.conflict_id, selection, words)
        truth = truth_side(sides, claims)
        contested = [s for n, side in enumerate(sides) if n != truth for s in side]
        if conflict.attribute == "role":
            person = words.names.get(conflict.subject, conflict.subject)
            values = [f"{person} as {words.role(s.value)}" for s in contested]
        elif set(split_list(conflict.attribute)) & LIST_ATTRIBUTES:
            # A list is counted, not spelled out: the note sits beside a mark on a chart.
            values = [
                counted(len(split_list(s.value)), "item")
                for s in contested
                if s.attribute in LIST_ATTRIBUTES
            ]
        else:
            values = [words.value(s.attribute, s.value) for s in contested]
        what = attribute_phrase(conflict.attribute, "", words.names)
        shown = joined(list(dict.fromkeys(values)))
        disputed.setdefault(conflict.event_id, []).append(f"{what} ({shown})" if shown else what)
    return {event_id: ", ".join(parts) for event_id, parts in disputed.items()}


def dissent_html(event_id: str, selection: Selection, words: Wording) -> str:
    """Who disagrees with the key event's facts, on what, and how to treat that source; when
    no one does, who disagrees most importantly elsewhere (HTML)."""
    conflicts = ranked_conflicts(selection.conflicts)
    about = conflicts[conflicts["event_id"] == event_id]
    lead = "" if not about.empty or not event_id else "No source in this selection disputes this. "
    chosen = about if not about.empty else conflicts.head(1)
    claims = selection.claims.set_index("claim_id")
    said: dict[str, list[tuple[str, str, str, str]]] = {}
    for conflict in chosen.itertuples(index=False):
        sides = shown_sides(conflict.conflict_id, selection, words)
        truth = truth_side(sides, claims)
        against = (
            "the official record"
            if truth is not None and any(s.is_record for s in sides[truth])
            else "the other sources"
        )
        for number, side in enumerate(sides):
            for statement in side if number != truth else []:
                if not statement.is_record:
                    clause = _what_it_says(statement, conflict.subject, claims, words)
                    said.setdefault(statement.source, []).append(
                        (clause, statement.id, conflict.event_id, against)
                    )
    if not said:
        return "<p>No source in this selection disputes another or the official record.</p>"
    graded = selection.sources.set_index("source_id")
    sentences = []
    for source_id, clauses in said.items():
        row = graded.loc[source_id]
        kind = SOURCE_KIND_WORDS.get(row["kind"], "source")
        undated = words.is_undated(source_id)
        described = ENGLISH.a(f"{'undated ' if undated else ''}{kind}")
        where = f" with {clauses[0][3]}"
        if clauses[0][2] != event_id:
            where += f" about {words.event(clauses[0][2])}"
        reading = (
            " (the curators read it as speaking of this event)"
            if undated and clauses[0][2] == event_id
            else ""
        )
        treatment = TREATMENT[row["reliability"]]
        alone = _alone(source_id, selection, words) if row["reliability"] in "DE" else ""
        sentences.append(
            html.escape(
                f"{words.source(source_id)}, {described} graded "
                f"{reliability_words(row['reliability'])}, disagrees{where}{reading}: it "
                f"{joined([clause[0] for clause in clauses])}"
            )
            + citations_html([], [clause[1] for clause in clauses])
            + html.escape(f"; {treatment}{alone}.")
        )
    return f'<p class="ct-dissent">{html.escape(lead)}{" ".join(sentences)}</p>'


def judgement_html(conflict: Row, key: str, selection: Selection, words: Wording) -> str:
    """One key judgement: the estimate and confidence, what is judged true, the record rows and
    claims it rests on and those against it (HTML)."""
    claims = selection.claims.set_index("claim_id")
    sides = shown_sides(conflict.conflict_id, selection, words)
    truth = truth_side(sides, claims)
    held = sides[truth] if truth is not None else []
    others = [s for n, side in enumerate(sides) if n != truth for s in side]
    on_record = any(s.is_record for s in held)
    grade = 1 if on_record else min((_grade(s, claims) for s in held), default=3)
    reliabilities = selection.sources.set_index("source_id")["reliability"]
    best = min(
        ("A",) if on_record else (reliabilities.get(s.source, "F") for s in held), default="F"
    )
    event = _event_row(conflict.event_id, selection)
    ref = EVENT_REFERENCES.get(event.event_type, "") if conflict.event_id == key else ""
    ref = f"of {ref}" if ref else f"for “{event.title}”"
    attributes = set(split_list(conflict.attribute))
    if attributes == {"role"} and truth is not None:
        person = words.names.get(conflict.subject, conflict.subject)
        role = others[0].value if others else ""
        holders = words.role_holders(role, event.date, but=conflict.subject)
        text = f"{person} was not {words.role(role)} {ref.replace('of ', 'at ', 1)}"
        text += f"; {joined(holders)} {verb('was', len(holders))}" if holders else ""
    elif attributes & (LIST_ATTRIBUTES | {"count"}) or truth is None:
        cited = claims.loc[[c for c in split_list(conflict.claim_ids) if c in claims.index]]
        text = conflict_sentence(conflict, cited.reset_index(), words).rstrip(".")
    else:
        what = attribute_phrase(conflict.attribute, conflict.subject, words.names)
        true_value = words.value(held[0].attribute, held[0].value)
        false = joined(list(dict.fromkeys(words.value(s.attribute, s.value) for s in others)))
        who = joined(list(dict.fromkeys(words.source(s.source) for s in others)))
        n_who = len({s.source for s in others})
        text = f"the {what} {ref} was {true_value}, not {false} as {who} {verb('has', n_who)} it"
    estimated = estimate(grade, best) if truth is not None else estimate(3, best)
    records = [r for s in held if s.is_record for r in words.known_records(s.id)]
    return (
        f"<li>{html.escape(estimated[0].upper() + estimated[1:])}: {html.escape(text)}"
        + citations_html(
            records,
            [s.id for s in held if not s.is_record],
            [s.id for s in others if not s.is_record],
        )
        + ".</li>"
    )
