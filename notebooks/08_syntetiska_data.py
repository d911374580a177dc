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

# %% [markdown]
# # Syntetiska data – rapportens siffror bredvid våra
#
# *Synthetic data: every figure the Webbkollen report publishes beside the same figure computed from
# the shipped synthetic data, and the report's agreement-test counts beside the synthetic ratings.*
#
# Alla data i paketet är påhittade. De är dragna ur en modell av hur variablerna hänger ihop och
# kalibrerade så att varje siffra som SKL:s rapport publicerar (2018, §3.3 och §4.2) återskapas:
# antal exakt, andelar inom 1,5 procentenheter. Rapportens tabeller går inte alltid ihop med varandra;
# `webbkollen_lib/systems/webbkollen/data/README.md` beskriver varje motsägelse och vilken siffra vi följer.

# %% tags=["parameters"]
data: str = ""  # registreringar; tomt: de syntetiska data som följer med paketet

# %%
import pandas as pd
from webbkollen_lib import compare_with_published, compare_vignettes_with_published, load_cases, load_vignette_ratings

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", 70)
cases = load_cases(data or None)
jamforelse = compare_with_published(cases)
f"{int(jamforelse['ok'].sum())} av {len(jamforelse)} publicerade siffror stämmer inom sin tolerans."

# %% [markdown]
# ## Registreringarna (416 avslutade insatser 2017)

# %%
jamforelse[["source", "row", "column", "unit", "published", "reproduced", "difference", "tolerance", "ok"]]

# %% [markdown]
# ## Samstämmighetstesten (vinjetterna)

# %%
vinjetter = compare_vignettes_with_published(load_vignette_ratings())
f"{int(vinjetter['ok'].sum())} av {len(vinjetter)} antal i rapporten återskapas exakt."

# %%
vinjetter

# %% [markdown]
# ## Att komma ihåg
#
# Att siffrorna stämmer betyder bara att de syntetiska data ser ut som rapportens data där rapporten
# låter oss kontrollera det. Allt annat – hur enskilda variabler samvarierar utöver det rapporten
# visar – kommer från vår modell och säger inget om verkliga barn. Rapportens egna förbehåll gäller
# också: uppgifterna är inte representativa, samma barn kan vara registrerat flera gånger och vissa
# variabler tolkades olika av olika socialsekreterare.
