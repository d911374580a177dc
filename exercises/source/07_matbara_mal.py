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
# # Övning 7 – Mätbara mål med utgångsläge
#
# *Exercise 7 – Measurable goals with a baseline.*
#
# I samstämmighetstestet formulerade socialsekreterarna mål med insatsen för Jamila. Rapporten (§3.3):
# "Gemensamt för samtliga målformuleringar var avsaknad av utgångsläge, det vill säga information om när
# och hur ofta Jamila utsatts för våld … Detta gör det svårt att sätta mål utifrån vilken förändring som
# ska ske genom insatsen och vad 'uppnått' mål innebär." Alla deltagande kommuner efterfrågade stöd i att
# formulera konkreta och mätbara mål (§4.1).
#
# **Du lär dig:** de fyra delarna i ett mål som går att följa upp: utgångsläge, antal eller frekvens, tidsram och vem som observerar.
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
import pandas as pd
from IPython.display import Markdown
from webbkollen_lib.teaching.exercises import (answer_key, check, goal_table, setup_exercise, vignette_ratings,
                                               vignette_text)

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras
pd.set_option("display.max_colwidth", None)

# %% [markdown]
# ## Välj vinjett och svar
#
# Som i övning 6: efter det levande testet kan ni skriva var svaren finns i `SVARSMAPP` (svarsmappen eller
# webbworkshopens `.sqlite`-fil) och läsa era egna mål.

# %%
VINJETT = "jamila"  # prova också "tobias"
SVARSMAPP = None    # efter det levande testet t.ex. "../notebooks/workshop/svar" eller "workshop.sqlite"

# %%
mal = vignette_ratings(VINJETT, SVARSMAPP)["mal"]
Markdown(vignette_text(VINJETT))

# %% [markdown]
# ## Målen som bedömarna skrev

# %%
goal_table(mal)[["Mål"]]

# %% [markdown]
# ### Uppgift 7.1
#
# Hur många av målen anger ett **utgångsläge** – hur det ser ut i dag, till exempel när och hur ofta
# något händer? Skriv antalet. Här finns inget rätt eller fel: kontrollen visar vad en sökning efter
# nyckelord hittade, som underlag när ni jämför och diskuterar målen.

# %% tags=["solution"]
svar_7_1 = answer_key("uppgift_7_1", mal)

# %%
check("uppgift_7_1", svar_7_1, mal);

# %% [markdown]
# ## Fyra delar i ett mål som går att följa upp
#
# | Del | Frågan den svarar på | Exempel |
# |---|---|---|
# | Utgångsläge | Hur är det i dag? | "I dag berättar Jamila om slag ungefär en gång i veckan" |
# | Antal eller frekvens | Vad räknar vi? | "ingen gång", "högst en gång i månaden", "fyra dagar i veckan" |
# | Tidsram | När ska det vara nått? | "inom sex månader", "vid uppföljningen i juni" |
# | Vem som observerar | Vem ser eller mäter det? | "enligt förskolan", "föräldrarna för dagbok", "drogtester" |
#
# `goal_table` letar efter ord som brukar höra till varje del. Det är en **grov hjälp inför diskussionen,
# ingen bedömning**: ett mål kan ha alla delar och ändå vara ett dåligt mål, och ett bra mål med
# ovanliga ord kan missas.

# %%
goal_table(mal)

# %% [markdown]
# ### Uppgift 7.2
#
# Vilket av målen nedan går att **följa upp**? Svara med bokstaven.
#
# - **a)** Våldet ska upphöra.
# - **b)** Inom sex månader ska Jamila må bättre och föräldrarna vara tryggare i sin föräldraroll.
# - **c)** I dag berättar Jamila för förskolan ungefär en gång i veckan att pappa har slagit henne. Inom sex månader ska hon inte ha berättat om något slag på tre månader, enligt förskolans anteckningar och samtal med Jamila vid varje uppföljning.
# - **d)** Föräldrarna ska gå på föräldrakurs två gånger i veckan under hösten.

# %% tags=["solution"]
svar_7_2 = "c"

# %%
check("uppgift_7_2", svar_7_2);

# %% [markdown]
# ### Uppgift 7.3
#
# Skriv ett eget mål för Jamila med alla fyra delarna, efter `svar_7_3 = `:
# `svar_7_3 = "I dag … Inom … enligt …"`. Citattecken inne i texten och flera rader går bra. Kontrollen
# visar vilka delar den hittar – en grov hjälp, ingen bedömning.

# %% tags=["solution"]
svar_7_3 = 'I dag tar pappa hårt i Jamila ungefär tre gånger i veckan, enligt föräldrarna själva. Inom sex månader ska det hända högst en gång i månaden och efter ett år ingen gång. Föräldrarna noterar varje gång i en dagbok, och förskolan följer upp i samtal med Jamila varje månad.'

# %%
check("uppgift_7_3", svar_7_3);

# %% [markdown]
# ## Att diskutera
#
# - Jämför era mål två och två: vilken del var svårast att få med? Varför?
# - Vem kan observera förändringen i era ärenden – och hur ofta får ni den informationen?
# - Ett mål kan ha alla fyra delarna och ändå vara fel mål. Vad mer behövs (barnets och familjens delaktighet, att målet hänger ihop med utsattheten och riskbedömningen)?
# - Hur skulle variabeln *måluppfyllelse vid avslut* bli mer meningsfull om alla mål hade ett utgångsläge?
