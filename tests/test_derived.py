import pandas as pd

from webbkollen_lib import apply_dtypes
from webbkollen_lib.systems.webbkollen.derived import any_exposure, care_form, exposure_columns, exposure_count, sex_origin


def _frame():
    return apply_dtypes(pd.DataFrame({
        "kon": ["flicka", "pojke", "pojke", "flicka"],
        "ursprung": ["sverige", "utlandet", None, "utlandet"],
        "hem_fysiskt_vald": [True, False, None, False],
        "hem_ingen": [False, True, None, False],
        "vh_missbruk": [True, False, None, False],
        "barn_skola": [True, False, None, True],
        "insats": ["kontaktperson", "hvb", "familjehem", "annan_oppenvard"],
    }))


def test_exposure_count_counts_options_not_none_answers_and_keeps_unknown_missing():
    assert exposure_count(_frame()).tolist() == [3, 0, pd.NA, 1]


def test_exposure_columns_are_the_21_options_of_the_three_groups():
    columns = exposure_columns()
    assert len(columns) == 21 and "hem_ingen" not in columns and "vh_info_saknas" not in columns


def test_any_exposure_per_group():
    assert any_exposure(_frame(), "hem").tolist() == [True, False, pd.NA, False]


def test_sex_origin_groups_and_unknown_origin():
    assert sex_origin(_frame()).astype(object).tolist()[:2] == ["sverige_flicka", "utlandet_pojke"]
    assert pd.isna(sex_origin(_frame())[2])


def test_care_form():
    assert care_form(_frame()).tolist() == ["oppenvard", "heldygn", "heldygn", "oppenvard"]
