"""Tables and figures of the agreement-test notebooks (webbkollen_lib.present.vignettes).

Numbers are checked against the report's counts (§3.3), against sums worked
by hand or with plain numpy/scipy, and against the agreement module the
functions call; labels against the codebook.
"""

import doctest
import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from scipy.stats import spearmanr

from webbkollen_lib import agreement as ag
from webbkollen_lib import generate_vignette_ratings, get_codebook, load_vignettes
from webbkollen_lib.agreement import vignettes as av
from webbkollen_lib.plots import vignettes as pv
from webbkollen_lib.present import vignettes as va
from webbkollen_lib.synthetic.vignettes import count_named_risk_factors

RISK = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]


@pytest.fixture(scope="module")
def ratings():
    # the generator behind the shipped file (same default seed), so the tests need no data step
    return generate_vignette_ratings()


@pytest.fixture(scope="module")
def test1(ratings):
    return ratings[ratings["test"] == 1]


@pytest.fixture(scope="module")
def test2(ratings):
    return ratings[ratings["test"] == 2]


@pytest.fixture(scope="module")
def texts():
    return load_vignettes()


def small():
    """Two vignettes, five raters; risk as the ordered scale with one 'inte känt'."""
    frame = pd.DataFrame({
        "vinjett": ["max", "max", "max", "assi", "assi"],
        "bedomare": ["a", "b", "c", "a", "b"],
        "risk": ["hog", "hog", "mycket_hog", "mycket_hog", None],
    })
    frame["risk"] = pd.Categorical(frame["risk"], categories=RISK, ordered=True)
    return frame


# --- the report's counts ---------------------------------------------------------


def test_risk_distribution_counts_by_hand():
    dist = av.risk_distribution(small()).set_index(["vinjett", "risk"])
    assert dist.loc[("max", "hog"), "n"] == 2
    assert dist.loc[("max", "hog"), "share"] == pytest.approx(2 / 3)
    assert dist.loc[("assi", "inte_kant"), "n"] == 1
    assert dist.loc[("assi", "inte_kant"), "share"] == pytest.approx(0.5)
    # every level and "inte känt" has a row, also those nobody chose
    assert len(dist) == 2 * 5
    assert dist.loc[("max", "ingen_lag"), "n"] == 0
    # codebook order of the vignettes, not the order in the data
    assert list(dict.fromkeys(dist.index.get_level_values("vinjett"))) == ["assi", "max"]


def test_risk_distribution_reproduces_the_report(ratings):
    dist = av.risk_distribution(ratings).set_index(["vinjett", "risk"])
    # report §3.3, typed here from the text
    assert dist.loc[("assi", "mycket_hog"), "n"] == 10
    assert dist.loc[("max", "nagot_forhojd"), "n"] == 1
    assert dist.loc[("jamila", "nagot_forhojd"), "share"] == pytest.approx(11 / 16)  # "Elva av 16 (69 %)"
    assert dist.loc[("jamila", "inte_kant"), "n"] == 1
    assert dist.loc[("tobias", "mycket_hog"), "n"] == 8
    reported = dist["published"].dropna()
    assert (reported == dist.loc[reported.index, "n"]).all()
    # the report gives no risk counts for Mohammad
    assert dist.loc["mohammad", "published"].isna().all()


def test_report_comparison_is_labelled_and_flags_a_difference(ratings, test1):
    table = va.report_comparison(test1)
    assert len(table) == 12
    assert set(table["Stämmer"]) == {"Ja"}
    assert table.index.names == ["Ärende (vinjett)", "Fråga", "Svar"]
    assert table.loc[("Assi 15 år", "Riskbedömning i nuvarande situation", "Mycket hög risk")].tolist() == [
        "10 av 12", "10 av 12", "Ja", "Anges i rapporten"]
    assert table.loc[("Max 4 år", "Antal bedömningar", ""), "Rapporten"] == "7"
    changed = test1.copy()
    first_assi = changed.index[changed["vinjett"] == "assi"][0]
    changed.loc[first_assi, "risk"] = "nagot_forhojd" if changed.loc[first_assi, "risk"] != "nagot_forhojd" else "hog"
    flagged = va.report_comparison(changed)
    assert (flagged["Stämmer"] == "Nej").sum() >= 2
    checklist = va.report_comparison(ratings, vignettes="jamila", lang="en")
    row = checklist.loc[("Jamila 4 years", get_codebook()["hem"].label("en"), "Physical violence against the child")]
    assert row["The report"] == "13 of 16"


def test_risk_table_sets_the_report_beside_the_data(test2):
    table = va.risk_table(test2)
    assert table.loc["Något förhöjd risk", ("Jamila 4 år", "Datamaterialet")] == "11 (69\u00a0%)"
    assert table.loc["Något förhöjd risk", ("Jamila 4 år", "Rapporten")] == "11"
    assert table.loc["Inte känt", ("Jamila 4 år", "Datamaterialet")] == "1 (6\u00a0%)"
    assert table.loc["Antal bedömningar", ("Tobias 16 år", "Rapporten")] == "15"
    assert table.loc["Hög risk", ("Mohammad 16 år", "Rapporten")] == "–"
    assert table.index.name == get_codebook()["risk"].label("sv")


# --- consensus and agreement -------------------------------------------------------


def test_consensus_by_vignette_is_the_agreement_module_per_vignette(test2):
    long = av.consensus_by_vignette(test2, n_boot=300, seed=5)
    direct = ag.consensus(test2.loc[test2["vinjett"] == "jamila", "risk"], categories=RISK, n_boot=300, seed=5)
    pd.testing.assert_frame_equal(long.loc["jamila"], direct[["value", "ci_low", "ci_high", "n_raters"]])
    # "inte känt" is left out: 15 of Jamila's 16 raters gave a level, 11 of them the modal one
    assert long.loc[("jamila", "modal_share"), "n_raters"] == 15
    assert long.loc[("jamila", "modal_share"), "value"] == pytest.approx(11 / 15)


def test_consensus_table_formats_value_and_interval(test1):
    table = va.consensus_table(test1, measures=["modal_share"], n_boot=200, seed=1)
    long = av.consensus_by_vignette(test1, n_boot=200, seed=1)
    low, high = long.loc[("max", "modal_share"), ["ci_low", "ci_high"]]
    expected = f"0,57 ({low:.2f}–{high:.2f})".replace(".", ",")
    assert table.loc["Andel i den vanligaste nivån", "Max 4 år (n = 7)"] == expected
    assert table.columns[-1] == "Så läses måttet"
    with pytest.raises(ValueError, match="unknown measure"):
        va.consensus_table(test1, measures=["mode"], n_boot=10)


def test_agreement_across_vignettes_by_hand(test1):
    table = av.agreement_across_vignettes(test1, n_boot=200, seed=3)
    # Assi: 10 "mycket hög", 2 "hög": 45 + 1 of 66 pairs agree; Max 1/2/4: 0 + 1 + 6 of 21
    pa = (46 / 66 + 7 / 21) / 2
    assert table.loc["percent_agreement", "value"] == pytest.approx(pa)
    counts = np.array([[0, 0, 2, 10], [0, 1, 2, 4]], dtype=float)
    pi = (counts / counts.sum(axis=1, keepdims=True)).mean(axis=0)
    pe = float((pi ** 2).sum())
    assert table.loc["fleiss_kappa", "value"] == pytest.approx((pa - pe) / (1 - pe))
    assert table.loc["fleiss_kappa", "pe"] == pytest.approx(pe)
    # two units: one degree of freedom, t = 12.706 (printed t tables)
    assert (table["df"] == 1).all()
    assert table["t"].iloc[0] == pytest.approx(12.706, abs=5e-4)
    assert table.loc["fleiss_kappa", "ci_width"] == pytest.approx(
        table.loc["fleiss_kappa", "ci_high"] - table.loc["fleiss_kappa", "ci_low"])
    boot = ag.bootstrap(ag.from_long(test1, unit="vinjett", rater="bedomare", value="risk"), "gwet_ac1",
                        n_boot=200, seed=3, resample="raters")
    assert tuple(table.loc["gwet_ac1", ["boot_ci_low", "boot_ci_high"]]) == pytest.approx(boot.ci)


def test_agreement_across_vignettes_leaves_inte_kant_out_and_weights_pass_through(test2):
    table = av.agreement_across_vignettes(test2, weights="ordinal", level="ordinal", n_boot=0)
    wide = ag.from_long(test2, unit="vinjett", rater="bedomare", value="risk")
    expected = ag.summary(wide, weights="ordinal", level="ordinal")
    assert table["value"].to_numpy() == pytest.approx(expected["value"].to_numpy())
    assert table.loc["gwet_ac1", "coefficient"] == "AC2"
    assert table["boot_ci_low"].isna().all()
    assert table["t"].iloc[0] == pytest.approx(4.303, abs=5e-4)


def test_agreement_table_reads_in_swedish(test1):
    table = va.agreement_table(test1, n_boot=100, seed=1)
    assert "95 % KI (t, 1 fg)" in table.columns
    assert table.loc["Fleiss kappa", "Värde"] == "-0,08"
    assert table.loc["Andel överensstämmande par", "Väntad av slump (pe)"] == "–"
    assert table.attrs["n_units"] == 2 and table.attrs["n_raters"] == 12
    weighted = va.agreement_table(test1, weights="quadratic", level="interval", n_boot=0, lang="en")
    assert "Gwet's AC2, quadratic weights" in weighted.index
    assert "Krippendorff's alpha, interval" in weighted.index
    assert not any("bootstrap" in c for c in weighted.columns)


def test_ci_multipliers_match_a_printed_t_table():
    table = va.ci_multipliers([2, 3, 10], lang="en")
    assert table.index.tolist() == ["2", "3", "10"]
    assert table["Multiplier t"].tolist() == ["12.71", "4.30", "2.26"]
    assert table["Times wider than with 1.96"].tolist() == ["6.5", "2.2", "1.2"]
    with pytest.raises(ValueError, match="at least 2 units"):
        va.ci_multipliers([1])


# --- checklists ----------------------------------------------------------------------


def test_checklist_table_counts_and_coefficients(test2):
    table = va.checklist_table(test2, "hem")
    assert table.index.name == "Identifierad utsatthet i hemmiljön"
    assert table.loc["Fysiskt våld mot barnet", "Jamila 4 år"] == "13 av 16"  # report: 13 of 16
    assert table.loc["Bristande omsorg", "Tobias 16 år"] == "12 av 15"  # report: 12 of 15
    columns = get_codebook()["hem"].columns
    direct = ag.checklist_agreement(test2, columns)
    assert table.loc["Fysiskt våld mot barnet", "Gwets AC1"] == (
        f"{direct.loc['hem_fysiskt_vald', 'gwet_ac1']:.2f}".replace(".", ","))
    # nobody ticked it: kappa is undefined, shown as a dash; raw agreement is 1
    assert table.loc["Sexuella övergrepp", "Fleiss kappa"] == "–"
    assert table.loc["Sexuella övergrepp", "Andel överensstämmande par"] == "1,00"
    with pytest.raises(ValueError, match="not a multi-select group"):
        va.checklist_table(test2, "risk")


def test_checklist_set_agreement_is_checklist_alpha(test2):
    table = va.checklist_set_agreement(test2, ["vh"], distance="jaccard", lang="en")
    res = ag.checklist_alpha(test2, get_codebook()["vh"].columns, distance="jaccard")
    row = table.loc[get_codebook()["vh"].label("en")]
    assert row["Krippendorff's alpha (Jaccard)"] == f"{res.value:.2f}"
    assert row["Cases"] == "3" and row["Raters"] == "16"


def test_options_by_risk_by_hand():
    d = pd.DataFrame({"risk": ["hog", "hog", "ingen_lag", None],
                      "hem_fysiskt_vald": pd.array([True, pd.NA, True, True], dtype="boolean")})
    table = va.options_by_risk(d, ["hem_fysiskt_vald"])
    assert table.columns.tolist() == ["Ingen/låg risk (n = 1)", "Hög risk (n = 2)", "Inte känt (n = 1)",
                                      "Alla (n = 4)"]
    assert table.loc["Fysiskt våld mot barnet"].tolist() == [1, 1, 1, 3]


def test_jamila_exposure_by_risk(test2):
    jamila = test2[test2["vinjett"] == "jamila"]
    table = va.options_by_risk(jamila, ["hem_fysiskt_vald", "hem_ingen"])
    # every "något förhöjd" rater ticked physical violence although they called it a harsh upbringing
    assert table.loc["Fysiskt våld mot barnet", "Något förhöjd risk (n = 11)"] == 11
    assert table.loc["Fysiskt våld mot barnet", "Alla (n = 16)"] == 13


# --- factors named in the open answer -----------------------------------------------


def test_named_factors_count_what_the_open_answer_lists(ratings, texts):
    for vid, vignette in texts.items():
        frame = av.named_factors(ratings, vignette)
        named = frame.filter(like=av.FACTOR_PREFIX).astype(int).sum(axis=1)
        expected = count_named_risk_factors(frame["motivering"]).astype(int)
        assert (named == expected).all(), vid
        assert (named == frame["antal_riskfaktorer"].astype(int)).all(), vid


def test_named_factors_free_text_missing_and_protective():
    vignette = {"id": "sara", "facts": [
        {"id": "franvaro", "kind": "risk", "sv": "hög frånvaro"},
        {"id": "mormor", "kind": "skydd", "sv": "god kontakt med mormor"},
    ]}
    d = pd.DataFrame({"vinjett": ["sara"] * 4, "motivering": [
        "Hon har HÖG FRÅNVARO och mår dåligt.",  # free text: searched whole
        "Oro. Riskfaktorer: inga angivna. Skyddsfaktorer: god kontakt med mormor.",
        None,
        "Oro. Riskfaktorer: hög frånvaro. Skyddsfaktorer: inga angivna.",
    ]})
    risk = av.named_factors(d, vignette)["faktor_franvaro"]
    assert risk.tolist() == [True, False, pd.NA, True]
    skydd = av.named_factors(d, vignette, kind="skydd")["faktor_mormor"]
    assert skydd.tolist() == [False, True, pd.NA, False]
    with pytest.raises(ValueError, match="no ratings of max"):
        av.named_factors(d, {"id": "max", "facts": vignette["facts"]})


def test_max_lower_raters_missed_the_health_factors(test1, texts):
    table = va.factors_by_risk(test1, texts["max"])
    health = ("Barnets utveckling", "Max har inte fått den hälso- och sjukvård och tandvård han behöver")
    assert table.loc[health, "Något förhöjd risk (n = 1)"] == 0
    assert table.loc[health, "Mycket hög risk (n = 4)"] == 4
    # BBIC order of the areas, phrases capitalised
    areas = list(dict.fromkeys(table.index.get_level_values("BBIC-område")))
    assert areas == ["Barnets utveckling", "Föräldrarnas förmåga", "Familj och miljö"]
    assert ("Familj och miljö", "Mammans psykiska ohälsa") in table.index
    assert len(table) == sum(f["kind"] == "risk" for f in texts["max"]["facts"])


def test_factor_count_correlation_is_spearman(test1, texts):
    table = va.factor_count_correlation(test1, texts, lang="en")
    mx = test1[test1["vinjett"] == "max"]
    rho = spearmanr(mx["antal_riskfaktorer"].astype(int), mx["risk"].cat.codes).statistic
    assert table.loc["Max 4 years", "Spearman's rho"] == f"{rho:.2f}"
    assert table.loc["Max 4 years", "Raters"] == "7"
    assert table.loc["Max 4 years", "Factors named, mean"] == f"{mx['antal_riskfaktorer'].mean():.1f}"


def test_factor_count_correlation_undefined_when_all_agree(test2, texts):
    table = va.factor_count_correlation(test2, texts, vignettes="mohammad")  # all four said "hög"
    assert table.iloc[0]["Spearmans rho"] == "–"


# --- words of the open answers ------------------------------------------------------


def test_phrase_counts_jamila_words_follow_the_risk(test2):
    table = va.phrase_counts(test2, av.REPORT_PHRASES["jamila"]["motivering"], vignette="jamila")
    assert table.loc["”hård uppfostringsstil”"].tolist() == [0, 11, 0, 0, 11]
    assert table.loc["”svårigheter i gränssättning”", "Ingen/låg risk (n = 2)"] == 2
    assert table.loc["”fysiskt våld mot barnet”", "Hög risk (n = 2)"] == 2
    goals = va.phrase_counts(test2, av.REPORT_PHRASES["jamila"]["mal"], vignette="jamila", column="mal")
    assert goals.loc["”våldet … ska upphöra”", "Hög risk (n = 2)"] == 2  # "Våldet mot Jamila ska upphöra"
    assert goals.loc["”utgångsläge”"].sum() == 0  # no goal stated a baseline


def test_phrase_counts_ignore_case_and_line_breaks():
    d = pd.DataFrame({"vinjett": ["j"] * 3, "risk": ["hog", "hog", "hog"],
                      "motivering": ["FYSISKT\nvåld", "fysiskt  våld", "psykiskt våld"]})
    assert va.phrase_counts(d, ["fysiskt våld"], vignette="j").iloc[0, 0] == 2


def test_statements_by_risk_shows_the_judgement_once_per_wording(test2):
    table = va.statements_by_risk(test2, vignette="jamila")
    assert table["Bedömare"].sum() == 16
    answers = table.index.get_level_values("Motivering av riskbedömningen")
    assert not answers.str.contains("Riskfaktorer:").any()
    levels = table.index.get_level_values("Riskbedömning i nuvarande situation").tolist()
    assert levels[0] == "Ingen/låg risk" and levels[-1] == "Inte känt"
    counts = table.loc["Något förhöjd risk", "Bedömare"].tolist()
    assert counts == sorted(counts, reverse=True) and sum(counts) == 11
    goals = va.statements_by_risk(test2, vignette="jamila", column="mal")
    assert goals["Bedömare"].sum() == 15  # the rater who could not assess gave no goal


# --- texts and figures ----------------------------------------------------------------


def test_vignette_markdown(texts):
    md = va.vignette_markdown(texts["max"], facts=True)
    assert md.startswith("### " + texts["max"]["title_sv"])
    assert texts["max"]["text_sv"] in md
    assert "- dålig tandstatus" in md and "**Skyddsfaktorer i ärendet:**" in md
    assert va.vignette_markdown({"title_sv": "T", "text_sv": "Text."}, "en") == "### T\n\nText."


def test_plot_risk_distribution_labels_from_the_codebook(test2):
    fig = pv.plot_risk_distribution(test2)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Jamila 4 år (n = 16)", "Tobias 16 år (n = 15)",
                                                           "Mohammad 16 år (n = 4)"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Ingen/låg risk", "Något förhöjd risk", "Hög risk", "Mycket hög risk", "Inte känt"]
    # Jamila's bar: 2 + 11 + 2 + 0 + 1 raters, as shares of 16
    widths = [p.get_width() for p in ax.patches if math.isclose(p.get_y() + p.get_height() / 2, 0)]
    assert widths == pytest.approx([100 * k / 16 for k in (2, 11, 2, 0, 1)])
    assert ax.get_title(loc="left") == get_codebook()["risk"].label("sv")


def test_plot_factor_count_by_risk(test1):
    fig = pv.plot_factor_count_by_risk(test1, lang="en")
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Assi 15 years (n = 12)", "Max 4 years (n = 7)"]
    dots = sum(len(c.get_offsets()) for c in fig.axes[1].collections if c.get_offsets().size and
               type(c).__name__ == "PathCollection")
    assert dots == 7
    assert "Number of risk factors named" in fig.axes[0].get_ylabel().replace("\n", " ")


# --- bad input ----------------------------------------------------------------------------


def test_bad_input_is_named(test1):
    with pytest.raises(ValueError, match="no ratings of jamila"):
        va.risk_table(test1, vignettes=["jamila"])
    with pytest.raises(ValueError, match="has no column .risk."):
        av.risk_distribution(test1.drop(columns="risk"))
    bad = test1.astype({"risk": object}).copy()
    bad.loc[bad.index[0], "risk"] = "Hög"
    with pytest.raises(ValueError, match="'Hög'"):
        av.risk_distribution(bad)
    with pytest.raises(ValueError, match="lang"):
        va.risk_table(test1, lang="de")
    with pytest.raises(TypeError, match="DataFrame"):
        av.risk_distribution([1, 2])


def test_docstring_examples_run():
    result = doctest.testmod(va, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0
