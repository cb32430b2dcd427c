"""What printing the PDF costs, engine by engine, and what each PDF keeps.

WeasyPrint and Chromium kept open across a run's reports (render/chromium.py, Playwright on
Debian's Chromium) print the same HTML: the real reports (rendered once with `--formats html`;
each report's median of RUNS) and the long claims listing of a BIG_CLAIMS-claim corpus (one print
each: WeasyPrint takes tens of seconds on it). Chromium's launch is counted once per run, as a
render launches it once per worker. A whole `claimtrace render --force` with each engine is timed
too (one run each).

Typst is measured on the listing only, from a small template of its claim cards (the cards cut
out of the listing's HTML; not a report: no references, no figures). It is an optional import:
measuring it needs `pip install typst`, and no report is printed with it, so it is not locked.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.build import BIG_CLAIMS, LISTING, REPO, render
from benchmarks.synthetic import write_corpus
from benchmarks.table import Row, seconds
from claimtrace.render.pdf import PRINTED_CONTENTS_FROM, html_to_pdf

RUNS = 3
ENGINES = ("weasyprint", "chromium")
TARGET_SAVING = 0.30
"""Chromium is worth keeping over WeasyPrint if it saves this share of a run's PDF time."""
CONTENTS = re.compile(r"Contents (?:1\. )?\S.*? \.+ ?\d")
JAPANESE = "日本とカナダの防衛協力"
JAPANESE_PROBE = (
    '<!doctype html><html><head><meta charset="utf-8"><style>body { font-family: "DejaVu Sans",'
    f' "IPAexGothic", sans-serif; }}</style></head><body><p>{JAPANESE}</p></body></html>'
)

Printer = Callable[[Path, Path], None]


def _side_by_side(
    engines: dict[str, Printer], html_file: Path, work: Path, runs: int
) -> dict[str, float]:
    """Each engine's median seconds to print `html_file`, the engines taking turns, so that a
    machine busy for a while slows them alike. Each engine's PDF is left in `work`."""
    times: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(runs):
        for name, printer in engines.items():
            started = time.perf_counter()
            printer(html_file, work / f"{html_file.parent.name}.{name}.pdf")
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(taken) for name, taken in times.items()}


def _keeps(pdf_file: Path) -> str:
    """Pages, bookmarks, and whether the contents are printed with page numbers."""
    from pypdf import PdfReader

    reader = PdfReader(pdf_file)
    first = " ".join(reader.pages[0].extract_text().split())
    contents = "contents printed" if CONTENTS.search(first) else "no printed contents"
    return f"{len(reader.pages)} pages, {len(reader.outline)} top bookmarks, {contents}"


def _reads_japanese(printer: Printer, work: Path) -> bool:
    """Japanese printed and read back from the PDF as written (not as look-alike radicals)."""
    from pypdf import PdfReader

    probe = work / "japanese.html"
    probe.write_text(JAPANESE_PROBE, encoding="utf-8")
    printer(probe, work / "japanese.pdf")
    return JAPANESE in "".join(PdfReader(work / "japanese.pdf").pages[0].extract_text().split())


def _whole_renders(work: Path, timeout: float) -> tuple[list[Row], list[Path]] | str:
    """`claimtrace render --force` of every scheduled report with each engine, one after the
    other, and the reports' HTML; or why a render failed."""
    rows = []
    for engine in ENGINES:
        done = render(
            "--force", "--pdf-engine", engine, "--reports-dir", str(work / engine), timeout=timeout
        )
        if done.returncode != 0:
            return f"render --pdf-engine {engine} failed ({done.returncode})"
        label = f"claimtrace render --force --pdf-engine {engine} (one run)"
        rows.append(Row("pdf", label, seconds(done.seconds)))
    return rows, sorted((work / ENGINES[0]).glob("*/report.html"))


def listing_html(work: Path, timeout: float) -> Path | str:
    """The claims listing's HTML at BIG_CLAIMS claims, or why it could not be rendered."""
    corpus = write_corpus(work / "corpus", BIG_CLAIMS)
    reports = work / "reports"
    done = render(
        "--notebook", str(REPO / "notebooks" / LISTING), "-p", "data_dir", str(corpus.data_dir),
        "--formats", "html", "--reports-dir", str(reports), timeout=timeout,
    )  # fmt: skip
    shutil.rmtree(corpus.root, ignore_errors=True)
    if done.returncode != 0:
        return f"render failed ({done.returncode})"
    return next(reports.glob("*/report.html"))


def _weasyprint(html_file: Path, pdf_file: Path) -> None:
    html_to_pdf(html_file, pdf_file, "weasyprint")


def pdf_engine_rows(timeout: float, floor: float | None, listing: Path | None) -> list[Row]:
    """Each engine's seconds per real report and for the listing (rendered here unless given),
    beside the kernel floor, and what its PDFs keep."""
    import weasyprint  # noqa: F401  (imported once per worker in a render: not timed here)

    from claimtrace.render.chromium import kept_open

    with tempfile.TemporaryDirectory(prefix="claimtrace-bench-pdf-") as scratch:
        work = Path(scratch)
        rendered = _whole_renders(work / "real", timeout)
        if isinstance(rendered, str):
            return [Row("pdf", "the real reports", rendered, met=False)]
        rows, reports = rendered
        listing = listing or listing_html(work / "listing", timeout)
        started = time.perf_counter()
        with kept_open() as browser:
            launch = time.perf_counter() - started

            def chromium(html_file: Path, pdf_file: Path) -> None:
                browser.print_pdf(html_file, pdf_file, PRINTED_CONTENTS_FROM)

            engines: dict[str, Printer] = {"WeasyPrint": _weasyprint, "Chromium": chromium}
            totals = dict.fromkeys(engines, 0.0)
            for report in reports:
                for name, took in _side_by_side(engines, report, work, RUNS).items():
                    totals[name] += took
                    pdf = work / f"{report.parent.name}.{name}.pdf"
                    value = f"{seconds(took)}, {_keeps(pdf)}"
                    rows.append(Row("pdf", f"{report.parent.name}: {name}", value))
            for name, printer in engines.items():
                japanese = "yes" if _reads_japanese(printer, work) else "NO"
                rows.append(Row("pdf", f"{name}: Japanese read back as written", japanese))
            totals["Chromium"] += launch
            rows += _run_rows(totals, launch, len(reports))
            if isinstance(listing, str):
                rows.append(Row("pdf", f"listing at {BIG_CLAIMS:,} claims", listing, met=False))
            else:
                for name, took in _side_by_side(engines, listing, work, 1).items():
                    pdf = work / f"{listing.parent.name}.{name}.pdf"
                    value = f"{seconds(took)}{_floors(took, floor)}, {_keeps(pdf)}"
                    rows.append(Row("pdf", f"listing at {BIG_CLAIMS:,} claims: {name}", value))
        if not isinstance(listing, str):
            rows.append(_typst_row(listing, work, floor))
    return rows


def _floors(took: float, floor: float | None) -> str:
    return f" = {took / floor:.1f} x floor" if floor else ""


def _run_rows(totals: dict[str, float], launch: float, reports: int) -> list[Row]:
    saving = 1 - totals["Chromium"] / totals["WeasyPrint"]
    return [
        Row(
            "pdf", f"{reports} reports: WeasyPrint (sum of medians)", seconds(totals["WeasyPrint"])
        ),
        Row(
            "pdf",
            f"{reports} reports: Chromium kept open (its launch, {seconds(launch)}, once)",
            seconds(totals["Chromium"]),
        ),
        Row(
            "pdf",
            "PDF time Chromium saves over WeasyPrint in a run",
            f"{saving:.0%}",
            f">= {TARGET_SAVING:.0%}",
            saving >= TARGET_SAVING,
        ),
    ]


TAG = re.compile(r"<[^>]+>")
CARD_GROUP = re.compile(
    r'<section class="ct-card-group"><h3 class="ct-card-source">(.*?)</h3>(.*?)</section>', re.S
)
CARD = re.compile(
    r'<div class="ct-card"><p class="ct-card-head">(.*?)</p><p class="ct-card-why">(.*?)</p>'
    r'.*?<p class="ct-card-quote">(.*?)<mark>(.*?)</mark>(.*?)</p>',
    re.S,
)
TYPST_TEMPLATE = """
#set page(paper: "a4", margin: (top: 18mm, bottom: 20mm, x: 15mm),
  footer: context align(center, text(8pt)[Page #counter(page).display() of
    #counter(page).final().first()]))
#set text(font: ("DejaVu Sans", "IPAexGothic"), size: 9pt)
#let groups = json("cards.json")
#outline(title: "Contents", depth: 1)
#for group in groups [
  = #group.heading
  #for card in group.cards [
    #block(breakable: false, inset: (left: 4pt), stroke: (left: 0.5pt + luma(180)))[
      #strong(card.head) \\ #text(fill: luma(90), card.why) \\
      #text(size: 8pt)[#card.before#highlight(card.quote)#card.after]
    ]
  ]
]
"""


def _text(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


def claim_cards(listing: Path) -> list[dict[str, Any]]:
    """The listing's claim cards as Typst reads them: a heading per source, its cards' parts."""
    fields = ("head", "why", "before", "quote", "after")
    return [
        {
            "heading": _text(heading),
            "cards": [
                dict(zip(fields, map(_text, card), strict=True)) for card in CARD.findall(body)
            ],
        }
        for heading, body in CARD_GROUP.findall(listing.read_text(encoding="utf-8"))
    ]


def _typst_row(listing: Path, work: Path, floor: float | None) -> Row:
    label = f"listing at {BIG_CLAIMS:,} claims: Typst, its claim cards alone (first compile)"
    try:
        import typst
    except ImportError:
        return Row("pdf", label, "not installed (pip install typst)")
    from claimtrace.render.fonts import japanese_font

    cards = claim_cards(listing)
    (work / "cards.json").write_text(json.dumps(cards, ensure_ascii=False), encoding="utf-8")
    (work / "cards.typ").write_text(TYPST_TEMPLATE, encoding="utf-8")
    pdf = work / "cards.pdf"
    # Typst keeps what it laid out for the next compile in the process: only the first is cold.
    started = time.perf_counter()
    typst.compile(
        str(work / "cards.typ"),
        output=str(pdf),
        root=str(work),
        font_paths=[str(japanese_font().parent)],
    )
    took = time.perf_counter() - started
    count = sum(len(group["cards"]) for group in cards)
    return Row("pdf", label, f"{seconds(took)}{_floors(took, floor)}, {count} cards, {_keeps(pdf)}")
