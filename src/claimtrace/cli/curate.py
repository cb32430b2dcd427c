"""`claimtrace add-source` and `claimtrace draft`: a new article into the corpus, its claims
proposed for a curator to review."""

from __future__ import annotations

import argparse
from dataclasses import fields
from pathlib import Path

from claimtrace.cli.options import Subparsers, add_command, add_corpus_options
from claimtrace.errors import ExitCode

WRITES_ALL_OR_NOTHING = "Exit 0 when written; 2 on bad arguments or data, and nothing is written."

ADD_SOURCE_SUMMARY = "copy a new seed's text into seeds/ and append its row to data/sources.csv"

ADD_SOURCE_DESCRIPTION = (
    "Register a seed under the name NNN_<first 16 hex digits of its SHA-256>.txt "
    f"(NNN: the next serial number). {WRITES_ALL_OR_NOTHING}"
)

DRAFT_SUMMARY = "propose candidate claims for a seed into a draft CSV (never into claims.csv)"

DRAFT_DESCRIPTION = (
    "Propose the dates, places, roles, participants, counts, durations and "
    "agreement names the seed states, each with its quote, event, value and the reason for "
    f"each guess. {WRITES_ALL_OR_NOTHING}"
)


def add_source_command(args: argparse.Namespace) -> int:
    from claimtrace.corpus.register import NewSource, add_source

    given = {f.name: getattr(args, f.name) for f in fields(NewSource) if f.name != "columns"}
    new = NewSource(**given, columns=dict(args.columns))
    data_dir = Path(args.data_dir)
    seeds_dir = Path(args.seeds_dir) if args.seeds_dir else None
    registered = add_source(Path(args.file), new, data_dir, seeds_dir)
    print(f"{registered.seed_path}  (SHA-256 {registered.sha256})")
    print(f"{data_dir / 'sources.csv'}: row added for {args.source_id!r}")
    if "language" in registered.row:
        print(_language_line(registered.row["language"], registered.language_detected))
    for option in registered.not_recorded:
        print(f"note: sources.csv has no column for {option}; that value was not recorded")
    print(f"\nNext: claimtrace draft {args.source_id}")
    return ExitCode.OK


def _language_line(code: str, detected: bool) -> str:
    from claimtrace.corpus.language import is_english, language_name

    if not code:
        return "language: not recognised; set it in sources.csv's 'language' column (ISO 639-1)"
    how = "detected from the text; --language sets it" if detected else "as given"
    gloss = "" if is_english(code) else "; each claim needs its English rendering in 'gloss'"
    return f"language: {language_name(code)} ({code}, {how}){gloss}"


def _column_value(text: str) -> tuple[str, str]:
    column, separator, value = text.partition("=")
    if not separator or not column:
        raise argparse.ArgumentTypeError(f"--column takes COLUMN=VALUE, not {text!r}")
    return column, value


SOURCE_OPTIONS = (
    ("--title", "the document's title"),
    ("--publisher", "who published it"),
    ("--author", "the byline; omit when there is none"),
    ("--published", "publication date: YYYY[-MM[-DD]]"),
    ("--published-precision", "day, month, year or unknown (default: read from --published)"),
    ("--date-basis", "how the date was established"),
    ("--relies-on", "outlets it relies on, ';'-separated"),
    ("--lineage-basis", "why: its own attribution, shared wording, …"),
    ("--url", "where the text was found (http or https)"),
    ("--name", "the short name readers see, where sources.csv has that column"),
    ("--language", "ISO 639-1 code of its language ('fr', 'ja'; default: detected from the text)"),
)
"""The text options of add-source, each filling the sources.csv column of the same name."""


def _register_add_source(subparsers: Subparsers) -> None:
    parser = add_command(
        subparsers, "add-source", add_source_command, ADD_SOURCE_SUMMARY, ADD_SOURCE_DESCRIPTION
    )
    parser.add_argument("file", metavar="FILE", help="the text, UTF-8, exactly as found")
    parser.add_argument(
        "--id", dest="source_id", required=True, help="the new source_id (a slug: 'globe-mail')"
    )
    parser.add_argument(
        "--kind", required=True, help="source kind (data/README.md): news_article, wire, …"
    )
    for option, meaning in SOURCE_OPTIONS:
        parser.add_argument(option, default="", help=meaning)
    parser.add_argument(
        "--column",
        dest="columns",
        type=_column_value,
        action="append",
        default=[],
        metavar="COLUMN=VALUE",
        help="any other sources.csv column (repeatable)",
    )
    add_corpus_options(parser)


def draft_command(args: argparse.Namespace) -> int:
    from claimtrace.corpus.drafting.draft import draft_to_file
    from claimtrace.corpus.language import language_name

    path, draft, language = draft_to_file(
        args.source_id,
        Path(args.data_dir),
        Path(args.seeds_dir) if args.seeds_dir else None,
        Path(args.output) if args.output else None,
        force=args.force,
        every_mention=args.every_mention,
    )
    attributes = draft["attribute"].replace({"": "mention"}).value_counts()
    confidence = draft["confidence"].value_counts()
    print(f"{path}: {len(draft)} proposed claims, read as {language_name(language)} ({language})")
    print("  " + ", ".join(f"{name} {count}" for name, count in attributes.items()))
    print("  confidence: " + ", ".join(f"{name} {count}" for name, count in confidence.items()))
    print(
        "\nReview each row (its reason says why it was proposed), then move the rows you keep, "
        "without the reason and confidence columns, into data/claims.csv and run claimtrace check."
    )
    return ExitCode.OK


def _register_draft(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "draft", draft_command, DRAFT_SUMMARY, DRAFT_DESCRIPTION)
    parser.add_argument("source_id", metavar="SOURCE_ID", help="a seeded source of sources.csv")
    parser.add_argument(
        "-o", "--output", help="the draft CSV (default: drafts/SOURCE_ID.csv in --data-dir)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing draft")
    parser.add_argument(
        "--every-mention",
        action="store_true",
        help="also list each entity mention no proposal quotes (no attribute, low confidence)",
    )
    add_corpus_options(parser)


def register(subparsers: Subparsers) -> None:
    _register_add_source(subparsers)
    _register_draft(subparsers)
