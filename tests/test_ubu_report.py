"""`webbkollen batch --report ubu`: one report per provider the spärr shows, and nothing about the others.

The shipped synthetic questionnaires (609, 47 fictitious providers) go
through the batch once (module fixture, two threads with a warm kernel each);
every test of the output reads those files. The command line runs once, on a
small copy of the shipped rows (six providers of 6, 5, 4, 3, 2 and 1
questionnaires) with ``--min-questionnaires 5 --lang en``. A headless Chromium
opens the index and one report offline with the DevTools client of
``tests/test_browser.py``: skipped without Chromium on a workstation, a
failure in CI.
"""

from __future__ import annotations

import html
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from webbkollen_lib.analysis.ubu import sparr
from webbkollen_lib.cli import main
from webbkollen_lib.io.ubu import UBU_FILE, read_ubu
from webbkollen_lib.reports import warm_kernel
from webbkollen_lib.reports.batch import BatchConfigError, run_batch, slug, validate_batch

# the project's minimal DevTools client over Chromium's debugging pipe (no Playwright in the project)
from test_browser import IMAGES, DevTools, find_chromium

NBSP = "\u00a0"
SWEDISH_HEADINGS = ["Svar per part", "Index per område", "Index per part", "Sammanbrott", "Att läsa resultaten"]
ENGLISH_HEADINGS = ["Answers per party", "Index by area", "Index by party", "Breakdowns", "Reading the results"]


# --------------------------------------------------------------------------
# the data and the runs
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    """The shipped questionnaires and the spärr's verdict on each provider (threshold 3)."""
    data = read_ubu(UBU_FILE)
    status = sparr(data, min_questionnaires=3)
    shown = status.loc[status["status"] == "visas", "utforare"].tolist()
    held_back = status.loc[status["status"] != "visas", "utforare"].tolist()
    sizes = dict(zip(status["utforare"], status["n"]))
    # the data must exercise the spärr, and no held-back name may hide inside a shown one
    assert len(shown) >= 10 and len(held_back) >= 2
    assert not [(h, s) for h in held_back for s in shown if h in s]
    return {"data": data, "shown": shown, "held_back": held_back, "sizes": sizes}


@pytest.fixture(scope="module")
def ubu_batch(tmp_path_factory):
    """The whole ubu batch on the shipped data, once: two threads, each with its warm kernel."""
    out = tmp_path_factory.mktemp("ubu") / "reports"
    try:
        with ThreadPoolExecutor(2) as executor:
            result = run_batch(report="ubu", out=out, executor=executor, progress=False)
        assert result.ok, result.summary()
        yield result
    finally:
        warm_kernel.POOL.shutdown()  # leave no kernel behind for the next test module in this process


def published_files(out: Path) -> list[Path]:
    """Every file the batch wrote: index, reports, executed notebooks, the marker."""
    return [p for p in out.rglob("*") if p.is_file()]


def readable_forms(name: str) -> list[str]:
    """How a name can appear in a file: as is, HTML-escaped, JSON-escaped (ASCII)."""
    return list(dict.fromkeys([name, html.escape(name), json.dumps(name)[1:-1]]))


@pytest.fixture(scope="module")
def pages(ubu_batch):
    """Each provider's report, parsed: name -> BeautifulSoup."""
    return {row.kommun: BeautifulSoup(Path(row.html).read_text(encoding="utf-8"), "html.parser")
            for row in ubu_batch.reports.itertuples()}


def text_of(soup: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", soup.get_text(" ")).replace(NBSP, " ")


def shipped_rows(providers: list[str]) -> pd.DataFrame:
    """The shipped CSV's rows of some providers, exactly as written (text in, text out)."""
    raw = pd.read_csv(UBU_FILE, dtype=str, keep_default_na=False)
    return raw[raw["utforare"].isin(providers)]


@pytest.fixture(scope="module")
def small(shipped, tmp_path_factory):
    """Six shipped providers of 6, 5, 4, 3, 2 and 1 questionnaires, written as a CSV."""
    by_size = {}
    for name in shipped["data"]["utforare"].astype("object").value_counts().index:
        by_size.setdefault(shipped["sizes"][name], name)
    providers = [by_size[n] for n in (6, 5, 4, 3, 2, 1)]
    path = tmp_path_factory.mktemp("ubu-small") / "enkater.csv"
    shipped_rows(providers).to_csv(path, index=False)
    return {"path": path, "providers": providers, "sizes": dict(zip(providers, (6, 5, 4, 3, 2, 1)))}


@pytest.fixture(scope="module")
def cli_run(small, tmp_path_factory):
    """`webbkollen batch --report ubu --min-questionnaires 5 --lang en` on the small CSV."""
    out = tmp_path_factory.mktemp("ubu-cli") / "reports"
    status = main(["batch", "--report", "ubu", "--data", str(small["path"]), "--out", str(out),
                   "--min-questionnaires", "5", "--lang", "en", "--workers", "1", "--no-progress"])
    return status, out


# --------------------------------------------------------------------------
# which providers get a report
# --------------------------------------------------------------------------


def test_one_report_per_provider_the_sparr_shows_and_none_for_the_others(ubu_batch, shipped):
    reports = ubu_batch.reports
    assert sorted(reports["kommun"]) == sorted(shipped["shown"])
    assert (reports["status"] == "ok").all()
    written = {p.name for p in ubu_batch.out.glob("*.html")} - {"index.html"}
    assert written == {Path(h).name for h in reports["html"]}
    assert len(written) == len(shipped["shown"])
    for name in shipped["held_back"]:
        assert f"{slug(name)}.html" not in written, name
        assert not (ubu_batch.out / "notebooks" / f"{slug(name)}.ipynb").exists(), name


def test_the_index_counts_the_held_back_providers(ubu_batch, shipped):
    page = BeautifulSoup(ubu_batch.index.read_text(encoding="utf-8"), "html.parser")
    note = text_of(page.find(class_="held-back"))
    assert "färre än 3 enkäter" in note
    assert re.search(r": (\d+) utförare\.$", note).group(1) == str(len(shipped["held_back"]))
    links = [a.get_text() for a in page.select("tbody a[href$='.html']")]
    assert sorted(links) == sorted(shipped["shown"])


def test_no_published_file_names_a_held_back_provider(ubu_batch, shipped):
    files = published_files(ubu_batch.out)
    assert ubu_batch.index in files and len([f for f in files if f.suffix == ".html"]) == len(shipped["shown"]) + 1
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in shipped["held_back"]:
            for form in readable_forms(name):
                assert form not in text, f"{path.name} names the held-back provider {name!r}"
        assert not any(slug(name) in path.name for name in shipped["held_back"])


def test_asking_for_a_held_back_provider_is_refused_with_the_sparr(tmp_path, shipped):
    held_back = shipped["held_back"]
    with pytest.raises(BatchConfigError) as info:
        validate_batch(report="ubu", kommun=held_back, out=tmp_path / "r")
    problems = info.value.problems
    assert len(problems) == len(held_back)
    for name, problem in zip(held_back, problems):
        assert repr(name) in problem and "spärr" in problem
        # refusing one held-back provider must not name the others
        assert not [other for other in held_back if other != name and other in problem]


def test_a_shown_provider_can_be_asked_for_by_name(tmp_path, shipped):
    smallest_shown = shipped["shown"][-1]
    plan = validate_batch(report="ubu", kommun=[smallest_shown], out=tmp_path / "r")
    assert plan.kommuner == (smallest_shown,)


@pytest.mark.parametrize("value", [0, -1, 2.5, True])
def test_min_questionnaires_must_be_a_whole_number_of_at_least_one(tmp_path, value):
    with pytest.raises(BatchConfigError, match=r"min_questionnaires: .* is not allowed; allowed: a whole number >= 1"):
        validate_batch(report="ubu", min_questionnaires=value, out=tmp_path / "r")


def test_cli_refuses_min_questionnaires_zero(tmp_path, capsys):
    status = main(["batch", "--report", "ubu", "--min-questionnaires", "0", "--out", str(tmp_path / "r")])
    assert status == 2
    assert "min_questionnaires: 0 is not allowed" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_min_questionnaires_is_refused_for_the_municipality_report(tmp_path, capsys):
    status = main(["batch", "--report", "kommun", "--min-questionnaires", "4", "--out", str(tmp_path / "r")])
    assert status == 2
    assert "min_questionnaires: the kommun report has no spärr" in capsys.readouterr().err
    with pytest.raises(BatchConfigError, match="the kommun report has no spärr"):
        validate_batch(report="kommun", min_questionnaires=5, out=tmp_path / "r")
    # the default is no request for a spärr
    assert validate_batch(report="kommun", out=tmp_path / "r").min_questionnaires == 3


def test_min_questionnaires_changes_which_providers_get_reports(tmp_path, shipped):
    at3 = validate_batch(report="ubu", out=tmp_path / "r")
    at5 = validate_batch(report="ubu", min_questionnaires=5, out=tmp_path / "r")
    status5 = sparr(shipped["data"], min_questionnaires=5)
    assert sorted(at3.kommuner) == sorted(shipped["shown"])
    assert sorted(at5.kommuner) == sorted(status5.loc[status5["status"] == "visas", "utforare"])
    dropped = set(at3.kommuner) - set(at5.kommuner)
    assert dropped and {shipped["sizes"][n] for n in dropped} <= {3, 4}
    assert set(at5.kommuner) < set(at3.kommuner)
    n_held = len(status5) - len(at5.kommuner)
    assert at5.index_note.endswith(f"färre än 5 enkäter har ingen egen rapport och räknas bara i totalen: "
                                   f"{n_held} utförare.")


def test_cli_writes_a_report_for_each_provider_shown_at_its_threshold(cli_run, small, tmp_path):
    status, out = cli_run
    assert status == 0
    shown5 = [p for p in small["providers"] if small["sizes"][p] >= 5]  # 6 and 5; 4+3+2+1 held back together
    held5 = [p for p in small["providers"] if p not in shown5]
    written = {p.name for p in out.glob("*.html")} - {"index.html"}
    assert written == {f"{slug(p)}.html" for p in shown5}
    for path in published_files(out):
        text = path.read_text(encoding="utf-8")
        assert not [n for n in held5 for form in readable_forms(n) if form in text], path.name
    note = text_of(BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser"))
    assert "fewer than 5 questionnaires" in note and f"total: {len(held5)} providers." in note
    # the same file at the default threshold has reports for the providers of 4 and 3 questionnaires too
    at3 = validate_batch(small["path"], report="ubu", out=tmp_path / "r")
    assert sorted(at3.kommuner) == sorted(p for p in small["providers"] if small["sizes"][p] >= 3)


def test_a_report_in_english(cli_run, small):
    status, out = cli_run
    provider = next(p for p in small["providers"] if small["sizes"][p] == 6)
    page = BeautifulSoup((out / f"{slug(provider)}.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html.get("lang") == "en"
    assert [h.get_text() for h in page.find_all("h1")] == [f"UBU – residential care: {provider}"]
    headings = [h.get_text() for h in page.find_all("h2")]
    assert headings == ENGLISH_HEADINGS
    text = text_of(page)
    assert f"{provider} has 6 questionnaires." in text
    assert not [w for w in SWEDISH_HEADINGS if w in headings]
    # English number format: a decimal point, not a comma
    means = [td.get_text() for td in page.find_all("table")[1].select("tbody td")]
    assert any(re.fullmatch(r"\d\.\d \(\d\.\d–\d\.\d\)", m) for m in means), means


# --------------------------------------------------------------------------
# what each report holds
# --------------------------------------------------------------------------


def index_rows(page: BeautifulSoup, unit: str, everyone: str = "Alla utförare") -> list[tuple[str, str, str]]:
    """(area, the provider's mean with interval, all providers' mean with interval) of the index table."""
    table = next(t for t in page.find_all("table")
                 if any(th.get_text(strip=True) == f"{unit}: Medelvärde (1–5)" for th in t.select("thead th")))
    header = [th.get_text(strip=True) for th in table.select("thead tr")[0].find_all("th")]
    own, alla = header.index(f"{unit}: Medelvärde (1–5)"), header.index(f"{everyone}: Medelvärde (1–5)")
    rows = []
    for tr in table.select("tbody tr"):
        cells = [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        rows.append((cells[0], cells[own], cells[alla]))
    return rows


def test_every_report_has_the_provider_the_headings_and_its_questionnaires(pages, shipped):
    assert set(pages) == set(shipped["shown"])
    for unit, page in pages.items():
        assert [h.get_text() for h in page.find_all("h1")] == [f"UBU – vård och boende: {unit}"], unit
        assert [h.get_text() for h in page.find_all("h2")] == SWEDISH_HEADINGS, unit
        assert page.html.get("lang") == "sv"
        text = text_of(page)
        assert f"{unit} har {shipped['sizes'][unit]} enkäter." in text, unit
        assert "import " not in text, "code cells must not be shown"


def test_the_figure_alt_text_carries_the_numbers_of_the_index_table(pages):
    for unit, page in pages.items():
        images = page.find_all("img")
        assert len(images) == 1, unit
        alt = images[0].get("alt", "")
        rows = index_rows(page, unit)
        assert len(rows) == 8, unit
        for area, own, alla in rows:
            assert f"{area}: " in alt, (unit, area)
            segment = alt.split(f"{area}: ", 1)[1].split(";")[0]
            assert own in segment and alla in segment, (unit, area, own, alla, segment)
            assert re.fullmatch(r"\d,\d \(\d,\d–\d,\d\)", alla), (unit, area, alla)


# --------------------------------------------------------------------------
# in a browser, offline
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def devtools(tmp_path_factory):
    client = DevTools(find_chromium(), tmp_path_factory.mktemp("chromium-profile-ubu"))
    try:
        client.send("Browser.getVersion")
        yield client
    finally:
        client.close()


def open_logged(devtools: DevTools, url: str) -> str:
    """A new offline tab on ``url`` with the console log on (DevTools.open_offline plus Log)."""
    target = devtools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = devtools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Network", "Log"):
        devtools.send(f"{domain}.enable", session=session)
    devtools.send("Network.emulateNetworkConditions",
                  {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}, session=session)
    devtools.send("Page.navigate", {"url": url}, session=session)
    devtools.wait_for("Page.loadEventFired", session)
    devtools.evaluate(IMAGES, session)  # let the images decode, so their errors are in
    return session


def browser_problems(devtools: DevTools, session: str) -> list[str]:
    """Console errors, JavaScript exceptions, and any request that is not file: (or an embedded data: image)."""
    events = lambda method: devtools.session_events(session, method)  # noqa: E731
    problems = [f"request {e['params']['request']['url'][:80]}" for e in events("Network.requestWillBeSent")
                if not e["params"]["request"]["url"].startswith(("file:", "data:"))]
    problems += [f"failed {e['params'].get('errorText')}" for e in events("Network.loadingFailed")]
    problems += [f"console.{e['params']['type']}" for e in events("Runtime.consoleAPICalled")
                 if e["params"]["type"] in ("error", "assert")]
    problems += [f"log {e['params']['entry'].get('text')}" for e in events("Log.entryAdded")
                 if e["params"]["entry"].get("level") == "error"]
    problems += [f"exception {e['params']['exceptionDetails'].get('text')}" for e in events("Runtime.exceptionThrown")]
    return problems


PAGE_FACTS = """({
  h1: document.querySelectorAll('h1').length,
  tables: Array.from(document.querySelectorAll('table'), t => t.querySelectorAll('th').length),
  images: Array.from(document.images, i => ({alt: (i.getAttribute('alt') || '').trim(), width: i.naturalWidth})),
  links: Array.from(document.querySelectorAll('tbody a[href$=".html"]'), a => a.textContent),
  text: document.body.innerText,
})"""


@pytest.mark.browser
def test_index_and_a_report_open_offline_in_a_browser(devtools, ubu_batch, shipped):
    session = open_logged(devtools, ubu_batch.index.as_uri())
    index = devtools.evaluate(PAGE_FACTS, session)
    assert browser_problems(devtools, session) == []
    assert index["h1"] == 1 and sorted(index["links"]) == sorted(shipped["shown"])
    assert "färre än 3 enkäter" in index["text"]

    unit = shipped["shown"][len(shipped["shown"]) // 2]
    report = Path(ubu_batch.reports.set_index("kommun").loc[unit, "html"])
    session = open_logged(devtools, report.as_uri())
    facts = devtools.evaluate(PAGE_FACTS, session)
    assert browser_problems(devtools, session) == []
    assert facts["h1"] == 1
    assert len(facts["tables"]) >= 4 and all(n > 0 for n in facts["tables"]), facts["tables"]
    assert len(facts["images"]) == 1
    assert facts["images"][0]["alt"] and facts["images"][0]["width"] > 0
    assert unit in facts["text"] and "import " not in facts["text"]


@pytest.mark.browser
def test_the_browser_checks_catch_a_console_error_and_a_network_request(devtools, tmp_path):
    """Negative control: a page that logs an error and asks the network fails the checks."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><html><body><h1>Trasig</h1><script>console.error('trasig')</script>"
                    '<img alt="" src="https://example.org/figur.png"></body></html>', encoding="utf-8")
    session = open_logged(devtools, page.as_uri())
    problems = browser_problems(devtools, session)
    assert "console.error" in problems
    assert any(p.startswith("request https://example.org/") for p in problems)
