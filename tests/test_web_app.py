"""The web workshop's pages and rules, through Flask's test client (docs/workshop.md is the interface).

A participant is a device; the workshop code guards every answer; the
trainer's key guards the projector, exports and closing; every text a
participant writes is escaped in HTML and neutralised in exports; bad input
comes back as the form with a Swedish message beside the field.
"""

from __future__ import annotations

import csv as csv_module
import io
import itertools
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup

from webbkollen_lib.teaching.store import SqliteStore
from webbkollen_lib.web.app import DEVICE_COOKIE, LIMITS, MAX_REQUEST_BYTES, create_app
from webbkollen_lib.web.server import prepare


@pytest.fixture()
def workshop(tmp_path):
    return prepare(tmp_path / "workshop.sqlite", vignettes=("jamila", "max"))


@pytest.fixture()
def app(workshop):
    app = create_app(workshop.store, participant_url=workshop.participant_url)
    app.testing = True
    return app


def new_device(app):
    """A participant with their own phone: a client of their own, the device cookie set by the first page."""
    client = app.test_client()
    assert client.get("/v/jamila").status_code == 200
    return client


def send(client, code, vid="jamila", **fields):
    data = {"kod": code, "smeknamn": "Anna", "risk": "hog", "motivering": "", **fields}
    return client.post(f"/v/{vid}", data=data)


def trainer(app, workshop):
    client = app.test_client()
    assert client.get(f"/tranare?nyckel={workshop.trainer_key}").status_code == 303
    return client


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def errors_beside(response) -> dict[str, str]:
    """field id -> the message shown right after it (the ``fel-…`` paragraph the field points to)."""
    page = soup(response)
    return {p["id"][4:]: p.get_text(strip=True) for p in page.select("p.error[id]")}


# --------------------------------------------------------------------------------------------
# answering
# --------------------------------------------------------------------------------------------


def test_an_answer_is_stored_with_a_receipt_and_corrected_from_the_same_device(app, workshop):
    phone = new_device(app)
    sent = send(phone, workshop.code, risk="hog", kryss=["hem_fysiskt_vald"], motivering="Pappa slår.")
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/v/jamila/kvitto")
    receipt = phone.get(sent.headers["Location"])
    assert receipt.status_code == 200
    text = soup(receipt).get_text(" ", strip=True)
    assert "Tack! Ditt svar är sparat." in text and "Anna, ditt svar på Jamila, 4 år sparades" in text
    assert "Din riskbedömning: Hög risk." in text

    form = soup(phone.get("/v/jamila"))
    assert form.find("input", {"name": "risk", "value": "hog"}).has_attr("checked"), "the form shows the answer again"
    assert form.find("input", {"value": "hem_fysiskt_vald"}).has_attr("checked")
    again = send(phone, workshop.code, risk="nagot_forhojd")
    assert again.status_code == 303
    assert "ändring nummer 1" in soup(phone.get(again.headers["Location"])).get_text()
    answers = workshop.store.answers("jamila")
    assert len(answers) == 1 and answers["risk"].astype(str).tolist() == ["nagot_forhojd"], "the last answer wins"


def test_two_people_with_the_same_nickname_are_two_participants(app, workshop):
    first, second = new_device(app), new_device(app)
    assert send(first, workshop.code, smeknamn="Anna", risk="hog").status_code == 303
    assert send(second, workshop.code, smeknamn="  anna ", risk="ingen_lag").status_code == 303
    answers = workshop.store.answers("jamila").sort_values("bedomare")
    assert answers["bedomare"].tolist() == ["Anna", "anna (2)"]
    assert sorted(answers["risk"].astype(str)) == ["hog", "ingen_lag"], "neither overwrote the other"
    assert "anna (2), ditt svar" in soup(second.get("/v/jamila/kvitto")).get_text()


def test_without_cookies_the_form_carries_the_device(app, workshop):
    page = app.test_client(use_cookies=False).get("/v/jamila")
    device = soup(page).find("input", {"name": "enhet"})["value"]
    client = app.test_client(use_cookies=False)
    sent = client.post("/v/jamila", data={"kod": workshop.code, "smeknamn": "Bo", "risk": "hog", "enhet": device})
    assert sent.status_code == 303 and f"enhet={device}" in sent.headers["Location"]
    assert "Bo, ditt svar" in soup(client.get(sent.headers["Location"])).get_text()
    again = client.post("/v/jamila", data={"kod": workshop.code, "smeknamn": "Bo", "risk": "ingen_lag", "enhet": device})
    assert again.status_code == 303 and workshop.store.count("jamila") == 1


def test_a_wrong_or_missing_code_is_refused_and_nothing_is_stored(app, workshop):
    phone = new_device(app)
    wrong = send(phone, "ZZZZZ")
    assert wrong.status_code == 403
    assert errors_beside(wrong) == {"kod": "Fel workshopkod. Skriv koden som står på projektorn."}
    assert send(phone, "").status_code == 400
    assert workshop.store.count("jamila") == 0
    assert send(phone, f" {workshop.code.lower()[:2]}-{workshop.code.lower()[2:]} ").status_code == 303, \
        "a code typed in lower case with a space or dash is the same code"


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"smeknamn": "   "}, "smeknamn", "Skriv ett smeknamn."),
        ({"risk": ""}, "risk", "Välj en riskbedömning (eller Inte känt)."),
        ({"risk": "jättehög"}, "risk", "Välj en riskbedömning (eller Inte känt)."),
        ({"smeknamn": "A" * (LIMITS["smeknamn"] + 1)}, "smeknamn", "För lång text: högst 40 tecken (du skrev 41)."),
        ({"motivering": "x" * (LIMITS["motivering"] + 5)}, "motivering",
         "För lång text: högst 1000 tecken (du skrev 1005)."),
        ({"smeknamn": "Anna\x00"}, "smeknamn", "Texten innehåller tecken som inte går att spara."),
        ({"kryss": ["hem_ingen", "hem_fysiskt_vald"]}, "kryss_hem",
         '"Ingen utsatthet i hemmiljön" kan inte kryssas tillsammans med något annat i samma fråga.'),
        ({"kryss": ["hem_drakar"]}, "kryss", "Ett alternativ känns inte igen: hem_drakar."),
    ],
)
def test_invalid_input_returns_the_form_with_a_swedish_message_beside_the_field(app, workshop, fields, field, message):
    phone = new_device(app)
    response = send(phone, workshop.code, **fields)
    assert response.status_code == 400
    assert errors_beside(response) == {field: message}
    page = soup(response)
    assert page.find(attrs={"role": "alert"}).find("strong").get_text() == \
        "Svaret skickades inte. Rätta det som står nedan och skicka igen."
    assert "Traceback" not in response.get_data(as_text=True)
    if field in ("smeknamn", "motivering"):
        box = page.find(id=f"falt-{field}")
        assert box["aria-invalid"] == "true" and f"fel-{field}" in box["aria-describedby"]
    if field == "smeknamn" and "x00" not in repr(fields):
        assert page.find(id="falt-smeknamn")["value"] == fields["smeknamn"], "what was typed is kept"
    assert workshop.store.count("jamila") == 0


def test_the_none_option_exists_in_the_codebook_as_the_test_assumes(app):
    labels = [label.get_text(strip=True) for label in soup(app.test_client().get("/v/jamila")).select("label")]
    assert "Ingen utsatthet i hemmiljön" in labels


def test_a_request_larger_than_the_limit_is_refused_in_swedish(app, workshop):
    phone = new_device(app)
    response = send(phone, workshop.code, motivering="x" * MAX_REQUEST_BYTES)
    assert response.status_code == 413
    assert "Svaret är för stort för att tas emot" in response.get_data(as_text=True)
    assert workshop.store.count("jamila") == 0


def test_a_closed_case_refuses_answers_and_reopening_accepts_them(app, workshop):
    phone = new_device(app)
    workshop.store.set_open("jamila", False)
    refused = send(phone, workshop.code)
    assert refused.status_code == 403 and "Svaren för det här ärendet är stängda." in refused.get_data(as_text=True)
    workshop.store.set_open("jamila", True)
    assert send(phone, workshop.code).status_code == 303


def test_an_unknown_case_is_a_swedish_404(app, workshop):
    response = app.test_client().get("/v/okand")
    assert response.status_code == 404 and "Det finns inget sådant ärende" in response.get_data(as_text=True)
    assert app.test_client().get("/finns-inte").status_code == 404


def test_participants_see_a_neutral_title_and_no_script(app):
    page = app.test_client().get("/v/jamila")
    html = page.get_data(as_text=True)
    assert soup(page).find("h1").get_text() == "Jamila, 4 år"
    assert "våld eller svårigheter" not in html, "the title must not state the disagreement the test reveals"
    assert "<script" not in html, "the form works without JavaScript"
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]


def test_the_short_form_asks_risk_home_and_motivation_only(tmp_path):
    workshop = prepare(tmp_path / "kort.sqlite", vignettes=("jamila",), short_form=True)
    page = soup(create_app(workshop.store).test_client().get("/v/jamila"))
    groups = {box["value"].split("_")[0] for box in page.find_all("input", {"name": "kryss"})}
    assert groups == {"hem"}
    assert page.find(id="falt-motivering") is not None and page.find(id="falt-mal") is None


def test_english_on_request(app):
    page = app.test_client().get("/v/jamila?lang=en")
    assert soup(page).find("html")["lang"] == "en"
    assert soup(page).find("h1").get_text() == "Jamila, 4"
    assert "Nickname" in page.get_data(as_text=True)


# --------------------------------------------------------------------------------------------
# the trainer
# --------------------------------------------------------------------------------------------


def test_the_projector_exports_and_closing_need_the_trainers_key(app, workshop):
    anyone = app.test_client()
    for url in ("/projektor", "/export.csv", "/export.xlsx", "/api/status"):
        assert anyone.get(url).status_code == 403, url
    assert anyone.get("/tranare?nyckel=gissning").status_code == 403
    assert anyone.post("/projektor/svar", data={"vinjett": "jamila", "oppen": "0"}).status_code == 403
    boss = trainer(app, workshop)
    assert boss.get("/projektor").status_code == 200
    assert boss.post("/projektor/svar", data={"vinjett": "jamila", "oppen": "0"}).status_code == 403, "no CSRF token"
    assert workshop.store.is_open("jamila")
    csrf = soup(boss.get("/projektor")).find("input", {"name": "csrf"})["value"]
    assert boss.post("/projektor/svar", data={"vinjett": "jamila", "oppen": "0", "csrf": csrf}).status_code == 303
    assert not workshop.store.is_open("jamila")


def test_results_stay_hidden_until_answering_is_closed(app, workshop):
    for risk in ("hog", "hog", "ingen_lag"):
        send(new_device(app), workshop.code, risk=risk)
    boss = trainer(app, workshop)
    page = soup(boss.get("/projektor?vinjett=jamila&vy=resultat"))
    assert page.find("table") is None and "Resultatet visas när du stänger svaren" in page.get_text()
    assert "3 har svarat" in page.find("h1").get_text()
    workshop.store.set_open("jamila", False)
    assert soup(boss.get("/projektor?vinjett=jamila&vy=resultat")).find("table") is not None


def test_the_projector_shows_the_group_and_the_report_in_percent_with_one_headline(app, workshop):
    ratings = ["hog"] * 14 + ["nagot_forhojd"] * 6 + ["mycket_hog"] * 3 + ["ingen_lag"] * 2 + ["inte_kant"] * 2
    for risk in ratings:
        assert send(new_device(app), workshop.code, risk=risk).status_code == 303
    workshop.store.set_open("jamila", False)
    page = soup(trainer(app, workshop).get("/projektor?vinjett=jamila&vy=resultat"))
    text = page.get_text(" ", strip=True)
    assert "14 av 25 valde samma nivå: hög risk." in text
    known = [r for r in ratings if r != "inte_kant"]
    pairs = list(itertools.combinations(known, 2))
    agree = sum(a == b for a, b in pairs) / len(pairs)
    assert f"{round(agree * 100)} % av alla par av svar valde samma nivå." in text.replace("\xa0", " ")
    assert "2 svarade Inte känt och räknas inte i samstämmigheten." in text
    table = page.find("table", class_="bars")
    assert table.find("caption").get_text() == \
        "Riskbedömningar i procent: ni (27 svar) och rapportens deltagare (16 svar)"
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 3
    rows = {tr.th.get_text(): [td.get_text(strip=True).replace("\xa0", " ") for td in tr.find_all("td")]
            for tr in table.select("tbody tr")}
    assert rows["Hög risk"] == ["52 %", "13 %"], "14 of 27 answers; the report's 2 of 16"
    assert rows["Något förhöjd risk"] == ["22 %", "69 %"], "the report's eleven of 16"


def test_the_deep_view_holds_the_coefficients_with_intervals(app, workshop):
    for risk in ["hog"] * 5 + ["nagot_forhojd"] * 3:
        send(new_device(app), workshop.code, risk=risk)
    workshop.store.set_open("jamila", False)
    table = soup(trainer(app, workshop).get("/projektor?vinjett=jamila&vy=fordjupning")).find("table")
    measures = [th.get_text() for th in table.select("tbody th")]
    assert len(measures) >= 5 and all("–" in td.get_text() for td in table.select("tbody td")[:1])


def test_checklists_are_shares_per_option_without_per_option_kappa(app, workshop):
    for ticked in (["hem_fysiskt_vald"], ["hem_fysiskt_vald"], ["hem_ingen"], []):
        send(new_device(app), workshop.code, kryss=ticked)
    workshop.store.set_open("jamila", False)
    page = soup(trainer(app, workshop).get("/projektor?vinjett=jamila&vy=utsatthet"))
    first = page.find("table")
    rows = {tr.th.get_text(): tr.td.get_text(strip=True).replace("\xa0", " ") for tr in first.select("tbody tr")}
    assert rows["Fysiskt våld mot barnet"] == "50 %" and rows["Ingen utsatthet i hemmiljön"] == "25 %"
    assert "kappa" not in page.get_text().lower() and "alpha" not in page.get_text().lower()


def test_words_are_hidden_for_a_level_with_fewer_than_three_answers(app, workshop):
    for _ in range(3):
        send(new_device(app), workshop.code, risk="hog", motivering="gränssättning och ilska")
    send(new_device(app), workshop.code, risk="mycket_hog", motivering="brännmärken")
    workshop.store.set_open("jamila", False)
    page = soup(trainer(app, workshop).get("/projektor?vinjett=jamila&vy=ord"))
    text = page.get_text(" ", strip=True)
    assert "gränssättning (3)" in text
    assert "brännmärken" not in text, "one 'mycket hög' rater's words would identify them"
    assert "Orden visas inte för risknivåer med färre än 3 svar (1 st)" in text


def test_the_join_view_shows_address_code_and_a_qr_code_with_its_text(app, workshop):
    page = soup(trainer(app, workshop).get("/projektor"))
    assert workshop.code in page.get_text() and workshop.participant_url in page.get_text()
    qr = page.find("img", class_="qr")
    assert qr["src"].startswith("data:image/svg+xml;base64,") and workshop.participant_url in qr["alt"]
    count = page.find(id="antal")
    assert count["data-mall"] == "{n} har svarat" and count["data-vinjett"] == "jamila", "the count updates itself"
    assert page.find("script")["src"] == "/static/projector.js"
    assert page.find("meta", attrs={"http-equiv": "refresh"}) is None, "no reloading under the trainer (WCAG 2.2.1)"


# --------------------------------------------------------------------------------------------
# what participants write is never code
# --------------------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "' autofocus onfocus='alert(1)",
    "</textarea><script>alert(2)</script>",
]


def _no_markup_from_participants(page: BeautifulSoup) -> None:
    scripts = page.find_all("script")
    assert all(s.get("src") == "/static/projector.js" and not s.get_text().strip() for s in scripts), \
        "only our own script file, never inline script"
    for tag in page.find_all(True):
        events = [a for a in tag.attrs if a.lower().startswith("on")]
        assert not events, f"{tag.name} got event attributes {events}"
        assert "autofocus" not in tag.attrs
    assert page.find("img", src="x") is None


def test_participant_text_is_escaped_everywhere_it_is_shown(app, workshop):
    phones = []
    for i, payload in enumerate(PAYLOADS * 3):
        phone = new_device(app)
        phones.append(phone)
        assert send(phone, workshop.code, smeknamn=payload[:40], kommun=payload[:60], motivering=f"{payload} ord{i % 2}",
                    mal=payload, risk="hog").status_code == 303
    bad = send(new_device(app), workshop.code, smeknamn=PAYLOADS[1], risk="fel", motivering=PAYLOADS[3])
    assert bad.status_code == 400
    pages = [bad, phones[0].get("/v/jamila/kvitto"), phones[1].get("/v/jamila"), phones[3].get("/v/jamila")]
    workshop.store.set_open("jamila", False)
    boss = trainer(app, workshop)
    pages += [boss.get(f"/projektor?vinjett=jamila&vy={view}") for view in ("resultat", "ord", "utsatthet", "export")]
    for response in pages:
        _no_markup_from_participants(soup(response))
    form = soup(phones[3].get("/v/jamila"))
    assert form.find("textarea", {"name": "motivering"}).get_text().startswith(PAYLOADS[3]), "shown as text, intact"


def test_exports_keep_formulas_as_text(app, workshop):
    formula = '=HYPERLINK("http://example.org","klicka")'
    send(new_device(app), workshop.code, smeknamn="+46701234567", motivering=formula, mal="@SUM(A1)", kommun="-1+1")
    boss = trainer(app, workshop)
    csv = boss.get("/export.csv")
    assert csv.status_code == 200 and csv.headers["Content-Type"].startswith("text/csv")
    text = csv.get_data().decode("utf-8-sig")
    cells = list(csv_module.reader(io.StringIO(text), delimiter=";"))
    header, row = cells[0], dict(zip(cells[0], cells[1]))
    assert header[:4] == ["Ärende (vinjett)", "Smeknamn", "Kommun/stadsdel", "Riskbedömning i nuvarande situation"]
    assert row["Smeknamn"] == "'+46701234567" and row["Kommun/stadsdel"] == "'-1+1"
    assert row["Motivera kort: vilka risk- och skyddsfaktorer ser du?"] == "'" + formula, "the formula is prefixed"
    book = openpyxl.load_workbook(io.BytesIO(boss.get("/export.xlsx").get_data()))
    sheet = book["Svar"]
    values = {c.value: c for row in sheet.iter_rows() for c in row}
    assert values[formula].data_type == "s", "a string cell, never a formula"
    assert values["@SUM(A1)"].data_type == "s"


# --------------------------------------------------------------------------------------------
# the workshop continues after a restart
# --------------------------------------------------------------------------------------------


def test_starting_again_with_the_same_file_continues_the_same_workshop(tmp_path):
    first = prepare(tmp_path / "w.sqlite", vignettes=("jamila",))
    client = create_app(first.store).test_client()
    client.get("/v/jamila")
    send(client, first.code)
    again = prepare(tmp_path / "w.sqlite", vignettes=("jamila", "tobias"))
    assert again.continued and (again.code, again.trainer_key) == (first.code, first.trainer_key)
    assert again.vignettes == ("jamila", "tobias") and SqliteStore(tmp_path / "w.sqlite").count("jamila") == 1
    assert "Fortsätter workshopen" in again.banner(qr=False)


def test_prepare_names_an_unknown_vignette(tmp_path):
    with pytest.raises(ValueError, match=r"unknown vignette\(s\) drakar; allowed: assi, max, jamila"):
        prepare(tmp_path / "w.sqlite", vignettes=("drakar",))


def test_the_banner_says_where_it_listens_and_how_to_join(tmp_path):
    local = prepare(tmp_path / "a.sqlite")
    banner = local.banner()
    assert f"Workshopkod:        {local.code}" in banner and "127.0.0.1" in banner and "--lan" in banner
    assert f"tranare?nyckel={local.trainer_key}" in banner and "QR-kod till" in banner
    assert re.search(r"[\u2580-\u259f]", banner), "the QR code is drawn with block characters"
    lan = prepare(tmp_path / "b.sqlite", lan=True)
    assert lan.host == "0.0.0.0" and "Lyssnar på det lokala nätverket" in lan.banner(qr=False)


def test_a_participant_needs_no_cookie_from_the_trainer(app, workshop):
    phone = new_device(app)
    assert phone.get_cookie(DEVICE_COOKIE) is not None
    assert phone.get("/projektor").status_code == 403
