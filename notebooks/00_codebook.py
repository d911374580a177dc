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
# # Kodbok – variablerna i Webbkollen Barn och Unga
#
# *Codebook of the Webbkollen follow-up variables (English summary at the end).*
#
# Kodboken beskriver varje variabel som prövades i SKL:s projekt Webbkollen Barn och Unga
# (rapporten 2018, figur 3, avsnitt 3.3 och 4.2): id, etikett på svenska och engelska, typ,
# svarsalternativ, vilka svar som betyder *inte känt*, vid vilket tillfälle variabeln registreras
# (beslut, uppföljning, avslut), grupp (bakgrund, process, resultat) och den definition eller
# varning som rapporten ger. Allt i paketet – inläsning, tabeller, rapporter – hämtar sina
# etiketter härifrån.

# %%
from IPython.display import Markdown
import pandas as pd
from webbkollen_lib import get_codebook

pd.set_option("display.max_colwidth", 120)
pd.set_option("display.max_rows", 200)
cb = get_codebook()
len(cb.columns("registrations")), len(cb.columns("ratings"))

# %% [markdown]
# ## Variablerna i registreringarna
#
# En rad per datakolumn. Flervalsfrågor (identifierad utsatthet, insatsens fokus, samverkan) är en
# ja/nej-kolumn per svarsalternativ med gemensamt prefix, t.ex. `hem_fysiskt_vald`. Ett uttryckligt
# *ingen*-svar är ett eget alternativ (`hem_ingen`), så att "inget ikryssat" och "svarade ingen" går
# att skilja åt.

# %%
cb.table("sv", dataset="registrations")[["id", "Variabel", "Typ", "Koder", "Tillfälle", "Grupp"]]

# %% [markdown]
# ## Bakgrund, process och resultat (rapportens figur 3)

# %%
table = cb.table("sv", dataset="registrations")
table.groupby("Grupp", sort=False)["id"].count().rename("antal kolumner")

# %% [markdown]
# ## Definitioner och det rapporten varnar för
#
# Riskbedömningen, identifierad utsatthet, insatsens fokus och öppenvårdsinsatserna visade sig svåra
# att registrera samstämmigt (rapporten §3.3 och §5.2). Varningarna följer med variablerna:

# %%
Markdown(cb.to_markdown("sv", columns=["id", "Definition", "Att tänka på"]).replace("| |", "|"))

# %% [markdown]
# ## Svarsalternativ och koder för *inte känt*
#
# `read_as_missing` betyder att svaret läses in som saknat värde (NA), som *inte känt* för
# riskbedömningen. `means_unknown` utan `read_as_missing` är en egen kategori som ändå betyder okänt
# eller ej aktuellt (skolsituationen "kan ej bedöma").

# %%
cb.codes_table()

# %% [markdown]
# ## Vinjettbedömningar (samstämmighetstesten, §3.3)

# %%
cb.table("sv", dataset="ratings")[["id", "Variabel", "Typ", "Koder"]]

# %% [markdown]
# ## Export
#
# `cb.to_excel("kodbok.xlsx")`, `cb.to_csv("kodbok.csv")` och `cb.to_markdown()` ger samma tabell
# att dela med verksamheten.
#
# ## English summary
#
# The codebook lists every variable of the Webbkollen registrations and vignette ratings with Swedish
# and English labels, codes, the codes that mean *not known*, occasions and the report's definitions
# and caveats. `cb.table("en")` shows it in English:

# %%
cb.table("en", dataset="registrations")[["id", "label", "kind", "occasions", "group"]].head(15)
