"""Text from the data is drawn as written: dollar signs in a title are money, not math."""

from __future__ import annotations

import pandas as pd
from matplotlib.text import Text

from claimtrace.present import timeline_chart

TITLES = ["$78 million and $2 million", r"Budget $\frac{1}$ agreed"]


def event(number: int, title: str) -> dict[str, object]:
    return {
        "event_id": f"event-{number}",
        "title": title,
        "event_type": "statement",
        "agreement": "",
        "date": f"202{number}",
        "date_precision": "year",
        "place": "",
        "attesting_sources": "record",
        "n_origins": 1,
        "conflict": False,
        "disputed_attributes": "",
    }


def test_dollar_signs_in_the_data_are_drawn_literally() -> None:
    timeline = pd.DataFrame([event(number, title) for number, title in enumerate(TITLES)])
    fig = timeline_chart.agreements_timeline(timeline)
    fig.canvas.draw()  # mathtext would reject \frac with one argument here
    labels = {text.get_text(): text for text in fig.findobj(Text)}
    for title in TITLES:
        assert title in labels, sorted(labels)
        assert not labels[title].get_parse_math()
