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
region: str = "Uppsala"  # survey region: its name (Uppsala, Göteborgsregionen (GR), …) or code (uppsala)
data: str = ""  # municipalities' answers (.csv or .xlsx); empty: the shipped synthetic answers
lang: str = "sv"  # sv or en
min_cell: int = 5  # fewest answering municipalities for a region's own figures

# %%
from webbkollen_lib.reports.kartlaggning import load_kartlaggning_report

rapport = load_kartlaggning_report(data, region, lang=lang, min_cell=min_cell)
rapport.header()

# %%
rapport.response()

# %%
rapport.questions()

# %%
rapport.priorities_block()

# %%
rapport.caveats()
