"""Refreshing the notebooks' kept outputs changes those outputs and nothing else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimtrace.render.kept_outputs import refresh_kept_outputs
from tests.factories import FROZEN, ROOT

pytestmark = pytest.mark.slow  # runs a notebook on a real kernel

NOTEBOOK = "01_claims.ipynb"


def kept_cells(notebook: dict) -> list[int]:
    return [i for i, cell in enumerate(notebook["cells"]) if cell["metadata"].get("keep_output")]


def test_a_stale_kept_output_is_rewritten_and_every_other_byte_kept(tmp_path: Path) -> None:
    for part in ("data", "seeds"):
        shutil.copytree(FROZEN / part, tmp_path / part)
    (tmp_path / "notebooks").mkdir()
    path = tmp_path / "notebooks" / NOTEBOOK
    committed = json.loads((ROOT / "notebooks" / NOTEBOOK).read_text(encoding="utf-8"))
    (kept,) = kept_cells(committed)
    stale = json.loads(json.dumps(committed))
    stale["cells"][kept]["outputs"] = [
        {"name": "stdout", "output_type": "stream", "text": ["Claims: 1\n"]}
    ]
    path.write_text(json.dumps(stale, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    assert refresh_kept_outputs(path) is True
    refreshed = json.loads(path.read_text(encoding="utf-8"))
    assert "Claims: 157" in "".join(refreshed["cells"][kept]["outputs"][0]["data"]["text/plain"])
    for index, (before, after) in enumerate(zip(stale["cells"], refreshed["cells"], strict=True)):
        if index != kept:
            assert after == before, index  # other cells keep their (empty) outputs and metadata
    assert refreshed["metadata"] == stale["metadata"]
    assert refresh_kept_outputs(path) is False  # a second run finds nothing new: no noise
