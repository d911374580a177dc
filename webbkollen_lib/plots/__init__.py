"""Figures: the report's figures (:mod:`.figures`), the agreement tests' figures
(:mod:`.vignettes`) and one grey-scale-safe style (:mod:`.style`).

``from webbkollen_lib import plots`` gives the names of :mod:`.figures`.
"""

from webbkollen_lib.plots import figures
from webbkollen_lib.plots.figures import *  # noqa: F401,F403  (the names in figures.__all__)

__all__ = list(figures.__all__)
