"""Figures: the report's figures (:mod:`.figures`) and one grey-scale-safe style (:mod:`.style`)."""

from webbkollen_lib.plots.figures import (  # noqa: F401
    plot_municipality_vs_all,
    plot_risk_decision_closure,
    plot_exposure_by_sex_origin,
    plot_transition_heatmap,
    plot_exposure_count_by_risk,
    plot_published_shares,
    PLOT_TEXT,
)

__all__ = [
    "plot_municipality_vs_all",
    "plot_risk_decision_closure",
    "plot_exposure_by_sex_origin",
    "plot_transition_heatmap",
    "plot_exposure_count_by_risk",
    "plot_published_shares",
    "PLOT_TEXT",
]
