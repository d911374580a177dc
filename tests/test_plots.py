"""The report's figures: what they draw, their labels (codebook, sv/en), the style, and a non-blank PNG."""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from webbkollen_lib import apply_dtypes, get_codebook  # noqa: E402
from webbkollen_lib import plots  # noqa: E402
from webbkollen_lib.plots.style import PAIR, group_styles, luminance, sequential, style_context  # noqa: E402

NBSP = "\u00a0"
RISK = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]


def pct(text):
    """Swedish percent text with a no-break space, written with an ordinary one in the tests."""
    return text.replace(" ", NBSP)


@pytest.fixture
def data():
    # 8 closure registrations: Umeå 4, Södermalm 4
    return apply_dtypes(pd.DataFrame({
        "kommun": ["Umeå"] * 4 + ["Södermalm"] * 4,
        "ar": [2017] * 8,
        "tillfalle": ["avslut"] * 8,
        "kon": ["flicka", "pojke", "flicka", "pojke", "flicka", "pojke", "pojke", "flicka"],
        "alder": [3, 8, 14, 15, 10, 12, 16, 5],
        "ursprung": ["sverige", "sverige", "utlandet", "utlandet", "sverige", "sverige", None, "sverige"],
        "risk_beslut": ["hog", "hog", "nagot_forhojd", "mycket_hog", "ingen_lag", "hog", "nagot_forhojd", None],
        "risk_avslut": ["nagot_forhojd", "hog", "ingen_lag", "mycket_hog", "ingen_lag", "ingen_lag", "nagot_forhojd", "hog"],
        "hem_bristande_omsorg": [True, False, True, True, False, True, False, True],
        "hem_fysiskt_vald": [False, False, True, False, False, True, False, False],
        "hem_familjekonflikt": [True, True, False, False, True, True, True, None],
        "vh_missbruk": [True, True, True, False, False, True, False, None],
        "barn_skola": [True, True, True, True, True, False, False, None],
        "samtal_enskilt_beslut": [True, True, False, True, True, False, True, True],
    }))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def legend_texts(fig):
    legend = fig.legends[0] if fig.legends else fig.axes[0].get_legend()
    return [t.get_text() for t in legend.get_texts()]


def title(ax):
    return ax.get_title(loc="left")  # titles sit on the left, like the report's figure headings


def bar_label_texts(ax):
    return [t.get_text() for t in ax.texts]


def bar_widths(ax, horizontal):
    return [round(p.get_width() if horizontal else p.get_height(), 9) for p in ax.patches]


def png_is_not_blank(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    buffer.seek(0)
    image = mpimg.imread(buffer)[..., :3]
    ink = (image.mean(axis=2) < 0.9).mean()  # share of pixels clearly darker than white
    return image.std() > 0.05 and ink > 0.02


# --- the portal view -------------------------------------------------------------------


def test_municipality_vs_all_bars_labels_and_n(data):
    cb = get_codebook()
    fig = plots.plot_municipality_vs_all(data, "risk_beslut", "Umeå")
    ax = fig.axes[0]
    assert isinstance(fig, Figure)
    assert len(ax.patches) == 8  # 4 levels x (municipality, all)
    # Umeå: hog 2, nagot_forhojd 1, mycket_hog 1 of 4; all: 1, 2, 3, 1 of 7 answered
    widths = bar_widths(ax, horizontal=True)
    assert widths[:4] == pytest.approx([0, 25, 50, 25])
    assert widths[4:] == pytest.approx([100 / 7, 200 / 7, 300 / 7, 100 / 7])
    assert [t.get_text() for t in ax.get_yticklabels()] == list(cb.value_labels("risk_beslut", "sv").values())
    assert legend_texts(fig) == ["Umeå (n = 4)", "Alla deltagare (n = 7)"]
    assert pct("50 %") in bar_label_texts(ax) and pct("43 %") in bar_label_texts(ax)
    assert title(ax) == cb.label("risk_beslut", "sv")
    assert ax.get_xlabel() == "Andel (%)"
    assert png_is_not_blank(fig)


def test_municipality_vs_all_in_english(data):
    cb = get_codebook()
    fig = plots.plot_municipality_vs_all(data, "risk_beslut", "Umeå", lang="en")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(cb.value_labels("risk_beslut", "en").values())
    assert legend_texts(fig) == ["Umeå (n = 4)", "All participants (n = 7)"]
    assert "50%" in bar_label_texts(ax)
    assert title(ax) == cb.label("risk_beslut", "en") and ax.get_xlabel() == "Share (%)"


def test_municipality_vs_all_multiselect_group_and_yes_no(data):
    cb = get_codebook()
    fig = plots.plot_municipality_vs_all(data, "hem", "Södermalm")
    ax = fig.axes[0]
    assert len(ax.patches) == 2 * 3  # the three hem_ options the data has
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == [cb["hem"].code(c).label("sv") for c in ("bristande_omsorg", "fysiskt_vald", "familjekonflikt")]
    # Södermalm: all 4 answered the group; bristande omsorg 2 of 4
    assert bar_widths(ax, True)[0] == pytest.approx(50)
    assert title(ax) == cb["hem"].label("sv")
    fig = plots.plot_municipality_vs_all(data, "samtal_enskilt_beslut", "Umeå")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Ja", "Nej"]
    assert bar_widths(fig.axes[0], True)[:2] == pytest.approx([75, 25])


def test_municipality_vs_all_errors(data):
    with pytest.raises(ValueError, match="Kiruna"):
        plots.plot_municipality_vs_all(data, "risk_beslut", "Kiruna")
    with pytest.raises(KeyError, match="avslutsorsak"):
        plots.plot_municipality_vs_all(data, "avslutsorsak", "Umeå")
    with pytest.raises(ValueError, match="lang"):
        plots.plot_municipality_vs_all(data, "risk_beslut", "Umeå", lang="de")


# --- Figure 6 -----------------------------------------------------------------------------


def test_risk_decision_closure(data):
    cb = get_codebook()
    fig = plots.plot_risk_decision_closure(data)
    ax = fig.axes[0]
    assert len(ax.patches) == 8
    # decision: 1, 2, 3, 1 of 7; closure: 3, 2, 2, 1 of 8
    heights = bar_widths(ax, horizontal=False)
    assert heights[:4] == pytest.approx([100 / 7, 200 / 7, 300 / 7, 100 / 7])
    assert heights[4:] == pytest.approx([37.5, 25, 25, 12.5])
    assert [t.get_text() for t in ax.get_xticklabels()] == list(cb.value_labels("risk_beslut", "sv").values())
    assert legend_texts(fig) == ["Beslut om insats (n = 7)", "Avslut av insats (n = 8)"]
    assert pct("38 %") in bar_label_texts(ax)  # 37.5 rounds half up
    assert title(ax) == cb["risk"].label("sv") and ax.get_ylabel() == "Andel (%)"
    en = plots.plot_risk_decision_closure(data, lang="en")
    assert legend_texts(en) == ["Decision on intervention (n = 7)", "Closure of intervention (n = 8)"]
    assert en.axes[0].get_ylabel() == "Share (%)"
    assert png_is_not_blank(fig)


def test_risk_decision_closure_paired_uses_only_pairs(data):
    fig = plots.plot_risk_decision_closure(data, paired=True)
    assert legend_texts(fig) == ["Beslut om insats (n = 7)", "Avslut av insats (n = 7)"]


def test_second_series_is_lighter_and_hatched(data):
    ax = plots.plot_risk_decision_closure(data).axes[0]
    first, second = ax.patches[0], ax.patches[4]
    assert first.get_hatch() in (None, "") and second.get_hatch()
    assert luminance(second.get_facecolor()) - luminance(first.get_facecolor()) > 0.3


# --- Figure 7 -----------------------------------------------------------------------------


def test_exposure_by_sex_origin(data):
    cb = get_codebook()
    fig = plots.plot_exposure_by_sex_origin(data)
    ax = fig.axes[0]
    columns = ["hem_bristande_omsorg", "hem_fysiskt_vald", "hem_familjekonflikt"]
    assert len(ax.patches) == 4 * len(columns)
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == [cb["hem"].code(c[4:]).label("sv") for c in columns]
    # sverige_flicka: rows 0, 4, 7 -> bristande omsorg True, False, True
    assert bar_widths(ax, True)[0] == pytest.approx(200 / 3)
    # ... familjekonflikt answered only by rows 0 and 4 -> 2 of 2
    assert bar_widths(ax, True)[2] == pytest.approx(100)
    assert legend_texts(fig) == [
        "Svenskfödd flicka (n = 3)", "Svenskfödd pojke (n = 2)",
        "Utlandsfödd flicka (n = 1)", "Utlandsfödd pojke (n = 1)",
    ]
    assert title(ax) == cb["hem"].label("sv")
    en = plots.plot_exposure_by_sex_origin(data, columns=["hem_fysiskt_vald", "vh_missbruk", "barn_skola"], lang="en")
    assert len(en.axes[0].patches) == 12
    assert title(en.axes[0]) == "Identified exposure"
    assert legend_texts(en)[0] == "Girl born in Sweden (n = 3)"
    assert png_is_not_blank(fig)


def test_four_groups_differ_in_lightness_and_neighbours_in_hatch():
    styles = group_styles(4)
    lum = [luminance(s["color"]) for s in styles]
    assert all(b - a > 0.08 for a, b in zip(lum, lum[1:]))  # dark -> light, clear steps
    hatches = [s["hatch"] for s in styles]
    assert all(h1 != h2 for h1, h2 in zip(hatches, hatches[1:]))


# --- Figure 8 -----------------------------------------------------------------------------


def test_transition_heatmap_annotations_and_labels(data):
    cb = get_codebook()
    fig = plots.plot_transition_heatmap(data)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 16
    # row "hög" (3 pairs): 1 -> ingen/låg, 1 -> något förhöjd, 1 -> hög
    row_hog = texts[8:12]
    assert row_hog == [pct("33 %") + "\n(1)"] * 3 + [pct("0 %") + "\n(0)"]
    assert texts[0] == pct("100 %") + "\n(1)"
    ylabels = [t.get_text() for t in ax.get_yticklabels()]
    assert ylabels[2] == "Hög risk\n(n = 3)"
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == list(cb.value_labels("risk_avslut", "sv").values())
    assert ax.get_ylabel() == "Beslut om insats" and ax.get_xlabel() == "Avslut av insats"
    assert title(ax) == cb["risk"].label("sv")
    en = plots.plot_transition_heatmap(data, lang="en").axes[0]
    assert en.get_xlabel() == "Closure of intervention"
    assert en.texts[8].get_text() == "33%\n(1)"
    assert png_is_not_blank(fig)


def test_transition_heatmap_empty_row_and_all_missing():
    only_high = apply_dtypes(pd.DataFrame({"risk_beslut": ["hog", "hog"], "risk_avslut": ["hog", "ingen_lag"]}))
    texts = [t.get_text() for t in plots.plot_transition_heatmap(only_high).axes[0].texts]
    assert texts[:4] == ["–"] * 4 and texts[8] == pct("50 %") + "\n(1)"
    empty = apply_dtypes(pd.DataFrame({"risk_beslut": [None, "hog"], "risk_avslut": ["hog", None]}))
    fig = plots.plot_transition_heatmap(empty)
    assert [t.get_text() for t in fig.axes[0].texts] == ["–"] * 16


# --- Table 2 ------------------------------------------------------------------------------


def test_exposure_count_by_risk_stacked(data):
    fig = plots.plot_exposure_count_by_risk(data)
    ax = fig.axes[0]
    assert len(ax.patches) == 3 * 4  # bins x risk levels
    # exposure counts (ticked hem_, vh_, barn_ options): 4, 3, 4, 2, 2, 4, 1, 1; the last has no decision risk
    # ingen_lag: [2] -> 0-2; nagot_forhojd: [4, 1] -> one 3-5, one 0-2; hog: [4, 3, 4] -> 3-5; mycket_hog: [2] -> 0-2
    heights = np.array(bar_widths(ax, horizontal=False)).reshape(3, 4)
    np.testing.assert_allclose(heights, [[100, 50, 0, 100], [0, 50, 100, 0], [0, 0, 0, 0]])
    assert [t.get_text() for t in ax.get_xticklabels()][2] == "Hög risk\n(n = 3)"
    assert legend_texts(fig) == ["0–2", "3–5", "6 eller fler"]
    legend = fig.legends[0]
    assert legend.get_title().get_text() == "Antal identifierade utsatthetsformer"
    assert ax.get_ylabel() == "Andel (%)"
    en = plots.plot_exposure_count_by_risk(data, lang="en")
    assert legend_texts(en)[-1] == "6 or more"
    assert png_is_not_blank(fig)


def test_exposure_count_by_risk_grouped_and_bins(data):
    fig = plots.plot_exposure_count_by_risk(data, kind="grouped", bins=((0, 2), (3, None)))
    assert len(fig.axes[0].patches) == 2 * 4
    assert legend_texts(fig) == ["0–2", "3 eller fler"]
    # grouped: bars are the same shares as the stacked segments
    assert bar_widths(fig.axes[0], horizontal=False) == pytest.approx([100, 50, 0, 100, 0, 50, 100, 0])
    with pytest.raises(ValueError, match="bins"):
        plots.plot_exposure_count_by_risk(data, bins=((0, 2), (4, None)))
    with pytest.raises(ValueError, match="kind"):
        plots.plot_exposure_count_by_risk(data, kind="pie")


# --- style and state ----------------------------------------------------------------------


def test_plots_leave_global_matplotlib_settings_alone(data):
    before = dict(matplotlib.rcParams)
    plots.plot_transition_heatmap(data)
    plots.plot_municipality_vs_all(data, "risk_beslut", "Umeå")
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()
    with style_context():
        assert matplotlib.rcParams["font.sans-serif"] == ["DejaVu Sans"]
    assert matplotlib.rcParams["font.sans-serif"] == before["font.sans-serif"]


def test_draws_into_a_given_axes(data):
    fig, axes = plt.subplots(1, 2)
    returned = plots.plot_risk_decision_closure(data, ax=axes[1])
    assert returned is fig and len(axes[1].patches) == 8 and len(axes[0].patches) == 0
    assert axes[1].get_legend() is not None


def test_sequential_palette_gets_darker_in_even_steps():
    lum = [luminance(c) for c in sequential(4)]
    steps = np.diff(lum)
    assert (steps < -0.08).all()
    assert luminance(PAIR[1]) - luminance(PAIR[0]) > 0.3


def test_figures_use_dejavu_sans(data):
    fig = plots.plot_risk_decision_closure(data)
    fig.canvas.draw()
    assert fig.axes[0].title.get_fontname() == "DejaVu Sans"


def test_smoke_on_the_shipped_synthetic_data():
    from webbkollen_lib import load_cases

    cases = load_cases()  # `make test` makes the data first
    kommun = str(cases["kommun"].dropna().iloc[0])
    for fig in (
        plots.plot_municipality_vs_all(cases, "risk_beslut", kommun),
        plots.plot_risk_decision_closure(cases),
        plots.plot_exposure_by_sex_origin(cases),
        plots.plot_transition_heatmap(cases),
        plots.plot_exposure_count_by_risk(cases),
    ):
        assert len(fig.axes[0].patches) + len(fig.axes[0].collections) > 0
