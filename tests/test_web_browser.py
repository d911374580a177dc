"""The web workshop in a real browser: a phone without JavaScript, the projector at 1280×720, axe-core.

Headless Debian Chromium driven by Playwright (``executable_path``; no browser
download). Skipped without Chromium outside CI, failed in CI (``.ci/run``
installs it).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect, sync_playwright

from a11y import LAUNCH_ARGS, axe_violations, describe, find_chromium
from webserver import Participant, running

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=[*LAUNCH_ARGS, "--disable-quic"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def server(tmp_path):
    with running(tmp_path / "w.sqlite", "--vinjett", "jamila") as server:
        yield server


def test_a_participant_answers_and_corrects_on_a_phone_without_javascript(browser, server):
    phone = browser.new_context(java_script_enabled=False, **PHONE)
    page = phone.new_page()
    page.goto(f"http://127.0.0.1:{server.port}/?kod={server.code}")
    assert page.url.endswith(f"/v/jamila?kod={server.code}"), "the QR code's address leads straight to the case"
    assert page.locator("h1").inner_text() == "Jamila, 4 år"
    assert page.locator("#falt-kod").input_value() == server.code, "the code from the QR code is filled in"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the form is {width} px wide on a 390 px phone: it scrolls sideways"
    assert page.locator("button[type=submit]").bounding_box()["width"] >= 44

    page.get_by_label("Smeknamn").fill("   ")  # passes the browser's own check of a required field
    page.get_by_label("Hög risk", exact=True).check()
    page.get_by_role("button", name="Skicka").click()
    assert page.locator("#fel-smeknamn").inner_text() == "Skriv ett smeknamn."
    assert page.locator("#falt-smeknamn").get_attribute("aria-invalid") == "true"

    page.get_by_label("Smeknamn").fill("Anna")
    page.get_by_label("Hög risk", exact=True).check()
    page.get_by_label("Fysiskt våld mot barnet").check()
    page.get_by_label("Motivera kort: vilka risk- och skyddsfaktorer ser du?").fill("Pappa slår <b>henne</b>.")
    page.get_by_role("button", name="Skicka").click()
    assert page.locator("h1").inner_text() == "Tack! Ditt svar är sparat."
    assert "Din riskbedömning: Hög risk." in page.inner_text("main")

    page.get_by_role("link", name="Ändra ditt svar").click()
    assert page.get_by_label("Hög risk", exact=True).is_checked() and page.get_by_label("Smeknamn").input_value() == "Anna"
    page.get_by_label("Något förhöjd risk").check()
    page.get_by_role("button", name="Skicka").click()
    assert "ändring nummer 1" in page.inner_text("main")
    phone.close()

    status = Participant(server.port)
    assert status.request("GET", "/v/jamila")[0] == 200
    from webbkollen_lib.teaching.store import SqliteStore

    answers = SqliteStore(server.db).answers("jamila")
    assert len(answers) == 1 and str(answers["risk"].iloc[0]) == "nagot_forhojd"
    assert answers["motivering"].iloc[0] == "Pappa slår <b>henne</b>."


def test_the_projector_at_1280x720_counts_answers_and_reveals_on_closing(browser, server):
    for i, risk in enumerate(["hog"] * 9 + ["nagot_forhojd"] * 4 + ["mycket_hog"] * 2):
        phone = Participant(server.port)
        phone.open()
        assert phone.answer(server.code, f"P{i}", risk, motivering="gränssättning våld") == 303
    screen = browser.new_context(viewport={"width": 1280, "height": 720})
    page = screen.new_page()
    page.goto(server.trainer_url)
    assert page.url.endswith("/projektor") and "nyckel" not in page.url, "the key leaves the address bar"
    assert "15 har svarat" in page.locator("h1").inner_text()
    late = Participant(server.port)
    late.open()
    assert late.answer(server.code, "Sen", "hog") == 303
    expect(page.locator("#antal")).to_have_text("16 har svarat", timeout=10000)
    assert page.locator("img.qr").is_visible() and server.code in page.inner_text("main")
    page.get_by_role("button", name="Stäng svaren och visa resultatet").click()
    assert "10 av 16 valde samma nivå: hög risk." in page.inner_text("main")
    table = page.locator("table.bars")
    assert table.locator("caption").inner_text().startswith("Riskbedömningar i procent")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 720, f"the results view is {height} px high: it does not fit one 1280×720 screen"
    for view in ("Fördjupning", "Utsatthet och insatser", "Orden"):
        page.get_by_role("link", name=view, exact=True).click()
        assert page.locator("h2").first.inner_text() == view
    screen.close()


def test_every_workshop_page_passes_axe_core(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    found = {}
    page.goto(f"http://127.0.0.1:{server.port}/v/jamila")
    found["form"] = axe_violations(page)
    page.get_by_label("Workshopkod").fill("ZZZZZ")
    page.get_by_label("Smeknamn").fill("   ")
    page.get_by_label("Hög risk", exact=True).check()
    page.get_by_role("button", name="Skicka").click()
    assert page.locator("#fel-kod").is_visible()
    found["form with errors"] = axe_violations(page)
    page.get_by_label("Workshopkod").fill(server.code)
    page.get_by_label("Smeknamn").fill("Bo")
    page.get_by_label("Inte känt").check()
    page.get_by_role("button", name="Skicka").click()
    found["receipt"] = axe_violations(page)
    for i in range(4):
        phone = Participant(server.port)
        phone.open()
        phone.answer(server.code, f"P{i}", "hog", kryss=["hem_fysiskt_vald"], motivering="våld och gränser")
    screen = browser.new_context(viewport={"width": 1280, "height": 720})
    projector = screen.new_page()
    projector.goto(server.trainer_url)
    found["projector: join"] = axe_violations(projector)
    projector.get_by_role("button", name="Stäng svaren och visa resultatet").click()
    for view, name in (("resultat", "results"), ("fordjupning", "in depth"), ("utsatthet", "checklists"),
                       ("ord", "words"), ("export", "export")):
        projector.goto(f"http://127.0.0.1:{server.port}/projektor?vinjett=jamila&vy={view}")
        found[f"projector: {name}"] = axe_violations(projector)
    context.close()
    screen.close()
    broken = {page_name: describe(violations) for page_name, violations in found.items() if violations}
    assert not broken, "axe-core found violations:\n" + "\n".join(f"{k}:\n{v}" for k, v in broken.items())
    assert len(found) == 9, sorted(found)  # every page was checked
