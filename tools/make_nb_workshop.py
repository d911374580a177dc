"""Build notebooks/workshop/svara.ipynb (participant form) and resultat.ipynb (the group's agreement)."""

from nb import build

build("notebooks/workshop/svara.ipynb", [
"""md:
# Samstämmighetstest – ditt svar

Läs ärendet nedan och gör din bedömning: risken att barnet far illa i nuvarande situation, den
utsatthet du identifierar, vilken insats du tror behövs och en kort motivering. Tryck **Skicka**.
Du kan ändra och skicka igen – ditt senaste svar gäller.

*Kursledaren:* välj ärende och svarsmapp i cellen nedan. Med en gemensam dator som går runt: tryck
**Nästa deltagare** mellan svaren. Med en dator var: låt mappen ligga på en delad katalog som alla
når, så samlas svaren där. Svaren sparas som en fil per deltagare och ärende, så ingen skriver över
någon annans svar.
""",
"""params:
vinjett: str = "jamila"  # assi, max, jamila, tobias, mohammad – eller ett eget ärende i data/vignettes/
mapp: str = "svar"  # svarsmappen (delad mapp om deltagarna sitter vid egna datorer)
kommun: str = ""  # förifyllt kommunnamn, om alla kommer från samma kommun
lang: str = "sv"
""",
"""
from IPython.display import Markdown
from webbkollen_lib import load_vignettes
from webbkollen_lib.present.vignettes import vignette_markdown

Markdown(vignette_markdown(load_vignettes()[vinjett], lang=lang))
""",
"""
from webbkollen_lib.teaching.workshop import AnswerForm

formular = AnswerForm(mapp, vinjett, lang=lang, kommun=kommun)
formular.widget
""",
"""md:
När en deltagare har skickat sitt svar på en gemensam dator: kör cellen nedan för att tömma
formuläret till nästa deltagare.
""",
"""
formular.clear()
""",
])

build("notebooks/workshop/resultat.ipynb", [
"""md:
# Samstämmighetstest – gruppens resultat

Kör om notebooken (*Run → Run All Cells*) när deltagarna har svarat, så visas gruppens bedömningar
direkt: riskbedömningarna bredvid fördelningen i SKL:s rapport för samma ärende, hur samstämmiga ni
är, vilken utsatthet ni identifierade, om de som såg fler riskfaktorer också bedömde risken högre,
och vilka ord ni använde vid olika risknivåer – som rapporten gjorde för Jamila.
""",
"""params:
vinjett: str = "jamila"
mapp: str = "svar"
lang: str = "sv"
""",
"""
%matplotlib inline
from webbkollen_lib.teaching.workshop import WorkshopResults

resultat = WorkshopResults(mapp, vinjett, lang=lang)
resultat.summary()
""",
"""md:
## Riskbedömningar – ni och rapporten
""",
"""
resultat.risk_table()
""",
"""
resultat.risk_figure()
""",
"""md:
## Hur samstämmiga är ni?

Andelen i den vanligaste nivån är lättast att tolka. Konsensusmåtten tar hänsyn till att skalan är
ordnad: två svar på intilliggande nivåer är mer lika än två svar på skalans ytterkanter.
Intervallen visar osäkerheten med så här få deltagare.
""",
"""
resultat.consensus()
""",
"""md:
## Identifierad utsatthet i hemmiljön

Hur många kryssade i varje alternativ? Där gruppen är delad – vad i ärendet läste ni olika?
""",
"""
resultat.exposure_agreement("hem")
""",
"""
resultat.exposure_agreement("insatsforslag")
""",
"""md:
## Fler identifierade riskfaktorer – högre risk?

I rapporten bedömde de som såg fler riskfaktorer i ärendet Max också risken som högre.
""",
"""
resultat.factors_vs_rating()
""",
"""md:
## Orden ni använde

Rapporten fann för Jamila att de som bedömde låg risk skrev om *svårigheter i gränssättning*, de som
bedömde något förhöjd risk om *hård uppfostringsstil* och de som bedömde hög risk om *fysiskt våld
mot barnet*. Hur ser det ut i er grupp?
""",
"""
resultat.words()
""",
"""md:
## Att diskutera

- Vad i ärendet fick er att välja olika risknivåer? Var det antalet riskfaktorer eller hur allvarliga
  ni bedömde dem?
- Jämförde någon med andra ärenden ni har just nu (en *relativ* bedömning, rapporten §3.3)?
- Vilka skyddsfaktorer vägde ni in, och hur?
- Om ni skulle formulera ett mål med insatsen: vad är utgångsläget i dag?
""",
])
