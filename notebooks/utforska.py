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
# # Utforska registreringarna
#
# *Interactive explorer of the Webbkollen registrations (English summary below).*
#
# Som i Webbkollen-portalen kan du här välja ut en målgrupp – kommun, kön, åldersgrupp, ursprung,
# ensamkommande, insats och identifierad utsatthet – och se hur resultaten ser ut för den, bredvid
# alla deltagare. Tabellen och diagrammet ritas om så fort du ändrar ett filter.
#
# Uppgifterna är **syntetiska**: de är framtagna av paketets egen generator och kalibrerade mot
# tabellerna i rapporten *Webbkollen Barn och unga* (SKL 2018). Inget av det som visas beskriver ett
# verkligt barn.

# %% [markdown]
# ## Så här använder du utforskaren (för dig som leder workshopen)
#
# 1. **Kör alla celler** (menyn *Run → Run All Cells*). Utforskaren är sista cellen, längst ner i
#    notebooken, och det är där du hamnar när alla celler har körts.
# 2. **Välj vad som ska visas** i listan *Visa*, till exempel riskbedömningen vid beslut, typ av
#    insats eller identifierad utsatthet i hemmiljön.
# 3. **Välj en målgrupp med filtren.** Listorna för kommun, kön, ursprung och ensamkommande står på
#    *Alla* tills du väljer något. Åldersgrupp, insats och utsatthet är kryssrutor: tryck på så många
#    du vill; inget ikryssat betyder alla. Utsattheten är ordnad i tre grupper – hemmiljön,
#    vårdnadshavaren och barnet – och *Minst ett av alternativen* väljer hela gruppen. Under
#    *Kombinera* väljer du om registreringen ska ha *minst en* av de valda formerna eller *alla*.
#    *Rensa filter* sätter tillbaka allt till *Alla*.
# 4. **Jämför med alla deltagare.** Väljer du en kommun visas kommunen bredvid *övriga kommuner* och
#    *alla deltagare* med samma övriga filter – portalens jämförelse. Utan kommun jämförs urvalet med
#    alla registreringar. Kryssa ur *Jämför med alla deltagare* för att bara se urvalet.
# 5. **Läs raden "Urval: … av … registreringar"**: den säger hur många registreringar som ligger bakom
#    tabellen och diagrammet, av alla registreringar (med eller utan vald kommun), och meningen under
#    den säger vilka filter som gäller. Hur många urvalet jämförs med står i kolumnrubrikerna
#    (*N = …*). Andelarna är av alla registreringar i kolumnen; raden *Saknas* visar dem som saknar
#    uppgift. En variabel som bara registreras vid avslut (t.ex. orsak till avslut) visas bara för
#    avslutsregistreringarna.
# 6. **Blir urvalet för litet** (färre än 20 registreringar) visas inga resultat. Meddelandet säger
#    då vilket filter du kan ta bort för att få ett tillräckligt stort urval.
#
# **Sekretess.** Antal från 1 till 4 visas aldrig, inte heller om de skulle kunna räknas fram ur
# summorna: sådana celler visas som **x** (se fotnoten under tabellen), och i diagrammet får de ingen
# stapel. Ett urval med färre än 20 registreringar visas inte alls, och då anges inte heller hur många
# det är. Alla antal har dessutom ändrats med ett litet slumpmässigt tal (högst ±2) som alltid är
# detsamma för samma grupp av registreringar: då går det inte att räkna fram ett litet antal genom att
# jämföra två urval som skiljer sig med några få registreringar, och summorna stämmer inte alltid
# exakt med delarna. Använd ändå utforskaren i workshopen, inte för att ta fram tabeller som ska spridas.
#
# **Förslag på frågor att diskutera:** Skiljer sig riskbedömningen vid beslut mellan pojkar och
# flickor, eller mellan barn födda i Sverige och utomlands? Hur ofta har man samtalat enskilt med
# barnet vid beslut och vid avslut? Vilka insatser får barn med identifierad utsatthet i hemmiljön?
# Hur ser det ut i er kommun jämfört med alla deltagare – och vad kan skillnaden bero på?

# %% [markdown]
# ## English summary
#
# The explorer filters the synthetic registrations by municipality, sex, age group, origin,
# unaccompanied minor, intervention and identified exposure, as the Webbkollen portal did, and shows
# the chosen variable for the selection beside the other participants and all participants. The
# line "Urval: n av N registreringar" gives the number of registrations behind the table and the
# chart, out of all registrations. Every count carries a small fixed noise (cell-key method, at most
# ±2, the same for the same registrations), so comparing two overlapping selections does not reveal a
# small count. Counts from 1 to 4, and anything they could be worked out from, are shown as `x`; a
# selection with fewer than 20 registrations is not shown at all, and the message says which filter to
# remove. Use `Explorer(cases, lang="en")` for English labels; the filter logic is
# `webbkollen_lib.teaching.explorer.filter_cases`. The explorer itself is the last cell, so that
# *Run All* ends on it.

# %%
from webbkollen_lib import load_cases
from webbkollen_lib.teaching.explorer import Explorer, build_view

cases = load_cases()

# %% [markdown]
# ## Ett urval utan interaktivitet
#
# Cellen nedan visar samma sorts vy utan reglage, så att något syns även när notebooken körs
# automatiskt eller öppnas som en statisk sida: flickor 13–18 år, riskbedömningen vid beslut,
# bredvid övriga och alla deltagare.

# %%
build_view(cases, "risk_beslut", {"kon": "flicka", "aldersgrupp": "13_18"})

# %% [markdown]
# Samma sak för kommunen med flest registreringar, jämförd med alla deltagare (portalens vy):

# %%
storst = cases["kommun"].value_counts().index[0]
build_view(cases, "samtal_enskilt_beslut", {"kommun": storst})

# %% [markdown]
# ## Utforskaren
#
# Välj filter och variabel nedan; tabellen och diagrammet under reglagen ritas om direkt.

# %%
explorer = Explorer(cases)
explorer.widget
