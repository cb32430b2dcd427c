"""Figures from the assessed frames, in one theme that survives black-and-white print.

Every chart states its finding in its title (computed from the frame it draws, so it stays true
when the data changes), labels its axes, and carries a caption naming the curated files it comes
from and the first 12 hex digits of the data hash. Status and grade are told apart by symbol,
hatching and shade of grey, never by colour alone.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib_fontja  # noqa: F401  (registers IPAexGothic for the Japanese in the seeds)
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from claimtrace.corpus.entities import split_list
from claimtrace.present.selection import in_date_order
from claimtrace.present.tables import source_status_summary, worst_status
from claimtrace.present.wording import count_phrase
from claimtrace.vocabulary import CREDIBILITY_MEANINGS, STATUSES

THEME: dict[str, object] = {
    **sns.axes_style("whitegrid"),
    **sns.plotting_context("paper", font_scale=1.15),
    # Latin text in DejaVu Sans; any glyph it lacks (Japanese) falls back to IPAexGothic.
    "font.family": ["DejaVu Sans", "IPAexGothic"],
    "axes.edgecolor": "0.25",
    "axes.labelcolor": "0.1",
    "text.color": "0.1",
    "xtick.color": "0.2",
    "ytick.color": "0.2",
    "grid.color": "0.88",
    "axes.prop_cycle": mpl.cycler(color=["0.1", "0.45", "0.7"]),
    "hatch.color": "0.15",
    "hatch.linewidth": 0.8,
    "figure.dpi": 150,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "axes.titlelocation": "left",
    # Text from the data is drawn as written: "$78 million and $2 million" is not math.
    "text.parse_math": False,
}
"""The one theme: applied by every chart function while it builds its figure."""

CAPTION_HEIGHT = 0.07
"""Fraction of the figure kept free under the axes for the caption."""

STATUS_STYLE: dict[str, dict[str, object]] = {
    "contradicted": {"fill": "0.1", "ink": "white", "symbol": "✗", "hatch": ""},
    "unconfirmed": {"fill": "0.72", "ink": "0.05", "symbol": "?", "hatch": ".."},
    "confirmed": {"fill": "0.9", "ink": "0.05", "symbol": "✓", "hatch": "//"},
    "not_judged": {"fill": "white", "ink": "0.25", "symbol": "·", "hatch": ""},
}
"""How a claim status is drawn: fill grey, text colour, cell symbol, hatch of a bar segment."""

GRADE_FILLS = ("0.1", "0.3", "0.5", "0.68", "0.84", "white")
GRADE_HATCHES = ("", "//", "", "..", "xx", "")


@contextmanager
def themed() -> Iterator[None]:
    """Build a figure inside this block to give it the house theme."""
    with mpl.rc_context(THEME):
        yield


def caption(fig: Figure, files: Sequence[str], data_hash: str, note: str = "") -> None:
    """Write the caption under the axes: the data files, the data hash, and an optional note."""
    text = f"Data: {', '.join(files)} · data hash {data_hash[:12]}"
    if note:
        text = f"{note}\n{text}"
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=7.5, color="0.3", wrap=True)


def _wrapped(label: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), layout="constrained")
    bottom = CAPTION_HEIGHT * 4.5 / height
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
    return fig


def _finding(fig: Figure, text: str) -> None:
    lines = [wrapped for line in text.split("\n") for wrapped in textwrap.wrap(line, 90)]
    fig.suptitle("\n".join(lines), x=0.01, ha="left", fontsize="large")


TIMELINE_FILES = ("data/events.csv", "data/claims.csv", "data/reference.csv", "seeds/*.txt")


# A title names at most this many disputed milestones; more would crowd out the chart.
TITLE_NAMES = 3


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
        fig = _figure(8, 2.0 + 0.4 * len(events))
        ax = fig.add_subplot()
        dated = [span for span in events["span"] if span]
        low = min((span[0] for span in dated), default=dt.date(2010, 1, 1))
        high = max((span[1] for span in dated), default=dt.date(2026, 1, 1))
        # A year of margin on the left leaves room for notes hung left of early marks.
        ax.set_xlim(dt.date(low.year - 1, 1, 1), dt.date(high.year + 1, 1, 1))
        for row, event in enumerate(events.itertuples(index=False)):
            _draw_event(ax, row, event)
        ax.set_yticks(range(len(events)), [_wrapped(t) for t in events["title"]], fontsize=8)
        ax.set_ylim(len(events) - 0.2, -0.5)
        ax.xaxis.set_major_locator(mdates.YearLocator(base=1 if high.year - low.year < 9 else 2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
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
        named = [
            f"{title} ({attrs.replace('_', ' ').replace(';', ',')})"
            for title, attrs in zip(
                disputed_milestones["title"][:TITLE_NAMES],
                disputed_milestones["disputed_attributes"][:TITLE_NAMES],
                strict=True,
            )
        ]
        unnamed = len(disputed_milestones) - len(named)
        names = "; ".join(named) + (f"; and {unnamed} more" if unnamed else "")
        headline = (
            f"{count_phrase(len(disputed_milestones), len(milestones))} agreement milestones "
            f"{'has' if len(disputed_milestones) == 1 else 'have'} details the sources dispute"
        )
        _finding(fig, headline + (f"\n{names}" if names else ""))
        undated = len(ordered) - len(events)
        note = "A date known only to the year or month is drawn across that year or month."
        if undated:
            note += f" Not drawn: {undated} event(s) with no known date."
        caption(fig, TIMELINE_FILES, data_hash, note)
    return fig


def _draw_event(ax: Axes, row: int, event: object) -> None:
    milestone = event.agreement != ""
    ink = "0.05" if milestone else "0.5"
    attested = ", ".join(split_list(event.attesting_sources))
    disputed = ", ".join(a.replace("_", " ") for a in split_list(event.disputed_attributes))
    note = f"{event.date}  ·  {attested}"
    if event.conflict:
        note += f"  ·  disputed: {disputed}"
    start, end = event.span
    if event.date_precision == "day":
        ax.plot(start, row, marker="D" if milestone else "o", ms=6, color=ink, ls="none")
        if event.conflict:
            ax.plot(start, row, marker="o", ms=13, mfc="none", mec="0.05", mew=1.2, ls="none")
    else:
        left, width = mdates.date2num(start), mdates.date2num(end) - mdates.date2num(start)
        by_year = event.date_precision == "year"
        ax.barh(
            row,
            width,
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
                width,
                left=left,
                height=0.56,
                fill=False,
                edgecolor="0.05",
                linewidth=1.2,
                linestyle="--",
            )
    # The note hangs under the mark, on whichever side has room for it.
    low, high = ax.get_xlim()
    room_right = high - mdates.date2num(start)
    room_left = mdates.date2num(end) - low
    ax.text(
        mdates.date2num(start if room_right >= room_left else end),
        row + 0.27,
        note,
        ha="left" if room_right >= room_left else "right",
        va="top",
        fontsize=7,
        color="0.15",
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


MATRIX_FILES = ("data/claims.csv", "data/events.csv", "data/reference.csv", "seeds/*.txt")


def corroboration_matrix(claims: pd.DataFrame, timeline: pd.DataFrame, *, data_hash: str) -> Figure:
    """Sources by events: what became of each source's claims about each event.

    A cell shows the worst status among the source's claims on the event (contradicted before
    unconfirmed before confirmed before not judged) as a symbol on a grey, with the claim count.
    """
    about_events = claims[claims["event_id"] != ""]
    order = in_date_order(timeline)
    events = [e for e in order["event_id"] if e in set(about_events["event_id"])]
    titles = dict(zip(order["event_id"], order["title"], strict=True))
    sources = sorted(about_events["source_id"].unique())
    cells = (
        about_events.groupby(["source_id", "event_id"])["status"]
        .agg(status=worst_status, n="size", n_worst=lambda s: (s == worst_status(s)).sum())
        .reset_index()
    )
    contradicting = sorted(claims.loc[claims["status"] == "contradicted", "source_id"].unique())
    with themed():
        fig = _figure(8, 2.2 + 0.3 * len(events))
        ax = fig.add_subplot()
        for cell in cells.itertuples(index=False):
            x, y = sources.index(cell.source_id), events.index(cell.event_id)
            style = STATUS_STYLE[cell.status]
            ax.add_patch(
                mpl.patches.Rectangle(
                    (x - 0.5, y - 0.5), 1, 1, facecolor=style["fill"], edgecolor="0.6", lw=0.6
                )
            )
            ax.text(
                x,
                y,
                f"{style['symbol']} {cell.n_worst}/{cell.n}",
                ha="center",
                va="center",
                color=style["ink"],
                fontsize=9,
            )
        ax.set_xlim(-0.5, len(sources) - 0.5)
        ax.set_ylim(len(events) - 0.5, -0.5)
        ax.set_xticks(range(len(sources)), sources, rotation=30, ha="left")
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.set_yticks(range(len(events)), [_wrapped(titles[e], 48) for e in events], fontsize=7.5)
        ax.set_xticks(np.arange(-0.5, len(sources)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(events)), minor=True)
        ax.grid(False)
        ax.grid(which="minor", color="0.8", linewidth=0.6)
        ax.tick_params(which="minor", length=0)
        ax.set_xlabel("Source")
        ax.set_ylabel("Event (oldest first; undated last)")
        ax.legend(
            handles=[
                Patch(
                    facecolor=s["fill"],
                    edgecolor="0.4",
                    label=f"{s['symbol']} {status.replace('_', ' ')}",
                )
                for status, s in STATUS_STYLE.items()
            ],
            title="Worst status of the source's claims\non the event: claims with it / all",
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize=7.5,
            title_fontsize=7.5,
            frameon=False,
        )
        _finding(
            fig,
            f"{count_phrase(len(contradicting), len(sources))} sources have at least one "
            "claim contradicted",
        )
        caption(
            fig, MATRIX_FILES, data_hash, "Empty cell: the source says nothing about the event."
        )
    return fig


def _label_segments(
    ax: Axes, bars: object, widths: np.ndarray, *, dark: bool, hatched: bool
) -> None:
    """Write each stacked segment's count on it, on a white patch where hatching would hide it."""
    ax.bar_label(
        bars,
        labels=[str(w) if w else "" for w in widths],
        label_type="center",
        fontsize=7.5,
        color="white" if dark and not hatched else "0.05",
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"} if hatched else None,
    )


CREDIBILITY_FILES = ("data/claims.csv", "data/sources.csv", "data/reference.csv", "seeds/*.txt")


def credibility_distribution(claims: pd.DataFrame, *, data_hash: str) -> Figure:
    """Per source, how many of its claims fall in each credibility grade (1 best … 6)."""
    counts = (
        pd.crosstab(claims["source_id"], claims["credibility"])
        .reindex(columns=range(1, 7), fill_value=0)
        .sort_index(ascending=False)
    )
    well_supported = int(claims["credibility"].isin([1, 2]).sum())
    unjudged = int((claims["credibility"] == 6).sum())
    with themed():
        fig = _figure(8, 1.9 + 0.45 * len(counts) + 0.6)
        ax = fig.add_subplot()
        left = np.zeros(len(counts))
        for grade in range(1, 7):
            widths = counts[grade].to_numpy()
            bars = ax.barh(
                counts.index,
                widths,
                left=left,
                color=GRADE_FILLS[grade - 1],
                edgecolor="0.2",
                linewidth=0.7,
                hatch=GRADE_HATCHES[grade - 1],
                label=f"{grade} {CREDIBILITY_MEANINGS[grade]}",
            )
            _label_segments(
                ax, bars, widths, dark=grade <= 2, hatched=bool(GRADE_HATCHES[grade - 1])
            )
            left += widths
        _label_claim_bars(ax, "Source", "Credibility grade")
        _finding(
            fig,
            f"{count_phrase(well_supported, len(claims))} claims are confirmed or probably true;"
            f" {unjudged} cannot be judged",
        )
        caption(fig, CREDIBILITY_FILES, data_hash)
    return fig


def _label_claim_bars(ax: Axes, ylabel: str, legend_title: str) -> None:
    """Axes of a horizontal bar chart counting claims per source, legend to the side."""
    ax.set_xlabel("Claims")
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    ax.legend(
        title=legend_title,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=7.5,
        title_fontsize=7.5,
        frameon=False,
    )


RELIABILITY_FILES = ("data/sources.csv", "data/claims.csv", "data/reference.csv", "seeds/*.txt")


def reliability_overview(sources: pd.DataFrame, *, data_hash: str) -> Figure:
    """Each source's grade beside the fate of its claims, the evidence the grade rests on."""
    summary = source_status_summary(sources)
    worst = summary.iloc[-1]
    with themed():
        fig = _figure(8, 1.9 + 0.5 * len(summary) + 0.6)
        ax = fig.add_subplot()
        labels = [
            f"{s}  [{g}]" for s, g in zip(summary["source_id"], summary["reliability"], strict=True)
        ]
        left = np.zeros(len(summary))
        for status in STATUSES:
            widths = summary[status].to_numpy()
            style = STATUS_STYLE[status]
            bars = ax.barh(
                labels,
                widths,
                left=left,
                color=style["fill"],
                edgecolor="0.2",
                linewidth=0.7,
                hatch=style["hatch"],
                label=f"{style['symbol']} {status.replace('_', ' ')}",
            )
            _label_segments(
                ax, bars, widths, dark=status == "contradicted", hatched=bool(style["hatch"])
            )
            left += widths
        ax.invert_yaxis()
        _label_claim_bars(ax, "Source  [reliability grade]", "Claim status")
        _finding(
            fig,
            f"{worst['source_id']} is graded {worst['reliability']}: "
            f"{worst['contradicted']} of its {worst['total']} claims are contradicted",
        )
        caption(
            fig,
            RELIABILITY_FILES,
            data_hash,
            "Sources ordered from best grade to worst; the official record, the yardstick, "
            "is not drawn.",
        )
    return fig
