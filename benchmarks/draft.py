"""How well `claimtrace draft` proposes the curated claims of each seed.

recall: the share of a seed's curated date, place, participants, signatories, count and
agreement-name claims that the draft proposes with the same attribute and an overlapping quote.
precision: the share of the draft's proposals (of any attribute) that match a curated claim so.
Each is measured with the full alias table and again without the aliases found only in that seed,
which is what a new article meets: its own spellings are not in entities.csv yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from benchmarks.table import Row
from claimtrace.corpus.anchoring import find_quote
from claimtrace.corpus.drafting.draft import draft_claims
from claimtrace.corpus.drafting.mentions import EntityMatcher, sentences
from claimtrace.corpus.entities import JOINED_WITH, alias_index, normalise_value, split_list
from claimtrace.corpus.language import language_name
from claimtrace.corpus.load import Corpus, load_corpus

MEASURED = ("date", "place", "participants", "signatories", "count", "agreement_name")
MEASURED_IN_LANGUAGES = (*MEASURED, "role")
LANGUAGE_FIXTURES = Path(__file__).parent.parent / "tests" / "fixtures" / "languages" / "data"
"""Articles in French and Japanese written for the tests, with their curated claims."""
RECALL_TARGET = 0.8
PRECISION_TARGET = 0.5
SECTION = "draft claims"


@dataclass(frozen=True)
class Score:
    curated: int  # curated claims of the measured attributes
    recalled: int  # of those, proposed with an overlapping quote
    proposed: int
    matched: int  # proposals that match a curated claim
    same_value: int  # recalled claims whose proposal has the curated value
    same_event: int  # recalled claims whose proposal names the curated event

    @property
    def recall(self) -> float:
        return self.recalled / self.curated if self.curated else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self.counts(), other.counts(), strict=True)))

    def counts(self) -> tuple[int, ...]:
        return (
            self.curated,
            self.recalled,
            self.proposed,
            self.matched,
            self.same_value,
            self.same_event,
        )


def score_seed(
    corpus: Corpus,
    source_id: str,
    entities: pd.DataFrame | None = None,
    measured: tuple[str, ...] = MEASURED,
) -> Score:
    """The draft of one seed against its curated claims of the `measured` attributes."""
    seed = corpus.seeds[source_id]
    curated = corpus.claims[corpus.claims["source_id"] == source_id]
    draft = draft_claims(source_id, corpus, entities)
    spans = [find_quote(quote, seed) for quote in draft["quote"]]
    proposals = list(zip(draft.to_dict("records"), spans, strict=True))
    names = alias_index(corpus.entities)

    def matches(claim: dict, proposal: dict, anchor) -> bool:
        return (
            proposal["attribute"] == claim["attribute"]
            and anchor.start < claim["end"]
            and claim["start"] < anchor.end
        )

    claims = curated.to_dict("records")
    recalled = same_value = same_event = curated_count = 0
    for claim in claims:
        if claim["attribute"] not in measured:
            continue
        curated_count += 1
        found = [p for p, anchor in proposals if matches(claim, p, anchor)]
        if not found:
            continue
        recalled += 1
        value = _normalised(claim["attribute"], claim["value"], names)
        same_value += any(_normalised(p["attribute"], p["value"], names) == value for p in found)
        same_event += any(p["event_id"] == claim["event_id"] for p in found)
    matched = sum(any(matches(c, p, anchor) for c in claims) for p, anchor in proposals)
    return Score(curated_count, recalled, len(proposals), matched, same_value, same_event)


def _normalised(attribute: str, value: str, names: dict[str, str]) -> str:
    try:
        return normalise_value(attribute, value, names)
    except ValueError:  # a proposal naming an entity the full table spells otherwise
        return JOINED_WITH.join(sorted(split_list(value)))


def without_own_aliases(corpus: Corpus, source_id: str) -> pd.DataFrame:
    """entities.csv less every alias that is found in this seed and in no other."""
    matcher = EntityMatcher(corpus.entities)
    aliases = {a for field in corpus.entities["aliases"] for a in split_list(field)}
    found_in: dict[str, set[str]] = {}
    for seeded, text in corpus.seeds.items():
        for sentence in sentences(text, matcher):
            for mention in sentence.mentions:
                if mention.text in aliases:
                    found_in.setdefault(mention.text, set()).add(seeded)
    own = {alias for alias, seeds in found_in.items() if seeds == {source_id}}
    return corpus.entities.assign(
        aliases=[
            JOINED_WITH.join(a for a in split_list(field) if a not in own)
            for field in corpus.entities["aliases"]
        ]
    )


def _rows(label: str, score: Score) -> Iterable[Row]:
    for measure, part, whole, share, target in (
        ("recall", score.recalled, score.curated, score.recall, RECALL_TARGET),
        ("precision", score.matched, score.proposed, score.precision, PRECISION_TARGET),
    ):
        figure = f"{share:.2f} ({part}/{whole})"
        yield Row(SECTION, f"{label}: {measure}", figure, f">= {target:.1f}", share >= target)


def language_rows(data_dir: Path = LANGUAGE_FIXTURES) -> tuple[list[Row], list[str]]:
    """Recall and precision per language on the articles written in it, with the alias table
    that names their people, places and agreement in their own script."""
    corpus = load_corpus(data_dir)
    languages = dict(zip(corpus.sources["source_id"], corpus.sources["language"], strict=True))
    rows: list[Row] = []
    for language in sorted({languages[source_id] for source_id in corpus.seeds}):
        score = Score(0, 0, 0, 0, 0, 0)
        for source_id in sorted(s for s in corpus.seeds if languages[s] == language):
            score += score_seed(corpus, source_id, measured=MEASURED_IN_LANGUAGES)
        rows += _rows(f"in {language_name(language)}", score)
    notes = [
        "draft claims in French and Japanese: the articles of tests/fixtures/languages/; recall "
        "counts their curated date, place, participants, signatories, role, count and "
        "agreement_name claims."
    ]
    return rows, notes


def draft_rows(data_dir: Path = Path("data")) -> tuple[list[Row], list[str]]:
    """Recall and precision per seed and over all, with and without the seed's own aliases."""
    corpus = load_corpus(data_dir)
    rows: list[Row] = []
    totals = {"full": Score(0, 0, 0, 0, 0, 0), "own": Score(0, 0, 0, 0, 0, 0)}
    for source_id in sorted(corpus.seeds):
        full = score_seed(corpus, source_id)
        own = score_seed(corpus, source_id, without_own_aliases(corpus, source_id))
        totals["full"] += full
        totals["own"] += own
        rows += _rows(source_id, full)
        rows += _rows(f"{source_id}, own aliases removed", own)
    rows += _rows("all seeds", totals["full"])
    rows += _rows("all seeds, own aliases removed", totals["own"])
    full = totals["full"]
    notes = [
        "draft claims: recall counts curated date, place, participants, signatories, count and "
        "agreement_name claims proposed with the same attribute and an overlapping quote; "
        "precision, proposals of any attribute matching a curated claim so.",
        f"draft claims: of the recalled claims, {full.same_value}/{full.recalled} were proposed "
        f"with the curated value and {full.same_event}/{full.recalled} with the curated event.",
    ]
    return rows, notes
