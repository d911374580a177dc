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
# # Beskrivande data: avslutade insatser
#
# *English summary.* The first of the report's three ways of using follow-up data (§4.2, "Beskrivning av
# data"): counts and shares. This notebook shows the closed interventions of 2017 by sex, age, origin and
# unaccompanied minors (Table 3), identified exposure in the home, the guardian's difficulties and the
# child's own (Table 4), the risk that the child is harmed at the decision and at closure (Figure 6),
# talks with the child, reasons for closure, and the open-care interventions that were hard to classify.
# Every figure the report prints stands beside the same figure computed from the data. The notebook
# repeats the report's warnings: the data are not representative, there is no unique id so a child may be
# counted more than once, and some variables were read differently by different social workers. The
# registrations are synthetic, calibrated to the report. The text is in Swedish; `lang="en"` gives
# English tables and figures.

# %% [markdown]
# ## Om notebooken
#
# Rapporten *Webbkollen Barn och Unga* (SKL 2018) visar i avsnitt 4.2 hur uppgifter från systematisk
# uppföljning kan användas, i tre moment: beskrivning av antal och andel, jämförelser mellan grupper
# (notebook 02) och jämförelser över tid (notebook 03). Den här notebooken gör det första momentet och
# besvarar rapportens exempelfrågor:
#
# - För hur många flickor respektive pojkar avslutades insatser?
# - För hur många barn i olika åldrar avslutades insatser?
# - I vilken utsträckning har våld mot barn angetts som identifierad utsatthet?
# - I vilken utsträckning har enskilda samtal med barnet genomförts under utredningen?
# - Hur bedömdes risken att barnet far illa vid beslut om insats – och vid avslut?
# - För hur stor andel bedömdes målet med insatsen vara uppfyllt när insatsen avslutades?

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
from webbkollen_lib import summary_table
from webbkollen_lib.present.tables import to_html
from webbkollen_lib.plots import plot_risk_decision_closure

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_colwidth", None)

registreringar = load_cases(data)
cases = pub.report_population(registreringar, ar)  # avslutade insatser, som i rapporten
print(f"Registreringar i filen: {len(registreringar)}. "
      f"Avslutade insatser {ar if ar is not None else '(alla år)'}: {len(cases)}.")

# %% [markdown]
# Kodbokens anmärkningar om variablerna i den här notebooken:

# %%
display(Markdown(pub.caveat_notes(['tillfalle', 'ursprung', 'hem', 'risk_beslut', 'samtal_vh_avslut', 'maluppfyllelse', 'insats'], lang)))

# %% [markdown]
# **Rapporten bredvid våra data.** Under varje tabell och figur står rapportens siffror (*Rapporten*)
# bredvid samma siffror räknade ur data (*Våra data*), med en decimal mer än rapporten för att
# avrundningar ska synas. *Krav* säger hur nära vi måste komma: *exakt* för antal, och för andelar en
# marginal som täcker att rapporten avrundar till hela procent. Där rapporten bara säger till exempel
# "majoriteten" står det *mer än* i kolumnen *Rapporten*. *Inom kravet* svarar Ja eller Nej.
# Rapportens siffror hämtas ur `webbkollen_lib/systems/webbkollen/data/published_figures.csv`; anmärkningarna under tabellerna
# (på engelska) förklarar hur vi har läst rapporten där den är otydlig eller säger emot sig själv.

# %% [markdown]
# ## Datamaterialet
#
# Rapportens analyser i avsnitt 4.2 gäller de insatser som avslutades under ett år (2017). Tabell 1 i
# rapporten listar kommunerna och stadsdelarna, och dess fotnot anger hur många ärenden varje deltagare
# minst registrerade.

# %%
pub.published_vs_ours(registreringar, sources=["Tabell 1", "Tabell 1 fotnot 1"], year=ar, lang=lang)

# %% [markdown]
# ## Tabell 3: kön, ålder, ursprung och ensamkommande barn
#
# Antal avslutade insatser och andel i procent av *alla* avslutade insatser, med 95 % konfidensintervall
# (Wilson). Eftersom andelen räknas av alla, även dem som saknar uppgift om ursprung, summerar svenskfödda
# och utlandsfödda inte till 100 % – precis som i rapporten (fotnot 4). Konfidensintervallet visar hur
# mycket en andel kan variera av slumpen; det säger inget om hur representativa ärendena är.

# %%
HTML(to_html(summary_table(cases, ["kon", "aldersgrupp", "ursprung", "ensamkommande"], lang=lang,
                           ci=0.95, missing="ifany")))

# %%
pub.published_vs_ours(registreringar, sources=["Tabell 3", "Tabell 3 fotnot 4", "Text §4.2 (Exempel)",
                                               "Fotnot 3 §4.2"], year=ar, lang=lang)

# %% [markdown]
# Alla ensamkommande barn är födda utomlands, och enligt rapporten följde bara några av kommunerna upp
# insatser till ensamkommande (fotnot 3). Det får betydelse i notebook 02: en stor del av de utlandsfödda
# pojkarna är ensamkommande, och rapporten förklarar flera skillnader mellan utlandsfödda flickor och
# pojkar med det. Tabellen säger heller inget om hur många *barn* som fick insatser: ett barn med två
# avslutade insatser räknas två gånger.
#
# ## Tabell 4: identifierad utsatthet
#
# I samband med barnavårdsutredningen registrerades vilken utsatthet som låg till grund för beslutet om
# insats, i tre block: utsatthet i hemmiljön, svårigheter hos vårdnadshavaren och barnets eget
# riskbeteende eller egna svårigheter. Flera alternativ kunde väljas, så andelarna summerar till mer än
# 100 %. Varje block hade också ett uttryckligt svar "ingen" (för vårdnadshavaren även "information
# saknas"). De står här som egna rader men räknas inte som utsatthet, så raden *minst ett alternativ*
# gäller den utsatthet som faktiskt identifierats.

# %%
HTML(to_html(summary_table(cases, ["hem_nagon", "hem", "vh_nagon", "vh", "barn_nagon", "barn"],
                           lang=lang, missing="ifany")))

# %%
pub.published_vs_ours(registreringar, sources=["Tabell 4", "Text till tabell 4"], year=ar, lang=lang)

# %% [markdown]
# Rapportens text och tabell anger olika andelar för psykisk ohälsa hos föräldrarna; datamaterialet följer
# tabellen och kravet i jämförelsen täcker båda (se anmärkningen). Två saker gör tabell 4 svår att tolka:
# utsatthetens *allvarlighetsgrad* registreras inte, och i samstämmighetstesten valde socialsekreterare
# olika utsatthet i samma ärende (för Jamila fysiskt våld eller brister i gränssättning, notebook 06).
# Andelen med "fysiskt våld" är alltså andelen ärenden där någon *registrerat* fysiskt våld.
#
# ## Figur 6: risk att barnet far illa, vid beslut och vid avslut
#
# Risken bedömdes på en fyrgradig skala, från ingen/låg till mycket hög risk, vid beslut om insats och
# igen när insatsen avslutades. Figuren visar andelen på varje nivå av de insatser som har en bedömning
# vid respektive tillfälle, som i rapporten ("inte känt" räknas inte). Tabellen under ger antalen och hur
# många som saknar en bedömning.

# %%
plot_risk_decision_closure(cases, lang=lang)

# %%
HTML(to_html(summary_table(cases, ["risk_beslut", "risk_avslut"], lang=lang, dropna=True, ci=0.95)))

# %%
pub.published_vs_ours(registreringar, sources="Figur 6 (text)", ids="s33_majoritet_lag", year=ar, lang=lang)

# %% [markdown]
# Rapporten (§3.3) fann det överraskande att majoriteten av ärendena bedömdes ha ingen/låg eller något
# förhöjd risk vid beslut om insats. Eftersom bara en minoritet av de barn som misstänks fara illa anmäls
# till socialtjänsten vore det, enligt rapporten, rimligt att de flesta utredda ärenden bedömdes ha hög
# eller mycket hög risk. När kommunerna
# granskade sina egna ärenden framkom att riskbedömningen ofta blev *relativ*, jämförd med andra aktuella
# ärenden. Figuren beskriver alltså hur risken *registrerades*. Hur bedömningen ändras i ett och samma
# ärende från beslut till avslut finns i notebook 03, och hur den hänger ihop med antalet identifierade
# utsatthetsformer i notebook 04.
#
# ## Samtal med barnet
#
# Rapporten frågar i vilken utsträckning enskilda samtal med barnet har genomförts under utredningen (vid
# beslut om insats) och vid avslut. Andelarna räknas av de insatser som har svar på frågorna om samtal;
# raden *Saknas* visar hur många som saknar svar.

# %%
HTML(to_html(summary_table(cases, ["samtal_enskilt_beslut", "samtal_vh_beslut", "samtal_enskilt_avslut",
                                   "samtal_vh_avslut"], lang=lang, dropna=True, ci=0.95)))

# %%
pub.published_vs_ours(registreringar, ids="s42_samtal_*", year=ar, lang=lang)

# %% [markdown]
# Att barnet kommer till tals var något deltagarna själva ville kunna följa upp (rapporten §4.1). Enligt
# rapporten var enskilda samtal betydligt vanligare under utredningen än när insatsen avslutades. Hur
# andelarna skiljer sig mellan flickor och pojkar och mellan svenskfödda och utlandsfödda visas i notebook
# 02; om samma barn fick samtal vid båda tillfällena, i notebook 03.
#
# ## Orsak till avslut
#
# Orsaken till att insatsen avslutades registrerades vid avslut; varje insats har en orsak.

# %%
HTML(to_html(summary_table(cases, ["avslutsorsak"], lang=lang, ci=0.95, missing="ifany")))

# %%
pub.published_vs_ours(registreringar, ids=["s42_mal_uppnatt_halften", "s42_avslut_*"], year=ar, lang=lang)

# %% [markdown]
# "Målet med insatsen är uppnått" förutsätter ett mål som går att följa upp. I samstämmighetstestet
# formulerade socialsekreterarna målen mycket olika, och nästan inga mål angav ett utgångsläge (rapporten
# §3.3, notebook 06). Andelen med uppnått mål beror därför också på hur målen skrevs.
#
# ## En variabel som var svår att klassificera: typ av öppenvårdsinsats
#
# Rapporten (§3.3) säger att öppenvårdsalternativen var svåra att klassificera och att "annan
# öppenvårdsinsats" var det vanligaste valet i öppenvårdsärendena. Tabellen visar typ av insats inom
# öppenvård och vård utanför hemmet.

# %%
HTML(to_html(summary_table(cases, ["insats"], by="insatsform", lang=lang, missing="ifany")))

# %%
pub.published_vs_ours(registreringar, ids="s33_annan_oppenvard", year=ar, lang=lang)

# %% [markdown]
# När en så stor del av öppenvårdsinsatserna hamnar i "annan" säger variabeln lite om *vilken* hjälp
# barnen fick. Det är ett exempel på hur en variabel kan se fullständig ut men ändå vara svår att använda:
# alla har svarat, men svaren betyder inte samma sak.
#
# ## Sammanfattning
#
# - Beskrivande tabeller svarar på *hur många* och *hur stor andel* – av de registrerade avslutade
#   insatserna, inte av barn och inte av alla barn i socialtjänsten.
# - Identifierad utsatthet och riskbedömning är de variabler deltagarna tyckte var mest intressanta, men
#   också de som tolkades mest olika. Läs dem som registreringar, inte som mått på barnens faktiska
#   situation.
# - Alla siffror som rapporten redovisar står bredvid våra; kolumnen *Inom kravet* visar om de stämmer.
#
# ## Frågor till gruppen (för kursledaren)
#
# 1. Tabell 3 räknar avslutade insatser, inte barn. Hur skulle ni ta reda på hur många *barn* era insatser
#    gällde? Vad skulle ett unikt id kräva, och vad skulle det kosta i sekretess?
# 2. Vilken utsatthet i hemmiljön är vanligast i tabell 4? Känner ni igen mönstret från er egen
#    verksamhet? Hur vet ni att alla i gruppen registrerar "andra familjekonflikter" eller "bristande
#    omsorg" på samma sätt?
# 3. Majoriteten av ärendena bedömdes ha ingen/låg eller något förhöjd risk vid beslut om insats. Vad tror
#    ni att det beror på? Vad skulle en gemensam beskrivning av risknivåerna behöva innehålla?
# 4. Enskilda samtal var vanligare under utredningen än vid avslut. Vad skulle behövas för att barnet ska
#    komma till tals även när insatsen avslutas?
# 5. Vad betyder "målet uppnått" om målet inte har ett uttalat utgångsläge? Hur skulle ni skriva ett mål
#    som går att följa upp?
# 6. Om er kommun hade en annan fördelning än tabellerna här, hur skulle ni avgöra om det beror på barnen,
#    på insatserna eller på hur ni registrerar?
