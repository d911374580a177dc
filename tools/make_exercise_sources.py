"""Write the exercise sources ``exercises/source/NN_namn.ipynb``; then run ``tools/build_exercises.py``.

    python tools/make_exercise_sources.py [--cases PATH]
    python tools/build_exercises.py

The answers in the solution cells are worked out here with
:func:`webbkollen_lib.teaching.exercises.expected_answer` from the shipped data
(``--cases`` for another registrations file) and written as a participant
would write them (shares to two decimals). If the synthetic data change,
run both scripts again: ``tests/test_exercises.py`` runs the solution
notebooks with strict checks and fails on a stale answer.

Cell markers: ``md:`` Markdown, ``solution:`` a code cell tagged
``solution`` (an answer), ``md-solution:`` a Markdown cell only in the
solution version, anything else a code cell.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from textwrap import dedent

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from webbkollen_lib.teaching import exercises as ex  # noqa: E402
from webbkollen_lib.io.datasets import load_cases  # noqa: E402

SOURCE_DIR = ROOT / "exercises" / "source"

INSTRUCTIONS = """
**Så här gör du**

1. Kör cellerna uppifrån och ned: klicka i en cell och tryck *Shift + Enter*.
2. Vid varje uppgift finns en cell där det står `svar_… = ...`. Byt ut `...` mot ditt svar och kör cellen.
3. Kör cellen under, som börjar med `check(`. Den säger om svaret stämmer och ger ett tips om det inte
   gör det. Du kan försöka hur många gånger du vill.

Skriv **andelar som decimaltal med punkt**: 57 % skrivs `0.57` (inte `0,57`). Bokstäver och namn skrivs
**inom citattecken**: `"b"`, `"Umeå"`. All kod finns redan – du fyller bara i svar och ändrar ibland ett värde.

*Alla data här är syntetiska: påhittade registreringar, gjorda för att likna tabellerna i rapporten
Webbkollen Barn och Unga (SKL 2018). Inget barn finns på riktigt.*
"""

SOLUTION_GOAL = (
    "I dag tar pappa hårt i Jamila ungefär tre gånger i veckan, enligt föräldrarna själva. Inom sex månader "
    "ska det hända högst en gång i månaden och efter ett år ingen gång. Föräldrarna noterar varje gång i en "
    "dagbok, och förskolan följer upp i samtal med Jamila varje månad."
)


def md(text: str) -> str:
    return "md:" + dedent(text).strip("\n")


def code(text: str) -> str:
    return dedent(text).strip("\n")


class Answers:
    """The right answers, worked out from the data as a participant would write them."""

    def __init__(self, cases, ratings, goals):
        self.data = {"cases": cases, "ratings": ratings, "goals": goals, "none": None}

    def literal(self, task_id: str, **options) -> str:
        t = ex.TASKS[task_id]
        if t.kind == "goal":
            return repr(SOLUTION_GOAL)
        value = ex.expected_answer(task_id, self.data[t.data], **options)
        if t.kind == "share":
            return repr(round(float(value), 2))
        if t.kind in ("number",):
            return repr(round(float(value), 2))
        if t.kind == "points":
            return repr(int(round(float(value))))
        if t.kind == "count":
            return repr(int(value))
        if t.kind == "choice":
            return f'"{sorted(ex._as_set(value))[0]}"'
        if t.kind == "name":
            code_ = sorted(ex._as_set(value))[0]
            label = ex.name_options(task_id, self.data[t.data], **options)[code_]
            return f'"{label}"'
        raise ValueError(t.kind)


def task(answers: Answers, task_id: str, text: str, data: str = "fall", **options) -> list[str]:
    """The three cells of a task: the question, the answer cell and the check cell."""
    _, e, n = task_id.split("_")
    var = f"svar_{e}_{n}"
    extra = "".join(f", {k}={v}" for k, v in options.items())
    values = {k: OPTION_VALUES[v] for k, v in options.items()}
    args = f", {data}" if data else ""
    # choice lists are pasted into the indented text unindented, so strip every line instead of dedent
    body = "\n".join(line.strip() for line in text.strip().splitlines())
    return [
        md(f"### Uppgift {e}.{n}\n\n{body}"),
        "solution:" + f"{var} = {answers.literal(task_id, **values)}",
        f'check("{task_id}", {var}{args}{extra});',
    ]


# the values the notebooks give the options of their check calls
OPTION_VALUES = {"KOMMUN": "Umeå", "MIN_CELL": 5}


def choices(t: str) -> str:
    return "\n".join(f"- **{k})** {v}" for k, v in ex.TASKS[t].choices.items())


def discuss(*questions: str) -> str:
    return md("## Att diskutera\n\n" + "\n".join(f"- {q}" for q in questions))


def title(n: int, intro: str, learn: str, minutes: int) -> str:
    stem, sv, en = ex.EXERCISES[n]
    return md(
        f"# Övning {n} – {sv}\n\n*Exercise {n} – {en}.*\n\n{dedent(intro).strip()}\n\n"
        f"**Du lär dig:** {learn}\n\n**Tid:** cirka {minutes} minuter.\n\n{INSTRUCTIONS.strip()}"
    )


# ---------------------------------------------------------------------------
# the exercises
# ---------------------------------------------------------------------------


def ex1(a: Answers) -> list[str]:
    return [
        title(1, """
            Den enklaste formen av uppföljning är att räkna: hur många, och hur stor andel? Rapporten från
            Webbkollen Barn och Unga (avsnitt 4.2) börjar med att beskriva de 416 insatser som avslutades 2017:
            kön, ålder, ursprung och ensamkommande barn (tabell 3). Här gör du samma sak.
            """,
              "att läsa en tabell med antal och andel – *n (%)* – och att alltid fråga vad andelen är en andel "
              "*av*: nämnaren.", 20),
        code("""
            # Förberedelser: kör den här cellen först.
            from webbkollen_lib import load_cases
            from webbkollen_lib import summary_table
            from webbkollen_lib.teaching.exercises import check, show

            fall = load_cases()  # en rad per registrerad insats
            len(fall)
            """),
        md("""
            ## Målgruppen i siffror

            Tabellen visar antal och, inom parentes, andel i procent. Raden *Saknas* visar hur många som saknar
            uppgiften. Läs också raden under tabellen: vad är procenten räknade på?
            """),
        code('show(summary_table(fall, ["kon", "aldersgrupp", "ursprung", "ensamkommande"]))'),
        *task(a, "uppgift_1_1", "Hur många av de avslutade insatserna gällde **flickor**? Skriv antalet (ett heltal)."),
        *task(a, "uppgift_1_2", """
            Hur stor **andel** av alla registreringar gällde barn **födda i Sverige**? Räkna som rapportens
            tabell 3, där andelen är av *alla* registreringar – också dem där ursprunget saknas. Svara med ett
            decimaltal, till exempel `0.25`.
            """),
        *task(a, "uppgift_1_3", f"""
            Vilken **åldersgrupp** är störst? Svara med bokstaven inom citattecken, till exempel `"a"`.

            {choices("uppgift_1_3")}
            """),
        md("""
            ## Andel av vad?

            Rapporten skriver att "lite mer än hälften" av de utlandsfödda barnen var ensamkommande (44 av 81).
            Då är nämnaren de utlandsfödda, inte alla barn. Tabellen nedan delar upp på ursprung: varje kolumn är
            en grupp, och procenten är räknade inom kolumnen.
            """),
        code('show(summary_table(fall, ["ensamkommande"], by="ursprung"))'),
        *task(a, "uppgift_1_4", "Av barnen **födda utomlands** – hur stor andel var **ensamkommande**? Svara med ett decimaltal."),
        md("""
            ## Prova själv

            Byt variabeln i cellen nedan och kör den igen. Prova `"hem"` (identifierad utsatthet i hemmiljön),
            `"risk_beslut"` (riskbedömningen vid beslut) eller `"avslutsorsak"`. För `"hem"` kan ett barn ha
            flera svar, så andelarna summerar till mer än 100 %.
            """),
        code("""
            variabel = "aldersgrupp"
            show(summary_table(fall, [variabel]))
            """),
        discuss(
            "Vilka tre siffror om målgruppen skulle er nämnd eller ledning vilja se först? Varför just de?",
            "Rapporten räknar andelen svenskfödda av *alla*, också barn med okänt ursprung. När är det bättre att "
            "räkna bort dem som saknar uppgift – och vad måste man då skriva ut?",
            "Vad säger det om registreringen att uppgifter saknas för några barn? Hur ser det ut i er verksamhet?",
        ),
    ]


def ex2(a: Answers) -> list[str]:
    return [
        title(2, """
            Jämförelser mellan grupper är ett viktigt steg i uppföljningen (rapporten §4.2, "Jämförelser mellan
            grupper"). Har flickor och pojkar samma utsatthet? Avslutas insatserna lika ofta med att målet är
            uppnått? Rapporten fann till exempel att flickor i genomsnitt hade fler identifierade
            utsatthetsformer än pojkar (4,03 mot 3,28).
            """,
              "att jämföra andelar och medelvärden mellan grupper, läsa ett p-värde – och se hur en tredje "
              "variabel kan förklara en skillnad.", 30),
        code("""
            # Förberedelser: kör den här cellen först.
            from webbkollen_lib import load_cases
            from webbkollen_lib.analysis.comparisons import share_by_group
            from webbkollen_lib import summary_table
            from webbkollen_lib.teaching.exercises import check, show

            fall = load_cases()
            """),
        md("""
            ## Identifierad utsatthet i hemmiljön, flickor och pojkar

            Varje kolumn är en grupp, och procenten är andelen *av gruppen*: av flickorna, av pojkarna. Ett barn
            kan ha flera former av utsatthet.
            """),
        code('show(summary_table(fall, ["hem"], by="kon", dropna=True, missing="no"))'),
        *task(a, "uppgift_2_1", "Hur stor andel av **flickorna** hade *Andra familjekonflikter* som identifierad utsatthet? Svara med ett decimaltal."),
        md("""
            ## Antal utsatthetsformer per barn

            För varje barn kan flera former av utsatthet registreras: i hemmiljön, hos vårdnadshavaren och hos
            barnet självt. Tabellen visar **medelvärdet** av antalet former per barn (standardavvikelsen inom
            parentes) och ett **p-värde** för skillnaden mellan flickor och pojkar.
            """),
        code('show(summary_table(fall, ["antal_utsatthet"], by="kon", continuous="mean_sd", add_p=True, missing="no"))'),
        *task(a, "uppgift_2_2", """
            Hur många fler utsatthetsformer har flickor **i genomsnitt** än pojkar? Räkna flickornas medelvärde
            minus pojkarnas och svara med ett tal, till exempel `0.4`.
            """),
        *task(a, "uppgift_2_3", f"""
            Är skillnaden mellan flickor och pojkar **statistiskt säkerställd** på 5 %-nivån? Titta på p-värdet.

            {choices("uppgift_2_3")}
            """),
        md("""
            ## När en tredje variabel förklarar skillnaden

            Rapporten (Exempel 4): målet med insatsen var uppnått för 55 % av de svenskfödda pojkarna men bara för
            29 % av de utlandsfödda pojkarna. Tabellen visar andelen insatser som avslutades med att målet var
            uppnått, per grupp. Byt sedan `grupp` till `"ensamkommande"` och kör cellen igen.
            """),
        code("""
            grupp = "kon_ursprung"  # byt till "ensamkommande" och kör igen
            share_by_group(fall, "avslutsorsak", by=grupp, category="mal_uppnatt", wide=True)
            """),
        *task(a, "uppgift_2_4", f"""
            Varför avslutas insatser för utlandsfödda pojkar mer sällan med att målet är uppnått?

            {choices("uppgift_2_4")}
            """, data=""),
        discuss(
            "En skillnad kan vara statistiskt säkerställd men liten. Hur stor skillnad skulle vara viktig för er "
            "verksamhet?",
            "Vad kan ligga bakom att flickor har fler identifierade utsatthetsformer: barnens situation, eller hur "
            "vi utreder och registrerar?",
            "Vilka andra jämförelser mellan grupper vore intressanta hos er (ålder, insats, utsatthet)? Vilken "
            "tredje variabel skulle kunna förklara skillnaden?",
        ),
    ]


def ex3(a: Answers) -> list[str]:
    return [
        title(3, """
            Barnets delaktighet följs med variabeln *samtal med barnet*, vid beslut om insats (under
            utredningen) och vid avslut. Rapporten (§4.1, §5.3): samtal med barn sker i stor utsträckning under
            utredningen, men inte alls i samma omfattning vid uppföljning eller avslut – "ett konkret exempel på
            hur systematisk uppföljning bör kunna leda till utvecklingsarbeten på arbetsplatsen".
            """,
              "att jämföra två tillfällen (beslut och avslut), skilja på procent och procentenheter, och jämföra "
              "grupper av olika storlek.", 30),
        code("""
            # Förberedelser: kör den här cellen först.
            from webbkollen_lib import load_cases
            from webbkollen_lib.analysis.change import paired_yes_no
            from webbkollen_lib import summary_table
            from webbkollen_lib.teaching.exercises import check, show

            fall = load_cases()
            """),
        md("""
            ## Enskilda samtal vid beslut och vid avslut

            Kolumnerna är rapportens fyra grupper efter ursprung och kön (barn med okänt ursprung finns bara i
            *Totalt*). Procenten är räknade på dem som har ett svar; raden *Saknas* visar hur många som saknar
            svar. Jämför med rapportens tabell 7.
            """),
        code('show(summary_table(fall, ["samtal_enskilt_beslut", "samtal_enskilt_avslut"], by="kon_ursprung", dropna=True))'),
        *task(a, "uppgift_3_1", "Hur stor andel av **alla barnen** (kolumnen *Totalt*) hade ett enskilt samtal **vid beslut** om insats? Svara med ett decimaltal."),
        *task(a, "uppgift_3_2", "Hur stor andel av alla barnen hade ett enskilt samtal **vid avslut** av insatsen?"),
        *task(a, "uppgift_3_3", """
            Hur många **procentenheter** lägre är andelen vid avslut än vid beslut? Svara i procentenheter, till
            exempel `12`.

            *Procentenheter* är skillnaden mellan två procenttal: från 40 % till 30 % är 10 procentenheter lägre
            – men 25 procent lägre räknat relativt (10 av 40).
            """),
        *task(a, "uppgift_3_4", f"""
            I vilken grupp **minskar andelen minst** från beslut till avslut (eller ökar)?

            {choices("uppgift_3_4")}
            """),
        md("""
            ## För den som vill veta mer: samma insats vid två tillfällen

            Samtalen vid beslut och vid avslut gäller samma insats, så man kan räkna parvis: hur många hade samtal
            vid beslut men inte vid avslut, och tvärtom. McNemars test prövar om andelen har ändrats
            (`share_before` = andel vid beslut, `share_after` = vid avslut, `difference` = skillnaden, `p` = p-värdet).
            """),
        code('paired_yes_no(fall, "samtal_enskilt_beslut", "samtal_enskilt_avslut", by="kon_ursprung", lang="sv")[["n", "share_before", "share_after", "difference", "p"]]'),
        discuss(
            "Varför sker samtal med barnet mer sällan vid avslut? Vad skulle krävas för att ändra det hos er?",
            "Utlandsfödda pojkar har mycket höga andelar – många är ensamkommande, utan vårdnadshavare i Sverige. "
            "Vad betyder det för jämförelsen mellan grupperna?",
            "Utlandsfödda flickor är en liten grupp (se N i kolumnrubriken). Hur mycket skulle du lita på "
            "förändringen där?",
            "Hur skulle ni kunna följa barnets delaktighet i er egen verksamhet?",
        ),
    ]


def ex4(a: Answers) -> list[str]:
    return [
        title(4, """
            Risken att barnet far illa bedöms både vid beslut och vid avslut av insatsen. En **övergångstabell**
            visar för varje ärende var det började och var det slutade. Rapporten (figur 8): risken minskar främst
            i ärenden som vid beslut bedömdes ha hög risk – i 65 procent av dem bedöms risken som lägre vid
            avslut. Där risken var mycket hög görs samma bedömning vid avslut i hälften av ärendena (52 procent).
            """,
              "att läsa rader, kolumner och diagonal i en korstabell, räkna andelar av en rad – och vad en sådan "
              "tabell kan och inte kan säga.", 30),
        code("""
            # Förberedelser: kör den här cellen först.
            %matplotlib inline
            from webbkollen_lib import load_cases
            from webbkollen_lib.analysis.change import change_summary, transition_table
            from webbkollen_lib.teaching.exercises import check
            from webbkollen_lib.plots import plot_transition_heatmap

            fall = load_cases()
            """),
        md("""
            ## Tabellen i antal

            **Raderna** är risken vid beslut, **kolumnerna** risken vid avslut. Varje ärende finns i en cell.
            Diagonalen (samma nivå vid beslut och avslut) är oförändrade bedömningar; till vänster om diagonalen
            är risken lägre vid avslut, till höger högre. Bara ärenden med en bedömning vid båda tillfällena finns
            med.
            """),
        code('transition_table(fall, "risk_beslut", "risk_avslut", lang="sv")'),
        *task(a, "uppgift_4_1", "Hur många ärenden i tabellen hade **hög risk vid beslut**? Skriv antalet."),
        md("""
            ## Samma tabell som andelar av raden

            Färgen och procenten visar andelen *av raden*: av dem som hade en viss risk vid beslut, hur stor andel
            hade varje nivå vid avslut. Antalet står inom parentes.
            """),
        code('plot_transition_heatmap(fall, "risk_beslut", "risk_avslut")'),
        *task(a, "uppgift_4_2", "Av ärendena med **hög risk** vid beslut – hur stor andel bedömdes ha **lägre** risk vid avslut? Svara med ett decimaltal."),
        *task(a, "uppgift_4_3", "Av ärendena med **mycket hög risk** vid beslut – hur stor andel fick **samma** bedömning vid avslut?"),
        md("""
            ## Sammanfattning per nivå

            Här är cellerna hopräknade: hur många (och hur stor andel av raden) som fick lägre, samma eller högre
            risk vid avslut. Stämmer det med dina svar?
            """),
        code('change_summary(fall, "risk_beslut", "risk_avslut", lang="sv")'),
        *task(a, "uppgift_4_4", f"""
            Vad visar övergångstabellen?

            {choices("uppgift_4_4")}
            """, data=""),
        md("""
            ## Prova själv

            Samma sorts tabell går att göra för skolsituationen. Byt variablerna i cellen nedan till
            `"skola_beslut"` och `"skola_avslut"` och kör cellen igen.
            """),
        code("""
            fore, efter = "risk_beslut", "risk_avslut"
            plot_transition_heatmap(fall, fore, efter)
            """),
        discuss(
            "Risken sjunker oftast där den var hög vid beslut. Vad kan det bero på, förutom insatsen? Tänk på att "
            "den som bedömer vid avslut kan vara en annan person, och att extrema värden ofta följs av mindre "
            "extrema (regression mot medelvärdet).",
            "Ett ärende med ingen/låg risk kan inte bli lägre. Hur påverkar det jämförelsen mellan nivåerna?",
            "Vad skulle ni behöva veta för att kunna säga något om insatsernas effekt?",
        ),
    ]


def ex5(a: Answers) -> list[str]:
    return [
        title(5, """
            Man kunde vänta sig att de flesta ärenden som leder till en insats bedöms ha hög eller mycket hög risk.
            Men i Webbkollen bedömdes majoriteten som *ingen/låg* eller *något förhöjd* risk vid beslut (§3.3). När
            projektet granskade ärenden framkom att riskbedömningen i flera fall borde ha varit högre, och att man
            ofta gjorde en **relativ** bedömning: man jämförde med andra aktuella ärenden.
            """,
              "att läsa en fördelning och en tabell med kolumnprocent, jämföra kommuner – och varför en riskskala "
              "används relativt.", 30),
        code("""
            # Förberedelser: kör den här cellen först.
            %matplotlib inline
            from webbkollen_lib import load_cases
            from webbkollen_lib import crosstab, summary_table
            from webbkollen_lib.teaching.exercises import check, show
            from webbkollen_lib.analysis.exposure_risk import exposure_by_risk
            from webbkollen_lib.plots import plot_exposure_count_by_risk, plot_risk_decision_closure

            fall = load_cases()
            """),
        md("## Riskbedömningen vid beslut"),
        code('show(summary_table(fall, ["risk_beslut"], dropna=True))'),
        code("plot_risk_decision_closure(fall)"),
        *task(a, "uppgift_5_1", "Hur stor andel av ärendena (med en känd bedömning) bedömdes ha **ingen/låg eller något förhöjd** risk vid beslut? Svara med ett decimaltal."),
        md("""
            ## Antal utsatthetsformer och risk (rapportens tabell 2)

            Tabellen har **kolumnprocent**: varje riskkolumn summerar till 100 %. Den visar, för ärendena på varje
            risknivå, hur många former av utsatthet som identifierats.
            """),
        code("exposure_by_risk(fall)"),
        code("plot_exposure_count_by_risk(fall)"),
        *task(a, "uppgift_5_2", "Av ärendena med **mycket hög risk** vid beslut – hur stor andel hade **6 eller fler** utsatthetsformer?"),
        md("""
            ## Bedömer kommunerna olika?

            Tabellen visar riskbedömningen vid beslut per kommun, som andel av kommunens ärenden (radprocent).
            Antalet ärenden står i radrubriken.
            """),
        code('crosstab(fall, "risk_beslut", by="kommun")'),
        *task(a, "uppgift_5_3", """
            Vilken kommun bedömde störst andel av sina ärenden som **ingen/låg risk**? Skriv namnet inom
            citattecken, till exempel `"Solna"`. Titta sedan på hur många ärenden den kommunen har.
            """),
        *task(a, "uppgift_5_4", f"""
            Vad menas med att riskbedömningen blir **relativ**?

            {choices("uppgift_5_4")}
            """, data=""),
        discuss(
            "Hur gör ni i er arbetsgrupp när ni bedömer risk? Jämför ni, medvetet eller omedvetet, med andra ärenden?",
            "Kommunerna i projektet ville motverka relativa bedömningar genom att systematiskt identifiera och väga "
            "risk- och skyddsfaktorer. Hur skulle det se ut hos er?",
            "Den kommun som sticker ut i tabellen – hur många ärenden har den? Vad betyder det för tolkningen?",
            "Vad skulle en gemensam beskrivning av vad *hög risk* betyder behöva innehålla?",
        ),
    ]


def ex6(a: Answers) -> list[str]:
    return [
        title(6, """
            I två samstämmighetstester (§3.3) bedömde flera socialsekreterare samma konstruerade ärende. För Jamila,
            4 år, angav 11 av 16 *något förhöjd risk*, två *ingen/låg*, två *hög* och en *inte känt*. Samma
            information – olika bedömningar. Har ni gjort det levande samstämmighetstestet (se
            `exercises/README.md`) kan ni analysera er egen grupps svar här.
            """,
              "att mäta hur överens bedömare är om ett ärende, tänka på nämnaren när någon svarat *inte känt*, och "
              "se vad som skapar oenighet.", 30),
        md("""
            ## Välj vinjett och svar

            Normalt används de syntetiska svaren från rapportens test. Efter det levande testet: skriv mappen med
            svaren inom citattecken i `SVARSMAPP` (samma mapp som i `notebooks/workshop/svara.ipynb`), välj
            vinjetten och kör alla celler igen.
            """),
        code("""
            VINJETT = "jamila"  # "assi", "max", "jamila", "tobias" eller "mohammad"
            SVARSMAPP = None    # efter det levande testet t.ex. "../notebooks/workshop/svar"
            """),
        code("""
            # Förberedelser: kör den här cellen.
            from IPython.display import Markdown
            from webbkollen_lib import crosstab, summary_table
            from webbkollen_lib.teaching.exercises import (agreement_overview, check, checklist_overview, show,
                                                  vignette_ratings, vignette_text)

            bedomningar = vignette_ratings(VINJETT, SVARSMAPP)
            Markdown(vignette_text(VINJETT))
            """),
        md("## Riskbedömningarna\n\nHur bedömde deltagarna risken att barnet far illa i nuvarande situation? *Saknas* är de som svarade *inte känt*."),
        code('show(summary_table(bedomningar, ["risk"]))'),
        *task(a, "uppgift_6_1", """
            Hur stor andel av bedömarna **som gjorde en riskbedömning** valde den vanligaste bedömningen? Räkna
            inte med dem som svarade *inte känt*. Svara med ett decimaltal.
            """, data="bedomningar"),
        md("""
            ## Hur ofta är två bedömare överens?

            Ett annat sätt att se på samstämmighet: välj två bedömare på måfå – hur ofta har de gjort samma
            bedömning? Översikten räknar det över alla par av bedömare.
            """),
        code("agreement_overview(bedomningar)"),
        *task(a, "uppgift_6_2", "Om två av bedömarna väljs på måfå – hur stor är chansen att de gjort **samma** riskbedömning?", data="bedomningar"),
        md("""
            ## Identifierad utsatthet i hemmiljön

            Andelen av bedömarna som kryssade för varje alternativ. (Test 1 – Assi och Max – frågade bara om
            risken; där finns inga kryss.)
            """),
        code('checklist_overview(bedomningar, "hem")'),
        *task(a, "uppgift_6_3", """
            Vilken utsatthet i hemmiljön kryssade **flest** bedömare för? Skriv alternativet som det står i
            tabellen, inom citattecken.
            """, data="bedomningar"),
        md("""
            ## Vad skilde bedömarna åt?

            Tabellen visar, för varje riskbedömning, hur stor andel av bedömarna som kryssade för *Fysiskt våld
            mot barnet* (Ja) och inte (Nej).
            """),
        code('crosstab(bedomningar, "hem_fysiskt_vald", by="risk")'),
        *task(a, "uppgift_6_4", f"""
            Vad skilde de bedömare som angav högre risk för Jamila från dem som angav lägre?

            {choices("uppgift_6_4")}
            """, data=""),
        discuss(
            "Läs vinjetten igen. Är det fysiskt våld eller svårigheter att sätta gränser? Vad i texten får dig att "
            "välja?",
            "Rapporten: osäkerheten gäller framför allt hur allvarlig och omfattande en riskfaktor är, och hur "
            "väl skyddsfaktorerna fungerar. Hur skulle ni kunna enas om det i er grupp?",
            "Vad betyder det för statistiken över riskbedömningar (övning 5) att bedömare är oense om samma ärende?",
            "Efter det levande testet: var ni mer eller mindre överens än deltagarna i rapporten?",
        ),
    ]


def ex7(a: Answers) -> list[str]:
    options = "\n".join(f"- **{k})** {v}" for k, v in ex.GOAL_OPTIONS.items())
    return [
        title(7, """
            I samstämmighetstestet formulerade socialsekreterarna mål med insatsen för Jamila. Rapporten (§3.3):
            "Gemensamt för samtliga målformuleringar var avsaknad av utgångsläge, det vill säga information om när
            och hur ofta Jamila utsatts för våld … Detta gör det svårt att sätta mål utifrån vilken förändring som
            ska ske genom insatsen och vad 'uppnått' mål innebär." Alla deltagande kommuner efterfrågade stöd i att
            formulera konkreta och mätbara mål (§4.1).
            """,
              "de fyra delarna i ett mål som går att följa upp: utgångsläge, antal eller frekvens, tidsram och vem "
              "som observerar.", 30),
        md("## Välj vinjett och svar\n\nSom i övning 6: efter det levande testet kan ni skriva svarsmappen i `SVARSMAPP` och läsa era egna mål."),
        code("""
            VINJETT = "jamila"  # prova också "tobias"
            SVARSMAPP = None    # efter det levande testet t.ex. "../notebooks/workshop/svar"
            """),
        code("""
            # Förberedelser: kör den här cellen.
            import pandas as pd
            from IPython.display import Markdown
            from webbkollen_lib.teaching.exercises import check, goal_table, vignette_ratings, vignette_text

            pd.set_option("display.max_colwidth", None)
            mal = vignette_ratings(VINJETT, SVARSMAPP)["mal"]
            Markdown(vignette_text(VINJETT))
            """),
        md("## Målen som bedömarna skrev"),
        code('goal_table(mal)[["Mål"]]'),
        *task(a, "uppgift_7_1", """
            Hur många av målen anger ett **utgångsläge** – hur det ser ut i dag, till exempel när och hur ofta
            något händer? Skriv antalet.
            """, data="mal"),
        md("""
            ## Fyra delar i ett mål som går att följa upp

            | Del | Frågan den svarar på | Exempel |
            |---|---|---|
            | Utgångsläge | Hur är det i dag? | "I dag berättar Jamila om slag ungefär en gång i veckan" |
            | Antal eller frekvens | Vad räknar vi? | "ingen gång", "högst en gång i månaden", "fyra dagar i veckan" |
            | Tidsram | När ska det vara nått? | "inom sex månader", "vid uppföljningen i juni" |
            | Vem som observerar | Vem ser eller mäter det? | "enligt förskolan", "föräldrarna för dagbok", "drogtester" |

            `goal_table` letar efter ord som brukar höra till varje del. Det är en **grov hjälp inför diskussionen,
            ingen bedömning**: ett mål kan ha alla delar och ändå vara ett dåligt mål, och ett bra mål med
            ovanliga ord kan missas.
            """),
        code("goal_table(mal)"),
        *task(a, "uppgift_7_2", f"""
            Vilket av målen nedan går att **följa upp**? Svara med bokstaven.

            {options}
            """, data=""),
        *task(a, "uppgift_7_3", """
            Skriv ett eget mål för Jamila med alla fyra delarna. Skriv texten inom citattecken:
            `svar_7_3 = "I dag … Inom … enligt …"`. Kontrollen visar vilka delar den hittar.
            """, data=""),
        discuss(
            "Jämför era mål två och två: vilken del var svårast att få med? Varför?",
            "Vem kan observera förändringen i era ärenden – och hur ofta får ni den informationen?",
            "Ett mål kan ha alla fyra delarna och ändå vara fel mål. Vad mer behövs (barnets och familjens "
            "delaktighet, att målet hänger ihop med utsattheten och riskbedömningen)?",
            "Hur skulle variabeln *måluppfyllelse vid avslut* bli mer meningsfull om alla mål hade ett utgångsläge?",
        ),
    ]


def ex8(a: Answers) -> list[str]:
    return [
        title(8, """
            Rapporten upprepar att resultaten ska tolkas med stor försiktighet (§2.1, §2.2, §4.2): kommunerna
            deltog frivilligt och alla ärenden registrerades inte, så data är **inte representativa**; det fanns
            **inget id**, så samma barn kan ha registrerats flera gånger; och många grupper är **små**. När
            siffror lämnar huset – till exempel till socialnämnden – får inga tal vara så små att ett barn kan
            pekas ut (**röjandekontroll**).
            """,
              "fyra fallgropar att tänka på innan man drar slutsatser eller visar siffror för andra.", 30),
        code("""
            # Förberedelser: kör den här cellen först.
            from webbkollen_lib import load_cases, protect_table
            from webbkollen_lib import crosstab, summary_table
            from webbkollen_lib.teaching.exercises import check, count_table, show

            fall = load_cases()
            """),
        md("""
            ## Registreringar, inte barn

            Webbkollen registrerade en rad per insats, utan personnummer eller annat id – av hänsyn till
            sekretess och personuppgifter (§2.1).
            """),
        code('show(summary_table(fall, ["tillfalle", "kon"]))'),
        *task(a, "uppgift_8_1", f"""
            Data har en rad per registrering. Hur många **barn** handlar det om?

            {choices("uppgift_8_1")}
            """, data=""),
        md("""
            ## Små tal

            Riskbedömningen vid beslut per kön och ursprung (rapportens tabell 5). Antalet barn i varje grupp står
            i radrubriken (n = …). Rapporten: "hög risk" bedömdes för en större andel av de utlandsfödda flickorna
            än för övriga barn.
            """),
        code('crosstab(fall, "risk_beslut", by="kon_ursprung")'),
        *task(a, "uppgift_8_2", "Hur många **utlandsfödda flickor** har en känd riskbedömning vid beslut? Skriv antalet."),
        *task(a, "uppgift_8_3", """
            Om **en enda** av de utlandsfödda flickorna hade bedömts annorlunda – hur mycket hade andelen med hög
            risk i den gruppen ändrats? Svara som andel (decimaltal), till exempel `0.02` för 2 procentenheter.
            """),
        md("""
            ## Röjandekontroll: tabeller som går till nämnden

            Här är antalet insatser per kommun och orsak till avslut. Ett litet tal – en eller ett par insatser i en
            liten kommun – kan räcka för att någon känner igen barnet. `protect_table` döljer tal från 1 till
            `MIN_CELL − 1` och sätter `x` i stället. Den döljer också de tal som de små talen annars kunde räknas
            fram ur, med hjälp av summorna.
            """),
        code("""
            antal = count_table(fall, "avslutsorsak", by="kommun")
            antal
            """),
        code("""
            MIN_CELL = 5  # prova 3 eller 10 och kör cellerna igen
            skyddad = protect_table(antal, min_cell=MIN_CELL)
            skyddad
            """),
        *task(a, "uppgift_8_4", "Hur många tal i den **skyddade** tabellen (under *Antal*, också summorna) visas som `x`?",
              min_cell="MIN_CELL"),
        *task(a, "uppgift_8_5", f"""
            Kan resultaten sägas gälla för barn med insatser i hela Sverige?

            {choices("uppgift_8_5")}
            """, data=""),
        discuss(
            "Hur skulle ni skriva en mening om målgruppen så att det framgår att det är insatser, inte barn, som räknas?",
            "Vilka grupper i er verksamhet är så små att procenttalen hoppar när ett enda barn ändras?",
            "Vilka tabeller visar ni i dag för nämnden? Skulle något tal där kunna peka ut ett barn?",
            "Vad behövs för att era egna data ska bli mer representativa för verksamheten (till exempel att alla "
            "avslutade insatser registreras)?",
        ),
    ]


def ex9(a: Answers) -> list[str]:
    return [
        title(9, """
            I webbportalen kunde varje kommun jämföra sitt resultat med alla deltagande kommuners sammantagna
            resultat (§2.1). Deltagarna tyckte att det var värdefullt att jämföra sig med andra (§4.1). Här gör du
            samma jämförelse – och ser när en kommun har för få registreringar för en egen rapport.
            """,
              "att läsa ett jämförelsediagram och veta när siffrorna är för få för att redovisas.", 20),
        md("## Välj kommun\n\nByt kommunen i cellen nedan (till exempel `\"Tidaholm\"`) och kör sedan alla celler igen: menyn *Run → Run All Cells*."),
        code('KOMMUN = "Umeå"  # "Hammarö", "Majorna-Linné", "Sollentuna", "Solna", "Södermalm", "Tidaholm", "Täby" eller "Umeå"'),
        code("""
            # Förberedelser: kör den här cellen.
            %matplotlib inline
            from webbkollen_lib import load_cases
            from webbkollen_lib.teaching.exercises import check
            from webbkollen_lib.plots import plot_municipality_vs_all

            fall = load_cases()
            """),
        md("## Orsak till avslut: din kommun och alla deltagare\n\nDen mörka stapeln är din kommun, den ljusa alla deltagare (också din kommun). Antalet står i förklaringen."),
        code('plot_municipality_vs_all(fall, "avslutsorsak", KOMMUN)'),
        *task(a, "uppgift_9_1", "Hur stor andel av insatserna i **din kommun** avslutades med att målet var uppnått? Svara med ett decimaltal.",
              kommun="KOMMUN"),
        *task(a, "uppgift_9_2", f"""
            Är andelen med uppnått mål i din kommun högre eller lägre än bland alla deltagare?

            {choices("uppgift_9_2")}
            """, kommun="KOMMUN"),
        md("""
            ## Räcker det för en egen rapport?

            En rapport per kommun delas upp på kön, ålder, risk och mycket annat. Med få registreringar blir
            nästan varje tal så litet att det måste döljas. Paketets gräns är 20 registreringar. Antalet per kommun:
            """),
        code('fall["kommun"].value_counts()'),
        *task(a, "uppgift_9_3", f"""
            Kan din kommun få en egen rapport utan risk att enskilda barn pekas ut?

            {choices("uppgift_9_3")}
            """, kommun="KOMMUN"),
        discuss(
            "Vilka förklaringar kan det finnas till att en kommun skiljer sig från alla deltagare, förutom att "
            "arbetet fungerar bättre eller sämre?",
            "Vilken jämförelse skulle vara mest användbar för er: med andra kommuner, med er själva förra året, "
            "eller mellan era egna enheter?",
            "Hur skulle ni göra med en liten kommun eller enhet som vill följa upp sitt arbete?",
        ),
    ]


BUILDERS = {1: ex1, 2: ex2, 3: ex3, 4: ex4, 5: ex5, 6: ex6, 7: ex7, 8: ex8, 9: ex9}


def write_notebook(path: Path, cells: list[str], prefix: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for i, text in enumerate(cells):
        if text.startswith("md-solution:"):
            cell = nbformat.v4.new_markdown_cell(text[len("md-solution:"):].strip("\n"))
            cell.metadata["tags"] = ["solution"]
        elif text.startswith("md:"):
            cell = nbformat.v4.new_markdown_cell(text[3:].strip("\n"))
        elif text.startswith("solution:"):
            cell = nbformat.v4.new_code_cell(text[len("solution:"):].strip("\n"))
            cell.metadata["tags"] = ["solution"]
        else:
            cell = nbformat.v4.new_code_cell(text.strip("\n"))
        cell["id"] = f"{prefix}-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", help="registrations file for the answers (default: the shipped data)")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    ratings = ex.vignette_ratings("jamila")
    answers = Answers(cases, ratings, ratings["mal"])
    for n, builder in BUILDERS.items():
        stem = ex.EXERCISES[n][0]
        path = write_notebook(SOURCE_DIR / f"{stem}.ipynb", builder(answers), f"ex{n:02d}")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
