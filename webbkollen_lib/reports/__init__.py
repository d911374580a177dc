"""Reports for people outside the analysis: one per municipality, run as a batch.

* :mod:`.municipality`: the report's blocks (tables, figures, sentences) for one municipality.
* :mod:`.batch`: ``webbkollen batch``: validated parameters, papermill runs, offline HTML, index.
* :mod:`.warm_kernel`: the papermill engine that reuses kernels between reports.
"""
