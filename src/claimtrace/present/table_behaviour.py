"""How the interactive tables behave on screen, in a report and in JupyterLab alike.

- A click anywhere on a header sorts by that column (itables otherwise sorts only from the small
  arrow, keeping the header's text selectable).
- Each column has a filter of its own, under the table (itables' column filters, offline).
- A grade column holds the grade's number, so it sorts 1 to 6, and shows it in words
  ("improbable (5)"), which is also what its filter searches.

html.interactive_table applies these; html.TABLE_STYLE hides the parts meant for one medium in
the other wherever the HTML is shown, JupyterLab included.
"""

from __future__ import annotations

import json
from typing import Any

from itables import JavascriptFunction

from claimtrace.present.wording import credibility_words
from claimtrace.vocabulary import CREDIBILITY_MEANINGS

GRADE_COLUMN = "grade"
"""The column of a claim table that holds the credibility grade's number."""
BEHAVIOUR: dict[str, Any] = {"text_in_header_can_be_selected": False, "column_filters": "footer"}
"""itables options every interactive table takes."""


def grade_in_words(column: int) -> dict[str, object]:
    """The column definition that shows grade numbers in column `column` in words, and sorts
    and types them as numbers."""
    words = json.dumps({grade: credibility_words(grade) for grade in CREDIBILITY_MEANINGS})
    return {
        "targets": column,
        "type": "num",
        "render": JavascriptFunction(
            f"function (grade, type) {{ const words = {words}; "
            "return type === 'display' || type === 'filter' ? words[grade] : grade; }"
        ),
    }
