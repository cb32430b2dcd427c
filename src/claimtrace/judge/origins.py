"""Independence: which statements are one line of evidence (an origin group), and why.

Two outlets repeating one wire story are one witness, not two; but an article that copies three
sentences of another is one witness with it for those sentences only. Dependence is a property
of the statement, not of the article (copy detection per value, as in Dong, Berti-Équille and
Srivastava, VLDB 2009). A claim is derivative, one witness with another source, when
- its quote lies in text its seed shares with that source's seed (several long runs of identical
  words: a derivative copy, attributed or not), or
- its source relies on that source, or both rely on one outlet (`sources.relies_on`), and the
  two make the same statement (same event, attribute, subject and value): what a source took
  from an outlet is what it repeats, not what it says otherwise.
Every other claim is its source's own witness. The official record is always its own origin.
Corroboration counts origin groups: a source's own claims are the group named by its id, and the
statements two or more sources share are a group named by its first member and how many others
it has (`canadian-press+1`), its members listed once in `origin_groups`.
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from claimtrace.corpus.dates import start_of
from claimtrace.corpus.entities import fold, split_list
from claimtrace.corpus.segments import UNSPACED, unspaced_words
from claimtrace.judge.judged import Row
from claimtrace.judge.sorting import distinct_integers, repeated_integers
from claimtrace.vocabulary import OFFICIAL_RECORD_KIND

RUN_WORDS = 6
"""Shortest run of identical words that counts as shared wording."""
MIN_SHARED_RUNS = 3
"""Distinct shared runs from which two texts count as copies of one another. One or two runs are
stock phrases ("a free and open Indo-Pacific region"); the 002/004 pair shares ten."""
LONG_RUN_WORDS = 25
"""One shared run this long is a copy too: a verbatim repost is a single long run."""

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_ASCII_SEPARATORS = str.maketrans(
    dict.fromkeys((c for c in map(chr, range(128)) if not c.isalnum() and c != "'"), " ")
)
"""Every ASCII character that `_WORD` never takes into a word, as a space."""
_STRAY_APOSTROPHE = re.compile(r"(?<![^\W_])'|'(?![^\W_])")
"""An apostrophe that is not between two letters or digits, which `_WORD` leaves out."""


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """The words of a text as compared, each with its character offsets in the text (end
    exclusive): apostrophes unified, then each word Unicode-compatibility folded and casefolded;
    punctuation, quotes and hyphens act as spaces. Japanese, written without spaces, is cut
    into the words of its dictionary (corpus/segments.py)."""
    unified = text.translate(_APOSTROPHES)  # one character for one: offsets hold
    return [
        (unicodedata.normalize("NFKC", word).casefold(), start, end)
        for found in _WORD.finditer(unified)
        for word, start, end in _words_of(found)
    ]


def _words_of(found: re.Match[str]) -> list[tuple[str, int, int]]:
    """The words a run of word characters holds: itself, unless it is in an unspaced script."""
    if not UNSPACED.search(found.group()):
        return [(found.group(), found.start(), found.end())]
    at = found.start()
    return [(word, at + start, at + end) for word, start, end in unspaced_words(found.group())]


def text_words(text: str) -> list[str]:
    """The words of a text as compared (`word_spans` without the offsets). An ASCII text, which
    folding leaves as it is, is split where `_WORD` would not take a character, made a space:
    four times faster than finding each word, and a large corpus has a hundred million words."""
    if not text.isascii():
        return [word for word, _, _ in word_spans(text)]
    folded = text.casefold()
    if "'" in folded:
        folded = _STRAY_APOSTROPHE.sub(" ", folded)
    return folded.translate(_ASCII_SEPARATORS).split()


def shared_runs(a: str, b: str, run_words: int = RUN_WORDS) -> list[str]:
    """The maximal runs of at least `run_words` consecutive words that occur in both texts, in
    the order of `a`. Overlapping shingles of `a` found in `b` are merged into one run."""
    return _shared_runs(text_words(a), text_words(b), run_words)


def _shingles(words: list[str], run_words: int) -> list[tuple[str, ...]]:
    """Every run of `run_words` consecutive words, in order (none in a shorter text)."""
    return list(zip(*(words[offset:] for offset in range(run_words)), strict=False))


def _run_bounds(words_a: list[str], words_b: list[str], run_words: int) -> list[tuple[int, int]]:
    """The maximal runs of `words_a` (first word, last word + 1) made of shingles of `run_words`
    words that occur in `words_b`; overlapping or touching shingles make one run."""
    shingles_b = set(_shingles(words_b, run_words))
    runs: list[list[int]] = []
    for start, shingle in enumerate(_shingles(words_a, run_words)):
        if shingle not in shingles_b:
            continue
        if runs and start <= runs[-1][1] + 1:
            runs[-1][1] = start
        else:
            runs.append([start, start])
    return [(first, last + run_words) for first, last in runs]


def _shared_runs(words_a: list[str], words_b: list[str], run_words: int) -> list[str]:
    return [" ".join(words_a[first:end]) for first, end in _run_bounds(words_a, words_b, run_words)]


def _pairs_sharing_a_shingle(texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """The pairs of texts (in sorted order) with a run of RUN_WORDS words in common.

    Found by sorting the hashes of every text's shingles rather than by comparing every pair of
    texts, which is quadratic in the number of seeds; a hash collision only adds a pair that is
    then compared word for word. Words are coded by their string hash, not numbered through a
    dictionary, which costs seconds for the hundred million words of a large corpus. Texts are
    read one at a time: the words of all seeds at once would take gigabytes in a large corpus.
    """
    # Lines marked "no mutate" make the hash: any other hash that gives equal shingles equal
    # values finds the same pairs, since each pair is then compared word for word.
    sources = sorted(texts)
    digests: list[np.ndarray] = []  # per text in sorted order, its distinct shingle hashes
    for source in sources:
        words = text_words(texts[source])
        hashed = np.fromiter(map(hash, words), np.int64, len(words))  # pragma: no mutate
        coded = hashed.view(np.uint64)  # pragma: no mutate
        count = max(len(coded) - RUN_WORDS + 1, 0)  # pragma: no mutate
        digest = np.zeros(count, dtype=np.uint64)  # pragma: no mutate
        # A polynomial hash; uint64 arithmetic wraps around. In place: a large corpus has ten
        # thousand seeds, each a dozen new arrays otherwise.
        for offset in range(RUN_WORDS):
            digest *= np.uint64(1_000_003)  # pragma: no mutate
            digest += coded[offset : offset + count]  # pragma: no mutate
        digests.append(distinct_integers(digest))
    if not digests:
        return []
    # The hashes held by two texts or more, then who holds them: only the hashes are sorted, not
    # (hash, text) pairs, which would take an index as large as all the hashes.
    shared = repeated_integers(np.concatenate(digests))
    holders: dict[int, list[int]] = {}
    for number, digest in enumerate(digests):
        held = np.isin(digest, shared, assume_unique=True)  # pragma: no mutate
        for value in digest[held].tolist():
            holders.setdefault(value, []).append(number)
    return sorted(
        {
            (sources[a], sources[b])
            for held in holders.values()
            for a, b in itertools.combinations(held, 2)
        }
    )


def text_reuse(texts: Mapping[str, str]) -> pd.DataFrame:
    """One row per pair of texts (keyed by source id) sharing any run: source_a, source_b,
    shared_runs, longest_run_words, derivative (at least MIN_SHARED_RUNS runs, or one run of
    LONG_RUN_WORDS words), example (the longest run)."""
    pairs = _pairs_sharing_a_shingle(texts)
    words = {source: text_words(texts[source]) for pair in pairs for source in pair}
    rows = []
    for source_a, source_b in pairs:
        runs = _shared_runs(words[source_a], words[source_b], RUN_WORDS)
        if not runs:
            continue
        longest = max(runs, key=lambda run: len(run.split()))
        rows.append(
            {
                "source_a": source_a,
                "source_b": source_b,
                "shared_runs": len(runs),
                "longest_run_words": len(longest.split()),
                "derivative": len(runs) >= MIN_SHARED_RUNS
                or len(longest.split()) >= LONG_RUN_WORDS,
                "example": longest,
            }
        )
    columns = ["source_a", "source_b", "shared_runs", "longest_run_words", "derivative", "example"]
    return pd.DataFrame(rows, columns=columns)


class Reused(NamedTuple):
    start: int
    end: int
    shared_with: str


def reused_spans(texts: Mapping[str, str], reuse: pd.DataFrame) -> dict[str, list[Reused]]:
    """source -> the stretches of its text (character offsets, end exclusive) that it shares
    with another seed it copies or is copied by (a `derivative` pair of `text_reuse`)."""
    spans: dict[str, list[Reused]] = {}
    for pair in reuse[reuse["derivative"]].itertuples(index=False):
        words = {source: word_spans(texts[source]) for source in (pair.source_a, pair.source_b)}
        for this, other in ((pair.source_a, pair.source_b), (pair.source_b, pair.source_a)):
            mine = words[this]
            bounds = _run_bounds(
                [w for w, _, _ in mine], [w for w, _, _ in words[other]], RUN_WORDS
            )
            spans.setdefault(this, []).extend(
                Reused(mine[first][1], mine[end - 1][2], other) for first, end in bounds
            )
    return spans


class _Groups:
    """Union-find over hashable nodes."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, node: Hashable) -> Hashable:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: Hashable, b: Hashable) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_b] = root_a


@dataclass(frozen=True)
class Origins:
    """Who is one witness with whom.

    claims: claim_id -> origin group. groups: one row per origin group (origin_group, members:
    its sources `; `-separated, n_claims, basis). sources: one row per source (source_id,
    origin_basis: what ties some of its statements to other sources; shared_origins: the groups
    of two or more sources it belongs to)."""

    claims: dict[str, str]
    groups: pd.DataFrame
    sources: pd.DataFrame


@dataclass(frozen=True)
class _Ties:
    """What may make one source's statements another's: per source, the keys it shares with
    those it depends on (('outlet', folded name) for an outlet it relies on; ('source', id) for
    itself and for a source it relies on) and why, in words (origin_basis); each outlet's name
    as first written; the derivative pairs of seeds, per source."""

    keys: dict[str, set[tuple[str, str]]]
    reasons: dict[str, list[str]]
    outlet_names: dict[str, str]
    copies: dict[str, list[Row]]


def _ties(sources: pd.DataFrame, reuse: pd.DataFrame, record_ids: set[str]) -> _Ties:
    ids = list(sources["source_id"])
    by_folded_id = {fold(source_id): source_id for source_id in ids}
    keys: dict[str, set[tuple[str, str]]] = {s: {("source", s)} for s in ids}
    reasons: dict[str, list[str]] = {source_id: [] for source_id in ids}
    outlet_users: dict[str, list[tuple[str, str]]] = {}
    for source_id, relies_on in zip(sources["source_id"], sources["relies_on"], strict=True):
        if source_id in record_ids:
            continue
        for outlet in split_list(relies_on):
            target = by_folded_id.get(fold(outlet))
            if target is None:
                keys[source_id].add(("outlet", fold(outlet)))
                outlet_users.setdefault(fold(outlet), []).append((source_id, outlet))
            elif target not in record_ids and target != source_id:
                keys[source_id].add(("source", target))
                reasons[source_id].append(f"relies on {target}")
                reasons[target].append(f"relied on by {source_id}")
    for users in outlet_users.values():
        for (source_id, outlet), (other, _) in itertools.permutations(users, 2):
            reasons[source_id].append(f"relies on {outlet}, as does {other}")
    copies: dict[str, list[tuple]] = {}
    for pair in reuse[reuse["derivative"]].itertuples(index=False):
        copies.setdefault(pair.source_a, []).append(pair)
        for this, other in ((pair.source_a, pair.source_b), (pair.source_b, pair.source_a)):
            reasons[this].append(
                f"shares {pair.shared_runs} runs of {RUN_WORDS}+ words with {other} "
                f"(longest {pair.longest_run_words} words)"
            )
    outlet_names = {folded: users[0][1] for folded, users in outlet_users.items()}
    return _Ties(keys, reasons, outlet_names, copies)


def _group_basis(members: frozenset[str], ties: _Ties) -> str:
    """Why a group's sources are one witness for the statements it holds: 'canadian-press and
    indiablooms share wording (10 runs of 6+ words, longest 18); 2 rely on Kyodo News'."""
    basis = [
        f"{pair.source_a} and {pair.source_b} share wording ({pair.shared_runs} runs of "
        f"{RUN_WORDS}+ words, longest {pair.longest_run_words})"
        for source_id in sorted(members)
        for pair in ties.copies.get(source_id, [])
        if pair.source_b in members
    ]
    holding: dict[tuple[str, str], int] = {}
    for source_id in members:
        for key in ties.keys[source_id]:
            holding[key] = holding.get(key, 0) + 1
    for (kind, name), count in sorted(holding.items()):
        if kind == "outlet" and count > 1:
            basis.append(f"{count} rely on {ties.outlet_names[name]}")
        elif kind == "source" and count > 1:
            basis.append(f"{count - (name in members)} rely on {name}")
    return "; ".join(basis)


def _first_published(sources: pd.DataFrame) -> Callable[[str], tuple[dt.date, str]]:
    """A source's place in the order of publication: earliest first, then by id; undated last."""
    published = dict(zip(sources["source_id"], sources["published"], strict=True))

    def order(source_id: str) -> tuple[dt.date, str]:
        date = published.get(source_id, "")
        return (start_of(date) if date else dt.date.max, source_id)

    return order


def _group_ids(
    member_sets: list[frozenset[str]], order: Callable[[str], tuple[dt.date, str]]
) -> dict[frozenset[str], str]:
    """A short, unique id per set of two or more sources: its earliest-published member (by
    `order`: a group named after a later member reads as if the earlier one copied it) and how
    many others (`canadian-press+1`), numbered on (`canadian-press+1-2`) where two sets would
    share one."""
    ids: dict[frozenset[str], str] = {}
    taken: set[str] = set()
    for members in sorted(set(member_sets), key=sorted):
        base = f"{min(members, key=order)}+{len(members) - 1}"
        name, number = base, 1
        while name in taken:
            number += 1
            name = f"{base}-{number}"
        taken.add(name)
        ids[members] = name
    return ids


def _relayed_statements(claims: pd.DataFrame, ties: _Ties) -> list[list[tuple[str, str]]]:
    """(claim id, source id) of one statement (same event, attribute, subject and value) made
    by two or more sources tied by reliance, one list per statement and tie. Only the claims of
    sources with a tie are read: in a large corpus most sources have none (reading them all
    would find nothing more)."""
    tied = {key for keys in ties.keys.values() if len(keys) > 1 for key in keys}
    shares = {source_id: keys & tied for source_id, keys in ties.keys.items() if keys & tied}
    relaying = claims[claims["source_id"].isin(list(shares))]
    columns = ["claim_id", "source_id", "event_id", "attribute", "subject", "value_normalised"]
    by_statement: dict[tuple[str, ...], dict[tuple[str, str], list[tuple[str, str]]]] = {}
    for claim_id, source_id, event_id, attribute, subject, value in zip(
        *(relaying[column].tolist() for column in columns), strict=True
    ):
        holders = by_statement.setdefault((event_id, attribute, subject, value), {})
        for key in shares[source_id]:
            holders.setdefault(key, []).append((claim_id, source_id))
    return [
        held
        for holders in by_statement.values()
        for held in holders.values()
        if len({source_id for _, source_id in held}) > 1
    ]


def origin_groups(
    sources: pd.DataFrame,
    claims: pd.DataFrame,
    reuse: pd.DataFrame,
    reused: Mapping[str, list[Reused]],
) -> Origins:
    """Each claim's origin group (module docstring), the groups and each source's ties.

    `claims` need claim_id, source_id, event_id, attribute, subject, value_normalised and the
    quote's `start` and `end` in its seed; `reused` is `reused_spans` of the seeds."""
    record_ids = set(sources.loc[sources["kind"] == OFFICIAL_RECORD_KIND, "source_id"])
    ties = _ties(sources, reuse, record_ids)
    groups = _Groups()
    source_of: dict[str, str] = {}  # each derivative claim's source
    # Only a source sharing wording has claims in shared text: in a large corpus most share none.
    copying = claims[claims["source_id"].isin(list(reused))]
    for claim_id, source_id, start, end in zip(
        *(copying[column].tolist() for column in ["claim_id", "source_id", "start", "end"]),
        strict=True,
    ):
        for span in reused[source_id]:
            if start < span.end and span.start < end:
                groups.union(tuple(sorted((source_id, span.shared_with))), claim_id)
                source_of[claim_id] = source_id
    for same in _relayed_statements(claims, ties):
        for (claim_id, _), (other, _) in itertools.pairwise(same):
            groups.union(claim_id, other)
        source_of.update(same)
    members: dict[Hashable, set[str]] = {}
    for node in list(groups.parent):
        found = members.setdefault(groups.find(node), set())
        # A node is the pair of sources whose shared wording holds claims, or a claim id.
        if isinstance(node, tuple):
            found.update(node)
        elif isinstance(node, str):
            found.add(source_of[node])
    names = _group_ids([frozenset(found) for found in members.values()], _first_published(sources))
    # A claim relayed from another source of the corpus is that source's witness (judge/stance.py);
    # built whole, then the derivative claims' groups written over it: a million claims in C.
    speaker = claims["speaker"].to_numpy()
    own_origin = np.where(speaker != "", speaker, claims["source_id"].to_numpy())
    origin_of = dict(zip(claims["claim_id"].tolist(), own_origin.tolist(), strict=True))
    for claim_id in source_of:
        origin_of[claim_id] = names[frozenset(members[groups.find(claim_id)])]
    counted = collections.Counter(origin_of.values())
    shared_by: dict[str, set[str]] = {}
    group_rows = []
    for found, name in names.items():  # type: ignore[assignment]  # frozen here, a set above
        for source_id in found:
            shared_by.setdefault(source_id, set()).add(name)
        group_rows.append(
            (name, "; ".join(sorted(found)), counted[name], _group_basis(found, ties))  # type: ignore[arg-type]  # as above
        )
    ids = list(sources["source_id"])
    for source_id in ids:
        group_rows.append((source_id, source_id, counted.get(source_id, 0), ""))
    return Origins(
        claims=origin_of,
        groups=pd.DataFrame(
            sorted(group_rows), columns=["origin_group", "members", "n_claims", "basis"]
        ),
        sources=pd.DataFrame(
            {
                "source_id": ids,
                "origin_basis": [
                    "the official record is its own origin"
                    if s in record_ids
                    else "; ".join(ties.reasons[s])
                    for s in ids
                ],
                "shared_origins": ["; ".join(sorted(shared_by.get(s, ()))) for s in ids],
            }
        ),
    )
