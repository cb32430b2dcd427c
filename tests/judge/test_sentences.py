"""Which claims a source makes in one sentence (judge/sentences.py)."""

from __future__ import annotations

import pandas as pd

from claimtrace.judge.sentences import sentence_of_claims, sentence_starts

TEXT = "Joly signed it. Dr. Iwaya was there. The U.S. welcomed it.\nThey met again."


def spans(*quotes: str) -> pd.DataFrame:
    found = [(TEXT.find(quote), TEXT.find(quote) + len(quote)) for quote in quotes]
    return pd.DataFrame(
        {"source_id": "web", "start": [s for s, _ in found], "end": [e for _, e in found]}
    )


def test_sentences_end_at_a_full_stop_before_a_capital_or_at_a_line_break_not_after_a_title() -> (
    None
):
    starts = sentence_starts(TEXT)
    sentences = [TEXT[a:b] for a, b in zip(starts, [*starts[1:], len(TEXT)], strict=True)]
    assert sentences == [
        "Joly signed it. ",
        "Dr. Iwaya was there. ",
        "The U.S. welcomed it.\n",
        "They met again.",
    ]


def test_a_quote_lies_in_the_sentence_it_starts_in_unless_it_runs_into_the_next() -> None:
    second = TEXT.index("Dr.")
    found = sentence_of_claims(
        spans(
            "Iwaya was there",  # inside the second sentence
            "Iwaya was there. ",  # up to the third sentence's first character: still inside
            "there. The",  # across two sentences
            "welcomed it.\nThey",  # the next to last sentence into the last
            "They met",  # the last sentence
            "not in the text",
        ),
        {"web": TEXT},
    )
    assert found == [
        ("web", second),
        ("web", second),
        None,
        None,
        ("web", TEXT.index("They")),
        None,
    ]
