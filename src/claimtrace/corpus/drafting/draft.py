"""Propose candidate claims for one seed, for a curator to review: never written to claims.csv.

Each proposal is a row in the claims.csv columns (its quote the seed's exact words, widened
until it occurs once in the seed, so it anchors) plus `reason` (why each guess: the attribute,
the value, the event, the kind) and `confidence` (high, medium or low, the least sure of its
guesses). The rules are in proposals.py; an agreement's name is proposed once per event.
Headings and page furniture (lines without a sentence, tickers cut by '|') are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from claimtrace.corpus.anchoring import occurrences
from claimtrace.corpus.drafting.event_match import EventMatcher
from claimtrace.corpus.drafting.foreign_rules import propose_foreign
from claimtrace.corpus.drafting.foreign_text import LANGUAGES, ForeignNames, foreign_sentences
from claimtrace.corpus.drafting.local_time import Clocks, LocalTime, given_in
from claimtrace.corpus.drafting.mentions import EntityMatcher, Sentence, sentences
from claimtrace.corpus.drafting.proposals import Proposal, propose, roles_of
from claimtrace.corpus.drafting.stance import cues, governing
from claimtrace.corpus.entities import alias_index, resolve_name, split_list
from claimtrace.corpus.files import why_not_replace, write_atomically
from claimtrace.corpus.language import ENGLISH, is_english, language_name
from claimtrace.corpus.load import TABLES, Corpus, load_corpus
from claimtrace.corpus.rules import Context
from claimtrace.corpus.schemas import claims_schema
from claimtrace.errors import OptionError, ParameterProblem, brief
from claimtrace.vocabulary import ASSERTS

CLAIM_COLUMNS = tuple(claims_schema(Context()).columns)
DRAFT_COLUMNS = (*CLAIM_COLUMNS, "reason", "confidence")
CONFIDENCE = ("low", "medium", "high")
COMMAND = "draft"
DRAFTS = "drafts"
"""Where drafts go by default, inside the data folder (git ignores it)."""
NEWS_NAME = re.compile(
    r"\b(?:News|Press|Post|Times|Shimbun|Herald|Journal|Daily|Tribune|Gazette|Globe|Guardian|"
    r"Broadcasting|Television|Radio|Wire)\b"
)
"""Words in an organisation's name that make it a news outlet."""
LONGEST_QUOTE = 400
"""Characters a quote is widened to at most to make it occur once in the seed."""
UNSPACED_FROM = "\u2e80"
"""Where the CJK blocks start (radicals, kana, ideographs, full-width forms follow)."""
FORECAST_WORDS = ("will", "would", "expected", "likely", "aims", "aim", "plans", "promised")


def draft_claims(
    source_id: str,
    corpus: Corpus,
    entities: pd.DataFrame | None = None,
    *,
    every_mention: bool = False,
) -> pd.DataFrame:
    """The proposals for one seeded source, in reading order, as rows of DRAFT_COLUMNS.

    `entities` replaces the corpus's alias table (to measure what a new article meets). With
    `every_mention`, each mention of an entity that no proposal quotes is a row too, with the
    entity as its subject and no attribute, for the curator to make a claim of or delete."""
    entities = corpus.entities if entities is None else entities
    seed = corpus.seeds[source_id]
    source = corpus.sources.set_index("source_id").loc[source_id]
    published = source["published"]
    language = language_of(corpus.sources, source_id)
    names = EntityMatcher(entities)
    events = EventMatcher(corpus.events, entities, names, published)
    outlets = _outlets(corpus.sources, entities)
    roles = roles_of(entities)
    clocks = Clocks(entities, published)
    if language in LANGUAGES:
        read = foreign_sentences(seed, ForeignNames(entities, language))
    elif is_english(language):
        read = sentences(seed, names)
    else:
        raise ValueError(f"the drafter does not read {language_name(language)}")
    proposals: list[Proposal] = []
    for sentence in read:
        if not sentence.prose:
            continue  # headings and page furniture repeat the text or are not the source's
        said = cues(sentence, outlets)
        tellers = frozenset(cue.party for cue in said if cue.party)  # not taking part
        times = clocks.said(sentence)
        found = [
            _in_local_time(replace(p, cue=governing(said, p.start, p.end)), times)
            for p in (
                propose_foreign(sentence, published, roles, outlets | tellers, language)
                if language in LANGUAGES
                else propose(sentence, published, roles, outlets | tellers)
            )
        ]
        proposals += found
        if every_mention:
            proposals += _other_mentions(sentence, found)
    rows = _rows(source_id, seed, sorted(proposals, key=lambda p: p.start), events, outlets)
    first = _next_number(corpus.claims, source_id)
    for number, row in enumerate(rows, start=first):
        row["claim_id"] = f"{source_id}-{number:02d}"
    return pd.DataFrame(rows, columns=list(DRAFT_COLUMNS))


def language_of(sources: pd.DataFrame, source_id: str) -> str:
    """The source's language code as sources.csv gives it ('en' when it does not)."""
    code = sources.set_index("source_id").get("language", pd.Series(dtype=str)).get(source_id, "")
    return code or ENGLISH


def reads(language: str) -> bool:
    """Whether the drafter has rules for the language: English, French, Japanese."""
    return is_english(language) or language in LANGUAGES


def _in_local_time(proposal: Proposal, times: list[LocalTime]) -> Proposal:
    """A date with the zone of the local time it is given in; a place that only tells whose
    clock a date follows ("on Monday evening in Ottawa") is doubted."""
    if proposal.attribute == "place":
        if any(t.start < proposal.end and proposal.start < t.end for t in times):
            doubt = "it also tells whose local time a date is in: is the event there?"
            return replace(proposal, reason=f"{proposal.reason}; {doubt}", confidence="low")
        return proposal
    local = given_in(times, proposal.start, proposal.end) if proposal.attribute == "date" else None
    if local is None:
        return proposal
    return replace(
        proposal,
        time_zone=local.zone,
        reason=f"{proposal.reason}; {local.reason}",
        note="; ".join(note for note in (proposal.note, local.note) if note),
    )


def _other_mentions(sentence: Sentence, found: list[Proposal]) -> list[Proposal]:
    return [
        Proposal(m.start, m.end, "", "", f"names {m.text} (entity {m.entity_id}); no rule made "
                 "a claim of it", "low", sentence, subject=m.entity_id)
        for m in sentence.mentions
        if not any(p.start <= m.start and m.end <= p.end for p in found)
    ]  # fmt: skip


def _outlets(sources: pd.DataFrame, entities: pd.DataFrame) -> frozenset[str]:
    """Entities that sources.csv names as outlets a source relies on, and organisations whose
    name says they publish news ("Kyodo News"): named in a seed, they credit a report
    (attributed_to), they do not take part in the event."""
    index = alias_index(entities)
    names = (name for field in sources["relies_on"] for name in split_list(field))
    relied_on = {i for name in names if (i := resolve_name(name, index)) is not None}
    organisations = entities[entities["entity_type"] == "organisation"]
    newsy = organisations["canonical_name"].str.contains(NEWS_NAME)
    return frozenset(relied_on | set(organisations.loc[newsy, "entity_id"]))


def _rows(
    source_id: str,
    seed: str,
    proposals: Iterable[Proposal],
    events: EventMatcher,
    outlets: frozenset[str],
) -> list[dict[str, str]]:
    rows = []
    said: set[tuple[str, str]] = set()
    for proposal in proposals:
        dated = proposal.attribute == "date"
        guess = events.guess(proposal.sentence, proposal.dates, dated=dated)
        if proposal.attribute == "agreement_name":
            if (proposal.value, guess.event_id) in said:
                continue  # the same name for the same event adds nothing to compare
            said.add((proposal.value, guess.event_id))
        kind, kind_reason = _kind(seed, proposal)
        start, end = unique_quote(seed, *_closed(seed, proposal.start, proposal.end))
        cue = proposal.cue
        attributed_to, credit = _credited(proposal, outlets)
        reasons = [proposal.reason, guess.reason, kind_reason, credit]
        confidence = [proposal.confidence, guess.confidence]
        if (times := seed.count(seed[start:end])) > 1:
            reasons.append(f"its quote occurs {times} times in the seed: quote more words")
            confidence.append("low")
        if cue is not None and cue.stance != ASSERTS:
            confidence.append("medium")  # a cue's scope is a guess at the clause it governs
        reasons += [
            f"'{m.text}' read as {m.entity_id} ({m.variant}): add it to its aliases in entities.csv"
            for m in proposal.sentence.mentions
            if m.variant and proposal.start <= m.start and m.end <= proposal.end
        ]
        rows.append(
            {
                "claim_id": "",
                "source_id": source_id,
                "quote": seed[start:end],
                "event_id": guess.event_id,
                "subject": proposal.subject,
                "attribute": proposal.attribute,
                "value": proposal.value,
                "kind": kind,
                "attributed_to": attributed_to,
                "stance": cue.stance if cue is not None else "",
                "time_zone": proposal.time_zone,
                "note": "; ".join(n for n in (proposal.note, cue.note if cue else "") if n),
                "reason": "; ".join(r for r in reasons if r),
                "confidence": min(confidence, key=CONFIDENCE.index),
            }
        )
    return rows


def _credited(proposal: Proposal, outlets: frozenset[str]) -> tuple[str, str]:
    """Who the value is credited to (attributed_to) and why: the teller or denier its cue
    names, else an outlet its sentence names."""
    cue = proposal.cue
    if cue is not None and cue.stance != ASSERTS:
        return cue.party, cue.reason
    credited = next((m for m in proposal.sentence.mentions if m.entity_id in outlets), None)
    reasons = [cue.reason if cue is not None else ""]
    if credited is not None:
        reasons.append(f"credited to {credited.text}")
    return (
        credited.entity_id if credited is not None else "",
        "; ".join(reason for reason in reasons if reason),
    )


def _kind(seed: str, proposal: Proposal) -> tuple[str, str]:
    paragraph_start = seed.rfind("\n", 0, proposal.start) + 1
    before = seed[paragraph_start : proposal.start]
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        return "attributed_quote", "inside quotation marks"
    narrated = proposal.sentence.words(outside_quotes=True)
    forecast = next((w for w in narrated if w in FORECAST_WORDS), None)
    if forecast is not None:
        return "forecast", f"the sentence looks ahead ('{forecast}')"
    return "reported_fact", ""


def _closed(seed: str, start: int, end: int) -> tuple[int, int]:
    """The span with a bracket it opens closed: "(PLA" becomes "(PLA)"."""
    closing = seed.find(")", end)
    if seed.count("(", start, end) > seed.count(")", start, end) and 0 <= closing - end < 3:
        return start, closing + 1
    return start, end


def unique_quote(seed: str, start: int, end: int) -> tuple[int, int]:
    """The span widened a word at a time, right then left, until its words occur once in the
    seed, so the quote anchors; at most to LONGEST_QUOTE characters, so a text that repeats
    itself costs a few searches per proposal, not one per word of the seed (the row then says
    that its quote is ambiguous)."""
    grow_right = True
    while len(occurrences(seed[start:end], seed)) > 1 and end - start < LONGEST_QUOTE:
        if (grow_right and end < len(seed)) or start == 0:
            end = _word_end(seed, end)
        else:
            start = _word_start(seed, start)
        grow_right = not grow_right
    return start, end


def _word_end(seed: str, at: int) -> int:
    while at < len(seed) and seed[at].isspace():
        at += 1
    if at < len(seed) and _unspaced(seed[at]):
        return at + 1  # Japanese has no spaces between words: widen a character at a time
    while at < len(seed) and not seed[at].isspace() and not _unspaced(seed[at]):
        at += 1
    return at


def _word_start(seed: str, at: int) -> int:
    while at > 0 and seed[at - 1].isspace():
        at -= 1
    if at > 0 and _unspaced(seed[at - 1]):
        return at - 1
    while at > 0 and not seed[at - 1].isspace() and not _unspaced(seed[at - 1]):
        at -= 1
    return at


def _unspaced(character: str) -> bool:
    """Whether the character belongs to a script written without spaces (CJK, kana, and
    their full-width punctuation)."""
    return character >= UNSPACED_FROM


def _next_number(claims: pd.DataFrame, source_id: str) -> int:
    """One more than the highest number of the source's curated claim ids."""
    ids = claims.loc[claims["source_id"] == source_id, "claim_id"]
    numbers = [int(i.rsplit("-", 1)[1]) for i in ids if i.rsplit("-", 1)[-1].isdigit()]
    return max(numbers, default=0) + 1


def draft_to_file(
    source_id: str,
    data_dir: Path,
    seeds_dir: Path | None = None,
    output: Path | None = None,
    *,
    force: bool = False,
    every_mention: bool = False,
) -> tuple[Path, pd.DataFrame, str]:
    """Draft the source's claims into `output` (default data/drafts/<source_id>.csv); the
    draft, where it went and the language it was read in.

    OptionError, with nothing written, for an unknown source or one without a seed, an output
    that is a curated table, or an existing draft without `force` (it may hold the curator's
    edits); DataError when the curated data does not load."""
    corpus = load_corpus(data_dir, seeds_dir)
    path = output if output is not None else data_dir / DRAFTS / f"{source_id}.csv"
    problems = []
    if source_id not in corpus.seeds:
        known = ", ".join(sorted(corpus.seeds))
        rule = (
            f"{brief(source_id)} has no seed to draft from; seeded sources: {known}"
            if source_id in set(corpus.sources["source_id"])
            else f"no source {brief(source_id)} in sources.csv; seeded sources: {known}"
        )
        problems.append(ParameterProblem(rule, "SOURCE_ID"))
    elif not reads(language := language_of(corpus.sources, source_id)):
        rule = (
            f"{source_id!r} is in {language_name(language)} ({language}); the drafter reads "
            f"English, {', '.join(LANGUAGES.values())}: curate it by hand"
        )
        problems.append(ParameterProblem(rule, "SOURCE_ID"))
    try:
        refused = _why_not_write(path, data_dir, force)
    except OSError as error:  # a name too long for the file system
        refused = f"cannot write {brief(str(path))}: {error.strerror}"
    if refused:
        problems.append(ParameterProblem(refused, "-o"))
    if problems:
        raise OptionError(COMMAND, problems)
    draft = draft_claims(source_id, corpus, every_mention=every_mention)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, draft.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    except OSError as error:
        raise OptionError(
            COMMAND, [ParameterProblem(f"cannot write {path}: {error}", "-o")]
        ) from error
    return path, draft, language_of(corpus.sources, source_id)


def _why_not_write(path: Path, data_dir: Path, force: bool) -> str | None:
    """Why the draft must not be written to `path`: a curated table, something that is not a
    regular file of the project, or a draft that may hold the curator's edits."""
    if path.resolve() in {(data_dir / f"{table}.csv").resolve() for table in TABLES}:
        return f"{path} is a curated table; a draft never is"
    refused = why_not_replace(path, data_dir.resolve().parent)
    if refused is None and path.exists() and not force:
        return f"{path} exists and may hold your edits; --force replaces it"
    return refused
