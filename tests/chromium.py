"""Debian's Chromium, driven by Playwright (its own browser download is not used), for the tests
that read pages in a real browser: the rendered reports and JupyterLab."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def skip_without_chromium() -> None:
    """Skip the calling test module when Debian's Chromium is not installed."""
    if CHROMIUM is None:
        pytest.skip(
            "Chromium not found: install Debian's browser with `apt-get install chromium` "
            "(.ci/run does so in CI)",
            allow_module_level=True,
        )


@contextmanager
def chromium() -> Iterator[object]:
    """Chromium launched headless for the duration (a playwright Browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()
