"""Refresh the outputs a notebook keeps for nbval (cells whose metadata has `keep_output`).

The notebooks are committed without outputs except those cells, whose output nbval compares
(`# NBVAL_CHECK_OUTPUT`): when the data changes, their figures change with it. Each notebook is
run whole with nbclient on the project's kernel, in notebooks/ as a render runs it, and only
the kept cells' outputs are copied back into the committed notebook; every other byte of it
stays as it was, so its diff is the changed figures alone.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from claimtrace.corpus.files import write_atomically
from claimtrace.errors import RenderError
from claimtrace.render.kernel import Kernel

CELL_TIMEOUT_SECONDS = 600


def refresh_kept_outputs(notebook: Path) -> bool:
    """Run `notebook` and write back its kept cells' new outputs; whether any changed.
    RenderError naming the notebook when a cell fails (the notebook is then left as it was)."""
    committed = nbformat.read(notebook, as_version=4)
    executed = copy.deepcopy(committed)
    kernel = Kernel.start(notebook.parent)
    try:
        NotebookClient(executed, km=kernel.manager, timeout=CELL_TIMEOUT_SECONDS).execute()
    except CellExecutionError as error:
        ename, evalue = error.ename, error.evalue
        raise RenderError(f"{notebook}: a cell failed ({ename}: {evalue})") from None
    finally:
        kernel.stop()
    changed = False
    for kept, ran in zip(committed.cells, executed.cells, strict=True):
        kept_by_nbval = kept.cell_type == "code" and kept.metadata.get("keep_output")
        if kept_by_nbval and kept.outputs != ran.outputs:
            kept.outputs = ran.outputs
            changed = True
    if changed:
        write_atomically(notebook, (nbformat.writes(committed) + "\n").encode("utf-8"))
    return changed
