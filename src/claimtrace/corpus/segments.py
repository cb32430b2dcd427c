"""Words of text written without spaces between them (Japanese), as SudachiPy's core dictionary
cuts it: what "a run of six words" means in such text, as spaces say it in English.

The dictionary ships in the sudachidict-core package: nothing is downloaded. It is loaded the
first time such text is met, so a corpus in spaced scripts never pays for it.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sudachipy import Tokenizer

UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
"""Characters of scripts written without spaces: kana and CJK ideographs."""


@functools.cache
def _tokenizer() -> Tokenizer:
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def unspaced_words(text: str) -> list[tuple[str, int, int]]:
    """The words of `text` with their character offsets in it (end exclusive)."""
    return [(m.surface(), m.begin(), m.end()) for m in _tokenizer().tokenize(text)]
