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
# # Övning 2 – Jämföra flickor och pojkar
#
# *Exercise 2 – Comparing girls and boys.*
#
# Jämförelser mellan grupper är ett viktigt steg i uppföljningen (rapporten §4.2, "Jämförelser mellan
# grupper"). Har flickor och pojkar samma utsatthet? Avslutas insatserna lika ofta med att målet är
# uppnått? Rapporten fann till exempel att flickor i genomsnitt hade fler identifierade
# utsatthetsformer än pojkar (4,03 mot 3,28).
#
# **Du lär dig:** att jämföra andelar och medelvärden mellan grupper, läsa ett p-värde – och se hur en tredje variabel kan förklara en skillnad.
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
from webbkollen_lib import load_cases
from webbkollen_lib.analysis.comparisons import share_by_group
from webbkollen_lib import summary_table
from webbkollen_lib.teaching.exercises import check, setup_exercise, show

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras

fall = load_cases()

# %% [markdown]
# ## Identifierad utsatthet i hemmiljön, flickor och pojkar
#
# Varje kolumn är en grupp, och procenten är andelen *av gruppen*: av flickorna, av pojkarna. Ett barn
# kan ha flera former av utsatthet.

# %%
show(summary_table(fall, ["hem"], by="kon", dropna=True, missing="no"))

# %% [markdown]
# ### Uppgift 2.1
#
# Hur stor andel av **flickorna** hade *Andra familjekonflikter* som identifierad utsatthet? Svara med ett decimaltal.

# %% tags=["solution"]
svar_2_1 = 0.53

# %%
check("uppgift_2_1", svar_2_1, fall);

# %% [markdown]
# ## Antal utsatthetsformer per barn
#
# För varje barn kan flera former av utsatthet registreras: i hemmiljön, hos vårdnadshavaren och hos
# barnet självt. Tabellen visar **medelvärdet** av antalet former per barn (standardavvikelsen inom
# parentes) och ett **p-värde** för skillnaden mellan flickor och pojkar.

# %%
show(summary_table(fall, ["antal_utsatthet"], by="kon", continuous="mean_sd", add_p=True, missing="no"))

# %% [markdown]
# ### Uppgift 2.2
#
# Hur många fler utsatthetsformer har flickor **i genomsnitt** än pojkar? Räkna flickornas medelvärde
# minus pojkarnas och svara med ett tal, till exempel `0.4`.

# %% tags=["solution"]
svar_2_2 = 0.78

# %%
check("uppgift_2_2", svar_2_2, fall);

# %% [markdown]
# ### Uppgift 2.3
#
# Är skillnaden mellan flickor och pojkar **statistiskt säkerställd** på 5 %-nivån? Titta på p-värdet.
#
# - **a)** Ja
# - **b)** Nej

# %% tags=["solution"]
svar_2_3 = "a"

# %%
check("uppgift_2_3", svar_2_3, fall);

# %% [markdown]
# ## När en tredje variabel förklarar skillnaden
#
# Rapporten (Exempel 4): målet med insatsen var uppnått för 55 % av de svenskfödda pojkarna men bara för
# 29 % av de utlandsfödda pojkarna. Tabellen visar andelen insatser som avslutades med att målet var
# uppnått, per grupp. Byt sedan `grupp` till `"ensamkommande"` och kör cellen igen.

# %%
grupp = "kon_ursprung"  # byt till "ensamkommande" och kör igen
share_by_group(fall, "avslutsorsak", by=grupp, category="mal_uppnatt", wide=True)

# %% [markdown]
# ### Uppgift 2.4
#
# Varför avslutas insatser för utlandsfödda pojkar mer sällan med att målet är uppnått?
#
# - **a)** Socialtjänsten arbetar sämre med utlandsfödda pojkar.
# - **b)** Många av dem är ensamkommande, och deras insatser avslutas oftare av andra skäl (t.ex. flytt).
# - **c)** Det är slumpen, eftersom gruppen är liten.

# %% tags=["solution"]
svar_2_4 = "b"

# %%
check("uppgift_2_4", svar_2_4);

# %% [markdown]
# ## Att diskutera
#
# - En skillnad kan vara statistiskt säkerställd men liten. Hur stor skillnad skulle vara viktig för er verksamhet?
# - Vad kan ligga bakom att flickor har fler identifierade utsatthetsformer: barnens situation, eller hur vi utreder och registrerar?
# - Vilka andra jämförelser mellan grupper vore intressanta hos er (ålder, insats, utsatthet)? Vilken tredje variabel skulle kunna förklara skillnaden?
