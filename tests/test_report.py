"""The per-municipality report: the right numbers, in plain Swedish, never a small count."""

import os
import re

import pandas as pd
import pytest

from webbkollen_lib import load_cases
from webbkollen_lib.analysis.descriptive import frequency_table
from webbkollen_lib.core.formatting import format_percent, text
from webbkollen_lib.io.registrations import write_registrations
from webbkollen_lib.present.tables import summary_table
from webbkollen_lib.reports.municipality import (
    BACKGROUND,
    GROUP_COLUMN,
    PROCESS,
    RESULT,
    MunicipalityReport,
    Participants,
    load_report,
)

CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)


@pytest.fixture(scope="module")
def cases():
    return load_cases()


@pytest.fixture(scope="module")
def largest(cases):
    return cases["kommun"].astype(str).value_counts().index[0]


def _share(frame, column, value):
    return (frame[column].astype(object) == value).sum() / len(frame)


def test_goal_sentence_gives_the_municipality_beside_all_participants(cases, largest):
    report = MunicipalityReport(cases, largest, 2017)
    own = cases[cases["kommun"] == largest]
    expected = (f"I {largest} avslutades {format_percent(_share(own, 'avslutsorsak', 'mal_uppnatt'))} av insatserna "
                f"med uppnått mål, jämfört med {format_percent(_share(cases, 'avslutsorsak', 'mal_uppnatt'))} "
                f"för alla deltagande kommuner.")
    assert report.result().sentence.startswith(expected)


def test_sentences_in_english(cases, largest):
    report = MunicipalityReport(cases, largest, 2017, lang="en")
    assert report.result().sentence.startswith(f"In {largest}, ")
    assert "compared with" in report.background().sentence
    assert report.header().title == f"Follow-up of interventions in {largest} 2017"


def _cells(html):
    return [re.sub(r"<[^>]+>", "", c).strip() for c in CELL.findall(html)]


def _counts_shown(html):
    """Every count a reader can see in a table cell: plain integers and the n of 'n (%)'."""
    counts = []
    for cell in _cells(html):
        match = re.fullmatch(r"(\d[\d\u00a0 ]*)(?: \(.*\))?", cell)
        if match:
            counts.append(int(re.sub(r"\D", "", match.group(1))))
    return counts


@pytest.mark.parametrize("min_cell", [5, 10])
def test_no_table_shows_a_small_count(cases, min_cell):
    for kommun in cases["kommun"].astype(str).unique():
        report = MunicipalityReport(cases, kommun, 2017, min_cell=min_cell)
        html = report._repr_html_()
        small = [c for c in _counts_shown(html) if 1 <= c < min_cell]
        assert small == [], (kommun, small)


def test_a_municipality_with_too_few_registrations_gets_only_a_notice(cases):
    sizes = cases["kommun"].astype(str).value_counts()
    kommun = sizes.index[-1]
    min_cell = sizes.iloc[-1] // 4 + 1  # the smallest municipality then has fewer than 4 x min_cell
    report = MunicipalityReport(cases, kommun, 2017, min_cell=min_cell)
    assert report.too_few
    html = report._repr_html_()
    assert "<table" not in html and "<img" not in html
    assert "för få registreringar" in html
    assert str(sizes.iloc[-1]) not in re.sub(r"<[^>]+>", " ", html).split()
    assert [b for b in (report.background(), report.process(), report.result(), report.data_quality(), report.caveats()) if b] == []


def test_figures_show_only_published_shares(cases, largest):
    report = MunicipalityReport(cases, largest, 2017, min_cell=30)
    block = report.background()
    table = block.tables[0][1]
    fig = block.figures[0].figure
    labels = [t.get_text() for ax in fig.axes for t in ax.texts]
    hidden_in_figure = labels.count("x")
    assert hidden_in_figure > 0  # with min_cell 30 some exposure shares must be withheld
    assert "x" in table.to_numpy().ravel().tolist()


def test_unknown_municipality_names_the_valid_ones(cases):
    with pytest.raises(ValueError, match="Umeå"):
        MunicipalityReport(cases, "Umea", 2017)
    with pytest.raises(ValueError, match="2017"):
        MunicipalityReport(cases, "Umeå", 2016)


def test_a_chosen_comparison_group(cases, largest):
    others = [k for k in cases["kommun"].astype(str).unique() if k != largest][:3]
    report = MunicipalityReport(cases, largest, 2017, jamforelse=others)
    assert ", ".join(others) in report.header().sentence
    comparison = cases[cases["kommun"].astype(str).isin(others)]
    expected = format_percent(_share(comparison, "avslutsorsak", "mal_uppnatt"))
    assert f"jämfört med {expected}" in report.result().sentence


def test_a_comparison_group_without_risk_pairs_gives_a_report_not_a_crash(cases, largest):
    """Comparing with itself (or with municipalities that assessed no risk twice) leaves no one to compare
    risk change with: the report still renders, with the municipality's own shares and empty others."""
    alone = MunicipalityReport(cases, largest, 2017, jamforelse=[largest])
    html = "".join(block._repr_html_() for block in alone.blocks() if block is not None)
    protected, (own_lower, comparison_lower) = alone._risk_change()
    own = cases[(cases["kommun"] == largest) & (cases["ar"] == 2017)]
    pairs = own.dropna(subset=["risk_beslut", "risk_avslut"])
    assert int(protected.counts.iloc[0, -1]) == len(pairs) and int(protected.counts.iloc[1, -1]) == 0
    assert own_lower == comparison_lower, "the comparison group is the municipality itself"
    assert f"jämförelsegruppen ({largest})" in html

    without = cases.copy()
    others = without["kommun"] != largest
    without.loc[others, "risk_avslut"] = None
    report = MunicipalityReport(without, largest, 2017)
    protected, (own_lower, comparison_lower) = report._risk_change()
    assert int(protected.counts.iloc[1, -1]) == 0
    assert "".join(block._repr_html_() for block in report.blocks() if block is not None)


def test_a_small_export_with_only_the_required_columns(cases, largest):
    small = cases[["kommun", "ar", "tillfalle", "kon", "alder", "aldersgrupp"]]
    report = MunicipalityReport(small, largest, 2017)
    background = report.background()
    assert "ursprung" in " ".join(background.notes)
    assert "finns inte i data" in report.result().sentence
    report._repr_html_()  # renders without the missing variables


def test_caveats_the_report_insists_on(cases, largest):
    notes = " ".join(MunicipalityReport(cases, largest, 2017).caveats().notes)
    assert "inte representativa" in notes and "inget unikt id" in notes and "tolkades olika" in notes


# -- the numbers every report of a year shares, counted once ------------------------------------------------

FIGURED = ["hem", "insats", "risk_avslut"]


def _published_by_counting(report, variable):
    """What MunicipalityReport._published gave when it counted its own data (frequency_table)."""
    freq = frequency_table(report.data, variable, by=GROUP_COLUMN, lang=report.lang, ci=None, dropna=False,
                           overall=True, min_cell=report.min_cell)
    freq = freq[freq["category"].notna()]
    own = freq[freq["group"] == report.kommun]
    other = freq[freq["group"] != report.kommun]
    if report.own_in_comparison:
        comp = other[other["group_label"] == text("overall", report.lang)]
    else:
        comp = other[other["group"] == report.t["others"]]
    columns = {}
    for name, part in (("own", own), ("comparison", comp)):
        part = part.set_index("label")
        columns[f"share_{name}"] = part["share"].astype(float)
        columns[f"n_{name}"] = part["n"]
        columns[f"denominator_{name}"] = part["denominator"]
    table = pd.DataFrame(columns)
    table["category"] = own.set_index("label")["category"]
    series = [("own", report._series_label(report.kommun, own["n_total"].iloc[0])),
              ("comparison", report._series_label(report.comparison_label, comp["n_total"].iloc[0]))]
    return table, series


@pytest.mark.parametrize("min_cell", [3, 10])
def test_numbers_summed_from_the_participants_are_those_of_the_reports_own_data(cases, min_cell):
    """A report sums its counts from the year's per-municipality counts (Participants, counted once per year
    and data file): tables, sentences and figures must get exactly what counting the report's own data gives,
    for the default comparison group and for chosen ones, with and without the municipality itself."""
    names = cases.loc[cases["ar"] == 2017, "kommun"].astype(str).value_counts().index.tolist()  # largest first
    shared = Participants(cases, 2017)
    chosen = [(kommun, None) for kommun in names[:2] + names[-2:]]  # the largest and the smallest
    chosen += [(names[0], names[3:5]), (names[1], [names[1]] + names[5:7])]
    for kommun, jamforelse in chosen:
        report = MunicipalityReport(cases, kommun, 2017, min_cell=min_cell, jamforelse=jamforelse,
                                    participants=shared)
        variables = [v for v in BACKGROUND + PROCESS + RESULT + FIGURED if report._has(v)]
        for variable in variables:
            table, series = report._published(variable)
            expected_table, expected_series = _published_by_counting(report, variable)
            pd.testing.assert_frame_equal(table, expected_table)
            assert series == expected_series
        for block in (BACKGROUND, PROCESS, RESULT):
            present = [v for v in block if report._has(v)]
            by_counting = summary_table(report.data, present, by=GROUP_COLUMN, lang=report.lang,
                                        min_cell=min_cell, overall="last")
            summed = summary_table(report.data, present, by=GROUP_COLUMN, lang=report.lang, min_cell=min_cell,
                                   overall="last", precomputed={v: report._counts(v) for v in present})
            pd.testing.assert_frame_equal(summed, by_counting)
            assert summed.attrs == by_counting.attrs


def test_load_report_counts_a_file_once_and_again_when_it_changes(tmp_path, cases):
    path = tmp_path / "registreringar.csv"
    write_registrations(cases, path)
    kommun = sorted(cases["kommun"].astype(str).unique())[0]
    first, second = load_report(str(path), kommun, 2017), load_report(str(path), kommun, 2017)
    assert first._participants is second._participants, "one count per file and year"
    assert first.data is not second.data, "each report its own copy of the registrations"
    changed = cases[cases["kommun"].astype(str) != sorted(cases["kommun"].astype(str).unique())[-1]]
    write_registrations(changed, path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    third = load_report(str(path), kommun, 2017)
    assert third._participants is not first._participants
    assert third.n_comparison < first.n_comparison
