"""What a report was made from: hashes, versions and timings, and the index of all reports.

A report is up to date when the hash of everything it was made from (notebook bytes,
parameters, data, package versions, template and claimtrace source files) equals the
`inputs_hash` in its manifest; then a render skips it.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import claimtrace

MANIFEST = "manifest.json"
REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
EXECUTED = "executed.ipynb"
VERSIONED_PACKAGES = ("papermill", "nbconvert", "weasyprint", "pandas", "matplotlib", "itables")
PACKAGE_DIR = Path(claimtrace.__file__).parent


def package_versions() -> dict[str, str]:
    """Installed versions of the packages that shape a report's content and look."""
    versions = {}
    for name in VERSIONED_PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_sha256(root: Path, pattern: str = "**/*") -> str:
    """One hash over the names and bytes of the files under root matching pattern."""
    digest = hashlib.sha256()
    for path in sorted(
        p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts
    ):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def code_hashes() -> dict[str, str]:
    """Hashes of the report template and of the claimtrace sources the notebooks import."""
    return {
        "templates": tree_sha256(PACKAGE_DIR / "templates"),
        "claimtrace": tree_sha256(PACKAGE_DIR, "**/*.py"),
    }


def inputs_hash(inputs: Mapping[str, object]) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def read_manifest(path: Path) -> dict[str, object] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same directory so readers never see half a file."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json(path: Path, document: Mapping[str, object]) -> None:
    write_text_atomic(path, json.dumps(document, indent=2, sort_keys=True, default=str) + "\n")


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
        files = [
            f'<a href="{_e(job)}/{_e(name)}">{_e(name)}</a>'
            for name in (REPORT_HTML, REPORT_PDF, EXECUTED, MANIFEST)
            if name in published.get("outputs", [])
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
    return html.escape(str(value))


def outputs_present(job_dir: Path, names: Iterable[str]) -> bool:
    return all((job_dir / name).is_file() for name in names)
