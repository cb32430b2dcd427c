"""The stages are rooms a newcomer can read: imports only point down, modules fit one sitting."""

from __future__ import annotations

import ast

from tests.factories import ROOT

PACKAGE = ROOT / "src" / "claimtrace"
STAGES = ("corpus", "judge", "present", "render")
"""In data-flow order; a module may import its own stage and earlier ones, never a later one."""
MOST_LINES = 450


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "claimtrace" or len(parts) < 2 or parts[1] not in STAGES:
        return None
    return STAGES.index(parts[1])


def test_no_module_imports_a_later_stage() -> None:
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = "claimtrace." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        own = _stage(module)
        if own is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            upward += [f"{module} imports {n}" for n in names if (_stage(n) or 0) > own]
    assert upward == []


def test_the_stage_packages_exist_and_no_module_is_too_long() -> None:
    assert all((PACKAGE / stage / "__init__.py").is_file() for stage in STAGES)
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}
