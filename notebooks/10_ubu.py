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
# # UBU – vård och boende: tre parters bild av en avslutad placering
#
# *UBU, residential care: the three-party questionnaire at the end of a placement. The instrument, response
# and missing reasons, indices per area and party with their reliability, how far the parties agree, and
# provider differences read through the spärr and a multilevel model.*
#
# ## Vad UBU är och var det kommer ifrån
#
# UBU (Uppföljning Barn och Unga) – vård och boende är Södertörnskommunernas system för att följa upp
# placeringar av barn och unga i dygnetruntvård: HVB, stödboende, träningsboende och SiS, men inte
# familjehem. Källan är *Projektrapport UBU – vård och boende. Systematisk uppföljning av dygnsvård för barn
# och unga* (Huddinge kommun och FoU Södertörn, juni 2012). Det här är vad notebooken bygger på:
#
# - **Tre parter** (§2.6, kap. 3). När en placering avslutas besvarar den placerande socialsekreteraren sin
#   egen del och intervjuar sedan den unge och vårdnadshavaren (föräldern), var för sig. Svaren kopplas till
#   enheten där den unge bodde (§4.2 *Koppling till utförare i systemet*). Tanken är att institutionen är en
#   ”svart låda” som bara de som varit i den kan beskriva (§2.3).
# - **Svarsskalan** (kap. 3 och §4.2 *Utformning av frågor*): en femgradig skala med ett neutralt
#   mittenalternativ, och ”-”-alternativ som ”Vet ej” som räknas bort. Det finns inga öppna frågor.
# - **Vem som följs upp** (§4.2 *Målgrupp* och *När ska UBU användas?*): varje avslutad placering som pågått
#   ”minst sju dagar”, om det ”inte förflutit mer än tre månader sedan avslut”, för unga från tolv år upp till
#   den högsta LVU-åldern; ensamkommande barn bara om de placerats för social problematik. `read_ubu`
#   kontrollerar de reglerna när en fil läses och rapporterar varje rad som bryter mot dem.
# - **Bortfall** (§4.2 *Bortfall*): svarar inte föräldern eller den unge ”faller den delen bort”, och
#   bortfallet ska framgå av resultatet.
# - **Spärr och index** (§4.2 *Resultat*): en spärr för utförare med få enkäter diskuterades men beslutades
#   inte; svaren från de tre parterna ”kan läggas samman i index” för åtta områden.
# - **Användning** (§2.2 och §4.2 *Resultat*): underlag inför placeringar och upphandling, men ”försiktighet
#   bör iakttas om resultaten ska ligga till grund för åtgärder, t ex hävning av avtal”. Under testperioden
#   lades bara ”knappt hälften av alla avslutade placeringar” in (§5.2.1 *Implementering*).
#
# Samma användning, att välja utförare med hjälp av tidigare placeringars utfall, beskriver Kommunförbundet
# Västernorrland för sitt eget HVB-instrument (*Vi utvecklar metoder för uppföljning av placering av barn och
# unga*): socialsekreterarnas nöjdhet med de HVB de använt, där användaren själv tar ut statistik ”inför en
# placering som underlag för vilket HVB man ska välja”, och där kraven i länets gemensamma upphandling kopplas
# till uppföljningen. Västernorrlands instrument frågar bara socialsekreteraren; UBU frågar tre parter.
#
# ### Underlaget är syntetiskt
#
# Varje enkät här är **påhittad** av paketets slumpgenerator (`webbkollen_lib.synthetic.ubu`, med fast
# frö, så att samma fil kommer tillbaka när data görs om). Kommunerna är de Södertörnskommuner som satt i
# projektgruppen (kap. 4, *Projektgrupp*) och Linköping och Norrköping, som installerade systemet våren 2012
# (kap. 5), men antalet avslutade
# placeringar är vårt: källan publicerar inga resultat. Utförarna är **fiktiva**: namnen slutar på
# ”(fiktiv)” och organisationsnumren är giltiga till formen men tillhör ingen. Ingen rad beskriver en verklig
# ung person. Hur parterna samstämmer, hur mycket utförarna skiljer sig och vilka områden som går bättre är
# inställningar i generatorn, inte fynd om UBU: notebooken visar hur analysen går till.

# %%
import pandas as pd
from IPython.display import Markdown
from webbkollen_lib.agreement.parties import party_agreement
from webbkollen_lib.analysis import ubu as analys
from webbkollen_lib.core import labels
from webbkollen_lib.core.formatting import format_number, format_percent
from webbkollen_lib.io.ubu import load_ubu, load_ubu_ended
from webbkollen_lib.present.ubu import (agreement_table, answers_table, coverage_table, effects_table,
                                        instrument_table, lookup_table, overall_index_table, part_name,
                                        reliability_table, response_table, sparr_summary)
from webbkollen_lib.systems.ubu.instrument import AREAS, MIN_QUESTIONNAIRES, get_ubu_codebook

pd.set_option("display.max_rows", 100)
pd.set_option("display.max_colwidth", 80)
ubu = load_ubu()
avslutade = load_ubu_ended()
Markdown(f"{len(ubu)} enkäter från {ubu['kommun'].nunique()} kommuner, avslutade {ubu['ar'].min()}–{ubu['ar'].max()}, "
         f"om {ubu['utforare'].nunique()} utförare. Alla utförarnamn slutar på ”(fiktiv)”: "
         f"{ubu['utforare'].astype(str).str.endswith('(fiktiv)').all()}.")

# %% [markdown]
# ## Frågorna
#
# Instrumentet ligger i `webbkollen_lib/systems/ubu/codebook.yaml`. Källans bilaga med själva enkäten finns
# inte i den text vi har: rapporten citerar **en** fråga ordagrant (skolresultaten under placeringen, med
# sina svarsalternativ), ger två exempel på föräldrafrågor och nämner resten som ämnen (kap. 3, §4.2). Därför
# säger kolumnen *Ordalydelse* varifrån varje frågas ord kommer:
#
# - **Källans**: källans egna ord;
# - **Källans ämne, vår ordalydelse**: ämnet nämns i källan (stöd i skolarbetet, trygghet, konflikter i
#   gruppen, läkare när det behövs, allvarlig kränkning …), men formuleringen är vår;
# - **Vår**: ämne och formulering är våra, skrivna för att de åtta indexområdena ska bli hela.
#
# Även vilken fråga som hör till vilket område, och vilka frågor som räknas som samma fråga till två parter
# (*Gemensam fråga*), är vårt. Områdena själva är källans åtta (§4.2 *Index/rapporter*). Delarnas storlek
# är satt efter källans uppgifter (kap. 3; socialsekreterarens antal där räknar in bakgrundsfrågorna, som
# inte står i tabellerna nedan). `webbkollen_lib/systems/ubu/README.md` går igenom vad som är källans och vad
# som är vårt. Innan riktiga UBU-data analyseras ska kodboken stämmas av mot bilagan.

# %%
instrument = instrument_table()
pd.crosstab(instrument["Part"], instrument["Ordalydelse"], margins=True, margins_name="Totalt")

# %% [markdown]
# Svarsskalan till den enda fråga som källan återger ordagrant, med alla svarsalternativ (kap. 3).
# ”-”-alternativen (`means_unknown`) är bortfallsorsaker: de räknas och visas, men ingår aldrig i ett
# medelvärde.

# %%
koder = get_ubu_codebook().codes_table()
koder.loc[koder["variable"] == "skala_skolresultat", ["code", "label_sv", "means_unknown"]]

# %% [markdown]
# ### Socialsekreterarens del
#
# Måluppfyllelse efter BBIC:s behovsområden, utförarens kompetens och samarbete (kap. 3). Frågor utan område
# (helhetsomdömen) ingår inte i något index.

# %%
instrument_table("socialsekreterare")

# %% [markdown]
# ### Ungdomens del
#
# Frågan om allvarlig kränkning är en ja/nej-fråga och ingår inte i något index. Den ställs allmänt, utan att
# fråga efter formen, efter Datainspektionens invändning att små enheter annars gör svaren spårbara (§4.2
# *Kränkningsfrågan*). Frågan om konflikter i gruppen vänds när index räknas (ett högt svar är ett dåligt
# utfall).

# %%
instrument_table("ungdom")

# %% [markdown]
# ### Förälderns del

# %%
instrument_table("foralder")

# %% [markdown]
# ## Svar och bortfall
#
# Socialsekreterarens del besvaras i varje enkät. Den unges och förälderns del kan vara *besvarad*, *avböjd*
# eller *ej genomförd* av annat skäl. Källan skriver att det inte varit svårt att få ungdomar att svara men
# svårt att få föräldrarna att göra det (§4.2 *Bortfall*); generatorn är gjord så.

# %%
response_table(ubu)

# %%
analys.response_by_part(ubu)

# %% [markdown]
# ### Hur många avslutade placeringar fick en enkät?
#
# Nämnaren är de avslutade placeringarna per kommun och år (`ubu_avslutade.csv` bredvid enkätfilen; våra
# siffror, i proportion till folkmängden, eftersom källan inte ger några). Källan fann att ”knappt hälften”
# av de avslutade placeringarna lades in under testperioden; generatorn drar enkäterna med en sannolikhet i
# den storleken, och raden *Totalt* visar vad det blev.

# %%
coverage_table(analys.coverage(ubu, avslutade))

# %% [markdown]
# Det betyder att varje resultat bygger på de placeringar som socialsekreteraren valde att följa upp, och de
# som saknas är knappast ett slumpmässigt urval. Källan nämner arbetsbelastning, men också att det kan vara
# svårt att ta upp frågorna ”om det t ex varit en kris i samband med avslut” (§5.2.1), så sammanbrott och
# dåliga avslut kan vara underrepresenterade. Att kommunerna organiserar placeringsarbetet olika påverkar också
# hur många enkäter som läggs in (§5.4). I de syntetiska data drar generatorn samma sannolikhet i alla
# kommuner, så skillnaderna mellan kommunerna i tabellen är slump.
#
# ### Bortfallsorsakerna hålls isär
#
# Ett svar som inte är 1–5 har en orsak, och orsakerna betyder olika saker: *Vet ej* är ett saknat omdöme,
# *Ej aktuellt* säger att det inte fanns något mål inom området, *Går inte i skola* är en uppgift om den unge
# och inget omdöme om skolstödet, *Har ej svarat* betyder att den unge inte svarade på just den frågan, och
# *Ej tillfrågad* att hela delen inte besvarades. Ingen av dem räknas som ett mittenvärde eller ingår i något
# medelvärde, men alla räknas här. `–` betyder att frågan inte har det alternativet; `x` är ett litet antal
# som inte visas.

# %%
answers_table(analys.answer_breakdown(ubu))

# %% [markdown]
# ### Varför en saknad del aldrig fylls i
#
# En del som inte besvarades förblir tom: ingen imputering, varken från de andra parternas svar eller från
# liknande placeringar. Skälen:
#
# - Källan bestämmer det: delen ”faller då bort” och bortfallet ska synas i resultatet (§4.2 *Bortfall*).
# - De som inte svarar är inget slumpurval. En förälder som inte varit närvarande under placeringen, eller en
#   ung person i kris vid avslutet, skulle ha svarat annorlunda än de som svarade, och det går inte att räkna
#   ut från dem som svarade.
# - Att fylla i förälderns del utifrån socialsekreterarens svar vore att låta socialsekreteraren tala för
#   föräldern, vilket är precis det som tre separata parter ska undvika. Det skulle dessutom konstgjort höja
#   samstämmigheten mellan parterna (avsnittet om samstämmighet nedan).
#
# I stället visar varje tabell n per part, och det sammanvägda indexet använder de parter som svarade.
# `read_ubu` vägrar läsa en fil där en avböjd del har svar eller en besvarad del är tom.
#
# ## Index per område och part
#
# För en part och en enkät är ett områdes index medelvärdet av partens besvarade frågor i området (omvända
# frågor vända), om minst hälften av dem är besvarade. Det **sammanvägda** indexet (*alla*) är medelvärdet av
# de parters index som finns, så att varje part väger lika mycket hur många frågor den än har (källan:
# parternas svar ”kan läggas samman i index”). *Andel 4–5* är andelen av enkätens besvarade frågor som fick 4
# eller 5, i medeltal över enkäterna. Intervallen är 95 % t-intervall över enkäter, eftersom det är enkäten som
# är enheten.

# %%
index = analys.indices(ubu)
overall_index_table(index)

# %%
index.round(2)

# %% [markdown]
# Att läsa:
#
# - n skiljer sig mellan parterna: förälderns index vilar på färre enkäter och har bredare intervall.
# - Det sammanvägda indexet blandar enkäter med tre parter och enkäter med bara socialsekreteraren. Ser
#   parterna systematiskt olika på ett område, beror det sammanvägda värdet på vilka som svarade, och en
#   utförare där föräldrarna oftare svarar får ett annat sammanvägt värde av det skälet.
# - Skillnaderna mellan områdena är här generatorns inställningar, inte ett resultat om verklig vård.
#
# ### Hänger frågorna i ett område ihop? Cronbachs alfa
#
# Cronbachs alfa mäter hur mycket frågorna i ett område samvarierar, i förhållande till hur mycket
# summan av dem varierar: α = k/(k − 1) · (1 − Σ varians(fråga) / varians(summa)), där k är antalet frågor.
# Alfa är nära 1 när frågorna går upp och ner tillsammans och nära 0 när de är oberoende av varandra. Alfa
# räknas per part på de enkäter där *alla* områdets frågor är besvarade (kolumnen n); där många svarar *Ej
# aktuellt* blir det en mindre och kanske särskild grupp. Intervallet är Feldts.

# %%
tillforlitlighet = analys.index_reliability(ubu)
reliability_table(tillforlitlighet)

# %% [markdown]
# **Ett område med två frågor får lågt alfa av konstruktionen.** Med samma genomsnittliga korrelation r
# mellan frågorna är (det standardiserade) alfa k·r / (1 + (k − 1)·r), och det växer med antalet frågor k.
# Med två frågor är alfa bara en omräkning av en enda korrelation. Tabellen nedan grupperar alfa efter hur
# många frågor området har för parten.

# %%
tillforlitlighet.groupby("items")["alpha"].agg(["size", "min", "median", "max"]).round(2)

# %% [markdown]
# Ett lågt alfa för ett område med två frågor betyder alltså inte att området är fel ihopsatt, men att en
# enskild enkäts index är brusigt. I en utförares medelvärde över många enkäter tar bruset delvis ut sig
# självt. Ett högt alfa bevisar inte heller att frågorna mäter en enda sak. Och i syntetiska data delar en
# parts frågor en gemensam underliggande variabel, så alfa visar här vad generatorn lagt in.
#
# ## Stämmer parterna överens?
#
# Flera ämnen frågas till två eller tre parter (kolumnen *Gemensam fråga* ovan). UBU:s rapporter redovisar
# index per part eller sammanvägt; källan beskriver ingen rapport som jämför vad parterna svarar om **samma**
# placering, och ingen UBU-rapport vi känner till har besvarat om den unge och socialsekreteraren är överens.
# Eftersom en enkät håller alla tre delarna kan vi jämföra svar för svar, på de enkäter där båda parterna
# besvarat frågan.
#
# - *Samma svar* och *Högst ett steg ifrån*: andelar av paren.
# - *Skillnad i medelvärde* är första parten minus den andra: positiv när den unge (eller föräldern) är mer
#   positiv än socialsekreteraren, negativ när socialsekreteraren är det.
# - *Viktad kappa* (Cohens, kvadratiska vikter): 0 är inte mer överensstämmelse än om parterna svarat
#   oberoende av varandra med var sin svarsfördelning, 1 är full överensstämmelse; en oenighet väger mer ju
#   längre ifrån varandra svaren är. Parterna är fasta roller, så var och en får sin egen fördelning. Den
#   tabell som `party_agreement` ger har också Krippendorffs ordinala alfa.

# %%
overens = party_agreement(ubu)
agreement_table(overens)

# %%
overens.groupby(["first", "second"])[["n", "exact", "within_one", "mean_difference", "kappa_w"]].median().round(2)

# %%
storst = overens.loc[overens["mean_difference"].abs().idxmax()]
Markdown(f"Störst skillnad i medelvärde: {part_name(storst['first'])} minus {part_name(storst['second'])} om "
         f"”{get_ubu_codebook()[storst['item_second']].label()}”, {format_number(storst['mean_difference'], 2)} "
         f"skalsteg (n = {storst['n']}).")

# %% [markdown]
# Läs samstämmigheten försiktigt:
#
# - Parterna ser placeringen från olika håll: den unge sin egen vardag, socialsekreteraren målen och
#   dokumentationen. Låg samstämmighet betyder inte att någon har fel, och en skillnad är en fråga att ställa.
# - Kappa i den storlek tabellen visar brukar kallas svag till måttlig. Parterna hamnar oftast högst ett
#   steg ifrån varandra men långt ifrån alltid på samma steg.
# - Vem är mer positiv? Skillnaden i medelvärde säger det i genomsnitt, inte i det enskilda fallet. Cellen
#   ovan visar den största skillnaden; jämför den med skalans steg innan den tolkas som att en part
#   systematiskt ser placeringen ljusare.
# - Några par är samma *ämne* men inte samma fråga: den unges ”Jag fick den hjälp jag behövde” paras med
#   socialsekreterarens helhetsomdöme om måluppfyllelsen. Där väntar man sig lägre samstämmighet.
# - Socialsekreteraren intervjuar själv den unge och föräldern (kap. 3), vilket kan dra deras svar mot
#   socialsekreterarens bild. I Botkyrka fyllde ungdomarna i enkäten i enrum (§4.2 *Besvarandet av
#   frågorna*); hur enkäten besvarades finns inte bland variablerna, så det går inte att pröva här.
# - Jämförelserna med föräldern vilar på färre enkäter och har bredare intervall.
# - I syntetiska data är samstämmighetens nivå en inställning i generatorn: siffrorna visar metoden.
#
# ## Skillnader mellan utförare
#
# ### Spärren
#
# Källan diskuterade att inte visa resultat för en utförare med färre än ”två-tre enkäter”: de skulle ”enbart
# synas som en del av totalen” (§4.2 *Spärr*). Vi tar den strängare gränsen. Eftersom totalen visas bredvid
# de utförare som visas, går de spärrade tillsammans att räkna ut som totalen minus de visade; därför måste de
# spärrade tillsammans ha minst lika många enkäter från minst två utförare, annars spärras också de minsta
# visade (sekundär spärr). De spärrade utförarna visas aldrig här, varken med namn eller med sina antal
# enkäter: tabellen räknar bara utförarna per status.

# %%
sparrstatus = analys.sparr(ubu)
Markdown(f"Spärrgräns: minst {MIN_QUESTIONNAIRES} enkäter per utförare.")

# %%
sparr_summary(sparrstatus)

# %% [markdown]
# Hur många enkäter de visade utförarna har: några få har många, de flesta har få. Det är därför en rå
# rangordning vilseleder.

# %%
sparrstatus.loc[sparrstatus["status"] == "visas", "n"].describe().round(1)

# %% [markdown]
# ### Varför en rå rangordning vilseleder
#
# En utförares medelvärde är dess verkliga nivå plus slump. Med en handfull enkäter är slumpen stor: några
# få positiva eller negativa svar flyttar medelvärdet långt. Bland många små utförare hamnar därför några högst
# upp och några längst ner **av en slump**, medan en stor utförares medelvärde ligger nära dess verkliga
# nivå. En lista sorterad på medelvärden belönar och straffar alltså storlek, inte kvalitet.
#
# ### Utförare som slumpeffekter
#
# En flernivåmodell (`provider_effects`, statsmodels MixedLM) ser utförarna som ett urval ur en fördelning:
# index för enkät *i* hos utförare *j* = μ + u_j + e_ij, där u_j (utförarens avvikelse) har variansen τ² och
# e_ij (enkätens avvikelse) variansen σ². ICC = τ² / (τ² + σ²) är den andel av variationen som ligger
# mellan utförarna. Modellens skattning för en utförare är μ + w_j · (utförarens medelvärde − μ), med vikten
# w_j = n_j·τ² / (n_j·τ² + σ²): med få enkäter är vikten liten och skattningen **krymps** mot genomsnittet, med
# många enkäter ligger den nära det egna medelvärdet. Här för trygghetsindexet, alla parter sammanvägda.

# %%
effekter = analys.provider_effects(ubu, area="trygghet", part="alla")
pd.Series(effekter.attrs)

# %%
icc = effekter.attrs["icc"]
Markdown(f"ICC = {format_number(icc, 2)}: ungefär {format_percent(icc)} av variationen i trygghetsindex ligger "
         f"mellan utförarna, resten mellan enkäter hos samma utförare.")

# %%
effects_table(effekter)

# %% [markdown]
# Var hamnar de små utförarna i den råa rangordningen? Cellen nedan jämför antalet enkäter hos utförarna med
# de högsta och de lägsta egna medelvärdena med alla utförare i tabellen.

# %%
ra_ordning = effekter.sort_values("rank_raw")
pd.Series({"de fem högsta egna medelvärdena": ra_ordning["n"].head(5).median(),
           "de fem lägsta egna medelvärdena": ra_ordning["n"].tail(5).median(),
           "alla utförare i tabellen": effekter["n"].median()}, name="median antal enkäter")

# %% [markdown]
# Ett exempel ur tabellen: den utförare vars plats ändras mest när medelvärdet krymps, bredvid den största
# utföraren.

# %%
flytt = (effekter["rank_raw"] - effekter["rank_shrunken"]).abs()
exempel = effekter.loc[[flytt.idxmax(), effekter["n"].idxmax()]]
effects_table(exempel)

# %%
liten, stor = exempel.iloc[0], exempel.iloc[1]
Markdown(
    f"**{liten['utforare']}** har {liten['n']} enkäter. Det egna medelvärdet, {format_number(liten['raw_mean'], 2)}, "
    f"ger plats {liten['rank_raw']} av {len(effekter)}. Vikten på det egna medelvärdet är bara "
    f"{format_number(liten['shrinkage'], 2)}, så modellen drar skattningen mot genomsnittet "
    f"({format_number(effekter.attrs['overall_mean'], 2)}) till {format_number(liten['shrunken_mean'], 2)}, och "
    f"platsen blir {liten['rank_shrunken']}. **{stor['utforare']}**, den största utföraren med {stor['n']} enkäter, "
    f"har vikten {format_number(stor['shrinkage'], 2)}: dess skattning ändras knappt "
    f"({format_number(stor['raw_mean'], 2)} till {format_number(stor['shrunken_mean'], 2)}), och platsen blir "
    f"{stor['rank_shrunken']} mot {stor['rank_raw']} med det egna medelvärdet.")

# %% [markdown]
# Krympningen gör rangordningen ärligare men inte säker: även de skattade medelvärdena är osäkra, och
# närliggande platser skiljer sig inte på något meningsfullt sätt. Modellen behandlar dessutom alla utförare
# som jämförbara. Den justerar inte för att till exempel SiS-hem och stödboenden tar emot olika unga, och
# UBU samlar in skäl till placering, ålder och lagrum just för att resultat ska kunna ställas mot dem (§4.2
# *Bakgrundsvariabler*). Ett annat område eller en annan part kan ge en annan ordning.
#
# ## Att välja utförare inför en placering
#
# Det som UBU skulle ge (§2.2: ”bättre underlag inför placeringar”) och det som Västernorrland beskriver:
# utförarna rangordnade på ett index för den sorts placering som är aktuell. Typ av placering avgränsar vilka
# utförare som är med. Därtill kan man välja **en** målgrupp åt gången (kön, åldersgrupp, skäl till placering
# eller år). Då delas varje utförares enkäter upp efter målgruppens alla koder och spärren tillämpas på delarna:
# utföraren listas bara om den valda delen visas, så att varken resten av utföraren (alla minus målgruppen)
# eller någon summa av dess andra delar blir ett fåtal enkäter. Två målgrupper samtidigt (flickor 16–17 år)
# skulle kunna jämföras mot var och en för sig och avslöja några få svar, därför bara en. Exemplet: HVB, unga
# 16–17 år, trygghetsindex med alla parter sammanvägda. Samma uppslag finns som interaktiv widget,
# `ProviderLookup` i `webbkollen_lib.teaching.ubu_lookup`.

# %%
uppslag = analys.provider_lookup(ubu, area="trygghet", part="alla", utforartyp="hvb", aldersgrupp="16_17")
dolda = uppslag.attrs["suppressed"]
Markdown(labels.text("ubu.lookup.summary", n=len(uppslag), min=MIN_QUESTIONNAIRES, hidden_p=dolda["providers"]))

# %%
lookup_table(uppslag)

# %%
Markdown(labels.text("ubu.lookup.caveat"))

# %% [markdown]
# Mer att tänka på före ett val:
#
# - Uppslaget rangordnar **råa** medelvärden för urvalet. Avsnittet om slumpeffekter visar vad det gör med
#   små utförare; ju snävare urval, desto färre enkäter per utförare och desto bredare intervall.
# - Resultaten gäller placeringar som redan avslutats, med de unga som då bodde där och den personal som då
#   arbetade där. Källan kallar informationen ”en färskvara” (§4.2 *Resultat*).
# - Bara placeringar med enkät ingår, och knappt hälften fick en.
# - Källans varning gäller också här: försiktighet om resultaten ska ligga till grund för åtgärder mot en
#   utförare. Valet utgår från den unges behov; uppslaget är ett underlag bland andra.
#
# ## Att komma ihåg
#
# - Allt här är syntetiskt; frågornas ordalydelse är till största delen vår.
# - Bortfall redovisas, orsakerna hålls isär och ingen saknad del fylls i.
# - Index har intervall, och alfa för områden med två frågor är lågt av konstruktionen.
# - Parternas samstämmighet är en fråga som UBU:s rapporter inte ställer; den ska läsas som olika perspektiv.
# - Utförare jämförs genom spärren och med krympta skattningar, aldrig med en rå topplista över små utförare.
