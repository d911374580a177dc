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
# # Jämförelser över tid: från beslut till avslut
#
# *English summary.* The third way of using follow-up data in the report (§4.2, "Jämförelser över tid"):
# comparing, for the same intervention, what was recorded at the decision with what was recorded at
# closure. Exempel 1: the school situation at closure of children born in Sweden who did not meet the
# requirements at the decision (Table 5b, the report's second "Tabell 5"); Exempel 2: talks with the child
# alone at the decision and at closure (Table 7, McNemar's test with Newcombe's interval for the paired
# difference); Exempel 3: the risk assessment at the decision and at closure (Figures 6 and 8,
# Stuart–Maxwell and Bowker tests). The report's figures stand beside ours. Because the portal had no
# unique id, the only pairs are the two values on one closure registration; the notebook says what that,
# regression to the mean and the lack of a comparison group mean for reading change. The registrations are
# synthetic. The text is in Swedish; `lang="en"` gives English tables and figures.

# %% [markdown]
# ## Om notebooken
#
# Jämförelser över tid kan vara att följa något år från år, eller att jämföra situationen vid beslut om
# insats med situationen vid avslut. Webbkollen gör det senare möjligt för tre variabler som registreras
# vid båda tillfällena: barnets skolgång, samtal med barnet och risk att barnet far illa. Rapporten
# ställer tre frågor:
#
# 1. Hur ser skolsituationen ut vid avslut för de svenskfödda flickor och pojkar som inte nådde
#    kunskapskraven vid beslut om insats?
# 2. Hur stor andel flickor respektive pojkar har fått enskilda samtal vid beslut och vid avslut?
# 3. Hur förändras riskbedömningen från beslut om insats till avslut?

# %% [markdown]
# ## Att tänka på
#
# Rapporten betonar att resultaten är *lärande exempel* som ska tolkas med försiktighet. Tre skäl gäller
# allt i den här notebooken:
#
# - **Uppgifterna är inte representativa.** Kommunerna och stadsdelarna deltog frivilligt, uppgifter från
#   alla kommuner saknas och man vet inte hur väl de registrerade ärendena speglar barn och unga i
#   socialtjänsten i stort (rapporten §4.2). Andelarna beskriver de registrerade ärendena, inte Sverige.
# - **Det finns inget unikt id, så samma barn kan räknas flera gånger.** Portalen registrerade uppgifter
#   per insats, utan personnummer eller annat id, av sekretesskäl. Samma barn kan därför förekomma mer än
#   en gång: om hen fick flera insatser under året, eller registrerades både vid uppföljning och avslut
#   (rapporten §2.1). Här används bara registreringar vid avslut, vilket tar bort dubbelräkningen mellan
#   uppföljning och avslut men inte mellan flera insatser till samma barn. Tabellernas "barn" är
#   egentligen *avslutade insatser*.
# - **Vissa variabler tolkades olika av olika socialsekreterare.** Riskbedömningen, den identifierade
#   utsattheten, insatsens fokus och öppenvårdsinsatserna visade sig svåra att förstå och använda på
#   samma sätt (rapporten §3.3 och §5.2; samstämmighetstesten i notebook 05 och 06). En skillnad i en
#   tabell kan därför bero på *hur* man registrerar, inte bara på barnens situation.
#
# För jämförelser över tid betyder avsaknaden av id att vi bara kan jämföra de två uppgifterna *på samma
# avslutsregistrering* (till exempel risk vid beslut och risk vid avslut). Vi kan inte följa ett barn från
# en uppföljning till ett senare avslut, eller mellan två insatser.
#
# ### Att läsa förändring
#
# - **Ingen jämförelsegrupp.** Att risken bedöms lägre vid avslut betyder inte att insatsen sänkte den.
#   Utan en grupp som inte fick insatsen vet vi inte hur det hade gått ändå.
# - **Regression mot medelvärdet.** En bedömning som är osäker (och riskbedömningen visade sig vara det)
#   hamnar vid nästa tillfälle ofta närmare mitten: ärenden som bedömdes mycket högt första gången bedöms
#   i genomsnitt lägre nästa gång, även om inget har hänt.
# - **Bedömningarna är inte oberoende.** Bedömningen vid avslut görs ofta med vetskap om bedömningen vid
#   beslut – eller av en annan socialsekreterare, som kanske hade bedömt även det första läget annorlunda.
#
# ### Vad ett p-värde säger – och inte säger
#
# Testen väljs av biblioteket och namnges i tabellerna, liksom effektmåtten.
#
# - **Vad det säger.** Ett p-värde svarar på frågan: *om det inte fanns någon skillnad (inget samband)
#   i den population som data är ett slumpmässigt urval ur, hur ovanligt vore det att ändå se en skillnad
#   minst så stor som den här?* Ett litet p-värde betyder att skillnaden är svår att förklara med enbart
#   slumpens variation.
# - **Vad det förutsätter.** Ett slumpmässigt urval ur en känd population, och oberoende observationer.
#   Ingetdera gäller här: kommunerna valde själva att delta och vi vet inte vilka ärenden som
#   registrerades, och samma barn kan förekomma flera gånger. Ett p-värde kan därför inte säga att en
#   skillnad gäller i andra kommuner eller i Sverige, och det rättar inte till ett skevt urval. Läs det som
#   ett mått på hur mycket skillnaden *i just de här registreringarna* skulle kunna bero på slumpen.
# - **Vad det inte säger.** Hur stor eller viktig skillnaden är – det säger effektmåttet (skillnad i andel
#   i procentenheter, Cramérs V och andra) med sitt konfidensintervall. Ett stort p-värde betyder inte att
#   grupperna är lika: med små grupper blir intervallen breda och även stora skillnader kan bli
#   "icke-signifikanta".
# - **Många test.** Görs tio test på samma data blir något av dem lätt "signifikant" av en slump. Där
#   många test görs samtidigt visas också p-värden justerade med Holms metod.
# - **Syntetiska data.** Mönstren är inbyggda efter rapportens beskrivning; ett signifikant test här visar
#   hur man prövar, inte att skillnaden finns i verkligheten.

# %% [markdown]
# **Om data.** Registreringarna är *syntetiska*. Paketets generator (med fast slumpfrö) har gjort dem
# så att de återskapar rapportens tabeller och de mönster som rapportens text beskriver. Inga verkliga
# barn eller ärenden finns i data. Det som rapporten inte berättar – till exempel hur två variabler
# hänger ihop utöver det som tabellerna visar – är påhittat. Mönster som byggts in efter rapporten kan
# därför bara *illustreras* här, inte prövas: att de syns i tabellerna är ingen ny kunskap. Med
# parametern `data` läser notebooken i stället en egen fil i samma format (se README och kodboken);
# kolumnen *Våra data* visar då den egna filens värden bredvid rapportens.

# %% tags=["parameters"]
data: str | None = None  # en egen fil med registreringar (csv eller xlsx) i samma format; None = paketets syntetiska data
lang: str = "sv"  # språk i tabeller och figurer: "sv" eller "en"
ar: int | None = 2017  # år vars avslutade insatser analyseras (rapporten: 2017); None = alla år

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import HTML, Markdown, display

from webbkollen_lib import load_cases
from webbkollen_lib.present import published as pub
from webbkollen_lib import change_summary, marginal_homogeneity, paired_yes_no, school_change
from webbkollen_lib.plots import plot_risk_decision_closure, plot_transition_heatmap

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", None)

registreringar = load_cases(data)
cases = pub.report_population(registreringar, ar)  # avslutade insatser, som i rapporten
print(f"Registreringar i filen: {len(registreringar)}. "
      f"Avslutade insatser {ar if ar is not None else '(alla år)'}: {len(cases)}.")

# %% [markdown]
# Kodbokens anmärkningar om variablerna i den här notebooken:

# %%
display(Markdown(pub.caveat_notes(['tillfalle', 'skola_beslut', 'samtal_vh_avslut', 'risk_beslut'], lang)))

# %% [markdown]
# **Rapporten bredvid våra data.** Under varje tabell och figur står rapportens siffror (*Rapporten*)
# bredvid samma siffror räknade ur data (*Våra data*), med en decimal mer än rapporten för att
# avrundningar ska synas. *Krav* säger hur nära vi måste komma: *exakt* för antal, och för andelar en
# marginal som täcker att rapporten avrundar till hela procent. Där rapporten bara säger till exempel
# "majoriteten" står det *mer än* i kolumnen *Rapporten*. *Inom kravet* svarar Ja eller Nej.
# Rapportens siffror hämtas ur `webbkollen_lib/systems/webbkollen/data/published_figures.csv`; anmärkningarna under tabellerna
# (på engelska) förklarar hur vi har läst rapporten där den är otydlig eller säger emot sig själv.

# %% [markdown]
# ## Exempel 1: skolsituationen vid avslut (tabell 5b)
#
# De svenskfödda barn som vid beslut om insats *inte* nådde kunskapskraven i de flesta ämnen, och hur
# deras skolsituation såg ut när insatsen avslutades. Rapporten avgränsade jämförelsen till svenskfödda
# barn, eftersom skolsituationen för många ensamkommande barn ännu inte kunnat bedömas vid beslut om
# insats. Rapporten numrerar tabellen "Tabell 5" en andra gång; här kallas den 5b.

# %%
pub.readable(school_change(cases, by="kon", lang=lang), percent=True)

# %%
pub.published_vs_ours(registreringar, sources=["Tabell 5 (skolsituation)", "Exempel 1 (jämförelser över tid)"],
                      year=ar, lang=lang)

# %% [markdown]
# Rapportens text och tabell anger olika andelar för flickor som nådde kunskapskraven vid avslut;
# datamaterialet följer tabellen (se anmärkningen). Rapporten skriver att resultatet *kan tyda på* att
# skolsituationen förbättrats mer för flickor än för pojkar. Med så få barn i varje grupp är det värt att
# pröva hur lätt en sådan skillnad uppstår av slumpen – här jämförs flickornas och pojkarnas
# situation vid avslut:

# %%
pub.significance_table(pub.school_start_group(cases), "skola_avslut", by="kon", groups=["flicka", "pojke"],
                       lang=lang)

# %% [markdown]
# Alla barn i tabellen började i samma läge (de nådde inte kunskapskraven), så andelen som når kraven vid
# avslut *är* förändringen, och något parat test behövs inte. Men ingen vet hur det hade gått för barnen
# utan insats, och barn som inte nådde kunskapskraven vid ett tillfälle kan mycket väl göra det vid nästa
# av andra skäl (regression mot medelvärdet).
#
# ## Exempel 2: enskilda samtal vid beslut och vid avslut (tabell 7)
#
# För varje insats finns två svar: fick barnet ett enskilt samtal under utredningen, och fick barnet ett
# enskilt samtal när insatsen avslutades? Eftersom båda svaren gäller samma insats är det inte två
# oberoende grupper. McNemars test jämför därför bara de insatser där svaret *ändrades* (ja vid beslut men
# nej vid avslut, och tvärtom); skillnaden mellan andelarna anges i procentenheter med Newcombes
# konfidensintervall för parade andelar. Testet är exakt (binomialt) när få svar ändrades.

# %%
pub.readable(paired_yes_no(cases, by="kon_ursprung", lang=lang),
             columns=["n", "share_before", "share_after", "difference", "ci", "n_yes_no", "n_no_yes", "method", "p"],
             percent=["share_before", "share_after"], points=["difference"])

# %%
pub.published_vs_ours(registreringar, sources="Tabell 7", year=ar, lang=lang)

# %% [markdown]
# Rapporten: för svenskfödda flickor och pojkar genomfördes enskilda samtal betydligt oftare vid beslut
# om insats än vid avslut, och skillnaderna är statistiskt signifikanta; för utlandsfödda flickor gäller
# inte mönstret. Utlandsfödda pojkar fick flest enskilda samtal, vilket rapporten förklarar med att
# samtalen med ensamkommande barn i stor utsträckning sker med barnet självt.
#
# Kolumnerna *Ja → nej* och *Nej → ja* visar de insatser där svaret ändrades; det är bara de som
# McNemars test använder. En grupp där nästan inga svar ändrades får ett stort p-värde även om andelarna
# skiljer sig något.
#
# ## Exempel 3: riskbedömningen vid beslut och vid avslut (figur 6 och 8)
#
# Figur 6 i rapporten visar fördelningen av riskbedömningen vid beslut och vid avslut (notebook 01). Här
# används bara de insatser som har en bedömning vid *båda* tillfällena, så att de två fördelningarna gäller
# samma ärenden. Rapportens jämförelse räknar varje tillfälle för sig, och det gör också jämförelsen under
# figuren.

# %%
plot_risk_decision_closure(cases, paired=True, lang=lang)

# %%
pub.published_vs_ours(registreringar, sources="Figur 6 (text) och Exempel 3 (över tid)", year=ar, lang=lang)

# %% [markdown]
# Figur 8 utgår från riskbedömningen vid beslut i varje ärende och visar vilken bedömning samma ärende
# fick vid avslut. Varje rad är en nivå vid beslut och summerar till 100 %; antalet står inom parentes.
# Rutorna på diagonalen är ärenden som bedömdes lika vid båda tillfällena.

# %%
plot_transition_heatmap(cases, lang=lang)

# %% [markdown]
# Samma sak som andel lägre, samma och högre risk vid avslut, för varje nivå vid beslut:

# %%
pub.readable(change_summary(cases), percent=["lower", "same", "higher"], index_variable="risk_beslut")

# %%
pub.published_vs_ours(registreringar, sources="Figur 8 (text, Exempel 3 jämförelser över tid)", year=ar,
                      lang=lang)

# %% [markdown]
# Rapporten: risken minskar främst i ärenden som vid beslut bedömdes ha hög risk, medan ärenden med mycket
# hög risk vid beslut ofta fick samma bedömning vid avslut.
#
# **Två test av tabellen.** *Stuart–Maxwells test* frågar om fördelningen över risknivåerna är densamma
# vid beslut och vid avslut (marginell homogenitet). *Bowkers test* frågar om förändringarna är
# symmetriska, det vill säga om lika många går från nivå *i* till *j* som från *j* till *i*. Båda bygger
# bara på de ärenden som bytte nivå. Andelarna lägre och högre i tabellen ovan är effektmåttet: hur många
# som ändrades, och åt vilket håll.

# %%
pub.readable(marginal_homogeneity(cases, lang=lang), columns=["statistic", "df", "p", "n", "note"])

# %% [markdown]
# Ett litet p-värde säger att riskbedömningarna vid avslut skiljer sig från dem vid beslut mer än slumpen
# lätt förklarar – inte *varför*. Ärenden som bedömdes ha hög risk kan ha fått det bättre, men en del av
# minskningen kan vara regression mot medelvärdet, och riskbedömningen är den variabel där
# samstämmigheten mellan socialsekreterare var lägst. Att de lägsta nivåerna inte kan bli lägre och de
# högsta inte högre gör också att förändringen ser olika ut på olika nivåer.
#
# ## Sammanfattning
#
# - Jämförelser över tid i Webbkollen är jämförelser inom en och samma avslutsregistrering; utan id går
#   det inte att följa barn mellan registreringar.
# - Parade data kräver parade test: McNemar för ja/nej-frågor, Stuart–Maxwell och Bowker för ordnade
#   skalor. Andelen som ändrades, och åt vilket håll, är det man ska läsa först.
# - En förändring från beslut till avslut är ingen effekt av insatsen: det finns ingen jämförelsegrupp,
#   och osäkra bedömningar drar sig mot mitten.
#
# ## Frågor till gruppen (för kursledaren)
#
# 1. Enligt rapporten blir enskilda samtal ovanligare från utredning till avslut. Vad skulle en rimlig
#    nivå vid avslut vara, och hur skulle ni följa upp den?
# 2. Enligt rapporten nådde en större andel av flickorna än av pojkarna kunskapskraven vid avslut. Är det
#    en skillnad ni skulle agera på, givet testet och gruppernas storlek?
# 3. Ärenden med hög risk vid beslut bedöms ofta lägre vid avslut. Vilka förklaringar finns, utöver att
#    insatsen hjälpt? Hur skulle ni kunna skilja dem åt?
# 4. Många ärenden med mycket hög risk vid beslut hade samma risk vid avslut. Vad säger det om
#    insatserna – och om skalan?
# 5. Hur skulle uppföljningen behöva se ut för att ni skulle kunna följa samma barn över flera insatser,
#    och vilka sekretessfrågor väcker det?
