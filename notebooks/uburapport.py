# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
# Parameters (papermill): the batch runner validates them before any kernel starts.
utforare: str = "Algårdens HVB (fiktiv)"
data: str = ""  # UBU questionnaires (.csv or .xlsx); empty: the shipped synthetic questionnaires
lang: str = "sv"  # sv or en
min_cell: int = 5  # counts below this are never shown
min_questionnaires: int = 3  # the spärr: a provider with fewer questionnaires has no results of its own

# %%
from webbkollen_lib.reports.ubu import load_ubu_report

rapport = load_ubu_report(data, utforare, lang=lang, min_questionnaires=min_questionnaires, min_cell=min_cell)
rapport.header()

# %%
rapport.response()

# %%
rapport.indices()

# %%
rapport.parties()

# %%
rapport.breakdowns()

# %%
rapport.caveats()
