"""Reports for people outside the analysis: one per municipality, run as a batch.

* :mod:`.kinds`: the report kinds the batch runner knows (``kommun``, ``oj2015``): notebook, default data, units.
* :mod:`.municipality`: the Webbkollen report's blocks (tables, figures, sentences) for one municipality.
* :mod:`.oj2015`: the Öppna jämförelser 2015 report, Socialstyrelsen's analysis guide in four steps.
* :mod:`.batch`: ``webbkollen batch``: validated parameters, papermill runs, offline HTML, index.
* :mod:`.warm_kernel`: the papermill engine that reuses kernels between reports.
"""
