"""Readable tables for people: the publication table (:func:`summary_table`) and its rendering.

:func:`summary_table` stacks many variables into one ``n (%)`` table with
labels from the codebook, in the spirit of R's gtsummary ``tbl_summary``;
the counts come from :mod:`webbkollen_lib.analysis.descriptive` and the
p-values from :func:`webbkollen_lib.analysis.comparisons.compare_groups`, so
this presentation module sits above both. :func:`to_markdown` and
:func:`to_html` render such a table with its footnotes.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from webbkollen_lib import disclosure
from webbkollen_lib.analysis.comparisons import compare_groups
from webbkollen_lib.analysis.descriptive import (
    _CONTINUOUS,
    _SUPPRESSED,
    Counts,
    check_min_cell,
    count_by_group,
    denominators,
    publish_counts,
    wilson_interval,
)
from webbkollen_lib.analysis.variables import check_frame, code_positions, check_lang, check_level, resolve, resolve_group
from webbkollen_lib.core.codebook import frame_to_markdown, get_codebook
from webbkollen_lib.present.markup import data_table
from webbkollen_lib.core.formatting import (
    MISSING_TEXT,
    format_count,
    format_interval,
    format_mean_sd,
    format_median_iqr,
    format_n_percent,
    format_p,
    text,
)

__all__ = ["summary_table", "to_markdown", "to_html"]

# ---------------------------------------------------------------------------
# summary_table
# ---------------------------------------------------------------------------

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


def _default_variables(data: pd.DataFrame) -> list[str]:
    """Every background, process and result variable the frame has, in codebook order."""
    cb = get_codebook()
    out = []
    for v in cb.for_dataset("registrations"):
        if v.group == "admin" or v.kind == "text":
            continue
        if v.is_multi:
            if any(c in data.columns for c in v.columns):
                out.append(v.id)
        elif v.id in data.columns:
            out.append(v.id)
    return out


def summary_table(
    data: pd.DataFrame,
    variables: list[str] | str | None = None,
    by: str | None = None,
    *,
    lang: str = "sv",
    dropna: bool = False,
    missing: str = "always",
    overall: str | None = "last",
    ci: float | None = None,
    decimals: int = 0,
    continuous: str = "median_iqr",
    add_p: bool = False,
    test: str = "auto",
    min_cell: int | None = None,
    protect_zeros: bool = False,
    precomputed: dict | None = None,
) -> pd.DataFrame:
    """A publication-ready table of many variables, overall and by group (like gtsummary's ``tbl_summary``).

    Parameters
    ----------
    data : DataFrame
        Registrations in the data-contract form.
    variables : list of str, optional
        Variables as in :func:`frequency_table` (columns, multi-select
        groups such as ``"hem"``, derived variables). Default: every
        background, process and result variable the frame has, except ``by``.
    by : str, optional
        Grouping variable: one column per group, headed ``"Pojke, N = 224"``.
    lang : {"sv", "en"}
        Labels and number format (decimal comma, ``48 %`` in Swedish).
    dropna : bool, default False
        Denominator of the percentages: all registrations in the column
        (False, as the report's Table 3) or those with an answer (True).
    missing : {"always", "ifany", "no"}, default "always"
        When to show the ``Saknas``/``Missing`` row of each variable.
    overall : {"last", "first", None}, default "last"
        Where the column for all registrations goes (with ``by``).
    ci : float, optional
        Add a Wilson interval column (e.g. ``ci=0.95``) after each ``n (%)``
        column; the columns then have two levels (group, statistic).
    decimals : int, default 0
        Decimals of the percentages.
    continuous : {"median_iqr", "mean_sd", "categorical"}
        How integer variables (``alder``, ``antal_utsatthet``) are shown:
        median (Q1–Q3), mean (SD), or one row per value.
    add_p : bool, default False
        With ``by``: add a p-value column from
        :func:`webbkollen_lib.analysis.comparisons.compare_groups` (``test``), the
        tests named in a footnote. An integer variable shows the
        Mann–Whitney (2 groups) or Kruskal–Wallis p-value.
    min_cell : int, optional
        Disclosure control as in :func:`frequency_table`; hidden values are
        shown as ``x``, explained in a footnote. The overall column comes
        from the same protected table as the groups, so no hidden cell can
        be found by subtraction. (Each variable is protected on its own;
        a group's N is hidden in the header if any variable hides it.)
    precomputed : dict, optional
        ``{variable: (counts, published)}`` for categorical variables whose
        counts the caller already has: ``counts`` as
        ``count_by_group(data, resolve(data, variable), resolve_group(data, by))``
        and ``published`` as ``publish_counts(counts, min_cell, protect_zeros, lang)``
        (:mod:`webbkollen_lib.analysis.descriptive`) would give them, with
        this call's ``data``, ``by``, ``min_cell``, ``protect_zeros`` and
        ``lang``. They are used instead of counting and protecting again. For
        a caller that shows the same variables in several places (the
        municipality report's tables, sentences and figures); leave it out
        otherwise.

    Returns
    -------
    DataFrame of str
        Index: the row labels (variable labels, categories indented by two
        spaces, ``Saknas`` rows), named ``Variabel``/``Characteristic``.
        Columns: one per group and the overall column. ``.attrs`` holds
        ``"footnotes"`` (list of str; markers ¹ ² … in the labels point to
        them) and ``"rows"`` (the (variable, category) of each row). Use
        :func:`to_markdown` or :func:`to_html` to render with footnotes.

    Examples
    --------
    >>> from webbkollen_lib import apply_dtypes
    >>> cases = apply_dtypes(pd.DataFrame({"kon": ["pojke", "flicka", "pojke"], "alder": [4, 9, 15]}))
    >>> summary_table(cases, ["aldersgrupp"], by="kon").columns.tolist()
    ['Pojke, N = 2', 'Flicka, N = 1', 'Totalt, N = 3']
    """
    check_frame(data)
    lang = check_lang(lang)
    ci = check_level(ci)
    min_cell = check_min_cell(min_cell)
    if missing not in ("always", "ifany", "no"):
        raise ValueError(f"missing must be 'always', 'ifany' or 'no', not {missing!r}")
    if overall not in ("last", "first", None):
        raise ValueError(f"overall must be 'last', 'first' or None, not {overall!r}")
    if continuous not in _CONTINUOUS:
        raise ValueError(f"continuous must be one of {', '.join(_CONTINUOUS)}, not {continuous!r}")
    if add_p and by is None:
        raise ValueError("add_p=True needs by=: a p-value compares groups")
    if by is None:
        overall = "last"
    if variables is None:
        variables = [v for v in _default_variables(data) if v != by]
    elif isinstance(variables, str):
        variables = [variables]
    if not variables:
        raise ValueError("no variables to summarise")
    by_var = resolve_group(data, by) if by is not None else None

    marked: list[str] = []  # notes pointed to by a marker in a row label

    def mark(note: str) -> str:
        if note not in marked:
            marked.append(note)
        i = marked.index(note)
        return _SUPERSCRIPTS[i] if i < len(_SUPERSCRIPTS) else f"({i + 1})"

    groups = list(by_var.categories) if by_var is not None else []
    G = len(groups)
    rows: list[tuple] = []  # (label, stat cells, ci cells, (variable, category)); cells: groups…, overall
    header_n = header_hidden = None
    n_by_missing = np.nan
    suppression_note = ""
    p_values, p_tests = _p_values(data, variables, by, test, lang) if add_p else (None, [])
    p_cells: list[str] = []
    p_hidden = False

    for name in variables:
        if precomputed is not None and name in precomputed:
            c, published = precomputed[name]
            var = c.var
        else:
            var = resolve(data, name)
            c = count_by_group(data, var, by_var)
            published = None
        if var.kind == "integer" and continuous != "categorical":
            new_rows, shown_n, note, hidden_inputs = _continuous_rows(var, by_var, c, lang, continuous, missing, dropna,
                                                                      min_cell, protect_zeros)
        else:
            new_rows, shown_n, note, hidden_inputs = _categorical_rows(c, lang, dropna, missing, decimals, ci, min_cell,
                                                                       protect_zeros, mark, published)
        # shown_n: published registrations per row (groups…, [by-missing,] overall); NaN = hidden
        if header_n is None:
            header_n = np.append(c.n_total, c.n_total.sum())
            header_hidden = np.zeros(len(header_n), dtype=bool)
        header_hidden |= np.isnan(shown_n)
        suppression_note = suppression_note or note
        for row in new_rows:
            rows.append(row)
            if p_values is not None:
                # nothing beside a protected table may be computed from a cell it hides (docs/disclosure.md)
                if row[3] in hidden_inputs and row[3] in p_values:
                    p_cells.append(_SUPPRESSED)
                    p_hidden = True
                else:
                    p_cells.append(p_values.get(row[3], ""))
        if c.has_by_missing:
            n_by_missing = c.n_total[G]

    def header(pos: int) -> str:
        """Column header; pos indexes groups…, overall (G)."""
        label = by_var.value_label(groups[pos], lang) if pos < G else text("overall", lang)
        at = pos if pos < G else len(header_n) - 1
        n = _SUPPRESSED if header_hidden[at] else format_count(header_n[at], lang)
        return text("n_header", lang, label=label, n=n)

    positions = list(range(G))
    if by_var is None:
        positions = [G]
    elif overall == "last":
        positions = positions + [G]
    elif overall == "first":
        positions = [G] + positions

    general = [text("stat_note_valid" if dropna else "stat_note_all", lang)]
    index = pd.Index([r[0] for r in rows], name=text("characteristic", lang))
    if ci is None:
        table = pd.DataFrame({header(pos): [r[1][pos] for r in rows] for pos in positions}, index=index)
    else:
        level = f"{ci * 100:g}".replace(".", "," if lang == "sv" else ".")
        ci_name = text("ci_header", lang, level=level)
        body = {}
        for pos in positions:
            body[(header(pos), "n (%)")] = [r[1][pos] for r in rows]
            body[(header(pos), ci_name)] = [r[2][pos] for r in rows]
        table = pd.DataFrame(body, index=index)
        table.columns = pd.MultiIndex.from_tuples(table.columns)
        general.append(text("ci_note", lang, level=level))
    if p_values is not None:
        table[(text("p_header", lang), "") if ci is not None else text("p_header", lang)] = p_cells
        if p_tests:
            general.append(text("p_note", lang, tests="; ".join(p_tests)))
        if p_hidden:
            general.append(text("p_hidden_note", lang, x=_SUPPRESSED))
    if by_var is not None and not np.isnan(n_by_missing):
        hidden = header_hidden[G]
        label = by_var.label(lang).lower() if lang == "sv" else by_var.label(lang)
        general.append(text("by_missing_note", lang, label=label, overall=text("overall", lang),
                            n=_SUPPRESSED if hidden else format_count(n_by_missing, lang)))
    if suppression_note:
        general.append(suppression_note)
    footnotes = [f"{mark(n)} {n}" for n in list(marked)] + general
    table.attrs["footnotes"] = footnotes
    table.attrs["rows"] = [r[3] for r in rows]
    table.attrs["lang"] = lang
    return table


def _p_values(data, variables, by, test, lang) -> tuple[dict, list[str]]:
    """Formatted p-values keyed by (variable, option or None), and the names of the tests used."""
    result = compare_groups(data, variables, by, test=test, lang=lang)
    out: dict = {}
    tests: list[str] = []
    for row in result.itertuples(index=False):
        if pd.isna(row.p):
            continue
        if row.kind == "integer" and row.test == "welch":
            continue  # the table shows medians: use the rank test
        key = (row.variable, row.category if row.kind == "multi" else None)
        out[key] = format_p(row.p, lang)
        if row.test_label not in tests:
            tests.append(row.test_label)
    return out, tests


def _categorical_rows(c: Counts, lang, dropna, missing, decimals, ci, min_cell, protect_zeros, mark, published=None):
    """Rows of one categorical / yes-no / multi-select variable; cells per array position (groups…, overall).

    ``published``: ``publish_counts(c, min_cell, protect_zeros, lang)`` when the caller has it already.
    """
    var = c.var
    p = published if published is not None else publish_counts(c, min_cell, protect_zeros, lang)
    G = len(c.groups)
    positions = list(range(G)) + [c.n_rows]  # group rows then the overall row (skip the by-missing row)
    denom = denominators(p, c, dropna, min_cell)

    def stat(n, d):
        if np.isnan(n):
            return _SUPPRESSED
        if np.isnan(d):  # the denominator is hidden or below min_cell
            return f"{format_count(n, lang)} ({_SUPPRESSED})"
        if d == 0:
            return format_count(n, lang)
        return format_n_percent(n, n / d, decimals, lang)

    def interval(n, d):
        if ci is None:
            return ""
        if np.isnan(n) or np.isnan(d):
            return _SUPPRESSED
        if d == 0:
            return MISSING_TEXT
        low, high = wilson_interval(n, d, ci)
        return format_interval(low, high, decimals, lang, percent=True)

    out = []
    label = var.label(lang)
    if var.kind == "yesno":
        j = var.categories.index(True)
        out.append((label, [stat(p.counts[r, j], denom[r]) for r in positions],
                    [interval(p.counts[r, j], denom[r]) for r in positions], (var.name, None)))
    else:
        if var.is_multi:
            label = f"{label} {mark(text('multi_note', lang))}"
        out.append((label, [""] * len(positions), [""] * len(positions), (var.name, None)))
        for j, code in enumerate(var.categories):
            out.append(("  " + var.value_label(code, lang), [stat(p.counts[r, j], denom[r]) for r in positions],
                        [interval(p.counts[r, j], denom[r]) for r in positions],
                        (var.name, code)))
    any_missing = bool(c.n_missing.sum() > 0)
    if missing == "always" or (missing == "ifany" and any_missing):
        cells = []
        for r in positions:
            m = p.n_missing[r]
            if dropna:
                cells.append(_SUPPRESSED if np.isnan(m) else format_count(m, lang))
            else:
                d = p.n_total[r]
                if min_cell is not None and not d >= min_cell:
                    d = np.nan
                cells.append(stat(m, d))
        out.append(("  " + text("missing", lang), cells, [""] * len(positions), (var.name, "__missing__")))
    return out, p.n_total, p.footnote, _hidden_test_inputs(var, p, G)


def _hidden_test_inputs(var, p, G: int) -> set:
    """Rows whose p-value would be computed from a cell the protected table hides.

    The test of a single choice or yes/no compares the groups' counts of every
    category; the test of one option of a multi-select group compares its
    ticked count with the group's answered registrations (total minus missing).
    A hidden input anywhere in the groups' rows makes the p-value a function of
    the hidden cell, so the p-value is hidden too.
    """
    counts = p.counts[:G]
    if var.is_multi:
        margins_hidden = bool(np.isnan(p.n_total[:G]).any() or np.isnan(p.n_missing[:G]).any())
        return {(var.name, code) for j, code in enumerate(var.categories)
                if margins_hidden or np.isnan(counts[:, j]).any()}
    return {(var.name, None)} if np.isnan(counts).any() else set()


def _continuous_rows(var, by_var, c: Counts, lang, continuous, missing, dropna, min_cell, protect_zeros):
    """A summary row (median (Q1–Q3) or mean (SD)) and a missing row for an integer variable."""
    G = len(c.groups)
    valid = (c.n_total - c.n_missing).astype(np.int64)
    # protect the valid/missing split like a two-category table
    shown_valid = np.append(valid, valid.sum()).astype(float)
    shown_missing = np.append(c.n_missing, c.n_missing.sum()).astype(float)
    shown_total = np.append(c.n_total, c.n_total.sum()).astype(float)
    note = ""
    if min_cell is not None:
        rows = [f"r{i}" for i in range(c.n_rows)]
        table = pd.DataFrame({"valid": valid, "missing": c.n_missing}, index=rows)
        if G:
            pt = disclosure.protect_table(table, min_cell, shares=False, protect_zeros=protect_zeros, lang=lang)
            mask = pt.mask.to_numpy(dtype=bool)
        else:
            pt = disclosure.protect_table(table.iloc[0], min_cell, shares=False, protect_zeros=protect_zeros, lang=lang)
            mask = np.vstack([pt.mask.to_numpy(dtype=bool)] * 2)
        shown_valid = np.where(mask[:, 0] | (shown_valid < min_cell), np.nan, shown_valid)
        shown_missing = np.where(mask[:, 1], np.nan, shown_missing)
        shown_total = np.where(mask[:, 2], np.nan, shown_total)
        note = pt.footnote(lang)
    values = var.values.astype("Float64")
    if by_var is not None:
        gidx = code_positions(by_var.values, by_var.categories)
    else:
        gidx = np.zeros(len(values), dtype=np.int64)
    positions = list(range(G)) + [c.n_rows]
    cells = []
    for r in positions:
        if r == c.n_rows:
            x = values.dropna().to_numpy(dtype=float)
        else:
            x = values[gidx == r].dropna().to_numpy(dtype=float)
        if np.isnan(shown_valid[r]):
            cells.append(_SUPPRESSED)
        elif len(x) == 0:
            cells.append(MISSING_TEXT)
        elif continuous == "mean_sd":
            sd = float(np.std(x, ddof=1)) if len(x) > 1 else np.nan
            cells.append(format_mean_sd(float(np.mean(x)), sd, 1, lang))
        else:
            q1, med, q3 = np.percentile(x, [25, 50, 75])
            decimals = 0 if all(float(v).is_integer() for v in (q1, med, q3)) else 1
            cells.append(format_median_iqr(med, q1, q3, decimals, lang))
    label = f"{var.label(lang)}, {text(continuous, lang)}"
    out = [(label, cells, [""] * len(positions), (var.name, None))]
    if missing == "always" or (missing == "ifany" and c.n_missing.sum() > 0):
        mcells = []
        for r in positions:
            m = shown_missing[r]
            if np.isnan(m):
                mcells.append(_SUPPRESSED)
            elif dropna:
                mcells.append(format_count(m, lang))
            else:
                d = shown_total[r]
                share = m / d if (not np.isnan(d) and d > 0 and (min_cell is None or d >= min_cell)) else np.nan
                mcells.append(format_n_percent(m, share, 0, lang))
        out.append(("  " + text("missing", lang), mcells, [""] * len(positions), (var.name, "__missing__")))
    # the rank test uses every valid value of each group: a hidden group size is a hidden input
    hidden = {(var.name, None)} if np.isnan(shown_valid[:G]).any() else set()
    return out, shown_total, note, hidden



# ---------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------


def to_markdown(table: pd.DataFrame) -> str:
    """A summary table as Markdown, footnotes below (indentation kept with no-break spaces)."""
    frame = table.copy()
    if isinstance(frame.columns, pd.MultiIndex):
        frame.columns = [" ".join(str(x) for x in col if x) for col in frame.columns]
    name = frame.index.name or ""
    frame.insert(0, name, [str(i).replace("  ", "\u00a0\u00a0") for i in frame.index])
    body = frame_to_markdown(frame.reset_index(drop=True))
    notes = table.attrs.get("footnotes", [])
    return body + ("\n" + "\n".join(notes) + "\n" if notes else "")


def to_html(table: pd.DataFrame, caption: str = "") -> str:
    """A summary table as an accessible HTML data table, indentation kept and footnotes below.

    Header cells carry their scope and none is empty
    (:func:`webbkollen_lib.present.markup.data_table`); ``caption`` names the table.
    """
    out = data_table(table, caption=caption)
    notes = "".join(f"<p><small>{html.escape(n, quote=False)}</small></p>" for n in table.attrs.get("footnotes", []))
    return out + "\n" + notes if notes else out
