"""Reading a newer Öppna jämförelser file: every problem named with file, line, column, value and what was allowed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from webbkollen_lib import DataError
from webbkollen_lib.io.indicators import read_indicators

CATALOGUE = pd.DataFrame({
    "indikator": ["rutin_ekonomiskt_bistand", "andel_behorighet", "timmar_stod"],
    "namn": ["Aktuell rutin för samordning med ekonomiskt bistånd", "Andel med behörighet", "Timmar handläggarstöd"],
    "enhet": ["ja_nej", "andel", "timmar"],
})

GOOD = """enhet,indikator,publicerat
Solna,rutin_ekonomiskt_bistand,Ja
Sollentuna,rutin_ekonomiskt_bistand,Nej
Stockholms län,rutin_ekonomiskt_bistand,47%
Riket,rutin_ekonomiskt_bistand,61 %
Solna,andel_behorighet,50%
Sollentuna,andel_behorighet,x
Järfälla,andel_behorighet,
Solna,timmar_stod,"4,8"
Riket,andel_behorighet,"2,8%"
"""


def write(tmp_path, text: str, name: str = "oj.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path, text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_indicators(write(tmp_path, text), catalogue=CATALOGUE)
    return [str(p) for p in caught.value.problems]


def test_a_good_file_is_read_with_values_levels_and_reasons(tmp_path):
    frame = read_indicators(write(tmp_path, GOOD), catalogue=CATALOGUE)
    got = frame.set_index(["enhet", "indikator"])
    assert got.loc[("Solna", "rutin_ekonomiskt_bistand"), "varde"] == 1.0
    assert got.loc[("Sollentuna", "rutin_ekonomiskt_bistand"), "varde"] == 0.0
    assert got.loc[("Riket", "rutin_ekonomiskt_bistand"), "varde"] == pytest.approx(0.61)
    assert got.loc[("Riket", "andel_behorighet"), "varde"] == pytest.approx(0.028)
    assert got.loc[("Solna", "timmar_stod"), "varde"] == pytest.approx(4.8)
    assert (got.loc[("Sollentuna", "andel_behorighet"), "saknas"], got.loc[("Järfälla", "andel_behorighet"), "saknas"]) == (
        "sekretess", "bortfall")
    assert np.isnan(got.loc[("Sollentuna", "andel_behorighet"), "varde"])
    assert got.loc[("Stockholms län", "rutin_ekonomiskt_bistand"), "niva"] == "lan"
    assert got.loc[("Riket", "andel_behorighet"), "niva"] == "riket"
    assert got.loc[("Solna", "andel_behorighet"), "namn"] == "Andel med behörighet"  # from the catalogue
    assert got.loc[("Järfälla", "andel_behorighet"), "publicerat"] == ""  # kept exactly as published


def test_semicolon_cp1252_files_from_swedish_excel_are_read(tmp_path):
    path = tmp_path / "oj.csv"
    path.write_bytes(GOOD.replace(",", ";").replace('"4;8"', "4,8").replace('"2;8%"', "2,8%").encode("cp1252"))
    frame = read_indicators(path, catalogue=CATALOGUE)
    assert len(frame) == 9 and frame.set_index(["enhet", "indikator"]).loc[("Solna", "timmar_stod"), "varde"] == 4.8


def test_an_unknown_indicator_is_named_with_a_suggestion(tmp_path):
    found = problems(tmp_path, "enhet,indikator,publicerat\nSolna,rutin_ekonomiskt_bistnd,Ja\n")
    assert found == ["line 2, column 'indikator': unknown indicator id (value 'rutin_ekonomiskt_bistnd'); "
                     "allowed: the 3 ids of the indicator catalogue (load_indicators()); "
                     "did you mean 'rutin_ekonomiskt_bistand'?"]


def test_a_share_above_100_percent_is_refused(tmp_path):
    found = problems(tmp_path, "enhet,indikator,publicerat\nSolna,andel_behorighet,130%\n")
    assert found == ["line 2, column 'publicerat': a share above 100 % (value '130%'); "
                     "allowed: a share 0–100% such as 32%, x or empty"]


def test_ja_or_nej_on_a_share_indicator_is_refused(tmp_path):
    found = problems(tmp_path, "enhet,indikator,publicerat\nSolna,andel_behorighet,Ja\n")
    assert found == ["line 2, column 'publicerat': Ja/Nej on a andel indicator (value 'Ja'); "
                     "allowed: a share 0–100% such as 32%, x or empty"]


def test_a_unit_that_is_no_municipality_county_or_nation_is_refused(tmp_path):
    found = problems(tmp_path, "enhet,indikator,publicerat\nSolana,rutin_ekonomiskt_bistand,Ja\n")
    assert found == ["line 2, column 'enhet': unknown unit (value 'Solana'); allowed: one of Sweden's 290 "
                     "municipalities, a county (e.g. Stockholms län) or Riket; did you mean 'Solna'?"]


def test_every_problem_is_listed_at_once_in_line_order(tmp_path):
    text = ("enhet,indikator,publicerat\n"
            "Solna,andel_behorighet,130%\n"
            "Solna,timmar_stod,många\n"
            "Stockholms län,rutin_ekonomiskt_bistand,Ja\n"
            "Solna,rutin_ekonomiskt_bistand,45%\n"
            "Solna,rutin_ekonomiskt_bistand,Nej\n"
            "Solna,rutin_ekonomiskt_bistand,Ja\n")
    found = problems(tmp_path, text)
    assert [p.split(":")[0] for p in found] == ["line 2, column 'publicerat'", "line 3, column 'publicerat'",
                                               "line 4, column 'publicerat'", "line 5, column 'publicerat'",
                                               "line 6, column 'indikator'", "line 7, column 'indikator'"]
    assert "not a value an indicator cell can hold" in found[1]
    assert "a county or the nation has the share answering Ja" in found[2]
    assert "a municipality answers Ja or Nej, not a share" in found[3]
    # line 5 is a row for Solna even though its cell is wrong: lines 6 and 7 repeat it
    assert all("a second row for Solna and rutin_ekonomiskt_bistand (the first is line 5)" in f for f in found[4:])


def test_columns_are_checked_before_the_rows(tmp_path):
    found = problems(tmp_path, "enhet,indikatr,publicerat,farg\nSolna,rutin_ekonomiskt_bistand,Ja,grön\n")
    assert found[0].startswith("line 1, column 'indikatr': unknown column") and "did you mean 'indikator'?" in found[0]
    assert found[1].startswith("line 1, column 'farg': unknown column")
    assert found[2].startswith("line 1: missing required column (value 'indikator')")


def test_given_level_value_and_reason_must_agree_with_the_published_cell(tmp_path):
    text = ("enhet,niva,indikator,publicerat,varde,saknas\n"
            "Solna,lan,rutin_ekonomiskt_bistand,Ja,1,\n"
            "Solna,kommun,andel_behorighet,50%,0.05,\n"
            "Järfälla,kommun,andel_behorighet,x,,bortfall\n"
            "Sollentuna,kommun,andel_behorighet,50%,0.5,\n")
    found = problems(tmp_path, text)
    assert len(found) == 3
    assert found[0] == "line 2, column 'niva': the level does not match the unit (Solna is kommun) (value 'lan'); allowed: kommun"
    assert found[1].startswith("line 3, column 'varde': varde does not agree with publicerat ('50%')")
    assert found[2] == ("line 4, column 'saknas': saknas does not agree with publicerat ('x') (value 'bortfall'); "
                        "allowed: sekretess")


def test_an_empty_table_and_a_missing_file_are_named(tmp_path):
    assert problems(tmp_path, "enhet,indikator,publicerat\n") == ["no rows of indicators below the header"]
    with pytest.raises(DataError, match="file not found"):
        read_indicators(tmp_path / "saknas.csv", catalogue=CATALOGUE)


def test_an_excel_workbook_is_read_like_a_csv(tmp_path):
    frame = pd.read_csv(write(tmp_path, GOOD), dtype=str, keep_default_na=False)
    xlsx = tmp_path / "oj.xlsx"
    frame.to_excel(xlsx, index=False)
    pd.testing.assert_frame_equal(read_indicators(xlsx, catalogue=CATALOGUE),
                                  read_indicators(write(tmp_path, GOOD), catalogue=CATALOGUE))


def test_the_shipped_oj2015_table_reads_back_unchanged_with_the_real_catalogue(tmp_path):
    from webbkollen_lib import load_oppna_jamforelser

    shipped = load_oppna_jamforelser()
    path = tmp_path / "oj2015.csv"
    shipped[["enhet", "indikator", "publicerat"]].to_csv(path, index=False)
    back = read_indicators(path)  # the default catalogue: Öppna jämförelser 2015
    pd.testing.assert_series_equal(back["varde"], shipped["varde"].astype(float), check_names=False)
    assert back["saknas"].astype(object).where(back["saknas"].notna(), None).tolist() == \
        shipped["saknas"].astype(object).where(shipped["saknas"].notna(), None).tolist()
    assert back["niva"].astype(str).tolist() == shipped["niva"].astype(str).tolist()
