"""Exercise 1: Beskriva målgruppen.

*Describing the target group.*
The tasks of ``exercises/01_malgruppen.ipynb``, with the hints they give.
"""

from __future__ import annotations

from webbkollen_lib.teaching.exercises.answers import count, freq, label, pct, report_figure, share
from webbkollen_lib.teaching.exercises.checking import Mistake, Task

NUMBER = 1
NOTEBOOK = "01_malgruppen"
TITLE = ("Beskriva målgruppen", "Describing the target group")


def _t1_1(ctx):
    return count(ctx, "kon", "flicka")


def _t1_2(ctx):
    return share(ctx, "ursprung", "sverige", dropna=False)


def _t1_3(ctx):
    ft = freq(ctx, "aldersgrupp").dropna(subset=["category"])
    best = ft["n"].max()
    return {_AGE_LETTERS[c] for c in ft.loc[ft["n"].eq(best), "category"]}


_AGE_LETTERS = {"0_6": "a", "7_12": "b", "13_18": "c", "over_18": "d"}


def _age_hint(letter):
    code = {v: k for k, v in _AGE_LETTERS.items()}[letter]

    def hint(ctx):
        ft = freq(ctx, "aldersgrupp").dropna(subset=["category"])
        mine = int(ft.loc[ft["category"].eq(code), "n"].iloc[0])
        top = ft.loc[ft["n"].idxmax()]
        return (
            f"Åldersgruppen {label('aldersgrupp', code)} har {mine} registreringar, men "
            f"{top['label']} har {int(top['n'])}. Titta på kolumnen med n (%) i tabellen."
        )

    return hint


def _t1_4(ctx):
    return share(ctx, "ensamkommande", True, by="ursprung", group="utlandet")


TASKS: dict[str, Task] = {t.id: t for t in (
    Task(
        "uppgift_1_1", "Hur många av de avslutade insatserna gällde flickor?", "count", _t1_1,
        mistakes=(
            Mistake(lambda c: count(c, "kon", "pojke"), "Det där är antalet pojkar. Titta på raden Flicka."),
            Mistake(lambda c: len(c.data), "Det är antalet registreringar totalt. Frågan gäller bara flickorna."),
            Mistake(lambda c: share(c, "kon", "flicka", dropna=False),
                    "Det är andelen flickor. Frågan gäller antalet: talet före parentesen."),
            Mistake(lambda c: 100 * share(c, "kon", "flicka", dropna=False),
                    "Det är andelen flickor i procent. Frågan gäller antalet: talet före parentesen."),
        ),
        hint="Läs av raden Flicka under Kön: talet före parentesen är antalet.",
        explain=lambda c: f"{_t1_1(c)} av {len(c.data)} registreringar gällde flickor.",
    ),
    Task(
        "uppgift_1_2", "Hur stor andel av alla registreringar gällde barn födda i Sverige (som i rapportens tabell 3)?",
        "share", _t1_2,
        mistakes=(
            Mistake(lambda c: share(c, "ursprung", "sverige", dropna=True),
                    lambda c: f"Du har räknat bort de {int(freq(c, 'ursprung')['n_missing'].iloc[0])} registreringar där ursprunget saknas "
                              f"ur nämnaren. Här ska nämnaren vara alla {len(c.data)}, som i rapportens tabell 3 "
                              "(där svensk- och utlandsfödda därför inte summerar till 100 %)."),
            Mistake(lambda c: share(c, "ursprung", "utlandet", dropna=False),
                    "Det är andelen födda utomlands. Frågan gäller barn födda i Sverige."),
            Mistake(lambda c: count(c, "ursprung", "sverige"),
                    "Det är antalet. Frågan gäller andelen: dela antalet med alla registreringar."),
        ),
        hint="Läs av raden Född i Sverige: procenttalet inom parentes är andelen av alla registreringar.",
        explain=lambda c: f"{pct(_t1_2(c))} av alla registreringar gällde barn födda i Sverige.",
    ),
    Task(
        "uppgift_1_3", "Vilken åldersgrupp är störst?", "choice", _t1_3,
        choices={"a": "0–6 år", "b": "7–12 år", "c": "13–18 år", "d": "Över 18 år"},
        choice_hints={letter: _age_hint(letter) for letter in "abcd"},
        concept="Störst betyder flest registreringar: jämför antalen i åldersgrupperna med varandra.",
        where="Titta i tabellen under Åldersgrupp: talet före parentesen är antalet i varje grupp.",
        explain="Det stämmer med tabellen: jämför antalen under Åldersgrupp.",
    ),
    Task(
        "uppgift_1_4", "Av barnen födda utomlands: hur stor andel var ensamkommande?", "share", _t1_4,
        mistakes=(
            Mistake(lambda c: share(c, "ensamkommande", True, dropna=False),
                    lambda c: "Du har delat med alla registreringar. Frågan gäller bara barnen födda utomlands, så "
                              f"nämnaren är antalet utlandsfödda (rapporten: {report_figure('t3_ensamk_n')} av "
                              f"{report_figure('t3_utlandet_n')})."),
            Mistake(lambda c: count(c, "ensamkommande", True),
                    "Det är antalet ensamkommande. Frågan gäller andelen av de utlandsfödda."),
            Mistake(lambda c: share(c, "ensamkommande", False, by="ursprung", group="utlandet"),
                    "Det är andelen som inte var ensamkommande."),
        ),
        hint="Titta i kolumnen för Född utomlands, raden Ensamkommande barn.",
        explain=lambda c: f"{pct(_t1_4(c))} av de utlandsfödda barnen var ensamkommande.",
    ),
)}
