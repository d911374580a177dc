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
# # Övning 9 – Din kommun jämfört med alla
#
# *Exercise 9 – Your municipality compared with all.*
#
# I webbportalen kunde varje kommun jämföra sitt resultat med alla deltagande kommuners sammantagna
# resultat (§2.1). Deltagarna tyckte att det var värdefullt att jämföra sig med andra (§4.1). Här gör du
# samma jämförelse – och ser när en kommun har för få registreringar för en egen rapport.
#
# **Du lär dig:** att läsa ett jämförelsediagram och veta när siffrorna är för få för att redovisas.
#
# **Tid:** cirka 20 minuter.
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
from webbkollen_lib.teaching.exercises import check, setup_exercise
from webbkollen_lib.plots import plot_municipality_vs_all

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras

fall = load_cases()

# %% [markdown]
# ## Välj kommun
#
# Byt kommunen i cellen nedan (till exempel `"Tidaholm"`) och kör sedan alla celler igen: menyn *Run → Run All Cells*.

# %%
KOMMUN = "Umeå"  # "Hammarö", "Majorna-Linné", "Sollentuna", "Solna", "Södermalm", "Tidaholm", "Täby" eller "Umeå"

# %% [markdown]
# ## Orsak till avslut: din kommun och alla deltagare
#
# Den mörka stapeln är din kommun, den ljusa alla deltagare (också din kommun). Antalet står i förklaringen.

# %%
plot_municipality_vs_all(fall, "avslutsorsak", KOMMUN)

# %% [markdown]
# ### Uppgift 9.1
#
# Hur stor andel av insatserna i **din kommun** avslutades med att målet var uppnått? Svara med ett decimaltal.

# %% tags=["solution"]
svar_9_1 = 0.46

# %%
check("uppgift_9_1", svar_9_1, fall, kommun=KOMMUN);

# %% [markdown]
# ### Uppgift 9.2
#
# Är andelen med uppnått mål i din kommun högre eller lägre än bland alla deltagare?
#
# - **a)** Högre (minst 5 procentenheter)
# - **b)** Lägre (minst 5 procentenheter)
# - **c)** Ungefär lika (mindre än 5 procentenheter ifrån)

# %% tags=["solution"]
svar_9_2 = "c"

# %%
check("uppgift_9_2", svar_9_2, fall, kommun=KOMMUN);

# %% [markdown]
# ## Räcker det för en egen rapport?
#
# En rapport per kommun delas upp på kön, ålder, risk och mycket annat. Med få registreringar blir
# nästan varje tal så litet att det måste döljas. Paketets gräns är 20 registreringar. Antalet per kommun:

# %%
fall["kommun"].value_counts()

# %% [markdown]
# ### Uppgift 9.3
#
# Kan din kommun få en egen rapport utan risk att enskilda barn pekas ut?
#
# - **a)** Ja
# - **b)** Nej, den har för få registreringar

# %% tags=["solution"]
svar_9_3 = "a"

# %%
check("uppgift_9_3", svar_9_3, fall, kommun=KOMMUN);

# %% [markdown]
# ## Att diskutera
#
# - Vilka förklaringar kan det finnas till att en kommun skiljer sig från alla deltagare, förutom att arbetet fungerar bättre eller sämre?
# - Vilken jämförelse skulle vara mest användbar för er: med andra kommuner, med er själva förra året, eller mellan era egna enheter?
# - Hur skulle ni göra med en liten kommun eller enhet som vill följa upp sitt arbete?
