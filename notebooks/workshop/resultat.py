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
# # Samstämmighetstest – gruppens resultat
#
# Samma bild som projektorsidan i webbworkshoppen (`webbkollen workshop`): hur många som har svarat,
# era riskbedömningar bredvid deltagarna i SKL:s rapport för samma ärende i procent, hur samstämmiga ni
# är, vad ni kryssade i och vilka ord ni använde vid olika risknivåer.
#
# **Så använder du den:** välj *Run → Run All Cells* när deltagarna har svarat (och igen när fler har
# svarat). Svaren läses från workshoppens fil (`workshop.sqlite` från `webbkollen workshop`) eller från
# svarsmappen (`svar/`) som `svara.ipynb` skriver till: ändra `mapp` i cellen nedan om de ligger någon
# annanstans, och `vinjett` om ni bedömde ett annat ärende. Koden är dold; klicka på de tre punkterna
# för att se den.

# %% tags=["parameters"] jupyter={"source_hidden": true}
vinjett: str = "jamila"
mapp: str = "svar"
lang: str = "sv"

# %% jupyter={"source_hidden": true}
from webbkollen_lib.teaching.workshop import WorkshopResults

resultat = WorkshopResults(mapp, vinjett, lang=lang)
resultat.result()

# %% [markdown]
# ## Fördjupning
#
# Måtten beskriver hur samlade svaren är på den ordnade skalan: två svar på intilliggande nivåer är mer
# lika än två svar på skalans ytterkanter. Intervallen visar osäkerheten med så här få deltagare.

# %% jupyter={"source_hidden": true}
resultat.deep()

# %% jupyter={"source_hidden": true}
resultat.checklists()

# %% jupyter={"source_hidden": true}
resultat.words()

# %% [markdown]
# Rapporten fann för Jamila att de som bedömde låg risk skrev om *svårigheter i gränssättning*, de som
# bedömde något förhöjd risk om *hård uppfostringsstil* och de som bedömde hög risk om *fysiskt våld
# mot barnet*. Hur ser det ut i er grupp?
#
# ## Att diskutera
#
# - Vad i ärendet fick er att välja olika risknivåer? Var det antalet riskfaktorer eller hur allvarliga
#   ni bedömde dem?
# - Jämförde någon med andra ärenden ni har just nu (en *relativ* bedömning, rapporten §3.3)?
# - Vilka skyddsfaktorer vägde ni in, och hur?
# - Om ni skulle formulera ett mål med insatsen: vad är utgångsläget i dag?
