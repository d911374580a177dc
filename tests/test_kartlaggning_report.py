"""`webbkollen batch --report kartlaggning`: one report per survey region with figures of its own, beside the nation.

SKL's 2012 survey of how municipalities follow up placed children
(``data/synthetic/kartlaggning_2012.csv``: 190 answering municipalities,
synthetic answers that reproduce the published national figures). A region
with fewer than ``min_cell`` answering municipalities has no figures of its
own, and since the nation is published beside every shown region, the hidden
ones together must hold at least ``min_cell`` municipalities from at least two
regions (a region without answers counts for nothing). On the shipped data
with ``min_cell`` 5 that holds back Gotland (1) and Blekinge (4); Stockholm,
Göteborgsregionen (GR) and Sjuhärad have no answers; 19 regions get reports.

The batch runs once (module fixture, two threads with a warm kernel each);
the expected figures are computed here from the CSV with pandas, not with the
package's analysis. The command line runs once, one region in English. A
headless Chromium opens the index and one report offline (the DevTools client
of ``tests/test_browser.py``): skipped without Chromium on a workstation.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from webbkollen_lib.cli import main
from webbkollen_lib.io.kartlaggning import KARTLAGGNING_FILE
from webbkollen_lib.reports import warm_kernel
from webbkollen_lib.reports.batch import BatchConfigError, run_batch, slug, validate_batch
from webbkollen_lib.io.kartlaggning import read_kartlaggning
from webbkollen_lib.reports.kartlaggning import load_kartlaggning_report, priorities_path, region_code, region_status

# the project's minimal DevTools client over Chromium's debugging pipe, and the UBU report's offline checks
from test_browser import DevTools, find_chromium
from test_ubu_report import browser_problems, open_logged

MIN_CELL = 5
ANSWERING = 190

#: The survey's 24 regions (21 counties, Västra Götaland in four), their Swedish names and
#: number of municipalities, as in the report's response table (SKL 2012).
REGIONS = {
    "stockholm": ("Stockholm", 26), "uppsala": ("Uppsala", 8), "sodermanland": ("Södermanland", 9),
    "ostergotland": ("Östergötland", 13), "jonkoping": ("Jönköping", 13), "kronoberg": ("Kronoberg", 8),
    "kalmar": ("Kalmar", 12), "gotland": ("Gotland", 1), "blekinge": ("Blekinge", 5), "skane": ("Skåne", 33),
    "halland": ("Halland", 6), "varmland": ("Värmland", 16), "vastmanland": ("Västmanland", 10),
    "dalarna": ("Dalarna", 15), "orebro": ("Örebro", 12), "gavleborg": ("Gävleborg", 10),
    "vasternorrland": ("Västernorrland", 7), "jamtland": ("Jämtland", 8), "vasterbotten": ("Västerbotten", 15),
    "norrbotten": ("Norrbotten", 14), "skaraborg": ("Skaraborg", 15), "fyrbodal": ("Fyrbodal", 14),
    "goteborgsregionen": ("Göteborgsregionen (GR)", 11), "sjuharad": ("Sjuhärad", 9),
}
NAMES = {code: name for code, (name, _) in REGIONS.items()}

SWEDISH_HEADINGS = ["Svarsfrekvens", "Svaren fråga för fråga", "Fråga 10: prioriterat utvecklingsarbete",
                    "Att tänka på"]
RESPONSE_CAPTION = "Svarsfrekvens per län/region"
NATION_SHARE = "Riket: andel (95 % konfidensintervall)"


def asked(d: pd.DataFrame) -> pd.Series:
    """Questions 2–4 are asked only after Ja on question 1."""
    return d["redovisat"] == True  # noqa: E712  (object column of True/False/NaN)


#: (question's caption, alternative's row, which municipalities tick it, the published national share in %):
#: the published shares are SKL's (2012), in the text and the table of question 3.
CHECKS = [
    ("Fråga 1. Redovisade verksamhetsuppföljning senaste året", "Ja", asked, 83),
    ("Fråga 3. Redovisade uppgifter", "Budget för vårdkostnader",
     lambda d: asked(d) & (d["uppgift_budget"] == True), 78),  # noqa: E712
    ("Fråga 3. Redovisade uppgifter", "Statistik om de placerade barnen/unga",
     lambda d: asked(d) & (d["uppgift_statistik"] == True), 65),  # noqa: E712
    ("Fråga 3. Redovisade uppgifter", "Resultat av insatsen – HVB",
     lambda d: asked(d) & (d["uppgift_resultat_hvb"] == True), 3),  # noqa: E712
    ("Fråga 5. IT-stöd för att ta ut uppgifter", "Nej", lambda d: d["it_stod"] == "nej", 5),
    ("Fråga 8. Hinder för verksamhetsuppföljning", "Tidsbrist",
     lambda d: d["hinder_tidsbrist"] == True, 72),  # noqa: E712
]


# --------------------------------------------------------------------------
# the rule, the data and the runs
# --------------------------------------------------------------------------


def expected_shown(sizes: dict[str, int], min_cell: int) -> list[str]:
    """The disclosure rule, written out: which regions may have figures of their own.

    Below ``min_cell`` a region is hidden; the hidden regions that hold answers
    must together hold at least ``min_cell`` from at least two regions, else the
    smallest shown region (ties by code, last first) is hidden as well, and again.
    """
    order = sorted(sizes, key=lambda r: (-sizes[r], r))
    hidden = {r for r in order if sizes[r] < min_cell}
    while True:
        holding = [r for r in hidden if sizes[r] > 0]
        if not holding or (sum(sizes[r] for r in holding) >= min_cell and len(holding) >= 2):
            return [r for r in order if r not in hidden]
        shown = [r for r in order if r not in hidden]
        if not shown:
            return []
        hidden.add(shown[-1])


@pytest.fixture(scope="module")
def shipped():
    """The shipped answers as pandas reads them, and which regions the rule shows at min_cell 5."""
    raw = pd.read_csv(KARTLAGGNING_FILE)
    assert len(raw) == ANSWERING and raw["kommun"].is_unique
    assert sum(n for _, n in REGIONS.values()) == 290
    sizes = {code: int((raw["region"] == code).sum()) for code in REGIONS}
    assert sum(sizes.values()) == ANSWERING  # every answer is in one of the 24 regions
    shown = expected_shown(sizes, MIN_CELL)
    without = [c for c in REGIONS if sizes[c] == 0]
    held_back = [c for c in REGIONS if sizes[c] > 0 and c not in shown]
    # the data must exercise the rule as the brief describes it
    assert len(shown) == 19
    assert sorted(held_back) == ["blekinge", "gotland"]
    assert without == ["stockholm", "goteborgsregionen", "sjuharad"]
    return {"raw": raw, "sizes": sizes, "shown": shown, "held_back": held_back, "without": without}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The whole kartlaggning batch on the shipped data, once: two threads, each with its warm kernel."""
    out = tmp_path_factory.mktemp("kartlaggning") / "reports"
    try:
        with ThreadPoolExecutor(2) as executor:
            result = run_batch(report="kartlaggning", out=out, executor=executor, progress=False)
        assert result.ok, result.summary()
        yield result
    finally:
        warm_kernel.POOL.shutdown()  # leave no kernel behind for the next test module in this process


@pytest.fixture(scope="module")
def pages(batch):
    """Each region's report, parsed: Swedish name -> BeautifulSoup."""
    return {row.kommun: BeautifulSoup(Path(row.html).read_text(encoding="utf-8"), "html.parser")
            for row in batch.reports.itertuples()}


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """`webbkollen batch --report kartlaggning --kommun Uppsala --lang en` on the shipped data."""
    out = tmp_path_factory.mktemp("kartlaggning-cli") / "reports"
    status = main(["batch", "--report", "kartlaggning", "--kommun", "Uppsala", "--lang", "en", "--out", str(out),
                   "--no-progress", "--workers", "1"])
    return status, out


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def text_of(soup: BeautifulSoup) -> str:
    return clean(soup.get_text(" "))


def captioned_tables(soup: BeautifulSoup) -> dict[str, object]:
    """Caption (the table's <caption>) -> the table."""
    return {clean(caption.get_text()): caption.find_parent("table") for caption in soup.find_all("caption")}


def read_table(table) -> tuple[list[str], dict[str, dict[str, str]]]:
    """A pandas HTML table: its column headers, and row label -> {column: cell}."""
    header = [clean(th.get_text()) for th in table.select("thead tr")[0].find_all(["th", "td"])][1:]
    rows = {}
    for tr in table.select("tbody tr"):
        rows[clean(tr.find("th").get_text())] = dict(zip(header, (clean(td.get_text()) for td in tr.find_all("td"))))
    return header, rows


def count_column(name: str) -> str:
    return f"{name}: antal kommuner"


def percent_of(cell: str) -> int:
    """The share before its interval: "78 % (72–84 %)" -> 78."""
    match = re.match(r"(\d+) % \(", cell)
    assert match, cell
    return int(match.group(1))


def round_half_up(x: float) -> int:
    return int(x + 0.5)


def question_tables(soup: BeautifulSoup) -> dict[str, object]:
    return {c: t for c, t in captioned_tables(soup).items() if re.match(r"Fråga [1-9]\. ", c)}


# --------------------------------------------------------------------------
# 1. which regions get a report, and the index
# --------------------------------------------------------------------------


def test_one_report_per_region_the_rule_shows_and_none_for_the_others(batch, shipped):
    reports = batch.reports
    assert sorted(reports["kommun"]) == sorted(NAMES[c] for c in shipped["shown"])
    assert (reports["status"] == "ok").all()
    written = {p.name for p in batch.out.glob("*.html")} - {"index.html"}
    assert written == {Path(h).name for h in reports["html"]}
    assert written == {f"{slug(NAMES[c])}.html" for c in shipped["shown"]}
    for code in shipped["held_back"] + shipped["without"]:
        assert f"{slug(NAMES[code])}.html" not in written, code
        assert not (batch.out / "notebooks" / f"{slug(NAMES[code])}.ipynb").exists(), code


def test_the_index_counts_the_held_back_regions_and_names_those_without_answers(batch, shipped):
    page = BeautifulSoup(batch.index.read_text(encoding="utf-8"), "html.parser")
    note = text_of(page.find(class_="held-back"))
    assert f"färre än {MIN_CELL} kommuner" in note
    assert re.search(r"räknas bara i riket: (\d+) län/regioner\.", note).group(1) == str(len(shipped["held_back"]))
    assert note.endswith("Län/regioner utan svar: Stockholm, Göteborgsregionen (GR), Sjuhärad.")
    table = text_of(page.find("table"))
    links = [a.get_text() for a in page.select("tbody a[href$='.html']")]
    assert sorted(links) == sorted(NAMES[c] for c in shipped["shown"])
    for code in shipped["held_back"]:
        assert NAMES[code] not in table, f"the index's table names the held-back region {NAMES[code]}"
        assert NAMES[code] not in note, f"the index's note names the held-back region {NAMES[code]}"
        assert f'href="{slug(NAMES[code])}.html"' not in batch.index.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# 2. what each report holds
# --------------------------------------------------------------------------


def test_every_report_has_its_region_and_the_response_rate_before_the_questions(pages, shipped):
    assert set(pages) == {NAMES[c] for c in shipped["shown"]}
    for name, page in pages.items():
        assert [clean(h.get_text()) for h in page.find_all("h1")] == \
            [f"Kartläggning av systematisk uppföljning 2012: {name}"], name
        assert [clean(h.get_text()) for h in page.find_all("h2")] == SWEDISH_HEADINGS, name
        assert page.html.get("lang") == "sv"
        captions = [clean(c.get_text()) for c in page.find_all("caption")]
        # the response table first, then questions 1–9 in order, then question 10's table (its own block)
        assert captions[-1].startswith("Fråga 10:"), name
        captions = captions[:-1]
        assert captions[0] == RESPONSE_CAPTION, name
        assert [int(re.match(r"Fråga (\d+)\.", c).group(1)) for c in captions[1:]] == list(range(1, 10)), name
        text = text_of(page)
        assert text.index("Svarsfrekvens per län/region") < text.index("Svaren fråga för fråga") \
            < text.index("Fråga 1. ") < text.index("Fråga 9. ") < text.index("Fråga 10:"), name
        assert "syntetiska" in text, "the shipped answers are synthetic and the report must say so"
        assert "import " not in text and "load_kartlaggning_report" not in text, "code cells must not be shown"


def test_the_response_table_lists_every_region_and_the_total(pages, shipped):
    for name, page in pages.items():
        header, rows = read_table(captioned_tables(page)[RESPONSE_CAPTION])
        assert header == ["Antal kommuner", "Antal som svarat", "Svarsfrekvens"], name
        assert list(rows) == [n for n, _ in REGIONS.values()] + ["Totalt"], name
        for code, (region, municipalities) in REGIONS.items():
            answering = shipped["sizes"][code]
            assert list(rows[region].values()) == [
                str(municipalities), str(answering), f"{round_half_up(100 * answering / municipalities)} %"
            ], (name, region)
        assert list(rows["Totalt"].values()) == ["290", "190", "66 %"], name
        own = shipped["sizes"][region_code(name)]
        own_rate = round_half_up(100 * own / REGIONS[region_code(name)][1])
        assert (f"{own} av {REGIONS[region_code(name)][1]} kommuner i {name} svarade ({own_rate} %); "
                f"i riket 190 av 290 (66 %).") in text_of(page), name


def test_the_question_tables_show_the_regions_counts_beside_the_nations_published_share(pages, shipped):
    raw = shipped["raw"]
    for name, page in pages.items():
        code = region_code(name)
        own = raw[raw["region"] == code]
        tables = question_tables(page)
        assert len(tables) == 9, name
        for caption, alternative, ticks, published in CHECKS:
            header, rows = read_table(tables[caption])
            assert header == [count_column(name), f"{name}: andel (95 % konfidensintervall)", NATION_SHARE], \
                (name, caption)
            cells = rows[alternative]
            expected = int(ticks(own).sum())
            assert cells[count_column(name)] == str(expected), (name, caption, alternative)
            assert percent_of(cells[f"{name}: andel (95 % konfidensintervall)"]) == \
                round_half_up(100 * expected / len(own)), (name, caption, alternative)
            # the nation's share is the published one, and the data's count gives it
            assert percent_of(cells[NATION_SHARE]) == published, (name, caption, alternative)
            assert round_half_up(100 * int(ticks(raw).sum()) / ANSWERING) == published, (caption, alternative)


def test_uppsalas_budget_row_in_full(pages, shipped):
    raw = shipped["raw"]
    uppsala = raw[raw["region"] == "uppsala"]
    budget = int((asked(uppsala) & (uppsala["uppgift_budget"] == True)).sum())  # noqa: E712
    _, rows = read_table(question_tables(pages["Uppsala"])["Fråga 3. Redovisade uppgifter"])
    assert rows["Budget för vårdkostnader"]["Uppsala: antal kommuner"] == str(budget)
    assert rows["Budget för vårdkostnader"][NATION_SHARE] == "78 % (72–84 %)"  # 149 of 190, Wilson 95 %
    assert rows["Resultat av insatsen – HVB"][NATION_SHARE].startswith("3 % (")


# --------------------------------------------------------------------------
# 3. disclosure across the reports
# --------------------------------------------------------------------------


def test_the_shown_regions_subtracted_from_the_nation_never_isolate_a_few(pages, shipped):
    """Nation minus every shown region's count leaves the hidden regions together: ≥ 5 from ≥ 2 regions."""
    raw = shipped["raw"]
    # what the reports publish: each region's answering municipalities and its counts per alternative
    shown_answering = {}
    counts: dict[tuple[str, str], dict[str, int]] = {}
    nation_share: dict[tuple[str, str], set[int]] = {}
    for name, page in pages.items():
        _, response = read_table(captioned_tables(page)[RESPONSE_CAPTION])
        shown_answering[name] = int(response[name]["Antal som svarat"])
        for caption, table in question_tables(page).items():
            _, rows = read_table(table)
            for alternative, cells in rows.items():
                counts.setdefault((caption, alternative), {})[name] = int(cells[count_column(name)])
                nation_share.setdefault((caption, alternative), set()).add(percent_of(cells[NATION_SHARE]))
    assert len(counts) > 60  # every alternative of questions 1–9

    left_over = ANSWERING - sum(shown_answering.values())
    regions_left = [c for c in REGIONS if shipped["sizes"][c] > 0 and NAMES[c] not in shown_answering]
    assert left_over >= MIN_CELL and len(regions_left) >= 2, (left_over, regions_left)
    assert left_over == sum(shipped["sizes"][c] for c in regions_left)

    hidden = raw[raw["region"].isin(regions_left)]
    for (caption, alternative), by_region in counts.items():
        assert len(by_region) == len(pages), (caption, alternative)
        shares = nation_share[(caption, alternative)]
        assert len(shares) == 1, (caption, alternative, shares)  # every report publishes the same nation
        check = next((c for c in CHECKS if c[:2] == (caption, alternative)), None)
        if check is None:
            continue
        nation = int(check[2](raw).sum())
        # the nation's count as a reader gets it from the published share is the data's, give or take rounding
        assert abs(shares.pop() * ANSWERING / 100 - nation) < ANSWERING / 200 + 1e-9, (caption, alternative)
        difference = nation - sum(by_region.values())
        # the difference is the hidden regions' count, and they are ≥ 5 municipalities from ≥ 2 regions
        assert difference == int(check[2](hidden).sum()), (caption, alternative)
        assert 0 <= difference <= left_over


def test_at_min_cell_2_the_rule_holds_back_a_second_region_and_the_batch_makes_no_report_for_it(tmp_path, shipped):
    sizes = shipped["sizes"]
    shown2 = expected_shown(sizes, 2)
    below = [c for c in REGIONS if 0 < sizes[c] < 2]
    assert below == ["gotland"]  # only Gotland is below 2 ...
    secondary = [c for c in REGIONS if sizes[c] >= 2 and c not in shown2]
    assert secondary == ["blekinge"]  # ... alone it would be the nation minus the rest: Blekinge goes too
    status = region_status(read_kartlaggning(KARTLAGGNING_FILE), 2)
    assert (status["gotland"], status["blekinge"]) == ("sparrad", "sparrad_sekundart")
    assert sorted(status.index[status == "visas"]) == sorted(shown2)

    plan = validate_batch(report="kartlaggning", min_cell=2, out=tmp_path / "r")
    assert sorted(plan.kommuner) == sorted(NAMES[c] for c in shown2)
    assert "Gotland" not in plan.kommuner and "Blekinge" not in plan.kommuner
    assert "färre än 2 kommuner" in plan.index_note and ": 2 län/regioner." in plan.index_note
    assert plan.min_cell == 2
    # the default threshold: the same 19, neither small region
    plan5 = validate_batch(report="kartlaggning", out=tmp_path / "r")
    assert sorted(plan5.kommuner) == sorted(NAMES[c] for c in shipped["shown"])


# --------------------------------------------------------------------------
# 4. a hidden region's report shows the nation only
# --------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["Gotland", "Blekinge"])
def test_a_report_for_a_hidden_region_shows_the_nation_only(region):
    report = load_kartlaggning_report(None, region)
    assert report.shown is False
    page = BeautifulSoup(report._repr_html_(), "html.parser")
    text = text_of(page)
    assert f"{region} har för få kommuner som svarat (färre än 5" in text
    assert "Rapporten visar därför bara riket." in text
    tables = question_tables(page)
    assert len(tables) == 9
    for caption, table in tables.items():
        header, _ = read_table(table)
        assert header == [NATION_SHARE], (region, caption)
        assert not [h for h in header if h.startswith(f"{region}:")], (region, caption)
    assert "Antal och andel kommuner i" not in text  # no sentence about the region's own counts


def test_the_batch_refuses_a_hidden_region_naming_min_cell(tmp_path):
    with pytest.raises(BatchConfigError) as info:
        validate_batch(report="kartlaggning", kommun=["Gotland"], out=tmp_path / "r")
    problems = info.value.problems
    assert len(problems) == 1
    assert "'Gotland'" in problems[0] and "min_cell 5" in problems[0]
    assert "Blekinge" not in problems[0]  # refusing one held-back region does not name the other
    assert not (tmp_path / "r").exists()


# --------------------------------------------------------------------------
# 5. the command line and naming a region
# --------------------------------------------------------------------------


def test_cli_writes_an_english_report_for_one_region(cli_run):
    status, out = cli_run
    assert status == 0
    assert {p.name for p in out.glob("*.html")} == {"index.html", "uppsala.html"}
    page = BeautifulSoup((out / "uppsala.html").read_text(encoding="utf-8"), "html.parser")
    assert page.html.get("lang") == "en"
    assert [clean(h.get_text()) for h in page.find_all("h1")] == ["Survey of systematic follow-up 2012: Uppsala"]
    headings = [clean(h.get_text()) for h in page.find_all("h2")]
    assert headings.index("Response rate") < headings.index("The answers question by question")
    assert not [h for h in SWEDISH_HEADINGS if h in headings]
    text = text_of(page)
    assert "8 of 8 municipalities in Uppsala answered (100%); in Sweden 190 of 290 (66%)." in text  # English: 66%
    index = text_of(BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser"))
    assert "fewer than 5 answering municipalities" in index and "Gotland" not in index


def test_cli_refuses_min_cell_zero(tmp_path, capsys):
    status = main(["batch", "--report", "kartlaggning", "--min-cell", "0", "--out", str(tmp_path / "r")])
    assert status == 2
    assert "min_cell: 0 is not allowed" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_cli_refuses_min_questionnaires_for_this_kind(tmp_path, capsys):
    status = main(["batch", "--report", "kartlaggning", "--min-questionnaires", "4", "--out", str(tmp_path / "r")])
    assert status == 2
    assert "min_questionnaires: the kartlaggning report has no spärr" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_a_region_can_be_named_by_code_or_alias_and_an_unknown_one_is_refused():
    assert load_kartlaggning_report(None, "uppsala").name == "Uppsala"
    assert region_code("GR") == region_code("Göteborgsregionen (GR)") == "goteborgsregionen"
    with pytest.raises(ValueError, match=r"'Upsala' is not a survey region; allowed: Stockholm, Uppsala, .*Sjuhärad"):
        load_kartlaggning_report(None, "Upsala")


# --------------------------------------------------------------------------
# 6. a development leader's own answers
# --------------------------------------------------------------------------

UPPSALA = ["Enköping", "Heby", "Håbo", "Knivsta", "Tierp", "Uppsala"]
DALARNA = ["Avesta", "Borlänge", "Falun", "Gagnef", "Hedemora"]
AREAS = ["basuppgifter", "resultat_hvb", "resultat_familjehem", "brukarmedverkan", "personalens_erfarenheter",
         "individuell_uppfoljning", "annat"]


def own_answers(uppsala: list[str] = UPPSALA) -> pd.DataFrame:
    """Answers in codes, every question answered: the last municipality of each region says Nej on question 1.

    Uppsala: 5 Ja, budget ticked by the first four (4 of 6), HVB results by the first; Dalarna: 4 Ja, budget
    ticked by the first two. Every column of the shipped file, in its order.
    """
    columns = list(pd.read_csv(KARTLAGGNING_FILE, nrows=0).columns)
    rows = []
    for region, names, budget, hvb in (("uppsala", uppsala, 4, 1), ("dalarna", DALARNA, 2, 0)):
        for i, kommun in enumerate(names):
            yes = i < len(names) - 1
            row = {c: "False" for c in columns}
            row.update(kommun=kommun, region=region, redovisat=str(yes), it_stod=["ja", "ja_i_viss_man", "nej"][i % 3],
                       stodfunktioner="ja_i_viss_man", forbattringsarbete="ja", hinder_tidsbrist="True",
                       stod_statistik="True")
            for c in columns:  # questions 2–4 are skipped after Nej
                if c.startswith(("mottagare_", "uppgift_", "kalla_")):
                    row[c] = "False" if yes else ""
            if yes:
                row.update(mottagare_politiker="True", kalla_verksamhetssystem="True",
                           uppgift_budget=str(i < budget), uppgift_resultat_hvb=str(i < hvb))
            rows.append(row)
    return pd.DataFrame(rows, columns=columns)


def own_rankings() -> pd.DataFrame:
    return pd.DataFrame([{"region": "uppsala", "omrade": a, "rang": i + 1} for i, a in enumerate(AREAS)]
                        + [{"region": "dalarna", "omrade": a, "rang": 7 - i} for i, a in enumerate(AREAS)])


def test_priorities_path_is_beside_the_answers():
    assert priorities_path(Path("x/svar.csv")) == Path("x/svar_prioriteringar.csv")


def test_a_report_on_your_own_answers(tmp_path):
    without, with_ = tmp_path / "utan" / "svar.csv", tmp_path / "med" / "svar.csv"
    for path in (without, with_):
        path.parent.mkdir()
        own_answers().to_csv(path, index=False)
    own_rankings().to_csv(priorities_path(with_), index=False)

    report = load_kartlaggning_report(without, "Uppsala", min_cell=5)
    assert report.synthetic is False and report.shown is True
    html = report._repr_html_()
    page = BeautifulSoup(html, "html.parser")
    text = text_of(page)
    assert "syntetisk" not in html.lower()
    assert "6 av 8 kommuner i Uppsala svarade (75 %); i riket 11 av 290 (4 %)." in text
    _, rows = read_table(question_tables(page)["Fråga 3. Redovisade uppgifter"])
    assert rows["Budget för vårdkostnader"]["Uppsala: antal kommuner"] == "4"
    assert percent_of(rows["Budget för vårdkostnader"]["Uppsala: andel (95 % konfidensintervall)"]) == 67
    assert percent_of(rows["Budget för vårdkostnader"][NATION_SHARE]) == 55  # (4 + 2) of 11
    assert rows["Resultat av insatsen – HVB"]["Uppsala: antal kommuner"] == "1"
    _, q1 = read_table(question_tables(page)["Fråga 1. Redovisade verksamhetsuppföljning senaste året"])
    assert (q1["Ja"]["Uppsala: antal kommuner"], q1["Nej"]["Uppsala: antal kommuner"]) == ("5", "1")
    # question 10 without a rankings file: said, and no table
    block = BeautifulSoup(report.priorities_block()._repr_html_(), "html.parser")
    assert "Uppsala rangordnade inte områdena." in text_of(block)
    assert block.find("table") is None

    ranked = load_kartlaggning_report(with_, "Uppsala", min_cell=5)
    assert ranked.synthetic is False
    block = BeautifulSoup(ranked.priorities_block()._repr_html_(), "html.parser")
    assert "2 av länen/regionerna rangordnade områdena" in text_of(block)
    assert "rangordnade inte" not in text_of(block)
    header, rows = read_table(block.find("table"))
    assert header == ["Medelrang", "Antal regioner som rangordnat", "Egen rang"]
    assert rows["Basuppgifter för systematisk uppföljning"] == {
        "Medelrang": "4,0", "Antal regioner som rangordnat": "2", "Egen rang": "1"}


def test_a_file_changed_during_a_session_is_read_again(tmp_path):
    """A development leader corrects the answers and saves the rankings beside them, then runs the report again."""
    path = tmp_path / "svar.csv"
    own_answers().to_csv(path, index=False)
    first = load_kartlaggning_report(path, "Uppsala")
    assert first.priorities is None

    own_answers(UPPSALA + ["Östhammar"]).to_csv(path, index=False)  # one more municipality answered
    own_rankings().to_csv(priorities_path(path), index=False)
    again = load_kartlaggning_report(path, "Uppsala")
    assert "7 av 8 kommuner i Uppsala svarade" in again.response().sentence, \
        "the corrected answers file is not read again: the report shows the answers as first read"
    assert again.priorities is not None, "the rankings saved beside the answers are not read"


def test_the_shipped_answers_are_called_synthetic_however_the_path_is_written(monkeypatch):
    monkeypatch.chdir(KARTLAGGNING_FILE.parent)
    report = load_kartlaggning_report(KARTLAGGNING_FILE.name, "Uppsala")  # a relative path to the same file
    assert report.synthetic is True, "the shipped synthetic answers given by a relative path lose the synthetic note"


# --------------------------------------------------------------------------
# 7. in a browser, offline
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def devtools(tmp_path_factory):
    client = DevTools(find_chromium(), tmp_path_factory.mktemp("chromium-profile-kartlaggning"))
    try:
        client.send("Browser.getVersion")
        yield client
    finally:
        client.close()


PAGE_FACTS = """({
  h1: Array.from(document.querySelectorAll('h1'), h => h.textContent.trim()),
  tables: Array.from(document.querySelectorAll('table'), t => t.querySelectorAll('th').length),
  links: Array.from(document.querySelectorAll('tbody a[href$=".html"]'), a => a.textContent),
  text: document.body.innerText,
})"""


@pytest.mark.browser
def test_index_and_a_report_open_offline_in_a_browser(devtools, batch, shipped):
    session = open_logged(devtools, batch.index.as_uri())
    index = devtools.evaluate(PAGE_FACTS, session)
    assert browser_problems(devtools, session) == []
    assert len(index["h1"]) == 1 and sorted(index["links"]) == sorted(NAMES[c] for c in shipped["shown"])
    assert index["tables"] and all(n > 0 for n in index["tables"])
    assert "färre än 5 kommuner" in index["text"]

    name = "Uppsala"
    report = Path(batch.reports.set_index("kommun").loc[name, "html"])
    session = open_logged(devtools, report.as_uri())
    facts = devtools.evaluate(PAGE_FACTS, session)
    assert browser_problems(devtools, session) == []
    assert facts["h1"] == [f"Kartläggning av systematisk uppföljning 2012: {name}"]
    assert len(facts["tables"]) == 11 and all(n > 0 for n in facts["tables"]), facts["tables"]
    assert name in facts["text"]
    assert "import " not in facts["text"] and "load_kartlaggning_report" not in facts["text"]
