"""`make bench`: what building the reports costs, how loading and assessment scale, and how well
`claimtrace draft` proposes the curated claims.

Prints one table (value, target, whether it is met) and a few notes. Every file it writes goes
to a temporary directory that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks.bad_input import bad_input_rows
from benchmarks.build import big_render_rows, build_rows, kernel_floor
from benchmarks.draft import draft_rows, language_rows
from benchmarks.pdf_engines import pdf_engine_rows
from benchmarks.scale import scale_rows
from benchmarks.table import Row, format_table, seconds

DEFAULT_SIZES = "10000,100000,1000000"
DEFAULT_BAD_SIZES = "10000,100000,1000000"


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(size.replace("_", "")) for size in text.split(",") if size.strip()})
    except ValueError:
        message = f"--sizes takes numbers separated by commas: {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not sizes or sizes[0] < 100:
        raise argparse.ArgumentTypeError("--sizes: each size must be at least 100 claims")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--sizes", type=_sizes, default=_sizes(DEFAULT_SIZES),
        help=f"claims per synthetic corpus, comma-separated (default {DEFAULT_SIZES})",
    )  # fmt: skip
    parser.add_argument("--skip-build", action="store_true", help="skip the report builds")
    parser.add_argument("--skip-scale", action="store_true", help="skip the synthetic corpora")
    parser.add_argument("--skip-large", action="store_true", help="skip the 10^5-claim render")
    parser.add_argument(
        "--skip-draft", action="store_true", help="skip the draft's recall and precision"
    )
    parser.add_argument(
        "--skip-pdf-engines", action="store_true", help="skip WeasyPrint, Chromium and Typst"
    )
    parser.add_argument(
        "--skip-bad-input", action="store_true", help="skip `check` on large bad input"
    )
    parser.add_argument(
        "--bad-input-sizes", type=_sizes, default=_sizes(DEFAULT_BAD_SIZES),
        help=f"claim rows of each bad corpus, comma-separated (default {DEFAULT_BAD_SIZES})",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=240.0,
        help="seconds after which one stage or render is stopped and reported (default 240)",
    )  # fmt: skip
    args = parser.parse_args(argv)

    started = time.perf_counter()
    rows: list[Row] = []
    notes: list[str] = []
    skip_floor = args.skip_build and args.skip_large and args.skip_pdf_engines
    floor = None if skip_floor else kernel_floor()
    if floor is not None:
        rows.append(Row("floor", "kernel start + imports (median of 3)", seconds(floor)))
    if not args.skip_build:
        build, build_notes = build_rows(args.timeout, floor)
        rows += build
        notes += build_notes
    if not args.skip_scale:
        scale, scale_notes = scale_rows(args.sizes, args.timeout)
        rows += scale
        notes += scale_notes
    with tempfile.TemporaryDirectory(prefix="claimtrace-bench-listing-") as kept:
        listing = Path(kept) / "report.html"  # the large render's listing, printed again
        if not args.skip_large:
            rows += big_render_rows(args.timeout, floor, listing)
        if not args.skip_pdf_engines:
            reused = listing if listing.exists() else None
            rows += pdf_engine_rows(args.timeout, floor, reused)
    if not args.skip_draft:
        draft, draft_notes = draft_rows()
        in_languages, language_notes = language_rows()
        rows += draft + in_languages
        notes += draft_notes + language_notes
    if not args.skip_bad_input:
        rows += bad_input_rows(args.bad_input_sizes, args.timeout)
    print(format_table(rows))
    missed = [f"{row.section}: {row.measure}" for row in rows if row.met is False]
    print("\nNotes")
    print(f"- {os.cpu_count()} CPU cores; benchmark took {seconds(time.perf_counter() - started)}.")
    print("- Peak memory is each stage's own process high-water mark (VmHWM).")
    print("- growth: time at the larger size / time at the smaller; n log n bound beside it.")
    for note in notes:
        print(f"- {note}")
    print(f"- Targets missed: {'; '.join(missed) if missed else 'none'}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
