"""Browser helpers for the tests: finding Debian's Chromium, and the accessibility check (axe-core).

The accessibility check serves the Swedish law on accessible digital public
services (lag 2018:1937), which points to EN 301 549, i.e. WCAG 2.1 level AA.
:func:`axe_violations` runs axe-core (the copy shipped in
``axe-playwright-python``) on a page opened in headless Chromium and returns
its violations, of *any* impact; :func:`assert_accessible` fails with a
readable list. Point it at any page, a file or a served URL, e.g. the
workshop's pages::

    with chromium_page() as page:
        assert_accessible(page, "http://127.0.0.1:5000/")

In CI (``CI=true``) a missing Chromium fails the test that needs it; elsewhere
it is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

#: Chromium's command-line flags for every test browser: no sandbox (containers), nothing in the background.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
#: The rule sets axe runs: WCAG 2.0 and 2.1, levels A and AA, and Deque's best practices (all of axe's
#: non-experimental rules).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def find_chromium() -> str:
    """Debian's ``chromium``; the test is skipped without it, and fails in CI (``.ci/run`` installs it)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    reason = "headless Chromium is not installed (Debian: apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; in CI it is required (.ci/run installs it)")
    pytest.skip(reason)


@contextlib.contextmanager
def chromium_page(offline: bool = True):
    """A Playwright page in headless Debian Chromium (offline by default: file pages need no network)."""
    executable = find_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(offline=offline)
            yield context.new_page()
        finally:
            browser.close()


def axe_violations(page, url: str | Path | None = None) -> list[dict]:
    """axe-core's violations on ``page`` (after opening ``url``, a file path or URL, if given), any impact."""
    if url is not None:
        page.goto(Path(url).resolve().as_uri() if isinstance(url, Path) else url, wait_until="load")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                       "resultTypes": ["violations"]})
    return results.response["violations"]


def describe(violations: list[dict]) -> str:
    """One line per violation and node: rule, impact, where, what axe says."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            lines.append(f"{v['id']} ({v['impact']}): {', '.join(map(str, node['target']))}: "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def assert_accessible(page, url: str | Path | None = None) -> None:
    """Fail unless axe finds no violation at all on the page."""
    violations = axe_violations(page, url)
    assert not violations, f"{len(violations)} accessibility rules broken on {url or page.url}:\n" + describe(violations)
