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
# # Kartläggning 2012 – rapportens tabeller återgivna
#
# *SKL's 2012 survey of how municipalities follow up children placed in familjehem and HVB: the
# report's tables and text figures, the published value beside the one our data give.*
#
# Hösten 2011 skickade de regionala utvecklingsledarna SKL:s enkät med nio frågor till kommunerna i
# sitt län, summerade svaren på en sammanställningsblankett och rangordnade sju utvecklingsområden
# (fråga 10). SKL sammanställde riket: **190 av 290 kommuner (66 %)** i 21 av undersökningens 24
# regioner (21 län, Västra Götaland uppdelat på fyra kommunalförbund).
#
# Rapporten publicerade bara rikets siffror och svarsfrekvensen per län, inte kommunernas egna svar.
# Svaren här är därför **syntetiska** för de verkliga kommuner som svarade: gjorda så att varje
# publicerad siffra som kan gälla samtidigt återges (`data/synthetic/README.md`). Siffrorna i
# kolumnen *Publicerat* är rapportens egna; `webbkollen_lib/systems/kartlaggning2012/README.md`
# listar rapportens motsägelser och vilken siffra som följs.
#
# Notebooken följer undersökningens eget arbetsflöde: kommunernas svar → länets
# sammanställningsblankett → riket.

# %% tags=["parameters"]
lang: str = "sv"  # sv or en
data: str = ""  # kommunernas svar (.csv eller .xlsx) i samma form; tomt: de syntetiska svaren som följer med paketet

# %%
import pandas as pd
from webbkollen_lib import load_kartlaggning_2012, load_prioriteringar_2012, read_kartlaggning
from webbkollen_lib.analysis.kartlaggning import compile_table, county_form, priority_means, response_by_region
from webbkollen_lib.present.kartlaggning import (priority_table, question_table, question_title,
                                                 reproduction_table, response_table)
from webbkollen_lib.systems.kartlaggning2012.reference import compare_with_published

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", 90)
svar = read_kartlaggning(data) if data else load_kartlaggning_2012()
rangordning = load_prioriteringar_2012()
jamforelse = compare_with_published(svar, rangordning)
print(f"{len(svar)} kommuner har svarat; {int(jamforelse['ok'].sum())} av {len(jamforelse)} publicerade siffror återges.")

# %% [markdown]
# ## Svarsfrekvens
#
# Rapportens första tabell. Län utan svar (Stockholm, Göteborgsregionen, Sjuhärad) står kvar: bortfallet
# ska synas. Rapporten avrundar uppåt vid exakt ett halvt: Kronoberg 7 av 8 = 87,5 % skrivs 88 %.

# %%
response_table(svar, lang=lang)

# %%
reproduction_table(svar, rangordning, question=0, lang=lang)

# %% [markdown]
# ## Från kommunernas svar till länets blankett och till riket
#
# `county_form` är utvecklingsledarens sammanställningsblankett: per län, fråga och svarsalternativ
# antalet kommuner som kryssat. `compile_table` lägger ihop blanketterna till riket, som SKL gjorde.
# Samma tabell räknad direkt ur kommunernas svar blir identisk (det testas).

# %%
blanketter = county_form(svar)
blanketter.query("region == 'uppsala' and fraga == 3")

# %%
riket = compile_table(blanketter, response_by_region(svar))
riket.query("fraga == 3")[["alternativ", "antal", "bas_n", "andel", "ci_low", "ci_high"]]

# %% [markdown]
# ## Fråga 1–9 med rapportens siffror bredvid
#
# Rapportens andelar har alla 190 svarande kommuner som nämnare, också för fråga 2–4, som bara
# ställs efter Ja på fråga 1. Tabellerna nedan gör likadant, så att de kan jämföras med rapporten;
# konfidensintervallen är Wilsons.

# %%
for fraga in range(1, 10):
    display(question_table(svar, fraga, lang=lang).style.set_caption(question_title(fraga, lang)))
    display(reproduction_table(svar, rangordning, question=fraga, lang=lang))

# %% [markdown]
# ## Vilken nämnare?
#
# Fråga 3: av de 158 kommuner som redovisade en verksamhetsuppföljning tog 149 med budget för
# vårdkostnader. Rapporten skriver 78 % (149 av 190); av dem som fick frågan är det 94 %. Båda är
# sanna, men de svarar på olika frågor: "hur många av alla kommuner redovisar budget?" och "vad
# innehåller de redovisningar som finns?". Det senare är 16 procentenheter högre.

# %%
bada = pd.concat([compile_table(blanketter, response_by_region(svar), base=bas).query("fraga == 3")
                  for bas in ("svarande", "tillfragade")])
bada.pivot(index="alternativ", columns="bas", values="andel").round(3)

# %% [markdown]
# ## Fråga 10: länens prioriteringar
#
# Fråga 10 ställdes till utvecklingsledarna, inte till kommunerna, och nära hälften lämnade den tom.
# Medelrangen räknas bara över de län som rangordnade området (1 = högst prioritet). De sex namngivna
# områdenas medelranger (1,8 + 3,2 + 3,3 + 3,8 + 3,9 + 5,0) blir tillsammans exakt 21 = 1 + 2 + … + 6:
# länen rangordnade i stort sett de sex, och "Annat" bara några få.

# %%
priority_table(rangordning, lang=lang)

# %%
reproduction_table(svar, rangordning, question=10, lang=lang)

# %% [markdown]
# ## Det som inte kan återges
#
# En publicerad siffra motsäger en annan och följs inte: sammanfattningens 85 % på fråga 1 (resultatdelen
# säger 83 %). Inga kommuners verkliga svar publicerades, och inte heller de öppna svaren.

# %%
jamforelse.loc[~jamforelse["ok"], ["id", "source", "published", "rounded", "honoured", "note"]]
