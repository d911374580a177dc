"""The Öppna jämförelser 2015 report and its tables: the published values as the source prints them, in sv and en."""

from __future__ import annotations

import numpy as np
import pytest

from webbkollen_lib import load_cases, load_oppna_jamforelser
from webbkollen_lib.present.indicators import (
    format_value,
    profile_table,
    published_table,
    related_indicators,
    shortfalls,
    targets_table,
    thirds_table,
    yes_no_overview,
)
from webbkollen_lib.reports.kinds import get_kind
from webbkollen_lib.reports.oj2015 import load_oj2015_report
from webbkollen_lib.systems.oj2015.indicators import load_indicators

DATA = load_oppna_jamforelser()
CATALOGUE = load_indicators()
EIGHT = ["Upplands Väsby", "Järfälla", "Ekerö", "Upplands-Bro", "Sollentuna", "Sundbyberg", "Solna", "Sigtuna"]


def test_values_read_as_the_source_prints_them():
    assert format_value(1.0, None, "ja_nej", "kommun") == "Ja"
    assert format_value(0.0, None, "ja_nej", "kommun", lang="en") == "No"
    assert format_value(0.32, None, "ja_nej", "riket") == "32\u00a0%"
    assert format_value(np.nan, "sekretess", "andel", "kommun") == "x"
    assert format_value(np.nan, "bortfall", "andel", "kommun") == "–"  # never 0, never Nej
    assert format_value(484.0, None, "antal", "kommun") == "484"


def test_solna_profile_matches_the_source_cells():
    p = profile_table(DATA, CATALOGUE, "Solna")
    row = p.loc["Använt föräldrarnas uppfattning för att utveckla öppenvården"]
    # source: Solna Ja, Riket 32 %, Stockholms län 45 %
    assert (row["Solna"], row["Stockholms län"], row["Riket"], row["Målvärdet nått"]) == ("Ja", "45\u00a0%", "32\u00a0%", "Ja")
    assert list(p.columns) == ["Område", "Solna", "Stockholms län", "Riket", "Skillnad mot länet (%-enheter)", "Målvärdet nått"]
    assert len(p) == CATALOGUE["indikator"].nunique()


def test_english_profile_has_english_words_and_names():
    p = profile_table(DATA, CATALOGUE, "Solna", lang="en")
    assert "Target met" in p.columns and p.index.name == "Indicator"
    assert set(p["Target met"]) <= {"Yes", "No", ""}


def test_targets_count_every_indicator_with_a_rule_once():
    t = targets_table(DATA, CATALOGUE, enhet="Solna")
    with_rule = int((CATALOGUE["mal_regel"].fillna("") != "").sum())
    assert t["Indikatorer med målvärde"].sum() == with_rule
    assert (t["Nått"] + t["Inte nått"] + t["Okänt (x eller bortfall)"] == t["Indikatorer med målvärde"]).all()
    everyone = targets_table(DATA, CATALOGUE)
    assert sorted(set(everyone.index.get_level_values(0))) == sorted(EIGHT)


def test_shortfalls_name_only_targets_not_met():
    lines = shortfalls(DATA, CATALOGUE, "Solna")
    first = next(line for line in lines if line.startswith("Självbestämmande och integritet: "))
    # source: Solna answered Ja for öppenvården, Nej for familjehemmen and HVB
    assert "utveckla familjehemmen" in first and "utveckla hem för vård eller boende" in first
    assert "utveckla öppenvården" not in first


def test_overviews_hold_every_municipality_and_the_published_text():
    yn = yes_no_overview(DATA, CATALOGUE)
    assert list(yn.columns[:8]) == EIGHT and {"Stockholms län", "Riket", "Jönköpings län"} <= set(yn.columns)
    assert set(yn[EIGHT].to_numpy().ravel()) <= {"Ja", "Nej", "x", "–"}
    shares = published_table(DATA, CATALOGUE, measure="andel")
    assert "x" in set(shares.loc[:, "Ekerö"])  # the education table withholds Ekerö's values


def test_thirds_carry_the_relative_caveat():
    t = thirds_table(DATA, CATALOGUE)
    assert "relativa" in t.attrs["caveat"]
    assert set(t.to_numpy().ravel()) <= {"Bästa tredjedelen", "Mellersta tredjedelen", "Sämsta tredjedelen", ""}


def test_the_report_has_four_steps_and_says_where_webbkollen_data_are_synthetic():
    solna = load_oj2015_report(None, "Solna")
    titles = [b.title for b in solna.blocks()]
    assert titles[0] == "Öppna jämförelser 2015: Solna" and len(titles) == 6
    step2 = solna.step2()
    n_solna = int((load_cases()["kommun"] == "Solna").sum())
    assert f"{n_solna} registreringar" in step2.sentence
    assert any("syntetiska" in n for n in step2.notes)
    beside = step2.tables[0][1]
    assert set(beside.index) == {profile_table(DATA, CATALOGUE, "Solna", indicators=[i]).index[0]
                                 for i in related_indicators(CATALOGUE)}
    ekero = load_oj2015_report(None, "Ekerö", lang="en")
    assert "did not take part in Webbkollen" in ekero.step2().sentence and not ekero.step2().tables


def test_the_report_refuses_an_unknown_municipality():
    with pytest.raises(ValueError, match="'Umeå' is not a municipality of the indicator data; municipalities: Ekerö"):
        load_oj2015_report(None, "Umeå")


def test_the_batch_units_are_the_eight_municipalities():
    kind = get_kind("oj2015")
    units = kind.units(kind.read(kind.data_path()))
    assert sorted(units) == sorted(EIGHT) and all(years == set() for years in units.values())


def test_the_heat_table_colours_only_what_the_words_say():
    from webbkollen_lib.plots.indicators import style_yes_no

    html = style_yes_no(yes_no_overview(DATA, CATALOGUE)).to_html()
    assert html.count(">Ja<") + html.count(">Ja </") > 0
    styled = style_yes_no(yes_no_overview(DATA, CATALOGUE))._compute().ctx
    cells = yes_no_overview(DATA, CATALOGUE).to_numpy()
    for (r, c), props in styled.items():
        word = cells[r, c]
        assert bool(props) == (word in ("Ja", "Nej")), (word, props)


def test_the_data_summary_counts_the_shipped_table():
    from webbkollen_lib.present.indicators import data_summary

    assert data_summary(DATA) == (
        "572 celler: 52 indikatorer och bakgrundsmått för 11 enheter (" + ", ".join(EIGHT)
        + ", länen och riket); 27 saknar värde.")  # 25 x (sekretess) and 2 bortfall
