"""Ids and keys turned into words: sources by their reader names, values by their labels,
dates and numbers in words, record rows by publisher and date.

Everything a report says about the data is worded in present/ from the assessed frames and the
curated names and labels, so it stays true when the tables change and never shows a key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import inflect
import pandas as pd

from claimtrace.corpus.dates import start_of
from claimtrace.corpus.entities import DatedRoles, dated_roles, split_list
from claimtrace.corpus.labels import RANGE_MARKS, label_index, unranged
from claimtrace.corpus.load import Corpus
from claimtrace.judge.assess import Assessment
from claimtrace.judge.conflicts import Statement, sides_by_conflict
from claimtrace.judge.judged import Row
from claimtrace.vocabulary import (
    CREDIBILITY_MEANINGS,
    OFFICIAL_RECORD_KIND,
    RANGED_ATTRIBUTES,
    RELIABILITY_MEANINGS,
)

ENGLISH = inflect.engine()
"""Plurals, verb agreement and number words: never hand-made rules."""

UNTITLED = "(untitled)"
"""What a reader-facing table shows for a source without a title."""

STATUS_WORDS = {
    "contradicted": "contradicted",
    "unconfirmed": "unconfirmed",
    "confirmed": "confirmed",
    "not_judged": "not checked",
}
"""Claim statuses as a reader reads them. "Not checked" (a description, analysis or forecast,
or a claim with nothing to compare) is kept apart from credibility 6, "cannot be judged"."""
SCOPE_WORDS = {
    "against_record": "against the record",
    "between_sources": "between sources",
    "internal": "within one source",
}
KIND_WORDS = {
    "reported_fact": "reported fact",
    "attributed_quote": "attributed quote",
    "analysis": "analysis",
    "forecast": "forecast",
}
SOURCE_KIND_WORDS = {
    "wire": "wire story",
    "news_article": "news article",
    "press_release": "press release",
    "aggregator": "news aggregator",
    "think_tank_column": "think-tank column",
    "academic_blog": "academic blog",
    "unattributed_article": "unattributed article",
    OFFICIAL_RECORD_KIND: "official record",
}
ATTRIBUTE_WORDS = {
    "date": "date",
    "place": "place",
    "signatories": "signatories",
    "participants": "participants",
    "agreement_name": "name of the agreement",
    "role": "role",
    "count": "count",
    "amount": "amount",
    "duration": "duration",
    "items": "list",
    "includes": "list (in part)",
    "description": "description",
}


def attribute_phrase(attribute: str, subject: str, names: Mapping[str, str]) -> str:
    """What a disagreement is about: 'name of the agreement', 'role of Mélanie Joly'."""
    what = " and ".join(ATTRIBUTE_WORDS.get(a, a) for a in split_list(attribute))
    return what + (f" of {names.get(subject, subject)}" if subject else "")


PRECISION_WORDS = {"day": "to the day", "month": "to the month", "year": "to the year"}


def credibility_words(grade: int) -> str:
    """'improbable (5)': the Admiralty meaning first, the grade after it."""
    return f"{CREDIBILITY_MEANINGS[grade]} ({grade})"


def reliability_words(grade: str) -> str:
    """'usually reliable (B)'."""
    return f"{RELIABILITY_MEANINGS[grade]} ({grade})"


def number_word(n: int) -> str:
    """A count as a word up to nine ('four'), as digits from ten on ('1,024')."""
    # inflect's annotation asks for a Number, which int is at run time but not to the checker.
    return "no" if n == 0 else str(ENGLISH.number_to_words(n, threshold=9, comma=","))  # type: ignore[arg-type]


def some(n: int) -> str:
    """A count in a sentence that is not its start: 'none', 'two'."""
    return number_word(n) if n else "none"


def counted(n: int, noun: str) -> str:
    """'one claim', 'two claims', 'no claims', '23 claims'."""
    return f"{number_word(n)} {ENGLISH.plural_noun(noun, n)}"


def verb(singular: str, n: int) -> str:
    """The verb agreeing with a count: verb('is', 1) 'is', verb('is', 2) 'are'."""
    return str(ENGLISH.plural_verb(singular, n))


def count_phrase(n: int, total: int, noun: str) -> str:
    """'One of 23 claims', 'None of the two sources', 'All three sources', 'The only source':
    a sentence's subject, capitalised."""
    nouns = ENGLISH.plural_noun(noun, total)
    if n == total == 1:
        return f"The only {noun}"
    if n == total:
        return f"All {number_word(total)} {nouns}"
    if n == 0:
        return f"None of the {number_word(total)} {nouns}"
    return f"{number_word(n)} of {number_word(total)} {nouns}".capitalize()


def agreeing(n: int, singular: str) -> str:
    """The verb after count_phrase: 'None of two sources has', 'Two of five sources have'."""
    return verb(singular, max(n, 1))


NAMED_IN_A_SENTENCE = 6
"""Most sources or items a sentence names; the rest are counted ('and 12 others')."""


def joined(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; past NAMED_IN_A_SENTENCE the rest are counted."""
    words = list(dict.fromkeys(w for w in words if w))
    if not words:
        return ""
    if len(words) > NAMED_IN_A_SENTENCE:
        rest = len(words) - NAMED_IN_A_SENTENCE + 1
        words = [*words[: NAMED_IN_A_SENTENCE - 1], f"{rest:,} others"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def date_words(date: str, precision: str = "") -> str:
    """'11 October 2022', 'October 2022', '2019'; 'an unknown date' when there is none."""
    if not date or precision == "unknown":
        return "an unknown date"
    day = start_of(date)
    parts = date.count("-")
    if parts == 2:
        return f"{day.day} {day:%B %Y}"
    return f"{day:%B %Y}" if parts == 1 else f"{day:%Y}"


def amount_words(amount: str) -> str:
    """'78000000 CAD' -> 'CAD 78 million'; other amounts with thousands separators."""
    number, _, currency = amount.partition(" ")
    value = float(number)
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"{currency} {value / 1_000_000:g} million".strip()
    return f"{currency} {value:,.0f}".strip()


_ISO_DATE = re.compile(r"\b\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?\b(?!-)")


def dates_in_words(text: str) -> str:
    """A curators' note as a reader reads it: its ISO dates in words ('the 2023-01-13 blog' ->
    'the 13 January 2023 blog'); notes keep ISO dates in the data."""
    return _ISO_DATE.sub(lambda found: date_words(found.group()), text)


_ADDRESS = re.compile(r"https?://(?:www\.)?([^/\s()]+)[^\s()]*")
_RECORD_LIST = re.compile(r" — ([a-z][a-z ]*): (.+)$")


def outlet(publisher: str) -> str:
    """The outlet a publisher (or byline) field names, without the curators' parenthesis; ''
    when it is unknown."""
    outlet = publisher.split(" (", 1)[0].strip()
    return "" if outlet.casefold().startswith(("unknown", "none")) else outlet


@dataclass(frozen=True)
class Wording:
    """What turns ids into words for one assessment: entity names, labels, source names, event
    titles and dates, the record's rows, origin groups and who says what in each conflict."""

    names: Mapping[str, str]
    labels: Mapping[str, Mapping[str, str]]
    """kind ('role', 'item', 'duration') -> key -> the reader's words (data/labels.csv)."""
    source_names: Mapping[str, str]
    sources: pd.DataFrame
    """sources.csv indexed by source_id."""
    titles: Mapping[str, str]
    dates: Mapping[str, str]
    precisions: Mapping[str, str]
    entities: pd.DataFrame
    reference: pd.DataFrame
    origin_members: Mapping[str, list[str]]
    """origin group -> its member sources, in id order."""
    web_pages: Mapping[str, str]
    """web address the dated roles rest on -> its tag in the reference list (W1, …)."""
    sides: Mapping[str, list[list[Statement]]]
    """conflict_id -> the statements on each side of that conflict."""

    def source(self, source_id: str) -> str:
        """A source by its reader name ('CIPS blog')."""
        return self.source_names.get(source_id, source_id)

    def source_introduced(self, source_id: str) -> str:
        """A source's first mention: 'CIPS blog (Centre for International Policy Studies, 13
        January 2023)', 'Canadian Press (11 October 2022)'; a name that ends in a parenthesis
        is followed by a comma: 'mediawall.news (unattributed), undated'."""
        if source_id not in self.sources.index:
            return self.source(source_id)
        row = self.sources.loc[source_id]
        if row["kind"] == OFFICIAL_RECORD_KIND:
            return self.source(source_id)
        name = self.source(source_id)
        published_by = outlet(row["publisher"])
        if published_by.removeprefix("The ").casefold() == name.removeprefix("The ").casefold():
            published_by = ""
        when = date_words(row["published"]) if row["published"] else "undated"
        about = ", ".join(p for p in (published_by, when) if p)
        return f"{name}, {about}" if name.endswith(")") else f"{name} ({about})"

    def is_undated(self, source_id: str) -> bool:
        return source_id in self.sources.index and not self.sources.at[source_id, "published"]

    def origin(self, group: str) -> str:
        """An origin group in words: its members' reader names, marked as one story when it
        has several ('Canadian Press and IndiaBlooms (one shared story)'), 'the official
        record' for the record."""
        members = self.origin_members.get(group, [group])
        shared = " (one shared story)" if len(members) > 1 else ""
        return joined([self.source(s) for s in members]) + shared

    def sharing_with(self, source_id: str, shared_origins: str) -> list[str]:
        """The other sources that `source_id` shares statements with (its `shared_origins`:
        the origin groups of two or more sources it belongs to), by reader name."""
        others = {
            member
            for group in split_list(shared_origins)
            for member in self.origin_members.get(group, [])
            if member != source_id
        }
        return [self.source(member) for member in sorted(others)]

    def event(self, event_id: str) -> str:
        """An event as a sentence names it: its title, with its date where known."""
        title = self.titles.get(event_id, event_id)
        date = self.dates.get(event_id, "")
        return f"“{title}” ({date_words(date)})" if date else f"“{title}”"

    def stance_note(self, claim: object) -> str:
        """Who stands behind a claim's value when it is not the source itself: ' (relayed from
        Global Affairs Canada)', ' (withdrawn by a correction)'; '' for an assertion or a
        denial (which is worded as one) and for a table from before stances."""
        stance = getattr(claim, "stance", "")
        if stance == "reports":
            relayed = self.names.get(getattr(claim, "attributed_to", ""), "") or "another source"
            return f" (relayed from {relayed})"
        return " (withdrawn by a correction)" if stance == "retracts" else ""

    @cached_property
    def _dated_roles(self) -> DatedRoles:
        """Indexed once: a listing asks who held a role for every role claim it words."""
        return dated_roles(self.entities)

    def role_on(self, person: str, on: str) -> str:
        """The role key `person` held on the date `on`, by the dated roles; '' when none."""
        return self._dated_roles.role_on(person, on)

    def role_holders(self, role: str, on: str, *, but: str = "") -> list[str]:
        """Who held `role` on the date `on` (other than `but`), by name."""
        return [self.names.get(p, p) for p in self._dated_roles.holders(role, on, but=but)]

    def role(self, key: str) -> str:
        return self.labels.get("role", {}).get(key) or key.replace("_", " ")

    def item(self, key: str) -> str:
        return self.names.get(key) or self.labels.get("item", {}).get(key) or key.replace("_", " ")

    def value(self, attribute: str, value: str) -> str:
        """A normalised value in the reader's words: names for entity ids, labels for keys,
        dates and amounts in words."""
        if not value:
            return "(no exact value given)"
        if attribute == "role":
            return self.role(value)
        if attribute in RANGED_ATTRIBUTES and unranged(value) != value:
            return f"{RANGE_MARKS[value[0]]} {self.value(attribute, unranged(value))}"
        if attribute == "duration":
            return self.labels.get("duration", {}).get(value) or value
        if attribute == "date":
            return date_words(value)
        if attribute == "amount":
            return amount_words(value)
        if attribute == "count":
            return number_word(int(value)) if value.isdigit() else value
        if attribute == "description":
            return f"“{value}”"
        return joined([self.item(member) for member in split_list(value)]) or value

    def record_cited(self, record_ids: str) -> str:
        """Record rows by publisher and date, each row id as the reference: 'Global Affairs
        Canada, 11 October 2022 [R08]'; ids joined by '+' or ';' are cited together."""
        ids = [part for chunk in split_list(record_ids) for part in chunk.split("+")]
        cited = []
        for record_id in dict.fromkeys(ids):
            if record_id not in self._record_rows:
                cited.append(f"[{record_id}]")
                continue
            publisher, date = self._record_rows[record_id]
            cited.append(f"{outlet(publisher) or 'the record'}, {date_words(date)} [{record_id}]")
        return "; ".join(cited)

    @cached_property
    def _record_rows(self) -> dict[str, tuple[str, str]]:
        """record_id -> its (publisher, date), indexed once: an export cites record rows tens of
        thousands of times."""
        rows = zip(*(self.reference[c] for c in ("record_id", "publisher", "date")), strict=True)
        return {record_id: (publisher, date) for record_id, publisher, date in rows}

    def known_records(self, text: str) -> list[str]:
        """The record rows a statement's id or a role's basis names ('R12+R13', 'R14 (end);
        https://… (start)'), in order."""
        words = re.findall(r"[^\s+;()]+", text)
        return [w for w in dict.fromkeys(words) if w in self._record_rows]

    def basis(self, basis: str) -> str:
        """A role's basis as cited: record rows by publisher and date, a web page by its tag
        in the reference list ('a web page [W1]'), never by a bare domain."""
        parts = []
        for chunk in split_list(basis):
            cited = re.sub(r"\s*\([^()]*\)$", "", chunk.strip())
            if not _ADDRESS.fullmatch(cited):
                parts.append(self.record_cited(cited))
                continue
            page = self.web_pages.get(cited)
            parts.append(f"a web page [{page}]" if page else "a web page")
        return "; ".join(dict.fromkeys(p for p in parts if p))


def wording(
    timeline: pd.DataFrame,
    entities: pd.DataFrame,
    reference: pd.DataFrame,
    conflict_statements: pd.DataFrame,
    *,
    sources: pd.DataFrame,
    labels: pd.DataFrame,
    origin_groups: pd.DataFrame,
) -> Wording:
    """The words for the ids of one assessment: its timeline, entities, record, conflicts,
    sources (sources.csv), labels (labels.csv) and origin groups (their members)."""
    members = {
        group: sorted(split_list(found))
        for group, found in zip(
            origin_groups["origin_group"], origin_groups["members"], strict=True
        )
    }
    return Wording(
        names=dict(zip(entities["entity_id"], entities["canonical_name"], strict=True)),
        labels=label_index(labels),
        source_names=dict(zip(sources["source_id"], sources["reader_name"], strict=True)),
        sources=sources.set_index("source_id", drop=False),
        titles=dict(zip(timeline["event_id"], timeline["title"], strict=True)),
        dates=dict(zip(timeline["event_id"], timeline["date"], strict=True)),
        precisions=dict(zip(timeline["event_id"], timeline["date_precision"], strict=True)),
        entities=entities,
        reference=reference,
        origin_members=members,
        web_pages=web_pages(entities),
        sides=sides_by_conflict(conflict_statements),
    )


def words_for(corpus: Corpus, assessment: Assessment) -> Wording:
    """The words for one assessment of one corpus."""
    return wording(
        assessment.timeline,
        corpus.entities,
        corpus.reference,
        assessment.conflict_statements,
        sources=corpus.sources,
        labels=corpus.labels,
        origin_groups=assessment.origin_groups,
    )


def web_pages(entities: pd.DataFrame) -> dict[str, str]:
    """Address -> its tag (W1, W2, …) for each web address the dated roles rest on, in the
    order the entities table first cites them."""
    addresses: dict[str, str] = {}
    for basis in entities["role_basis"]:
        for chunk in split_list(basis):
            cited = re.sub(r"\s*\([^()]*\)$", "", chunk.strip())
            if _ADDRESS.fullmatch(cited) and cited not in addresses:
                addresses[cited] = f"W{len(addresses) + 1}"
    return addresses


def record_list_noun(record: Row) -> str:
    """The noun a record row uses for its list ('priorities', from '… — priorities: …'), else
    'items'."""
    found = _RECORD_LIST.search(record.record_text)
    return found.group(1) if found else "items"


def data_as_of(sources: pd.DataFrame, reference: pd.DataFrame) -> str:
    """The date of the data in words: the newest dated source or record row."""
    dates = [d for d in (*sources["published"], *reference["date"]) if d]
    newest = max(dates, key=start_of, default="")
    return date_words(newest) if newest else "an unknown date"


def selection_words(
    sources: pd.DataFrame, *, selected: Sequence[str], date_from: str, date_to: str
) -> str:
    """A report's selection in a phrase: 'CIPS blog and RIPS newsletter; events dated 1 January
    2023 to 31 December 2026'."""
    names = dict(zip(sources["source_id"], sources["reader_name"], strict=True))
    who = joined([names.get(s, s) for s in selected]) if selected else "every source"
    return f"{who}; events dated {date_words(date_from)} to {date_words(date_to)}"
