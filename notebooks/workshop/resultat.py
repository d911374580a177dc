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
# Kör om notebooken (*Run → Run All Cells*) när deltagarna har svarat, så visas gruppens bedömningar
# direkt: riskbedömningarna bredvid fördelningen i SKL:s rapport för samma ärende, hur samstämmiga ni
# är, vilken utsatthet ni identifierade, om de som såg fler riskfaktorer också bedömde risken högre,
# och vilka ord ni använde vid olika risknivåer – som rapporten gjorde för Jamila.

# %% tags=["parameters"]
vinjett: str = "jamila"
mapp: str = "svar"
lang: str = "sv"

# %%
# %matplotlib inline
from webbkollen_lib.teaching.workshop import WorkshopResults

resultat = WorkshopResults(mapp, vinjett, lang=lang)
resultat.summary()

# %% [markdown]
# ## Riskbedömningar – ni och rapporten

# %%
resultat.risk_table()

# %%
resultat.risk_figure()

# %% [markdown]
# ## Hur samstämmiga är ni?
#
# Andelen i den vanligaste nivån är lättast att tolka. Konsensusmåtten tar hänsyn till att skalan är
# ordnad: två svar på intilliggande nivåer är mer lika än två svar på skalans ytterkanter.
# Intervallen visar osäkerheten med så här få deltagare.

# %%
resultat.consensus()

# %% [markdown]
# ## Identifierad utsatthet i hemmiljön
#
# Hur många kryssade i varje alternativ? Där gruppen är delad – vad i ärendet läste ni olika?

# %%
resultat.exposure_agreement("hem")

# %%
resultat.exposure_agreement("insatsforslag")

# %% [markdown]
# ## Fler identifierade riskfaktorer – högre risk?
#
# I rapporten bedömde de som såg fler riskfaktorer i ärendet Max också risken som högre.

# %%
resultat.factors_vs_rating()

# %% [markdown]
# ## Orden ni använde
#
# Rapporten fann för Jamila att de som bedömde låg risk skrev om *svårigheter i gränssättning*, de som
# bedömde något förhöjd risk om *hård uppfostringsstil* och de som bedömde hög risk om *fysiskt våld
# mot barnet*. Hur ser det ut i er grupp?

# %%
resultat.words()

# %% [markdown]
# ## Att diskutera
#
# - Vad i ärendet fick er att välja olika risknivåer? Var det antalet riskfaktorer eller hur allvarliga
#   ni bedömde dem?
# - Jämförde någon med andra ärenden ni har just nu (en *relativ* bedömning, rapporten §3.3)?
# - Vilka skyddsfaktorer vägde ni in, och hur?
# - Om ni skulle formulera ett mål med insatsen: vad är utgångsläget i dag?
