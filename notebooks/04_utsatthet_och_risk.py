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
# # Identifierad utsatthet och bedömd risk
#
# *English summary.* The report's statistical analysis of identified exposure and assessed risk (§3.3,
# "Statistiska analyser av samband mellan utsatthet och risk"): Table 2, the number of identified forms of
# exposure within each level of the risk that the child is harmed at the decision, with the report's
# figures beside ours; the association measured by Kendall's tau-b, Spearman's rho and Goodman–Kruskal's
# gamma with confidence intervals (the report says only "a significant positive association"); and
# ordinal (proportional-odds) logistic regressions of the risk on the exposure count or the three exposure
# blocks, sex, age group and origin, as odds ratios. The notebook says what the numbers cannot show:
# severity is not recorded, risk was judged relatively and inconsistently, the data are not
# representative and a child may appear twice. The registrations are synthetic. The text is in Swedish;
# `lang="en"` gives English tables and figures.

# %% [markdown]
# ## Om notebooken
#
# Rapporten (§3.3) undrade varför majoriteten av ärendena bedömdes ha ingen/låg eller något förhöjd risk
# vid beslut om insats, och gjorde därför, utöver samstämmighetstesten, statistiska analyser av sambandet
# mellan identifierad utsatthet och riskbedömning. Den fann ett *signifikant positivt samband*: ju fler
# identifierade utsatthetsformer, desto högre bedömd risk att barnet far illa. Tabell 2 i rapporten visar
# fördelningen. Rapporten anger inte vilket test som användes; här visas tre vanliga mått på samband
# mellan ordnade variabler och en regressionsmodell.

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
# För just den här frågan tillkommer att både utsattheten och risken bedöms *av samma socialsekreterare,
# vid samma tillfälle*. Ett samband mellan dem är därför delvis ett samband mellan två delar av samma
# bedömning, inte mellan två oberoende mätningar. Och utsatthetens *allvarlighetsgrad* – det som
# socialsekreterarna själva tyckte var svårast att bedöma – registreras inte alls.
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
from webbkollen_lib import exposure_by_risk, ordinal_association, risk_model
from webbkollen_lib.plots import plot_exposure_count_by_risk

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", None)

registreringar = load_cases(data)
cases = pub.report_population(registreringar, ar)  # avslutade insatser, som i rapporten
print(f"Registreringar i filen: {len(registreringar)}. "
      f"Avslutade insatser {ar if ar is not None else '(alla år)'}: {len(cases)}.")

# %% [markdown]
# Kodbokens anmärkningar om variablerna i den här notebooken:

# %%
display(Markdown(pub.caveat_notes(['tillfalle', 'hem', 'risk_beslut'], lang)))

# %% [markdown]
# **Rapporten bredvid våra data.** Under varje tabell och figur står rapportens siffror (*Rapporten*)
# bredvid samma siffror räknade ur data (*Våra data*), med en decimal mer än rapporten för att
# avrundningar ska synas. *Krav* säger hur nära vi måste komma: *exakt* för antal, och för andelar en
# marginal som täcker att rapporten avrundar till hela procent. Där rapporten bara säger till exempel
# "majoriteten" står det *mer än* i kolumnen *Rapporten*. *Inom kravet* svarar Ja eller Nej.
# Rapportens siffror hämtas ur `webbkollen_lib/systems/webbkollen/data/published_figures.csv`; anmärkningarna under tabellerna
# (på engelska) förklarar hur vi har läst rapporten där den är otydlig eller säger emot sig själv.

# %% [markdown]
# ## Tabell 2: antal identifierade utsatthetsformer inom varje risknivå
#
# Antalet identifierade utsatthetsformer är antalet ikryssade alternativ i de tre blocken (hemmiljön,
# vårdnadshavaren, barnet), utan svaren "ingen". Tabellen visar kolumnprocent: varje risknivå summerar till
# 100 %. Insatser som saknar riskbedömning ingår inte (de räknas i rapportens n för alla avslutade
# insatser, men inte i procenten; se anmärkningen).

# %%
exposure_by_risk(cases, lang=lang)

# %%
plot_exposure_count_by_risk(cases, lang=lang)

# %%
pub.published_vs_ours(registreringar, sources="Tabell 2", ids="s33_majoritet_lag", year=ar, lang=lang)

# %% [markdown]
# Rapportens tabell visar att ju högre risknivå, desto större andel av ärendena har många identifierade
# utsatthetsformer, och desto mindre andel har få. Att tabellen är i kolumnprocent betyder att den
# svarar på frågan *hur många utsatthetsformer hade ärenden med en viss risk?*, inte *vilken risk fick
# ärenden med ett visst antal utsatthetsformer?* – den senare frågan besvaras av modellen nedan.
#
# ## Hur starkt är sambandet?
#
# Tre mått på samband mellan två ordnade variabler, antalet utsatthetsformer och risknivån, var och en med
# 95 % konfidensintervall och p-värde för nollhypotesen "inget samband". Alla tre går från −1 till 1, där
# 0 betyder inget samband:
#
# - **Kendalls tau-b** jämför alla par av ärenden: har det ärende som har fler utsatthetsformer också
#   högre risk? Tar hänsyn till att många ärenden har samma värde (ties).
# - **Spearmans rho** är korrelationen mellan rangordningarna.
# - **Goodman–Kruskals gamma** räknar bara par som skiljer sig åt i båda variablerna och blir därför
#   större än tau-b när det finns många lika värden – men säger då mindre om alla ärenden.

# %%
pub.readable(ordinal_association(cases, lang=lang), columns=["label", "estimate", "ci", "p", "n"], index="label")

# %% [markdown]
# Ett positivt värde med ett intervall som inte rymmer 0 motsvarar rapportens "signifikanta positiva
# samband". Storleken är viktigare än p-värdet: med flera hundra ärenden blir även ett svagt samband
# signifikant. Och sambandet är förväntat: rapporten skriver själv att det stämmer med aktuell kunskap om
# risk- och skyddsfaktorer och tyder på att skalan kan skilja ärenden med få och många riskfaktorer åt.
#
# ## En modell för risken: ordinal logistisk regression
#
# Sambandet kan bero på något annat: äldre barn kan både ha fler registrerade utsatthetsformer och
# bedömas ha högre risk. En ordinal logistisk regression (proportional odds) modellerar risknivån med
# flera förklaringsvariabler samtidigt. *Oddskvoten* för antalet utsatthetsformer säger hur mycket oddsen
# för en högre risknivå ökar med *en* utsatthetsform till, vid samma kön, åldersgrupp och ursprung. För en
# kategori (till exempel flicka) jämförs den med referenskategorin (pojke). En oddskvot över 1 betyder
# högre risk, under 1 lägre; ett intervall som rymmer 1 är förenligt med ingen skillnad.

# %%
modell = risk_model(cases, lang=lang)
print(f"Modellen bygger på {modell.n} avslutade insatser; {modell.n_dropped} saknade risk eller en "
      f"förklaringsvariabel och ingår inte.")
pub.readable(modell.table, columns=["label", "odds_ratio", "ci", "p"], index="label")

# %% [markdown]
# Läs oddskvoten för kön tillsammans med notebook 02: om flickor fick fler utsatthetsformer registrerade
# men ändå samma risknivå som pojkar, blir oddskvoten för flickor under 1 när antalet utsatthetsformer
# hålls lika. Det kan betyda att flickor med lika mycket registrerad utsatthet bedömdes ha lägre risk –
# eller att utsattheten registrerades mer utförligt för flickor. Modellen kan inte skilja på dessa
# förklaringar.
#
# Vilken *sorts* utsatthet hänger ihop med risken? Samma modell med de tre blocken i stället för antalet:
# har någon utsatthet identifierats i hemmiljön, hos vårdnadshavaren respektive hos barnet?

# %%
block = risk_model(cases, covariates=("hem_nagon", "vh_nagon", "barn_nagon", "kon", "aldersgrupp", "ursprung"),
                   lang=lang)
pub.readable(block.table, columns=["label", "odds_ratio", "ci", "p"], index="label")

# %% [markdown]
# Modellerna förutsätter att en förklaringsvariabel verkar lika på alla steg av riskskalan
# (proportionella odds); det prövas inte här. Ärenden med samma barn är inte oberoende, och data är inte
# ett urval ur en känd population, så intervallen och p-värdena är ungefärliga. Modellerna beskriver
# samband i de registrerade ärendena, inte orsaker.
#
# ## Vad rapporten drog för slutsatser – och vad siffrorna inte kan visa
#
# - Sambandet mellan antal identifierade utsatthetsformer och risknivå är förväntat och tyder på att
#   riskbedömningsskalan kan skilja ärenden med få och många riskfaktorer åt.
# - Rapporten frågar samtidigt om skalan fångar den stora variationen i antal riskfaktorer som finns i den
#   sociala barn- och ungdomsvården, eller om den behöver förtydligas.
# - Utsatthetens *allvarlighetsgrad* i förhållande till risknivån går inte att analysera, eftersom den
#   inte efterfrågas i någon variabel. Det är just den bedömningen som socialsekreterarna tycker är
#   svårast och där risken för en relativ bedömning är störst.
# - Samstämmighetstesten (notebook 05 och 06) visade att socialsekreterare gör olika riskbedömningar av
#   samma ärende. Ett samband i registrerade data kan inte skilja barnens situation från bedömarnas sätt
#   att registrera.
#
# ## Frågor till gruppen (för kursledaren)
#
# 1. Ett ärende med två utsatthetsformer kan vara allvarligare än ett med sex. Vilken information skulle
#    behövas för att väga in allvarlighetsgraden?
# 2. Om ni vet att ett ärende har många identifierade utsatthetsformer, påverkar det er riskbedömning? Är
#    det rimligt?
# 3. Varför blir gamma större än tau-b? Vilket mått skulle ni redovisa för en nämnd, och varför?
# 4. Oddskvoten för kön: vilken av förklaringarna tror ni mest på, och hur skulle ni kunna pröva den?
# 5. Rapporten fann att bedömningen ofta blir relativ. Hur skulle ett relativt bedömningssätt synas i
#    tabell 2 – och skulle det synas alls?
