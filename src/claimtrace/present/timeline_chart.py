"""The agreements timeline: every event at the precision its date is known, on a date axis that
gives the crowded recent years the room they need.

When most events fall in the last few years of a long span, the earlier years are drawn
compressed left of a marked break (a piecewise-linear scale), so the marks of 2022–25 stand
apart while 2010 stays on the same axis. Each event's note (date, who attests it, what is
disputed) is written inside the plot frame, on the side of its mark that has room.
"""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator

from claimtrace.corpus.entities import split_list
from claimtrace.judge.judged import Row
from claimtrace.present.charts import caption, figure, finding, themed, wrapped
from claimtrace.present.selection import in_date_order
from claimtrace.present.wording import (
    ATTRIBUTE_WORDS,
    agreeing,
    count_phrase,
    counted,
    date_words,
)

TIMELINE_FILES = ("data/events.csv", "data/claims.csv", "data/reference.csv", "seeds/*.txt")
TITLE_NAMES = 3
"""Most disputed milestones a title names; more would crowd out the chart."""
DENSE_SHARE = 0.6
"""A span holding this share of the events, in under DENSE_SPAN of the years, is drawn wider."""
DENSE_SPAN = 0.4
DENSE_WIDTH = 0.68
"""The share of the axis the crowded span is given."""
NOTE_POINTS = 6.8
AXES_SHARE = 0.62
"""Roughly the share of the figure's width the plot frame takes, beside the event titles."""


def dense_from(starts: list[dt.date], low: dt.date, high: dt.date) -> dt.date | None:
    """The first day of the crowded span, a year boundary, or None when the events are spread
    out: the latest 1 January at or before which DENSE_SHARE of the events start, when the
    span from it to `high` is at most DENSE_SPAN of the whole."""
    if not starts or (high - low).days < 8 * 365:
        return None
    for year in range(high.year, low.year, -1):
        cut = dt.date(year, 1, 1)
        if sum(s >= cut for s in starts) >= DENSE_SHARE * len(starts):
            return cut if (high - cut) <= DENSE_SPAN * (high - low) else None
    return None


def _scale(ax: Axes, low: dt.date, high: dt.date, cut: dt.date | None) -> None:
    """Limits, a piecewise-linear scale with the break at `cut`, and year ticks: every year in
    the crowded span, fewer before it."""
    lo, hi = mdates.date2num(low), mdates.date2num(high)
    ax.set_xlim(lo, hi)
    if cut is not None:
        at = mdates.date2num(cut)
        share = 1 - DENSE_WIDTH
        ax.set_xscale(
            "function",
            functions=(
                lambda x: np.interp(x, [lo, at, hi], [0, share, 1]),
                lambda y: np.interp(y, [0, share, 1], [lo, at, hi]),
            ),
        )
        ax.axvline(at, color="0.35", linestyle=(0, (4, 3)), linewidth=0.9)
        # Few ticks where the years are compressed, none crowding the break.
        early = range(low.year + 1, cut.year - 2, max(2, -(-(cut.year - low.year) // 3)))
        years = [*early, *range(cut.year, high.year + 1)]
    else:
        step = 1 if high.year - low.year < 9 else 2
        years = list(range(low.year + 1, high.year + 1, step))
    ax.xaxis.set_major_locator(FixedLocator([mdates.date2num(dt.date(y, 1, 1)) for y in years]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _note(event: Row) -> str:
    """The date in words and what is disputed: short enough to sit beside its mark (the events
    table names the sources that attest it)."""
    note = date_words(event.date, event.date_precision)
    if event.conflict:
        disputed = [ATTRIBUTE_WORDS.get(a, a) for a in split_list(event.disputed_attributes)]
        note += f" · disputed: {', '.join(disputed)}"
    return note


def agreements_timeline(timeline: pd.DataFrame, *, data_hash: str) -> Figure:
    """One row per event, oldest at the top, drawn at the precision its date is known.

    A day is a point, a month a short bar across the month, a year a bar across the year: a
    year-precision date is never shown as a day it does not name. Agreement milestones are black,
    context events grey; a disputed event is ringed and its disputed details named beside it.
    """
    ordered = in_date_order(timeline)
    events = ordered[ordered["span"].map(bool)]
    milestones = ordered[ordered["agreement"] != ""]
    disputed_milestones = milestones[milestones["conflict"]]
    with themed():
        fig = figure(8, 2.3 + 0.36 * len(events), caption_lines=3)
        ax = fig.add_subplot()
        dated = [span for span in events["span"] if span]
        first = min((span[0] for span in dated), default=dt.date(2010, 1, 1))
        last = max((span[1] for span in dated), default=dt.date(2026, 1, 1))
        low, high = dt.date(first.year, 1, 1), dt.date(last.year + 1, 1, 1)
        cut = dense_from([span[0] for span in dated], low, high)
        _scale(ax, low, high, cut)
        for row, event in enumerate(events.itertuples(index=False)):
            _draw_event(ax, row, event, _note(event))
        ax.set_yticks(range(len(events)), [wrapped(t, 36) for t in events["title"]], fontsize=7.5)
        ax.set_ylim(len(events) - 0.3, -0.6)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Date (drawn at the precision the date is known)")
        ax.set_ylabel("Event")
        ax.legend(
            handles=_timeline_legend(),
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncols=3,
            fontsize=7.5,
            frameon=False,
            borderaxespad=0,
            handletextpad=0.4,
            columnspacing=1,
        )
        finding(fig, _headline(milestones, disputed_milestones))
        undated = len(ordered) - len(events)
        note = "A date known only to the year or month is drawn across it."
        if cut is not None:
            note += f" Years before {cut.year} are compressed (left of the dashed line)."
        if undated:
            note += f" Not drawn: {counted(undated, 'undated event')}."
        caption(fig, TIMELINE_FILES, data_hash, note)
    return fig


def _headline(milestones: pd.DataFrame, disputed: pd.DataFrame) -> str:
    """'Three of six agreement milestones have details the sources dispute', with the first
    TITLE_NAMES of them named on a second line."""
    named = [
        f"{title} ({', '.join(ATTRIBUTE_WORDS.get(a, a) for a in split_list(attributes))})"
        for title, attributes in zip(
            disputed["title"][:TITLE_NAMES],
            disputed["disputed_attributes"][:TITLE_NAMES],
            strict=True,
        )
    ]
    unnamed = len(disputed) - len(named)
    listed = "; ".join(named) + (f"; and {unnamed:,} more" if unnamed else "")
    headline = (
        f"{count_phrase(len(disputed), len(milestones), 'agreement milestone')} "
        f"{agreeing(len(disputed), 'has')} details the sources dispute"
    )
    return headline + (f"\n{listed}" if listed else "")


def _draw_event(ax: Axes, row: int, event: Row, note: str) -> None:
    milestone = event.agreement != ""
    ink = "0.05" if milestone else "0.5"
    start, end = event.span
    if event.date_precision == "day":
        ax.plot(start, row, marker="D" if milestone else "o", ms=6, color=ink, ls="none")
        if event.conflict:
            ax.plot(start, row, marker="o", ms=13, mfc="none", mec="0.05", mew=1.2, ls="none")
    else:
        left, right = mdates.date2num(start), mdates.date2num(end)
        by_year = event.date_precision == "year"
        ax.barh(
            row,
            right - left,
            left=left,
            height=0.34 if by_year else 0.44,
            color="0.82" if by_year else ink,
            edgecolor=ink,
            hatch="///" if by_year else "",
            linewidth=1.0,
        )
        if event.conflict:
            ax.barh(
                row,
                right - left,
                left=left,
                height=0.56,
                fill=False,
                edgecolor="0.05",
                linewidth=1.2,
                linestyle="--",
            )
    # The note hangs beside the mark, inside the frame, on the side with more room (measured on
    # the drawn scale); clipping keeps even a long note inside the frame.
    scale = ax.xaxis.get_transform()
    low, high = scale.transform(np.array(ax.get_xlim()))
    at_start, at_end = (
        (scale.transform(np.array([mdates.date2num(day)]))[0] - low) / (high - low)
        for day in (start, end)
    )
    # A note goes right when it fits there (its width estimated from its length), else to
    # whichever side has more room.
    width = ax.figure.get_figwidth()  # type: ignore[union-attr]  # on a Figure, not a SubFigure
    needed = len(note) * NOTE_POINTS * 0.55 / (width * 72 * AXES_SHARE)
    room_right, room_left = 1 - at_end, at_start
    rightwards = room_right >= needed or room_right >= room_left
    ax.annotate(
        note,
        xy=(at_end if rightwards else at_start, row),
        xycoords=("axes fraction", "data"),
        xytext=(9 if rightwards else -9, 0),
        textcoords="offset points",
        ha="left" if rightwards else "right",
        va="center",
        fontsize=NOTE_POINTS,
        color="0.15",
        annotation_clip=False,
        clip_on=True,
    )


def _timeline_legend() -> list[object]:
    return [
        Line2D(
            [], [], marker="D", color="0.05", linestyle="none", label="agreement milestone, day"
        ),
        Line2D([], [], marker="o", color="0.5", linestyle="none", label="context event, day"),
        Patch(facecolor="0.05", edgecolor="0.05", label="known to the month"),
        Patch(facecolor="0.82", edgecolor="0.05", hatch="///", label="known to the year"),
        Line2D(
            [],
            [],
            marker="o",
            markersize=12,
            mfc="none",
            mec="0.05",
            linestyle="none",
            label="disputed (ringed / dashed box)",
        ),
    ]
