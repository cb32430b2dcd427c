"""Writing a curated or drafted file whole: a reader sees the old file or the new one, never
half of either."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def why_not_replace(path: Path, project: Path) -> str | None:
    """Why an existing `path` must not be replaced by a written file, or None when it may be:
    only a regular file inside the project is ever replaced (never a device, a folder, a link
    or a file elsewhere); a path that does not exist yet may be anywhere the user names."""
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file():
        return f"{path} exists and is not a regular file; it is never replaced"
    if not path.resolve().is_relative_to(project.resolve()):
        return f"{path} exists outside the project; name a new file"
    return None


def write_atomically(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write beside `path` and rename over it; nothing is left behind if writing fails."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
