"""`make lab` in a real browser (Debian's Chromium, driven by Playwright): JupyterLab serves the
whole project on loopback, opens on notebooks/, runs the exploration notebook whose linked views
follow a changed widget, and opens a seed from its file browser."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chromium import chromium, skip_without_chromium
from tests.factories import ROOT

pytestmark = pytest.mark.slow  # starts JupyterLab and a kernel

skip_without_chromium()

from playwright.sync_api import (  # noqa: E402
    Browser,
    Locator,
    Page,
    expect,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

TOKEN = secrets.token_hex(16)
STARTS_WITHIN_SECONDS = 90
RUNS_WITHIN_MS = 120_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answering(address: str) -> bool:
    try:
        with urllib.request.urlopen(address, timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`make lab` on a free loopback port, its own workspace and store; its address."""
    port = _free_port()
    scratch = tmp_path_factory.mktemp("lab")
    options = (
        f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
        f"--ServerApp.port_retries=0 --IdentityProvider.token={TOKEN} "
        f"--LabApp.workspaces_dir={scratch}"
    )
    env = {**os.environ, "CLAIMTRACE_STORE": str(scratch / "claimtrace.duckdb")}
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_OPTIONS={options}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(scratch / "lab.log").open("w"),
        start_new_session=True,  # its own process group: stopped with every child below
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTS_WITHIN_SECONDS
    try:
        while not _answering(f"{address}/api/status?token={TOKEN}"):
            assert server.poll() is None, (scratch / "lab.log").read_text()
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.5)
        yield address
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched  # type: ignore[misc]


def opened(browser: Browser, lab: str) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{lab}/?token={TOKEN}")
    page.wait_for_url("**/lab/tree/notebooks**")
    expect(listed(page, "04_explore.ipynb")).to_be_visible(timeout=30_000)  # notebooks/ first
    return page


def listed(page: Page, name: str) -> Locator:
    return page.locator(".jp-DirListing-content").get_by_text(name, exact=True)


def run_all(page: Page, notebook: str) -> None:
    """Open `notebook` from the file browser and run all its cells."""
    listed(page, notebook).dblclick()
    expect(page.locator(".jp-Notebook").locator("visible=true")).to_be_visible(timeout=30_000)
    # JupyterLab may ask which kernel to start, the notebook's own preselected; or not ask.
    with contextlib.suppress(PlaywrightTimeout):
        page.locator(".jp-Dialog").get_by_role("button", name="Select").click(timeout=15_000)
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()


def test_the_notebook_runs_and_its_views_follow_a_changed_widget(
    lab: str, browser: Browser
) -> None:
    page = opened(browser, lab)
    run_all(page, "04_explore.ipynb")
    pick = page.locator(".widget-dropdown select")
    expect(pick).to_be_visible(timeout=RUNS_WITHIN_MS)
    claims = page.locator(".widget-html", has_text="Claims:")
    expect(claims).to_contain_text("mediawall-25")  # the signing with its sub-events
    pick.select_option(label="Source: RIPS newsletter")
    expect(claims).to_contain_text("rips-06", timeout=30_000)
    expect(claims).not_to_contain_text("mediawall-25")
    quote = page.locator(".ct-quote-context")
    expect(quote).to_contain_text("[rips-")
    expect(quote.locator("mark")).to_be_visible()
    page.close()


def test_a_report_notebook_shows_its_table_and_hides_its_paper_copy(
    lab: str, browser: Browser
) -> None:
    page = opened(browser, lab)
    run_all(page, "01_claims.ipynb")
    explorer = page.locator("table.dataTable.ct-explorer")
    expect(explorer).to_be_visible(timeout=RUNS_WITHIN_MS)
    expect(page.locator(".print-only").first).to_be_attached()
    expect(page.locator(".print-only").first).to_be_hidden()
    grade = explorer.locator("thead th").filter(has=page.get_by_text("grade", exact=True))
    grade.click()
    expect(explorer.locator("tbody tr td:nth-child(4)").first).to_have_text(
        "confirmed by other sources (1)"
    )
    page.close()


def test_a_seed_opens_from_the_file_browser(lab: str, browser: Browser) -> None:
    page = opened(browser, lab)
    page.locator(".jp-BreadCrumbs-home").click()
    listed(page, "seeds").dblclick()
    seed = sorted((ROOT / "seeds").glob("*.txt"))[1]
    expect(listed(page, seed.name)).to_be_visible()
    listed(page, seed.name).dblclick()
    # The editor shows each line of the text; a line's first words are found as written.
    line = next(line for line in seed.read_text(encoding="utf-8").splitlines() if len(line) > 80)
    first_words = " ".join(line.split(" ")[:6])
    expect(page.locator(".jp-FileEditor .cm-content")).to_contain_text(first_words)
    page.close()


def test_the_project_root_is_served(lab: str) -> None:
    # The notebooks' links to ../seeds/ resolve because the server's root is the project.
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    address = f"{lab}/api/contents/seeds/{seed.name}?token={TOKEN}"
    assert _answering(address)
    assert not _answering(f"{lab}/api/contents/no-such-folder?token={TOKEN}")
    assert Path(ROOT / "notebooks" / "04_explore.ipynb").exists()
