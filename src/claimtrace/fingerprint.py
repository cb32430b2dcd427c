"""Hashes of files and the installed versions of packages: what decides whether something made
earlier (a published report, a stored assessment) was made from exactly what is here now."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


def tree_sha256(root: Path, pattern: str = "**/*") -> str:
    """One hash over the names and bytes of the files under root matching pattern."""
    digest = hashlib.sha256()
    # A link is not followed: it may point outside the project.
    for path in sorted(
        p
        for p in root.glob(pattern)
        if p.is_file() and not p.is_symlink() and "__pycache__" not in p.parts
    ):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def installed_versions(packages: Iterable[str]) -> dict[str, str]:
    """Each package's installed version, or 'not installed'."""
    versions = {}
    for name in packages:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return versions
