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
# # Samstämmighetstest – ditt svar
#
# Läs ärendet nedan och gör din bedömning: risken att barnet far illa i nuvarande situation, den
# utsatthet du identifierar, vilken insats du tror behövs och en kort motivering. Tryck **Skicka**.
# Du kan ändra och skicka igen – ditt senaste svar gäller.
#
# *Kursledaren:* välj ärende och svarsmapp i cellen nedan. Med en gemensam dator som går runt: tryck
# **Nästa deltagare** mellan svaren. Med en dator var: låt mappen ligga på en delad katalog som alla
# når, så samlas svaren där. Svaren sparas som en fil per deltagare och ärende, så ingen skriver över
# någon annans svar.

# %% tags=["parameters"]
vinjett: str = "jamila"  # assi, max, jamila, tobias, mohammad – eller id för ett eget ärende i vinjettmapp
vinjettmapp: str = ""  # mapp med egna vinjettfiler (.yaml); tom = de medföljande ärendena
mapp: str = "svar"  # svarsmappen (delad mapp om deltagarna sitter vid egna datorer)
kommun: str = ""  # förifyllt kommunnamn, om alla kommer från samma kommun
lang: str = "sv"

# %%
from IPython.display import Markdown
from webbkollen_lib import load_vignettes
from webbkollen_lib.present.vignettes import vignette_markdown

Markdown(vignette_markdown(load_vignettes(vinjettmapp or None)[vinjett], lang=lang))

# %% [markdown]
# Formuläret: namn, riskbedömning, och under den de fyra checklistorna – öppna en i taget (rubriken
# visar hur många du har kryssat i), skriv din motivering och tryck **Skicka**.

# %%
from webbkollen_lib.teaching.form_layout import grouped_form
from webbkollen_lib.teaching.workshop import AnswerForm

formular = AnswerForm(mapp, vinjett, lang=lang, kommun=kommun)
grouped_form(formular)

# %% [markdown]
# När en deltagare har skickat sitt svar på en gemensam dator: kör cellen nedan för att tömma
# formuläret till nästa deltagare.

# %%
formular.clear()
