"""Kartläggning 2012's workflow (municipality answers → the region's summary form → the national table), checked
against computations written out here with plain pandas, statsmodels and the textbook formula.

The source (SKL 2012, ``shared/seeds/000_…``) prints the response per region in
a table of 24 regions, Stockholm, GR and Sjuhärad with 0 answers; divides every
count by the 190 answering municipalities, also for questions 2–4, which Nej on
question 1 skips (question 3's table: budget 149 = 78 %); and gives question
10's mean ranks 1,8 / 3,2 / 3,3 / 3,8 / 3,9 / 4,7 / 5,0.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm
from statsmodels.stats.proportion import proportion_confint

from webbkollen_lib.analysis.kartlaggning import (
    NATION,
    NO_ANSWER,
    NOT_ASKED,
    compile_table,
    county_form,
    priority_means,
    response_by_region,
    survey_table,
)
from webbkollen_lib.io.kartlaggning import load_kartlaggning_2012, load_prioriteringar_2012, validate_kartlaggning
from webbkollen_lib.systems.kartlaggning2012.reference import REFERENCE_FILE, reproduce
from webbkollen_lib.systems.kartlaggning2012.survey import question_columns

#: The report's response table: region (its order), municipalities, answering.
RESPONSE = [
    ("stockholm", 26, 0), ("uppsala", 8, 8), ("sodermanland", 9, 9), ("ostergotland", 13, 6),
    ("jonkoping", 13, 8), ("kronoberg", 8, 7), ("kalmar", 12, 8), ("gotland", 1, 1), ("blekinge", 5, 4),
    ("skane", 33, 18), ("halland", 6, 6), ("varmland", 16, 16), ("vastmanland", 10, 8), ("dalarna", 15, 15),
    ("orebro", 12, 11), ("gavleborg", 10, 9), ("vasternorrland", 7, 5), ("jamtland", 8, 8),
    ("vasterbotten", 15, 15), ("norrbotten", 14, 11), ("skaraborg", 15, 5), ("fyrbodal", 14, 12),
    ("goteborgsregionen", 11, 0), ("sjuharad", 9, 0),
]
REGION_CODES = [r for r, _, _ in RESPONSE]

MULTI = {2: "mottagare", 3: "uppgift", 4: "kalla", 8: "hinder", 9: "stod"}
SINGLE = {5: "it_stod", 6: "stodfunktioner", 7: "forbattringsarbete"}
SCALE = ["ja", "ja_i_viss_man", "nej", "vet_ej"]
KEYS = ["fraga", "variabel", "alternativ"]

#: Question 10 as printed, highest priority first.
PUBLISHED_MEANS = {"basuppgifter": "1.8", "resultat_familjehem": "3.2", "resultat_hvb": "3.3",
                   "brukarmedverkan": "3.8", "individuell_uppfoljning": "3.9", "annat": "4.7",
                   "personalens_erfarenheter": "5.0"}


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return load_kartlaggning_2012()


@pytest.fixture(scope="module")
def priorities() -> pd.DataFrame:
    return load_prioriteringar_2012()


@pytest.fixture(scope="module")
def nation(answers) -> pd.DataFrame:
    return survey_table(answers)


def independent_counts(answers: pd.DataFrame) -> pd.DataFrame:
    """The national counts of every question and alternative, with plain pandas and the questionnaire's rules.

    Questions 2–4 are asked after Ja on question 1 only; an asked multi-select
    question with no box ticked is ``ej_svar``, as is an empty single choice.
    """
    asked_after_yes = answers["redovisat"].eq(True).fillna(False)
    rows = [
        (1, "redovisat", "ja", int(answers["redovisat"].eq(True).sum())),
        (1, "redovisat", "nej", int(answers["redovisat"].eq(False).sum())),
        (1, "redovisat", NO_ANSWER, int(answers["redovisat"].isna().sum())),
    ]
    for question, name in MULTI.items():
        columns = [c for c in answers.columns if c.startswith(name + "_")]
        asked = asked_after_yes if question in (2, 3, 4) else pd.Series(True, index=answers.index)
        for column in columns:
            rows.append((question, name, column[len(name) + 1:], int(answers.loc[asked, column].eq(True).sum())))
        ticked_any = answers[columns].eq(True).fillna(False).any(axis=1)
        rows.append((question, name, NO_ANSWER, int((asked & ~ticked_any).sum())))
        if question in (2, 3, 4):
            rows.append((question, name, NOT_ASKED, int((~asked).sum())))
    for question, name in SINGLE.items():
        counts = answers[name].astype(object).value_counts()
        for code in SCALE:
            rows.append((question, name, code, int(counts.get(code, 0))))
        rows.append((question, name, NO_ANSWER, int(answers[name].isna().sum())))
    return pd.DataFrame(rows, columns=[*KEYS, "antal"])


def wilson(k: int, n: int, z: float) -> tuple[float, float]:
    """Wilson (1927): (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n)."""
    p = k / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denominator = 1 + z * z / n
    return (centre - half) / denominator, (centre + half) / denominator


def _row(table: pd.DataFrame, question: int, alternative: str) -> pd.Series:
    hit = table[(table["fraga"] == question) & (table["alternativ"] == alternative)]
    assert len(hit) == 1, (question, alternative, len(hit))
    return hit.iloc[0]


# --------------------------------------------------------------------------
# response by region: non-response shown, not dropped
# --------------------------------------------------------------------------


def test_response_by_region_has_every_region_in_the_reports_order(answers):
    table = response_by_region(answers)
    assert table["region"].tolist() == REGION_CODES
    assert list(zip(table["region"], table["kommuner"], table["svarande"])) == RESPONSE
    assert (table["kommuner"].sum(), table["svarande"].sum()) == (290, 190)


def test_regions_without_answers_are_shown_with_0_and_rate_0(answers):
    table = response_by_region(answers).set_index("region")
    for region in ("stockholm", "goteborgsregionen", "sjuharad"):
        assert table.loc[region, "svarande"] == 0 and table.loc[region, "svarsfrekvens"] == 0.0
        assert table.loc[region, "kommuner"] > 0
    assert table["svarsfrekvens"].notna().all()


def test_response_rates_are_answering_over_municipalities_and_round_to_the_published(answers):
    table = response_by_region(answers).set_index("region")
    published = pd.read_csv(REFERENCE_FILE, dtype=str, keep_default_na=False).set_index("id")["published"]
    for region, kommuner, svarande in RESPONSE:
        rate = table.loc[region, "svarsfrekvens"]
        assert rate == pytest.approx(svarande / kommuner), region
        printed = Decimal(100 * svarande) / Decimal(kommuner)
        assert int(printed.quantize(Decimal(1), ROUND_HALF_UP)) == int(published[f"svar_{region}_frekvens"])


def test_response_by_region_refuses_a_region_that_is_not_a_survey_region(answers):
    bad = answers.head(3).assign(region=["uppsala", "Västra Götaland", "uppsala"])
    with pytest.raises(ValueError, match="Västra Götaland") as info:
        response_by_region(bad)
    assert "allowed: " + ", ".join(REGION_CODES) in str(info.value)


# --------------------------------------------------------------------------
# the summary forms and the national table
# --------------------------------------------------------------------------


def test_the_regions_forms_add_up_to_the_national_table(answers, nation):
    form = county_form(answers)
    assert set(form["region"]) == {r for r, _, s in RESPONSE if s > 0}  # a region without answers sends no form
    summed = form.groupby(KEYS, sort=False)["antal"].sum().reset_index()
    merged = summed.merge(nation[[*KEYS, "antal"]], on=KEYS, how="outer", suffixes=("_forms", "_nation"),
                          indicator=True)
    assert (merged["_merge"] == "both").all()
    assert (merged["antal_forms"] == merged["antal_nation"]).all()
    assert (nation["region"] == NATION).all()


def test_each_regions_form_counts_its_own_municipalities(answers):
    form = county_form(answers)
    for region, group in answers.groupby(answers["region"].astype(str)):
        mine = independent_counts(group)
        theirs = form[form["region"] == region].drop(columns="region")
        merged = mine.merge(theirs, on=KEYS, how="outer", suffixes=("_test", "_form"))
        assert (merged["antal_test"] == merged["antal_form"]).all(), (region, merged[
            merged["antal_test"] != merged["antal_form"]].to_dict("records"))


def test_the_national_table_equals_counts_made_with_plain_pandas(answers, nation):
    expected = independent_counts(answers)
    merged = expected.merge(nation[[*KEYS, "antal"]], on=KEYS, how="outer", suffixes=("_test", "_table"))
    wrong = merged[merged["antal_test"] != merged["antal_table"]]
    assert wrong.empty, wrong.to_dict("records")
    assert int(answers["uppgift_budget"].sum()) == _row(nation, 3, "budget")["antal"] == 149
    assert _row(nation, 1, "ja")["antal"] == 158 and _row(nation, 1, "nej")["antal"] == 28


def test_the_national_table_shows_the_reports_percentages(nation):
    # question 3's table as printed: budget 78 % (149), verksamhetsmål 54 % (102), resultat HVB 3 % (6)
    for alternative, percent, count in (("budget", 78, 149), ("verksamhetsmal", 54, 102), ("resultat_hvb", 3, 6)):
        row = _row(nation, 3, alternative)
        assert row["antal"] == count and row["bas_n"] == 190
        assert int(Decimal(repr(100 * row["andel"])).quantize(Decimal(1), ROUND_HALF_UP)) == percent


def test_ticks_kept_after_an_empty_question_1_are_counted_as_the_reference_counts_them(answers):
    # the reader keeps ticks in questions 2–4 when question 1 is left empty ("the answer is not known, and
    # the ticks are kept"); the summary form counts "antal kommuner som kryssat" (Bilaga 2), and
    # reproduce() counts them too: the national table must not drop them, nor call that municipality not asked
    changed = answers.copy()
    empty_q1 = changed.index[changed["redovisat"].isna()][0]
    changed.loc[empty_q1, "uppgift_budget"] = True
    assert validate_kartlaggning(changed) is changed
    assert reproduce(changed)["q3_budget_antal"] == 150
    table = survey_table(changed)
    assert _row(table, 3, "budget")["antal"] == 150
    assert _row(table, 3, NOT_ASKED)["antal"] == 31


def test_the_national_counts_agree_with_the_reference_comparison(answers, nation):
    figures = pd.read_csv(REFERENCE_FILE, dtype=str, keep_default_na=False)
    counted = figures[(figures["measure"] == "antal")]
    values = reproduce(answers)
    for row in counted.itertuples():
        question = int(row.fraga)
        alternative = row.variable[len(MULTI[question]) + 1:]
        assert _row(nation, question, alternative)["antal"] == values[row.id], row.id


def test_every_question_accounts_for_every_answering_municipality(answers, nation):
    for question in (1, *SINGLE):
        rows = nation[nation["fraga"] == question]
        assert rows["antal"].sum() == 190, question
    for question in MULTI:
        no_answer, not_asked = _row(nation, question, NO_ANSWER)["antal"], 0
        if question in (2, 3, 4):
            not_asked = _row(nation, question, NOT_ASKED)["antal"]
        columns = question_columns(question)
        ticked_any = int(answers[columns].eq(True).fillna(False).any(axis=1).sum())
        assert ticked_any + no_answer + not_asked == 190, question


def test_a_paper_form_of_crosses_only_gives_the_same_table(answers, nation):
    # Bilaga 1: a box is ticked or left empty; an empty box of an asked question is an unticked box
    multi = [c for q in MULTI for c in question_columns(q)]
    crosses = answers.copy()
    for column in multi:
        crosses[column] = crosses[column].where(crosses[column] == True, pd.NA)  # noqa: E712
    assert crosses[multi].isna().sum().sum() > answers[multi].isna().sum().sum()
    pd.testing.assert_frame_equal(survey_table(crosses), nation)


# --------------------------------------------------------------------------
# the base: all answering (the report) or those asked
# --------------------------------------------------------------------------


def test_question_3_base_is_190_answering_or_the_158_asked(answers):
    ja_on_q1 = int(answers["redovisat"].eq(True).sum())
    assert ja_on_q1 == 158
    report = survey_table(answers, base="svarande")
    asked = survey_table(answers, base="tillfragade")
    budget_report, budget_asked = _row(report, 3, "budget"), _row(asked, 3, "budget")
    assert budget_report["bas_n"] == 190 and budget_asked["bas_n"] == ja_on_q1
    assert budget_report["andel"] == pytest.approx(149 / 190)
    assert budget_asked["andel"] == pytest.approx(149 / 158)
    for table in (report, asked):
        q3 = table[table["fraga"] == 3]
        assert (q3["svarande"] == 190).all() and (q3["tillfragade"] == ja_on_q1).all()
    assert set(report["bas"]) == {"svarande"} and set(asked["bas"]) == {"tillfragade"}


def test_the_not_asked_have_no_share_among_the_asked(answers):
    asked = survey_table(answers, base="tillfragade")
    row = _row(asked, 3, NOT_ASKED)
    assert row["antal"] == 32 and row["bas_n"] == 0 and np.isnan(row["andel"])
    assert np.isnan(row["ci_low"]) and np.isnan(row["ci_high"])


@pytest.mark.parametrize("question", [1, 5, 6, 7, 8, 9])
def test_questions_asked_of_everyone_have_one_base(answers, question):
    report = survey_table(answers, base="svarande")
    asked = survey_table(answers, base="tillfragade")
    a, b = report[report["fraga"] == question], asked[asked["fraga"] == question]
    assert (a["bas_n"] == 190).all() and (b["bas_n"] == 190).all()
    np.testing.assert_allclose(a["andel"].to_numpy(), b["andel"].to_numpy())
    np.testing.assert_allclose(a["ci_low"].to_numpy(), b["ci_low"].to_numpy())


def test_no_answer_rows_count_the_asked_who_left_the_question_empty(answers):
    # make item non-response: three municipalities with Ja on question 1 tick nothing in question 3,
    # two leave question 5 empty; those with Nej stay not asked, not "no answer"
    changed = answers.copy()
    yes = changed.index[changed["redovisat"].eq(True).fillna(False)][:3]
    changed.loc[yes, question_columns(3)] = False
    changed["it_stod"] = changed["it_stod"].astype(object)
    changed.loc[changed.index[:2], "it_stod"] = None
    changed["it_stod"] = pd.Categorical(changed["it_stod"], categories=SCALE)
    asked = changed["redovisat"].eq(True).fillna(False)
    q3_empty = int((asked & ~changed[question_columns(3)].eq(True).fillna(False).any(axis=1)).sum())
    baseline = int((asked & ~answers[question_columns(3)].eq(True).fillna(False).any(axis=1)).sum())
    assert q3_empty == baseline + 3
    table = survey_table(changed)
    assert _row(table, 3, NO_ANSWER)["antal"] == q3_empty
    assert _row(table, 5, NO_ANSWER)["antal"] == int(changed["it_stod"].isna().sum()) == 2
    assert _row(table, 3, NOT_ASKED)["antal"] == int((~asked).sum()) == 32
    # and the shipped answers: 3 municipalities left question 7 empty, 4 question 1
    shipped = survey_table(answers)
    assert _row(shipped, 7, NO_ANSWER)["antal"] == int(answers["forbattringsarbete"].isna().sum()) == 3
    assert _row(shipped, 1, NO_ANSWER)["antal"] == int(answers["redovisat"].isna().sum()) == 4


def test_an_unknown_base_is_refused_naming_the_bases(answers):
    with pytest.raises(ValueError, match="base must be one of svarande, tillfragade, not 'alla'"):
        survey_table(answers, base="alla")


# --------------------------------------------------------------------------
# Wilson intervals
# --------------------------------------------------------------------------


@pytest.mark.parametrize("base", ["svarande", "tillfragade"])
def test_the_intervals_are_statsmodels_wilson_intervals(answers, base):
    table = survey_table(answers, base=base)
    shared = table[table["bas_n"] > 0]
    low, high = proportion_confint(shared["antal"].to_numpy(), shared["bas_n"].to_numpy(), alpha=0.05,
                                   method="wilson")
    np.testing.assert_allclose(shared["ci_low"].to_numpy(), low, atol=1e-12)
    np.testing.assert_allclose(shared["ci_high"].to_numpy(), high, atol=1e-12)
    assert ((shared["ci_low"] <= shared["andel"]) & (shared["andel"] <= shared["ci_high"])).all()


@pytest.mark.parametrize("question, alternative, base, count, n", [
    (3, "budget", "svarande", 149, 190),
    (3, "budget", "tillfragade", 149, 158),
    (3, "resultat_hvb", "svarande", 6, 190),
    (5, "nej", "svarande", 9, 190),
    (1, "ja", "svarande", 158, 190),
])
def test_the_intervals_match_wilsons_closed_form(answers, question, alternative, base, count, n):
    row = _row(survey_table(answers, base=base), question, alternative)
    assert (row["antal"], row["bas_n"]) == (count, n)
    low, high = wilson(count, n, norm.ppf(0.975))
    assert row["ci_low"] == pytest.approx(low, abs=1e-12) and row["ci_high"] == pytest.approx(high, abs=1e-12)


def test_the_interval_level_follows_ci(answers):
    row = _row(survey_table(answers, ci=0.90), 3, "budget")
    low, high = wilson(149, 190, norm.ppf(0.95))
    assert row["ci_low"] == pytest.approx(low, abs=1e-12) and row["ci_high"] == pytest.approx(high, abs=1e-12)
    wide = _row(survey_table(answers, ci=0.99), 3, "budget")
    assert wide["ci_low"] < row["ci_low"] and wide["ci_high"] > row["ci_high"]


def test_an_interval_at_zero_starts_at_zero(nation):
    zero = nation[(nation["antal"] == 0) & (nation["bas_n"] > 0)]
    assert len(zero) > 0
    assert (zero["ci_low"] == 0).all()
    for high, n in zip(zero["ci_high"], zero["bas_n"]):
        assert high == pytest.approx(wilson(0, int(n), norm.ppf(0.975))[1], abs=1e-12)


# --------------------------------------------------------------------------
# one region's table
# --------------------------------------------------------------------------


@pytest.mark.parametrize("region", ["uppsala", "skane", "fyrbodal"])
def test_a_region_table_uses_only_that_regions_municipalities(answers, region):
    table = survey_table(answers, region=region)
    own = answers[answers["region"].astype(str) == region]
    assert (table["region"] == region).all()
    assert (table["svarande"] == len(own)).all()
    assert (table.loc[table["fraga"] == 3, "tillfragade"] == int(own["redovisat"].eq(True).sum())).all()
    merged = independent_counts(own).merge(table[[*KEYS, "antal"]], on=KEYS, how="outer",
                                           suffixes=("_test", "_table"))
    assert (merged["antal_test"] == merged["antal_table"]).all(), region
    # the same as the national table of the region's answers alone
    alone = survey_table(own)
    pd.testing.assert_frame_equal(table.drop(columns="region"), alone.drop(columns="region"))


def test_uppsala_where_every_municipality_answered_ja(answers):
    table = survey_table(answers, region="uppsala", base="tillfragade")
    assert _row(table, 1, "ja")["antal"] == 8 and _row(table, 1, "ja")["andel"] == 1.0
    assert _row(table, 1, "ja")["ci_high"] == 1.0
    assert _row(table, 3, "budget")["bas_n"] == 8


def test_an_unknown_region_is_refused_naming_the_regions(answers):
    with pytest.raises(ValueError) as info:
        survey_table(answers, region="Uppsala län")
    message = str(info.value)
    assert "'Uppsala län' is not a survey region" in message
    assert "allowed: " + ", ".join(REGION_CODES) in message


# --------------------------------------------------------------------------
# question 10
# --------------------------------------------------------------------------


def test_the_mean_ranks_round_half_up_to_the_published(priorities):
    means = priority_means(priorities)
    assert means["omrade"].tolist() == list(PUBLISHED_MEANS)  # highest priority (lowest mean) first
    ranks = priorities.assign(rang=priorities["rang"].astype(int), omrade=priorities["omrade"].astype(str))
    for row in means.itertuples():
        given = ranks.loc[ranks["omrade"] == row.omrade, "rang"].tolist()
        exact = Fraction(sum(given), len(given))
        assert row.medelrang == pytest.approx(float(exact))
        printed = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        assert str(printed) == PUBLISHED_MEANS[row.omrade], row.omrade


def test_the_number_of_regions_ranking_each_area_is_counted(priorities):
    means = priority_means(priorities).set_index("omrade")
    plain = priorities.assign(omrade=priorities["omrade"].astype(str), rang=priorities["rang"].astype(int))
    grouped = plain.groupby("omrade")["rang"]
    assert means["regioner"].to_dict() == grouped.count().to_dict()
    assert means["lagsta"].to_dict() == grouped.min().astype(float).to_dict()
    assert means["hogsta"].to_dict() == grouped.max().astype(float).to_dict()
    assert priorities["region"].astype(str).nunique() == 11
    assert means.loc["annat", "regioner"] < means.loc["basuppgifter", "regioner"] <= 11


def test_an_area_no_region_ranked_is_listed_last_with_0_regions(priorities):
    without_other = priorities[priorities["omrade"].astype(str) != "annat"]
    means = priority_means(without_other)
    assert means["omrade"].iloc[-1] == "annat"
    assert means["regioner"].iloc[-1] == 0 and np.isnan(means["medelrang"].iloc[-1])
    assert len(means) == 7


def test_a_region_without_answers_gets_every_alternative_with_zero_and_no_share():
    answers = load_kartlaggning_2012()
    nation = survey_table(answers)
    stockholm = survey_table(answers, region="stockholm")
    assert stockholm[["fraga", "alternativ"]].values.tolist() == nation[["fraga", "alternativ"]].values.tolist()
    assert (stockholm["antal"] == 0).all() and (stockholm["bas_n"] == 0).all()
    assert stockholm["andel"].isna().all() and stockholm["ci_low"].isna().all()
