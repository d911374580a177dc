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
# # Samstämmighetstest 2: Jamila, Tobias och Mohammad (hösten 2017)
#
# *English summary.* The second agreement test of the Webbkollen report (§3.3): social workers rated
# three constructed cases, Jamila (4, 16 ratings), Tobias (16, 15) and Mohammad (16, 4), for identified
# exposure, the risk that the child is harmed, the intervention needed and its focus, and motivated the
# risk and stated a goal in open answers. This notebook shows the vignettes, the report's counts beside
# the data, the risk distribution (table and figure), consensus per vignette with bootstrap intervals,
# the coefficients across the three vignettes and what so few units allow one to conclude, agreement on
# exposure option by option, the Jamila discussion (how the words raters used – limit-setting, harsh
# upbringing, physical violence – line up with their risk level), Tobias, what the report concluded and
# questions for a group. The ratings are synthetic, calibrated to reproduce every count the report gives;
# Mohammad's case and ratings are invented (the report gives only his age and the number of ratings).
# The text is in Swedish; `lang="en"` gives English table and figure labels.

# %% [markdown]
# ## Om testet
#
# Hösten 2017 bedömde socialsekreterare tre konstruerade ärenden: Jamila 4 år, Tobias 16 år och Mohammad
# 16 år. Nu registrerades *identifierad utsatthet* (i hemmiljön, hos vårdnadshavaren och hos barnet),
# *risk att barnet far illa i nuvarande situation*, *typ av insats* och *insatsens fokus*, och i två
# öppna frågor skulle socialsekreterarna motivera riskbedömningen med risk- och skyddsfaktorer och
# formulera mål med insatsen. Målet var 30 svarande per ärende; det blev 16 registreringar för Jamila, 15
# för Tobias och 4 för Mohammad. Rapporten diskuterar bara Jamila och Tobias, eftersom alltför få svarade
# om Mohammad.
#
# Frågorna rapporten ställde gällde för varje ärende vilken utsatthet som identifieras, vilken risk som
# bedöms, vilka risk- och skyddsfaktorer som anges som motivering, vilken insats som bedöms behövas, vilka
# områden insatsen bör fokusera på och vilka mål som kan formuleras – och hur samstämmiga svaren är.

# %% [markdown]
# **Om data.** Bedömningarna i den här notebooken är *syntetiska*. Paketets generator (med fast
# slumpfrö) har gjort dem så att varje antal som rapporten redovisar återskapas exakt, och så att de
# mönster som rapportens text beskriver finns med. Det som rapporten inte berättar – vem som svarade
# vad, hur de öppna svaren var formulerade – är påhittat, och inga verkliga personer eller bedömningar
# finns i data. De mönster som är inbyggda kan därför bara *illustreras* här, inte prövas: att de syns i
# tabellerna är ingen ny kunskap. Parametern `data` läser i stället en egen fil i samma format.

# %% [markdown]
# Mohammads ärende är helt påhittat för paketet (rapporten anger bara hans ålder och antalet
# registreringar), och alla hans bedömningar är dragna av generatorn. Räkna honom inte som ett resultat.

# %% tags=["parameters"]
data: str | None = None  # en egen fil med vinjettbedömningar i samma format; None = paketets syntetiska data
lang: str = "sv"  # språk i tabeller och figurer: "sv" eller "en"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown, display

from webbkollen_lib import get_codebook, load_vignette_ratings, load_vignettes
from webbkollen_lib.agreement import vignettes as av
from webbkollen_lib.plots import vignettes as vp
from webbkollen_lib.present import vignettes as va

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", None)

cb = get_codebook()
ratings = load_vignette_ratings(data)
texts = load_vignettes()
test2 = ratings[ratings["test"] == 2]
jamila = test2[test2["vinjett"] == "jamila"]

# %% [markdown]
# ## Ärendena
#
# Jamila och Tobias är skrivna med egna ord utifrån rapportens sammanfattningar, med några detaljer
# tillagda (de står i vinjettfilernas `source`); Mohammad är påhittad.

# %%
for vignette in ("jamila", "tobias", "mohammad"):
    display(Markdown(va.vignette_markdown(texts[vignette], lang)))

# %% [markdown]
# ## Rapportens siffror bredvid datamaterialet
#
# Varje antal som rapporten anger, bredvid samma antal i datamaterialet. *Underlag* säger om antalet står
# i rapporten, följer av rapportens siffror (till exempel noll för ett svarsalternativ som rapportens
# fullständiga uppräkning inte nämner) eller är vår tolkning där rapporten är otydlig.

# %%
va.report_comparison(test2, lang=lang)

# %% [markdown]
# ## Riskbedömningen i respektive ärende

# %%
va.risk_table(test2, lang=lang)

# %%
vp.plot_risk_distribution(test2, lang=lang)

# %% [markdown]
# Elva av sexton (69 %) bedömde Jamilas risk som något förhöjd, två som ingen/låg och två som hög; ingen
# valde mycket hög risk, och en svarade att risken inte gick att bedöma. För Tobias gick bedömningarna åt
# andra hållet: åtta av femton (53 %) valde mycket hög risk, fem hög och två något förhöjd.
#
# ## Hur eniga är bedömarna om ett och samma ärende?
#
# Konsensus om varje ärende (`agreement.consensus`), med 95 % bootstrapintervall över bedömarna. Svaret
# *inte känt* är ingen nivå på skalan och räknas inte med, så för Jamila bygger måtten på 15 bedömare
# (andelen i den vanligaste nivån blir 11 av 15, inte 11 av 16 som i rapportens procentsats).

# %%
va.consensus_table(test2, n_boot=2000, seed=2017, lang=lang)

# %% [markdown]
# Bedömningarna av Jamila är mer samlade än bedömningarna av Tobias: alla Jamilas ligger inom ett steg från
# medianen, medan Tobias bedömningar sprids över tre nivåer. Mohammads fyra bedömare valde samma nivå, och
# då blir varje bootstrapintervall "1,00–1,00": när man drar om fyra likadana svar får man alltid fyra
# likadana svar. Det betyder inte att enigheten är säker – med fyra bedömare vet vi mycket lite.
#
# ## Samstämmighet över de tre ärendena – och vad tre ärenden räcker till
#
# Ett ärende per rad och en bedömare per kolumn, först med varje nivå som en egen kategori, sedan med
# ordinala vikter och Krippendorffs ordinala alfa.

# %%
va.agreement_table(test2, n_boot=1000, seed=2017, lang=lang)

# %%
va.agreement_table(test2, weights="ordinal", level="ordinal", n_boot=1000, seed=2017, lang=lang)

# %% [markdown]
# Till skillnad från test 1 ligger värdena här tydligt över noll: Jamila bedöms oftast som något förhöjd
# och Tobias oftast som mycket hög risk, så bedömarna skiljer ärendena åt på ungefär samma sätt. Men:
#
# - **Tre ärenden ger två frihetsgrader**, och standardfelet multipliceras med 4,3 i stället för 1,96
#   (tabellen nedan). De flesta intervallen rymmer allt från ingen eller nästan ingen samstämmighet till
#   nästan fullständig. Med ordinala vikter är till exempel Gwets AC2 0,80, men intervallet går från under
#   0,1 till 1.
# - **Varje ärende väger lika mycket.** Mohammads fyra samstämmiga bedömningar påverkar den observerade
#   överensstämmelsen lika mycket som Jamilas sexton – och hans bedömningar är dessutom påhittade.
# - **Bootstrap över bedömare** visar bara osäkerheten från vilka socialsekreterare som råkade svara,
#   för just de här tre ärendena.
# - **Slutsats:** tre ärenden räcker för att visa att bedömarna i det här testet skilde Jamila från Tobias,
#   inte för att säga hur samstämmigt socialsekreterare bedömer risk i allmänhet.

# %%
va.ci_multipliers(lang=lang)

# %% [markdown]
# ## Identifierad utsatthet, svarsalternativ för svarsalternativ
#
# För varje svarsalternativ: hur många av dem som besvarade frågan som kryssade i det, ärende för ärende,
# och samstämmigheten över de tre ärendena när alternativet behandlas som en ja/nej-fråga (andel
# överensstämmande par, Gwets AC1, Fleiss kappa, Krippendorffs alfa). De första kolumnerna svarar på
# rapportens fråga (hur många identifierade till exempel fysiskt våld mot Jamila); koefficienterna på om
# bedömarna är eniga om *vilka* ärenden som har utsattheten. Ett alternativ som nästan ingen kryssar i ger
# hög överensstämmelse och hög AC1 men en instabil kappa och alfa, och "–" när ingen alls kryssade i det:
# läs dem tillsammans.

# %%
va.checklist_table(test2, "hem", lang=lang)

# %%
va.checklist_table(test2, "vh", lang=lang)

# %%
va.checklist_table(test2, "barn", lang=lang)

# %% [markdown]
# Som i rapporten: hög samstämmighet om fysiskt våld mot Jamila (13 av 16) men en spretig bild i övrigt;
# för Tobias hög samstämmighet om bristande omsorg, om vårdnadshavarnas riskbruk/missbruk och om Tobias
# eget riskbruk/missbruk och skolproblem.
#
# Samstämmigheten om hela frågan på en gång – Krippendorffs alfa med MASI-avståndet mellan de
# uppsättningar av alternativ som varje bedömare kryssade i (samma uppsättning = 0, ingen gemensam = 1,
# delvis överlapp däremellan):

# %%
va.checklist_set_agreement(test2, ["hem", "vh", "barn", "insatsforslag", "fokus"], lang=lang)

# %% [markdown]
# ## Typ av insats och insatsens fokus
#
# Rapporten fann en stor spridning i vilken insats som bedöms behövas. För Jamila valde de flesta "annan
# öppenvårdsinsats" (familjebehandling, stöd i föräldrarollen eller föräldrautbildning enligt de öppna
# svaren), vilket deltagarna menade visar att svarsalternativen för öppenvård inte motsvarar de insatser
# kommunerna erbjuder. Som insatsens fokus angavs nästan alla delområden i BBIC-triangeln, vilket enligt
# deltagarna speglade de områden man satt mål för snarare än de upprätthållande riskfaktorerna.

# %%
va.checklist_table(test2, "insatsforslag", lang=lang)

# %%
va.checklist_table(test2, "fokus", lang=lang)

# %% [markdown]
# ## Jamila: fysiskt våld, hård uppfostringsstil eller svårigheter med gränssättning?
#
# En central fråga vid rapportens uppföljande seminarium var om Jamila var utsatt för fysiskt våld eller
# om informationen i ärendet snarare handlade om bristande omsorg i form av svårigheter med
# gränssättning. Rapporten beskriver hur orden i motiveringarna följde risknivån:
#
# - de som angett ingen/låg risk använde uttryck som "svårigheter i gränssättning" och lade stor vikt vid
#   att det fanns fungerande skyddsfaktorer;
# - de som angett något förhöjd risk använde uttryck som "hård uppfostringsstil";
# - de som angett hög risk använde uttrycket "fysiskt våld mot barnet" och menade att skyddsfaktorerna var
#   bristande.
#
# Först utsattheten som kryssades i, per risknivå (antal bedömare):

# %%
va.options_by_risk(jamila, cb["hem"].columns, lang=lang)

# %% [markdown]
# Alla elva som bedömde risken som något förhöjd kryssade i *fysiskt våld mot barnet*. Samma bedömare
# beskriver i sina motiveringar en hård uppfostringsstil. Kryssen, orden och risknivån säger alltså olika
# saker om samma information. Så här många på varje nivå använde rapportens uttryck i sin motivering:

# %%
va.phrase_counts(test2, av.REPORT_PHRASES["jamila"]["motivering"], vignette="jamila", lang=lang)

# %% [markdown]
# Motiveringarna med egna ord (texten före listan över riskfaktorer), per risknivå:

# %%
va.statements_by_risk(test2, vignette="jamila", lang=lang)

# %% [markdown]
# Uppdelningen är inbyggd i de syntetiska data efter rapportens beskrivning, så tabellerna visar den inte
# på nytt – de visar hur en grupp kan se den i sina egna svar.
#
# ### Målen med insatsen
#
# Enligt rapporten formulerade de flesta likvärdiga mål, men målen skilde sig åt efter hur man tolkat
# ärendet: "våldet ska upphöra", "verktyg att hantera när Jamila blir arg", "vägleda utan att vara
# hårdhänta". Gemensamt för alla mål var att utgångsläget saknades – när och hur ofta Jamila utsatts för
# våld, hård uppfostringsstil eller svårigheter med gränssättning – vilket gör det svårt att följa upp vad
# insatsen har förändrat. ("…" står för vilken text som helst däremellan.)

# %%
va.phrase_counts(test2, av.REPORT_PHRASES["jamila"]["mal"], vignette="jamila", column="mal", lang=lang)

# %%
va.statements_by_risk(test2, vignette="jamila", column="mal", lang=lang)

# %% [markdown]
# ## Tobias: samma faktorer, olika vikt
#
# Rapporten: de svarande angav likvärdiga risk- och skyddsfaktorer oavsett grad av risk; det som skilde
# var bedömningen av riskfaktorernas omfattning och allvar och av skyddsfaktorernas omfattning och funktion.
# Antal bedömare på varje nivå som nämnde faktorn i sitt öppna svar:

# %%
va.factors_by_risk(test2, texts["tobias"], lang=lang)

# %% [markdown]
# De tre tyngsta faktorerna – drogerna, händelsen på bron och föräldrarnas alkoholvanor – nämndes av alla,
# oavsett nivå. Sambandet mellan antalet nämnda faktorer och risknivån, jämfört med Jamila (och Mohammad,
# där alla valde samma nivå och sambandet inte går att räkna):

# %%
va.factor_count_correlation(test2, texts, lang=lang)

# %% [markdown]
# För Tobias är sambandet svagt och intervallet rymmer noll: bedömarna skiljer sig åt i hur de väger
# faktorerna, inte i hur många de ser. Jämför med Max i test 1, där de som valde en lägre nivå hade missat
# faktorer.
#
# Bara en av Tobias målformuleringar angav ett utgångsläge, vilket behövs för att kunna mäta förändring vid
# uppföljningen:

# %%
va.phrase_counts(test2, ["utgångsläge"], vignette="tobias", column="mal", lang=lang)

# %% [markdown]
# ## Vad rapporten drog för slutsatser
#
# - Samstämmigheten var hög om den mest framträdande utsattheten (fysiskt våld mot Jamila; bristande
#   omsorg och missbruk hos vårdnadshavarna och hos Tobias själv), men spretig om övrig utsatthet.
# - Riskbedömningen varierade i båda ärendena. För Jamila följde risknivån hur man tolkade informationen:
#   som svårigheter med gränssättning, hård uppfostringsstil eller fysiskt våld. För Tobias angavs samma
#   faktorer oavsett nivå; skillnaden låg i hur allvarliga och omfattande faktorerna bedömdes vara.
#   Det är framför allt den bedömningen som påverkar risknivån, mindre antalet faktorer.
# - Typ av insats spreds över många alternativ, och "annan öppenvårdsinsats" valdes ofta: alternativen
#   för öppenvård behöver ändras så att det blir tydligt vad som ryms i dem.
# - Insatsens fokus angavs för nästan alla delområden, som om fokus var detsamma som målområden; då blir
#   variabeln svår att använda för att beskriva de centrala behoven.
# - Målen saknade nästan alltid utgångsläge, och då går det inte att följa upp vilken förändring insatsen
#   har lett till eller vad ett "uppnått" mål innebär.
#
# Det som siffrorna här lägger till: per svarsalternativ beror samstämmighetskoefficienterna mycket på hur
# vanligt alternativet är, och med tre ärenden är intervallen så breda att de bara beskriver det här testet.
#
# ## Frågor till gruppen (för kursledaren)
#
# 1. Läs Jamila. Skriv ner risknivå och *ett* ord för vad som har hänt innan ni pratar med varandra. Vilka
#    ord kom upp i gruppen – gränssättning, uppfostringsstil, våld? Följer era risknivåer orden?
# 2. Elva bedömare kryssade i fysiskt våld men valde något förhöjd risk. Hur går det ihop? Vad skulle få er
#    att välja hög risk?
# 3. Vilken information skulle ni behöva för att avgöra om det är våld eller svårigheter med
#    gränssättning? Hur ofta, hur länge, vad Jamila själv säger?
# 4. Formulera ett mål för Jamilas insats som har ett utgångsläge. Hur vet ni vid uppföljningen att målet
#    är uppnått?
# 5. Tobias: alla såg drogerna, bron och föräldrarnas alkohol, men risknivåerna gick från något förhöjd till
#    mycket hög. Hur väger ni in att föräldrarna tidigare tackat nej till stöd, och att Tobias själv berättat?
# 6. Vad är skillnaden mellan insatsens *fokus* och de områden ni sätter *mål* för? Välj de två eller tre
#    områden som är viktigast för Tobias.
# 7. Vilket svarsalternativ för insats skulle ni välja för det ni faktiskt erbjuder i er kommun? Saknas det
#    något alternativ?
# 8. Med tre ärenden blev intervallen för samstämmigheten mycket breda. Hur skulle ni lägga upp ett eget
#    test för att kunna säga något om samstämmigheten i er verksamhet?
