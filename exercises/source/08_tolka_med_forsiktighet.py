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
# # Övning 8 – Tolka med försiktighet
#
# *Exercise 8 – Interpreting with care.*
#
# Rapporten upprepar att resultaten ska tolkas med stor försiktighet (§2.1, §2.2, §4.2): kommunerna
# deltog frivilligt och alla ärenden registrerades inte, så data är **inte representativa**; det fanns
# **inget id**, så samma barn kan ha registrerats flera gånger; och många grupper är **små**. När
# siffror lämnar huset – till exempel till socialnämnden – får inga tal vara så små att ett barn kan
# pekas ut (**röjandekontroll**).
#
# **Du lär dig:** fyra fallgropar att tänka på innan man drar slutsatser eller visar siffror för andra.
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
from webbkollen_lib import load_cases, protect_table
from webbkollen_lib import crosstab, summary_table
from webbkollen_lib.teaching.exercises import check, count_table, setup_exercise, show

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras

fall = load_cases()

# %% [markdown]
# ## Registreringar, inte barn
#
# Webbkollen registrerade en rad per insats, utan personnummer eller annat id – av hänsyn till
# sekretess och personuppgifter (§2.1).

# %%
show(summary_table(fall, ["tillfalle", "kon"]))

# %% [markdown]
# ### Uppgift 8.1
#
# Data har en rad per registrering. Hur många **barn** handlar det om?
#
# - **a)** Lika många barn som rader.
# - **b)** Högst lika många som rader – samma barn kan ha registrerats flera gånger, och det finns inget id att räkna barnen med.
# - **c)** Fler barn än rader, eftersom syskon räknas på samma rad.

# %% tags=["solution"]
svar_8_1 = "b"

# %%
check("uppgift_8_1", svar_8_1);

# %% [markdown]
# ## Små tal
#
# Riskbedömningen vid beslut per kön och ursprung (rapportens tabell 5). Antalet barn i varje grupp står
# i radrubriken (n = …). Rapporten: "hög risk" bedömdes för en större andel av de utlandsfödda flickorna
# än för övriga barn.

# %%
crosstab(fall, "risk_beslut", by="kon_ursprung")

# %% [markdown]
# ### Uppgift 8.2
#
# Hur många **utlandsfödda flickor** har en känd riskbedömning vid beslut? Skriv antalet.

# %% tags=["solution"]
svar_8_2 = 16

# %%
check("uppgift_8_2", svar_8_2, fall);

# %% [markdown]
# ### Uppgift 8.3
#
# Om **en enda** av de utlandsfödda flickorna hade bedömts annorlunda – hur mycket hade andelen med hög
# risk i den gruppen ändrats? Svara som andel (decimaltal), till exempel `0.02` för 2 procentenheter.

# %% tags=["solution"]
svar_8_3 = 0.06

# %%
check("uppgift_8_3", svar_8_3, fall);

# %% [markdown]
# ## Röjandekontroll: tabeller som går till nämnden
#
# Här är antalet insatser per kommun och orsak till avslut. Ett litet tal – en eller ett par insatser i en
# liten kommun – kan räcka för att någon känner igen barnet. `protect_table` döljer tal från 1 till
# `MIN_CELL − 1` och sätter `x` i stället. Den döljer också de tal som de små talen annars kunde räknas
# fram ur, med hjälp av summorna.

# %%
antal = count_table(fall, "avslutsorsak", by="kommun")
antal

# %%
MIN_CELL = 5  # prova 3 eller 10 och kör cellerna igen
skyddad = protect_table(antal, min_cell=MIN_CELL)
skyddad

# %% [markdown]
# ### Uppgift 8.4
#
# Hur många tal i den **skyddade** tabellen (under *Antal*, också summorna) visas som `x`?

# %% tags=["solution"]
svar_8_4 = 13

# %%
check("uppgift_8_4", svar_8_4, fall, min_cell=MIN_CELL);

# %% [markdown]
# ### Uppgift 8.5
#
# Kan resultaten sägas gälla för barn med insatser i hela Sverige?
#
# - **a)** Ja, fyrahundra ärenden är många.
# - **b)** Nej, kommunerna deltog frivilligt och alla ärenden registrerades inte, så vi vet inte hur representativa data är.
# - **c)** Ja, om skillnaderna är statistiskt säkerställda.

# %% tags=["solution"]
svar_8_5 = "b"

# %%
check("uppgift_8_5", svar_8_5);

# %% [markdown]
# ## Att diskutera
#
# - Hur skulle ni skriva en mening om målgruppen så att det framgår att det är insatser, inte barn, som räknas?
# - Vilka grupper i er verksamhet är så små att procenttalen hoppar när ett enda barn ändras?
# - Vilka tabeller visar ni i dag för nämnden? Skulle något tal där kunna peka ut ett barn?
# - Vad behövs för att era egna data ska bli mer representativa för verksamheten (till exempel att alla avslutade insatser registreras)?
