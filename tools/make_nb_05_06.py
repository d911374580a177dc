"""Build notebooks/05_samstammighet_test1.ipynb and notebooks/06_samstammighet_test2.ipynb.

Run from the repository root: ``python tools/make_nb_05_06.py``. The
notebooks are written without outputs; every number in them is computed by
``webbkollen_lib`` (mostly :mod:`webbkollen_lib.present.vignettes`).
"""

from nb import build

PARAMS = """params:
data: str | None = None  # en egen fil med vinjettbedömningar i samma format; None = paketets syntetiska data
lang: str = "sv"  # språk i tabeller och figurer: "sv" eller "en"
"""

SETUP = """
%matplotlib inline
import pandas as pd
from IPython.display import Markdown, display

from webbkollen_lib import get_codebook, load_vignette_ratings, load_vignettes
from webbkollen_lib.present import vignettes as va

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", None)

cb = get_codebook()
ratings = load_vignette_ratings(data)
texts = load_vignettes()
"""

DATA_NOTE = """md:
**Om data.** Bedömningarna i den här notebooken är *syntetiska*. Paketets generator (med fast
slumpfrö) har gjort dem så att varje antal som rapporten redovisar återskapas exakt, och så att de
mönster som rapportens text beskriver finns med. Det som rapporten inte berättar – vem som svarade
vad, hur de öppna svaren var formulerade – är påhittat, och inga verkliga personer eller bedömningar
finns i data. De mönster som är inbyggda kan därför bara *illustreras* här, inte prövas: att de syns i
tabellerna är ingen ny kunskap. Parametern `data` läser i stället en egen fil i samma format.
"""

# ---------------------------------------------------------------------------
# 05: test 1, Assi and Max
# ---------------------------------------------------------------------------

build("notebooks/05_samstammighet_test1.ipynb", [
"""md:
# Samstämmighetstest 1: Assi och Max (hösten 2016)

*English summary.* The first agreement test of the Webbkollen report (§3.3): social workers rated two
constructed cases, Assi (15, 12 ratings) and Max (4, 7 ratings), for the risk that the child is harmed
in the present situation, and motivated the rating in an open answer. This notebook shows the
vignettes, the report's counts beside the data, the risk distribution per vignette (table and figure),
consensus about each vignette with bootstrap intervals, the agreement coefficients across the two
vignettes and why two units allow almost no conclusion about agreement in general, how the rating
relates to the number of risk factors named (Max), what the report concluded, and questions a trainer
can put to a group. The ratings are synthetic, calibrated to reproduce every count the report gives.
The text below is in Swedish; `lang="en"` gives English table and figure labels.
""",
"""md:
## Om testet

Hösten 2016 bedömde socialsekreterare i kommunerna i Webbkollen Barn och Unga två konstruerade ärenden
(vinjetter): Assi, 15 år, och Max, 4 år. De registrerade *risk att barnet far illa i nuvarande
situation* (ingen/låg, något förhöjd, hög eller mycket hög risk) och svarade på en öppen fråga om vilka
risk- och skyddsfaktorer de såg och hur de motiverade graden av risk. Ärendet Assi fick 12
registreringar och ärendet Max 7.

Rapporten ställde tre frågor:

- Vilken riskbedömning gör socialsekreterarna i respektive ärende?
- Hur hög är graden av samstämmighet i respektive ärende?
- Vilka risk- och skyddsfaktorer anges som motivering till den gjorda riskbedömningen?
""",
DATA_NOTE,
PARAMS,
SETUP + """test1 = ratings[ratings["test"] == 1]
""",
"""md:
## Ärendena

Vinjetterna är skrivna med egna ord utifrån rapportens sammanfattningar (rapporten återger inte hela
underlaget som socialsekreterarna fick).
""",
"""
display(Markdown(va.vignette_markdown(texts["assi"], lang)))
display(Markdown(va.vignette_markdown(texts["max"], lang)))
""",
"""md:
## Rapportens siffror bredvid datamaterialet

Varje antal som rapporten anger, bredvid samma antal i datamaterialet. Kolumnen *Underlag* säger om
antalet står i rapporten, följer av rapportens siffror (till exempel noll för en nivå som ingen nämns
ha valt) eller är vår tolkning där rapporten är otydlig.
""",
"""
va.report_comparison(test1, lang=lang)
""",
"""md:
## Riskbedömningen i respektive ärende

Antal bedömare på varje risknivå, med andelen av ärendets bedömningar inom parentes, och rapportens
antal bredvid. *Inte känt* betyder att bedömaren inte ansåg att risken gick att bedöma.
""",
"""
va.risk_table(test1, lang=lang)
""",
"""
va.plot_risk_distribution(test1, lang=lang)
""",
"""md:
Assi bedömdes av tio av tolv (83 %) som mycket hög risk och av de två övriga som hög risk: alla
bedömningar ligger på skalans två översta nivåer. Max bedömningar är mer spridda: en valde något
förhöjd, två hög och fyra mycket hög risk. Ingen bedömde något av ärendena som ingen/låg risk.
""",
"""md:
## Hur eniga är bedömarna om ett och samma ärende?

Rapportens fråga gällde ett ärende i taget: hur samlade är bedömningarna av Assi, och av Max? Det
beskrivs bäst med mått på *konsensus* för ett ärende (`agreement.consensus`), som utgår från hur
bedömningarna fördelar sig över de fyra ordnade nivåerna. Varje värde har ett 95 % konfidensintervall
från en bootstrap över bedömarna: bedömarna dras om med återläggning 2 000 gånger, och intervallet visar
hur mycket värdet hade kunnat variera med andra socialsekreterare av samma slag. Sista kolumnen säger hur
måttet läses.
""",
"""
va.consensus_table(test1, n_boot=2000, seed=2016, lang=lang)
""",
"""md:
Alla Assis bedömningar och sex av sju av Max ligger högst ett steg från medianen, men Max bedömningar är
betydligt mer utspridda (lägre konsensus, högre spridning). Intervallen är breda, särskilt för Max med
bara sju bedömare, och Assis och Max intervall överlappar för de flesta måtten. Med 12 och 7 bedömare
kan man alltså säga att Assi bedömdes mer samstämmigt än Max *i det här testet*, men inte hur stor
skillnaden skulle bli om andra socialsekreterare hade bedömt samma ärenden. Bootstrapintervall från så
få bedömare är dessutom i sig ungefärliga.
""",
"""md:
## Samstämmighet över de två ärendena – och vad två ärenden räcker till

De vanliga samstämmighetsmåtten (Fleiss kappa, Gwets AC1, Krippendorffs alfa med flera) räknas på en
tabell med ett ärende per rad och en bedömare per kolumn. De svarar på en annan fråga än
konsensusmåtten: *skiljer bedömarna ärendena åt på samma sätt?* Här finns bara två ärenden, och båda
bedöms som allvarliga. Först med varje nivå som en egen kategori (ett steg fel räknas som lika fel
som tre steg), sedan med ordinala vikter och Krippendorffs ordinala alfa (ett steg fel räknas som ett mindre fel).
""",
"""
va.agreement_table(test1, n_boot=1000, seed=2016, lang=lang)
""",
"""
va.agreement_table(test1, weights="ordinal", level="ordinal", n_boot=1000, seed=2016, lang=lang)
""",
"""md:
Vad tabellerna säger – och inte säger:

- **Kappa nära noll betyder inte att bedömarna är oeniga.** Ungefär hälften av alla par av bedömare
  valde samma nivå (observerad överensstämmelse 0,52). Men nästan alla bedömningar i båda ärendena är
  *mycket hög* eller *hög*, så den överensstämmelse som väntas av slumpen är nästan lika stor (0,55), och
  Fleiss kappa blir −0,08. Det är den så kallade kappaparadoxen (se notebook 07): koefficienten mäter om
  bedömarna skiljer ärendena åt, och Assi och Max skiljer sig knappt åt i allvar. Gwets AC1 och
  Brennan–Prediger räknar slumpen på ett annat sätt och blir högre.
- **Intervallen säger nästan ingenting.** Med två ärenden har t-intervallet en frihetsgrad, och
  standardfelet multipliceras med 12,7 i stället för 1,96. Intervallen blir därför mycket breda, och
  flera går till och med utanför den möjliga skalan (en andel överensstämmande par kan inte vara −1,80;
  metoden kapar, som R-paketet irrCAC, bara den övre gränsen vid 1).
- **Vad som kommer från rapporten och vad som är påhittat.** Andelen överensstämmande par, Fleiss kappa,
  Gwets AC1, Brennan–Prediger och Krippendorffs alfa beror bara på hur många som valde varje nivå i varje
  ärende, alltså på rapportens egna siffror. Congers kappa och bootstrapintervallen beror också på vem som
  bedömde vad, och det är påhittat i de syntetiska data.
- **Bootstrap över bedömare** ger smalare intervall men svarar på en snävare fråga: hur mycket värdet
  hade ändrats om andra socialsekreterare hade bedömt *just de här två ärendena*. Om andra ärenden säger
  det ingenting. En bootstrap över ärenden är meningslös med två ärenden: det finns bara tre olika sätt
  att dra om dem.
- **Slutsats:** två ärenden räcker för att *beskriva* hur bedömningarna av Assi och Max föll ut, inte
  för att uttala sig om hur samstämmigt socialsekreterare bedömer risk i allmänhet. Det kräver många
  ärenden med olika grad av allvar, bedömda av samma eller jämförbara bedömare.

Tabellen visar hur mycket multiplikatorn i intervallet krymper när antalet ärenden ökar. Dessutom
skattas standardfelet självt ur ärendena, så med två eller tre ärenden är också det mycket osäkert.
""",
"""
va.ci_multipliers(lang=lang)
""",
"""md:
## Riskbedömningen och antalet identifierade riskfaktorer

Rapporten: för Max fanns *"en tydlig koppling mellan angiven riskbedömning och antalet riskfaktorer som
identifierats, det vill säga ju fler identifierade riskfaktorer desto högre bedömdes risken vara"*, och
de som bedömde risken som något förhöjd *"hade missat riskfaktorer som rörde barnets hälsoproblem och
brist på hälso- och sjukvård, liksom mammans brist på rutiner och känslomässigt stöd"*. För Assi fanns
hög samstämmighet om riskfaktorerna i hans eget beteende och i familj och miljö, *"medan flera missade
eller inte bedömde föräldraförmågan som bristande"*.

Varje punkt i figuren är en bedömare: antalet riskfaktorer i ärendet som hen nämnde i sitt öppna svar,
mot den risknivå hen valde. Strecket är nivåns medelvärde.
""",
"""
va.plot_factor_count_by_risk(test1, lang=lang)
""",
"""md:
Spearmans rangkorrelation mellan antalet nämnda riskfaktorer och risknivån
(`agreement.rating_vs_factor_count`), med 95 % konfidensintervall:
""",
"""
va.factor_count_correlation(test1, texts, lang=lang)
""",
"""md:
För Max är sambandet starkt, men med sju bedömare går intervallet från ett svagt till ett nästan
perfekt samband. Kom ihåg att sambandet är inbyggt i de syntetiska data efter rapportens beskrivning:
tabellen visar hur man mäter det, inte att det gäller. För Assi säger korrelationen lite: bara två
bedömare valde en annan nivå än mycket hög risk, och intervallet rymmer allt från ett tydligt negativt
till ett svagt positivt samband.

Vilka faktorer nämnde bedömarna på respektive nivå? Antal bedömare som nämnde faktorn i sitt öppna svar:
""",
"""
va.factors_by_risk(test1, texts["max"], lang=lang)
""",
"""md:
Den som bedömde Max risk som något förhöjd nämnde varken hälso- och tandvården, tillväxten, tandstatusen,
mammans vardagsrutiner eller det känslomässiga stödet; alla som valde mycket hög risk nämnde dem. Så här
motiverade bedömarna sin nivå med egna ord (texten före listan över riskfaktorer):
""",
"""
va.statements_by_risk(test1, vignette="max", lang=lang)
""",
"""
va.factors_by_risk(test1, texts["assi"], lang=lang)
""",
"""md:
Alla nämnde Assis skolproblem, missbruk och kriminalitet, medan föräldrarnas långvariga svårigheter med
vägledning och gränssättning nämndes av färre. Att missa den faktorn ändrade inte risknivån för Assi,
som ändå hamnade högt – men den kan ha betydelse för vilken insats som väljs och vad insatsen ska
fokusera på.

## Vad rapporten drog för slutsatser

- Ärendet Assi upplevdes som tydligare än Max, eftersom Assi hade en egen uttalad problematik.
- Max ledde till mer diskussion om att bedöma hur allvarliga bristerna är och var gränsen för "good
  enough" går.
- Återigen diskuterades osäkerheten i vad som är en allvarlig och omfattande riskfaktor jämfört med en
  mindre allvarlig och mindre omfattande.
- Det fanns olika uppfattningar om förskolans roll som skyddsfaktor när problemen gäller sådant som
  förskolan inte kan kompensera för, till exempel bristande tandvård och hälso- och sjukvård.
- Även om antalet svarande var färre än önskat ger resultatet en bild av hur riskbedömningen och den
  identifierade utsattheten varierar i ett och samma ärende.
- Rapportens tidigare granskning av kommunernas egna ärenden visade att riskbedömningen ofta blev
  *relativ* – jämförd med andra aktuella ärenden – och att det saknas vägledning om vad de olika
  risknivåerna innebär. Kommunerna betonade vikten av att systematiskt och strukturerat identifiera och
  väga risk- och skyddsfaktorer.

Det som siffrorna här lägger till: med 7–12 bedömare är också konsensusmåtten osäkra, och
samstämmighetskoefficienter över två ärenden ska inte läsas som ett mått på samstämmighet i allmänhet.

## Frågor till gruppen (för kursledaren)

1. Läs Max innan ni tittar på resultaten. Vilken risknivå väljer du, och vilka tre faktorer väger
   tyngst? Jämför i gruppen.
2. Den som valde något förhöjd risk för Max missade barnets hälsa och tandvård. Hur ser ni i er egen
   utredning till att alla områden i BBIC-triangeln har gåtts igenom innan risken bedöms?
3. Max trivs i förskolan. Vilken skyddande funktion har förskolan när problemen gäller tandvård,
   tillväxt och hälso- och sjukvård? Var går gränsen för "good enough"?
4. Om Assi var bedömarna mer eniga, men flera missade föräldrarnas svårigheter med gränssättning. Spelar
   det roll när risknivån ändå blir mycket hög? Vad betyder det för valet av insats och för insatsens fokus?
5. Jämför ni med andra aktuella ärenden när ni väljer risknivå? Vad skulle en gemensam beskrivning av
   nivåerna – från ingen/låg till mycket hög risk – behöva innehålla för att bedömningen inte ska bli relativ?
6. Kappa blev nära noll fast ungefär hälften av paren valde samma nivå. Hur skulle ni förklara det för en
   kollega? Vad skulle ni behöva för att kunna säga något om samstämmigheten i er egen verksamhet?
7. Gör testet i gruppen med ett ärende ni inte har sett förut, och jämför er fördelning med tabellerna ovan.
""",
])

# ---------------------------------------------------------------------------
# 06: test 2, Jamila, Tobias and Mohammad
# ---------------------------------------------------------------------------

build("notebooks/06_samstammighet_test2.ipynb", [
"""md:
# Samstämmighetstest 2: Jamila, Tobias och Mohammad (hösten 2017)

*English summary.* The second agreement test of the Webbkollen report (§3.3): social workers rated
three constructed cases, Jamila (4, 16 ratings), Tobias (16, 15) and Mohammad (16, 4), for identified
exposure, the risk that the child is harmed, the intervention needed and its focus, and motivated the
risk and stated a goal in open answers. This notebook shows the vignettes, the report's counts beside
the data, the risk distribution (table and figure), consensus per vignette with bootstrap intervals,
the coefficients across the three vignettes and what so few units allow one to conclude, agreement on
exposure option by option, the Jamila discussion (how the words raters used – limit-setting, harsh
upbringing, physical violence – line up with their risk level), Tobias, what the report concluded and
questions for a group. The ratings are synthetic, calibrated to reproduce every count the report gives;
Mohammad's case and ratings are invented (the report gives only his age and the number of ratings).
The text is in Swedish; `lang="en"` gives English table and figure labels.
""",
"""md:
## Om testet

Hösten 2017 bedömde socialsekreterare tre konstruerade ärenden: Jamila 4 år, Tobias 16 år och Mohammad
16 år. Nu registrerades *identifierad utsatthet* (i hemmiljön, hos vårdnadshavaren och hos barnet),
*risk att barnet far illa i nuvarande situation*, *typ av insats* och *insatsens fokus*, och i två
öppna frågor skulle socialsekreterarna motivera riskbedömningen med risk- och skyddsfaktorer och
formulera mål med insatsen. Målet var 30 svarande per ärende; det blev 16 registreringar för Jamila, 15
för Tobias och 4 för Mohammad. Rapporten diskuterar bara Jamila och Tobias, eftersom alltför få svarade
om Mohammad.

Frågorna rapporten ställde gällde för varje ärende vilken utsatthet som identifieras, vilken risk som
bedöms, vilka risk- och skyddsfaktorer som anges som motivering, vilken insats som bedöms behövas, vilka
områden insatsen bör fokusera på och vilka mål som kan formuleras – och hur samstämmiga svaren är.
""",
DATA_NOTE,
"""md:
Mohammads ärende är helt påhittat för paketet (rapporten anger bara hans ålder och antalet
registreringar), och alla hans bedömningar är dragna av generatorn. Räkna honom inte som ett resultat.
""",
PARAMS,
SETUP + """test2 = ratings[ratings["test"] == 2]
jamila = test2[test2["vinjett"] == "jamila"]
""",
"""md:
## Ärendena

Jamila och Tobias är skrivna med egna ord utifrån rapportens sammanfattningar, med några detaljer
tillagda (de står i vinjettfilernas `source`); Mohammad är påhittad.
""",
"""
for vignette in ("jamila", "tobias", "mohammad"):
    display(Markdown(va.vignette_markdown(texts[vignette], lang)))
""",
"""md:
## Rapportens siffror bredvid datamaterialet

Varje antal som rapporten anger, bredvid samma antal i datamaterialet. *Underlag* säger om antalet står
i rapporten, följer av rapportens siffror (till exempel noll för ett svarsalternativ som rapportens
fullständiga uppräkning inte nämner) eller är vår tolkning där rapporten är otydlig.
""",
"""
va.report_comparison(test2, lang=lang)
""",
"""md:
## Riskbedömningen i respektive ärende
""",
"""
va.risk_table(test2, lang=lang)
""",
"""
va.plot_risk_distribution(test2, lang=lang)
""",
"""md:
Elva av sexton (69 %) bedömde Jamilas risk som något förhöjd, två som ingen/låg och två som hög; ingen
valde mycket hög risk, och en svarade att risken inte gick att bedöma. För Tobias gick bedömningarna åt
andra hållet: åtta av femton (53 %) valde mycket hög risk, fem hög och två något förhöjd.

## Hur eniga är bedömarna om ett och samma ärende?

Konsensus om varje ärende (`agreement.consensus`), med 95 % bootstrapintervall över bedömarna. Svaret
*inte känt* är ingen nivå på skalan och räknas inte med, så för Jamila bygger måtten på 15 bedömare
(andelen i den vanligaste nivån blir 11 av 15, inte 11 av 16 som i rapportens procentsats).
""",
"""
va.consensus_table(test2, n_boot=2000, seed=2017, lang=lang)
""",
"""md:
Bedömningarna av Jamila är mer samlade än bedömningarna av Tobias: alla Jamilas ligger inom ett steg från
medianen, medan Tobias bedömningar sprids över tre nivåer. Mohammads fyra bedömare valde samma nivå, och
då blir varje bootstrapintervall "1,00–1,00": när man drar om fyra likadana svar får man alltid fyra
likadana svar. Det betyder inte att enigheten är säker – med fyra bedömare vet vi mycket lite.

## Samstämmighet över de tre ärendena – och vad tre ärenden räcker till

Ett ärende per rad och en bedömare per kolumn, först med varje nivå som en egen kategori, sedan med
ordinala vikter och Krippendorffs ordinala alfa.
""",
"""
va.agreement_table(test2, n_boot=1000, seed=2017, lang=lang)
""",
"""
va.agreement_table(test2, weights="ordinal", level="ordinal", n_boot=1000, seed=2017, lang=lang)
""",
"""md:
Till skillnad från test 1 ligger värdena här tydligt över noll: Jamila bedöms oftast som något förhöjd
och Tobias oftast som mycket hög risk, så bedömarna skiljer ärendena åt på ungefär samma sätt. Men:

- **Tre ärenden ger två frihetsgrader**, och standardfelet multipliceras med 4,3 i stället för 1,96
  (tabellen nedan). De flesta intervallen rymmer allt från ingen eller nästan ingen samstämmighet till
  nästan fullständig. Med ordinala vikter är till exempel Gwets AC2 0,80, men intervallet går från under
  0,1 till 1.
- **Varje ärende väger lika mycket.** Mohammads fyra samstämmiga bedömningar påverkar den observerade
  överensstämmelsen lika mycket som Jamilas sexton – och hans bedömningar är dessutom påhittade.
- **Bootstrap över bedömare** visar bara osäkerheten från vilka socialsekreterare som råkade svara,
  för just de här tre ärendena.
- **Slutsats:** tre ärenden räcker för att visa att bedömarna i det här testet skilde Jamila från Tobias,
  inte för att säga hur samstämmigt socialsekreterare bedömer risk i allmänhet.
""",
"""
va.ci_multipliers(lang=lang)
""",
"""md:
## Identifierad utsatthet, svarsalternativ för svarsalternativ

För varje svarsalternativ: hur många av dem som besvarade frågan som kryssade i det, ärende för ärende,
och samstämmigheten över de tre ärendena när alternativet behandlas som en ja/nej-fråga (andel
överensstämmande par, Gwets AC1, Fleiss kappa, Krippendorffs alfa). De första kolumnerna svarar på
rapportens fråga (hur många identifierade till exempel fysiskt våld mot Jamila); koefficienterna på om
bedömarna är eniga om *vilka* ärenden som har utsattheten. Ett alternativ som nästan ingen kryssar i ger
hög överensstämmelse och hög AC1 men en instabil kappa och alfa, och "–" när ingen alls kryssade i det:
läs dem tillsammans.
""",
"""
va.checklist_table(test2, "hem", lang=lang)
""",
"""
va.checklist_table(test2, "vh", lang=lang)
""",
"""
va.checklist_table(test2, "barn", lang=lang)
""",
"""md:
Som i rapporten: hög samstämmighet om fysiskt våld mot Jamila (13 av 16) men en spretig bild i övrigt;
för Tobias hög samstämmighet om bristande omsorg, om vårdnadshavarnas riskbruk/missbruk och om Tobias
eget riskbruk/missbruk och skolproblem.

Samstämmigheten om hela frågan på en gång – Krippendorffs alfa med MASI-avståndet mellan de
uppsättningar av alternativ som varje bedömare kryssade i (samma uppsättning = 0, ingen gemensam = 1,
delvis överlapp däremellan):
""",
"""
va.checklist_set_agreement(test2, ["hem", "vh", "barn", "insatsforslag", "fokus"], lang=lang)
""",
"""md:
## Typ av insats och insatsens fokus

Rapporten fann en stor spridning i vilken insats som bedöms behövas. För Jamila valde de flesta "annan
öppenvårdsinsats" (familjebehandling, stöd i föräldrarollen eller föräldrautbildning enligt de öppna
svaren), vilket deltagarna menade visar att svarsalternativen för öppenvård inte motsvarar de insatser
kommunerna erbjuder. Som insatsens fokus angavs nästan alla delområden i BBIC-triangeln, vilket enligt
deltagarna speglade de områden man satt mål för snarare än de upprätthållande riskfaktorerna.
""",
"""
va.checklist_table(test2, "insatsforslag", lang=lang)
""",
"""
va.checklist_table(test2, "fokus", lang=lang)
""",
"""md:
## Jamila: fysiskt våld, hård uppfostringsstil eller svårigheter med gränssättning?

En central fråga vid rapportens uppföljande seminarium var om Jamila var utsatt för fysiskt våld eller
om informationen i ärendet snarare handlade om bristande omsorg i form av svårigheter med
gränssättning. Rapporten beskriver hur orden i motiveringarna följde risknivån:

- de som angett ingen/låg risk använde uttryck som "svårigheter i gränssättning" och lade stor vikt vid
  att det fanns fungerande skyddsfaktorer;
- de som angett något förhöjd risk använde uttryck som "hård uppfostringsstil";
- de som angett hög risk använde uttrycket "fysiskt våld mot barnet" och menade att skyddsfaktorerna var
  bristande.

Först utsattheten som kryssades i, per risknivå (antal bedömare):
""",
"""
va.options_by_risk(jamila, cb["hem"].columns, lang=lang)
""",
"""md:
Alla elva som bedömde risken som något förhöjd kryssade i *fysiskt våld mot barnet*. Samma bedömare
beskriver i sina motiveringar en hård uppfostringsstil. Kryssen, orden och risknivån säger alltså olika
saker om samma information. Så här många på varje nivå använde rapportens uttryck i sin motivering:
""",
"""
va.phrase_counts(test2, va.REPORT_PHRASES["jamila"]["motivering"], vignette="jamila", lang=lang)
""",
"""md:
Motiveringarna med egna ord (texten före listan över riskfaktorer), per risknivå:
""",
"""
va.statements_by_risk(test2, vignette="jamila", lang=lang)
""",
"""md:
Uppdelningen är inbyggd i de syntetiska data efter rapportens beskrivning, så tabellerna visar den inte
på nytt – de visar hur en grupp kan se den i sina egna svar.

### Målen med insatsen

Enligt rapporten formulerade de flesta likvärdiga mål, men målen skilde sig åt efter hur man tolkat
ärendet: "våldet ska upphöra", "verktyg att hantera när Jamila blir arg", "vägleda utan att vara
hårdhänta". Gemensamt för alla mål var att utgångsläget saknades – när och hur ofta Jamila utsatts för
våld, hård uppfostringsstil eller svårigheter med gränssättning – vilket gör det svårt att följa upp vad
insatsen har förändrat. ("…" står för vilken text som helst däremellan.)
""",
"""
va.phrase_counts(test2, va.REPORT_PHRASES["jamila"]["mal"], vignette="jamila", column="mal", lang=lang)
""",
"""
va.statements_by_risk(test2, vignette="jamila", column="mal", lang=lang)
""",
"""md:
## Tobias: samma faktorer, olika vikt

Rapporten: de svarande angav likvärdiga risk- och skyddsfaktorer oavsett grad av risk; det som skilde
var bedömningen av riskfaktorernas omfattning och allvar och av skyddsfaktorernas omfattning och funktion.
Antal bedömare på varje nivå som nämnde faktorn i sitt öppna svar:
""",
"""
va.factors_by_risk(test2, texts["tobias"], lang=lang)
""",
"""md:
De tre tyngsta faktorerna – drogerna, händelsen på bron och föräldrarnas alkoholvanor – nämndes av alla,
oavsett nivå. Sambandet mellan antalet nämnda faktorer och risknivån, jämfört med Jamila (och Mohammad,
där alla valde samma nivå och sambandet inte går att räkna):
""",
"""
va.factor_count_correlation(test2, texts, lang=lang)
""",
"""md:
För Tobias är sambandet svagt och intervallet rymmer noll: bedömarna skiljer sig åt i hur de väger
faktorerna, inte i hur många de ser. Jämför med Max i test 1, där de som valde en lägre nivå hade missat
faktorer.

Bara en av Tobias målformuleringar angav ett utgångsläge, vilket behövs för att kunna mäta förändring vid
uppföljningen:
""",
"""
va.phrase_counts(test2, ["utgångsläge"], vignette="tobias", column="mal", lang=lang)
""",
"""md:
## Vad rapporten drog för slutsatser

- Samstämmigheten var hög om den mest framträdande utsattheten (fysiskt våld mot Jamila; bristande
  omsorg och missbruk hos vårdnadshavarna och hos Tobias själv), men spretig om övrig utsatthet.
- Riskbedömningen varierade i båda ärendena. För Jamila följde risknivån hur man tolkade informationen:
  som svårigheter med gränssättning, hård uppfostringsstil eller fysiskt våld. För Tobias angavs samma
  faktorer oavsett nivå; skillnaden låg i hur allvarliga och omfattande faktorerna bedömdes vara.
  Det är framför allt den bedömningen som påverkar risknivån, mindre antalet faktorer.
- Typ av insats spreds över många alternativ, och "annan öppenvårdsinsats" valdes ofta: alternativen
  för öppenvård behöver ändras så att det blir tydligt vad som ryms i dem.
- Insatsens fokus angavs för nästan alla delområden, som om fokus var detsamma som målområden; då blir
  variabeln svår att använda för att beskriva de centrala behoven.
- Målen saknade nästan alltid utgångsläge, och då går det inte att följa upp vilken förändring insatsen
  har lett till eller vad ett "uppnått" mål innebär.

Det som siffrorna här lägger till: per svarsalternativ beror samstämmighetskoefficienterna mycket på hur
vanligt alternativet är, och med tre ärenden är intervallen så breda att de bara beskriver det här testet.

## Frågor till gruppen (för kursledaren)

1. Läs Jamila. Skriv ner risknivå och *ett* ord för vad som har hänt innan ni pratar med varandra. Vilka
   ord kom upp i gruppen – gränssättning, uppfostringsstil, våld? Följer era risknivåer orden?
2. Elva bedömare kryssade i fysiskt våld men valde något förhöjd risk. Hur går det ihop? Vad skulle få er
   att välja hög risk?
3. Vilken information skulle ni behöva för att avgöra om det är våld eller svårigheter med
   gränssättning? Hur ofta, hur länge, vad Jamila själv säger?
4. Formulera ett mål för Jamilas insats som har ett utgångsläge. Hur vet ni vid uppföljningen att målet
   är uppnått?
5. Tobias: alla såg drogerna, bron och föräldrarnas alkohol, men risknivåerna gick från något förhöjd till
   mycket hög. Hur väger ni in att föräldrarna tidigare tackat nej till stöd, och att Tobias själv berättat?
6. Vad är skillnaden mellan insatsens *fokus* och de områden ni sätter *mål* för? Välj de två eller tre
   områden som är viktigast för Tobias.
7. Vilket svarsalternativ för insats skulle ni välja för det ni faktiskt erbjuder i er kommun? Saknas det
   något alternativ?
8. Med tre ärenden blev intervallen för samstämmigheten mycket breda. Hur skulle ni lägga upp ett eget
   test för att kunna säga något om samstämmigheten i er verksamhet?
""",
])
