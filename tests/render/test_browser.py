"""Each real report.html in a real browser (Debian's Chromium, driven by Playwright), offline:
nothing leaves the page, nothing fails in its console, and the claim explorer reads at 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chromium import chromium, skip_without_chromium
from tests.render.conftest import FILTERED, JOBS

pytestmark = pytest.mark.slow  # needs every real report rendered

skip_without_chromium()

from playwright.sync_api import Browser, Page, Route  # noqa: E402

LOCAL = ("file:", "data:", "blob:", "about:")
"""The only addresses a self-contained report may load from."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched  # type: ignore[misc]


def opened(browser: Browser, report: Path) -> tuple[Page, list[str], list[str]]:
    """The report opened at 1280 px wide with the network cut off: the page, the requests that
    tried to leave it, and the console errors."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    left: list[str] = []
    errors: list[str] = []

    def offline(route: Route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    page.route("**/*", offline)
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(report.as_uri(), wait_until="load")
    page.wait_for_timeout(500)  # the explorer's tables are built after load
    return page, left, errors


@pytest.mark.parametrize("job", [*JOBS, FILTERED])
def test_a_report_opens_offline_without_errors(rendered: Path, browser: Browser, job: str) -> None:
    page, left, errors = opened(browser, rendered / job / "report.html")
    assert left == [], f"requests left the page: {left}"
    assert errors == [], f"console errors: {errors}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the page scrolls sideways: {width} px"
    page.close()


def test_the_claim_explorer_gives_the_quote_the_widest_column(
    rendered: Path, browser: Browser
) -> None:
    page, _, _ = opened(browser, rendered / "claims" / "report.html")
    columns = page.evaluate(
        """() => {
          const table = document.querySelector('table.ct-explorer');
          const cells = [...table.querySelectorAll('thead th')];
          return {
            table: table.getBoundingClientRect().width,
            box: table.closest('.jp-RenderedHTML').getBoundingClientRect().width,
            columns: cells.map(th => [th.textContent.trim(), th.getBoundingClientRect().width]),
          };
        }"""
    )
    widths = dict(columns["columns"])
    quote = widths["quote in context"]
    assert quote >= 0.4 * columns["table"], columns
    assert quote == max(widths.values()), columns
    assert columns["table"] <= columns["box"] + 1, "the explorer is wider than its box"
    first_row = page.inner_text("table.ct-explorer tbody tr")
    assert "_" not in first_row.split("\t", 1)[1], first_row  # values in words, not keys
    page.close()
