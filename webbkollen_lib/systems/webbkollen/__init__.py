"""Webbkollen Barn och Unga (SKL 2018): the system's own definitions.

* ``codebook.yaml``: the 40 follow-up variables (read by :mod:`webbkollen_lib.core.codebook`).
* :mod:`.derived`: derived variables (exposure count, sex x origin, form of care).
* :mod:`.populations`: the registrations the report analysed and its examples' groups.
* :mod:`.reference`: the report's published figures (``data/published_figures.csv``)
  and :func:`~.reference.compare_with_published`.
* :mod:`.vignettes`: the agreement tests' vignette texts (``data/vignettes/``)
  and the report's counts of their ratings (``data/vignette_counts.csv``).
"""
