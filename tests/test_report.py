"""The per-municipality report: the right numbers, in plain Swedish, never a small count."""

import re

import pandas as pd
import pytest

from webbkollen_lib import load_cases
from webbkollen_lib.core.formatting import format_percent
from webbkollen_lib.reports.municipality import MunicipalityReport

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
    fig = block.figures[0]
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
