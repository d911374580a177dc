"""Follow-up maturity 2012 → 2015 → 2017 (webbkollen_lib/analysis/maturity.py), as a specification.

Every number of the table is checked against the shipped file it comes from,
read here with plain pandas (not through the module or the package's
loaders), and the 2012 and ÖJ figures also against the source documents'
text (``shared/seeds/000_…`` and ``004_…``, skipped outside that layout as in
tests/test_oj2015_data.py). The synthetic rows are recounted by a plain loop.
The structure is the promise to the reader: one row per theme and source,
each row either a figure traceable to its source's own id or a stated reason
why there is none, and words for every code in Swedish and English.
"""

from __future__ import annotations

import ast
import inspect
import math
import re
from pathlib import Path

import pandas as pd
from seeds import source_text
import pytest

from webbkollen_lib.analysis import maturity
from webbkollen_lib.analysis.maturity import (BASES, CAVEATS, COLUMNS, COMPARABILITY, LEVELS, SOURCES, THEMES,
                                              UNITS, follow_up_maturity, source_overview)
from webbkollen_lib.core.labels import LANGS, catalogue, text
from webbkollen_lib.io.datasets import load_cases
from webbkollen_lib.systems.webbkollen.populations import REPORT_YEAR

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "webbkollen_lib"
K12_CSV = PACKAGE / "systems" / "kartlaggning2012" / "data" / "published_figures.csv"
OJ_CSV = PACKAGE / "systems" / "oj2015" / "data" / "oppna_jamforelser_2015.csv"
OJ_CATALOGUE_CSV = PACKAGE / "systems" / "oj2015" / "data" / "indikatorer.csv"
WK_CSV = PACKAGE / "systems" / "webbkollen" / "data" / "published_figures.csv"
CASES_CSV = ROOT / "data" / "synthetic" / "registreringar.csv"

K12, OJ, WK = "kartlaggning_2012", "oj2015", "webbkollen_2017"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return follow_up_maturity()


@pytest.fixture(scope="module")
def k12_csv() -> pd.DataFrame:
    return pd.read_csv(K12_CSV, dtype=str, keep_default_na=False).set_index("id")


@pytest.fixture(scope="module")
def oj_csv() -> pd.DataFrame:
    return pd.read_csv(OJ_CSV, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def wk_csv() -> pd.DataFrame:
    return pd.read_csv(WK_CSV, dtype=str, keep_default_na=False).set_index("id")


def _row(table: pd.DataFrame, tema: str, kalla: str) -> pd.Series:
    hit = table[(table["tema"] == tema) & (table["kalla"] == kalla)]
    assert len(hit) == 1, (tema, kalla, len(hit))
    return hit.iloc[0]




# ---------------------------------------------------------------------------
# the shape: one row per theme and source, every row a figure or a reason
# ---------------------------------------------------------------------------


def test_one_row_per_theme_and_source_in_order(table):
    assert list(table.columns) == COLUMNS
    assert list(zip(table["tema"], table["kalla"])) == [(t, s) for t in THEMES for s in SOURCES]


def test_the_years_are_the_sources_names_and_webbkollen_is_the_report_year(table):
    assert dict(zip(table["kalla"], table["ar"])) == {K12: 2012, OJ: 2015, WK: 2017}
    assert _row(table, "resultat_hvb", WK)["ar"] == REPORT_YEAR


def test_every_theme_has_all_three_sources_or_says_why_not(table):
    for row in table.itertuples(index=False):
        has_figure = not math.isnan(row.andel) or not pd.isna(row.n)
        assert row.forbehall in CAVEATS, row
        if has_figure:
            assert row.jamforbar != "saknas" and row.fraga_id, row
            assert not pd.isna(row.publicerad) and row.niva in LEVELS and row.enhet in UNITS, row
            assert row.bas_kod in BASES, row
        else:
            assert row.jamforbar == "saknas" and row.fraga_id == "", row
            assert pd.isna(row.publicerad) and pd.isna(row.niva) and pd.isna(row.enhet), row


def test_each_theme_has_the_2012_question_as_its_reference(table):
    ref = table[table["jamforbar"] == "referens"]
    assert list(ref["tema"]) == list(THEMES) and set(ref["kalla"]) == {K12}
    assert set(table["jamforbar"]) <= set(COMPARABILITY)


def test_codes_are_the_declared_ones(table):
    assert set(table["tema"]) == set(THEMES) and set(table["kalla"]) == set(SOURCES)
    assert set(table["forbehall"]) == set(CAVEATS)
    assert set(table["niva"].dropna()) <= set(LEVELS)
    assert set(table["enhet"].dropna()) <= set(UNITS)
    assert set(table["bas_kod"].dropna()) <= set(BASES)


def test_shares_are_percents(table):
    shares = table["andel"].dropna()
    assert shares.between(0, 100).all()
    assert (shares > 1).any(), "andel is in percent, not a proportion"


# ---------------------------------------------------------------------------
# 2012: the published figures, from the CSV and from the report's text
# ---------------------------------------------------------------------------


def test_the_2012_hvb_results_figure_is_the_published_3_percent_of_190(table, k12_csv):
    row = _row(table, "resultat_hvb", K12)
    assert row["fraga_id"] == "q3_resultat_hvb_pct"
    assert k12_csv.loc["q3_resultat_hvb_pct", "published"] == "3"
    assert row["andel"] == 3.0
    assert row["n"] == int(k12_csv.loc["q3_resultat_hvb_antal", "published"]) == 6
    assert row["bas"] == int(k12_csv.loc["svar_total_svarande", "published"]) == 190
    assert bool(row["publicerad"]) and row["niva"] == "riket" and row["enhet"] == "kommuner"


def test_every_2012_row_is_its_published_figure(table, k12_csv):
    rows = table[(table["kalla"] == K12)]
    for row in rows.itertuples(index=False):
        figure = k12_csv.loc[row.fraga_id]
        assert figure["measure"] == "andel" and figure["region"] == "" and figure["honoured"] == "true", row
        assert row.andel == float(figure["published"]), row
        assert row.bas == int(k12_csv.loc["svar_total_svarande", "published"])
        count_id = row.fraga_id.removesuffix("_pct") + "_antal"
        if row.fraga_id.endswith("_pct"):
            assert row.n == int(k12_csv.loc[count_id, "published"]), row
        else:
            assert pd.isna(row.n), f"{row.fraga_id}: the report gives no count, so none is shown"


def test_the_2012_figures_stand_in_the_report_table_and_text(table):
    source = source_text("000")
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in source.splitlines() if line.count("\t") == 2}
    printed = {
        "resultat_hvb": rows["Resultat av insatsen - HVB"],
        "resultat_familjehem": rows["Resultat av insatsen – familjehem"],
        "barns_uppfattning": rows["Barn och ungas uppfattning"],
        "vh_uppfattning_hvb": rows["Vårdnadshavares uppfattning"],
        "vh_uppfattning_familjehem": rows["Vårdnadshavares uppfattning"],
    }
    for tema, (pct, count) in printed.items():
        row = _row(table, tema, K12)
        assert f"{row['andel']:.0f}%" == pct and str(row["n"]) == count, (tema, pct, count)

    def in_text(pattern: str) -> float:
        found = re.search(pattern, source)
        assert found, pattern
        return float(found.group(1))

    assert _row(table, "anvander_resultat", K12)["andel"] == in_text(r"\((\d+)%\) av kommunerna använder resultaten")
    assert _row(table, "foljer_upp", K12)["andel"] == in_text(r"Majoriteten av kommunerna \((\d+)%\) har uppgivit")
    assert _row(table, "bbic_underlag", K12)["andel"] == in_text(r"Barns behov i centrum /BBIC \((\d+)%\)")
    assert _row(table, "oj_underlag", K12)["andel"] == in_text(r"öppna jämförelser \((\d+)%\)")
    assert "190 kommuner (66%)" in source


# ---------------------------------------------------------------------------
# ÖJ 2015: the national value of the indicator, from the CSV and the text
# ---------------------------------------------------------------------------


def test_every_oj_row_is_the_national_value_in_the_oj_csv(table, oj_csv):
    rows = table[(table["kalla"] == OJ) & table["andel"].notna()]
    assert len(rows) == 6
    for row in rows.itertuples(index=False):
        cell = oj_csv[(oj_csv["indikator"] == row.fraga_id) & (oj_csv["niva"] == "riket")]
        assert len(cell) == 1 and cell["enhet"].item() == "Riket", row
        assert row.andel == pytest.approx(float(cell["varde"].item()) * 100, abs=1e-9), row
        assert f"{row.andel:.0f}%" == cell["publicerat"].item(), row
        assert row.niva == "riket" and bool(row.publicerad) and row.enhet == "kommuner", row
        assert pd.isna(row.n) and pd.isna(row.bas), "the data do not give how many municipalities answered"


@pytest.mark.parametrize(("tema", "indicator", "published"), [
    ("resultat_hvb", "uppfoljning_dygnsvard", "20%"),
    ("resultat_familjehem", "uppfoljning_dygnsvard", "20%"),
    ("anvander_resultat", "uppfoljning_dygnsvard", "20%"),
    ("vh_uppfattning_familjehem", "foraldrar_familjehem", "14%"),
    ("vh_uppfattning_hvb", "foraldrar_hvb", "13%"),
    ("bbic_underlag", "bbic_licens", "92%"),
])
def test_the_oj_indicator_chosen_for_each_theme(table, oj_csv, tema, indicator, published):
    row = _row(table, tema, OJ)
    assert row["fraga_id"] == indicator
    cell = oj_csv[(oj_csv["indikator"] == indicator) & (oj_csv["enhet"] == "Riket")]
    assert cell["publicerat"].item() == published


def test_oj_dygnsvard_is_hvb_and_familjehem_together_as_the_source_says(table):
    source = source_text("004")
    found = re.search(r"- (\d+) procent av kommunerna har använt resultaten från systematiska uppföljningar av "
                      r"insatserna i hem för vård eller boende och familjehem", source)
    assert found
    assert _row(table, "resultat_hvb", OJ)["andel"] == _row(table, "resultat_familjehem", OJ)["andel"] == float(
        found.group(1))
    assert _row(table, "resultat_hvb", OJ)["forbehall"] == "oj_dygnsvard"


def test_oj_2015_has_no_indicator_on_the_childrens_own_view(table):
    catalogue_ = pd.read_csv(OJ_CATALOGUE_CSV, dtype=str, keep_default_na=False)
    on_views = catalogue_[catalogue_["namn"].str.contains("uppfattning")]
    assert set(on_views["indikator"]) == {"foraldrar_oppenvard", "foraldrar_familjehem", "foraldrar_hvb"}
    row = _row(table, "barns_uppfattning", OJ)
    assert math.isnan(row["andel"]) and row["forbehall"] == "oj_inga_barn"


# ---------------------------------------------------------------------------
# Webbkollen 2017: published where the report gives a figure, synthetic (and said so) where not
# ---------------------------------------------------------------------------


def test_webbkollen_published_rows_are_the_reports_figures(table, wk_csv):
    talk = _row(table, "barns_uppfattning", WK)
    assert talk["fraga_id"] == "s42_samtal_enskilt_avslut"
    assert talk["andel"] == float(wk_csv.loc["s42_samtal_enskilt_avslut", "published"]) == 32.0
    assert bool(talk["publicerad"]) and talk["enhet"] == "registreringar" and talk["niva"] == "deltagare"
    registered = _row(table, "foljer_upp", WK)
    assert registered["fraga_id"] == "t1_kommuner_2017"
    assert registered["n"] == int(wk_csv.loc["t1_kommuner_2017", "published"]) == 8
    assert math.isnan(registered["andel"]), "every participant shown registered: the report's selection, no share"
    assert registered["forbehall"] == "wk_urval"


@pytest.mark.parametrize(("tema", "insats"), [("resultat_hvb", "hvb"), ("resultat_familjehem", "familjehem")])
def test_webbkollen_results_rows_are_counted_from_the_synthetic_registrations(table, tema, insats):
    raw = pd.read_csv(CASES_CSV, dtype=str, keep_default_na=False)
    base = n = 0
    for record in raw.to_dict("records"):
        if record["tillfalle"] == "avslut" and record["ar"] == str(REPORT_YEAR) and record["insats"] == insats:
            base += 1
            n += record["maluppfyllelse"] not in ("", "inte_kant")
    row = _row(table, tema, WK)
    assert (row["n"], row["bas"]) == (n, base) and base > 0
    assert row["andel"] == pytest.approx(100 * n / base)
    assert row["fraga_id"] == "maluppfyllelse" and row["bas_kod"] == f"wk_avslut_{insats}"
    assert row["publicerad"] is False or not bool(row["publicerad"])
    assert row["forbehall"] == "wk_syntetisk" and row["enhet"] == "registreringar"


def test_only_the_synthetic_rows_are_unpublished(table):
    unpublished = table[table["publicerad"].fillna(True) == False]  # noqa: E712 (boolean with NA)
    assert set(unpublished["forbehall"]) == {"wk_syntetisk"} and set(unpublished["kalla"]) == {WK}


def test_other_registrations_change_only_the_synthetic_rows(table):
    cases = load_cases()
    cases["maluppfyllelse"] = pd.Series(pd.NA, index=cases.index, dtype=cases["maluppfyllelse"].dtype)
    other = follow_up_maturity(cases=cases)
    synthetic = (table["forbehall"] == "wk_syntetisk").to_numpy()
    assert (other.loc[synthetic, "andel"] == 0).all() and (other.loc[synthetic, "n"] == 0).all()
    pd.testing.assert_frame_equal(other[~synthetic], table[~synthetic])


def test_registrations_without_the_needed_columns_are_refused():
    with pytest.raises(Exception, match="maluppfyllelse"):
        follow_up_maturity(cases=load_cases().drop(columns=["maluppfyllelse"]))
    with pytest.raises(TypeError, match="DataFrame"):
        follow_up_maturity(cases="registreringar.csv")


# ---------------------------------------------------------------------------
# traceability: each id exists in its source's own data
# ---------------------------------------------------------------------------


def test_every_rows_id_exists_in_that_sources_data(table, k12_csv, oj_csv, wk_csv):
    cases_columns = set(pd.read_csv(CASES_CSV, nrows=0).columns)
    known = {K12: set(k12_csv.index), OJ: set(oj_csv["indikator"]), WK: set(wk_csv.index) | cases_columns}
    for row in table.itertuples(index=False):
        if row.fraga_id:
            assert row.fraga_id in known[row.kalla], row


def test_source_overview_counts_are_the_published_ones(k12_csv, wk_csv):
    overview = source_overview().set_index("kalla")
    assert list(overview.index) == list(SOURCES)
    assert overview.loc[K12, "enheter"] == int(k12_csv.loc["svar_total_svarande", "published"]) == 190
    assert overview.loc[K12, "av"] == int(k12_csv.loc["svar_total_kommuner", "published"]) == 290
    assert overview.loc[WK, "enheter"] == int(wk_csv.loc["t1_kommuner_2017", "published"])
    assert overview.loc[WK, "registreringar"] == int(wk_csv.loc["t3_totalt", "published"]) == 416
    assert overview.loc[OJ, ["enheter", "av", "registreringar"]].isna().all()


def test_the_module_types_no_figure():
    """No figure is typed: the only literal numbers are 0 and 1 (a first row, a single match), the year's
    four digits (``code[-4:]``), rounding digits and the 100 of a percent."""
    tree = ast.parse(inspect.getsource(maturity))
    numbers = {node.value for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
               and not isinstance(node.value, bool)}
    assert numbers <= {0, 1, 4, 10, 100}, sorted(numbers)


def test_the_function_has_no_language_and_imports_no_presentation():
    assert "lang" not in inspect.signature(follow_up_maturity).parameters
    tree = ast.parse(inspect.getsource(maturity))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    forbidden = ("present", "plots", "reports", "teaching", "agreement", "synthetic")
    assert not [m for m in imported if m.startswith("webbkollen_lib.") and m.split(".")[1] in forbidden]


# ---------------------------------------------------------------------------
# words: every code has a label in Swedish and English
# ---------------------------------------------------------------------------


def _codes(table):
    return {
        "tema": THEMES, "kalla": SOURCES, "jamforbar": COMPARABILITY, "forbehall": CAVEATS, "niva": LEVELS,
        "enhet": UNITS, "bas": BASES,
        "vem": SOURCES, "fragade": SOURCES, "nar": SOURCES,
        "kolumn": ("tema", "kalla", "ar", "andel", "antal", "enhet", "niva", "bas", "fraga_id", "jamforbar",
                   "forbehall", "publicerad", "vem", "fragade", "nar"),
        "publicerad": ("ja", "nej"),
        "allmant": ("olika_fragor", "olika_populationer", "olika_svarande", "ingen_trend", "inga_intervall",
                    "syntetiskt"),
    }


def test_every_code_has_words_in_swedish_and_english(table):
    missing = []
    for group, codes in _codes(table).items():
        for code in codes:
            key = f"mognad.{group}.{code}"
            entry = catalogue().get(key)
            if entry is None or any(not entry[lang].strip() for lang in LANGS):
                missing.append(key)
    assert not missing, f"labels.yaml lacks: {missing}"


def test_the_labels_of_a_group_are_distinct_and_differ_between_languages():
    for group in ("tema", "kalla", "jamforbar", "forbehall"):
        for lang in LANGS:
            texts = [text(f"mognad.{group}.{code}", lang) for code in _codes(None)[group]]
            assert len(set(texts)) == len(texts), (group, lang)
    assert text("mognad.tema.resultat_hvb", "sv") != text("mognad.tema.resultat_hvb", "en")


def test_the_source_descriptions_fill_from_the_overview():
    overview = source_overview().set_index("kalla")
    for kalla in SOURCES:
        fields = {k: v for k, v in overview.loc[kalla].items() if not pd.isna(v)}
        for lang in LANGS:
            filled = text(f"mognad.vem.{kalla}", lang, **fields)
            assert "{" not in filled, (kalla, lang, filled)
    assert "190" in text("mognad.vem.kartlaggning_2012", "sv", **overview.loc[K12].dropna().to_dict())


# ---------------------------------------------------------------------------
# the readable tables and the figure (present.maturity, plots.maturity)
# ---------------------------------------------------------------------------


def test_the_overview_has_each_themes_share_from_each_source_and_says_synthetic():
    from webbkollen_lib.present.maturity import overview_table, word
    table = follow_up_maturity()
    wide = overview_table(table)
    assert list(wide.index) == [word("tema", t) for t in THEMES]
    for row in table.itertuples():
        cell = wide.loc[word("tema", row.tema), word("kalla", row.kalla)]
        if pd.isna(row.andel):
            assert cell == "–"
        else:
            assert cell.startswith(f"{round(row.andel)}\u00a0%"), (row.tema, row.kalla, cell)
            assert ("syntetisk" in cell) == (row.publicerad is False or row.publicerad == False)  # noqa: E712


def test_the_figure_shows_the_published_shares_only_and_its_text_carries_them():
    from webbkollen_lib.core import labels as lc
    from webbkollen_lib.plots.maturity import maturity_alt, plot_maturity
    table = follow_up_maturity()
    figure = plot_maturity(table, "en")
    titles = [" ".join(ax.get_title(loc) for loc in ("left", "center", "right")).strip() for ax in figure.axes]
    assert titles == [lc.text(f"mognad.kalla.{s}", "en") for s in SOURCES]
    published = table[table["publicerad"].fillna(False).astype(bool) & table["andel"].notna()]
    dots = sum(len(c.get_offsets()) for ax in figure.axes for c in ax.collections)
    assert dots == len(published)
    alt = maturity_alt(table, "en")
    for row in published.itertuples():
        assert f"{round(row.andel)}%" in alt
    for row in table[table["publicerad"] == False].itertuples():  # noqa: E712 (synthetic rows stay out)
        assert f"{round(row.andel)}%" not in alt
