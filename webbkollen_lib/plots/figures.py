"""The report's figures, each a function that returns a matplotlib Figure.

=====================================  ==========================================
:func:`plot_municipality_vs_all`       the portal view: one municipality's shares
                                       beside all participants'
:func:`plot_risk_decision_closure`     Figure 6: risk at decision and at closure
:func:`plot_exposure_by_sex_origin`    Figure 7: exposure by sex × origin
:func:`plot_transition_heatmap`        Figure 8: from risk at decision to risk at
                                       closure, row shares with counts
:func:`plot_exposure_count_by_risk`    Table 2: number of exposure forms by risk
=====================================  ==========================================

Every function takes a registrations frame in the data-contract form, so it
runs the same on the synthetic data and on a municipality's export; every
text a reader sees comes from the codebook (Swedish by default,
``lang="en"`` for English) or, for the few words the codebook has no place
for, from :mod:`webbkollen_lib.core.formatting`. Percentages are written the
Swedish way ("48 %", decimal comma) unless ``lang="en"``.

Pass ``ax=`` to draw into an existing Axes (the Figure returned is then
``ax.figure``); otherwise a new Figure is made, not registered with pyplot,
so nothing global changes. The look (:mod:`webbkollen_lib.plots.style`) is applied
only while drawing.

These functions draw what they are given: counts of 1–4 are shown as they
are. For a report that leaves the building, protect the numbers first (see
:mod:`webbkollen_lib.disclosure`).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from webbkollen_lib.analysis.change import paired_codes, pairing_scope, transition_table
from webbkollen_lib.analysis.variables import code_scale
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.codebook import get_codebook
from webbkollen_lib.core.errors import MissingColumnError, require_columns, require_frame
from webbkollen_lib.systems.webbkollen.derived import SEX_ORIGIN_LABELS, SEX_ORIGIN_ORDER, sex_origin
from webbkollen_lib.analysis.exposure_risk import DEFAULT_BINS, exposure_by_risk
from webbkollen_lib.disclosure import SUPPRESSED
from webbkollen_lib.core.formatting import MISSING_TEXT, format_count, format_percent, text
from webbkollen_lib.core.labels import LANGS, check_lang
from webbkollen_lib.plots.style import EDGE, group_styles, sequential, sequential_cmap, style_context, text_colour_on

__all__ = [
    "plot_municipality_vs_all",
    "plot_risk_decision_closure",
    "plot_exposure_by_sex_origin",
    "plot_transition_heatmap",
    "plot_exposure_count_by_risk",
    "plot_published_shares",
    "published_shares_alt",
    "published_shares_table",
    "PLOT_TEXT",
]

#: Figure words the codebook has no place for: {lang: {name: text}} (the label catalogue's ``plot`` group).
PLOT_TEXT = {
    lang: {**catalogue.labels("plot", lang), "fig_hidden": catalogue.text("plot.fig_hidden", lang, symbol=SUPPRESSED)}
    for lang in LANGS
}

_OCCASION_SUFFIXES = ("_beslut", "_uppfoljning", "_avslut")


# ---------------------------------------------------------------------------
# the figures
# ---------------------------------------------------------------------------


def plot_municipality_vs_all(
    data: pd.DataFrame,
    variable: str,
    kommun: str,
    *,
    lang: str = "sv",
    ax=None,
) -> Figure:
    """One municipality's distribution of a variable beside all participants' (the portal view).

    Parameters
    ----------
    data : DataFrame
        Registrations of all participating municipalities (``kommun`` needed).
    variable : str
        A single-choice or scale column (``risk_beslut``, ``avslutsorsak``),
        a yes/no column (``samtal_enskilt_beslut``, ``hem_fysiskt_vald``), or
        a multi-select group (``hem``, ``samverkan``: one bar per option, a
        share of the registrations that answered the group).
    kommun : str
        The municipality, as named in ``kommun``.

    Returns
    -------
    Figure
        Horizontal bars, one pair per category: the municipality (dark) and
        all participants including it (light, hatched); the legend gives
        each series' n, every bar its percentage. Registrations without an
        answer are left out of the shares.
    """
    check_lang(lang)
    _require(data, ["kommun"])
    present = pd.unique(data["kommun"].dropna().astype(str))
    if kommun not in present:
        raise ValueError(
            f"no registrations from kommun {kommun!r}; the data has: {', '.join(sorted(present)) or 'none'}"
        )
    local = data.loc[(data["kommun"].astype(object) == kommun).to_numpy()]
    shares_local, n_local, labels, title = _distribution(local, variable, lang)
    shares_all, n_all, _, _ = _distribution(data, variable, lang)
    table = pd.DataFrame({"local": shares_local, "all": shares_all}) * 100
    series = [
        text("n_label", lang, label=kommun, n=format_count(n_local, lang)),
        text("n_label", lang, label=PLOT_TEXT[lang]["all"], n=format_count(n_all, lang)),
    ]
    with style_context():
        fig, ax = _axes(ax, (7.5, 1.2 + 0.55 * len(table)))
        _grouped_bars(ax, table, [_wrap(labels[c]) for c in table.index], series, lang, horizontal=True)
        ax.set_title(title, loc="left")
        ax.set_xlabel(PLOT_TEXT[lang]["share"])
        _legend(ax, ncols=2)
    return fig


def plot_risk_decision_closure(
    data: pd.DataFrame,
    before: str = "risk_beslut",
    after: str = "risk_avslut",
    *,
    paired: bool = False,
    lang: str = "sv",
    ax=None,
) -> Figure:
    """Share at each risk level at the decision and at closure (Figure 6).

    Looks at the registrations on which both can be recorded (closure
    registrations for ``risk_avslut``). By default each occasion's shares
    are of the registrations with a risk recorded on that occasion, as in
    the report; ``paired=True`` uses only registrations with both.

    Returns
    -------
    Figure
        Two bars per level: decision (dark), closure (light, hatched); the
        legend names the occasions (codebook) with their n.
    """
    check_lang(lang)
    cats = code_scale(data, before)["categories"]
    if paired:
        pairs, _, _ = paired_codes(data, before, after, drop_unknown=False)
        first, second = pairs[before], pairs[after]
    else:
        frame = data.loc[pairing_scope(data, before, after)]
        first, second = frame[before], frame[after]
    table = pd.DataFrame({before: _shares(first, cats), after: _shares(second, cats)}) * 100
    series = [
        text("n_label", lang, label=_occasion_label(c, lang), n=format_count(int(s.notna().sum()), lang))
        for c, s in ((before, first), (after, second))
    ]
    labels = _value_labels(before, lang)
    with style_context():
        fig, ax = _axes(ax, (7.5, 4.2))
        _grouped_bars(ax, table, [labels.get(c, str(c)) for c in cats], series, lang, horizontal=False)
        ax.set_title(_base_label(before, lang), loc="left")
        ax.set_ylabel(PLOT_TEXT[lang]["share"])
        _legend(ax, ncols=2)
    return fig


def plot_exposure_by_sex_origin(
    data: pd.DataFrame,
    columns: list[str] | None = None,
    *,
    lang: str = "sv",
    ax=None,
) -> Figure:
    """Share with each form of identified exposure, by sex and origin (Figure 7).

    Parameters
    ----------
    columns : list of str, optional
        Exposure columns (``hem_*``, ``vh_*``, ``barn_*``). Default: the
        options of the home environment (``hem_*``, the "none" answer
        excluded) that the data has, as in the report's figure.

    Returns
    -------
    Figure
        Horizontal bars, one per exposure form and group (the four groups of
        :func:`webbkollen_lib.systems.webbkollen.derived.sex_origin`; registrations whose origin
        is unknown are left out). A share is of the group's registrations
        with that column answered; the legend gives each group's n.
    """
    check_lang(lang)
    cb = get_codebook()
    if columns is None:
        columns = [c for c in cb["hem"].option_columns if c in data.columns]
        if not columns:
            raise MissingColumnError("the data has no hem_* columns; pass columns= with the exposure columns to show", "hem_*")
    _require(data, list(columns))
    groups = sex_origin(data)
    shares, ns = {}, {}
    for g in SEX_ORIGIN_ORDER:
        member = (groups == g).fillna(False).to_numpy()
        block = data.loc[member, list(columns)].astype("boolean")
        answered = block.notna().sum(axis=0)
        shares[g] = block.fillna(False).sum(axis=0) / answered.replace(0, np.nan)
        ns[g] = int(block.notna().any(axis=1).sum())
    table = pd.DataFrame(shares) * 100
    prefixes = {cb.variable_of(c).id for c in columns}
    if len(prefixes) == 1:
        var = cb.variable_of(columns[0])
        labels = [_wrap(var.code(cb.option_of(c)).label(lang)) for c in columns]
        title = var.label(lang)
    else:
        labels = [_wrap(cb.label(c, lang), 40) for c in columns]
        title = PLOT_TEXT[lang]["exposure"]
    series = [
        text("n_label", lang, label=SEX_ORIGIN_LABELS[lang][g], n=format_count(ns[g], lang)) for g in SEX_ORIGIN_ORDER
    ]
    with style_context():
        fig, ax = _axes(ax, (7.5, 1.4 + 0.75 * len(columns)))
        _grouped_bars(ax, table, labels, series, lang, horizontal=True, value_labels=len(columns) <= 12)
        ax.set_title(title, loc="left")
        ax.set_xlabel(PLOT_TEXT[lang]["share"])
        _legend(ax, ncols=2)
    return fig


def plot_transition_heatmap(
    data: pd.DataFrame,
    before: str = "risk_beslut",
    after: str = "risk_avslut",
    *,
    drop_unknown: bool = True,
    lang: str = "sv",
    ax=None,
) -> Figure:
    """Heat map of the change from the decision to closure: row shares, counts annotated (Figure 8).

    Each row is a level at the decision; a cell is the share of that row at
    each level at closure, annotated "65 %" over the count "(13)". Rows are
    labelled with their n; an empty row is left white and annotated "–".
    Based on :func:`webbkollen_lib.analysis.change.transition_table`, so the same
    registrations are used and excluded.
    """
    check_lang(lang)
    counts = transition_table(data, before, after, drop_unknown=drop_unknown)
    shares = transition_table(data, before, after, normalize="index", drop_unknown=drop_unknown) * 100
    row_n = counts.sum(axis=1)
    annot = np.empty(counts.shape, dtype=object)
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            s = shares.iat[i, j]
            annot[i, j] = "–" if np.isnan(s) else f"{format_percent(s / 100, lang=lang)}\n({format_count(counts.iat[i, j], lang)})"
    labels_b, labels_a = _value_labels(before, lang), _value_labels(after, lang)
    ylabels = [_with_n(labels_b.get(c, str(c)), int(row_n[c]), lang, width=24) for c in counts.index]
    xlabels = [_wrap(labels_a.get(c, str(c)), 16) for c in counts.columns]
    k = counts.shape[0]
    with style_context():
        fig, ax = _axes(ax, (2.6 + 1.5 * k, 1.4 + 0.85 * k))
        sns.heatmap(
            shares.fillna(0),  # an empty row is white (0) and annotated "–"; seaborn skips NaN cells
            ax=ax,
            annot=annot,
            fmt="",
            cmap=sequential_cmap(),
            vmin=0,
            vmax=100,
            linewidths=0.8,
            linecolor="0.85",
            cbar_kws={"label": PLOT_TEXT[lang]["share_of_row"], "format": FuncFormatter(_percent_tick(lang))},
            xticklabels=xlabels,
            yticklabels=ylabels,
            annot_kws={"fontsize": 9},
        )
        ax.tick_params(axis="both", length=0)
        ax.set_yticklabels(ylabels, rotation=0)
        ax.set_xticklabels(xlabels, rotation=0)
        ax.set_ylabel(_occasion_label(before, lang))
        ax.set_xlabel(_occasion_label(after, lang))
        ax.set_title(_base_label(before, lang), loc="left")
    return fig


def plot_exposure_count_by_risk(
    data: pd.DataFrame,
    risk: str = "risk_beslut",
    *,
    bins=DEFAULT_BINS,
    kind: str = "stacked",
    lang: str = "sv",
    ax=None,
) -> Figure:
    """Number of identified exposure forms at each risk level (Table 2 as a bar chart).

    The table is :func:`webbkollen_lib.analysis.exposure_risk.exposure_by_risk`: the
    number of ticked exposure options per registration
    (:func:`webbkollen_lib.systems.webbkollen.derived.exposure_count`) in ``bins`` ((low, high)
    pairs, high None for "or more"; default 0–2, 3–5, 6 or more as in
    Table 2), as shares within each risk level. The report used the closed
    interventions; filter ``data[data["tillfalle"] == "avslut"]`` to do the
    same.

    Parameters
    ----------
    kind : {"stacked", "grouped"}
        Stacked bars summing to 100 % per level (light = few, dark = many)
        or grouped bars.

    Returns
    -------
    Figure
        x: risk levels with their n; one bar segment (stacked) or bar
        (grouped) per bin, labelled with its percentage.
    """
    check_lang(lang)
    if kind not in ("stacked", "grouped"):
        raise ValueError(f"kind must be 'stacked' or 'grouped', not {kind!r}")
    _require(data, [risk])
    counts = exposure_by_risk(data, bins, risk=risk, lang=lang).counts
    table = counts.drop(index="total", columns="total", errors="ignore").astype("int64")
    bin_labels = [str(b) for b in table.index]
    n = table.sum(axis=0)
    shares = table.div(n.replace(0, np.nan), axis=1) * 100
    labels = _value_labels(risk, lang)
    xlabels = [_with_n(labels.get(c, str(c)), int(n[c]), lang, width=20) for c in table.columns]
    with style_context():
        fig, ax = _axes(ax, (7.5, 4.4))
        if kind == "grouped":
            _grouped_bars(ax, shares.T, xlabels, bin_labels, lang, horizontal=False, palette="sequential")
        else:
            _stacked_bars(ax, shares.T, xlabels, bin_labels, lang)
        ax.set_title(_column_label(risk, lang), loc="left")
        ax.set_ylabel(PLOT_TEXT[lang]["share"])
        _legend(ax, ncols=len(bin_labels), title=text("exposure_count", lang))
    return fig


# ---------------------------------------------------------------------------
# tables behind the figures
# ---------------------------------------------------------------------------


def _distribution(frame: pd.DataFrame, variable: str, lang: str):
    """(shares by category, n, labels by category, title) of one variable."""
    cb = get_codebook()
    if variable in cb and cb[variable].is_multi:
        var = cb[variable]
        columns = [c for c in var.columns if c in frame.columns]
        if not columns:
            raise MissingColumnError(f"the data has no {var.prefix}* columns, needed for {variable!r}", f"{var.prefix}*")
        block = frame[columns].astype("boolean")
        answered = block.notna().any(axis=1)
        n = int(answered.sum())
        yes = block[answered.to_numpy()].fillna(False).sum(axis=0)
        shares = yes / n if n else yes * np.nan
        labels = {c: var.code(cb.option_of(c)).label(lang) for c in columns}
        return shares.astype(float), n, labels, var.label(lang)
    spec = code_scale(frame, variable)
    values = frame[variable]
    shares = _shares(values, spec["categories"])
    labels = cb.value_labels(variable, lang) if _in_codebook(variable) else {c: str(c) for c in spec["categories"]}
    title = cb.label(variable, lang) if _in_codebook(variable) else variable
    return shares, int(values.notna().sum()), labels, title


def _shares(values: pd.Series, categories: list) -> pd.Series:
    vals = values.astype(object).where(values.notna(), None).dropna()
    counts = pd.Series([int((vals == c).sum()) for c in categories], index=pd.Index(categories, dtype=object))
    n = len(vals)
    return counts / n if n else counts * np.nan


def plot_published_shares(shares: pd.DataFrame, series: list, *, title: str = "", lang: str = "sv") -> Figure:
    """Bars of shares that have been through disclosure control; a hidden share gets no bar and ``x``.

    Parameters
    ----------
    shares : DataFrame
        Index: the category labels to show. For each ``(name, label)`` in
        ``series`` three columns: ``share_<name>`` (0–1, NaN where not
        published), ``n_<name>`` and ``denominator_<name>`` (the published
        count and denominator, <NA> where hidden). A NaN share whose count or
        denominator is hidden is marked with the disclosure symbol; one that is
        undefined (nobody answered) with "–".
    series : list of (name, label)
        The series in legend order, e.g. the municipality and all participants;
        the label carries the n behind it.

    The figure never shows more than the protected table beside it. Margins
    are set by hand (constrained layout would triple the time of an
    interactive update in the explorer).
    """
    check_lang(lang)
    legend = series
    words = PLOT_TEXT[lang]
    k, m = len(shares), len(legend)
    styles = group_styles(m)
    width = 0.8 / m
    positions = np.arange(k)
    ticklabels = [textwrap.fill(str(x), 30, break_long_words=False) for x in shares.index]
    title = textwrap.fill(title, 75)
    # Margins are set by hand (inches): constrained layout measures every
    # text twice and would triple the time of an update.
    longest = max((len(line) for label in ticklabels for line in label.split("\n")), default=10)
    left = 0.25 + 0.066 * longest
    top = 0.35 + 0.2 * title.count("\n")
    # a share is hidden when it is NaN although its count or denominator was not (only) zero
    hidden_any = any(
        (shares[f"share_{name}"].isna() & (shares[f"n_{name}"].isna() | shares[f"denominator_{name}"].isna())).any()
        for name, _ in legend
    )
    note = 0.25 if hidden_any else 0.0
    bottom = 0.95 + note
    body = 0.24 * k * (m + 0.4) + 0.2
    fig_w, fig_h = 7.5, top + body + bottom
    with style_context():
        fig = Figure(figsize=(fig_w, fig_h))
        fig.subplots_adjust(left=left / fig_w, right=1 - 0.2 / fig_w, top=1 - top / fig_h, bottom=bottom / fig_h)
        ax = fig.add_subplot()
        for j, (name, label) in enumerate(legend):
            values = shares[f"share_{name}"].to_numpy(dtype=float) * 100
            counts = shares[f"n_{name}"]
            denominators = shares[f"denominator_{name}"]
            offset = (j - (m - 1) / 2) * width
            bars = ax.barh(positions + offset, np.nan_to_num(values, nan=0.0), width * 0.92,
                           color=styles[j]["color"], label=label, edgecolor=EDGE, hatch=styles[j]["hatch"] or None)
            if styles[j]["hatch"]:
                for patch in bars.patches:
                    if hasattr(patch, "set_hatchcolor"):  # matplotlib >= 3.10
                        patch.set_hatchcolor(styles[j]["hatchcolor"])
            texts = []
            for v, c, d in zip(values, counts, denominators):
                if np.isfinite(v):
                    texts.append(format_percent(v / 100, lang=lang))
                elif pd.isna(c) or pd.isna(d):
                    texts.append(SUPPRESSED)
                else:  # nobody answered: a share does not exist
                    texts.append(MISSING_TEXT)
            ax.bar_label(bars, labels=texts, padding=2, fontsize=8)
        finite = shares[[f"share_{n}" for n, _ in legend]].to_numpy(dtype=float) * 100
        top_share = np.nanmax(finite) if np.isfinite(finite).any() else 0.0
        limit = min(100.0, max(10.0, np.ceil(top_share * 1.15 / 10) * 10))
        ax.set_yticks(positions, ticklabels)
        ax.set_ylim(k - 0.5, -0.5)
        ax.set_xlim(0, limit + 8)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos=None: format_percent(v / 100, lang=lang)))
        ax.xaxis.set_major_locator(MultipleLocator(10 if limit <= 60 else 20))
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
        ax.set_title(title)
        ax.set_xlabel(words["share_of_registrations"])
        handles, labels = ax.get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, note / fig_h), ncols=m,
                   handlelength=2.2, handleheight=1.1)
        if hidden_any:
            fig.text(0.5, 0.06 / fig_h, words["fig_hidden"], ha="center", va="bottom", fontsize=7.5)
    return fig


def published_shares_table(shares: pd.DataFrame, series: list, *, lang: str = "sv") -> pd.DataFrame:
    """The table behind :func:`plot_published_shares`: its bar labels, one row per category, one column per series.

    Each cell is what the figure writes beside its bar: the share, the
    disclosure symbol where it is hidden, "–" where nobody answered. The
    table behind the figure and its text alternative are made from it, so all
    three say the same.
    """
    check_lang(lang)
    columns = {}
    for name, label in series:
        texts = []
        for v, c, d in zip(shares[f"share_{name}"].to_numpy(dtype=float), shares[f"n_{name}"],
                           shares[f"denominator_{name}"]):
            if np.isfinite(v):
                texts.append(format_percent(v, lang=lang))
            elif pd.isna(c) or pd.isna(d):
                texts.append(SUPPRESSED)
            else:
                texts.append(MISSING_TEXT)
        columns[label] = texts
    return pd.DataFrame(columns, index=pd.Index([str(i) for i in shares.index],
                                                name=catalogue.text("reportfiles.figure.category", lang)))


def published_shares_alt(shares: pd.DataFrame, series: list, *, title: str = "", lang: str = "sv") -> str:
    """The text alternative of :func:`plot_published_shares`: what it shows and every share it draws.

    >>> import pandas as pd
    >>> shares = pd.DataFrame({"share_own": [0.5, float("nan")], "n_own": pd.array([10, pd.NA], dtype="Int64"),
    ...                        "denominator_own": pd.array([20, 20], dtype="Int64")}, index=["Ja", "Nej"])
    >>> published_shares_alt(shares, [("own", "Umeå (n = 20)")], title="Samtal", lang="sv")
    'Liggande stapeldiagram: Samtal. Andel i procent för Umeå (n = 20). Ja: Umeå (n = 20) 50\xa0%. Nej: Umeå (n = 20) x (visas inte).'
    """
    table = published_shares_table(shares, series, lang=lang)
    hidden = catalogue.text("reportfiles.figure.hidden", lang, symbol=SUPPRESSED)
    values = " ".join(
        catalogue.text("reportfiles.figure.category_values", lang, category=category,
                       values=", ".join(f"{label} {hidden if value == SUPPRESSED else value}"
                                        for label, value in row.items()))
        for category, row in table.iterrows()
    )
    return catalogue.text("reportfiles.figure.shares_alt", lang, title=title,
                          series=f' {catalogue.text("reportfiles.figure.and", lang)} '.join(label for _, label in series),
                          values=values)


# ---------------------------------------------------------------------------
# drawing
# ---------------------------------------------------------------------------


def _axes(ax, figsize):
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=figsize, layout="constrained")
    ax = fig.add_subplot()
    ax._webbkollen_own_figure = True  # the legend may then go below the whole figure
    return fig, ax


def _percent_tick(lang):
    def fmt(value, _pos=None):
        return format_percent(value / 100, lang=lang)

    return fmt


def _style_bars(container, style):
    for patch in container.patches:
        patch.set_hatch(style["hatch"])
        if hasattr(patch, "set_hatchcolor"):  # matplotlib >= 3.10
            patch.set_hatchcolor(style["hatchcolor"])
        patch.set_edgecolor(EDGE)


def _grouped_bars(ax, table: pd.DataFrame, ticklabels, series, lang, *, horizontal, value_labels=True, palette="groups"):
    """Bars for a categories x series table of percentages (NaN -> no bar, label "–")."""
    k, m = table.shape
    styles = group_styles(m) if palette == "groups" else _sequential_styles(m)
    width = 0.8 / m
    positions = np.arange(k)
    for j in range(m):
        values = table.iloc[:, j].to_numpy(dtype=float)
        offset = (j - (m - 1) / 2) * width
        heights = np.nan_to_num(values, nan=0.0)
        draw = ax.barh if horizontal else ax.bar
        container = draw(
            positions + offset,  # series 0 left, or on top (the y axis is inverted)
            heights,
            width * 0.95,
            color=styles[j]["color"],
            label=series[j],
        )
        _style_bars(container, styles[j])
        if value_labels:
            ax.bar_label(
                container,
                labels=[format_percent(v / 100, lang=lang) for v in values],
                padding=2,
                fontsize=8 if m > 2 else 9,
            )
    top = np.nanmax(table.to_numpy(dtype=float)) if np.isfinite(table.to_numpy(dtype=float)).any() else 0
    limit = min(100.0, max(10.0, np.ceil((top * 1.15) / 10) * 10))
    if horizontal:
        ax.set_yticks(positions, ticklabels)
        ax.set_ylim(k - 0.5, -0.5)  # first category on top
        ax.set_xlim(0, limit + (8 if value_labels else 0))
        ax.xaxis.set_major_formatter(FuncFormatter(_percent_tick(lang)))
        ax.xaxis.set_major_locator(MultipleLocator(_step(limit)))
        ax.grid(axis="x")
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(positions, ticklabels)
        ax.set_ylim(0, limit + (5 if value_labels else 0))
        ax.yaxis.set_major_formatter(FuncFormatter(_percent_tick(lang)))
        ax.yaxis.set_major_locator(MultipleLocator(_step(limit)))
        ax.grid(axis="y")
        ax.tick_params(axis="x", length=0)


def _stacked_bars(ax, table: pd.DataFrame, ticklabels, series, lang):
    """Stacked vertical bars for a categories x series table of percentages."""
    k, m = table.shape
    styles = _sequential_styles(m)
    positions = np.arange(k)
    bottom = np.zeros(k)
    for j in range(m):
        values = table.iloc[:, j].to_numpy(dtype=float)
        heights = np.nan_to_num(values, nan=0.0)
        container = ax.bar(positions, heights, 0.65, bottom=bottom, color=styles[j]["color"], label=series[j])
        _style_bars(container, styles[j])
        ax.bar_label(
            container,
            labels=[format_percent(v / 100, lang=lang) if v >= 4 else "" for v in heights],
            label_type="center",
            color=styles[j]["hatchcolor"],
            fontsize=9,
        )
        bottom += heights
    ax.set_xticks(positions, ticklabels)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(FuncFormatter(_percent_tick(lang)))
    ax.yaxis.set_major_locator(MultipleLocator(20))
    ax.grid(axis="y")
    ax.tick_params(axis="x", length=0)


def _sequential_styles(m):
    return [{"color": c, "hatch": "", "hatchcolor": text_colour_on(c)} for c in sequential(m)]


def _step(limit: float) -> float:
    return 10.0 if limit <= 60 else 20.0


def _legend(ax, ncols=2, title=None):
    """Legend below the figure when we made it; inside the caller's Axes otherwise."""
    kwargs = {"ncols": ncols, "title": title, "handlelength": 2.2, "handleheight": 1.2}
    if getattr(ax, "_webbkollen_own_figure", False):
        handles, labels = ax.get_legend_handles_labels()
        ax.figure.legend(handles, labels, loc="outside lower center", **kwargs)
    else:
        ax.legend(loc="best", **kwargs)


def _wrap(label: str, width: int = 28) -> str:
    return textwrap.fill(str(label), width=width, break_long_words=False)


def _with_n(label: str, n: int, lang: str, width: int = 28) -> str:
    """A category label over its n: "Hög risk" / "(n = 40)", for crowded axes."""
    return _wrap(label, width) + "\n" + text("n_label", lang, label="", n=format_count(n, lang)).strip()


# ---------------------------------------------------------------------------
# labels
# ---------------------------------------------------------------------------


def _in_codebook(column: str) -> bool:
    try:
        get_codebook().variable_of(column)
    except KeyError:
        return False
    return True


def _value_labels(column: str, lang: str) -> dict:
    return get_codebook().value_labels(column, lang) if _in_codebook(column) else {}


def _column_label(column: str, lang: str) -> str:
    return get_codebook().label(column, lang) if _in_codebook(column) else column


def _occasion_label(column: str, lang: str) -> str:
    """The occasion a column is recorded on ("Beslut om insats"), else its label."""
    cb = get_codebook()
    if _in_codebook(column):
        occasions = cb.variable_of(column).occasions
        if len(occasions) == 1:
            return cb.occasion_label(occasions[0], lang)
    return _column_label(column, lang)


def _base_label(column: str, lang: str) -> str:
    """Label of the variable without its occasion: ``risk_beslut`` -> the ``risk`` label."""
    cb = get_codebook()
    for suffix in _OCCASION_SUFFIXES:
        if column.endswith(suffix) and column[: -len(suffix)] in cb:
            return cb[column[: -len(suffix)]].label(lang)
    return _column_label(column, lang)


def _require(data: pd.DataFrame, columns) -> None:
    require_frame(data)
    require_columns(data, columns, "this figure")
