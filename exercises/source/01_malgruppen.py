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
# # Övning 1 – Beskriva målgruppen
#
# *Exercise 1 – Describing the target group.*
#
# Den enklaste formen av uppföljning är att räkna: hur många, och hur stor andel? Rapporten från
# Webbkollen Barn och Unga (avsnitt 4.2) börjar med att beskriva de 416 insatser som avslutades 2017:
# kön, ålder, ursprung och ensamkommande barn (tabell 3). Här gör du samma sak.
#
# **Du lär dig:** att läsa en tabell med antal och andel – *n (%)* – och att alltid fråga vad andelen är en andel *av*: nämnaren.
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
from webbkollen_lib import load_cases
from webbkollen_lib import summary_table
from webbkollen_lib.teaching.exercises import check, setup_exercise, show

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras

fall = load_cases()  # en rad per registrerad insats
len(fall)

# %% [markdown]
# ## Målgruppen i siffror
#
# Tabellen visar antal och, inom parentes, andel i procent. Raden *Saknas* visar hur många som saknar
# uppgiften. Läs också raden under tabellen: vad är procenten räknade på?

# %%
show(summary_table(fall, ["kon", "aldersgrupp", "ursprung", "ensamkommande"]))

# %% [markdown]
# ### Uppgift 1.1
#
# Hur många av de avslutade insatserna gällde **flickor**? Skriv antalet (ett heltal).

# %% tags=["solution"]
svar_1_1 = 192

# %%
check("uppgift_1_1", svar_1_1, fall);

# %% [markdown]
# ### Uppgift 1.2
#
# Hur stor **andel** av alla registreringar gällde barn **födda i Sverige**? Räkna som rapportens
# tabell 3, där andelen är av *alla* registreringar – också dem där ursprunget saknas. Svara med ett
# decimaltal, till exempel `0.25`.

# %% tags=["solution"]
svar_1_2 = 0.79

# %%
check("uppgift_1_2", svar_1_2, fall);

# %% [markdown]
# ### Uppgift 1.3
#
# Vilken **åldersgrupp** är störst? Svara med bokstaven inom citattecken, till exempel `"a"`.
#
# - **a)** 0–6 år
# - **b)** 7–12 år
# - **c)** 13–18 år
# - **d)** Över 18 år

# %% tags=["solution"]
svar_1_3 = "c"

# %%
check("uppgift_1_3", svar_1_3, fall);

# %% [markdown]
# ## Andel av vad?
#
# Rapporten skriver att "lite mer än hälften" av de utlandsfödda barnen var ensamkommande (44 av 81).
# Då är nämnaren de utlandsfödda, inte alla barn. Tabellen nedan delar upp på ursprung: varje kolumn är
# en grupp, och procenten är räknade inom kolumnen.

# %%
show(summary_table(fall, ["ensamkommande"], by="ursprung"))

# %% [markdown]
# ### Uppgift 1.4
#
# Av barnen **födda utomlands** – hur stor andel var **ensamkommande**? Svara med ett decimaltal.

# %% tags=["solution"]
svar_1_4 = 0.54

# %%
check("uppgift_1_4", svar_1_4, fall);

# %% [markdown]
# ## Prova själv
#
# Byt variabeln i cellen nedan och kör den igen. Prova `"hem"` (identifierad utsatthet i hemmiljön),
# `"risk_beslut"` (riskbedömningen vid beslut) eller `"avslutsorsak"`. För `"hem"` kan ett barn ha
# flera svar, så andelarna summerar till mer än 100 %.

# %%
variabel = "aldersgrupp"
show(summary_table(fall, [variabel]))

# %% [markdown]
# ## Att diskutera
#
# - Vilka tre siffror om målgruppen skulle er nämnd eller ledning vilja se först? Varför just de?
# - Rapporten räknar andelen svenskfödda av *alla*, också barn med okänt ursprung. När är det bättre att räkna bort dem som saknar uppgift – och vad måste man då skriva ut?
# - Vad säger det om registreringen att uppgifter saknas för några barn? Hur ser det ut i er verksamhet?
