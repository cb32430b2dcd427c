"""reports/index.html: every published report and every failed last attempt, with links."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from claimtrace.render.jobs import adhoc_prefix
from claimtrace.render.manifest import (
    EXECUTED,
    MANIFEST,
    REPORT_HTML,
    REPORT_PDF,
    read_manifest,
    write_text_atomic,
)


def report_entries(reports_dir: Path) -> list[dict[str, object]]:
    """Every published report and every failed last attempt, by job name."""
    entries: dict[str, dict[str, object]] = {}
    for manifest_file in sorted(reports_dir.glob(f"*/{MANIFEST}")):
        manifest = read_manifest(manifest_file)
        if manifest and not manifest_file.parent.name.startswith("."):
            entries[manifest_file.parent.name] = {"published": manifest, "failed": None}
    for failure_file in sorted(reports_dir.glob("*.failed.json")):
        failure = read_manifest(failure_file)
        job = failure_file.name.removesuffix(".failed.json")
        if failure:
            entries.setdefault(job, {"published": None, "failed": None})["failed"] = failure
    return [{"job": job, **entry} for job, entry in sorted(entries.items())]


def reading_order(entries: list[dict[str, object]]) -> list[dict[str, object]]:
    """Reports in the order a reader takes them: by notebook (00 the briefing first), each
    notebook's scheduled report first, then its scheduled variants, then ad hoc ones, each by
    job name."""

    def key(entry: Mapping[str, object]) -> tuple[str, bool, bool, str]:
        shown = entry["published"] or entry["failed"]
        assert isinstance(shown, dict)
        notebook = Path(str(shown.get("notebook", "")))
        adhoc = str(entry["job"]).startswith(adhoc_prefix(notebook))
        return notebook.name, adhoc, bool(shown.get("parameters")), str(entry["job"])

    return sorted(entries, key=key)


def write_index(reports_dir: Path) -> Path:
    """reports/index.html, the reader's landing page: each report in reading order with what it
    tells, the date of its data, links to read or print it and its status; the operator's
    details (job, parameters, hashes, files) folded away. No network references."""
    rows = [_index_entry(entry) for entry in reading_order(report_entries(reports_dir))]
    document = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Reports</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
body {{ font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 56rem;
  margin: 2rem auto; padding: 0 1.5rem; color: #1d232b; line-height: 1.45; }}
h1 {{ font-size: 1.6rem; border-bottom: 3px solid #8a1c1c; padding-bottom: 0.3rem; }}
ol.reports {{ list-style: none; padding: 0; }}
ol.reports > li {{ border-bottom: 1px solid #d5dae0; padding: 0.8rem 0; }}
h2 {{ font-size: 1.15rem; margin: 0 0 0.2rem; }}
.tells {{ margin: 0.1rem 0 0.3rem; }}
.meta {{ color: #5b6572; font-size: 0.9rem; margin: 0; }}
.ok {{ color: #1b6e2a; }} .failed {{ color: #8a1c1c; font-weight: bold; }}
details {{ font-size: 0.85rem; margin-top: 0.3rem; }} summary {{ color: #5b6572; cursor: pointer; }}
code {{ font-size: 0.85em; overflow-wrap: anywhere; }}
a {{ color: #8a1c1c; }}
</style></head>
<body><h1>Reports</h1>
<p>Read the briefing first: its first page is the bottom line. The other reports give the
detail behind it. Each report opens in the browser (with searchable tables) or prints as PDF.</p>
<ol class="reports">
{"".join(rows) or "<li>No report rendered yet.</li>"}
</ol></body></html>
"""
    index = reports_dir / "index.html"
    write_text_atomic(index, document)
    return index


def _index_entry(entry: Mapping[str, Any]) -> str:
    job = str(entry["job"])
    published: dict[str, object] | None = entry["published"]
    failed: dict[str, object] | None = entry["failed"]
    shown = published or failed
    assert isinstance(shown, dict)
    if failed:
        kept = "the previous report is kept" if published else "no report is published"
        status = (
            f'<span class="failed">the last run failed</span> ({_e(failed.get("start", ""))}); '
            f"{kept}"
        )
    else:
        status = f'<span class="ok">up to date</span>, rendered {_e(_day(shown))}'
    outputs = published.get("outputs") if published else []
    outputs = outputs if isinstance(outputs, list) else []  # a hand-edited manifest may lie
    links = [
        f'<a href="{_e(job)}/{_e(name)}">{label}</a>'
        for name, label in ((REPORT_HTML, "Read (HTML)"), (REPORT_PDF, "Print (PDF)"))
        if name in outputs
    ]
    files = [
        f'<a href="{_e(job)}/{_e(name)}">{_e(name)}</a>'
        for name in (EXECUTED, MANIFEST)
        if name in outputs
    ]
    if failed:
        files.append(f'<a href="{_e(job)}.failed.ipynb">failed notebook</a>')
        files.append(_e(str(failed.get("error", ""))))
    parameters = json.dumps(shown.get("parameters", {}), ensure_ascii=False, sort_keys=True)
    as_of = shown.get("data_as_of")
    return (
        f"<li><h2>{_e(shown.get('title', job))}</h2>"
        f'<p class="tells">{_e(shown.get("tells", ""))}</p>'
        + (
            f'<p class="meta">This selection: {_e(shown["covers"])}</p>'
            if shown.get("parameters") and shown.get("covers")
            else ""
        )
        + f'<p class="meta">{" · ".join(links)}'
        + (f" · data as of {_e(as_of)}" if as_of else "")
        + f" · {status}</p>"
        f"<details><summary>Operator details</summary><p>job <code>{_e(job)}</code> · "
        f"notebook <code>{_e(Path(str(shown.get('notebook', ''))).name)}</code> · "
        f"parameters <code>{_e(parameters)}</code> · data hash "
        f"<code>{_e(str(shown.get('data_hash') or '')[:12])}</code> · "
        f"{' · '.join(files)}</p></details></li>\n"
    )


def _day(manifest: Mapping[str, object]) -> str:
    """The day a report was rendered, from its start time ('2026-12-01T07:33:05+00:00')."""
    return str(manifest.get("start", ""))[:10]


def _e(value: object) -> str:
    # Text a leftover holds that is not valid Unicode is shown escaped, not written as is.
    return html.escape(str(value)).encode("utf-8", "backslashreplace").decode("utf-8")
