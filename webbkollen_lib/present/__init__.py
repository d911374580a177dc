"""The presentation layer for tables: labels, sentences and formatted numbers.

* :mod:`.tables`: :func:`~.tables.summary_table` (the gtsummary-like
  publication table) and its Markdown/HTML rendering.
* :mod:`.published`: the Webbkollen report's figures beside ours, test results
  as readable tables, caveats.
* :mod:`.vignettes`: readable tables of the agreement tests.

Computes nothing of its own: numbers come from :mod:`webbkollen_lib.analysis`
and :mod:`webbkollen_lib.agreement`, words from :mod:`webbkollen_lib.core.labels`
and the codebook. Figures are in :mod:`webbkollen_lib.plots`.
"""
