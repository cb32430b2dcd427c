"""The claim explorer in a real browser (Debian's Chromium), as a notebook shows it without the
report template: a header sorts when clicked anywhere, the grade sorts by number and reads in
words, each column filters, and the print-only copy stays out of sight on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import claimtrace
from claimtrace.present.table_behaviour import grade_in_words
from claimtrace.present.wording import credibility_words
from claimtrace.vocabulary import CREDIBILITY_MEANINGS
from tests.chromium import chromium, skip_without_chromium
from tests.factories import FROZEN_DATA

pytestmark = pytest.mark.slow  # starts a browser

skip_without_chromium()

from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402

GRADES = {credibility_words(grade): grade for grade in CREDIBILITY_MEANINGS}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched  # type: ignore[misc]


@pytest.fixture
def page(browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    """The claims listing of the frozen corpus after the table library's set-up, as a notebook
    page holds them (the set-up a notebook displays is captured here)."""
    shown: list[str] = []
    monkeypatch.setattr(
        "IPython.display.display", lambda *out, **_: shown.extend(o.data for o in out)
    )
    monkeypatch.setattr("claimtrace.present.query._in_a_kernel", lambda: True)
    explorer = claimtrace.open(FROZEN_DATA)
    listing = explorer.report.claims_listing(max_claims=300).data
    (tmp_path / "claims.html").write_text(
        f"<html><body>{''.join(shown)}{listing}</body></html>", encoding="utf-8"
    )
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.goto((tmp_path / "claims.html").as_uri())
    expect(opened.locator("table.dataTable tbody tr").first).to_be_visible()
    yield opened
    opened.close()


def cells(page: Page, heading: str) -> Locator:
    headings = page.locator("table.dataTable thead th .dt-column-title").all_inner_texts()
    at = headings.index(heading) + 1
    return page.locator(f"table.dataTable tbody tr td:nth-child({at})")


def column(page: Page, heading: str) -> list[str]:
    return cells(page, heading).all_inner_texts()


def header(page: Page, heading: str) -> Locator:
    return page.locator("table.dataTable thead th").filter(
        has=page.get_by_text(heading, exact=True)
    )


def test_a_click_on_the_grade_heading_sorts_by_number_shown_in_words(page: Page) -> None:
    header(page, "grade").click()
    ascending = [GRADES[words] for words in column(page, "grade")]
    assert ascending == sorted(ascending) and ascending[0] == 1
    header(page, "grade").click()
    expect(cells(page, "grade").first).not_to_have_text(credibility_words(1))
    descending = [GRADES[words] for words in column(page, "grade")]
    assert descending == sorted(descending, reverse=True) and descending[0] > 1


def test_each_column_has_its_own_filter_within_its_width(page: Page) -> None:
    filters = page.locator("table.dataTable tfoot input")
    assert filters.count() == page.locator("table.dataTable thead th").count()
    # Each box is as wide as its column: at their own width, every box would be as wide as the
    # next and widen the narrow columns.
    widths = [box["width"] for box in (f.bounding_box() for f in filters.all()) if box]
    assert len(set(widths)) > 1
    assert len(set(column(page, "source"))) > 1
    page.locator("table.dataTable tfoot th").nth(1).locator("input").press_sequentially("RIPS")
    expect(cells(page, "source").first).to_have_text("RIPS newsletter")
    assert set(column(page, "source")) == {"RIPS newsletter"}


def test_the_print_copy_shows_only_in_print(page: Page) -> None:
    expect(page.locator(".print-only").first).to_be_hidden()
    expect(page.locator(".screen-only").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".print-only").first).to_be_visible()
    expect(page.locator(".screen-only").first).to_be_hidden()


def test_the_grade_renderer_shows_words_and_sorts_numbers() -> None:
    definition = grade_in_words(3)
    assert definition["targets"] == 3 and definition["type"] == "num"
    assert "improbable (5)" in str(definition["render"])
