"""Figures from the assessed frames, in one theme that survives black-and-white print.

Every chart states its finding in its title (computed from the frame it draws, so it stays true
when the data changes), labels its axes, and carries a caption naming the curated files it comes
from and the first 12 hex digits of the data hash. Status and grade are told apart by symbol,
hatching and shade of grey, never by colour alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib_fontja  # noqa: F401  (registers IPAexGothic for the Japanese in the seeds)
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from claimtrace.present.selection import in_date_order
from claimtrace.present.tables import source_status_summary, worst_status
from claimtrace.present.wording import (
    STATUS_WORDS,
    agreeing,
    count_phrase,
    counted,
    number_word,
    reliability_words,
    some,
    verb,
)
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
    "axes.prop_cycle": mpl.cycler(color=["0.1", "0.45", "0.7"]),  # type: ignore[attr-defined]  # exported, not in the stubs
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

STATUS_STYLE: dict[str, dict[str, str]] = {
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
    with mpl.rc_context(THEME):  # type: ignore[arg-type]  # the stubs want literal keys
        yield


def caption(fig: Figure, files: Sequence[str], data_hash: str, note: str = "") -> None:
    """Write the caption under the axes: the data files, the data hash, and an optional note."""
    text = f"Data: {', '.join(files)} · data hash {data_hash[:12]}"
    if note:
        text = f"{note}\n{text}"
    fig.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=7.5, color="0.3", wrap=True)


def wrapped(label: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def figure(width: float, height: float, caption_lines: int = 2) -> Figure:
    """A figure in the house layout, with room under the axes for a caption of so many lines."""
    fig = Figure(figsize=(width, height), layout="constrained")
    bottom = CAPTION_HEIGHT * 2.25 * caption_lines / height
    # The constrained layout made above takes `rect`; the stubs know only the base engine.
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))  # type: ignore[union-attr, call-arg]
    return fig


def finding(fig: Figure, text: str) -> None:
    lines = [wrapped for line in text.split("\n") for wrapped in textwrap.wrap(line, 78)]
    fig.suptitle("\n".join(lines), x=0.01, ha="left", fontsize="large")


MATRIX_FILES = ("data/claims.csv", "data/events.csv", "data/reference.csv", "seeds/*.txt")


def corroboration_matrix(
    claims: pd.DataFrame,
    timeline: pd.DataFrame,
    *,
    names: Mapping[str, str],
    data_hash: str,
) -> Figure:
    """Sources by events: what became of each source's claims about each event (`names`: the
    sources' reader names).

    A cell shows the worst status among the source's claims on the event (contradicted before
    unconfirmed before confirmed before not judged) as a symbol on a grey, with the claim count.
    """
    about_events = claims[claims["event_id"] != ""]
    order = in_date_order(timeline)
    events = [e for e in order["event_id"] if e in set(about_events["event_id"])]
    titles = dict(zip(order["event_id"], order["title"], strict=True))
    sources = sorted(about_events["source_id"].unique(), key=lambda s: names.get(s, s))
    cells = (
        about_events.groupby(["source_id", "event_id"])["status"]
        .agg(status=worst_status, n="size", n_worst=lambda s: (s == worst_status(s)).sum())
        .reset_index()
    )
    contradicting = sorted(claims.loc[claims["status"] == "contradicted", "source_id"].unique())
    with themed():
        fig = figure(8, 2.2 + 0.3 * len(events))
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
        ax.set_xticks(
            range(len(sources)),
            [wrapped(names.get(s, s), 16) for s in sources],
            rotation=30,
            ha="left",
            fontsize=8,
        )
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.set_yticks(range(len(events)), [wrapped(titles[e], 48) for e in events], fontsize=7.5)
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
                    label=f"{s['symbol']} {STATUS_WORDS[status]}",
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
        finding(
            fig,
            f"{count_phrase(len(contradicting), len(sources), 'source')} "
            f"{agreeing(len(contradicting), 'has')} at least one claim contradicted",
        )
        caption(
            fig, MATRIX_FILES, data_hash, "Empty cell: the source says nothing about the event."
        )
    return fig


def _label_segments(
    ax: Axes, bars: BarContainer, widths: np.ndarray, *, dark: bool, hatched: bool
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


def credibility_distribution(
    claims: pd.DataFrame, *, names: Mapping[str, str], data_hash: str
) -> Figure:
    """Per source, how many of its claims fall in each credibility grade (1 best … 6); `names`
    are the sources' reader names (a row not named, such as a grade's sum, keeps its label)."""
    counts = (
        pd.crosstab(claims["source_id"].map(lambda s: names.get(s, s)), claims["credibility"])
        .reindex(columns=range(1, 7), fill_value=0)
        .sort_index(ascending=False)
    )
    well_supported = int(claims["credibility"].isin([1, 2]).sum())
    unjudged = int((claims["credibility"] == 6).sum())
    with themed():
        fig = figure(8, 1.6 + 0.4 * len(counts) + 0.5)
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
        finding(
            fig,
            f"{count_phrase(well_supported, len(claims), 'claim')} "
            f"{agreeing(well_supported, 'is')} confirmed or probably true; the truth of "
            f"{some(unjudged)} cannot be judged",
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


def reliability_overview(
    sources: pd.DataFrame, claims: pd.DataFrame, *, names: Mapping[str, str], data_hash: str
) -> Figure:
    """Each source's grade beside the fate of its claims in `claims` (the report's selection),
    the evidence the grade rests on; a grade is over all of a source's claims, and the title
    says so when the selection holds fewer."""
    summary = source_status_summary(sources, claims)
    with themed():
        fig = figure(8, 1.6 + 0.42 * len(summary) + 0.5)
        ax = fig.add_subplot()
        labels = [
            f"{wrapped(names.get(s, s), 24)}  [{g}]"
            for s, g in zip(summary["source_id"], summary["reliability"], strict=True)
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
                label=f"{style['symbol']} {STATUS_WORDS[status]}",
            )
            _label_segments(
                ax, bars, widths, dark=status == "contradicted", hatched=bool(style["hatch"])
            )
            left += widths
        ax.invert_yaxis()
        _label_claim_bars(ax, "Source  [reliability grade]", "Claim status")
        finding(fig, _reliability_headline(summary, names))
        caption(
            fig,
            RELIABILITY_FILES,
            data_hash,
            "Bars count the claims in this report; grades are over all of a source's claims. "
            "Best grade first; the official record, the yardstick, is not drawn.",
        )
    return fig


def _reliability_headline(summary: pd.DataFrame, names: Mapping[str, str]) -> str:
    """ "mediawall.news is graded unreliable (E) over all its 41 claims; two of the 12 shown are
    contradicted", the worst-graded source first; one sentence, so the grade and the count it
    rests on cannot be read as one number."""
    if summary.empty:
        return "No source in this selection has claims"
    worst = summary.iloc[-1]
    name = names.get(worst["source_id"], worst["source_id"])
    contradicted, shown, total = (int(worst[k]) for k in ("contradicted", "shown", "total"))
    graded = f"{name} is graded {reliability_words(worst['reliability'])}"
    if shown == total:
        return (
            f"{graded}: {some(contradicted)} of its {counted(total, 'claim')} "
            f"{verb('is', max(contradicted, 1))} contradicted"
        )
    return (
        f"{graded} over all its {counted(total, 'claim')}; {some(contradicted)} of the "
        f"{number_word(shown)} in this report {verb('is', max(contradicted, 1))} contradicted"
    )
