"""One plain sentence per conflict, in names and titles, citing the record: the key findings."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from claimtrace.corpus.entities import role_held, split_list
from claimtrace.judge.conflicts import Statement, grouped_by_value
from claimtrace.present.limits import Shown
from claimtrace.present.wording import (
    Wording,
    attribute_phrase,
    citation,
    joined,
    number_text,
    number_word,
    readable_value,
    record_list_words,
    role_label,
    some,
    verb_for,
)
from claimtrace.vocabulary import LIST_ATTRIBUTES


def _record_rows(conflict: object, reference: pd.DataFrame) -> pd.DataFrame:
    ids = {part for chunk in split_list(conflict.record_ids) for part in chunk.split("+")}
    return reference[reference["record_id"].isin(ids)]


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
        who = joined(list(given["source_id"]))
        if (given["attribute"] == "includes").all():
            includes = verb_for("includes", given["source_id"])
            parts.append(
                f"{who} {includes} {joined(extra)} among the {noun} of “{title}”, which the "
                "record's list does not have"
            )
            continue
        kept = len(expected) - len(missing)
        sentence = (
            f"{who} {verb_for('lists', given['source_id'])} {some(kept)} of the record's "
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
    said = joined([number_text(v) for v in counts["value_normalised"]])
    given = joined([number_word(len(split_list(v))) for v in lists["value_normalised"]])
    title = words.titles.get(conflict.event_id, conflict.event_id)
    return (
        f"{joined(sorted(set(claims['source_id'])))} contradicts itself about “{title}”: it "
        f"counts {said} {noun} but lists {given}{record_clause}."
    )


def _own_count_clause(claims: pd.DataFrame) -> str:
    """'; it announces six but lists five': a list finding's other facet, the source's count
    against its own list."""
    counts = claims[claims["attribute"] == "count"]
    lists = claims[claims["attribute"] == "items"]
    if counts.empty or lists.empty:
        return ""
    said = joined([number_text(v) for v in counts["value_normalised"]])
    given = joined([number_word(len(split_list(v))) for v in lists["value_normalised"]])
    return f"; it announces {said} but lists {given}"


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
        spans = joined(
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
            f", and {joined([words.names.get(h, h) for h in holders['entity_id']])} held it on "
            "that date"
            if not holders.empty
            else ""
        )
        bases += [
            b for basis in (*held["role_basis"], *holders["role_basis"]) for b in split_list(basis)
        ]
        title = words.titles.get(conflict.event_id, conflict.event_id)
        parts.append(
            f"{joined(list(given['source_id']))} {verb_for('names', given['source_id'])} "
            f"{person} as "
            f"{role_label(role, words.names)} at “{title}” ({on}); {person} held that post "
            f"{spans}{then}"
        )
    cited = "; ".join(dict.fromkeys(citation(b) for b in bases))
    return "; ".join(parts) + (f" ({cited})." if cited else ".")


def _speaker(internal: bool) -> Callable[[Statement], str]:
    """Who states a value, as a sentence names them: 'the record (R12, R13)', 'rips', or in a
    source's disagreement with itself the attribute it uses ('cips items')."""

    def speaker(statement: Statement) -> str:
        if statement.is_record:
            if statement.attribute == "role":
                return "dated roles"
            return f"the record ({', '.join(statement.id.split('+'))})"
        return f"{statement.source} {statement.attribute}" if internal else statement.source

    return speaker


def _values_finding(conflict: object, words: Wording) -> str:
    """'For “…”, mediawall gives the place as Ottawa; the record (R12, R13) and rips give
    Tokyo.'"""
    what = attribute_phrase(conflict.attribute, conflict.subject, words.names)
    title = words.titles.get(conflict.event_id, conflict.event_id)
    internal = conflict.scope == "internal"
    said = [
        (joined(labels), len(labels) == 1, readable_value(value, words.names))
        for side in words.sides.get(conflict.conflict_id, [])
        for value, labels in grouped_by_value(side, _speaker(internal), internal).items()
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
    elif attributes & LIST_ATTRIBUTES and conflict.scope == "against_record":
        sentence = _list_finding(conflict, claims, words)
        if sentence and "internal" in split_list(conflict.facets):
            sentence = sentence[:-1] + _own_count_clause(claims) + "."
    return sentence or _values_finding(conflict, words)


def findings_html(listed: Shown, claims: pd.DataFrame, words: Wording) -> str:
    """The conflicts a report lists (limits.listed_conflicts) as sentences, each citing its
    claims by id and quote, after the note on what is left out (HTML)."""
    if listed.rows.empty:
        return "<p>No source disagrees with another or with the record on the selection.</p>"
    by_id = claims.set_index("claim_id", drop=False)
    items = []
    for conflict in listed.rows.itertuples(index=False):
        cited_ids = [c for c in split_list(conflict.claim_ids) if c in by_id.index]
        sentence = conflict_sentence(conflict, by_id.loc[cited_ids], words)
        cited = "".join(
            f"<li><code>{html.escape(claim_id)}</code> "
            f"“{html.escape(by_id.at[claim_id, 'quote'])}”</li>"
            for claim_id in cited_ids
        )
        items.append(f'<li>{html.escape(sentence)}<ul class="ct-cites">{cited}</ul></li>')
    return f'{listed.note}<ul class="ct-findings">{"".join(items)}</ul>'
