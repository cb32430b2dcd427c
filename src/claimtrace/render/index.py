"""reports/index.html: every published report and every failed last attempt, with links."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path

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


def write_index(reports_dir: Path) -> Path:
    """reports/index.html: every report with its status and links; no network references."""
    rows = [_index_row(entry) for entry in report_entries(reports_dir)]
    document = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>claimtrace reports</title>
<style>
body {{ font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 70rem;
  margin: 2rem auto; color: #1d232b; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
th, td {{ border: 1px solid #d5dae0; padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; }}
.ok {{ color: #1b6e2a; }} .failed {{ color: #8a1c1c; font-weight: bold; }}
code {{ font-size: 0.85em; }}
</style></head>
<body><h1>claimtrace reports</h1>
<table><thead><tr><th>report</th><th>status</th><th>title</th><th>parameters</th><th>data hash</th>
<th>rendered</th><th>files</th></tr></thead>
<tbody>
{"".join(rows) or '<tr><td colspan="7">No report rendered yet.</td></tr>'}
</tbody></table></body></html>
"""
    index = reports_dir / "index.html"
    write_text_atomic(index, document)
    return index


def _index_row(entry: Mapping[str, object]) -> str:
    job = str(entry["job"])
    published = entry["published"]
    failed = entry["failed"]
    shown = published or failed
    assert isinstance(shown, dict)
    if failed:
        kept = "previous report kept" if published else "no report published"
        status = f'<span class="failed">failed</span> {_e(failed.get("start", ""))}: ' + _e(
            f"{failed.get('error', '')} ({kept})"
        )
    else:
        status = '<span class="ok">ok</span>'
    files = []
    if published:
        outputs = published.get("outputs")
        files = [
            f'<a href="{_e(job)}/{_e(name)}">{_e(name)}</a>'
            for name in (REPORT_HTML, REPORT_PDF, EXECUTED, MANIFEST)
            if isinstance(outputs, list) and name in outputs
        ]
    if failed:
        files.append(f'<a href="{_e(job)}.failed.ipynb">failed notebook</a>')
    parameters = json.dumps(shown.get("parameters", {}), ensure_ascii=False, sort_keys=True)
    data_hash = str(shown.get("data_hash") or "")[:12]
    rendered = published.get("start", "") if published else ""
    return (
        f"<tr><td>{_e(job)}</td><td>{status}</td><td>{_e(shown.get('title', ''))}</td>"
        f"<td><code>{_e(parameters)}</code></td><td><code>{_e(data_hash)}</code></td>"
        f"<td>{_e(rendered)}</td><td>{' · '.join(files)}</td></tr>\n"
    )


def _e(value: object) -> str:
    # Text a leftover holds that is not valid Unicode is shown escaped, not written as is.
    return html.escape(str(value)).encode("utf-8", "backslashreplace").decode("utf-8")
