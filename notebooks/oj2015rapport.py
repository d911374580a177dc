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
kommun: str = "Solna"
data: str = ""  # indicator file in the ÖJ long format (.csv or .xlsx); empty: the shipped ÖJ 2015 data
lang: str = "sv"  # sv or en
min_cell: int = 5  # counts below this are never shown (the Webbkollen figures of step 2)

# %%
from webbkollen_lib.reports.oj2015 import load_oj2015_report

rapport = load_oj2015_report(data, kommun, lang=lang, min_cell=min_cell)
rapport.header()

# %%
rapport.step1()

# %%
rapport.step2()

# %%
rapport.step3()

# %%
rapport.step4()

# %%
rapport.caveats()
