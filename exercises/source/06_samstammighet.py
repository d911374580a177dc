# ---
# jupyter:
#   jupytext:
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
# # Övning 6 – Samstämmighet i en vinjett – och vad som skapar oenighet
#
# *Exercise 6 – Agreement on a vignette, and what drives disagreement.*
#
# I två samstämmighetstester (§3.3) bedömde flera socialsekreterare samma konstruerade ärende. För Jamila,
# 4 år, angav 11 av 16 *något förhöjd risk*, två *ingen/låg*, två *hög* och en *inte känt*. Samma
# information – olika bedömningar. Har ni gjort det levande samstämmighetstestet (se
# `exercises/README.md`) kan ni analysera er egen grupps svar här.
#
# **Du lär dig:** att mäta hur överens bedömare är om ett ärende, tänka på nämnaren när någon svarat *inte känt*, och se vad som skapar oenighet.
#
# **Tid:** cirka 30 minuter.
#
# **Så här gör du**
#
# 1. Kör cellerna uppifrån och ned: klicka i en cell och tryck *Shift + Enter*.
# 2. Vid varje uppgift finns en cell där det står `svar_… = ...`. Byt ut `...` mot ditt svar och kör cellen.
# 3. Kör cellen under, som börjar med `check(`. Den säger om svaret stämmer och ger ett tips om det inte
#    gör det. Du kan försöka hur många gånger du vill.
#
# Skriv **andelar som decimaltal med punkt**: 57 % skrivs `0.57` (inte `0,57`). Bokstäver och namn skrivs
# **inom citattecken**: `"b"`, `"Umeå"`. All kod finns redan – du fyller bara i svar och ändrar ibland ett värde.
# Skriver du ändå `79 %`, `0,57` eller `b` utan citattecken går det bra: cellen visar hur den läste svaret.
#
# *Alla data här är syntetiska: påhittade registreringar, gjorda för att likna tabellerna i rapporten
# Webbkollen Barn och Unga (SKL 2018). Inget barn finns på riktigt.*

# %%
# Förberedelser: kör den här cellen först.
from IPython.display import Markdown
from webbkollen_lib import crosstab, summary_table
from webbkollen_lib.teaching.exercises import (agreement_overview, answer_key, check, checklist_overview,
                                               setup_exercise, show, vignette_ratings, vignette_text)

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras

# %% [markdown]
# ## Välj vinjett och svar
#
# Normalt används de syntetiska svaren från rapportens test. Efter det levande testet: skriv var svaren
# finns inom citattecken i `SVARSMAPP` – svarsmappen från `notebooks/workshop/svara.ipynb` eller
# webbworkshopens `.sqlite`-fil – välj vinjetten och kör alla celler igen.

# %%
VINJETT = "jamila"  # "assi", "max", "jamila", "tobias" eller "mohammad"
SVARSMAPP = None    # efter det levande testet t.ex. "../notebooks/workshop/svar" eller "workshop.sqlite"

# %%
bedomningar = vignette_ratings(VINJETT, SVARSMAPP)
Markdown(vignette_text(VINJETT))

# %% [markdown]
# ## Riskbedömningarna
#
# Hur bedömde deltagarna risken att barnet far illa i nuvarande situation? *Saknas* är de som svarade *inte känt*.

# %%
show(summary_table(bedomningar, ["risk"]))

# %% [markdown]
# ### Uppgift 6.1
#
# Hur stor andel av bedömarna **som gjorde en riskbedömning** valde den vanligaste bedömningen? Räkna
# inte med dem som svarade *inte känt*. Svara med ett decimaltal.

# %% tags=["solution"]
svar_6_1 = answer_key("uppgift_6_1", bedomningar)

# %%
check("uppgift_6_1", svar_6_1, bedomningar);

# %% [markdown]
# ## Hur ofta är två bedömare överens?
#
# Ett annat sätt att se på samstämmighet: välj två bedömare på måfå – hur ofta har de gjort samma
# bedömning? Översikten räknar det över alla par av bedömare.

# %%
agreement_overview(bedomningar)

# %% [markdown]
# ### Uppgift 6.2
#
# Om två av bedömarna väljs på måfå – hur stor är chansen att de gjort **samma** riskbedömning?

# %% tags=["solution"]
svar_6_2 = answer_key("uppgift_6_2", bedomningar)

# %%
check("uppgift_6_2", svar_6_2, bedomningar);

# %% [markdown]
# ## Identifierad utsatthet i hemmiljön
#
# Andelen av bedömarna som kryssade för varje alternativ. (Test 1 – Assi och Max – frågade bara om
# risken; där finns inga kryss.)

# %%
checklist_overview(bedomningar, "hem")

# %% [markdown]
# ### Uppgift 6.3
#
# Vilken utsatthet i hemmiljön kryssade **flest** bedömare för? Skriv alternativet som det står i
# tabellen, inom citattecken.

# %% tags=["solution"]
svar_6_3 = answer_key("uppgift_6_3", bedomningar)

# %%
check("uppgift_6_3", svar_6_3, bedomningar);

# %% [markdown]
# ## Vad skilde bedömarna åt?
#
# Tabellen visar, för varje riskbedömning, hur stor andel av bedömarna som kryssade för *Fysiskt våld
# mot barnet* (Ja) och inte (Nej).

# %%
crosstab(bedomningar, "hem_fysiskt_vald", by="risk")

# %% [markdown]
# ### Uppgift 6.4
#
# Vad skilde de bedömare som angav högre risk för Jamila från dem som angav lägre?
#
# - **a)** Hur många år de arbetat som socialsekreterare.
# - **b)** Om de tolkade det som hänt som fysiskt våld mot barnet eller som svårigheter att sätta gränser.
# - **c)** Vilken kommun de arbetade i.

# %% tags=["solution"]
svar_6_4 = "b"

# %%
check("uppgift_6_4", svar_6_4);

# %% [markdown]
# ## Att diskutera
#
# - Läs vinjetten igen. Är det fysiskt våld eller svårigheter att sätta gränser? Vad i texten får dig att välja?
# - Rapporten: osäkerheten gäller framför allt hur allvarlig och omfattande en riskfaktor är, och hur väl skyddsfaktorerna fungerar. Hur skulle ni kunna enas om det i er grupp?
# - Vad betyder det för statistiken över riskbedömningar (övning 5) att bedömare är oense om samma ärende?
# - Efter det levande testet: var ni mer eller mindre överens än deltagarna i rapporten?
