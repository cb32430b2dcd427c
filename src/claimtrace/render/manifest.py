"""What a report was made from: hashes, versions and timings, kept in the manifest beside it.

Whether a report is up to date is decided from its manifest's request hash (render/unchanged.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from claimtrace.fingerprint import installed_versions, tree_sha256

MANIFEST = "manifest.json"
REPORT_HTML = "report.html"
REPORT_PDF = "report.pdf"
EXECUTED = "executed.ipynb"
VERSIONED_PACKAGES = (
    "papermill",
    "nbconvert",
    "weasyprint",
    "pandas",
    "matplotlib",
    "itables",
    "inflect",
)
PACKAGE_DIR = Path(__file__).parents[1]
TEMPLATES = Path(__file__).parent / "templates"


def package_versions() -> dict[str, str]:
    """Installed versions of the packages that shape a report's content and look."""
    return installed_versions(VERSIONED_PACKAGES)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_hashes() -> dict[str, str]:
    """Hashes of the report template and of the claimtrace sources the notebooks import."""
    return {
        "templates": tree_sha256(TEMPLATES),
        "claimtrace": tree_sha256(PACKAGE_DIR, "**/*.py"),
    }


def json_sha256(inputs: Mapping[str, object]) -> str:
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def read_manifest(path: Path) -> dict[str, object] | None:
    """The JSON object in `path`; None for anything else (missing, cut short, not UTF-8, nested
    too deep, not an object), so no leftover can break the run that reads it."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


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


def outputs_present(job_dir: Path, names: Iterable[str]) -> bool:
    return all((job_dir / name).is_file() for name in names)
