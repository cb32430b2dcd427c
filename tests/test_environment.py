"""The pinned environment: one lock that the Makefile, conda users and CI all follow."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

from tests.factories import ROOT


def _locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock line is not an exact pin: {line!r}"
            pins[_normal(name)] = version
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_declared_dependency_is_pinned_exactly_within_its_bounds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = map(Requirement, project["dependencies"] + project["optional-dependencies"]["dev"])
    locked = _locked()
    unfit = [
        str(requirement)
        for requirement in declared
        if (version := locked.get(_normal(requirement.name))) is None
        or version not in requirement.specifier
    ]
    assert not unfit, f"declared in pyproject.toml, not pinned within bounds in the lock: {unfit}"


def test_lock_leaves_out_the_slow_iri_validator() -> None:
    assert "rfc3987-syntax" not in _locked()


def test_conda_environment_follows_the_lock() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert python == f"python={sys.version_info.major}.{sys.version_info.minor}"
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-r requirements.lock" in pip_section


def test_installed_versions_match_the_lock() -> None:
    from importlib.metadata import distributions

    installed = {
        re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version for d in distributions()
    }
    wrong = {n: (v, installed.get(n)) for n, v in _locked().items() if installed.get(n) != v}
    assert not wrong, f"venv differs from requirements.lock (locked, installed): {wrong}"


def test_project_kernel_is_registered_with_inline_charts() -> None:
    spec = Path(sys.prefix) / "share/jupyter/kernels/claimtrace/kernel.json"
    kernel = json.loads(spec.read_text())
    assert Path(kernel["argv"][0]).resolve() == Path(sys.executable).resolve()
    assert kernel["env"]["MPLBACKEND"] == "module://matplotlib_inline.backend_inline"


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci/run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
