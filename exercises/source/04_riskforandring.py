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
# # Övning 4 – Läsa en övergångstabell: risk vid beslut och vid avslut
#
# *Exercise 4 – Reading a transition table: risk at decision and at closure.*
#
# Risken att barnet far illa bedöms både vid beslut och vid avslut av insatsen. En **övergångstabell**
# visar för varje ärende var det började och var det slutade. Rapporten (figur 8): risken minskar främst
# i ärenden som vid beslut bedömdes ha hög risk – i 65 procent av dem bedöms risken som lägre vid
# avslut. Där risken var mycket hög görs samma bedömning vid avslut i hälften av ärendena (52 procent).
#
# **Du lär dig:** att läsa rader, kolumner och diagonal i en korstabell, räkna andelar av en rad – och vad en sådan tabell kan och inte kan säga.
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
# %matplotlib inline
from webbkollen_lib import load_cases
from webbkollen_lib.analysis.change import change_summary, transition_table
from webbkollen_lib.teaching.exercises import check, setup_exercise
from webbkollen_lib.plots import plot_transition_heatmap

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras

fall = load_cases()

# %% [markdown]
# ## Tabellen i antal
#
# **Raderna** är risken vid beslut, **kolumnerna** risken vid avslut. Varje ärende finns i en cell.
# Diagonalen (samma nivå vid beslut och avslut) är oförändrade bedömningar; till vänster om diagonalen
# är risken lägre vid avslut, till höger högre. Bara ärenden med en bedömning vid båda tillfällena finns
# med.

# %%
transition_table(fall, "risk_beslut", "risk_avslut", lang="sv")

# %% [markdown]
# ### Uppgift 4.1
#
# Hur många ärenden i tabellen hade **hög risk vid beslut**? Skriv antalet.

# %% tags=["solution"]
svar_4_1 = 105

# %%
check("uppgift_4_1", svar_4_1, fall);

# %% [markdown]
# ## Samma tabell som andelar av raden
#
# Färgen och procenten visar andelen *av raden*: av dem som hade en viss risk vid beslut, hur stor andel
# hade varje nivå vid avslut. Antalet står inom parentes.

# %%
plot_transition_heatmap(fall, "risk_beslut", "risk_avslut")

# %% [markdown]
# ### Uppgift 4.2
#
# Av ärendena med **hög risk** vid beslut – hur stor andel bedömdes ha **lägre** risk vid avslut? Svara med ett decimaltal.

# %% tags=["solution"]
svar_4_2 = 0.65

# %%
check("uppgift_4_2", svar_4_2, fall);

# %% [markdown]
# ### Uppgift 4.3
#
# Av ärendena med **mycket hög risk** vid beslut – hur stor andel fick **samma** bedömning vid avslut?

# %% tags=["solution"]
svar_4_3 = 0.52

# %%
check("uppgift_4_3", svar_4_3, fall);

# %% [markdown]
# ## Sammanfattning per nivå
#
# Här är cellerna hopräknade: hur många (och hur stor andel av raden) som fick lägre, samma eller högre
# risk vid avslut. Stämmer det med dina svar?

# %%
change_summary(fall, "risk_beslut", "risk_avslut", lang="sv")

# %% [markdown]
# ### Uppgift 4.4
#
# Vad visar övergångstabellen?
#
# - **a)** Att insatserna sänkte risken för barnen.
# - **b)** Hur bedömningen vid avslut förhåller sig till bedömningen vid beslut i samma ärende – inte varför den ändrades.
# - **c)** Att riskbedömningen är tillförlitlig, eftersom de flesta ändras åt samma håll.

# %% tags=["solution"]
svar_4_4 = "b"

# %%
check("uppgift_4_4", svar_4_4);

# %% [markdown]
# ## Prova själv
#
# Samma sorts tabell går att göra för skolsituationen. Byt variablerna i cellen nedan till
# `"skola_beslut"` och `"skola_avslut"` och kör cellen igen.

# %%
fore, efter = "risk_beslut", "risk_avslut"
plot_transition_heatmap(fall, fore, efter)

# %% [markdown]
# ## Att diskutera
#
# - Risken sjunker oftast där den var hög vid beslut. Vad kan det bero på, förutom insatsen? Tänk på att den som bedömer vid avslut kan vara en annan person, och att extrema värden ofta följs av mindre extrema (regression mot medelvärdet).
# - Ett ärende med ingen/låg risk kan inte bli lägre. Hur påverkar det jämförelsen mellan nivåerna?
# - Vad skulle ni behöva veta för att kunna säga något om insatsernas effekt?
