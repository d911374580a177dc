"""One look for every figure of the package: palette, hatches and matplotlib settings.

The figures go into reports that are printed, often in black and white, and
photocopied for a social services committee. So nothing is told apart by hue
alone:

* ordered levels (risk, number of exposure forms) use one hue with evenly
  spaced lightness, light to dark (:func:`sequential`);
* two series (a municipality against all participants, decision against
  closure) are a dark and a light shade, and the second is also hatched
  (:data:`PAIR`, :data:`HATCHES`);
* four groups (sex × origin) take four lightness steps and alternate hatches.

Fonts are the DejaVu Sans that ships with matplotlib: nothing is fetched from
the internet.

Plot functions draw inside :func:`style_context`, so importing or using the
package never changes a user's matplotlib settings. Call :func:`set_style`
only to give your own figures the same look (it changes the global
``matplotlib.rcParams`` on purpose).
"""

from __future__ import annotations

import io
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb

__all__ = [
    "LIGHT",
    "DARK",
    "PAIR",
    "HATCHES",
    "EDGE",
    "RC",
    "sequential",
    "sequential_cmap",
    "group_styles",
    "luminance",
    "text_colour_on",
    "style_context",
    "set_style",
    "figure_svg",
]

#: The ends of the one hue used everywhere (ColorBrewer "Blues" 200 and 900).
LIGHT = "#c6dbef"
DARK = "#08306b"
#: Dark first series, light hatched second series.
PAIR = ("#2b5c8a", "#b3cde3")
#: Hatches by series: none for the first, then diagonal, dots, cross.
HATCHES = ("", "///", "...", "xxx")
#: Bar edges: dark grey so the lightest bars still have an outline on paper.
EDGE = "#333333"

RC = {
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.facecolor": "white",
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.labelcolor": "0.15",
    "axes.edgecolor": "0.3",
    "axes.linewidth": 0.8,
    "axes.facecolor": "white",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "axes.prop_cycle": mpl.cycler(color=[PAIR[0], PAIR[1], DARK, LIGHT]),
    "grid.color": "0.85",
    "grid.linewidth": 0.6,
    "grid.linestyle": "-",
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "xtick.color": "0.15",
    "ytick.color": "0.15",
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "legend.frameon": False,
    "patch.edgecolor": EDGE,
    "patch.force_edgecolor": True,
    "patch.linewidth": 0.6,
    "hatch.linewidth": 0.8,
    "hatch.color": EDGE,
    "image.cmap": "Blues",
    "text.color": "0.15",
}


def sequential(n: int) -> list[tuple[float, float, float]]:
    """``n`` colours of one hue, light to dark, with evenly spaced lightness.

    >>> len(sequential(4))
    4
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    if n == 1:
        return [to_rgb(PAIR[0])]
    lo, hi = np.array(to_rgb(LIGHT)), np.array(to_rgb(DARK))
    return [tuple(lo + (hi - lo) * t) for t in np.linspace(0, 1, n)]


def sequential_cmap() -> LinearSegmentedColormap:
    """The continuous version of :func:`sequential` (white to dark), for heat maps."""
    return LinearSegmentedColormap.from_list("webbkollen", ["#ffffff", LIGHT, DARK])


def group_styles(n: int) -> list[dict]:
    """Face colour, hatch and hatch colour for ``n`` series of bars.

    Two series get :data:`PAIR` (the second hatched); more get lightness
    steps from dark to light with alternating hatches, so neighbours differ
    in two ways and every series is told apart in grey scale.
    """
    if n == 1:
        colours = [PAIR[0]]
    elif n == 2:
        colours = list(PAIR)
    else:
        colours = sequential(n)[::-1]
    styles = []
    for i, colour in enumerate(colours):
        hatch = HATCHES[i % len(HATCHES)] if n <= 2 else ("" if i % 2 == 0 else HATCHES[1 + (i // 2) % 3])
        styles.append({"color": colour, "hatch": hatch, "hatchcolor": text_colour_on(colour)})
    return styles


def luminance(colour) -> float:
    """Relative luminance (WCAG 2, 0 = black, 1 = white): what is left in grey-scale print."""
    rgb = np.array(to_rgb(colour))
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(lin @ np.array([0.2126, 0.7152, 0.0722]))


def text_colour_on(colour) -> str:
    """White on dark backgrounds, near-black on light ones."""
    return "white" if luminance(colour) < 0.25 else "#1a1a1a"


@contextmanager
def style_context():
    """The package style for the figures drawn inside the ``with`` block only."""
    with mpl.rc_context(RC):
        yield


def set_style() -> None:
    """Give every later matplotlib figure the package style (changes global rcParams)."""
    mpl.rcParams.update(RC)


def figure_svg(fig) -> bytes:
    """``fig`` as SVG, the same bytes every run: text as text, no date, fixed ids.

    Reports embed figures as SVG rather than PNG: a vector image stays sharp
    when a reader zooms (WCAG 1.4.4) or prints, and matplotlib writes it in
    about a third of the time it takes to rasterise the same figure, which
    was most of a report's time. Text stays text (``svg.fonttype: none``),
    in DejaVu Sans where the reader has it and the reader's sans-serif
    otherwise: drawing glyphs as paths would cost half again as much, and text
    keeps the figure's words searchable in a printed PDF. DejaVu Sans is wider
    than the common sans-serif fonts, so a substitute never overflows the
    space matplotlib measured.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.bar(["a", "b"], [1, 2])
    >>> svg = figure_svg(fig); plt.close(fig)
    >>> svg.startswith(b"<?xml") and svg == figure_svg(fig) and b"sans-serif" in svg
    True
    """
    buffer = io.BytesIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "webbkollen"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
