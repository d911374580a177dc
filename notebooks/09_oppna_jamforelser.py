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
# # Öppna jämförelser 2015 – åtta nordvästkommuner sida vid sida
#
# *Open comparisons 2015: the published indicators of eight north-west Stockholm municipalities
# beside the county and the nation, the targets they meet, and the link to Webbkollen for the two
# municipalities that took part in both.*
#
# Till skillnad från Webbkollen-registreringarna är de här siffrorna **verkliga och publicerade**:
# FoU-Nordvästs sammanställning av Socialstyrelsens Öppna jämförelser 2015 för den sociala barn- och
# ungdomsvården, cell för cell (`webbkollen_lib/systems/oj2015/data/README.md` säger var varje tabell
# kommer ifrån och vilka motsägelser källan har). Läs dem med tre förbehåll:
#
# - de är **kommunernas egna enkätsvar**: frågor kan ha tolkats olika, och ett Ja säger inte hur väl
#   en rutin fungerar;
# - de gäller **en mätdag** (oftast 1 november 2014);
# - **struktur- och processindikatorer** (rutiner, överenskommelser, planer) är förutsättningar för
#   kvalitet, inte resultat för barnen.
#
# `x` betyder att värdet inte publiceras (sekretess eller för litet underlag) och `–` att uppgift
# saknas; inget av dem räknas som 0 eller Nej.

# %% tags=["parameters"]
lang: str = "sv"  # sv or en
data: str = ""  # en nyare ÖJ-fil i samma långa format; tomt: 2015 års data som följer med paketet

# %%
import pandas as pd
from IPython.display import Markdown
from webbkollen_lib import load_cases, load_oppna_jamforelser
from webbkollen_lib.io.indicators import read_indicators
from webbkollen_lib.analysis.indicators import ranks
from webbkollen_lib.present.indicators import (data_summary, published_table, profile_table, related_indicators,
                                               targets_table, thirds_table, yes_no_overview)
from webbkollen_lib.plots.indicators import plot_share_indicators, style_yes_no
from webbkollen_lib.present.tables import summary_table
from webbkollen_lib.systems.oj2015.indicators import load_indicators, load_municipality_groups

pd.set_option("display.max_rows", 100)
pd.set_option("display.max_colwidth", 80)
oj = read_indicators(data) if data else load_oppna_jamforelser()
katalog = load_indicators()
Markdown(data_summary(oj, lang))

# %% [markdown]
# ## Ja och Nej, alla kommuner
#
# En rad per indikator som kommunerna svarar Ja eller Nej på. Läns- och rikskolumnerna visar andelen
# kommuner som svarat Ja.

# %%
style_yes_no(yes_no_overview(oj, katalog, lang=lang), lang=lang)

# %% [markdown]
# ## Andelsindikatorerna mot länet och riket
#
# En punkt per kommun; romben är Stockholms län, strecket riket. Värdena står i tabellen under figuren.

# %%
plot_share_indicators(oj, katalog, lang=lang)

# %%
published_table(oj, katalog, measure="andel", lang=lang)

# %% [markdown]
# ## Målvärden nådda per område
#
# För indikatorer med ett målvärde som går att pröva (t.ex. "alla kommuner ska ha …" = Ja). Okänt
# betyder x eller bortfall: det räknas varken som nått eller inte nått.

# %%
targets_table(oj, katalog, lang=lang)

# %% [markdown]
# ## Tredjedelar (Kolada-stil) – relativa, inte ett betyg
#
# För andels- och antalsindikatorer med målvärde: var kommunen hamnar bland de åtta. **Färgen är
# relativ**: den bästa tredjedelen kan ligga långt från målet och den sämsta kan nå det.

# %%
tredjedelar = thirds_table(oj, katalog, lang=lang)
Markdown(tredjedelar.attrs["caveat"])

# %%
tredjedelar

# %% [markdown]
# ### Rang inom samma befolkningsgrupp
#
# Guiden föreslår att jämföra med kommuner av liknande storlek. Rang 1 är bäst bland kommunerna i
# samma befolkningsgrupp (1–5, efter antal invånare); `n_jamforda` är hur många som har ett värde.

# %%
grupper = load_municipality_groups().set_index("enhet")["befolkningsgrupp"]
ranks(oj, katalog, groups=grupper).pivot(index="indikator", columns="enhet", values="rang")

# %% [markdown]
# ## Kopplingen till Webbkollen: Solna och Sollentuna
#
# Solna och Sollentuna finns både här och bland Webbkollens deltagare 2017. Bredvid deras
# ÖJ-svar om uppföljning och brukarnas uppfattning visas deras Webbkollen-registreringar.
# **Webbkollen-uppgifterna i paketet är syntetiska** (kalibrerade mot Webbkollen-rapportens siffror,
# inte hämtade från kommunerna), så jämförelsen visar hur en analys går till, inte hur det är i
# kommunerna. Två kommuner räcker inte för att säga något om hur strukturindikatorer hänger ihop med
# det Webbkollen mäter.

# %%
cases = load_cases()
relaterade = related_indicators(katalog)
profile_table(oj, katalog, "Solna", indicators=relaterade, lang=lang)

# %%
summary_table(cases[cases["kommun"] == "Solna"], ["avslutsorsak", "samtal_enskilt_beslut"], lang=lang, min_cell=5,
              missing="ifany")

# %%
profile_table(oj, katalog, "Sollentuna", indicators=relaterade, lang=lang)

# %%
summary_table(cases[cases["kommun"] == "Sollentuna"], ["avslutsorsak", "samtal_enskilt_beslut"], lang=lang,
              min_cell=5, missing="ifany")
