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
# # Övning 5 – Varför riskskalan används relativt
#
# *Exercise 5 – Why the risk scale is used relatively.*
#
# Man kunde vänta sig att de flesta ärenden som leder till en insats bedöms ha hög eller mycket hög risk.
# Men i Webbkollen bedömdes majoriteten som *ingen/låg* eller *något förhöjd* risk vid beslut (§3.3). När
# projektet granskade ärenden framkom att riskbedömningen i flera fall borde ha varit högre, och att man
# ofta gjorde en **relativ** bedömning: man jämförde med andra aktuella ärenden.
#
# **Du lär dig:** att läsa en fördelning och en tabell med kolumnprocent, jämföra kommuner – och varför en riskskala används relativt.
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
from webbkollen_lib import crosstab, summary_table
from webbkollen_lib.teaching.exercises import check, setup_exercise, show
from webbkollen_lib.analysis.exposure_risk import exposure_by_risk
from webbkollen_lib.plots import plot_exposure_count_by_risk, plot_risk_decision_closure

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras

fall = load_cases()

# %% [markdown]
# ## Riskbedömningen vid beslut

# %%
show(summary_table(fall, ["risk_beslut"], dropna=True))

# %%
plot_risk_decision_closure(fall)

# %% [markdown]
# ### Uppgift 5.1
#
# Hur stor andel av ärendena (med en känd bedömning) bedömdes ha **ingen/låg eller något förhöjd** risk vid beslut? Svara med ett decimaltal.

# %% tags=["solution"]
svar_5_1 = 0.6

# %%
check("uppgift_5_1", svar_5_1, fall);

# %% [markdown]
# ## Antal utsatthetsformer och risk (rapportens tabell 2)
#
# Tabellen har **kolumnprocent**: varje riskkolumn summerar till 100 %. Den visar, för ärendena på varje
# risknivå, hur många former av utsatthet som identifierats.

# %%
exposure_by_risk(fall)

# %%
plot_exposure_count_by_risk(fall)

# %% [markdown]
# ### Uppgift 5.2
#
# Av ärendena med **mycket hög risk** vid beslut – hur stor andel hade **6 eller fler** utsatthetsformer?

# %% tags=["solution"]
svar_5_2 = 0.54

# %%
check("uppgift_5_2", svar_5_2, fall);

# %% [markdown]
# ## Bedömer kommunerna olika?
#
# Tabellen visar riskbedömningen vid beslut per kommun, som andel av kommunens ärenden (radprocent).
# Antalet ärenden står i radrubriken.

# %%
crosstab(fall, "risk_beslut", by="kommun")

# %% [markdown]
# ### Uppgift 5.3
#
# Vilken kommun bedömde störst andel av sina ärenden som **ingen/låg risk**? Skriv namnet inom
# citattecken, till exempel `"Solna"`. Titta sedan på hur många ärenden den kommunen har.

# %% tags=["solution"]
svar_5_3 = "Tidaholm"

# %%
check("uppgift_5_3", svar_5_3, fall);

# %% [markdown]
# ### Uppgift 5.4
#
# Vad menas med att riskbedömningen blir **relativ**?
#
# - **a)** Att risk- och skyddsfaktorer vägs mot varandra enligt en fast skala.
# - **b)** Att ärendet jämförs med andra aktuella ärenden, så att samma barn kan bedömas lägre där många ärenden är tunga.
# - **c)** Att risken bedöms i förhållande till barnets ålder.

# %% tags=["solution"]
svar_5_4 = "b"

# %%
check("uppgift_5_4", svar_5_4);

# %% [markdown]
# ## Att diskutera
#
# - Hur gör ni i er arbetsgrupp när ni bedömer risk? Jämför ni, medvetet eller omedvetet, med andra ärenden?
# - Kommunerna i projektet ville motverka relativa bedömningar genom att systematiskt identifiera och väga risk- och skyddsfaktorer. Hur skulle det se ut hos er?
# - Den kommun som sticker ut i tabellen – hur många ärenden har den? Vad betyder det för tolkningen?
# - Vad skulle en gemensam beskrivning av vad *hög risk* betyder behöva innehålla?
