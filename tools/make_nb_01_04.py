"""Build the analysis notebooks 01–04 (the report's §3.3 and §4.2).

Run from the repository root: ``python tools/make_nb_01_04.py``. Writes

* ``notebooks/01_beskrivande.ipynb``: Tables 3 and 4, Figure 6, talks with
  the child, reasons for closure;
* ``notebooks/02_jamforelser_mellan_grupper.ipynb``: Figure 7, Table 5,
  Exempel 1–4 with tests and effect sizes;
* ``notebooks/03_jamforelser_over_tid.ipynb``: Table 5b, Table 7, Figures 6
  and 8 with the paired tests;
* ``notebooks/04_utsatthet_och_risk.ipynb``: Table 2, measures of
  association and ordinal models.

The notebooks are written without outputs. Every number in them is computed
by ``webbkollen_lib``; the report's own figures come from
``data/reference/published_figures.csv`` through
:func:`webbkollen_lib.present.published.published_vs_ours`, so no published value is
typed here, and the prose does not quote numbers of the data (the synthetic
data may be regenerated).
"""

from nb import build

PARAMS = """params:
data: str | None = None  # en egen fil med registreringar (csv eller xlsx) i samma format; None = paketets syntetiska data
lang: str = "sv"  # språk i tabeller och figurer: "sv" eller "en"
ar: int | None = 2017  # år vars avslutade insatser analyseras (rapporten: 2017); None = alla år
"""


def setup(imports: str) -> str:
    return f"""
%matplotlib inline
import pandas as pd
from IPython.display import HTML, Markdown, display

from webbkollen_lib import load_cases
from webbkollen_lib.present import published as pub
{imports.strip()}

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", None)

registreringar = load_cases(data)
cases = pub.report_population(registreringar, ar)  # avslutade insatser, som i rapporten
print(f"Registreringar i filen: {{len(registreringar)}}. "
      f"Avslutade insatser {{ar if ar is not None else '(alla år)'}}: {{len(cases)}}.")
"""


DATA_NOTE = """md:
**Om data.** Registreringarna är *syntetiska*. Paketets generator (med fast slumpfrö) har gjort dem
så att de återskapar rapportens tabeller och de mönster som rapportens text beskriver. Inga verkliga
barn eller ärenden finns i data. Det som rapporten inte berättar – till exempel hur två variabler
hänger ihop utöver det som tabellerna visar – är påhittat. Mönster som byggts in efter rapporten kan
därför bara *illustreras* här, inte prövas: att de syns i tabellerna är ingen ny kunskap. Med
parametern `data` läser notebooken i stället en egen fil i samma format (se README och kodboken);
kolumnen *Våra data* visar då den egna filens värden bredvid rapportens.
"""

def codebook_caveats(variables: list[str]) -> list[str]:
    """A heading and the cell that lists the codebook's caveats of ``variables``."""
    return [
        """md:
Kodbokens anmärkningar om variablerna i den här notebooken:
""",
        f"""
display(Markdown(pub.caveat_notes({variables!r}, lang)))
""",
    ]


HOW_TO_READ = """md:
**Rapporten bredvid våra data.** Under varje tabell och figur står rapportens siffror (*Rapporten*)
bredvid samma siffror räknade ur data (*Våra data*), med en decimal mer än rapporten för att
avrundningar ska synas. *Krav* säger hur nära vi måste komma: *exakt* för antal, och för andelar en
marginal som täcker att rapporten avrundar till hela procent. Där rapporten bara säger till exempel
"majoriteten" står det *mer än* i kolumnen *Rapporten*. *Inom kravet* svarar Ja eller Nej.
Rapportens siffror hämtas ur `data/reference/published_figures.csv`; anmärkningarna under tabellerna
(på engelska) förklarar hur vi har läst rapporten där den är otydlig eller säger emot sig själv.
"""


def caveats(extra: str = "") -> str:
    return """md:
## Att tänka på

Rapporten betonar att resultaten är *lärande exempel* som ska tolkas med försiktighet. Tre skäl gäller
allt i den här notebooken:

- **Uppgifterna är inte representativa.** Kommunerna och stadsdelarna deltog frivilligt, uppgifter från
  alla kommuner saknas och man vet inte hur väl de registrerade ärendena speglar barn och unga i
  socialtjänsten i stort (rapporten §4.2). Andelarna beskriver de registrerade ärendena, inte Sverige.
- **Det finns inget unikt id, så samma barn kan räknas flera gånger.** Portalen registrerade uppgifter
  per insats, utan personnummer eller annat id, av sekretesskäl. Samma barn kan därför förekomma mer än
  en gång: om hen fick flera insatser under året, eller registrerades både vid uppföljning och avslut
  (rapporten §2.1). Här används bara registreringar vid avslut, vilket tar bort dubbelräkningen mellan
  uppföljning och avslut men inte mellan flera insatser till samma barn. Tabellernas "barn" är
  egentligen *avslutade insatser*.
- **Vissa variabler tolkades olika av olika socialsekreterare.** Riskbedömningen, den identifierade
  utsattheten, insatsens fokus och öppenvårdsinsatserna visade sig svåra att förstå och använda på
  samma sätt (rapporten §3.3 och §5.2; samstämmighetstesten i notebook 05 och 06). En skillnad i en
  tabell kan därför bero på *hur* man registrerar, inte bara på barnens situation.
""" + extra


P_VALUES = """
### Vad ett p-värde säger – och inte säger

Testen väljs av biblioteket och namnges i tabellerna, liksom effektmåtten.

- **Vad det säger.** Ett p-värde svarar på frågan: *om det inte fanns någon skillnad (inget samband)
  i den population som data är ett slumpmässigt urval ur, hur ovanligt vore det att ändå se en skillnad
  minst så stor som den här?* Ett litet p-värde betyder att skillnaden är svår att förklara med enbart
  slumpens variation.
- **Vad det förutsätter.** Ett slumpmässigt urval ur en känd population, och oberoende observationer.
  Ingetdera gäller här: kommunerna valde själva att delta och vi vet inte vilka ärenden som
  registrerades, och samma barn kan förekomma flera gånger. Ett p-värde kan därför inte säga att en
  skillnad gäller i andra kommuner eller i Sverige, och det rättar inte till ett skevt urval. Läs det som
  ett mått på hur mycket skillnaden *i just de här registreringarna* skulle kunna bero på slumpen.
- **Vad det inte säger.** Hur stor eller viktig skillnaden är – det säger effektmåttet (skillnad i andel
  i procentenheter, Cramérs V och andra) med sitt konfidensintervall. Ett stort p-värde betyder inte att
  grupperna är lika: med små grupper blir intervallen breda och även stora skillnader kan bli
  "icke-signifikanta".
- **Många test.** Görs tio test på samma data blir något av dem lätt "signifikant" av en slump. Där
  många test görs samtidigt visas också p-värden justerade med Holms metod.
- **Syntetiska data.** Mönstren är inbyggda efter rapportens beskrivning; ett signifikant test här visar
  hur man prövar, inte att skillnaden finns i verkligheten.
"""

# ---------------------------------------------------------------------------
# 01 beskrivande
# ---------------------------------------------------------------------------

build("notebooks/01_beskrivande.ipynb", [
"""md:
# Beskrivande data: avslutade insatser

*English summary.* The first of the report's three ways of using follow-up data (§4.2, "Beskrivning av
data"): counts and shares. This notebook shows the closed interventions of 2017 by sex, age, origin and
unaccompanied minors (Table 3), identified exposure in the home, the guardian's difficulties and the
child's own (Table 4), the risk that the child is harmed at the decision and at closure (Figure 6),
talks with the child, reasons for closure, and the open-care interventions that were hard to classify.
Every figure the report prints stands beside the same figure computed from the data. The notebook
repeats the report's warnings: the data are not representative, there is no unique id so a child may be
counted more than once, and some variables were read differently by different social workers. The
registrations are synthetic, calibrated to the report. The text is in Swedish; `lang="en"` gives
English tables and figures.
""",
"""md:
## Om notebooken

Rapporten *Webbkollen Barn och Unga* (SKL 2018) visar i avsnitt 4.2 hur uppgifter från systematisk
uppföljning kan användas, i tre moment: beskrivning av antal och andel, jämförelser mellan grupper
(notebook 02) och jämförelser över tid (notebook 03). Den här notebooken gör det första momentet och
besvarar rapportens exempelfrågor:

- För hur många flickor respektive pojkar avslutades insatser?
- För hur många barn i olika åldrar avslutades insatser?
- I vilken utsträckning har våld mot barn angetts som identifierad utsatthet?
- I vilken utsträckning har enskilda samtal med barnet genomförts under utredningen?
- Hur bedömdes risken att barnet far illa vid beslut om insats – och vid avslut?
- För hur stor andel bedömdes målet med insatsen vara uppfyllt när insatsen avslutades?
""",
caveats(),
DATA_NOTE,
PARAMS,
setup("""
from webbkollen_lib import summary_table
from webbkollen_lib.present.tables import to_html
from webbkollen_lib.plots import plot_risk_decision_closure
"""),
*codebook_caveats(["tillfalle", "ursprung", "hem", "risk_beslut", "samtal_vh_avslut", "maluppfyllelse", "insats"]),
HOW_TO_READ,
"""md:
## Datamaterialet

Rapportens analyser i avsnitt 4.2 gäller de insatser som avslutades under ett år (2017). Tabell 1 i
rapporten listar kommunerna och stadsdelarna, och dess fotnot anger hur många ärenden varje deltagare
minst registrerade.
""",
"""
pub.published_vs_ours(registreringar, sources=["Tabell 1", "Tabell 1 fotnot 1"], year=ar, lang=lang)
""",
"""md:
## Tabell 3: kön, ålder, ursprung och ensamkommande barn

Antal avslutade insatser och andel i procent av *alla* avslutade insatser, med 95 % konfidensintervall
(Wilson). Eftersom andelen räknas av alla, även dem som saknar uppgift om ursprung, summerar svenskfödda
och utlandsfödda inte till 100 % – precis som i rapporten (fotnot 4). Konfidensintervallet visar hur
mycket en andel kan variera av slumpen; det säger inget om hur representativa ärendena är.
""",
"""
HTML(to_html(summary_table(cases, ["kon", "aldersgrupp", "ursprung", "ensamkommande"], lang=lang,
                           ci=0.95, missing="ifany")))
""",
"""
pub.published_vs_ours(registreringar, sources=["Tabell 3", "Tabell 3 fotnot 4", "Text §4.2 (Exempel)",
                                               "Fotnot 3 §4.2"], year=ar, lang=lang)
""",
"""md:
Alla ensamkommande barn är födda utomlands, och enligt rapporten följde bara några av kommunerna upp
insatser till ensamkommande (fotnot 3). Det får betydelse i notebook 02: en stor del av de utlandsfödda
pojkarna är ensamkommande, och rapporten förklarar flera skillnader mellan utlandsfödda flickor och
pojkar med det. Tabellen säger heller inget om hur många *barn* som fick insatser: ett barn med två
avslutade insatser räknas två gånger.

## Tabell 4: identifierad utsatthet

I samband med barnavårdsutredningen registrerades vilken utsatthet som låg till grund för beslutet om
insats, i tre block: utsatthet i hemmiljön, svårigheter hos vårdnadshavaren och barnets eget
riskbeteende eller egna svårigheter. Flera alternativ kunde väljas, så andelarna summerar till mer än
100 %. Varje block hade också ett uttryckligt svar "ingen" (för vårdnadshavaren även "information
saknas"). De står här som egna rader men räknas inte som utsatthet, så raden *minst ett alternativ*
gäller den utsatthet som faktiskt identifierats.
""",
"""
HTML(to_html(summary_table(cases, ["hem_nagon", "hem", "vh_nagon", "vh", "barn_nagon", "barn"],
                           lang=lang, missing="ifany")))
""",
"""
pub.published_vs_ours(registreringar, sources=["Tabell 4", "Text till tabell 4"], year=ar, lang=lang)
""",
"""md:
Rapportens text och tabell anger olika andelar för psykisk ohälsa hos föräldrarna; datamaterialet följer
tabellen och kravet i jämförelsen täcker båda (se anmärkningen). Två saker gör tabell 4 svår att tolka:
utsatthetens *allvarlighetsgrad* registreras inte, och i samstämmighetstesten valde socialsekreterare
olika utsatthet i samma ärende (för Jamila fysiskt våld eller brister i gränssättning, notebook 06).
Andelen med "fysiskt våld" är alltså andelen ärenden där någon *registrerat* fysiskt våld.

## Figur 6: risk att barnet far illa, vid beslut och vid avslut

Risken bedömdes på en fyrgradig skala, från ingen/låg till mycket hög risk, vid beslut om insats och
igen när insatsen avslutades. Figuren visar andelen på varje nivå av de insatser som har en bedömning
vid respektive tillfälle, som i rapporten ("inte känt" räknas inte). Tabellen under ger antalen och hur
många som saknar en bedömning.
""",
"""
plot_risk_decision_closure(cases, lang=lang)
""",
"""
HTML(to_html(summary_table(cases, ["risk_beslut", "risk_avslut"], lang=lang, dropna=True, ci=0.95)))
""",
"""
pub.published_vs_ours(registreringar, sources="Figur 6 (text)", ids="s33_majoritet_lag", year=ar, lang=lang)
""",
"""md:
Rapporten (§3.3) fann det överraskande att majoriteten av ärendena bedömdes ha ingen/låg eller något
förhöjd risk vid beslut om insats. Eftersom bara en minoritet av de barn som misstänks fara illa anmäls
till socialtjänsten vore det, enligt rapporten, rimligt att de flesta utredda ärenden bedömdes ha hög
eller mycket hög risk. När kommunerna
granskade sina egna ärenden framkom att riskbedömningen ofta blev *relativ*, jämförd med andra aktuella
ärenden. Figuren beskriver alltså hur risken *registrerades*. Hur bedömningen ändras i ett och samma
ärende från beslut till avslut finns i notebook 03, och hur den hänger ihop med antalet identifierade
utsatthetsformer i notebook 04.

## Samtal med barnet

Rapporten frågar i vilken utsträckning enskilda samtal med barnet har genomförts under utredningen (vid
beslut om insats) och vid avslut. Andelarna räknas av de insatser som har svar på frågorna om samtal;
raden *Saknas* visar hur många som saknar svar.
""",
"""
HTML(to_html(summary_table(cases, ["samtal_enskilt_beslut", "samtal_vh_beslut", "samtal_enskilt_avslut",
                                   "samtal_vh_avslut"], lang=lang, dropna=True, ci=0.95)))
""",
"""
pub.published_vs_ours(registreringar, ids="s42_samtal_*", year=ar, lang=lang)
""",
"""md:
Att barnet kommer till tals var något deltagarna själva ville kunna följa upp (rapporten §4.1). Enligt
rapporten var enskilda samtal betydligt vanligare under utredningen än när insatsen avslutades. Hur
andelarna skiljer sig mellan flickor och pojkar och mellan svenskfödda och utlandsfödda visas i notebook
02; om samma barn fick samtal vid båda tillfällena, i notebook 03.

## Orsak till avslut

Orsaken till att insatsen avslutades registrerades vid avslut; varje insats har en orsak.
""",
"""
HTML(to_html(summary_table(cases, ["avslutsorsak"], lang=lang, ci=0.95, missing="ifany")))
""",
"""
pub.published_vs_ours(registreringar, ids=["s42_mal_uppnatt_halften", "s42_avslut_*"], year=ar, lang=lang)
""",
"""md:
"Målet med insatsen är uppnått" förutsätter ett mål som går att följa upp. I samstämmighetstestet
formulerade socialsekreterarna målen mycket olika, och nästan inga mål angav ett utgångsläge (rapporten
§3.3, notebook 06). Andelen med uppnått mål beror därför också på hur målen skrevs.

## En variabel som var svår att klassificera: typ av öppenvårdsinsats

Rapporten (§3.3) säger att öppenvårdsalternativen var svåra att klassificera och att "annan
öppenvårdsinsats" var det vanligaste valet i öppenvårdsärendena. Tabellen visar typ av insats inom
öppenvård och vård utanför hemmet.
""",
"""
HTML(to_html(summary_table(cases, ["insats"], by="insatsform", lang=lang, missing="ifany")))
""",
"""
pub.published_vs_ours(registreringar, ids="s33_annan_oppenvard", year=ar, lang=lang)
""",
"""md:
När en så stor del av öppenvårdsinsatserna hamnar i "annan" säger variabeln lite om *vilken* hjälp
barnen fick. Det är ett exempel på hur en variabel kan se fullständig ut men ändå vara svår att använda:
alla har svarat, men svaren betyder inte samma sak.

## Sammanfattning

- Beskrivande tabeller svarar på *hur många* och *hur stor andel* – av de registrerade avslutade
  insatserna, inte av barn och inte av alla barn i socialtjänsten.
- Identifierad utsatthet och riskbedömning är de variabler deltagarna tyckte var mest intressanta, men
  också de som tolkades mest olika. Läs dem som registreringar, inte som mått på barnens faktiska
  situation.
- Alla siffror som rapporten redovisar står bredvid våra; kolumnen *Inom kravet* visar om de stämmer.

## Frågor till gruppen (för kursledaren)

1. Tabell 3 räknar avslutade insatser, inte barn. Hur skulle ni ta reda på hur många *barn* era insatser
   gällde? Vad skulle ett unikt id kräva, och vad skulle det kosta i sekretess?
2. Vilken utsatthet i hemmiljön är vanligast i tabell 4? Känner ni igen mönstret från er egen
   verksamhet? Hur vet ni att alla i gruppen registrerar "andra familjekonflikter" eller "bristande
   omsorg" på samma sätt?
3. Majoriteten av ärendena bedömdes ha ingen/låg eller något förhöjd risk vid beslut om insats. Vad tror
   ni att det beror på? Vad skulle en gemensam beskrivning av risknivåerna behöva innehålla?
4. Enskilda samtal var vanligare under utredningen än vid avslut. Vad skulle behövas för att barnet ska
   komma till tals även när insatsen avslutas?
5. Vad betyder "målet uppnått" om målet inte har ett uttalat utgångsläge? Hur skulle ni skriva ett mål
   som går att följa upp?
6. Om er kommun hade en annan fördelning än tabellerna här, hur skulle ni avgöra om det beror på barnen,
   på insatserna eller på hur ni registrerar?
""",
])

# ---------------------------------------------------------------------------
# 02 jämförelser mellan grupper
# ---------------------------------------------------------------------------

build("notebooks/02_jamforelser_mellan_grupper.ipynb", [
"""md:
# Jämförelser mellan grupper: kön och ursprung

*English summary.* The second way of using follow-up data in the report (§4.2, "Jämförelser mellan
grupper"): comparing girls and boys born in Sweden and abroad. Exempel 1: identified exposure by sex
and origin (Figure 7) and the number of exposure forms; Exempel 2: participation, i.e. talks with the
child; Exempel 3: risk at the decision by sex and origin (Table 5); Exempel 4: reasons for closure.
Each comparison comes with the test and effect size the library reports (Pearson's chi-squared or
Fisher's exact test; difference in shares with Newcombe's interval, Cramér's V; Welch and Mann–Whitney
for counts), Holm-adjusted p-values where many tests are made, the report's figures beside ours, and
what a p-value does and does not mean when the data are not a sample from a known population. The
registrations are synthetic. The text is in Swedish; `lang="en"` gives English tables and figures.
""",
"""md:
## Om notebooken

Att jämföra grupper är ett av de viktigaste momenten i verksamhetsuppföljning: pojkar och flickor,
åldersgrupper, svenskfödda och utlandsfödda. Rapporten ger fyra exempel och säger att analyser har
gjorts för att bedöma om skillnaderna är statistiskt signifikanta, men inte vilka test som användes.
Här visas för varje jämförelse andelarna i grupperna, testet, p-värdet och ett effektmått.

Grupperna är kön × ursprung: svenskfödd flicka, svenskfödd pojke, utlandsfödd flicka och utlandsfödd
pojke. Insatser där barnets ursprung inte är känt ingår inte i grupperna (som i rapporten, fotnot 5).
""",
caveats(P_VALUES + """
Testen förutsätter också att grupperna registrerats på samma sätt. Rapporten förklarar flera skillnader
mellan utlandsfödda flickor och pojkar med att de flesta utlandsfödda pojkarna är *ensamkommande* – en
tredje faktor som varken kön eller ursprung fångar. En skillnad mellan grupper är ingen förklaring i
sig.
"""),
DATA_NOTE,
PARAMS,
setup("""
from webbkollen_lib import crosstab, share_by_group
from webbkollen_lib.present.tables import to_html
from webbkollen_lib.plots import plot_exposure_by_sex_origin
"""),
*codebook_caveats(["tillfalle", "ursprung", "hem", "samtal_vh_avslut", "risk_beslut"]),
HOW_TO_READ,
"""md:
**Testen.** `compare_groups` väljer Pearsons chi2-test, eller Fishers exakta test när något förväntat
antal är under 5 (för tabeller större än 2 × 2 med Monte Carlo-p). Antal (som antalet
utsatthetsformer) jämförs med Welchs t-test och Mann–Whitneys U-test. När två grupper jämförs är
effektmåttet skillnaden i andel, första gruppen minus andra, i procentenheter med Newcombes 95 %
konfidensintervall; för en hel tabell Cramérs V, där 0 betyder inget samband och 1 ett fullständigt.

## Exempel 1: identifierad utsatthet efter kön och ursprung (figur 7)

Andelen insatser med varje form av utsatthet i hemmiljön, per grupp. Andelen räknas av de insatser i
gruppen som har svar om utsatthet i hemmiljön.
""",
"""
plot_exposure_by_sex_origin(cases, lang=lang)
""",
"""
pub.published_vs_ours(registreringar, sources="Figur 7 (text, Exempel 1)", year=ar, lang=lang)
""",
"""md:
Rapporten: "andra familjekonflikter" identifierades i större utsträckning för svenskfödda flickor än för
svenskfödda pojkar, men i övrigt fanns inga skillnader mellan dem. Rapporten anger inget test för den
jämförelsen. Här är testen för varje form av utsatthet i hemmiljön (och för svaret "ingen"), med
Holm-justerade p-värden eftersom elva test görs på samma grupper:
""",
"""
pub.significance_table(cases, "hem", by="kon_ursprung", groups=["sverige_flicka", "sverige_pojke"],
                       correction="holm", lang=lang)
""",
"""md:
För utlandsfödda barn är skillnaderna mellan flickor och pojkar enligt rapporten tydliga: "bristande
omsorg", "fysiskt våld mot barn" och "andra familjekonflikter" identifierades i betydligt fler fall för
utlandsfödda flickor. Rapportens mening om fysiskt våld och andra familjekonflikter saknar ett ord
("Trots att antalet utlandsfödda flickor är få, är skillnaderna avseende …"), troligen "statistiskt
signifikanta". Med så få flickor blir konfidensintervallen för skillnaderna breda:
""",
"""
pub.significance_table(cases, "hem", by="kon_ursprung", groups=["utlandet_flicka", "utlandet_pojke"],
                       correction="holm", lang=lang)
""",
"""md:
Rapportens förklaring är att de flesta utlandsfödda pojkarna är ensamkommande barn, som registreras
utan vårdnadshavare i Sverige och därför sällan får utsatthet *i hemmiljön* registrerad. Andelen
ensamkommande i varje grupp:
""",
"""
share_by_group(cases, "ensamkommande", by="kon_ursprung", wide=True, lang=lang)
""",
"""md:
Våld i nära relationer (att barnet bevittnat eller upplevt våld) är enligt rapporten den enda
utsatthetsform som identifierats i lika stor utsträckning för båda könen, oavsett ursprung.

### Antal identifierade utsatthetsformer

Rapporten räknar hur många former av utsatthet som identifierats i varje ärende, i hemmiljön, hos
vårdnadshavaren och hos barnet. Rapportens text och registreringsformuläret anger olika antal möjliga
typer; vi räknar alla ikryssade alternativ utom svaren "ingen" (se anmärkningen till jämförelsen).
""",
"""
HTML(to_html(pub.exposure_count_bands(cases, lang=lang)))
""",
"""
pub.published_vs_ours(registreringar, sources="Exempel 1 (jämförelser mellan grupper)", year=ar, lang=lang)
""",
"""md:
I genomsnitt identifierades enligt rapporten något fler utsatthetsformer för flickor än för pojkar.
Rapportens medelvärden går bara ihop med tabell 4 om de gäller insatser med *minst en* identifierad
utsatthetsform (se anmärkningen), så jämförelsen görs bland dem. Antalet är ett heltal med sned
fördelning; därför visas både medelvärdet (Welchs t-test, skillnad i medelvärde) och medianen
(Mann–Whitneys U-test, rangbiserial korrelation):
""",
"""
pub.significance_table(pub.with_any_exposure(cases), "antal_utsatthet", by="kon", groups=["flicka", "pojke"],
                       lang=lang)
""",
"""md:
Fler registrerade utsatthetsformer betyder inte nödvändigtvis mer utsatthet: det kan också betyda att
socialsekreteraren registrerade mer för flickor, eller att flickornas utredningar var mer omfattande.
Utsatthetens allvarlighetsgrad registreras inte alls.

## Exempel 2: delaktighet – samtal med barnet

Andelen insatser där barnet fick ett enskilt samtal, respektive ett samtal tillsammans med
vårdnadshavaren, under utredningen (vid beslut om insats), och andelen där barnet fick ett samtal vid
avslut – enskilt eller tillsammans med vårdnadshavaren. Andelarna räknas av insatserna med svar om
samtal.
""",
"""
pub.participation_table(cases, lang=lang)
""",
"""
pub.published_vs_ours(registreringar, sources="Exempel 2 (jämförelser mellan grupper)", year=ar, lang=lang)
""",
"""md:
Rapporten: små skillnader mellan svenskfödda flickor och pojkar, men statistiskt signifikanta skillnader
mellan utlandsfödda flickor och pojkar, liksom totalt mellan svenskfödda och utlandsfödda barn. Här är
de tre jämförelserna:
""",
"""
samtal = pub.with_talk_at_closure(cases)
fragor = ["samtal_enskilt_beslut", "samtal_vh_beslut", pub.TALK_AT_CLOSURE]
pub.significance_table(samtal, fragor, by="kon_ursprung", groups=["sverige_flicka", "sverige_pojke"], lang=lang)
""",
"""
pub.significance_table(samtal, fragor, by="kon_ursprung", groups=["utlandet_flicka", "utlandet_pojke"], lang=lang)
""",
"""
pub.significance_table(samtal, fragor, by="ursprung", lang=lang)
""",
"""md:
Att enskilda samtal så ofta hölls med utlandsfödda pojkar, och samtal med vårdnadshavare så sällan,
förklarar rapporten med att de flesta i den gruppen är ensamkommande barn utan vårdnadshavare i
Sverige. Det är alltså inte säkert att socialtjänsten *pratar mer* med utlandsfödda pojkar – det finns
ofta ingen vårdnadshavare att prata med.

## Exempel 3: riskbedömning vid beslut efter kön och ursprung (tabell 5)

Fördelningen av riskbedömningen vid beslut om insats inom varje grupp (radprocent). Insatser som saknar
riskbedömning eller uppgift om ursprung ingår inte, som i rapporten.
""",
"""
crosstab(cases, "risk_beslut", by="kon_ursprung", lang=lang)
""",
"""
pub.published_vs_ours(registreringar, sources="Tabell 5 (riskbedömning)", year=ar, lang=lang)
""",
"""md:
Rapporten: riskbedömningen förhåller sig lika för svenskfödda flickor, svenskfödda pojkar och
utlandsfödda pojkar, medan "hög risk" bedöms för en större andel av de utlandsfödda flickorna. Ett
test av hela tabellen (fyra grupper × fyra risknivåer):
""",
"""
pub.significance_table(cases, "risk_beslut", by="kon_ursprung", lang=lang)
""",
"""md:
Testet frågar om fördelningen skiljer sig mellan *någon* av grupperna; Cramérs V säger hur starkt
sambandet är. Med en liten grupp blir en enskild andel mycket osäker: några få ärenden åt ena eller
andra hållet ändrar andelen med många procentenheter. En tydlig skillnad i procent i en liten grupp kan
alltså vara förenlig med slumpen. Riskbedömningen är dessutom den variabel där samstämmigheten mellan
socialsekreterare var lägst.

## Exempel 4: avslut av insats

Orsak till avslut inom varje grupp (radprocent).
""",
"""
crosstab(cases, "avslutsorsak", by="kon_ursprung", lang=lang)
""",
"""
pub.published_vs_ours(registreringar, sources="Exempel 4 (jämförelser mellan grupper)", year=ar, lang=lang)
""",
"""md:
Den vanligaste orsaken till avslut är att målet med insatsen är uppfyllt, men enligt rapporten mycket
mer sällan för utlandsfödda pojkar. Jämförelse av utlandsfödda och svenskfödda pojkar:
""",
"""
pub.significance_table(cases, "avslutsorsak", by="kon_ursprung", groups=["utlandet_pojke", "sverige_pojke"],
                       lang=lang)
""",
"""md:
Rapporten förklarar skillnaden med att insatserna för ensamkommande barn i högre utsträckning avslutades
utan att målet var uppfyllt. Orsak till avslut för ensamkommande och övriga:
""",
"""
crosstab(cases, "avslutsorsak", by="ensamkommande", lang=lang)
""",
"""md:
Här syns varför en jämförelse mellan två grupper kan leda fel: "utlandsfödd pojke" fångar till stor del
"ensamkommande", och ensamkommande barns insatser kan avslutas av andra skäl – till exempel att barnet
flyttar eller fyller 18 år – än att insatsen inte fungerade.

## Sammanfattning

- Jämförelser mellan grupper kräver både en effektstorlek (hur stor är skillnaden?) och ett mått på
  osäkerheten (konfidensintervall, p-värde). Rapporten redovisar andelar och säger ibland att en skillnad
  är signifikant; här syns också testet och intervallet.
- De största skillnaderna i rapporten gäller utlandsfödda flickor och pojkar, men grupperna är små och
  skillnaden mellan dem förklaras enligt rapporten till stor del av att pojkarna är ensamkommande.
- Ett p-värde kan inte göra data representativa och säger inte hur viktig en skillnad är.

## Frågor till gruppen (för kursledaren)

1. Välj en skillnad i figur 7. Hur stor är den i procentenheter, och hur brett är intervallet? Skulle ni
   våga dra en slutsats om er verksamhet av den?
2. Varför blir intervallet för utlandsfödda flickor så mycket bredare än för svenskfödda flickor? Hur
   många ärenden skulle behövas för att halvera bredden?
3. Tio test, ett är "signifikant". Vad gör Holm-justeringen med det p-värdet, och varför?
4. Utlandsfödda pojkar fick oftare enskilda samtal. Är det ett tecken på god delaktighet, eller på att
   vårdnadshavare saknas? Hur skulle ni kunna skilja på de två förklaringarna i era egna data?
5. Vilken tredje faktor, utöver ensamkommande, kan ligga bakom en skillnad mellan flickor och pojkar i
   riskbedömningen? Hur skulle ni undersöka det?
6. Om ett test inte visar någon signifikant skillnad, vad kan ni då säga – och vad kan ni inte säga?
""",
])

# ---------------------------------------------------------------------------
# 03 jämförelser över tid
# ---------------------------------------------------------------------------

build("notebooks/03_jamforelser_over_tid.ipynb", [
"""md:
# Jämförelser över tid: från beslut till avslut

*English summary.* The third way of using follow-up data in the report (§4.2, "Jämförelser över tid"):
comparing, for the same intervention, what was recorded at the decision with what was recorded at
closure. Exempel 1: the school situation at closure of children born in Sweden who did not meet the
requirements at the decision (Table 5b, the report's second "Tabell 5"); Exempel 2: talks with the child
alone at the decision and at closure (Table 7, McNemar's test with Newcombe's interval for the paired
difference); Exempel 3: the risk assessment at the decision and at closure (Figures 6 and 8,
Stuart–Maxwell and Bowker tests). The report's figures stand beside ours. Because the portal had no
unique id, the only pairs are the two values on one closure registration; the notebook says what that,
regression to the mean and the lack of a comparison group mean for reading change. The registrations are
synthetic. The text is in Swedish; `lang="en"` gives English tables and figures.
""",
"""md:
## Om notebooken

Jämförelser över tid kan vara att följa något år från år, eller att jämföra situationen vid beslut om
insats med situationen vid avslut. Webbkollen gör det senare möjligt för tre variabler som registreras
vid båda tillfällena: barnets skolgång, samtal med barnet och risk att barnet far illa. Rapporten
ställer tre frågor:

1. Hur ser skolsituationen ut vid avslut för de svenskfödda flickor och pojkar som inte nådde
   kunskapskraven vid beslut om insats?
2. Hur stor andel flickor respektive pojkar har fått enskilda samtal vid beslut och vid avslut?
3. Hur förändras riskbedömningen från beslut om insats till avslut?
""",
caveats("""
För jämförelser över tid betyder avsaknaden av id att vi bara kan jämföra de två uppgifterna *på samma
avslutsregistrering* (till exempel risk vid beslut och risk vid avslut). Vi kan inte följa ett barn från
en uppföljning till ett senare avslut, eller mellan två insatser.

### Att läsa förändring

- **Ingen jämförelsegrupp.** Att risken bedöms lägre vid avslut betyder inte att insatsen sänkte den.
  Utan en grupp som inte fick insatsen vet vi inte hur det hade gått ändå.
- **Regression mot medelvärdet.** En bedömning som är osäker (och riskbedömningen visade sig vara det)
  hamnar vid nästa tillfälle ofta närmare mitten: ärenden som bedömdes mycket högt första gången bedöms
  i genomsnitt lägre nästa gång, även om inget har hänt.
- **Bedömningarna är inte oberoende.** Bedömningen vid avslut görs ofta med vetskap om bedömningen vid
  beslut – eller av en annan socialsekreterare, som kanske hade bedömt även det första läget annorlunda.
""" + P_VALUES),
DATA_NOTE,
PARAMS,
setup("""
from webbkollen_lib import change_summary, marginal_homogeneity, paired_yes_no, school_change
from webbkollen_lib.plots import plot_risk_decision_closure, plot_transition_heatmap
"""),
*codebook_caveats(["tillfalle", "skola_beslut", "samtal_vh_avslut", "risk_beslut"]),
HOW_TO_READ,
"""md:
## Exempel 1: skolsituationen vid avslut (tabell 5b)

De svenskfödda barn som vid beslut om insats *inte* nådde kunskapskraven i de flesta ämnen, och hur
deras skolsituation såg ut när insatsen avslutades. Rapporten avgränsade jämförelsen till svenskfödda
barn, eftersom skolsituationen för många ensamkommande barn ännu inte kunnat bedömas vid beslut om
insats. Rapporten numrerar tabellen "Tabell 5" en andra gång; här kallas den 5b.
""",
"""
pub.readable(school_change(cases, by="kon", lang=lang), percent=True)
""",
"""
pub.published_vs_ours(registreringar, sources=["Tabell 5 (skolsituation)", "Exempel 1 (jämförelser över tid)"],
                      year=ar, lang=lang)
""",
"""md:
Rapportens text och tabell anger olika andelar för flickor som nådde kunskapskraven vid avslut;
datamaterialet följer tabellen (se anmärkningen). Rapporten skriver att resultatet *kan tyda på* att
skolsituationen förbättrats mer för flickor än för pojkar. Med så få barn i varje grupp är det värt att
pröva hur lätt en sådan skillnad uppstår av slumpen – här jämförs flickornas och pojkarnas
situation vid avslut:
""",
"""
pub.significance_table(pub.school_start_group(cases), "skola_avslut", by="kon", groups=["flicka", "pojke"],
                       lang=lang)
""",
"""md:
Alla barn i tabellen började i samma läge (de nådde inte kunskapskraven), så andelen som når kraven vid
avslut *är* förändringen, och något parat test behövs inte. Men ingen vet hur det hade gått för barnen
utan insats, och barn som inte nådde kunskapskraven vid ett tillfälle kan mycket väl göra det vid nästa
av andra skäl (regression mot medelvärdet).

## Exempel 2: enskilda samtal vid beslut och vid avslut (tabell 7)

För varje insats finns två svar: fick barnet ett enskilt samtal under utredningen, och fick barnet ett
enskilt samtal när insatsen avslutades? Eftersom båda svaren gäller samma insats är det inte två
oberoende grupper. McNemars test jämför därför bara de insatser där svaret *ändrades* (ja vid beslut men
nej vid avslut, och tvärtom); skillnaden mellan andelarna anges i procentenheter med Newcombes
konfidensintervall för parade andelar. Testet är exakt (binomialt) när få svar ändrades.
""",
"""
pub.readable(paired_yes_no(cases, by="kon_ursprung", lang=lang),
             columns=["n", "share_before", "share_after", "difference", "ci", "n_yes_no", "n_no_yes", "method", "p"],
             percent=["share_before", "share_after"], points=["difference"])
""",
"""
pub.published_vs_ours(registreringar, sources="Tabell 7", year=ar, lang=lang)
""",
"""md:
Rapporten: för svenskfödda flickor och pojkar genomfördes enskilda samtal betydligt oftare vid beslut
om insats än vid avslut, och skillnaderna är statistiskt signifikanta; för utlandsfödda flickor gäller
inte mönstret. Utlandsfödda pojkar fick flest enskilda samtal, vilket rapporten förklarar med att
samtalen med ensamkommande barn i stor utsträckning sker med barnet självt.

Kolumnerna *Ja → nej* och *Nej → ja* visar de insatser där svaret ändrades; det är bara de som
McNemars test använder. En grupp där nästan inga svar ändrades får ett stort p-värde även om andelarna
skiljer sig något.

## Exempel 3: riskbedömningen vid beslut och vid avslut (figur 6 och 8)

Figur 6 i rapporten visar fördelningen av riskbedömningen vid beslut och vid avslut (notebook 01). Här
används bara de insatser som har en bedömning vid *båda* tillfällena, så att de två fördelningarna gäller
samma ärenden. Rapportens jämförelse räknar varje tillfälle för sig, och det gör också jämförelsen under
figuren.
""",
"""
plot_risk_decision_closure(cases, paired=True, lang=lang)
""",
"""
pub.published_vs_ours(registreringar, sources="Figur 6 (text) och Exempel 3 (över tid)", year=ar, lang=lang)
""",
"""md:
Figur 8 utgår från riskbedömningen vid beslut i varje ärende och visar vilken bedömning samma ärende
fick vid avslut. Varje rad är en nivå vid beslut och summerar till 100 %; antalet står inom parentes.
Rutorna på diagonalen är ärenden som bedömdes lika vid båda tillfällena.
""",
"""
plot_transition_heatmap(cases, lang=lang)
""",
"""md:
Samma sak som andel lägre, samma och högre risk vid avslut, för varje nivå vid beslut:
""",
"""
pub.readable(change_summary(cases), percent=["lower", "same", "higher"], index_variable="risk_beslut")
""",
"""
pub.published_vs_ours(registreringar, sources="Figur 8 (text, Exempel 3 jämförelser över tid)", year=ar,
                      lang=lang)
""",
"""md:
Rapporten: risken minskar främst i ärenden som vid beslut bedömdes ha hög risk, medan ärenden med mycket
hög risk vid beslut ofta fick samma bedömning vid avslut.

**Två test av tabellen.** *Stuart–Maxwells test* frågar om fördelningen över risknivåerna är densamma
vid beslut och vid avslut (marginell homogenitet). *Bowkers test* frågar om förändringarna är
symmetriska, det vill säga om lika många går från nivå *i* till *j* som från *j* till *i*. Båda bygger
bara på de ärenden som bytte nivå. Andelarna lägre och högre i tabellen ovan är effektmåttet: hur många
som ändrades, och åt vilket håll.
""",
"""
pub.readable(marginal_homogeneity(cases), columns=["statistic", "df", "p", "n", "note"])
""",
"""md:
Ett litet p-värde säger att riskbedömningarna vid avslut skiljer sig från dem vid beslut mer än slumpen
lätt förklarar – inte *varför*. Ärenden som bedömdes ha hög risk kan ha fått det bättre, men en del av
minskningen kan vara regression mot medelvärdet, och riskbedömningen är den variabel där
samstämmigheten mellan socialsekreterare var lägst. Att de lägsta nivåerna inte kan bli lägre och de
högsta inte högre gör också att förändringen ser olika ut på olika nivåer.

## Sammanfattning

- Jämförelser över tid i Webbkollen är jämförelser inom en och samma avslutsregistrering; utan id går
  det inte att följa barn mellan registreringar.
- Parade data kräver parade test: McNemar för ja/nej-frågor, Stuart–Maxwell och Bowker för ordnade
  skalor. Andelen som ändrades, och åt vilket håll, är det man ska läsa först.
- En förändring från beslut till avslut är ingen effekt av insatsen: det finns ingen jämförelsegrupp,
  och osäkra bedömningar drar sig mot mitten.

## Frågor till gruppen (för kursledaren)

1. Enligt rapporten blir enskilda samtal ovanligare från utredning till avslut. Vad skulle en rimlig
   nivå vid avslut vara, och hur skulle ni följa upp den?
2. Enligt rapporten nådde en större andel av flickorna än av pojkarna kunskapskraven vid avslut. Är det
   en skillnad ni skulle agera på, givet testet och gruppernas storlek?
3. Ärenden med hög risk vid beslut bedöms ofta lägre vid avslut. Vilka förklaringar finns, utöver att
   insatsen hjälpt? Hur skulle ni kunna skilja dem åt?
4. Många ärenden med mycket hög risk vid beslut hade samma risk vid avslut. Vad säger det om
   insatserna – och om skalan?
5. Hur skulle uppföljningen behöva se ut för att ni skulle kunna följa samma barn över flera insatser,
   och vilka sekretessfrågor väcker det?
""",
])

# ---------------------------------------------------------------------------
# 04 utsatthet och risk
# ---------------------------------------------------------------------------

build("notebooks/04_utsatthet_och_risk.ipynb", [
"""md:
# Identifierad utsatthet och bedömd risk

*English summary.* The report's statistical analysis of identified exposure and assessed risk (§3.3,
"Statistiska analyser av samband mellan utsatthet och risk"): Table 2, the number of identified forms of
exposure within each level of the risk that the child is harmed at the decision, with the report's
figures beside ours; the association measured by Kendall's tau-b, Spearman's rho and Goodman–Kruskal's
gamma with confidence intervals (the report says only "a significant positive association"); and
ordinal (proportional-odds) logistic regressions of the risk on the exposure count or the three exposure
blocks, sex, age group and origin, as odds ratios. The notebook says what the numbers cannot show:
severity is not recorded, risk was judged relatively and inconsistently, the data are not
representative and a child may appear twice. The registrations are synthetic. The text is in Swedish;
`lang="en"` gives English tables and figures.
""",
"""md:
## Om notebooken

Rapporten (§3.3) undrade varför majoriteten av ärendena bedömdes ha ingen/låg eller något förhöjd risk
vid beslut om insats, och gjorde därför, utöver samstämmighetstesten, statistiska analyser av sambandet
mellan identifierad utsatthet och riskbedömning. Den fann ett *signifikant positivt samband*: ju fler
identifierade utsatthetsformer, desto högre bedömd risk att barnet far illa. Tabell 2 i rapporten visar
fördelningen. Rapporten anger inte vilket test som användes; här visas tre vanliga mått på samband
mellan ordnade variabler och en regressionsmodell.
""",
caveats("""
För just den här frågan tillkommer att både utsattheten och risken bedöms *av samma socialsekreterare,
vid samma tillfälle*. Ett samband mellan dem är därför delvis ett samband mellan två delar av samma
bedömning, inte mellan två oberoende mätningar. Och utsatthetens *allvarlighetsgrad* – det som
socialsekreterarna själva tyckte var svårast att bedöma – registreras inte alls.
""" + P_VALUES),
DATA_NOTE,
PARAMS,
setup("""
from webbkollen_lib import exposure_by_risk, ordinal_association, risk_model
from webbkollen_lib.plots import plot_exposure_count_by_risk
"""),
*codebook_caveats(["tillfalle", "hem", "risk_beslut"]),
HOW_TO_READ,
"""md:
## Tabell 2: antal identifierade utsatthetsformer inom varje risknivå

Antalet identifierade utsatthetsformer är antalet ikryssade alternativ i de tre blocken (hemmiljön,
vårdnadshavaren, barnet), utan svaren "ingen". Tabellen visar kolumnprocent: varje risknivå summerar till
100 %. Insatser som saknar riskbedömning ingår inte (de räknas i rapportens n för alla avslutade
insatser, men inte i procenten; se anmärkningen).
""",
"""
exposure_by_risk(cases, lang=lang)
""",
"""
plot_exposure_count_by_risk(cases, lang=lang)
""",
"""
pub.published_vs_ours(registreringar, sources="Tabell 2", ids="s33_majoritet_lag", year=ar, lang=lang)
""",
"""md:
Rapportens tabell visar att ju högre risknivå, desto större andel av ärendena har många identifierade
utsatthetsformer, och desto mindre andel har få. Att tabellen är i kolumnprocent betyder att den
svarar på frågan *hur många utsatthetsformer hade ärenden med en viss risk?*, inte *vilken risk fick
ärenden med ett visst antal utsatthetsformer?* – den senare frågan besvaras av modellen nedan.

## Hur starkt är sambandet?

Tre mått på samband mellan två ordnade variabler, antalet utsatthetsformer och risknivån, var och en med
95 % konfidensintervall och p-värde för nollhypotesen "inget samband". Alla tre går från −1 till 1, där
0 betyder inget samband:

- **Kendalls tau-b** jämför alla par av ärenden: har det ärende som har fler utsatthetsformer också
  högre risk? Tar hänsyn till att många ärenden har samma värde (ties).
- **Spearmans rho** är korrelationen mellan rangordningarna.
- **Goodman–Kruskals gamma** räknar bara par som skiljer sig åt i båda variablerna och blir därför
  större än tau-b när det finns många lika värden – men säger då mindre om alla ärenden.
""",
"""
pub.readable(ordinal_association(cases, lang=lang), columns=["label", "estimate", "ci", "p", "n"], index="label")
""",
"""md:
Ett positivt värde med ett intervall som inte rymmer 0 motsvarar rapportens "signifikanta positiva
samband". Storleken är viktigare än p-värdet: med flera hundra ärenden blir även ett svagt samband
signifikant. Och sambandet är förväntat: rapporten skriver själv att det stämmer med aktuell kunskap om
risk- och skyddsfaktorer och tyder på att skalan kan skilja ärenden med få och många riskfaktorer åt.

## En modell för risken: ordinal logistisk regression

Sambandet kan bero på något annat: äldre barn kan både ha fler registrerade utsatthetsformer och
bedömas ha högre risk. En ordinal logistisk regression (proportional odds) modellerar risknivån med
flera förklaringsvariabler samtidigt. *Oddskvoten* för antalet utsatthetsformer säger hur mycket oddsen
för en högre risknivå ökar med *en* utsatthetsform till, vid samma kön, åldersgrupp och ursprung. För en
kategori (till exempel flicka) jämförs den med referenskategorin (pojke). En oddskvot över 1 betyder
högre risk, under 1 lägre; ett intervall som rymmer 1 är förenligt med ingen skillnad.
""",
"""
modell = risk_model(cases, lang=lang)
print(f"Modellen bygger på {modell.n} avslutade insatser; {modell.n_dropped} saknade risk eller en "
      f"förklaringsvariabel och ingår inte.")
pub.readable(modell.table, columns=["label", "odds_ratio", "ci", "p"], index="label")
""",
"""md:
Läs oddskvoten för kön tillsammans med notebook 02: om flickor fick fler utsatthetsformer registrerade
men ändå samma risknivå som pojkar, blir oddskvoten för flickor under 1 när antalet utsatthetsformer
hålls lika. Det kan betyda att flickor med lika mycket registrerad utsatthet bedömdes ha lägre risk –
eller att utsattheten registrerades mer utförligt för flickor. Modellen kan inte skilja på dessa
förklaringar.

Vilken *sorts* utsatthet hänger ihop med risken? Samma modell med de tre blocken i stället för antalet:
har någon utsatthet identifierats i hemmiljön, hos vårdnadshavaren respektive hos barnet?
""",
"""
block = risk_model(cases, covariates=("hem_nagon", "vh_nagon", "barn_nagon", "kon", "aldersgrupp", "ursprung"),
                   lang=lang)
pub.readable(block.table, columns=["label", "odds_ratio", "ci", "p"], index="label")
""",
"""md:
Modellerna förutsätter att en förklaringsvariabel verkar lika på alla steg av riskskalan
(proportionella odds); det prövas inte här. Ärenden med samma barn är inte oberoende, och data är inte
ett urval ur en känd population, så intervallen och p-värdena är ungefärliga. Modellerna beskriver
samband i de registrerade ärendena, inte orsaker.

## Vad rapporten drog för slutsatser – och vad siffrorna inte kan visa

- Sambandet mellan antal identifierade utsatthetsformer och risknivå är förväntat och tyder på att
  riskbedömningsskalan kan skilja ärenden med få och många riskfaktorer åt.
- Rapporten frågar samtidigt om skalan fångar den stora variationen i antal riskfaktorer som finns i den
  sociala barn- och ungdomsvården, eller om den behöver förtydligas.
- Utsatthetens *allvarlighetsgrad* i förhållande till risknivån går inte att analysera, eftersom den
  inte efterfrågas i någon variabel. Det är just den bedömningen som socialsekreterarna tycker är
  svårast och där risken för en relativ bedömning är störst.
- Samstämmighetstesten (notebook 05 och 06) visade att socialsekreterare gör olika riskbedömningar av
  samma ärende. Ett samband i registrerade data kan inte skilja barnens situation från bedömarnas sätt
  att registrera.

## Frågor till gruppen (för kursledaren)

1. Ett ärende med två utsatthetsformer kan vara allvarligare än ett med sex. Vilken information skulle
   behövas för att väga in allvarlighetsgraden?
2. Om ni vet att ett ärende har många identifierade utsatthetsformer, påverkar det er riskbedömning? Är
   det rimligt?
3. Varför blir gamma större än tau-b? Vilket mått skulle ni redovisa för en nämnd, och varför?
4. Oddskvoten för kön: vilken av förklaringarna tror ni mest på, och hur skulle ni kunna pröva den?
5. Rapporten fann att bedömningen ofta blir relativ. Hur skulle ett relativt bedömningssätt synas i
   tabell 2 – och skulle det synas alls?
""",
])
