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
# # Jämförelser mellan grupper: kön och ursprung
#
# *English summary.* The second way of using follow-up data in the report (§4.2, "Jämförelser mellan
# grupper"): comparing girls and boys born in Sweden and abroad. Exempel 1: identified exposure by sex
# and origin (Figure 7) and the number of exposure forms; Exempel 2: participation, i.e. talks with the
# child; Exempel 3: risk at the decision by sex and origin (Table 5); Exempel 4: reasons for closure.
# Each comparison comes with the test and effect size the library reports (Pearson's chi-squared or
# Fisher's exact test; difference in shares with Newcombe's interval, Cramér's V; Welch and Mann–Whitney
# for counts), Holm-adjusted p-values where many tests are made, the report's figures beside ours, and
# what a p-value does and does not mean when the data are not a sample from a known population. The
# registrations are synthetic. The text is in Swedish; `lang="en"` gives English tables and figures.

# %% [markdown]
# ## Om notebooken
#
# Att jämföra grupper är ett av de viktigaste momenten i verksamhetsuppföljning: pojkar och flickor,
# åldersgrupper, svenskfödda och utlandsfödda. Rapporten ger fyra exempel och säger att analyser har
# gjorts för att bedöma om skillnaderna är statistiskt signifikanta, men inte vilka test som användes.
# Här visas för varje jämförelse andelarna i grupperna, testet, p-värdet och ett effektmått.
#
# Grupperna är kön × ursprung: svenskfödd flicka, svenskfödd pojke, utlandsfödd flicka och utlandsfödd
# pojke. Insatser där barnets ursprung inte är känt ingår inte i grupperna (som i rapporten, fotnot 5).

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
#
# Testen förutsätter också att grupperna registrerats på samma sätt. Rapporten förklarar flera skillnader
# mellan utlandsfödda flickor och pojkar med att de flesta utlandsfödda pojkarna är *ensamkommande* – en
# tredje faktor som varken kön eller ursprung fångar. En skillnad mellan grupper är ingen förklaring i
# sig.

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
from webbkollen_lib import crosstab, share_by_group
from webbkollen_lib.present.tables import to_html
from webbkollen_lib.plots import plot_exposure_by_sex_origin

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", None)

registreringar = load_cases(data)
cases = pub.report_population(registreringar, ar)  # avslutade insatser, som i rapporten
print(f"Registreringar i filen: {len(registreringar)}. "
      f"Avslutade insatser {ar if ar is not None else '(alla år)'}: {len(cases)}.")

# %% [markdown]
# Kodbokens anmärkningar om variablerna i den här notebooken:

# %%
display(Markdown(pub.caveat_notes(['tillfalle', 'ursprung', 'hem', 'samtal_vh_avslut', 'risk_beslut'], lang)))

# %% [markdown]
# **Rapporten bredvid våra data.** Under varje tabell och figur står rapportens siffror (*Rapporten*)
# bredvid samma siffror räknade ur data (*Våra data*), med en decimal mer än rapporten för att
# avrundningar ska synas. *Krav* säger hur nära vi måste komma: *exakt* för antal, och för andelar en
# marginal som täcker att rapporten avrundar till hela procent. Där rapporten bara säger till exempel
# "majoriteten" står det *mer än* i kolumnen *Rapporten*. *Inom kravet* svarar Ja eller Nej.
# Rapportens siffror hämtas ur `webbkollen_lib/systems/webbkollen/data/published_figures.csv`; anmärkningarna under tabellerna
# (på engelska) förklarar hur vi har läst rapporten där den är otydlig eller säger emot sig själv.

# %% [markdown]
# **Testen.** `compare_groups` väljer Pearsons chi2-test, eller Fishers exakta test när något förväntat
# antal är under 5 (för tabeller större än 2 × 2 med Monte Carlo-p). Antal (som antalet
# utsatthetsformer) jämförs med Welchs t-test och Mann–Whitneys U-test. När två grupper jämförs är
# effektmåttet skillnaden i andel, första gruppen minus andra, i procentenheter med Newcombes 95 %
# konfidensintervall; för en hel tabell Cramérs V, där 0 betyder inget samband och 1 ett fullständigt.
#
# ## Exempel 1: identifierad utsatthet efter kön och ursprung (figur 7)
#
# Andelen insatser med varje form av utsatthet i hemmiljön, per grupp. Andelen räknas av de insatser i
# gruppen som har svar om utsatthet i hemmiljön.

# %%
plot_exposure_by_sex_origin(cases, lang=lang)

# %%
pub.published_vs_ours(registreringar, sources="Figur 7 (text, Exempel 1)", year=ar, lang=lang)

# %% [markdown]
# Rapporten: "andra familjekonflikter" identifierades i större utsträckning för svenskfödda flickor än för
# svenskfödda pojkar, men i övrigt fanns inga skillnader mellan dem. Rapporten anger inget test för den
# jämförelsen. Här är testen för varje form av utsatthet i hemmiljön (och för svaret "ingen"), med
# Holm-justerade p-värden eftersom elva test görs på samma grupper:

# %%
pub.significance_table(cases, "hem", by="kon_ursprung", groups=["sverige_flicka", "sverige_pojke"],
                       correction="holm", lang=lang)

# %% [markdown]
# För utlandsfödda barn är skillnaderna mellan flickor och pojkar enligt rapporten tydliga: "bristande
# omsorg", "fysiskt våld mot barn" och "andra familjekonflikter" identifierades i betydligt fler fall för
# utlandsfödda flickor. Rapportens mening om fysiskt våld och andra familjekonflikter saknar ett ord
# ("Trots att antalet utlandsfödda flickor är få, är skillnaderna avseende …"), troligen "statistiskt
# signifikanta". Med så få flickor blir konfidensintervallen för skillnaderna breda:

# %%
pub.significance_table(cases, "hem", by="kon_ursprung", groups=["utlandet_flicka", "utlandet_pojke"],
                       correction="holm", lang=lang)

# %% [markdown]
# Rapportens förklaring är att de flesta utlandsfödda pojkarna är ensamkommande barn, som registreras
# utan vårdnadshavare i Sverige och därför sällan får utsatthet *i hemmiljön* registrerad. Andelen
# ensamkommande i varje grupp:

# %%
share_by_group(cases, "ensamkommande", by="kon_ursprung", wide=True, lang=lang)

# %% [markdown]
# Våld i nära relationer (att barnet bevittnat eller upplevt våld) är enligt rapporten den enda
# utsatthetsform som identifierats i lika stor utsträckning för båda könen, oavsett ursprung.
#
# ### Antal identifierade utsatthetsformer
#
# Rapporten räknar hur många former av utsatthet som identifierats i varje ärende, i hemmiljön, hos
# vårdnadshavaren och hos barnet. Rapportens text och registreringsformuläret anger olika antal möjliga
# typer; vi räknar alla ikryssade alternativ utom svaren "ingen" (se anmärkningen till jämförelsen).

# %%
HTML(to_html(pub.exposure_count_bands(cases, lang=lang)))

# %%
pub.published_vs_ours(registreringar, sources="Exempel 1 (jämförelser mellan grupper)", year=ar, lang=lang)

# %% [markdown]
# I genomsnitt identifierades enligt rapporten något fler utsatthetsformer för flickor än för pojkar.
# Rapportens medelvärden går bara ihop med tabell 4 om de gäller insatser med *minst en* identifierad
# utsatthetsform (se anmärkningen), så jämförelsen görs bland dem. Antalet är ett heltal med sned
# fördelning; därför visas både medelvärdet (Welchs t-test, skillnad i medelvärde) och medianen
# (Mann–Whitneys U-test, rangbiserial korrelation):

# %%
pub.significance_table(pub.with_any_exposure(cases), "antal_utsatthet", by="kon", groups=["flicka", "pojke"],
                       lang=lang)

# %% [markdown]
# Fler registrerade utsatthetsformer betyder inte nödvändigtvis mer utsatthet: det kan också betyda att
# socialsekreteraren registrerade mer för flickor, eller att flickornas utredningar var mer omfattande.
# Utsatthetens allvarlighetsgrad registreras inte alls.
#
# ## Exempel 2: delaktighet – samtal med barnet
#
# Andelen insatser där barnet fick ett enskilt samtal, respektive ett samtal tillsammans med
# vårdnadshavaren, under utredningen (vid beslut om insats), och andelen där barnet fick ett samtal vid
# avslut – enskilt eller tillsammans med vårdnadshavaren. Andelarna räknas av insatserna med svar om
# samtal.

# %%
pub.participation_table(cases, lang=lang)

# %%
pub.published_vs_ours(registreringar, sources="Exempel 2 (jämförelser mellan grupper)", year=ar, lang=lang)

# %% [markdown]
# Rapporten: små skillnader mellan svenskfödda flickor och pojkar, men statistiskt signifikanta skillnader
# mellan utlandsfödda flickor och pojkar, liksom totalt mellan svenskfödda och utlandsfödda barn. Här är
# de tre jämförelserna:

# %%
samtal = pub.with_talk_at_closure(cases)
fragor = ["samtal_enskilt_beslut", "samtal_vh_beslut", pub.TALK_AT_CLOSURE]
pub.significance_table(samtal, fragor, by="kon_ursprung", groups=["sverige_flicka", "sverige_pojke"], lang=lang)

# %%
pub.significance_table(samtal, fragor, by="kon_ursprung", groups=["utlandet_flicka", "utlandet_pojke"], lang=lang)

# %%
pub.significance_table(samtal, fragor, by="ursprung", lang=lang)

# %% [markdown]
# Att enskilda samtal så ofta hölls med utlandsfödda pojkar, och samtal med vårdnadshavare så sällan,
# förklarar rapporten med att de flesta i den gruppen är ensamkommande barn utan vårdnadshavare i
# Sverige. Det är alltså inte säkert att socialtjänsten *pratar mer* med utlandsfödda pojkar – det finns
# ofta ingen vårdnadshavare att prata med.
#
# ## Exempel 3: riskbedömning vid beslut efter kön och ursprung (tabell 5)
#
# Fördelningen av riskbedömningen vid beslut om insats inom varje grupp (radprocent). Insatser som saknar
# riskbedömning eller uppgift om ursprung ingår inte, som i rapporten.

# %%
crosstab(cases, "risk_beslut", by="kon_ursprung", lang=lang)

# %%
pub.published_vs_ours(registreringar, sources="Tabell 5 (riskbedömning)", year=ar, lang=lang)

# %% [markdown]
# Rapporten: riskbedömningen förhåller sig lika för svenskfödda flickor, svenskfödda pojkar och
# utlandsfödda pojkar, medan "hög risk" bedöms för en större andel av de utlandsfödda flickorna. Ett
# test av hela tabellen (fyra grupper × fyra risknivåer):

# %%
pub.significance_table(cases, "risk_beslut", by="kon_ursprung", lang=lang)

# %% [markdown]
# Testet frågar om fördelningen skiljer sig mellan *någon* av grupperna; Cramérs V säger hur starkt
# sambandet är. Med en liten grupp blir en enskild andel mycket osäker: några få ärenden åt ena eller
# andra hållet ändrar andelen med många procentenheter. En tydlig skillnad i procent i en liten grupp kan
# alltså vara förenlig med slumpen. Riskbedömningen är dessutom den variabel där samstämmigheten mellan
# socialsekreterare var lägst.
#
# ## Exempel 4: avslut av insats
#
# Orsak till avslut inom varje grupp (radprocent).

# %%
crosstab(cases, "avslutsorsak", by="kon_ursprung", lang=lang)

# %%
pub.published_vs_ours(registreringar, sources="Exempel 4 (jämförelser mellan grupper)", year=ar, lang=lang)

# %% [markdown]
# Den vanligaste orsaken till avslut är att målet med insatsen är uppfyllt, men enligt rapporten mycket
# mer sällan för utlandsfödda pojkar. Jämförelse av utlandsfödda och svenskfödda pojkar:

# %%
pub.significance_table(cases, "avslutsorsak", by="kon_ursprung", groups=["utlandet_pojke", "sverige_pojke"],
                       lang=lang)

# %% [markdown]
# Rapporten förklarar skillnaden med att insatserna för ensamkommande barn i högre utsträckning avslutades
# utan att målet var uppfyllt. Orsak till avslut för ensamkommande och övriga:

# %%
crosstab(cases, "avslutsorsak", by="ensamkommande", lang=lang)

# %% [markdown]
# Här syns varför en jämförelse mellan två grupper kan leda fel: "utlandsfödd pojke" fångar till stor del
# "ensamkommande", och ensamkommande barns insatser kan avslutas av andra skäl – till exempel att barnet
# flyttar eller fyller 18 år – än att insatsen inte fungerade.
#
# ## Sammanfattning
#
# - Jämförelser mellan grupper kräver både en effektstorlek (hur stor är skillnaden?) och ett mått på
#   osäkerheten (konfidensintervall, p-värde). Rapporten redovisar andelar och säger ibland att en skillnad
#   är signifikant; här syns också testet och intervallet.
# - De största skillnaderna i rapporten gäller utlandsfödda flickor och pojkar, men grupperna är små och
#   skillnaden mellan dem förklaras enligt rapporten till stor del av att pojkarna är ensamkommande.
# - Ett p-värde kan inte göra data representativa och säger inte hur viktig en skillnad är.
#
# ## Frågor till gruppen (för kursledaren)
#
# 1. Välj en skillnad i figur 7. Hur stor är den i procentenheter, och hur brett är intervallet? Skulle ni
#    våga dra en slutsats om er verksamhet av den?
# 2. Varför blir intervallet för utlandsfödda flickor så mycket bredare än för svenskfödda flickor? Hur
#    många ärenden skulle behövas för att halvera bredden?
# 3. Tio test, ett är "signifikant". Vad gör Holm-justeringen med det p-värdet, och varför?
# 4. Utlandsfödda pojkar fick oftare enskilda samtal. Är det ett tecken på god delaktighet, eller på att
#    vårdnadshavare saknas? Hur skulle ni kunna skilja på de två förklaringarna i era egna data?
# 5. Vilken tredje faktor, utöver ensamkommande, kan ligga bakom en skillnad mellan flickor och pojkar i
#    riskbedömningen? Hur skulle ni undersöka det?
# 6. Om ett test inte visar någon signifikant skillnad, vad kan ni då säga – och vad kan ni inte säga?
