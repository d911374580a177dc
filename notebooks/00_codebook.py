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
# # Kodbok – variablerna i Webbkollen Barn och Unga
#
# *Codebook of the Webbkollen follow-up variables (English summary at the end).*
#
# Kodboken beskriver varje variabel som prövades i SKL:s projekt Webbkollen Barn och Unga
# (rapporten 2018, figur 3, avsnitt 3.3 och 4.2): id, etikett på svenska och engelska, typ,
# svarsalternativ, vilka svar som betyder *inte känt*, vid vilket tillfälle variabeln registreras
# (beslut, uppföljning, avslut), grupp (bakgrund, process, resultat) och den definition eller
# varning som rapporten ger. Allt i paketet – inläsning, tabeller, rapporter – hämtar sina
# etiketter härifrån.

# %%
from IPython.display import HTML, Markdown
from webbkollen_lib import get_codebook
from webbkollen_lib.core.codebook import frame_to_markdown
from webbkollen_lib.present.tables import to_html

cb = get_codebook()
Markdown(cb.summary("sv"))

# %% [markdown]
# ## Variablerna i registreringarna
#
# En rad per datakolumn. Flervalsfrågor (identifierad utsatthet, insatsens fokus, samverkan) är en
# ja/nej-kolumn per svarsalternativ med gemensamt prefix, t.ex. `hem_fysiskt_vald`. Ett uttryckligt
# *ingen*-svar är ett eget alternativ (`hem_ingen`), så att "inget ikryssat" och "svarade ingen" går
# att skilja åt.

# %%
HTML(to_html(cb.table("sv", dataset="registrations")[["id", "Variabel", "Typ", "Koder", "Tillfälle", "Grupp"]]))

# %% [markdown]
# ## Bakgrund, process och resultat (rapportens figur 3)
#
# Hur många variabler och datakolumner varje grupp har; en flervalsfråga är en variabel men en kolumn
# per svarsalternativ.

# %%
HTML(to_html(cb.groups_table("sv")))

# %% [markdown]
# ## Definitioner och det rapporten varnar för
#
# Riskbedömningen, identifierad utsatthet, insatsens fokus och öppenvårdsinsatserna visade sig svåra
# att registrera samstämmigt (rapporten §3.3 och §5.2). Varningarna följer med variablerna, en gång
# per variabel (en flervalsfrågas alternativ delar frågans definition):

# %%
Markdown(frame_to_markdown(cb.definitions("sv", dataset="registrations")))

# %% [markdown]
# ## Svarsalternativ och koder för *inte känt*
#
# *Läses som saknat värde* betyder att svaret läses in som saknat värde (NA), som *inte känt* för
# riskbedömningen. *Betyder okänt* utan *Läses som saknat värde* är en egen kategori som ändå betyder
# okänt eller ej aktuellt (skolsituationen "kan ej bedöma"). `cb.codes_table()` utan språk ger samma
# tabell som data (koder, True/False).

# %%
HTML(to_html(cb.codes_table("sv")))

# %% [markdown]
# ## Vinjettbedömningar (samstämmighetstesten, §3.3)

# %%
HTML(to_html(cb.table("sv", dataset="ratings")[["id", "Variabel", "Typ", "Koder"]]))

# %% [markdown]
# ## Export
#
# `cb.to_excel("kodbok.xlsx")`, `cb.to_csv("kodbok.csv")` och `cb.to_markdown()` ger samma tabell
# att dela med verksamheten.
#
# ## English summary
#
# The codebook lists every variable of the Webbkollen registrations and vignette ratings with Swedish
# and English labels, codes, the codes that mean *not known*, occasions and the report's definitions
# and caveats. `cb.table("en")` shows it in English:

# %%
HTML(to_html(cb.table("en", dataset="registrations")[["id", "label", "kind", "occasions", "group"]].head(15)))
