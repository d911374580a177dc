"""The codebook holds every variable of the report and the data contract, in Swedish and English."""

import re

import pandas as pd
import pytest

from webbkollen_lib import apply_dtypes, get_codebook
from webbkollen_lib.core.codebook import age_group

CB = get_codebook()
SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")

# The data contract (shared/docs/data-contract.md), transcribed: id -> codes.
CONTRACT_CODES = {
    "tillfalle": ["uppfoljning", "avslut"],
    "kon": ["pojke", "flicka"],
    "aldersgrupp": ["0_6", "7_12", "13_18", "over_18"],
    "ursprung": ["sverige", "utlandet"],
    "risk_beslut": ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"],
    "risk_uppfoljning": ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"],
    "risk_avslut": ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"],
    "skola_beslut": ["nar_kunskapskrav", "nar_ej_kunskapskrav", "grundskola_utan_behorighet", "ej_fullfoljt_gymnasiet", "ej_bedomt"],
    "skola_avslut": ["nar_kunskapskrav", "nar_ej_kunskapskrav", "grundskola_utan_behorighet", "ej_fullfoljt_gymnasiet", "ej_bedomt"],
    "avslutsorsak": ["mal_uppnatt", "oplanerat", "motsvarar_ej_behov", "annat"],
}
CONTRACT_OPTIONS = {
    "hem_": ["bristande_omsorg", "fysiskt_vald", "psykiskt_vald", "bevittnat_vald", "sexuella_overgrepp", "heder",
             "tidigare_vald", "vardnadstvist", "familjekonflikt", "annat", "ingen"],
    "vh_": ["fysisk_ohalsa", "psykisk_ohalsa", "missbruk", "kriminalitet", "annat", "ingen", "info_saknas"],
    "barn_": ["fysisk_ohalsa", "psykisk_ohalsa", "missbruk", "normbrytande", "skola", "annat", "ingen"],
}
CONTRACT_BOOLS = ["ensamkommande", "samtal_enskilt_beslut", "samtal_vh_beslut", "samtal_enskilt_avslut", "samtal_vh_avslut"]
ORDERED = ["aldersgrupp", "risk_beslut", "risk_uppfoljning", "risk_avslut"]


@pytest.mark.parametrize("column, codes", CONTRACT_CODES.items())
def test_contract_codes_in_contract_order(column, codes):
    assert CB[column].categories == codes


@pytest.mark.parametrize("prefix, options", CONTRACT_OPTIONS.items())
def test_contract_multi_select_options(prefix, options):
    group = CB.variable_of(prefix + options[0])
    assert group.kind == "multi"
    assert group.columns == [prefix + o for o in options]


def test_explicit_none_options_are_marked_none():
    nones = {c for g in CB.multi_groups("registrations") for c in g.columns if c not in g.option_columns}
    assert {"hem_ingen", "vh_ingen", "vh_info_saknas", "barn_ingen"} <= nones


def test_dtypes_follow_the_contract():
    dtypes = CB.dtypes("registrations")
    for column in ORDERED:
        assert isinstance(dtypes[column], pd.CategoricalDtype) and dtypes[column].ordered, column
    for column in ["tillfalle", "kon", "ursprung", "skola_beslut", "avslutsorsak", "insats"]:
        assert isinstance(dtypes[column], pd.CategoricalDtype) and not dtypes[column].ordered, column
    for column in CONTRACT_BOOLS + ["hem_heder", "vh_missbruk", "barn_skola", "fokus_halsa"]:
        assert dtypes[column] == "boolean", column
    assert dtypes["alder"] == "Int64" and dtypes["ar"] == "Int64"
    assert dtypes["kommun"] == "string"


def test_unknown_is_missing_never_a_category():
    assert "inte_kant" not in CB["risk_beslut"].categories
    assert CB["risk"].missing_codes == ["inte_kant"]
    assert CB["ursprung"].missing_codes == ["inte_kant"]
    # skola keeps "cannot assess" as its own code, as the contract says, but flags it
    assert CB["skola_avslut"].unknown_codes == ["ej_bedomt"]


@pytest.mark.parametrize("variable", ["kon", "alder", "ursprung", "hem", "vh", "barn", "fokus",  # background
                                      "insats", "samverkan", "halsoundersokning", "sip",  # process
                                      "maluppfyllelse", "avslutsorsak", "risk_beslut", "risk_avslut",  # result
                                      "boende_avslut", "sysselsattning_avslut", "forsorjning_avslut"])
def test_figure_3_variables_are_in_their_group(variable):
    group = {"kon": "background", "alder": "background", "ursprung": "background", "hem": "background",
             "vh": "background", "barn": "background", "fokus": "background"}.get(variable)
    process = {"insats", "samverkan", "halsoundersokning", "sip"}
    expected = group or ("process" if variable in process else "result")
    assert CB[variable].group == expected


def test_every_label_exists_in_swedish_and_english():
    for var in CB:
        assert var.label_sv and var.label_en, var.id
        for code in var.codes:
            assert code.sv and code.en, (var.id, code.code)


def test_ids_and_codes_are_ascii_snake_case():
    for var in CB:
        assert SNAKE.match(var.id), var.id
        for column in var.columns:
            assert SNAKE.match(column), column
        for code in var.codes:
            assert SNAKE.match(code.code), (var.id, code.code)


def test_occasions():
    assert CB["risk_beslut"].occasions == ("beslut",)
    assert CB["avslutsorsak"].allowed_on == ("avslut",)
    assert CB["risk_uppfoljning"].allowed_on == ("uppfoljning",)
    assert set(CB["maluppfyllelse"].allowed_on) == {"uppfoljning", "avslut"}
    assert set(CB["risk_beslut"].allowed_on) == {"uppfoljning", "avslut"}


def test_the_report_definitions_and_caveats_are_kept():
    assert "far illa i den nuvarande situationen" in CB["risk_beslut"].definition("sv")
    assert "relativ" in CB["risk_beslut"].caveat("sv")
    assert "upprätthållande riskfaktorerna" in CB["fokus"].definition("sv")
    assert "mål" in CB["fokus"].caveat("sv")
    assert "annan öppenvårdsinsats" in CB["insats"].caveat("sv")
    assert "harmed in the present situation" in CB["risk_avslut"].definition("en")


def test_labels_by_column():
    assert CB.label("risk_beslut", "sv").startswith("Risk att barnet far illa")
    assert CB.label("vh_missbruk", "en") == "Difficulties of the guardian: Hazardous use/substance abuse"
    assert CB.value_labels("kon", "en") == {"pojke": "Boy", "flicka": "Girl"}
    assert CB.value_labels("hem_heder", "sv") == {True: "Ja", False: "Nej"}
    with pytest.raises(ValueError, match="lang"):
        CB.label("kon", "de")


def test_readable_table_and_exports(tmp_path):
    table = CB.table("sv", dataset="registrations")
    assert list(table.columns[:3]) == ["id", "Variabel", "Typ"]
    assert table["id"].tolist() == CB.columns("registrations")
    english = CB.table("en")
    assert {"definition", "caveat", "occasions", "group"} <= set(english.columns)
    csv_path = CB.to_csv(tmp_path / "codebook.csv")
    assert pd.read_csv(csv_path)["id"].tolist() == CB.table("sv")["id"].tolist()
    xlsx = CB.to_excel(tmp_path / "codebook.xlsx")
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert set(sheets) == {"Variabler", "Koder"}
    markdown = CB.to_markdown("en", columns=["id", "label"])
    assert markdown.splitlines()[0] == "| id | label |"
    assert "| risk_beslut | Risk that the child is harmed in the present situation at the decision |" in markdown


@pytest.mark.parametrize("age, group", [(0, "0_6"), (6, "0_6"), (7, "7_12"), (12, "7_12"), (13, "13_18"),
                                        (18, "13_18"), (19, "over_18"), (20, "over_18")])
def test_age_groups_as_in_table_3(age, group):
    assert age_group(pd.Series([age]))[0] == group


def test_apply_dtypes_types_codes_and_derives_age_group():
    frame = pd.DataFrame({"kon": ["flicka", "pojke"], "alder": [3, 19], "risk_beslut": ["hog", None],
                          "hem_heder": [True, False], "extra": [1, 2]})
    typed = apply_dtypes(frame)
    assert typed["risk_beslut"].cat.ordered and typed["risk_beslut"].isna().tolist() == [False, True]
    assert typed["aldersgrupp"].tolist() == ["0_6", "over_18"]
    assert typed["hem_heder"].dtype == "boolean"
    assert typed["extra"].tolist() == [1, 2]


def test_apply_dtypes_refuses_unknown_codes_instead_of_making_them_missing():
    with pytest.raises(ValueError, match="hgo"):
        apply_dtypes(pd.DataFrame({"risk_beslut": ["hgo"]}))
