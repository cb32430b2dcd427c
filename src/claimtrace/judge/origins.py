"""Independence: which sources are one line of evidence (an origin group), and why.

Two outlets repeating one wire story are one witness, not two. Sources are merged into one origin
group when one relies on the other, when both rely on the same outlet (`sources.relies_on`), or
when their texts share several long runs of identical words (a derivative copy, attributed or
not). The official record is always its own origin. Corroboration counts origin groups.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from claimtrace.corpus.entities import fold, split_list
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


def text_words(text: str) -> list[str]:
    """The words of a text as compared: Unicode-compatibility folded, casefolded, apostrophes
    unified; punctuation, quotes and hyphens act as spaces."""
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    return _WORD.findall(folded)


def shared_runs(a: str, b: str, run_words: int = RUN_WORDS) -> list[str]:
    """The maximal runs of at least `run_words` consecutive words that occur in both texts, in
    the order of `a`. Overlapping shingles of `a` found in `b` are merged into one run."""
    return _shared_runs(text_words(a), text_words(b), run_words)


def _shingles(words: list[str], run_words: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + run_words]) for i in range(len(words) - run_words + 1)}


def _shared_runs(words_a: list[str], words_b: list[str], run_words: int) -> list[str]:
    shingles_b = _shingles(words_b, run_words)
    runs: list[list[int]] = []
    for start in range(len(words_a) - run_words + 1):
        if tuple(words_a[start : start + run_words]) not in shingles_b:
            continue
        if runs and start <= runs[-1][1] + 1:
            runs[-1][1] = start
        else:
            runs.append([start, start])
    return [" ".join(words_a[first : last + run_words]) for first, last in runs]


def _pairs_sharing_a_shingle(texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """The pairs of texts (in sorted order) with a run of RUN_WORDS words in common.

    Found by sorting the hashes of every text's shingles rather than by comparing every pair of
    texts, which is quadratic in the number of seeds; a hash collision only adds a pair that is
    then compared word for word. Words are coded by their string hash, not numbered through a
    dictionary, which costs seconds for the hundred million words of a large corpus. Texts are
    read one at a time: the words of all seeds at once would take gigabytes in a large corpus.
    """
    sources = sorted(texts)
    digests: list[np.ndarray] = []  # per text in sorted order, its distinct shingle hashes
    for source in sources:
        words = text_words(texts[source])
        coded = np.fromiter(map(hash, words), np.int64, len(words)).view(np.uint64)
        count = max(len(coded) - RUN_WORDS + 1, 0)
        digest = np.zeros(count, dtype=np.uint64)
        for offset in range(RUN_WORDS):  # a polynomial hash; uint64 arithmetic wraps around
            digest = digest * np.uint64(1_000_003) + coded[offset : offset + count]
        digests.append(np.unique(digest))
    if not digests:
        return []
    # The hashes held by two texts or more, then who holds them: only the hashes are sorted, not
    # (hash, text) pairs, which would take an index as large as all the hashes.
    every = np.sort(np.concatenate(digests))
    shared = np.unique(every[1:][every[1:] == every[:-1]])
    del every
    holders: dict[int, list[int]] = {}
    for number, digest in enumerate(digests):
        for value in digest[np.isin(digest, shared, assume_unique=True)].tolist():
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


class _Groups:
    """Union-find over node names, remembering why each merge happened."""

    def __init__(self, nodes: Iterable[str]) -> None:
        self.parent = {node: node for node in nodes}

    def find(self, node: str) -> str:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def origin_groups(sources: pd.DataFrame, reuse: pd.DataFrame) -> pd.DataFrame:
    """source_id, origin_group, origin_basis for every source.

    An origin group is named by its members' ids joined with "+" (a source alone is its own id).
    `origin_basis` says, per source, what tied it to the others; empty for an independent source.
    A `relies_on` entry that folds to a source id links to that source; any other entry is an
    outlet, and two sources relying on one outlet are linked through it. Links to the record are
    not followed: it stays its own origin even when a seed relays it.
    """
    ids = list(sources["source_id"])
    record_ids = set(sources.loc[sources["kind"] == OFFICIAL_RECORD_KIND, "source_id"])
    by_folded_id = {fold(source_id): source_id for source_id in ids}
    groups = _Groups(ids)
    reasons: dict[str, list[str]] = {source_id: [] for source_id in ids}
    outlet_users: dict[str, list[tuple[str, str]]] = {}
    for source_id, relies_on in zip(sources["source_id"], sources["relies_on"], strict=True):
        if source_id in record_ids:
            continue
        for outlet in split_list(relies_on):
            target = by_folded_id.get(fold(outlet))
            if target is None:
                outlet_users.setdefault(fold(outlet), []).append((source_id, outlet))
            elif target not in record_ids and target != source_id:
                groups.union(source_id, target)
                reasons[source_id].append(f"relies on {target}")
                reasons[target].append(f"relied on by {source_id}")
    for users in outlet_users.values():
        for (source_id, outlet), (other, _) in itertools.permutations(users, 2):
            groups.union(source_id, other)
            reasons[source_id].append(f"relies on {outlet}, as does {other}")
    for pair in reuse[reuse["derivative"]].itertuples(index=False):
        if {pair.source_a, pair.source_b} & record_ids:
            continue
        groups.union(pair.source_a, pair.source_b)
        for this, other in ((pair.source_a, pair.source_b), (pair.source_b, pair.source_a)):
            reasons[this].append(
                f"shares {pair.shared_runs} runs of {RUN_WORDS}+ words with {other} "
                f"(longest {pair.longest_run_words} words)"
            )
    members: dict[str, list[str]] = {}
    for source_id in ids:
        members.setdefault(groups.find(source_id), []).append(source_id)
    return pd.DataFrame(
        {
            "source_id": ids,
            "origin_group": ["+".join(sorted(members[groups.find(s)])) for s in ids],
            "origin_basis": [
                "the official record is its own origin"
                if s in record_ids
                else "; ".join(reasons[s])
                for s in ids
            ],
        }
    )
