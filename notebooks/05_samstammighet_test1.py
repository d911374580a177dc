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
# # Samstämmighetstest 1: Assi och Max (hösten 2016)
#
# *English summary.* The first agreement test of the Webbkollen report (§3.3): social workers rated two
# constructed cases, Assi (15, 12 ratings) and Max (4, 7 ratings), for the risk that the child is harmed
# in the present situation, and motivated the rating in an open answer. This notebook shows the
# vignettes, the report's counts beside the data, the risk distribution per vignette (table and figure),
# consensus about each vignette with bootstrap intervals, the agreement coefficients across the two
# vignettes and why two units allow almost no conclusion about agreement in general, how the rating
# relates to the number of risk factors named (Max), what the report concluded, and questions a trainer
# can put to a group. The ratings are synthetic, calibrated to reproduce every count the report gives.
# The text below is in Swedish; `lang="en"` gives English table and figure labels.

# %% [markdown]
# ## Om testet
#
# Hösten 2016 bedömde socialsekreterare i kommunerna i Webbkollen Barn och Unga två konstruerade ärenden
# (vinjetter): Assi, 15 år, och Max, 4 år. De registrerade *risk att barnet far illa i nuvarande
# situation* (ingen/låg, något förhöjd, hög eller mycket hög risk) och svarade på en öppen fråga om vilka
# risk- och skyddsfaktorer de såg och hur de motiverade graden av risk. Ärendet Assi fick 12
# registreringar och ärendet Max 7.
#
# Rapporten ställde tre frågor:
#
# - Vilken riskbedömning gör socialsekreterarna i respektive ärende?
# - Hur hög är graden av samstämmighet i respektive ärende?
# - Vilka risk- och skyddsfaktorer anges som motivering till den gjorda riskbedömningen?

# %% [markdown]
# **Om data.** Bedömningarna i den här notebooken är *syntetiska*. Paketets generator (med fast
# slumpfrö) har gjort dem så att varje antal som rapporten redovisar återskapas exakt, och så att de
# mönster som rapportens text beskriver finns med. Det som rapporten inte berättar – vem som svarade
# vad, hur de öppna svaren var formulerade – är påhittat, och inga verkliga personer eller bedömningar
# finns i data. De mönster som är inbyggda kan därför bara *illustreras* här, inte prövas: att de syns i
# tabellerna är ingen ny kunskap. Parametern `data` läser i stället en egen fil i samma format.

# %% tags=["parameters"]
data: str | None = None  # en egen fil med vinjettbedömningar i samma format; None = paketets syntetiska data
lang: str = "sv"  # språk i tabeller och figurer: "sv" eller "en"

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown, display

from webbkollen_lib import get_codebook, load_vignette_ratings, load_vignettes
from webbkollen_lib.plots import vignettes as vp
from webbkollen_lib.present import vignettes as va

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", None)

cb = get_codebook()
ratings = load_vignette_ratings(data)
texts = load_vignettes()
test1 = ratings[ratings["test"] == 1]

# %% [markdown]
# ## Ärendena
#
# Vinjetterna är skrivna med egna ord utifrån rapportens sammanfattningar (rapporten återger inte hela
# underlaget som socialsekreterarna fick).

# %%
display(Markdown(va.vignette_markdown(texts["assi"], lang)))
display(Markdown(va.vignette_markdown(texts["max"], lang)))

# %% [markdown]
# ## Rapportens siffror bredvid datamaterialet
#
# Varje antal som rapporten anger, bredvid samma antal i datamaterialet. Kolumnen *Underlag* säger om
# antalet står i rapporten, följer av rapportens siffror (till exempel noll för en nivå som ingen nämns
# ha valt) eller är vår tolkning där rapporten är otydlig.

# %%
va.report_comparison(test1, lang=lang)

# %% [markdown]
# ## Riskbedömningen i respektive ärende
#
# Antal bedömare på varje risknivå, med andelen av ärendets bedömningar inom parentes, och rapportens
# antal bredvid. *Inte känt* betyder att bedömaren inte ansåg att risken gick att bedöma.

# %%
va.risk_table(test1, lang=lang)

# %%
vp.plot_risk_distribution(test1, lang=lang)

# %% [markdown]
# Assi bedömdes av tio av tolv (83 %) som mycket hög risk och av de två övriga som hög risk: alla
# bedömningar ligger på skalans två översta nivåer. Max bedömningar är mer spridda: en valde något
# förhöjd, två hög och fyra mycket hög risk. Ingen bedömde något av ärendena som ingen/låg risk.

# %% [markdown]
# ## Hur eniga är bedömarna om ett och samma ärende?
#
# Rapportens fråga gällde ett ärende i taget: hur samlade är bedömningarna av Assi, och av Max? Det
# beskrivs bäst med mått på *konsensus* för ett ärende (`agreement.consensus`), som utgår från hur
# bedömningarna fördelar sig över de fyra ordnade nivåerna. Varje värde har ett 95 % konfidensintervall
# från en bootstrap över bedömarna: bedömarna dras om med återläggning 2 000 gånger, och intervallet visar
# hur mycket värdet hade kunnat variera med andra socialsekreterare av samma slag. Sista kolumnen säger hur
# måttet läses.

# %%
va.consensus_table(test1, n_boot=2000, seed=2016, lang=lang)

# %% [markdown]
# Alla Assis bedömningar och sex av sju av Max ligger högst ett steg från medianen, men Max bedömningar är
# betydligt mer utspridda (lägre konsensus, högre spridning). Intervallen är breda, särskilt för Max med
# bara sju bedömare, och Assis och Max intervall överlappar för de flesta måtten. Med 12 och 7 bedömare
# kan man alltså säga att Assi bedömdes mer samstämmigt än Max *i det här testet*, men inte hur stor
# skillnaden skulle bli om andra socialsekreterare hade bedömt samma ärenden. Bootstrapintervall från så
# få bedömare är dessutom i sig ungefärliga.

# %% [markdown]
# ## Samstämmighet över de två ärendena – och vad två ärenden räcker till
#
# De vanliga samstämmighetsmåtten (Fleiss kappa, Gwets AC1, Krippendorffs alfa med flera) räknas på en
# tabell med ett ärende per rad och en bedömare per kolumn. De svarar på en annan fråga än
# konsensusmåtten: *skiljer bedömarna ärendena åt på samma sätt?* Här finns bara två ärenden, och båda
# bedöms som allvarliga. Först med varje nivå som en egen kategori (ett steg fel räknas som lika fel
# som tre steg), sedan med ordinala vikter och Krippendorffs ordinala alfa (ett steg fel räknas som ett mindre fel).

# %%
va.agreement_table(test1, n_boot=1000, seed=2016, lang=lang)

# %%
va.agreement_table(test1, weights="ordinal", level="ordinal", n_boot=1000, seed=2016, lang=lang)

# %% [markdown]
# Vad tabellerna säger – och inte säger:
#
# - **Kappa nära noll betyder inte att bedömarna är oeniga.** Ungefär hälften av alla par av bedömare
#   valde samma nivå (observerad överensstämmelse 0,52). Men nästan alla bedömningar i båda ärendena är
#   *mycket hög* eller *hög*, så den överensstämmelse som väntas av slumpen är nästan lika stor (0,55), och
#   Fleiss kappa blir −0,08. Det är den så kallade kappaparadoxen (se notebook 07): koefficienten mäter om
#   bedömarna skiljer ärendena åt, och Assi och Max skiljer sig knappt åt i allvar. Gwets AC1 och
#   Brennan–Prediger räknar slumpen på ett annat sätt och blir högre.
# - **Intervallen säger nästan ingenting.** Med två ärenden har t-intervallet en frihetsgrad, och
#   standardfelet multipliceras med 12,7 i stället för 1,96. Intervallen blir därför mycket breda, och
#   flera går till och med utanför den möjliga skalan (en andel överensstämmande par kan inte vara −1,80;
#   metoden kapar, som R-paketet irrCAC, bara den övre gränsen vid 1).
# - **Vad som kommer från rapporten och vad som är påhittat.** Andelen överensstämmande par, Fleiss kappa,
#   Gwets AC1, Brennan–Prediger och Krippendorffs alfa beror bara på hur många som valde varje nivå i varje
#   ärende, alltså på rapportens egna siffror. Congers kappa och bootstrapintervallen beror också på vem som
#   bedömde vad, och det är påhittat i de syntetiska data.
# - **Bootstrap över bedömare** ger smalare intervall men svarar på en snävare fråga: hur mycket värdet
#   hade ändrats om andra socialsekreterare hade bedömt *just de här två ärendena*. Om andra ärenden säger
#   det ingenting. En bootstrap över ärenden är meningslös med två ärenden: det finns bara tre olika sätt
#   att dra om dem.
# - **Slutsats:** två ärenden räcker för att *beskriva* hur bedömningarna av Assi och Max föll ut, inte
#   för att uttala sig om hur samstämmigt socialsekreterare bedömer risk i allmänhet. Det kräver många
#   ärenden med olika grad av allvar, bedömda av samma eller jämförbara bedömare.
#
# Tabellen visar hur mycket multiplikatorn i intervallet krymper när antalet ärenden ökar. Dessutom
# skattas standardfelet självt ur ärendena, så med två eller tre ärenden är också det mycket osäkert.

# %%
va.ci_multipliers(lang=lang)

# %% [markdown]
# ## Riskbedömningen och antalet identifierade riskfaktorer
#
# Rapporten: för Max fanns *"en tydlig koppling mellan angiven riskbedömning och antalet riskfaktorer som
# identifierats, det vill säga ju fler identifierade riskfaktorer desto högre bedömdes risken vara"*, och
# de som bedömde risken som något förhöjd *"hade missat riskfaktorer som rörde barnets hälsoproblem och
# brist på hälso- och sjukvård, liksom mammans brist på rutiner och känslomässigt stöd"*. För Assi fanns
# hög samstämmighet om riskfaktorerna i hans eget beteende och i familj och miljö, *"medan flera missade
# eller inte bedömde föräldraförmågan som bristande"*.
#
# Varje punkt i figuren är en bedömare: antalet riskfaktorer i ärendet som hen nämnde i sitt öppna svar,
# mot den risknivå hen valde. Strecket är nivåns medelvärde.

# %%
vp.plot_factor_count_by_risk(test1, lang=lang)

# %% [markdown]
# Spearmans rangkorrelation mellan antalet nämnda riskfaktorer och risknivån
# (`agreement.rating_vs_factor_count`), med 95 % konfidensintervall:

# %%
va.factor_count_correlation(test1, texts, lang=lang)

# %% [markdown]
# För Max är sambandet starkt, men med sju bedömare går intervallet från ett svagt till ett nästan
# perfekt samband. Kom ihåg att sambandet är inbyggt i de syntetiska data efter rapportens beskrivning:
# tabellen visar hur man mäter det, inte att det gäller. För Assi säger korrelationen lite: bara två
# bedömare valde en annan nivå än mycket hög risk, och intervallet rymmer allt från ett tydligt negativt
# till ett svagt positivt samband.
#
# Vilka faktorer nämnde bedömarna på respektive nivå? Antal bedömare som nämnde faktorn i sitt öppna svar:

# %%
va.factors_by_risk(test1, texts["max"], lang=lang)

# %% [markdown]
# Den som bedömde Max risk som något förhöjd nämnde varken hälso- och tandvården, tillväxten, tandstatusen,
# mammans vardagsrutiner eller det känslomässiga stödet; alla som valde mycket hög risk nämnde dem. Så här
# motiverade bedömarna sin nivå med egna ord (texten före listan över riskfaktorer):

# %%
va.statements_by_risk(test1, vignette="max", lang=lang)

# %%
va.factors_by_risk(test1, texts["assi"], lang=lang)

# %% [markdown]
# Alla nämnde Assis skolproblem, missbruk och kriminalitet, medan föräldrarnas långvariga svårigheter med
# vägledning och gränssättning nämndes av färre. Att missa den faktorn ändrade inte risknivån för Assi,
# som ändå hamnade högt – men den kan ha betydelse för vilken insats som väljs och vad insatsen ska
# fokusera på.
#
# ## Vad rapporten drog för slutsatser
#
# - Ärendet Assi upplevdes som tydligare än Max, eftersom Assi hade en egen uttalad problematik.
# - Max ledde till mer diskussion om att bedöma hur allvarliga bristerna är och var gränsen för "good
#   enough" går.
# - Återigen diskuterades osäkerheten i vad som är en allvarlig och omfattande riskfaktor jämfört med en
#   mindre allvarlig och mindre omfattande.
# - Det fanns olika uppfattningar om förskolans roll som skyddsfaktor när problemen gäller sådant som
#   förskolan inte kan kompensera för, till exempel bristande tandvård och hälso- och sjukvård.
# - Även om antalet svarande var färre än önskat ger resultatet en bild av hur riskbedömningen och den
#   identifierade utsattheten varierar i ett och samma ärende.
# - Rapportens tidigare granskning av kommunernas egna ärenden visade att riskbedömningen ofta blev
#   *relativ* – jämförd med andra aktuella ärenden – och att det saknas vägledning om vad de olika
#   risknivåerna innebär. Kommunerna betonade vikten av att systematiskt och strukturerat identifiera och
#   väga risk- och skyddsfaktorer.
#
# Det som siffrorna här lägger till: med 7–12 bedömare är också konsensusmåtten osäkra, och
# samstämmighetskoefficienter över två ärenden ska inte läsas som ett mått på samstämmighet i allmänhet.
#
# ## Frågor till gruppen (för kursledaren)
#
# 1. Läs Max innan ni tittar på resultaten. Vilken risknivå väljer du, och vilka tre faktorer väger
#    tyngst? Jämför i gruppen.
# 2. Den som valde något förhöjd risk för Max missade barnets hälsa och tandvård. Hur ser ni i er egen
#    utredning till att alla områden i BBIC-triangeln har gåtts igenom innan risken bedöms?
# 3. Max trivs i förskolan. Vilken skyddande funktion har förskolan när problemen gäller tandvård,
#    tillväxt och hälso- och sjukvård? Var går gränsen för "good enough"?
# 4. Om Assi var bedömarna mer eniga, men flera missade föräldrarnas svårigheter med gränssättning. Spelar
#    det roll när risknivån ändå blir mycket hög? Vad betyder det för valet av insats och för insatsens fokus?
# 5. Jämför ni med andra aktuella ärenden när ni väljer risknivå? Vad skulle en gemensam beskrivning av
#    nivåerna – från ingen/låg till mycket hög risk – behöva innehålla för att bedömningen inte ska bli relativ?
# 6. Kappa blev nära noll fast ungefär hälften av paren valde samma nivå. Hur skulle ni förklara det för en
#    kollega? Vad skulle ni behöva för att kunna säga något om samstämmigheten i er egen verksamhet?
# 7. Gör testet i gruppen med ett ärende ni inte har sett förut, och jämför er fördelning med tabellerna ovan.
