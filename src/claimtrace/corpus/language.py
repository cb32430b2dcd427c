"""The language a seed is written in, as the ISO 639-1 code sources.csv's `language` holds.

Detected with Lingua (lingua-language-detector), whose models ship inside the package: nothing is
downloaded. Low-accuracy mode reads trigrams only, which is what a whole article needs and keeps
the models loaded small; a text no language clearly wins is left undecided for the curator.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

ENGLISH = "en"
ISO_639_1 = re.compile(r"[a-z]{2}")
"""The form of a `language` cell: two lower-case letters ('en', 'fr', 'ja')."""
LEAST_SHARE = 0.5
"""How much of the detector's confidence the winning language must hold to be proposed."""


@functools.cache
def _detector() -> LanguageDetector:
    # Imported here: loading the tables (which check the column's form) needs no detector.
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when no language holds
    at least LEAST_SHARE of the detector's confidence."""
    confidences = _detector().compute_language_confidence_values(text)
    if not confidences or confidences[0].value < LEAST_SHARE:
        return None
    return confidences[0].language.iso_code_639_1.name.lower()


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code ('fr' -> 'French'), or the code when unknown."""
    from lingua import IsoCode639_1, Language

    try:
        iso = IsoCode639_1.from_str(code)
    except ValueError:
        return code
    return Language.from_iso_code_639_1(iso).name.title()


def is_english(code: str) -> bool:
    """Whether a `language` cell means English: 'en', or empty (a table from before the column,
    where every seed was English)."""
    return code in ("", ENGLISH)
