"""webbkollen: systematic follow-up in Swedish social child and youth care.

The top-level names are the everyday API; everything else is in the
subpackages, one per concern (``docs/architecture.md``):

=====================  ==========================================================
reading data           ``read_registrations``, ``write_registrations``,
                       ``validate_registrations``, ``read_ratings``, ``write_ratings``,
                       ``DataError``, ``MissingColumnError``
shipped data           ``load_cases``, ``load_vignette_ratings``, ``load_vignettes``,
                       ``generate_cases``, ``generate_vignette_ratings``
codebook               ``get_codebook``, ``Codebook``, ``Variable``, ``apply_dtypes``
analyses               ``frequency_table``, ``crosstab``, ``compare_groups``,
                       ``share_by_group``, ``exposure_shares``, ``exposure_by_risk``,
                       ``ordinal_association``, ``risk_model``, ``transition_table``,
                       ``change_summary``, ``marginal_homogeneity``, ``paired_yes_no``,
                       ``school_change``
readable tables        ``summary_table``
the report's figures   ``load_published_figures``, ``compare_with_published``,
                       ``published_vignette_counts``, ``compare_vignettes_with_published``
Öppna jämförelser      ``load_oppna_jamforelser``
UBU                    ``load_ubu``, ``read_ubu``, ``get_ubu_codebook``, ``generate_ubu``
the 2012 survey        ``load_kartlaggning_2012``, ``load_prioriteringar_2012``,
                       ``read_kartlaggning``, ``survey_table``
disclosure control     ``protect_table``, ``protect_multiselect``, ``ProtectedTable``,
                       ``too_few``, ``too_few_text``
reports                ``MunicipalityReport``, ``run_batch``, ``BatchConfigError``
teaching               ``Explorer``, ``filter_cases``, ``describe_filter``
figures                ``set_style``
=====================  ==========================================================

Agreement statistics are a namespace of their own: ``from webbkollen_lib import agreement``.

The names are imported lazily, on first use, so that ``import webbkollen_lib``
stays cheap: a per-municipality report kernel pays only for what it touches.
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "DataError": "webbkollen_lib.core.errors",
    "Codebook": "webbkollen_lib.core.codebook",
    "Variable": "webbkollen_lib.core.codebook",
    "get_codebook": "webbkollen_lib.core.codebook",
    "apply_dtypes": "webbkollen_lib.core.codebook",
    "read_registrations": "webbkollen_lib.io",
    "write_registrations": "webbkollen_lib.io",
    "validate_registrations": "webbkollen_lib.io",
    "read_ratings": "webbkollen_lib.io",
    "write_ratings": "webbkollen_lib.io",
    "load_cases": "webbkollen_lib.io.datasets",
    "load_vignette_ratings": "webbkollen_lib.io.datasets",
    "load_vignettes": "webbkollen_lib.io.datasets",
    "generate_cases": "webbkollen_lib.synthetic",
    "generate_vignette_ratings": "webbkollen_lib.synthetic",
    "published_vignette_counts": "webbkollen_lib.systems.webbkollen.vignettes",
    "compare_vignettes_with_published": "webbkollen_lib.systems.webbkollen.vignettes",
    "frequency_table": "webbkollen_lib.analysis.descriptive",
    "summary_table": "webbkollen_lib.present.tables",
    "crosstab": "webbkollen_lib.analysis.descriptive",
    "compare_groups": "webbkollen_lib.analysis.comparisons",
    "share_by_group": "webbkollen_lib.analysis.comparisons",
    "exposure_shares": "webbkollen_lib.analysis.comparisons",
    "exposure_by_risk": "webbkollen_lib.analysis.exposure_risk",
    "ordinal_association": "webbkollen_lib.analysis.exposure_risk",
    "risk_model": "webbkollen_lib.analysis.exposure_risk",
    "MissingColumnError": "webbkollen_lib.core.errors",
    "transition_table": "webbkollen_lib.analysis.change",
    "change_summary": "webbkollen_lib.analysis.change",
    "marginal_homogeneity": "webbkollen_lib.analysis.change",
    "paired_yes_no": "webbkollen_lib.analysis.change",
    "school_change": "webbkollen_lib.analysis.change",
    "set_style": "webbkollen_lib.plots.style",
    "filter_cases": "webbkollen_lib.teaching.explorer",
    "describe_filter": "webbkollen_lib.teaching.explorer",
    "Explorer": "webbkollen_lib.teaching.explorer",
    "run_batch": "webbkollen_lib.reports.batch",
    "BatchConfigError": "webbkollen_lib.reports.batch",
    "MunicipalityReport": "webbkollen_lib.reports.municipality",
    "load_published_figures": "webbkollen_lib.systems.webbkollen.reference",
    "compare_with_published": "webbkollen_lib.systems.webbkollen.reference",
    "load_oppna_jamforelser": "webbkollen_lib.systems.oj2015.indicators",
    "load_ubu": "webbkollen_lib.io.ubu",
    "read_ubu": "webbkollen_lib.io.ubu",
    "get_ubu_codebook": "webbkollen_lib.systems.ubu.instrument",
    "generate_ubu": "webbkollen_lib.synthetic.ubu",
    "load_kartlaggning_2012": "webbkollen_lib.io.kartlaggning",
    "load_prioriteringar_2012": "webbkollen_lib.io.kartlaggning",
    "read_kartlaggning": "webbkollen_lib.io.kartlaggning",
    "survey_table": "webbkollen_lib.analysis.kartlaggning",
    "protect_table": "webbkollen_lib.disclosure",
    "protect_multiselect": "webbkollen_lib.disclosure",
    "ProtectedTable": "webbkollen_lib.disclosure",
    "too_few": "webbkollen_lib.disclosure",
    "too_few_text": "webbkollen_lib.disclosure",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'webbkollen_lib' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
