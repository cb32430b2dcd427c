"""The stages are rooms a newcomer can read: imports only point down, no two modules import each
other (directly or round a circle, lazily or not), modules fit one sitting."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

from tests.factories import ROOT

PACKAGE = ROOT / "src" / "claimtrace"
STAGES = ("corpus", "judge", "store", "present", "render", "cli")
"""In data-flow order; a module may import its own stage and earlier ones, never a later one."""
FRONT_DOOR = "claimtrace"
"""The package itself, which hands out the public entry point: above every stage."""
MOST_LINES = 450
Graph = Mapping[str, set[str]]


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rank(module: str) -> int:
    """Where a module stands: the shared root modules (errors, vocabulary, fingerprint,
    duckdb_connection) first, then the stages in order, then the front door. KeyError for a
    folder that is no stage."""
    parts = module.split(".")
    if parts == [FRONT_DOOR]:
        return len(STAGES)
    if len(parts) == 2 and parts[1] not in STAGES:
        return -1
    return STAGES.index(parts[1]) if parts[1] in STAGES else _unknown_stage(module)


def _unknown_stage(module: str) -> int:
    raise KeyError(f"{module} is in no stage of {STAGES}")


def imports_of(source: str, modules: set[str]) -> set[str]:
    """The project's modules a source imports anywhere: at the top, inside a function (lazily)
    or for the type checker alone. `from package import module` counts as the module."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
    return {name for name in found if name in modules}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    paths = {module_name(path, package): path for path in sorted(package.rglob("*.py"))}
    modules = set(paths)
    graph = {}
    for module, path in paths.items():
        imported = imports_of(path.read_text(encoding="utf-8"), modules) - {module}
        # `from package import module` names the package too; only the module is meant.
        graph[module] = {name for name in imported if not _holds_another(name, imported)}
    return graph


def _holds_another(name: str, imported: set[str]) -> bool:
    return any(other.startswith(name + ".") for other in imported)


def upward_imports(graph: Graph) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module, imported in graph.items()
        for name in imported
        if rank(name) > rank(module)
    )


def circles(graph: Graph) -> list[list[str]]:
    """Every group of modules that import each other round a circle (strongly connected
    components of more than one module), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for name in sorted(graph.get(module, ())):
            if name not in index:
                visit(name)
                low[module] = min(low[module], low[name])
            elif name in stack:
                low[module] = min(low[module], index[name])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def test_no_module_imports_a_later_stage() -> None:
    assert upward_imports(import_graph()) == []


def test_no_modules_import_each_other_round_a_circle() -> None:
    assert circles(import_graph()) == []


def test_every_module_stands_in_a_stage_or_at_the_root() -> None:
    graph = import_graph()
    assert {module.split(".")[1] for module in graph if "." in module} >= set(STAGES)
    for module in graph:
        rank(module)  # KeyError for a folder that is no stage


def test_an_upward_import_is_found_wherever_it_hides(tmp_path: Path) -> None:
    package = tmp_path / "claimtrace"
    for stage in STAGES:
        (package / stage).mkdir(parents=True)
        (package / stage / "__init__.py").write_text("")
    (package / "errors.py").write_text("")
    (package / "judge" / "grading.py").write_text("X = 1\n")
    (package / "store" / "cache.py").write_text("from claimtrace.judge import grading\n")
    assert upward_imports(import_graph(package)) == []  # down is fine
    (package / "judge" / "grading.py").write_text(
        "def later():\n    from claimtrace.store.cache import X\n"
    )
    (package / "errors.py").write_text("import claimtrace.cli\n")
    assert upward_imports(import_graph(package)) == [
        "claimtrace.errors imports claimtrace.cli",
        "claimtrace.judge.grading imports claimtrace.store.cache",
    ]


def test_a_circle_inside_a_stage_is_found_lazy_or_for_the_type_checker() -> None:
    chain = {"a": {"b"}, "b": {"c"}, "c": set(), "d": {"a"}}
    assert circles(chain) == []
    assert circles(chain | {"c": {"a"}}) == [["a", "b", "c"]]  # a lazy import is an edge too
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p.run import Job\n"
    assert imports_of(source, {"p.run", "p.jobs"}) == {"p.run"}


def test_the_stage_packages_exist_and_no_module_is_too_long() -> None:
    assert all((PACKAGE / stage / "__init__.py").is_file() for stage in STAGES)
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}
