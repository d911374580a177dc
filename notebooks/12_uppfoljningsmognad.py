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
# # Uppföljningsmognad 2012 → 2015 → 2017 – en fråga, tre källor
#
# *Follow-up maturity 2012 → 2015 → 2017: how far the social child and youth care follows up placed children,
# as three Swedish sources asked it. Side by side, each figure read against its own question: different
# questions, populations and respondents, so the table is not a trend.*
#
# Följer socialtjänsten upp hur det går för barn som placeras i familjehem och HVB, och används det den får
# veta? Tre källor i paketet har frågat nästan det, men på var sitt sätt:
#
# 1. **SKL:s kartläggning 2012** frågade kommunerna vad deras verksamhetsuppföljning innehöll.
# 2. **Öppna jämförelser 2015** frågade socialnämnderna om de följt upp och använt resultat på gruppnivå.
# 3. **Webbkollen Barn och Unga 2017** frågade ingen kommun något: socialsekreterare i några kommuner som
#    anmält sig registrerade uppgifter i varje avslutat ärende.
#
# Notebooken ställer deras siffror **bredvid varandra**, tema för tema, och säger för varje siffra hur frågan
# skiljer sig från 2012 års. Det är inte en tidsserie, och avsnittet *Vad jämförelsen inte säger* längst ner
# förklarar varför. Siffrorna från 2012 och 2015 är **verkliga och publicerade**. Från Webbkollen används de
# publicerade siffrorna där rapporten har några; två rader räknas på paketets **syntetiska** registreringar
# och är märkta så.
#
# Tabellen kommer från `webbkollen_lib.analysis.maturity.follow_up_maturity()`. Varje siffra läses ur
# källans egen datafil, och kolumnen *Id i källans data* säger vilken rad eller indikator det är.

# %% tags=["parameters"]
lang: str = "sv"  # sv or en

# %%
import pandas as pd
from IPython.display import Markdown
from webbkollen_lib.analysis.maturity import follow_up_maturity
from webbkollen_lib.plots.maturity import maturity_alt, plot_maturity
from webbkollen_lib.present.maturity import maturity_table, overview_table, share_text, sources_table, word
from webbkollen_lib.systems.kartlaggning2012.reference import load_published_figures

pd.set_option("display.max_colwidth", 200)
mognad = follow_up_maturity()


# %% [markdown]
# ## Tre källor: vad de frågade, vem som svarade och när
#
# **SKL:s kartläggning (rapport februari 2012).** De regionala utvecklingsledarna skickade hösten 2011 en
# enkät med nio frågor till kommunerna och sammanställde svaren per län. Frågorna gällde
# *verksamhetsuppföljning* av barn i familjehem och HVB under det senaste året: redovisades någon (fråga 1),
# vilka uppgifter ingick (fråga 3: budget, statistik, resultat av insatserna, barnens och
# vårdnadshavarnas uppfattning …), vad byggde de på (fråga 4: verksamhetssystemet, BBIC, Öppna jämförelser
# …) och användes resultaten i förbättringsarbete (fråga 7). Rapporten räknar varje andel på alla svarande
# kommuner, också dem som svarade Nej på fråga 1 och därför hoppade över fråga 2–4. Den påpekar själv att
# kommunerna tolkade ordet verksamhetsuppföljning olika.
#
# **Öppna jämförelser 2015.** Socialstyrelsens webbenkät till kommunerna och storstädernas stadsdelar i
# oktober–november 2014; svarsfrekvensen var 90 procent enligt källan. Indikatorerna är Ja/Nej per kommun,
# och riksvärdet är andelen svarande som svarat Ja. Paketet har ÖJ 2015 som FoU-Nordväst publicerade det för
# åtta kommuner bredvid Stockholms län, Jönköpings län och riket. Här används **riksvärdet**.
#
# **Webbkollen Barn och Unga (rapport 2018).** Kommuner och stadsdelar anmälde sig själva till ett
# utvecklingsprojekt. Deras socialsekreterare registrerade BBIC-baserade uppgifter när en insats följdes upp
# eller avslutades: bland annat avslutsorsak, måluppfyllelse, risk vid avslut och samtal med barnet. Enligt
# rapportens tabell 1 deltog 12 kommuner och stadsdelar 2016 och 8 under 2017, 13 olika sammanlagt; rapporten
# redovisar bara dem som registrerat minst fem ärenden. Resultaten gäller de 416 insatser som avslutades
# 2017.

# %%
sources_table(lang)

# %% [markdown]
# ## Sida vid sida
#
# Först en överblick, ett tema per rad och en källa per kolumn. `–` betyder att källan inte har någon andel
# som svarar på temat, och *syntetisk* att andelen är räknad på paketets påhittade registreringar.

# %%
overview_table(mognad, lang)

# %% [markdown]
# Sedan hela tabellen: för varje siffra vad den räknar, hur frågan förhåller sig till 2012 års (*Jämfört med
# 2012*), var den står i källans data och det viktigaste förbehållet. Läs förbehållet innan siffran.

# %%
maturity_table(mognad, lang)

# %% [markdown]
# Två siffror ur 2012 års rapport hör till läsningen av temat *använder resultaten*: andelen där är Ja och
# *Ja, i viss mån* tillsammans, och så här många svarade *i viss mån* och *Nej*:

# %%
figurer_2012 = load_published_figures().set_index("id")
Markdown(f"Fråga 7, *Ja, i viss mån*: {share_text(figurer_2012.loc['q7_viss_man', 'published'], lang)}; "
         f"*Nej*: {share_text(figurer_2012.loc['q7_nej', 'published'], lang)} av de svarande kommunerna.")

# %% [markdown]
# ## Figuren
#
# En panel per källa, så att ögat jämför teman inom en källa och inte drar en linje mellan åren. Fyllda
# punkter är andelar av kommuner, ihåliga andelar av avslutade insatser (ärenden). Bara publicerade andelar
# visas: de syntetiska raderna och rader utan andel är utelämnade. Under figuren står samma siffror i text.

# %%
plot_maturity(mognad, lang)

# %%
Markdown(maturity_alt(mognad, lang))

# %% [markdown]
# ## Vad siffrorna ändå säger
#
# Läst var för sig, mot sin egen fråga:
#
# - **2012** redovisade nästan ingen kommun resultat av placeringarna i sin verksamhetsuppföljning, och
#   barnens och föräldrarnas uppfattning lika sällan. Det som följdes upp var budget, statistik och
#   verksamhetsmål. Tre av fyra sa att resultaten användes i förbättringsarbete, men de flesta bara *i viss
#   mån*, och resultaten var alltså mest kostnader och antal.
# - **2015** hade ungefär var femte svarande kommun följt upp resultat av dygnsvården på gruppnivå *och*
#   använt dem. Föräldrarnas uppfattning om familjehem och HVB hade undersökts och använts i ännu färre.
#   Nästan alla hade BBIC-licens, vilket säger att dokumentationsstödet fanns, inte att det användes för
#   uppföljning.
# - **2017** visar Webbkollen att det går att registrera resultat vid avslut i varje ärende, men bara i
#   kommuner som själva valt att pröva. Att barnet fick ett enskilt samtal vid avslut i ungefär en tredjedel
#   av ärendena är en uppgift om barnets delaktighet, inte om att barnens uppfattning samlas in.
#
# ## Vad jämförelsen inte säger
#
# Tabellen är **ingen trend**, och den går inte att läsa som att uppföljningen ”ökade” från 2012 till 2017:

# %%
Markdown("\n".join(f"- {word('allmant', k, lang)}" for k in
                   ("olika_fragor", "olika_populationer", "olika_svarande", "ingen_trend", "inga_intervall",
                    "syntetiskt")))

# %% [markdown]
# Mer i detalj:
#
# - **Olika frågor.** 2012 frågade om en uppgift *redovisades* i verksamhetsuppföljningen; ÖJ 2015 räknar
#   bara Ja när resultaten på gruppnivå *både* följts upp och *använts* för att utveckla verksamheten, och
#   frågar om dygnsvård, HVB och familjehem tillsammans (samma siffra står därför under tre teman);
#   Webbkollen frågar inte kommunen alls utan registrerar uppgifter i enskilda ärenden. Ett Ja på en fråga
#   är inte ett Ja på en annan.
# - **Olika populationer.** 2012: de 190 kommuner (66 procent) som svarade, via 21 av 24 regioner, inga från
#   Stockholms län, Göteborgsregionen eller Sjuhärad. Vilka som svarade var deras eget val, och de som följde
#   upp mer kan ha varit mer benägna att svara. ÖJ 2015: kommuner och storstädernas stadsdelar i hela
#   landet, med stadsdelarna räknade var för sig. Webbkollen: en handfull kommuner och stadsdelar som själva
#   anmälde sig till ett utvecklingsprojekt om uppföljning, alltså sannolikt de mest intresserade, och bara de
#   som kom igång med att registrera.
# - **Olika enheter.** 2012 och ÖJ räknar kommuner; Webbkollens andelar räknar avslutade insatser i de
#   deltagande kommunerna tillsammans, där den största kommunen väger tyngst.
# - **Olika svarande.** En tjänsteperson per kommun vars svar utvecklingsledaren sammanställde; den som fyllde
#   i ÖJ-enkäten för socialnämnden (med kommunens egen tolkning av frågan); socialsekreterare som registrerade
#   sina egna ärenden.
# - **Olika tidpunkter och perioder.** 2012 gäller ”det senaste året” före hösten 2011, ÖJ perioder fram till
#   1 november 2014 (föräldraundersökningar under två år), Webbkollen de insatser som avslutades 2017.
# - **Inga intervall över källorna.** Osäkerheten i en andel går att uttrycka inom en källa, men en skillnad
#   mellan två källor är inte en skattning av något: frågorna är inte samma storhet. Därför räknar
#   notebooken varken konfidensintervall för skillnader eller test mellan åren.
# - **Syntetiskt är syntetiskt.** De två Webbkollen-raderna om resultat (andelen avslutade HVB- och
#   familjehemsinsatser med registrerad måluppfyllelse) är räknade på påhittade registreringar. Hur ofta
#   måluppfyllelsen saknas där bestämde generatorn, inte kommunerna. Raderna visar hur man räknar om man har
#   riktiga registreringar, och de finns inte med i figuren.
