"""One plain sentence per conflict, in names, labels and dates, citing the record by publisher
and date: the key findings. What rests on the curators' reading is said to be inference."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from claimtrace.corpus.entities import spans_held, split_list
from claimtrace.judge.conflicts import Statement
from claimtrace.judge.judged import Row
from claimtrace.judge.stance import DENIES
from claimtrace.present.html import gloss_html
from claimtrace.present.limits import Shown
from claimtrace.present.wording import (
    ATTRIBUTE_WORDS,
    Wording,
    attribute_phrase,
    date_words,
    dates_in_words,
    joined,
    number_word,
    record_list_noun,
    some,
)
from claimtrace.vocabulary import LIST_ATTRIBUTES


def _record_rows(conflict: Row, reference: pd.DataFrame) -> pd.DataFrame:
    ids = {part for chunk in split_list(conflict.record_ids) for part in chunk.split("+")}
    return reference[reference["record_id"].isin(ids)]


def _who(source_ids: pd.Series, words: Wording) -> tuple[str, bool]:
    """The sources as a sentence's subject, and whether they are one."""
    names = list(dict.fromkeys(words.source(s) for s in source_ids))
    return joined(names), len(names) == 1


def _list_finding(conflict: Row, claims: pd.DataFrame, words: Wording) -> str | None:
    """'The CIPS blog lists five of the six priorities the official record gives for “…”
    (Global Affairs Canada, 11 October 2022 [R07]); missing: energy security', for list claims
    against a record list."""
    records = _record_rows(conflict, words.reference)
    records = records[records["attribute"].isin(["items", *split_list(conflict.attribute)])]
    listed = claims[claims["attribute"].isin(["items", "includes", "signatories", "participants"])]
    if len(records) != 1 or listed.empty:
        return None
    record = next(records.itertuples(index=False))
    noun = record_list_noun(record)
    expected = split_list(record.value)
    event = words.event(conflict.event_id)
    parts = []
    for value, given in listed.groupby("value_normalised", sort=False):
        members = split_list(value)
        extra = [words.item(m) for m in members if m not in expected]
        missing = [words.item(k) for k in expected if k not in members]
        who, one = _who(given["source_id"], words)
        if (given["attribute"] == "includes").all():
            parts.append(
                f"{who} {'includes' if one else 'include'} {joined(extra)} among the {noun} of "
                f"{event}, which the official record's list does not have"
            )
            continue
        sentence = (
            f"{who} {'lists' if one else 'list'} {some(len(expected) - len(missing))} of the "
            f"{number_word(len(expected))} {noun} the official record gives for {event}"
        )
        counts = claims[
            (claims["attribute"] == "count") & claims["source_id"].isin(given["source_id"])
        ]
        if not counts.empty:
            said = joined([words.value("count", v) for v in counts["value_normalised"]])
            sentence += f", though {'it announces' if one else 'they announce'} {said}"
        if missing:
            sentence += f"; missing: {joined(missing)}"
        if extra:
            sentence += f"; not in the record: {joined(extra)}"
        parts.append(sentence)
    return "; ".join(parts) + f" ({words.record_cited(record.record_id)})."


def _count_finding(conflict: Row, claims: pd.DataFrame, words: Wording) -> str | None:
    """'The CIPS blog contradicts itself about “…”: it counts six priorities but lists five;
    the official record has six (…)', for a source's count against its own list."""
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
        noun = record_list_noun(record)
        n = len(split_list(record.value))
        record_clause = (
            f"; the official record has {number_word(n)} ({words.record_cited(record.record_id)})"
        )
    said = joined([words.value("count", v) for v in counts["value_normalised"]])
    given = joined([number_word(len(split_list(v))) for v in lists["value_normalised"]])
    who, _ = _who(claims["source_id"], words)
    return (
        f"{who} contradicts itself about {words.event(conflict.event_id)}: it counts {said} "
        f"{noun} but lists {given}{record_clause}."
    )


def _role_finding(conflict: Row, claims: pd.DataFrame, words: Wording) -> str | None:
    """'mediawall.news names Mélanie Joly as Canada's foreign minister at “…” (8 July 2025);
    she held that post from 26 October 2021 to 13 May 2025, and Anita Anand held it on that
    date (Manila Bulletin, 13 May 2025 [R14]; theglobeandmail.com)'."""
    on = words.dates.get(conflict.event_id, "")
    if not conflict.subject or not on or claims.empty:
        return None
    entities = words.entities
    parts = []
    bases: list[str] = []
    person = words.names.get(conflict.subject, conflict.subject)
    for role, given in claims.groupby("value_normalised", sort=False):
        held = entities[(entities["entity_id"] == conflict.subject) & (entities["role"] == role)]
        spans = joined(
            [
                f"from {date_words(start) if start else 'an unknown date'} to "
                f"{date_words(end) if end else 'today'}"
                for start, end in zip(held["role_start"], held["role_end"], strict=True)
            ]
        )
        with_role = entities[entities["role"] == role]
        # Each entity's spans gathered once: looking them up in every entity per holder took
        # tens of milliseconds a finding, a minute for an export of 10^5 claims.
        spans_of: dict[str, list[tuple[str, str]]] = {}
        for entity_id, start, end in zip(
            with_role["entity_id"], with_role["role_start"], with_role["role_end"], strict=True
        ):
            spans_of.setdefault(entity_id, []).append((start, end))
        holders = with_role[[spans_held(spans_of[e], on) is True for e in with_role["entity_id"]]]
        then = (
            f", and {joined([words.names.get(h, h) for h in holders['entity_id']])} held it on "
            "that date"
            if not holders.empty
            else ""
        )
        bases += [*held["role_basis"], *holders["role_basis"]]
        who, one = _who(given["source_id"], words)
        parts.append(
            f"{who} {'names' if one else 'name'} {person} as {words.role(role)} at "
            f"{words.event(conflict.event_id)}; {person} held that post {spans}{then}"
        )
    cited = "; ".join(
        dict.fromkeys(part for basis in bases for part in words.basis(basis).split("; ") if part)
    )
    return "; ".join(parts) + (f" ({cited})." if cited else ".")


def _speaker(internal: bool, words: Wording, quotes: dict[str, str]) -> Callable[[Statement], str]:
    """Who states a value, as a sentence names them: 'the official record (…)', 'the RIPS
    newsletter', or in a source's disagreement with itself the claim's attribute too; a source
    that calls an agreement by another name is quoted ('CIPS blog (as “The planned General
    Security of Information Agreement”)')."""

    def speaker(statement: Statement) -> str:
        if statement.is_record:
            return f"the official record ({words.record_cited(statement.id)})"
        name = words.source(statement.source)
        if internal:
            return f"{name} ({ATTRIBUTE_WORDS.get(statement.attribute, statement.attribute)})"
        quote = quotes.get(statement.id, "")
        named = words.value(statement.attribute, statement.value)
        if (
            statement.attribute == "agreement_name"
            and quote
            and (named.casefold() not in quote.casefold())
        ):
            return f"{name} (as “{quote}”)"
        return name

    return speaker


def _values_finding(conflict: Row, claims: pd.DataFrame, words: Wording) -> str:
    """'For “…” (8 July 2025), mediawall.news gives the place as Ottawa; the official record
    (…) and the RIPS newsletter give Tokyo.'"""
    what = attribute_phrase(conflict.attribute, conflict.subject, words.names)
    quotes = dict(zip(claims["claim_id"], claims["quote"], strict=True))
    speaker = _speaker(conflict.scope == "internal", words, quotes)
    said: list[tuple[str, bool, str]] = []
    for side in words.sides.get(conflict.conflict_id, []):
        by_value: dict[str, list[str]] = {}
        for statement in side:
            shown = words.value(statement.attribute, statement.value)
            shown = f"not {shown}" if statement.stance == DENIES else shown
            by_value.setdefault(shown, [])
            if speaker(statement) not in by_value[shown]:
                by_value[shown].append(speaker(statement))
        said += [(joined(who), len(who) == 1, value) for value, who in by_value.items()]
    if not said:
        return f"For {words.event(conflict.event_id)}, the sources disagree on the {what}."
    first_who, alone, first_value = said[0]
    text = f"{first_who} {'gives' if alone else 'give'} the {what} as {first_value}"
    text += "".join(f"; {who} {'gives' if one else 'give'} {value}" for who, one, value in said[1:])
    silent = " The official record is silent." if conflict.scope == "between_sources" else ""
    return f"For {words.event(conflict.event_id)}, {text}.{silent}"


def conflict_sentence(conflict: Row, claims: pd.DataFrame, words: Wording) -> str:
    """One plain sentence for a conflicts row, in names, labels and dates, citing record rows by
    publisher and date: who says what, and what the record says. `claims` are the conflict's
    own claims."""
    attributes = set(split_list(conflict.attribute))
    sentence = None
    if conflict.scope == "internal" and "count" in attributes:
        sentence = _count_finding(conflict, claims, words)
    elif attributes == {"role"}:
        sentence = _role_finding(conflict, claims, words)
    elif attributes & LIST_ATTRIBUTES and conflict.scope == "against_record":
        sentence = _list_finding(conflict, claims, words)
    sentence = sentence or _values_finding(conflict, claims, words)
    return "The" + sentence[3:] if sentence.startswith("the ") else sentence


def inference(cited: pd.DataFrame, claims: pd.DataFrame, words: Wording) -> str:
    """What in a finding rests on the curators' reading, not on the words of the sources: an
    undated text whose claims are read as a dated event ('mediawall.news (unattributed) has no
    date and names no agreement: the curators read its claims as “…” (8 July 2025)')."""
    notes = []
    for source_id, mine in cited.groupby("source_id", sort=False):
        events = [e for e in dict.fromkeys(mine["event_id"]) if e and words.dates.get(e)]
        if not words.is_undated(source_id) or not events:
            continue
        gaps = ["has no date"]
        named = claims[
            (claims["source_id"] == source_id) & (claims["attribute"] == "agreement_name")
        ]
        if not named["event_id"].isin(events).any():
            gaps.append("names no agreement")
        notes.append(
            f"{words.source(source_id)} {' and '.join(gaps)}: the curators read its "
            f"{'claim' if len(mine) == 1 else 'claims'} as "
            f"{joined([words.event(e) for e in events])}; that link is inference"
        )
    return "; ".join(notes) + ("." if notes else "")


def cited_claims_html(cited: pd.DataFrame, verdict: Callable[[object], str]) -> str:
    """The claims a finding rests on: each by id (its citation tag), quote, verdict with its
    grade and, where there is one, the curators' note on how it was read."""
    items = []
    for claim in cited.itertuples(index=False):
        reading = html.escape(dates_in_words(claim.note))
        note = (
            f' <span class="ct-reading">Curators\' reading: {reading}</span>' if claim.note else ""
        )
        items.append(
            f"<li><code>{html.escape(claim.claim_id)}</code> “{html.escape(claim.quote)}” "
            f"{gloss_html(claim.gloss) + ' ' if claim.gloss else ''}"
            f'<span class="ct-grade">— {html.escape(verdict(claim))}'
            f"</span>{note}</li>"
        )
    return f'<ul class="ct-cites">{"".join(items)}</ul>'


def finding_items(
    listed: pd.DataFrame, claims: pd.DataFrame, words: Wording, verdict: Callable[[object], str]
) -> list[str]:
    """Each conflict as a list item: the sentence, any inference it rests on, then the claims
    it cites with their verdicts (HTML)."""
    by_id = claims.set_index("claim_id", drop=False)
    items = []
    for conflict in listed.itertuples(index=False):
        cited = by_id.loc[[c for c in split_list(conflict.claim_ids) if c in by_id.index]]
        sentence = conflict_sentence(conflict, cited, words)
        inferred = inference(cited, claims, words)
        inferred_html = (
            f' <span class="ct-inference">{html.escape(inferred)}</span>' if inferred else ""
        )
        items.append(
            f"<li><p>{html.escape(sentence)}{inferred_html}</p>"
            f"{cited_claims_html(cited, verdict)}</li>"
        )
    return items


def findings_html(
    listed: Shown, claims: pd.DataFrame, words: Wording, verdict: Callable[[object], str]
) -> str:
    """The conflicts a report lists (limits.listed_conflicts) as sentences, each citing its
    claims by id, quote and verdict, after the note on what is left out (HTML)."""
    if listed.rows.empty:
        return "<p>No source disagrees with another or with the record in this selection.</p>"
    items = "".join(finding_items(listed.rows, claims, words, verdict))
    return f'{listed.note}<ul class="ct-findings">{items}</ul>'
