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
kommun: str = "Umeå"
ar: int = 2017
data: str = ""  # registrations file (.csv or .xlsx); empty: the shipped synthetic data
lang: str = "sv"  # sv or en
min_cell: int = 5  # counts below this are never shown
jamforelse: list = None  # municipalities to compare with; None: all in the data

# %%
from webbkollen_lib.reports.municipality import load_report

rapport = load_report(data, kommun, ar, lang=lang, min_cell=min_cell, jamforelse=jamforelse)
rapport.header()

# %%
rapport.too_few_block() if rapport.too_few else rapport.background()

# %%
rapport.process()

# %%
rapport.result()

# %%
rapport.data_quality()

# %%
rapport.caveats()
