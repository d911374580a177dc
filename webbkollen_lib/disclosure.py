"""Statistical disclosure control for published tables of registrations.

A per-municipality report goes to a social services committee and must never
let a reader single out a child. This module turns a table of counts into a
publishable table in which

1. **primary suppression** (the frequency rule): no count from 1 to
   ``min_cell - 1`` is shown, and no share computed from one;
2. **secondary suppression**: no hidden cell can be worked out, exactly or as
   "fewer than ``min_cell``", from the row and column totals and the other
   published cells;
3. hidden cells carry the symbol ``x`` with a footnote in Swedish and English,
   the way Socialstyrelsen's *Öppna jämförelser* mark values withheld for
   confidentiality ("x = sekretess").

Rules (``m = min_cell``, default 5)
-----------------------------------
*Primary*: a count ``c`` (interior cell or total) is sensitive when
``1 <= c <= m - 1``. Zero is published by default: an empty cell describes no
child, so there is nobody to identify in it, and hiding every zero would blank
out most of a sparse table. A zero can still tell the reader something about
*everybody else* in its row ("all 7 girls had ...": group, or attribute,
disclosure); pass ``protect_zeros=True`` for breakdowns where that matters.

*Secondary*: every published total is a linear equation
``total = sum(members)``. After suppression, an attacker who knows the
published cells, the published totals and that counts are non-negative
integers can bound each hidden cell from below and above by linear
programming (the "attacker problem" of Tau-Argus and sdcTable's ``attack()``).
A table is accepted only when, for every hidden cell ``h`` with feasible
interval ``[lo, hi]``,

* ``hi > lo``: the cell cannot be recovered exactly, and
* if ``h`` is primary, ``hi >= m``: the attacker cannot even prove the cell is
  small (this is stronger than "the interval is not inside ``[1, m - 1]``").

Suppression is found greedily. In a 2-D table each small interior cell first
gets the cheapest protecting rectangle. Then a line rule is iterated to a
fixed point: in every equation that holds a hidden cell at least two cells are
unknown, and when the total is published the unknown members add up to at
least ``m`` (the next cell hidden is the smallest non-zero one, preferring
cells that complete a rectangle). Then the attacker problem is solved and,
while some cell is still unsafe, one more cell is hidden and the loop repeats.
The loop ends because hiding everything is always safe. For 1-D tables (and
multi-select tables with one ``n``) the line rule alone is provably enough
and no LP is solved.

The objects handed to callers hold *published* values only: the true value of
a hidden cell, and whether it was hidden as primary or secondary, never leave
:func:`protect_table`. Style hidden cells by :attr:`ProtectedTable.mask`,
never by :func:`primary_mask` (that would tell readers which ``x`` is small).

References
----------
Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, ch. 4
(frequency rule, secondary suppression, the attacker problem).
Meindl, B. sdcTable: ``primarySuppression(type = "freq", maxN, allowZeros)``,
``protectTable(method = "SIMPLEHEURISTIC")`` and ``attack()``.
Preen, R. J. et al. ACRO: tools for the semi-automatic checking of research
outputs (SACRO), https://github.com/AI-SDC/ACRO, doi:10.1109/TP.2025.3566052.
See ``docs/disclosure.md`` for the comparison and what is *not* protected.

Examples
--------
>>> import pandas as pd
>>> from webbkollen_lib.disclosure import protect_table
>>> counts = pd.Series({"pojke": 21, "flicka": 3, "okänt": 0})
>>> pt = protect_table(counts, shares=False)
>>> pt.count_text.tolist()
['x', 'x', '0', '24']
>>> pt.footnote("en")[:42]
'x = Not shown for confidentiality: a count'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from numbers import Integral

import numpy as np
import pandas as pd
from scipy.optimize import linprog, minimize

from webbkollen_lib.core import formatting as _fmt
from webbkollen_lib.core import labels as catalogue
from webbkollen_lib.core.errors import require_frame
from webbkollen_lib.core.labels import check_lang

__all__ = [
    "MIN_CELL",
    "SUPPRESSED",
    "REPORT_FACTOR",
    "ProtectedTable",
    "primary_mask",
    "secondary_mask",
    "protect_table",
    "protect_multiselect",
    "count_mask",
    "multiselect_mask",
    "footnote",
    "format_count",
    "format_share",
    "min_registrations",
    "too_few",
    "too_few_text",
    "CKM_MAX_NOISE",
    "CKM_VARIANCE",
    "KEY_MODULUS",
    "record_keys",
    "cell_keys",
    "perturbation_table",
    "perturb_counts",
    "noise_note",
]

#: Smallest count that may be published (counts 1 .. MIN_CELL-1 are hidden).
MIN_CELL = 5

#: Symbol for a value withheld for confidentiality, as in Öppna jämförelser.
SUPPRESSED = "x"

#: A municipality needs at least REPORT_FACTOR * min_cell registrations for a report.
REPORT_FACTOR = 4

_TOL = 1e-6


def _labels(lang: str) -> dict[str, str]:
    """Margin and column words of a protected table (the label catalogue's ``disclosure`` group)."""
    return catalogue.labels("disclosure", lang)


# ---------------------------------------------------------------------------
# formatting
# ---------------------------------------------------------------------------


def format_count(value, lang: str = "sv") -> str:
    """Format a whole number for a table (see :mod:`webbkollen_lib.core.formatting`).

    Swedish style groups thousands with a no-break space (``1 234``); English
    style with a comma (``1,234``).

    >>> format_count(1234)
    '1\\xa0234'
    >>> format_count(1234, lang="en")
    '1,234'
    """
    check_lang(lang)
    return _fmt.format_count(int(value), lang)


def format_share(share, decimals: int = 0, lang: str = "sv") -> str:
    """Format a share in [0, 1] as a percentage, rounding half up.

    Swedish style writes a decimal comma and a no-break space before the per
    cent sign (``12,5 %``); English style ``12.5%``. Same as
    :func:`webbkollen_lib.core.formatting.format_percent`.

    >>> format_share(0.125, decimals=1)
    '12,5\\xa0%'
    >>> format_share(0.125, lang="en")
    '13%'
    """
    check_lang(lang)
    return _fmt.format_percent(float(share), decimals, lang)


def footnote(min_cell: int = MIN_CELL, lang: str = "sv", protect_zeros: bool = False) -> str:
    """The footnote that explains the suppression symbol, in Swedish or English.

    >>> footnote(5, "sv")[:60]
    'x = Uppgiften redovisas inte av sekretesskäl: antalet är 1–4'
    """
    check_lang(lang)
    low = 0 if protect_zeros else 1
    top = min_cell - 1
    rng = f"{low}–{top}" if top > low else f"{top}"
    return catalogue.text("disclosure.footnote", lang, symbol=SUPPRESSED, range=rng, min_cell=min_cell)


# ---------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------


def _check_min_cell(min_cell) -> int:
    if isinstance(min_cell, bool) or not isinstance(min_cell, Integral) or min_cell < 1:
        raise ValueError(f"min_cell must be a whole number >= 1, got {min_cell!r}")
    return int(min_cell)


def _as_counts(counts, name: str = "counts"):
    """Return ``counts`` as an int64 Series/DataFrame, or raise naming the bad cell."""
    if isinstance(counts, pd.Series):
        frame = counts.to_frame(name=counts.name if counts.name is not None else 0)
    elif isinstance(counts, pd.DataFrame):
        frame = counts
    else:
        raise TypeError(f"{name} must be a pandas Series or DataFrame, got {type(counts).__name__}")
    for axis, idx in (("index", frame.index), ("columns", frame.columns)):
        if isinstance(counts, pd.Series) and axis == "columns":
            continue
        if isinstance(idx, pd.MultiIndex):
            raise ValueError(
                f"{name}: a MultiIndex on the {axis} is not supported (its subtotals "
                "would be further published equations); flatten the labels or "
                "protect one table per level"
            )
        if idx.has_duplicates:
            dup = idx[idx.duplicated()].tolist()[0]
            raise ValueError(f"{name}: duplicate label {dup!r} on the {axis}")
    out = {}
    for col in frame.columns:
        values = frame[col]
        if _whole_non_negative(values):
            out[col] = values.astype("int64")
            continue
        # something is wrong (or of a type that needs a closer look): find and name the first bad cell
        numeric = pd.to_numeric(values, errors="coerce")
        for label, raw, num in zip(values.index, values.tolist(), numeric.tolist()):
            ok = (
                not pd.isna(num)
                and np.isfinite(float(num))
                and not isinstance(raw, bool)
                and float(num) >= 0
                and float(num) == np.floor(float(num))
            )
            if not ok:
                where = f"row {label!r}"
                if isinstance(counts, pd.DataFrame):
                    where += f", column {col!r}"
                raise ValueError(
                    f"{name}: {where}: value {raw!r} is not allowed; counts must be "
                    "whole numbers >= 0 (no missing values)"
                )
        out[col] = numeric.astype("int64")
    result = pd.DataFrame(out, index=frame.index)
    result.columns = frame.columns
    if isinstance(counts, pd.Series):
        return result.iloc[:, 0].rename(counts.name)
    return result


def _whole_non_negative(values: pd.Series) -> bool:
    """Whether a column of numpy integer or float dtype holds only whole numbers >= 0 (checked column-wise)."""
    if not isinstance(values.dtype, np.dtype):  # nullable and other extension dtypes: the cell-wise check
        return False
    kind = values.dtype.kind
    if kind in "iu":
        return bool((values.to_numpy() >= 0).all())
    if kind == "f":
        array = values.to_numpy()
        return bool((np.isfinite(array) & (array >= 0) & (array == np.floor(array))).all())
    return False


def _refuse_totals(values) -> None:
    """Counts must come without totals (we add them); catch crosstab(margins=True)."""
    axes = [("row", values.index, values)]
    if isinstance(values, pd.DataFrame):
        axes = [("row", values.index, values), ("column", values.columns, values.T)]
    for kind, idx, frame in axes:
        for label in idx:
            if str(label).strip().lower() not in ("all", "total", "totalt", "summa", "samtliga"):
                continue
            rest = frame.drop(index=label)
            if len(rest) and (rest.sum() == frame.loc[label]).all():
                raise ValueError(
                    f"counts: {kind} {label!r} is the total of the others; pass counts "
                    "without totals (e.g. pd.crosstab(..., margins=False)), the totals are added here"
                )


def _with_label(index: pd.Index, label) -> pd.Index:
    """``index`` plus one more label (works for categorical indexes too)."""
    if label in list(index):
        raise ValueError(f"the total label {label!r} is already a category; pass another total_label")
    return pd.Index(list(index) + [label], name=index.name, dtype=object)


# ---------------------------------------------------------------------------
# primary suppression
# ---------------------------------------------------------------------------


def primary_mask(counts, min_cell: int = MIN_CELL, *, protect_zeros: bool = False):
    """Cells that the frequency rule hides: counts from 1 to ``min_cell - 1``.

    Parameters
    ----------
    counts : Series or DataFrame
        Whole numbers >= 0 (numbers of registrations).
    min_cell : int, default 5
        Smallest count that may be shown.
    protect_zeros : bool, default False
        Also hide zeros. Off by default: a zero describes no child. Turn it on
        when a zero would reveal that *everyone* in a small group shares a
        sensitive attribute (group disclosure).

    Returns
    -------
    Series or DataFrame of bool, same shape as ``counts``.

    Examples
    --------
    >>> primary_mask(pd.Series([0, 1, 4, 5])).tolist()
    [False, True, True, False]
    """
    min_cell = _check_min_cell(min_cell)
    values = _as_counts(counts)
    low = 0 if protect_zeros else 1
    return (values >= low) & (values <= min_cell - 1)


# ---------------------------------------------------------------------------
# the suppression engine: cells, equations, attacker
# ---------------------------------------------------------------------------


@dataclass
class _Problem:
    """A table as cells plus the published equations ``total = sum(members)``.

    ``hidden`` cells are never shown (e.g. the "no" count of a yes/no option):
    the attacker does not see them but may derive them; they are protected
    only when primary.
    """

    values: np.ndarray
    equations: list[tuple[int, np.ndarray]]
    primary: np.ndarray
    hidden: np.ndarray
    min_cell: int
    grid: tuple[int, int] | None = None  # interior shape of a 2-D table with margins
    cell_eqs: list[list[int]] = field(init=False)

    def __post_init__(self):
        self.cell_eqs = [[] for _ in range(len(self.values))]
        for k, (total, members) in enumerate(self.equations):
            for c in (total, *members.tolist()):
                self.cell_eqs[c].append(k)


def _needs_protection(p: _Problem, masked: np.ndarray) -> np.ndarray:
    # hidden cells hidden only to help others need nothing themselves
    return masked & (p.primary | ~p.hidden)


def _pick(p: _Problem, candidates, unknown: np.ndarray) -> int:
    """The cheapest candidate: completes a rectangle, then smallest, then first."""

    def key(c):
        crosses = sum(1 for k in p.cell_eqs[c] if _eq_unknowns(p, k, unknown) > 0)
        return (-crosses, int(p.values[c]), c)

    return min(candidates, key=key)


def _eq_unknowns(p: _Problem, k: int, unknown: np.ndarray) -> int:
    total, members = p.equations[k]
    return int(unknown[total]) + int(unknown[members].sum())


def _line_rule(p: _Problem, masked: np.ndarray) -> np.ndarray:
    """Iterate the per-equation rule to a fixed point (see module docstring)."""
    masked = masked.copy()
    changed = True
    while changed:
        changed = False
        for total, members in p.equations:
            unknown = masked | p.hidden
            need = _needs_protection(p, masked)
            cells = np.concatenate(([total], members))
            if not need[cells].any():
                continue
            n_unknown = int(unknown[cells].sum())
            short = (not unknown[total]) and p.values[members[unknown[members]]].sum() < p.min_cell
            if n_unknown >= 2 and not short:
                continue
            cands = [c for c in members.tolist() if not unknown[c] and p.values[c] > 0]
            if not cands and not unknown[total]:
                cands = [total]
            if not cands:
                cands = [c for c in members.tolist() if not unknown[c]]
            if not cands:
                continue
            masked[_pick(p, cands, unknown)] = True
            changed = True
    return masked


def _bounds(p: _Problem, unknown: np.ndarray, cell: int, sense: int) -> float:
    """Max (sense=-1) or min (sense=+1) of ``cell`` over the attacker's feasible set."""
    idx = np.flatnonzero(unknown)
    pos = {c: i for i, c in enumerate(idx)}
    rows, rhs = [], []
    for total, members in p.equations:
        coef = np.zeros(len(idx))
        const = 0.0
        for c, s in ((total, 1.0), *((m, -1.0) for m in members.tolist())):
            if unknown[c]:
                coef[pos[c]] += s
            else:
                const += s * p.values[c]
        if coef.any():
            rows.append(coef)
            rhs.append(-const)
    obj = np.zeros(len(idx))
    obj[pos[cell]] = sense
    res = linprog(
        obj,
        A_eq=np.array(rows) if rows else None,
        b_eq=np.array(rhs) if rows else None,
        bounds=(0, None),
        method="highs",
    )
    if res.status == 3:  # unbounded
        return -sense * np.inf
    if res.status != 0:  # the true table is feasible, so this is a solver problem
        raise RuntimeError(f"disclosure attacker LP failed: {res.message}")
    return float(sense * res.fun)


def _unsafe(p: _Problem, masked: np.ndarray) -> list[int]:
    """Hidden cells that the attacker can pin down (see module docstring)."""
    unknown = masked | p.hidden
    # When no unknown cell is in two equations, every equation stands alone
    # and the line rule already guarantees safety: with the total published,
    # each unknown member ranges over [0, S], S = sum of unknown members >=
    # min_cell; with the total hidden, the unknowns are unbounded.
    if all(len(p.cell_eqs[c]) <= 1 for c in np.flatnonzero(unknown)):
        return []
    bad = []
    for c in np.flatnonzero(_needs_protection(p, masked)):
        hi = _bounds(p, unknown, c, -1)
        if p.primary[c] and hi < p.min_cell - _TOL:
            bad.append(int(c))
            continue
        # the true value is feasible, so hi > value already proves hi > lo
        if hi > p.values[c] + _TOL:
            continue
        lo = _bounds(p, unknown, c, +1)
        if hi - lo < _TOL:
            bad.append(int(c))
    return bad


def _rectangles(p: _Problem, masked: np.ndarray) -> np.ndarray:
    """2-D tables: give each primary interior cell a cheap protecting rectangle.

    Hiding ``a`` at (r0, c0) together with (r0, j), (i, c0) and (i, j) lets the
    attacker move ``t`` around the rectangle (a + t, b - t, c - t, d + t)
    without changing any total, so ``a`` can be as large as
    ``a + min(b, c)``. Among the rectangles with ``a + min(b, c) >= min_cell``
    we take the one that hides the fewest new cells, preferring non-zero
    corners, then the smallest sum. Greedy line rules alone tend to hide
    long staircases instead.
    """
    r, c = p.grid
    if r < 2 or c < 2:
        return masked
    masked = masked.copy()
    ids = np.arange((r + 1) * (c + 1)).reshape(r + 1, c + 1)[:r, :c]
    vals = p.values[ids]
    order = sorted(zip(*np.nonzero(p.primary[ids])), key=lambda rc: (vals[rc], rc))
    for r0, c0 in order:
        unknown = (masked | p.hidden)[ids]
        if unknown[r0].sum() >= 2 and unknown[:, c0].sum() >= 2:
            continue
        best, best_key = None, None
        for i in range(r):
            for j in range(c):
                if i == r0 or j == c0:
                    continue
                b, cc, d = (r0, j), (i, c0), (i, j)
                if min(vals[b], vals[cc]) == 0 or vals[r0, c0] + min(vals[b], vals[cc]) < p.min_cell:
                    continue
                new = [x for x in (b, cc, d) if not unknown[x]]
                key = (len(new), any(vals[x] == 0 for x in new), sum(int(vals[x]) for x in new), i, j)
                if best_key is None or key < best_key:
                    best, best_key = new, key
        for x in best or []:
            masked[ids[x]] = True
    return masked


def _suppress(p: _Problem) -> np.ndarray:
    """Primary plus secondary suppression: bool array, True = unknown to readers."""
    masked = p.primary.copy()
    if p.grid is not None:
        masked = _rectangles(p, masked)
    while True:
        masked = _line_rule(p, masked)
        bad = _unsafe(p, masked)
        if not bad:
            return masked
        unknown = masked | p.hidden
        cell = bad[0]
        near = {c for k in p.cell_eqs[cell] for c in (p.equations[k][0], *p.equations[k][1].tolist())}
        tiers = [
            [c for c in near if not unknown[c] and p.values[c] > 0],
            [
                c
                for u in np.flatnonzero(unknown)
                for k in p.cell_eqs[u]
                for c in (p.equations[k][0], *p.equations[k][1].tolist())
                if not unknown[c] and p.values[c] > 0
            ],
            [c for c in range(len(p.values)) if not unknown[c]],
        ]
        cands = next((t for t in tiers if t), None)
        if cands is None:  # everything is hidden already, which is always safe
            return masked
        masked[_pick(p, sorted(set(cands)), unknown)] = True


# ---------------------------------------------------------------------------
# building problems for the table shapes we publish
# ---------------------------------------------------------------------------


def _problem_1d(values: np.ndarray, primary: np.ndarray, margins: bool, min_cell: int, protect_zeros: bool):
    n = len(values)
    if not margins:
        return _Problem(values, [], primary, np.zeros(n, bool), min_cell)
    total = int(values.sum())
    vals = np.append(values, total)
    prim = np.append(primary, _is_primary(total, min_cell, protect_zeros))
    eqs = [(n, np.arange(n))]
    return _Problem(vals, eqs, prim, np.zeros(n + 1, bool), min_cell)


def _problem_2d(values: np.ndarray, primary: np.ndarray, margins: bool, min_cell: int, protect_zeros: bool):
    """Cells laid out as the (R+1) x (C+1) table with totals last, row-major."""
    r, c = values.shape
    if not margins:
        return _Problem(values.ravel(), [], primary.ravel(), np.zeros(r * c, bool), min_cell)
    full = np.zeros((r + 1, c + 1), dtype=np.int64)
    full[:r, :c] = values
    full[:r, c] = values.sum(axis=1)
    full[r, :c] = values.sum(axis=0)
    full[r, c] = values.sum()
    prim = np.zeros((r + 1, c + 1), bool)
    prim[:r, :c] = primary
    for i in range(r + 1):
        for j in range(c + 1):
            if i == r or j == c:
                prim[i, j] = _is_primary(full[i, j], min_cell, protect_zeros)
    ids = np.arange((r + 1) * (c + 1)).reshape(r + 1, c + 1)
    eqs = [(ids[i, c], ids[i, :c]) for i in range(r + 1)]
    eqs += [(ids[r, j], ids[:r, j]) for j in range(c + 1)]
    eqs = [(int(t), m) for t, m in eqs if len(m)]
    return _Problem(full.ravel(), eqs, prim.ravel(), np.zeros(full.size, bool), min_cell, grid=(r, c))


def _is_primary(value, min_cell: int, protect_zeros: bool) -> bool:
    return (0 if protect_zeros else 1) <= value <= min_cell - 1


# ---------------------------------------------------------------------------
# secondary suppression (public)
# ---------------------------------------------------------------------------


def secondary_mask(
    counts, primary, *, margins: bool = True, min_cell: int = MIN_CELL, total_label: str = "Totalt"
):
    """Cells to hide *in addition to* ``primary`` so that no hidden cell can be recovered.

    Parameters
    ----------
    counts : Series (1-D frequency table) or DataFrame (group x category)
        Interior counts, without totals.
    primary : same shape, bool
        The primary mask, usually ``primary_mask(counts, min_cell)``; any
        other rule (e.g. a dominance rule) may be passed.
    margins : bool, default True
        Whether the totals are published (the total of a Series; the row
        totals, column totals and grand total of a DataFrame). Totals are
        equations the attacker can use, and a total from 1 to
        ``min_cell - 1`` is itself primary.
    min_cell : int, default 5

    Returns
    -------
    Series or DataFrame of bool
        With ``margins=True`` the shape includes the totals (labelled
        ``total_label``). True marks secondary suppressions only; a total that
        is small is primary and is *not* marked here, see
        :func:`protect_table` for the complete mask.

    Examples
    --------
    >>> counts = pd.Series({"a": 2, "b": 10, "c": 20})
    >>> secondary_mask(counts, primary_mask(counts)).tolist()
    [False, True, False, False]
    """
    min_cell = _check_min_cell(min_cell)
    values = _as_counts(counts)
    prim = _as_counts(primary.astype(int), name="primary").astype(bool) if primary is not None else None
    same = prim is not None and prim.shape == values.shape and prim.index.equals(values.index)
    if same and isinstance(values, pd.DataFrame):
        same = prim.columns.equals(values.columns)
    if not same:
        raise ValueError("primary must be a bool mask with the same shape and labels as counts")
    if margins:
        _refuse_totals(values)
    label = total_label
    if isinstance(values, pd.Series):
        p = _problem_1d(values.to_numpy(), prim.to_numpy(), margins, min_cell, False)
        sec = _suppress(p) & ~p.primary
        index = _with_label(values.index, label) if margins else values.index
        return pd.Series(sec, index=index, name=values.name)
    p = _problem_2d(values.to_numpy(), prim.to_numpy(), margins, min_cell, False)
    sec = _suppress(p) & ~p.primary
    r, c = values.shape
    if margins:
        shape = (r + 1, c + 1)
        index, columns = _with_label(values.index, label), _with_label(values.columns, label)
    else:
        shape, index, columns = (r, c), values.index, values.columns
    return pd.DataFrame(sec.reshape(shape), index=index, columns=columns)


# ---------------------------------------------------------------------------
# publishable tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class ProtectedTable:
    """A table that is safe to publish, with its mask and footnote.

    Only published values are kept: ``counts`` and ``shares`` hold ``<NA>`` /
    ``NaN`` where a value is hidden, so nothing downstream (a plot, a tooltip)
    can leak a suppressed cell.

    Attributes
    ----------
    table : DataFrame of str
        The publishable layout: counts and (if requested) shares side by side
        under the column labels ``Antal`` / ``Andel`` (``Number`` / ``Share``).
    count_text, share_text : Series or DataFrame of str
        Formatted counts and shares, same shape as ``counts``; hidden values
        are ``"x"``; a share that cannot exist (denominator 0, or a count of
        registrations) is ``""``. ``share_text`` is None when ``shares=False``.
    counts : Series or DataFrame, Int64
        Published counts, including totals; ``<NA>`` where hidden.
    shares : Series or DataFrame, float or None
        Published shares in [0, 1]; NaN where hidden or undefined.
    mask : Series or DataFrame of bool
        True where a count is shown as ``"x"``. Style cells by this.
    share_mask : Series or DataFrame of bool or None
        True where a share is shown as ``"x"``.
    min_cell : int
    lang : str
    protect_zeros : bool
    """

    table: pd.DataFrame
    count_text: pd.Series | pd.DataFrame
    share_text: pd.Series | pd.DataFrame | None
    counts: pd.Series | pd.DataFrame
    shares: pd.Series | pd.DataFrame | None
    mask: pd.Series | pd.DataFrame
    share_mask: pd.Series | pd.DataFrame | None
    min_cell: int
    lang: str
    protect_zeros: bool = False

    @property
    def n_masked(self) -> int:
        """Number of counts shown as ``x``."""
        return int(np.asarray(self.mask).sum())

    @property
    def has_masked(self) -> bool:
        """True when any count or share is shown as ``x``."""
        shares = 0 if self.share_mask is None else int(np.asarray(self.share_mask).sum())
        return self.n_masked + shares > 0

    def footnote(self, lang: str | None = None) -> str:
        """The footnote for this table ("" when nothing is hidden)."""
        if not self.has_masked:
            return ""
        return footnote(self.min_cell, lang or self.lang, self.protect_zeros)

    def __repr__(self) -> str:
        note = self.footnote()
        return repr(self.table) + (f"\n{note}" if note else "")

    def _repr_html_(self) -> str:
        note = self.footnote()
        html = self.table.to_html(escape=True)
        return html + (f"<p><small>{note}</small></p>" if note else "")


def _like(template, values, dtype=None):
    """A Series/DataFrame shaped like ``template`` holding ``values``."""
    values = np.asarray(values, dtype=dtype).reshape(template.shape)
    if isinstance(template, pd.Series):
        return pd.Series(values, index=template.index, name=template.name)
    return pd.DataFrame(values, index=template.index, columns=template.columns)


def _format_frames(counts, mask, shares, share_mask, undefined, lang, decimals):
    cvals = np.asarray(counts).ravel()
    mvals = np.asarray(mask).ravel()
    count_text = _like(
        counts, [SUPPRESSED if m else format_count(v, lang) for v, m in zip(cvals, mvals)], object
    )
    if shares is None:
        return count_text, None
    svals = np.asarray(shares, dtype=float).ravel()
    smask = np.asarray(share_mask).ravel()
    undef = np.asarray(undefined).ravel()
    share_text = _like(
        counts,
        [
            "" if u else (SUPPRESSED if m else format_share(s, decimals, lang))
            for s, m, u in zip(svals, smask, undef)
        ],
        object,
    )
    return count_text, share_text


def _assemble(full, masked, denom, denom_masked, not_applicable, *, shares, min_cell, lang, decimals, protect_zeros):
    """Turn true values (with totals) and the mask into a ProtectedTable.

    ``denom`` is each cell's share denominator, ``denom_masked`` whether that
    denominator is hidden, ``not_applicable`` where a share makes no sense.
    """
    labels = _labels(lang)
    counts = full.astype("Int64").mask(masked)
    shares_out = share_mask = und = None
    if shares:
        d = np.asarray(denom, dtype=float)
        v = np.asarray(full, dtype=float)
        undefined = (d == 0) | np.asarray(not_applicable, dtype=bool)
        smask = (np.asarray(masked) | np.asarray(denom_masked, dtype=bool) | (d < min_cell)) & ~undefined
        raw = np.where(undefined | smask, np.nan, v / np.where(d == 0, 1, d))
        shares_out = _like(full, raw, float)
        share_mask = _like(full, smask, bool)
        und = _like(full, undefined, bool)
    count_text, share_text = _format_frames(full, masked, shares_out, share_mask, und, lang, decimals)
    parts = {labels["count"]: count_text}
    if share_text is not None:
        parts[labels["share"]] = share_text
    table = pd.concat(parts, axis=1)
    return ProtectedTable(
        table=table,
        count_text=count_text,
        share_text=share_text,
        counts=counts,
        shares=shares_out,
        mask=masked,
        share_mask=share_mask,
        min_cell=min_cell,
        lang=lang,
        protect_zeros=protect_zeros,
    )


def protect_table(
    counts,
    min_cell: int = MIN_CELL,
    *,
    shares: bool = True,
    share_of: str = "row",
    margins: bool = True,
    protect_zeros: bool = False,
    lang: str = "sv",
    decimals: int = 0,
    total_label: str | None = None,
) -> ProtectedTable:
    """Protect a table of counts and format it for publication.

    Parameters
    ----------
    counts : Series or DataFrame
        A 1-D frequency table (Series: category -> count) or a 2-D table
        (DataFrame: group x category), whole numbers >= 0, without totals.
        Labels pass through unchanged: apply codebook labels before or after.
    min_cell : int, default 5
        Counts 1 .. min_cell-1 are hidden (primary suppression).
    shares : bool, default True
        Also publish shares (percentages). A share is hidden when its count
        is hidden, when its denominator is hidden, or when the denominator is
        below ``min_cell``; a share with denominator 0 is left blank.
    share_of : {"row", "column", "total"}, default "row"
        Denominator of a share in a 2-D table: the row total (distribution
        within each group), the column total, or the grand total. A Series
        always uses its total.
    margins : bool, default True
        Publish totals (a total row, and for a DataFrame a total column).
        If you publish the totals anywhere else (e.g. "n = 42" in a heading),
        keep this True so they are taken into account.
    protect_zeros : bool, default False
        Treat zeros as sensitive too (see :func:`primary_mask`).
    lang : {"sv", "en"}, default "sv"
        Number format and the labels ``Totalt``/``Antal``/``Andel``.
    decimals : int, default 0
        Decimals of the percentages.
    total_label : str, optional
        Label of the totals; default ``"Totalt"`` / ``"Total"``.

    Returns
    -------
    ProtectedTable

    Examples
    --------
    >>> t = pd.DataFrame({"ja": [12, 2], "nej": [30, 25]}, index=["pojke", "flicka"])
    >>> pt = protect_table(t, shares=False)
    >>> pt.count_text
            ja nej Totalt
    pojke    x   x     42
    flicka   x   x     27
    Totalt  14  55     69
    """
    min_cell = _check_min_cell(min_cell)
    lang = check_lang(lang)
    if share_of not in ("row", "column", "total"):
        raise ValueError(f"share_of={share_of!r} is not allowed; allowed: 'row', 'column', 'total'")
    if shares and not margins:
        raise ValueError(
            "shares=True needs margins=True: a published share and its count give "
            "away the denominator, so the totals are published either way"
        )
    values = _as_counts(counts)
    total_label = _labels(lang)["total"] if total_label is None else total_label
    opts = dict(shares=shares, min_cell=min_cell, lang=lang, decimals=decimals, protect_zeros=protect_zeros)
    if margins:
        _refuse_totals(values)
    if isinstance(values, pd.Series):
        p = _count_problem(values.to_numpy(), margins, min_cell, protect_zeros)
        masked = _suppress(p)
        index = _with_label(values.index, total_label) if margins else values.index
        full = pd.Series(p.values, index=index, name=values.name)
        mask = pd.Series(masked, index=index, name=values.name)
        total = int(values.sum())
        total_masked = bool(masked[-1]) if margins else _is_primary(total, min_cell, protect_zeros)
        denom = pd.Series(total, index=index)
        denom_masked = pd.Series(total_masked, index=index)
        return _assemble(full, mask, denom, denom_masked, np.zeros(len(index), bool), **opts)

    r, c = values.shape
    p = _count_problem(values.to_numpy(), margins, min_cell, protect_zeros)
    masked = _suppress(p)
    if margins:
        shape = (r + 1, c + 1)
        index, columns = _with_label(values.index, total_label), _with_label(values.columns, total_label)
        full_v = p.values.reshape(shape)
        full_m = masked.reshape(shape)
    else:
        shape = (r, c)
        index, columns = values.index, values.columns
        full_v = p.values.reshape(shape)
        full_m = masked.reshape(shape)
    full = pd.DataFrame(full_v, index=index, columns=columns)
    mask = pd.DataFrame(full_m, index=index, columns=columns)

    # denominators: the published totals when there are margins, else the
    # unpublished sums, which then count as hidden
    v = values.to_numpy()
    row_tot = np.append(v.sum(axis=1), v.sum()) if margins else v.sum(axis=1)
    col_tot = np.append(v.sum(axis=0), v.sum()) if margins else v.sum(axis=0)
    if share_of == "row":
        denom = np.repeat(row_tot[:, None], shape[1], axis=1)
        dmask = np.repeat(full_m[:, -1:], shape[1], axis=1) if margins else np.ones(shape, bool)
    elif share_of == "column":
        denom = np.repeat(col_tot[None, :], shape[0], axis=0)
        dmask = np.repeat(full_m[-1:, :], shape[0], axis=0) if margins else np.ones(shape, bool)
    else:
        denom = np.full(shape, v.sum())
        dmask = np.full(shape, bool(full_m[-1, -1])) if margins else np.ones(shape, bool)
    return _assemble(full, mask, denom, dmask, np.zeros(shape, bool), **opts)


def protect_multiselect(
    yes,
    n,
    min_cell: int = MIN_CELL,
    *,
    shares: bool = True,
    margins: bool = True,
    protect_complement: bool = True,
    protect_zeros: bool = False,
    lang: str = "sv",
    decimals: int = 0,
    total_label: str | None = None,
    n_label: str | None = None,
) -> ProtectedTable:
    """Protect a multi-select table: each option is a yes count out of ``n``.

    Options overlap (a registration can tick several), so the yes counts do
    not add up to anything; each option is its own yes/no split of ``n``:
    ``yes + no = n``. ``n`` is published, so "no" is as readable as "yes".

    Parameters
    ----------
    yes : Series (option -> yes count) or DataFrame (group x option)
    n : int (with a Series) or Series indexed like ``yes.index`` (with a
        DataFrame): the number of registrations the shares are out of.
    protect_complement : bool, default True
        Also treat a small "no" count (``n - yes`` from 1 to min_cell-1) as
        sensitive: "28 of 30" tells the reader that exactly 2 did not.
    margins : bool, default True
        DataFrame only: publish a total row (yes totals and total ``n``
        over all groups). A Series always publishes ``n``.
    n_label : str, optional
        Label of the ``n`` row (Series) or column (DataFrame); default
        ``"Antal registreringar"`` / ``"Number of registrations"``.

    Returns
    -------
    ProtectedTable
        The ``n`` row/column has a count but a blank share.

    Examples
    --------
    >>> yes = pd.Series({"fysiskt_vald": 12, "heder": 2, "annat": 28})
    >>> protect_multiselect(yes, 30, shares=False).count_text.tolist()
    ['12', 'x', 'x', '30']
    """
    min_cell = _check_min_cell(min_cell)
    lang = check_lang(lang)
    labels = _labels(lang)
    total_label = labels["total"] if total_label is None else total_label
    n_label = labels["n"] if n_label is None else n_label
    values = _as_counts(yes, name="yes")
    opts = dict(shares=shares, min_cell=min_cell, lang=lang, decimals=decimals, protect_zeros=protect_zeros)

    if isinstance(values, pd.Series):
        if isinstance(n, (pd.Series, pd.DataFrame, bool)) or not float(n).is_integer() or n < 0:
            raise ValueError(f"n must be one whole number >= 0 when yes is a Series, got {n!r}")
        n = int(n)
        bad = values[values > n]
        if len(bad):
            raise ValueError(f"yes: row {bad.index[0]!r}: value {int(bad.iloc[0])} is larger than n = {n}")
        k = len(values)
        p = _multiselect_problem(values.to_numpy(), n, False, min_cell, protect_complement, protect_zeros)
        vals, masked = p.values, _suppress(p)
        index = _with_label(values.index, n_label)
        shown = np.r_[np.arange(k), 2 * k]
        full = pd.Series(vals[shown], index=index, name=values.name)
        mask = pd.Series(masked[shown], index=index, name=values.name)
        denom = pd.Series(n, index=index)
        dmask = pd.Series(bool(masked[2 * k]), index=index)
        na = np.zeros(k + 1, bool)
        na[-1] = True
        return _assemble(full, mask, denom, dmask, na, **opts)

    if not isinstance(n, pd.Series):
        raise ValueError("n must be a Series indexed like yes.index when yes is a DataFrame")
    nn = _as_counts(n, name="n")
    if not nn.index.equals(values.index):
        raise ValueError("n must have the same index (groups, same order) as yes")
    for g in values.index:
        over = values.loc[g][values.loc[g] > nn.loc[g]]
        if len(over):
            raise ValueError(
                f"yes: row {g!r}, column {over.index[0]!r}: value {int(over.iloc[0])} "
                f"is larger than n = {int(nn.loc[g])}"
            )
    if n_label in list(values.columns):
        raise ValueError(f"n_label {n_label!r} is already an option; pass another n_label")
    G, O = values.shape
    nv = nn.to_numpy()
    R = G + 1 if margins else G
    n_full = np.append(nv, nv.sum()) if margins else nv
    p = _multiselect_problem(values.to_numpy(), nv, margins, min_cell, protect_complement, protect_zeros)
    vals, masked = p.values, _suppress(p)
    index = _with_label(values.index, total_label) if margins else values.index
    columns = pd.Index(list(values.columns) + [n_label], name=values.columns.name, dtype=object)
    full = pd.DataFrame(vals[: R * (O + 1)].reshape(R, O + 1), index=index, columns=columns)
    mask = pd.DataFrame(masked[: R * (O + 1)].reshape(R, O + 1), index=index, columns=columns)
    denom = np.repeat(n_full[:, None], O + 1, axis=1)
    dmask = np.repeat(mask[n_label].to_numpy()[:, None], O + 1, axis=1)
    na = np.zeros((R, O + 1), bool)
    na[:, O] = True
    return _assemble(full, mask, denom, dmask, na, **opts)


# ---------------------------------------------------------------------------
# masks alone, for callers that format their own numbers
# ---------------------------------------------------------------------------


def _count_problem(v: np.ndarray, margins: bool, min_cell: int, protect_zeros: bool) -> _Problem:
    low = 0 if protect_zeros else 1
    primary = (v >= low) & (v <= min_cell - 1)
    build = _problem_1d if v.ndim == 1 else _problem_2d
    return build(v, primary, margins, min_cell, protect_zeros)


def _multiselect_problem(y: np.ndarray, n, margins: bool, min_cell: int, protect_complement: bool,
                         protect_zeros: bool) -> _Problem:
    """One option's yes + no = n per group (``y`` 1-D with one ``n``, or groups x options with ``n`` per group).

    Cells: the shown grid (yes cells, then n) row by row, then the hidden no
    cells; a 1-D ``y`` is one group without margins.
    """
    low = 0 if protect_zeros else 1
    y2 = np.atleast_2d(y)
    G, O = y2.shape
    nv = np.atleast_1d(np.asarray(n, dtype=np.int64))
    R = G + 1 if margins else G
    # shown grid: R x (O + 1): yes cells then the n column; hidden grid: R x O no-cells
    yes_full = np.vstack([y2, y2.sum(axis=0)]) if margins else y2
    n_full = np.append(nv, nv.sum()) if margins else nv
    no_full = n_full[:, None] - yes_full
    shown_ids = np.arange(R * (O + 1)).reshape(R, O + 1)
    no_ids = R * (O + 1) + np.arange(R * O).reshape(R, O)
    if y.ndim == 1:  # the layout of a Series: yes_0..yes_{k-1}, no_0..no_{k-1} (hidden), n
        shown_ids = np.r_[np.arange(O), 2 * O][None, :]
        no_ids = O + np.arange(O)[None, :]
        vals = np.concatenate((y2[0], no_full[0], n_full)).astype(np.int64)
    else:
        vals = np.concatenate((np.hstack([yes_full, n_full[:, None]]).ravel(), no_full.ravel())).astype(np.int64)
    primary = (vals >= low) & (vals <= min_cell - 1)
    hidden = np.zeros(len(vals), bool)
    hidden[no_ids.ravel()] = True
    if not protect_complement:
        primary[no_ids.ravel()] = False
    eqs = [
        (int(shown_ids[i, O]), np.array([shown_ids[i, j], no_ids[i, j]])) for i in range(R) for j in range(O)
    ]
    if margins:
        eqs += [(int(shown_ids[G, j]), shown_ids[:G, j]) for j in range(O + 1)]
        eqs += [(int(no_ids[G, j]), no_ids[:G, j]) for j in range(O)]
    return _Problem(vals, eqs, primary, hidden, min_cell)


def _whole_array(values, name: str) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind not in "iuf" or not (np.isfinite(array) & (array >= 0) & (array == np.floor(array))).all():
        raise ValueError(f"{name} must be whole numbers >= 0 (no missing values), got {array!r}")
    return array.astype(np.int64)


def count_mask(counts, min_cell: int = MIN_CELL, *, margins: bool = True, protect_zeros: bool = False) -> np.ndarray:
    """The mask :func:`protect_table` publishes, as a bare array: True where a count is shown as ``x``.

    The same suppression (the same function runs inside :func:`protect_table`)
    without the labels and formatted text, for callers that only need to know
    which cells to hide: a report that counts many tables and formats its own
    numbers spends most of a table's time on text it would throw away.

    ``counts`` is a 1-D or 2-D array of whole numbers >= 0 without totals;
    with ``margins`` the result has the totals last (length k + 1, or
    (r + 1) x (c + 1)).

    >>> count_mask(np.array([[12, 30], [2, 25]])).tolist()
    [[True, True, False], [True, True, False], [False, False, False]]
    """
    v = _whole_array(counts, "counts")
    if v.ndim not in (1, 2):
        raise ValueError(f"counts must be 1-D or 2-D, got {v.ndim} dimensions")
    p = _count_problem(v, margins, _check_min_cell(min_cell), protect_zeros)
    shape = tuple(d + 1 for d in v.shape) if margins else v.shape
    return _suppress(p).reshape(shape)


def multiselect_mask(yes, n, min_cell: int = MIN_CELL, *, margins: bool = True, protect_complement: bool = True,
                     protect_zeros: bool = False) -> np.ndarray:
    """The mask :func:`protect_multiselect` publishes, as a bare array (see :func:`count_mask`).

    ``yes`` is options (1-D, with one whole number ``n``) or groups x options
    (2-D, with ``n`` per group). The result has the ``n`` cell last: length
    k + 1, or rows x (options + 1) with a total row when ``margins``.

    >>> multiselect_mask(np.array([12, 2, 28]), 30).tolist()
    [False, True, True, False]
    """
    y = _whole_array(yes, "yes")
    nv = _whole_array(n, "n")
    if y.ndim not in (1, 2) or nv.shape != ((y.shape[0],) if y.ndim == 2 else ()):
        raise ValueError("yes must be 1-D with one n, or 2-D with one n per row")
    if (y > (nv[:, None] if y.ndim == 2 else nv)).any():
        raise ValueError("yes: a count is larger than its n")
    p = _multiselect_problem(y, nv, margins and y.ndim == 2, _check_min_cell(min_cell), protect_complement,
                             protect_zeros)
    masked = _suppress(p)
    if y.ndim == 1:
        return masked[np.r_[np.arange(len(y)), 2 * len(y)]]
    rows = y.shape[0] + 1 if margins else y.shape[0]
    return masked[: rows * (y.shape[1] + 1)].reshape(rows, y.shape[1] + 1)


# ---------------------------------------------------------------------------
# too few registrations for a report
# ---------------------------------------------------------------------------


def min_registrations(min_cell: int = MIN_CELL) -> int:
    """Fewest registrations a municipality needs for a report: ``REPORT_FACTOR * min_cell``.

    With the default ``min_cell = 5`` this is 20, the same limit below which
    Öppna jämförelser leaves out shares "med stor statistisk osäkerhet pga
    små tal (färre än 20)". Below it almost every breakdown into four or more
    categories would be hidden, so a report would be a grid of ``x``.
    """
    return REPORT_FACTOR * _check_min_cell(min_cell)


def too_few(n, min_cell: int = MIN_CELL):
    """True when ``n`` registrations are too few for a municipality report.

    ``n`` may be a number or a Series (e.g. registrations per municipality),
    in which case a bool Series is returned.

    >>> too_few(19), too_few(20)
    (True, False)
    """
    limit = min_registrations(min_cell)
    if isinstance(n, pd.Series):
        return _as_counts(n, name="n") < limit
    if isinstance(n, bool) or not float(n).is_integer() or n < 0:
        raise ValueError(f"n must be a whole number >= 0, got {n!r}")
    return bool(n < limit)


def too_few_text(kommun: str, lang: str = "sv", min_cell: int = MIN_CELL) -> str:
    """The whole text of the short report for a municipality with too few registrations.

    It deliberately gives no number: saying "Ort has 3 registrations" would
    itself publish a small count.

    >>> too_few_text("Hammarö")[:45]
    'Hammarö har för få registreringar (färre än 2'
    """
    check_lang(lang)
    return catalogue.text("disclosure.too_few", lang, kommun=kommun, limit=min_registrations(min_cell))


# ---------------------------------------------------------------------------
# units too small for results of their own (UBU's spärr)
# ---------------------------------------------------------------------------

#: Status of a unit under :func:`suppress_small_units`.
SHOWN, HIDDEN, HIDDEN_SECONDARY = "visas", "sparrad", "sparrad_sekundart"


def suppress_small_units(sizes: pd.Series, min_size: int) -> pd.Series:
    """Which units (providers, …) may have results of their own when the total is shown beside them.

    ``sizes`` is unit -> number of questionnaires (or registrations). A unit
    with fewer than ``min_size`` is hidden (:data:`HIDDEN`) and counted only in
    the total. Because the total is published beside the units that are
    shown, the hidden ones *together* are the total minus the shown ones; so
    they must together hold at least ``min_size`` from at least two units, or
    the smallest shown units are hidden as well (:data:`HIDDEN_SECONDARY`)
    until they do. A unit of size 0 is hidden but counts for nothing: the
    difference it leaves is 0, which tells nobody anything. Ties between equal
    sizes go by name, so the result does not depend on the order of ``sizes``.

    Returns the status of every unit, largest first.

    >>> suppress_small_units(pd.Series({"A": 10, "B": 6, "C": 2}), 3).tolist()
    ['visas', 'sparrad_sekundart', 'sparrad']
    >>> suppress_small_units(pd.Series({"A": 10, "B": 6, "C": 2, "D": 1}), 3).tolist()
    ['visas', 'visas', 'sparrad', 'sparrad']
    """
    if isinstance(min_size, bool) or not isinstance(min_size, Integral) or min_size < 1:
        raise ValueError(f"min_size must be a whole number of at least 1, not {min_size!r}")
    sizes = _as_counts(sizes, name="sizes")
    order = sorted(sizes.index, key=lambda u: (-int(sizes[u]), str(u)))
    sizes = sizes.reindex(order)
    status = pd.Series(np.where(sizes < min_size, HIDDEN, SHOWN), index=sizes.index, dtype="object")
    while True:
        hidden = status != SHOWN
        holding = hidden & (sizes > 0)  # a unit with nothing in it hides nothing, and reveals nothing
        if not holding.any() or (sizes[holding].sum() >= min_size and holding.sum() >= 2):
            return status
        shown = status.index[~hidden]
        if len(shown) == 0:
            return status
        status[shown[-1]] = HIDDEN_SECONDARY


# ---------------------------------------------------------------------------
# repeated queries: the cell-key method (the explorer)
# ---------------------------------------------------------------------------

#: Largest perturbation the cell-key method adds to a count (``D``).
CKM_MAX_NOISE = 2

#: Variance of the perturbation of every count >= 1 (``V``).
CKM_VARIANCE = 1.0

#: Record keys are whole numbers in ``[0, KEY_MODULUS)``; a cell key is their sum mod ``KEY_MODULUS``,
#: divided by it. Integers, so that a cell key does not depend on the order of summation.
KEY_MODULUS = 2**32


def record_keys(data: pd.DataFrame) -> np.ndarray:
    """A fixed random key for every registration (row) of ``data``: int64 in ``[0, 2**32)``.

    The cell-key method (see :func:`perturb_counts`) needs one key per
    record that is the same in every query and every session, and that a
    reader without the data cannot work out. We hash each row's content
    together with its position (pandas' SipHash,
    :func:`pandas.util.hash_pandas_object`), keyed by a digest of the whole
    data set: the same data give the same keys, any change to the data gives
    new keys for every row, and nobody without every row can compute them.
    The key is the top 32 bits of the row hash, i.e. uniform on
    ``{0, …, 2**32 - 1}`` (``record key / 2**32`` is uniform on [0, 1)).

    >>> df = pd.DataFrame({"kon": ["pojke", "flicka", "flicka"]})
    >>> keys = record_keys(df)
    >>> keys.dtype, len(keys), bool((keys >= 0).all() and (keys < 2**32).all())
    (dtype('int64'), 3, True)
    >>> bool((record_keys(df) == keys).all())     # stable
    True
    """
    require_frame(data, "record_keys", "registrations")
    frame = data.reset_index(drop=True)
    rows = pd.util.hash_pandas_object(frame, index=False).to_numpy(dtype=np.uint64)
    salt = hashlib.blake2b(rows.tobytes() + str(list(frame.columns)).encode("utf-8"), digest_size=8).hexdigest()
    # index=True mixes in the position (a RangeIndex after reset_index), so identical rows get different keys
    hashed = pd.util.hash_pandas_object(frame, index=True, hash_key=salt).to_numpy(dtype=np.uint64)
    return (hashed >> np.uint64(32)).astype(np.int64)


def cell_keys(keys, members) -> np.ndarray | float:
    """Cell key of each cell: the sum of its records' keys mod 1 (as ``KEY_MODULUS`` integers).

    Parameters
    ----------
    keys : array of int
        :func:`record_keys` of every record.
    members : bool array, shape (n,) or (n, cells)
        Which records are in the cell (one column per cell).

    Returns
    -------
    float in [0, 1) for a 1-D ``members``, else an array with one key per column.

    The same set of records always gives the same cell key, whatever query
    it comes from (Thompson, Broadfoot & Elazar 2013).

    >>> cell_keys(np.array([2**31, 2**31 + 2**30]), np.array([True, True]))
    0.25
    """
    keys = np.asarray(keys, dtype=np.int64)
    m = np.asarray(members)
    if m.shape[0] != len(keys):
        raise ValueError(f"members has {m.shape[0]} rows, keys has {len(keys)}")
    total = keys @ m.astype(np.int64)  # exact: < 2**32 * n fits int64 for n < 2**31
    out = (np.asarray(total) % KEY_MODULUS) / KEY_MODULUS
    return float(out) if np.ndim(out) == 0 else out


def _max_entropy(values: np.ndarray, variance: float) -> np.ndarray:
    """Maximum-entropy probabilities on ``values`` with mean 0 and the given variance.

    The solution has the form ``p(v) ∝ exp(a·v + b·v²)`` (a discretised,
    truncated normal); ``(a, b)`` minimise the convex dual
    ``log Σ exp(a·v + b·v²) − b·variance``.
    """
    v = values.astype(float)

    def dual(ab):
        z = ab[0] * v + ab[1] * v**2
        zmax = z.max()
        return zmax + np.log(np.exp(z - zmax).sum()) - ab[1] * variance

    ab = minimize(dual, x0=np.zeros(2), method="BFGS").x

    def probabilities(ab):
        z = ab[0] * v + ab[1] * v**2
        p = np.exp(z - z.max())
        return p / p.sum()

    features = np.column_stack([v, v**2])
    for _ in range(50):  # Newton on the dual: gradient = moments - targets, Hessian = their covariance
        p = probabilities(ab)
        gradient = p @ features - np.array([0.0, variance])
        if np.abs(gradient).max() < 1e-13:
            break
        centred = features - p @ features
        ab = ab - np.linalg.solve((centred * p[:, None]).T @ centred, gradient)
    p = probabilities(ab)
    if abs(p @ v) > 1e-6 or abs(p @ v**2 - variance) > 1e-6:
        raise ValueError(f"no distribution on {values.tolist()} has mean 0 and variance {variance}")
    return p


def perturbation_table(max_noise: int = CKM_MAX_NOISE, variance: float = CKM_VARIANCE) -> pd.DataFrame:
    """The perturbation table (ptable) of the cell-key method for counts.

    For each true count ``i`` the table gives the distribution of the noise
    ``v`` added to it, as intervals of the cell key: a cell with true count
    ``i`` and cell key ``k`` is published as ``i + v`` for the row with
    ``lower <= k < upper``. Rules (as R's ``ptable::create_cnt_ptable(D, V)``
    with ``js = 0``):

    * ``|v| <= D = max_noise`` and ``i + v >= 0``;
    * zero stays zero (``i = 0`` gets ``v = 0``): an empty cell stays empty;
    * for every ``i >= 1`` the noise is **unbiased**, ``E[v] = 0``, with
      variance ``V = variance``, and otherwise as uncertain as possible
      (maximum entropy: ``p(v) ∝ exp(a·v + b·v²)`` on the allowed ``v``);
    * ``i >= D`` all share one symmetric row (the table lists ``i = 0 … D``;
      a larger count uses the row ``i = D``).

    ``max_noise=0`` (with ``variance=0``) gives the identity: no perturbation.

    Returns
    -------
    DataFrame with columns ``i`` (true count, ``D`` standing for ``>= D``),
    ``v`` (noise), ``p`` (probability), ``lower``, ``upper`` (cell-key
    interval).

    References
    ----------
    Thompson, G., Broadfoot, S. & Elazar, D. (2013). Methodology for the
    automatic confidentialisation of statistical outputs from remote
    servers at the Australian Bureau of Statistics. UNECE work session on
    statistical data confidentiality, Ottawa.
    Giessing, S. (2016). Computational issues in the design of transition
    probabilities and disclosure risk estimation for additive noise. PSD 2016.
    Enderle, T., Giessing, S. & Tent, R. ``ptable`` and Meindl, B. ``cellKey``
    (R packages, sdcTools).

    >>> pt = perturbation_table()
    >>> pt.groupby("i").apply(lambda r: round(float((r.p * r.v).sum()), 9), include_groups=False).tolist()
    [0.0, 0.0, 0.0]
    >>> pt[pt.i == 0][["v", "p"]].values.tolist()
    [[0.0, 1.0]]
    """
    if isinstance(max_noise, bool) or not isinstance(max_noise, Integral) or max_noise < 0:
        raise ValueError(f"max_noise must be a whole number >= 0, got {max_noise!r}")
    variance = float(variance)
    if max_noise == 0:
        if variance != 0:
            raise ValueError("max_noise=0 (no perturbation) needs variance=0")
    elif not 0 < variance <= max_noise**2:
        raise ValueError(f"variance must be in (0, max_noise**2] = (0, {max_noise**2}], got {variance}")
    rows = [(0, 0, 1.0)]
    for i in range(1, int(max_noise) + 1):
        values = np.arange(max(-i, -max_noise), max_noise + 1)
        for v, p in zip(values, _max_entropy(values, variance)):
            rows.append((i, int(v), float(p)))
    table = pd.DataFrame(rows, columns=["i", "v", "p"])
    upper = table.groupby("i")["p"].cumsum()
    table["upper"] = upper.where(upper < 1 - 1e-12, 1.0)
    table["lower"] = table["upper"] - table["p"]
    table.loc[table.groupby("i").head(1).index, "lower"] = 0.0
    return table[["i", "v", "p", "lower", "upper"]].astype({"v": float})


def perturb_counts(counts, keys, ptable: pd.DataFrame | None = None):
    """Published counts by the cell-key method: ``count + noise(count, cell key)``.

    The noise is looked up in ``ptable`` (default :func:`perturbation_table`)
    from the true count and the cell's key (:func:`cell_keys`), so it is a
    fixed function of the *set of records* in the cell: asking for the same
    cell again, in any query, gives the same published value, and a
    difference of two overlapping cells carries the noise of both.

    Parameters
    ----------
    counts : int or array of int >= 0
    keys : float or array of float in [0, 1), same shape

    Returns
    -------
    int or int64 array, >= 0; 0 where ``counts`` is 0.

    >>> perturb_counts(0, 0.73)
    0
    >>> perturb_counts([20, 20], [0.01, 0.999])
    array([18, 22])
    """
    table = perturbation_table() if ptable is None else ptable
    c = np.asarray(counts)
    k = np.asarray(keys, dtype=float)
    if c.shape != k.shape:
        raise ValueError(f"counts and keys must have the same shape, got {c.shape} and {k.shape}")
    if (c < 0).any() or (c != np.floor(c)).any():
        raise ValueError("counts must be whole numbers >= 0")
    if ((k < 0) | (k >= 1)).any():
        raise ValueError("cell keys must be in [0, 1)")
    c = c.astype(np.int64)
    top = int(table["i"].max())
    row = np.minimum(c, top)
    noise = np.zeros(c.shape, dtype=np.int64)
    for i, part in table.groupby("i"):
        here = row == i
        if not here.any():
            continue
        uppers = part["upper"].to_numpy()
        pos = np.searchsorted(uppers, k[here], side="right")
        noise[here] = part["v"].to_numpy()[np.minimum(pos, len(part) - 1)].astype(np.int64)
    out = np.maximum(c + noise, 0)
    return int(out) if out.ndim == 0 else out


def noise_note(lang: str = "sv", max_noise: int = CKM_MAX_NOISE) -> str:
    """The footnote of a table whose counts were perturbed by the cell-key method."""
    check_lang(lang)
    return catalogue.text("disclosure.noise_note", lang, d=max_noise)
