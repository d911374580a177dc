"""A batch's reports open offline in a real browser, with every figure rendered.

Headless Chromium (Debian's ``chromium`` package) is driven over the DevTools
protocol on a pipe (``--remote-debugging-pipe``), so the test needs no Python
package beyond the standard library and Pillow. The network is switched off
twice over: DevTools network emulation is offline, and every request that is
not ``file:`` or ``data:`` would go to a proxy that does not exist. The test
then fails on any such request, not only on failed ones.
"""

from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

from webbkollen_lib.reports.batch import run_batch

from a11y import find_chromium

pytestmark = pytest.mark.browser

HERE = Path(__file__).parent
NOTEBOOK = HERE / "data" / "notebooks" / "rapport.ipynb"
DATA = HERE / "data" / "batch" / "registreringar.csv"

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--proxy-server=127.0.0.1:9",  # port 9 (discard): anything that tries the network fails
    "--proxy-bypass-list=<-loopback>",
    "--remote-debugging-pipe",
]


class DevTools:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, executable: str, profile: Path):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child_fds():
            # Chromium reads commands on fd 3 and answers on fd 4. Move both
            # ends out of the way first, so that neither dup2 clobbers the other.
            read_end = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)  # dup2 makes them inheritable across exec
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            preexec_fn=child_fds,
            close_fds=False,  # keep fds 3 and 4; Python's own fds are close-on-exec anyway
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_browser)
        os.close(self._from_browser)

    def _read_message(self, deadline: float) -> dict:
        import select

        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("Chromium did not answer")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self.events.remove(event)
                    return event
            self.events.append(self._read_message(deadline))

    def open_offline(self, url: str) -> str:
        """A new tab with the network off, navigated to ``url``; returns its session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=session)
        self.send("Runtime.enable", session=session)
        self.send("Network.enable", session=session)
        self.send(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
            session=session,
        )
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        return session

    def evaluate(self, expression: str, session: str):
        result = self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, session=session
        )
        return result["result"].get("value")

    def screenshot(self, session: str) -> Image.Image:
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=session)[
            "data"
        ]
        return Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")

    def session_events(self, session: str, method: str) -> list[dict]:
        return [e for e in self.events if e.get("sessionId") == session and e.get("method") == method]


IMAGES = """
Promise.all(Array.from(document.images, img => img.decode().catch(() => null)))
  .then(() => Array.from(document.images, img => ({
      src: img.src.slice(0, 30), complete: img.complete,
      naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
      width: img.getBoundingClientRect().width})))
"""


def assert_not_blank(image: Image.Image, what: str) -> None:
    colours = image.getcolors(maxcolors=1 << 16)
    n_colours = len(colours) if colours is not None else 1 << 16
    assert n_colours > 20, f"{what}: the screenshot has only {n_colours} colours, so it is (nearly) blank"
    background = max(colours or [(0, None)], key=lambda c: c[0])[0] if colours else 0
    assert background < 0.99 * image.width * image.height, f"{what}: the screenshot is almost all one colour"


def assert_offline_clean(devtools: DevTools, session: str, what: str) -> None:
    requests = [e["params"]["request"]["url"] for e in devtools.session_events(session, "Network.requestWillBeSent")]
    outside = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert outside == [], f"{what} asked the network for {outside}"
    failed = [
        (e["params"].get("errorText"), e["params"].get("requestId"))
        for e in devtools.session_events(session, "Network.loadingFailed")
    ]
    assert failed == [], f"{what}: failed requests {failed}"
    errors = devtools.session_events(session, "Runtime.exceptionThrown")
    assert errors == [], f"{what}: JavaScript errors {errors}"


@pytest.fixture(scope="module")
def devtools(tmp_path_factory):
    client = DevTools(find_chromium(), tmp_path_factory.mktemp("chromium-profile"))
    try:
        client.send("Browser.getVersion")
        yield client
    finally:
        client.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "reports"
    with ThreadPoolExecutor(1) as executor:
        result = run_batch(
            DATA, notebook=NOTEBOOK, out=out, kommun=["Umeå", "Majorna-Linné"], executor=executor, progress=False
        )
    assert result.ok, result.summary()
    return result


def test_index_opens_offline_and_links_every_report(devtools, batch):
    session = devtools.open_offline(batch.index.as_uri())
    links = devtools.evaluate(
        "Array.from(document.querySelectorAll('tbody a[href$=\".html\"]'), a => a.textContent)", session
    )
    assert links == ["Majorna-Linné", "Umeå"]
    assert devtools.evaluate("document.title", session) == "Kommunrapporter 2017"
    assert_not_blank(devtools.screenshot(session), "index.html")
    assert_offline_clean(devtools, session, "index.html")


@pytest.mark.parametrize("media", ["screen", "print"])
def test_report_renders_every_figure_offline(devtools, batch, media):
    report = Path(batch.reports.set_index("kommun").loc["Umeå", "html"])
    session = devtools.open_offline(report.as_uri())
    devtools.send("Emulation.setEmulatedMedia", {"media": media}, session=session)
    images = devtools.evaluate(IMAGES, session)
    # the fixture notebook draws one figure per report
    assert len(images) == 1, images
    for image in images:
        assert image["src"].startswith("data:image/png;base64,")
        assert image["complete"] and image["naturalWidth"] > 0 and image["naturalHeight"] > 0, image
        assert image["width"] > 100, f"the figure is drawn {image['width']} px wide"
    text = devtools.evaluate("document.body.innerText", session)
    assert "Umeå 2017: 24 registreringar" in text
    assert "import pandas" not in text, "code cells must not be shown"
    assert_not_blank(devtools.screenshot(session), f"umea.html ({media})")
    assert_offline_clean(devtools, session, "umea.html")


def test_blank_page_would_fail_the_check():
    """The blankness check itself can fail: a one-colour image does not pass."""
    with pytest.raises(AssertionError, match="blank"):
        assert_not_blank(Image.new("RGB", (800, 600), "white"), "white page")


def test_the_checks_catch_a_broken_image_and_a_network_request(devtools, tmp_path):
    """Negative control: a page with a broken figure and a CDN script fails both checks."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><body><h1>Trasig</h1>"
        '<img src="data:image/png;base64,iVBORw0KGgoAAAA">'
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>'
        "</body></html>",
        encoding="utf-8",
    )
    session = devtools.open_offline(page.as_uri())
    images = devtools.evaluate(IMAGES, session)
    assert images[0]["naturalWidth"] == 0
    with pytest.raises(AssertionError, match="asked the network for"):
        assert_offline_clean(devtools, session, "bad.html")


@pytest.fixture(scope="module")
def oj2015_batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser-oj2015") / "reports"
    result = run_batch(None, report="oj2015", out=out, workers=2, progress=False)
    assert result.ok, result.summary()
    return result


def test_oj2015_batch_writes_eight_reports_and_an_index_that_open_offline(devtools, oj2015_batch):
    session = devtools.open_offline(oj2015_batch.index.as_uri())
    links = devtools.evaluate(
        "Array.from(document.querySelectorAll('tbody a[href$=\".html\"]'), a => a.textContent)", session
    )
    assert sorted(links) == sorted(["Upplands Väsby", "Järfälla", "Ekerö", "Upplands-Bro", "Sollentuna",
                                    "Sundbyberg", "Solna", "Sigtuna"])
    assert devtools.evaluate("document.title", session) == "Öppna jämförelser 2015, kommunrapporter"
    assert_offline_clean(devtools, session, "oj2015 index.html")


def test_oj2015_report_shows_the_four_steps_with_real_tables_offline(devtools, oj2015_batch):
    report = Path(oj2015_batch.reports.set_index("kommun").loc["Solna", "html"])
    session = devtools.open_offline(report.as_uri())
    text = devtools.evaluate("document.body.innerText", session)
    for heading in ("Steg 1. Identifiera förbättringsområden", "Steg 2. Komplettera med annan information",
                    "Steg 3. Vad kan vi lära av utvecklingen över tid?", "Steg 4. Slutsatser, mål och genomförande"):
        assert heading in text
    assert "Solna når målvärdet för" in text and "syntetiska" in text  # step 2 says the Webbkollen data are synthetic
    assert "import " not in text, "code cells must not be shown"
    headers = devtools.evaluate("Array.from(document.querySelectorAll('table thead th'), th => th.textContent)", session)
    assert "Stockholms län" in headers and "Riket" in headers and "Målvärdet nått" in headers
    assert_not_blank(devtools.screenshot(session), "solna.html (oj2015)")
    assert_offline_clean(devtools, session, "solna.html (oj2015)")
