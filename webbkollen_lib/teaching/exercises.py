"""Check functions for the workshop exercises in ``exercises/``.

Each task of an exercise notebook ends with a cell such as::

    check("uppgift_1_2", svar_1_2, fall);

:func:`check` works out the expected answer **from the data it is given**
with the library (``frequency_table``, ``transition_table``, ``protect_table``,
…), never from a stored number, so the checks stay right when the synthetic
data are regenerated or when a trainer runs the exercises on a municipality's
own export. It compares the answer with a tolerance that allows for reading
rounded percentages off a table, and on a wrong answer it tries to recognise
the likely mistake and says so in Swedish:

* the wrong denominator (missing answers counted in, all registrations
  instead of one group, a row share read instead of a column share);
* a count where a share was asked for, or a percentage where a proportion
  was asked for (``57`` instead of ``0.57``), or a decimal comma
  (``0,57`` is two numbers in Python);
* two groups or two occasions swapped (decision vs closure, girls vs boys);
* one cell of a table where several had to be added.

:func:`check` shows the feedback (HTML with ✔/✘ in a notebook, plain text
elsewhere) and returns True or False. An answer left as ``...`` gives a
friendly "Du har inte svarat än" and never raises. With the environment
variable ``WEBBKOLLEN_STRICT_CHECKS=1`` a wrong or missing answer raises
AssertionError with the hint instead; the tests set it when they run the
solution notebooks.

:func:`evaluate` is the same without side effects (it returns a
:class:`Feedback`), :func:`expected_answer` gives the right answer and
:func:`anticipated_mistakes` the wrong answers each task recognises, with the
hint each gets (the tests feed them back to :func:`evaluate`).

The free-text task (formulating a measurable goal) is checked by
:func:`goal_elements`, a keyword search for the four elements of a goal that
can be followed up: a baseline ("i dag", "utgångsläge"), a number or
frequency, a time frame and who observes or how it is measured. It is a
rough aid for discussion, not grading: a goal can have every element and
still be a poor goal, and a good goal phrased in unusual words can be missed.
"""

from __future__ import annotations

import math
import numbers
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

__all__ = [
    "STRICT_ENV",
    "NOT_ANSWERED",
    "EXERCISES",
    "GOAL_ELEMENTS",
    "GOAL_OPTIONS",
    "Feedback",
    "check",
    "evaluate",
    "expected_answer",
    "anticipated_mistakes",
    "TASKS",
    "tasks",
    "name_options",
    "goal_elements",
    "goal_table",
    "vignette_ratings",
    "vignette_text",
    "agreement_overview",
    "checklist_overview",
    "count_table",
    "show",
]

#: Environment variable that turns a wrong or missing answer into an AssertionError.
STRICT_ENV = "WEBBKOLLEN_STRICT_CHECKS"

#: The message for an answer still left as ``...``.
NOT_ANSWERED = "Du har inte svarat än"

#: The exercises: number -> (file stem, Swedish title, English title).
EXERCISES = {
    1: ("01_malgruppen", "Beskriva målgruppen", "Describing the target group"),
    2: ("02_flickor_och_pojkar", "Jämföra flickor och pojkar", "Comparing girls and boys"),
    3: ("03_samtal_med_barnet", "Samtal med barnet vid beslut och vid avslut", "Talks with the child at decision and at closure"),
    4: ("04_riskforandring", "Läsa en övergångstabell: risk vid beslut och vid avslut", "Reading a transition table: risk at decision and at closure"),
    5: ("05_relativ_riskbedomning", "Varför riskskalan används relativt", "Why the risk scale is used relatively"),
    6: ("06_samstammighet", "Samstämmighet i en vinjett – och vad som skapar oenighet", "Agreement on a vignette, and what drives disagreement"),
    7: ("07_matbara_mal", "Mätbara mål med utgångsläge", "Measurable goals with a baseline"),
    8: ("08_tolka_med_forsiktighet", "Tolka med försiktighet", "Interpreting with care"),
    9: ("09_egen_kommun", "Din kommun jämfört med alla", "Your municipality compared with all"),
}

_SHARE_TOL = 0.006  # a percentage read off a table ("57 %") is within 0.005 of the share
_PERCENT_HINT = (
    "Det ser ut som att du har svarat i procent. Skriv andelen som ett decimaltal "
    "mellan 0 och 1: 57 % skrivs 0.57."
)
_DECIMAL_COMMA_HINT = (
    "I Python skrivs decimaltal med punkt: skriv 0.57, inte 0,57. Med komma blir det två tal, "
    "(0, 57)."
)


# ---------------------------------------------------------------------------
# feedback
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Feedback:
    """The outcome of checking one answer.

    Attributes
    ----------
    task : str
        Task id, e.g. ``"uppgift_1_2"``.
    status : {"right", "wrong", "unanswered", "error"}
        ``"error"``: the task cannot be checked on these data (a variable is
        missing, or nobody answered the question in a live test).
    message : str
        The headline ("Rätt!", "Inte riktigt.", "Du har inte svarat än").
    hint : str
        What to look at, or which mistake the answer looks like.
    details : DataFrame, optional
        A table to show below the message (the goal check's elements).
    """

    task: str
    status: str
    message: str
    hint: str = ""
    details: pd.DataFrame | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        return self.status == "right"

    @property
    def title(self) -> str:
        return _task_title(self.task)

    def text(self) -> str:
        """Plain-text form, as shown outside a notebook."""
        mark = {"right": "✔", "wrong": "✘", "unanswered": "…", "error": "!"}[self.status]
        lines = [f"{mark} {self.title}: {self.message}"]
        if self.hint:
            lines.append(f"  {self.hint}")
        if self.details is not None:
            lines.append(self.details.to_string())
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        colour, mark = {
            "right": ("#1a7f37", "✔"),
            "wrong": ("#b42318", "✘"),
            "unanswered": ("#6e7781", "…"),
            "error": ("#9a6700", "!"),
        }[self.status]
        hint = f"<div style='margin-top:4px'>{_html(self.hint)}</div>" if self.hint else ""
        details = self.details.to_html(escape=True) if self.details is not None else ""
        return (
            f"<div style='border-left:4px solid {colour};padding:6px 10px;margin:4px 0'>"
            f"<span style='color:{colour};font-weight:bold;font-size:1.2em'>{mark}</span> "
            f"<b>{_html(self.title)}:</b> {_html(self.message)}{hint}{details}</div>"
        )


def _html(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def _task_title(task_id: str) -> str:
    m = re.fullmatch(r"uppgift_(\d+)_(\d+)", task_id)
    return f"Uppgift {m.group(1)}.{m.group(2)}" if m else task_id


# ---------------------------------------------------------------------------
# tasks
# ---------------------------------------------------------------------------


class _Ctx:
    """The data and options a task is checked against, with a memo for library results."""

    def __init__(self, data, options: dict):
        self.data = data
        self.options = options
        self._memo: dict = {}

    def memo(self, key, fn):
        if key not in self._memo:
            self._memo[key] = fn()
        return self._memo[key]

    def opt(self, name, default=None):
        return self.options.get(name, default)


class _Unavailable(Exception):
    """The expected answer cannot be worked out from these data."""


@dataclass(frozen=True)
class Mistake:
    """A likely wrong answer (worked out from the data) and the hint it gets."""

    value: Callable[[_Ctx], Any]
    hint: str | Callable[[_Ctx], str]


@dataclass(frozen=True)
class Task:
    """One task: what is asked, how the answer is worked out, which mistakes are recognised.

    ``kind`` is ``share`` (a proportion 0–1), ``count`` (a whole number),
    ``number`` (any number, ``tolerance`` given), ``points`` (percentage
    points), ``choice`` (a letter), ``name`` (a code or label from a list) or
    ``goal`` (free text).
    """

    id: str
    question: str
    kind: str
    expected: Callable[[_Ctx], Any] | Any
    data: str = "cases"  # what the default data are: cases, ratings, goals or none
    mistakes: tuple[Mistake, ...] = ()
    hint: str | Callable[[_Ctx], str] = ""
    explain: str | Callable[[_Ctx], str] = ""
    tolerance: float | None = None
    choices: dict = field(default_factory=dict)  # choice: letter -> text
    choice_hints: dict = field(default_factory=dict)  # choice: letter -> hint
    names: Callable[[_Ctx], dict] | None = None  # name: code -> label
    name_hint: Callable[[_Ctx, str], str] | None = None

    @property
    def exercise(self) -> int:
        return int(self.id.split("_")[1])

    @property
    def tol(self) -> float:
        if self.tolerance is not None:
            return self.tolerance
        return {"share": _SHARE_TOL, "count": 0.0, "points": 1.01}.get(self.kind, 1e-9)


def _resolve(value, ctx: _Ctx):
    return value(ctx) if callable(value) else value


# -- small library calls, memoised per check ---------------------------------


def _freq(ctx: _Ctx, variable: str, *, by=None, dropna=True) -> pd.DataFrame:
    from webbkollen_lib.analysis.descriptive import frequency_table

    return ctx.memo(("freq", variable, by, dropna), lambda: frequency_table(ctx.data, variable, by=by, dropna=dropna, ci=None))


def _row(frame: pd.DataFrame, category, group=None) -> pd.Series:
    rows = frame[frame["category"].eq(category) if category is not None else frame["category"].isna()]
    if group is not None:
        rows = rows[rows["group"].eq(group)]
    if len(rows) != 1:
        raise _Unavailable(f"hittar inte kategorin {category!r}" + (f" i gruppen {group!r}" if group else ""))
    return rows.iloc[0]


def _share(ctx, variable, category, *, group=None, by=None, dropna=True) -> float:
    return float(_row(_freq(ctx, variable, by=by, dropna=dropna), category, group)["share"])


def _n(ctx, variable, category, *, group=None, by=None) -> int:
    return int(_row(_freq(ctx, variable, by=by), category, group)["n"])


def _pct(share, decimals: int = 0) -> str:
    from webbkollen_lib.core.formatting import format_percent

    return format_percent(share, decimals)


def _report(figure_id: str) -> str:
    """A figure the report publishes, as the report prints it, read from ``data/reference/``."""
    from webbkollen_lib.core.formatting import format_count, format_number

    row = _published_figures().loc[figure_id]
    if row["unit"] == "percent":
        return f"{format_count(row['published'])} %"
    if row["unit"] == "mean":
        return format_number(row["published"], 2)
    return format_count(row["published"])


def _published_figures():
    from webbkollen_lib.systems.webbkollen.reference import load_published_figures

    return load_published_figures().set_index("id")


def _num(value, decimals: int = 2) -> str:
    from webbkollen_lib.core.formatting import format_number

    return format_number(value, decimals)


def _label(variable: str, code) -> str:
    from webbkollen_lib.core.codebook import get_codebook

    cb = get_codebook()
    try:
        return cb[variable].code_labels("sv").get(code, str(code))
    except KeyError:
        return str(code)


# ---------------------------------------------------------------------------
# exercise 1: describing the target group
# ---------------------------------------------------------------------------


def _t1_1(ctx):
    return _n(ctx, "kon", "flicka")


def _t1_2(ctx):
    return _share(ctx, "ursprung", "sverige", dropna=False)


def _t1_3(ctx):
    ft = _freq(ctx, "aldersgrupp").dropna(subset=["category"])
    best = ft["n"].max()
    return {_AGE_LETTERS[c] for c in ft.loc[ft["n"].eq(best), "category"]}


_AGE_LETTERS = {"0_6": "a", "7_12": "b", "13_18": "c", "over_18": "d"}


def _age_hint(letter):
    code = {v: k for k, v in _AGE_LETTERS.items()}[letter]

    def hint(ctx):
        ft = _freq(ctx, "aldersgrupp").dropna(subset=["category"])
        mine = int(ft.loc[ft["category"].eq(code), "n"].iloc[0])
        top = ft.loc[ft["n"].idxmax()]
        return (
            f"Åldersgruppen {_label('aldersgrupp', code)} har {mine} registreringar, men "
            f"{top['label']} har {int(top['n'])}. Titta på kolumnen med n (%) i tabellen."
        )

    return hint


def _t1_4(ctx):
    return _share(ctx, "ensamkommande", True, by="ursprung", group="utlandet")


# ---------------------------------------------------------------------------
# exercise 2: girls and boys
# ---------------------------------------------------------------------------


def _sbg(ctx, variable, by, category=None) -> pd.DataFrame:
    from webbkollen_lib.analysis.comparisons import share_by_group

    return ctx.memo(("sbg", variable, by, category), lambda: share_by_group(ctx.data, variable, by=by, category=category, ci=None))


def _sbg_value(ctx, variable, by, group, column="share", category=None):
    t = _sbg(ctx, variable, by, category)
    rows = t[t["group"].eq(group)]
    if len(rows) != 1:
        raise _Unavailable(f"gruppen {group!r} finns inte i data")
    return float(rows.iloc[0][column])


def _t2_1(ctx):
    return _sbg_value(ctx, "hem_familjekonflikt", "kon", "flicka")


def _t2_1_of_all(ctx):
    return _sbg_value(ctx, "hem_familjekonflikt", "kon", "flicka", "n") / len(ctx.data)


def _t2_1_girls_among_cases(ctx):
    t = _sbg(ctx, "hem_familjekonflikt", "kon")
    return float(t.loc[t["group"].eq("flicka"), "n"].sum() / t["n"].sum())


def _compare_count(ctx, test):
    from webbkollen_lib.analysis.comparisons import compare_groups

    frame = ctx.memo(("cg", test), lambda: compare_groups(ctx.data, "antal_utsatthet", by="kon", test=test))
    return frame.iloc[0]


def _t2_2(ctx):
    row = _compare_count(ctx, "welch")
    return float(row["estimate_flicka"] - row["estimate_pojke"])


def _t2_3(ctx):
    return "a" if _compare_count(ctx, "mannwhitney")["p"] < 0.05 else "b"


def _t2_3_hint(ctx):
    from webbkollen_lib.core.formatting import format_p

    p = _compare_count(ctx, "mannwhitney")["p"]
    return (
        f"Titta på kolumnen p-värde: p = {format_p(p)}. Är p mindre än 0,05 säger man att skillnaden är "
        "statistiskt säkerställd på 5 %-nivån; är p större kan skillnaden lika gärna bero på slumpen."
    )


# ---------------------------------------------------------------------------
# exercise 3: talks with the child
# ---------------------------------------------------------------------------

_TALK_BEFORE, _TALK_AFTER = "samtal_enskilt_beslut", "samtal_enskilt_avslut"
_SEX_ORIGIN_LETTERS = {"sverige_flicka": "a", "sverige_pojke": "b", "utlandet_flicka": "c", "utlandet_pojke": "d"}


def _t3_1(ctx):
    return _share(ctx, _TALK_BEFORE, True)


def _t3_2(ctx):
    return _share(ctx, _TALK_AFTER, True)


def _missing_hint(variable):
    def hint(ctx):
        ft = _freq(ctx, variable)
        n_missing = int(ft["n_missing"].iloc[0])
        return (
            f"Du har delat med alla {len(ctx.data)} registreringar, också de {n_missing} som saknar svar. "
            "Tabellen (och rapporten) räknar andelen av dem som har ett svar."
        )

    return hint


def _talk_by_group(ctx) -> pd.DataFrame:
    from webbkollen_lib.systems.webbkollen.derived import SEX_ORIGIN_LABELS

    def compute():
        rows = []
        for code in _SEX_ORIGIN_LETTERS:
            before = _share(ctx, _TALK_BEFORE, True, by="kon_ursprung", group=code)
            after = _share(ctx, _TALK_AFTER, True, by="kon_ursprung", group=code)
            rows.append({"group": code, "label": SEX_ORIGIN_LABELS["sv"][code], "before": before, "after": after})
        frame = pd.DataFrame(rows).set_index("group")
        frame["change"] = frame["after"] - frame["before"]
        return frame

    return ctx.memo("talk_by_group", compute)


def _t3_4(ctx):
    t = _talk_by_group(ctx).dropna(subset=["change"])
    best = t["change"].max()
    return {_SEX_ORIGIN_LETTERS[g] for g in t.index[np.isclose(t["change"], best)]}


def _t3_4_hint(letter):
    code = {v: k for k, v in _SEX_ORIGIN_LETTERS.items()}[letter]

    def hint(ctx):
        t = _talk_by_group(ctx)
        best = t["change"].idxmax()
        return (
            f"För {t.loc[code, 'label'].lower()} ändras andelen från {_pct(t.loc[code, 'before'])} till "
            f"{_pct(t.loc[code, 'after'])}, men för {t.loc[best, 'label'].lower()} från "
            f"{_pct(t.loc[best, 'before'])} till {_pct(t.loc[best, 'after'])}. Jämför de två raderna i varje kolumn."
        )

    return hint


# ---------------------------------------------------------------------------
# exercise 4: transition table
# ---------------------------------------------------------------------------


def _transitions(ctx, normalize=None) -> pd.DataFrame:
    from webbkollen_lib.analysis.change import transition_table

    return ctx.memo(("tt", normalize), lambda: transition_table(ctx.data, "risk_beslut", "risk_avslut", normalize=normalize))


def _changes(ctx) -> pd.DataFrame:
    from webbkollen_lib.analysis.change import change_summary

    return ctx.memo("cs", lambda: change_summary(ctx.data, "risk_beslut", "risk_avslut"))


def _t4_1(ctx):
    return int(_transitions(ctx).loc["hog"].sum())


def _t4_2(ctx):
    return float(_changes(ctx).loc["hog", "lower"])


def _t4_3(ctx):
    return float(_changes(ctx).loc["mycket_hog", "same"])


# ---------------------------------------------------------------------------
# exercise 5: relative risk assessment
# ---------------------------------------------------------------------------


def _t5_1(ctx):
    return _share(ctx, "risk_beslut", "ingen_lag") + _share(ctx, "risk_beslut", "nagot_forhojd")


def _table2(ctx):
    from webbkollen_lib.analysis.exposure_risk import exposure_by_risk

    return ctx.memo("table2", lambda: exposure_by_risk(ctx.data))


def _t5_2(ctx):
    shares = _table2(ctx).shares
    return float(shares.iloc[-2]["mycket_hog"])  # the last bin ("6 eller fler"); the last row is the total


def _t5_2_row_share(ctx):
    counts = _table2(ctx).counts
    row = counts.iloc[-2]
    return float(row["mycket_hog"] / row["total"])


def _risk_by_kommun(ctx):
    from webbkollen_lib.analysis.descriptive import crosstab

    return ctx.memo("risk_kommun", lambda: crosstab(ctx.data, "risk_beslut", by="kommun"))


def _kommun_names(ctx) -> dict:
    names = [k for k in pd.unique(ctx.data["kommun"].dropna().astype(str))]
    return {k: k for k in sorted(names)}


def _t5_3(ctx):
    shares = _risk_by_kommun(ctx).shares.drop(index="total")["ingen_lag"].dropna()
    return set(shares.index[np.isclose(shares, shares.max())])


def _t5_3_hint(ctx, answer):
    ct = _risk_by_kommun(ctx)
    shares = ct.shares.drop(index="total")["ingen_lag"]
    best = shares.idxmax()
    return (
        f"I {answer} bedömdes {_pct(shares[answer])} ha ingen/låg risk, men i {best} {_pct(shares[best])}. "
        "Titta i kolumnen Ingen/låg risk och jämför raderna."
    )


# ---------------------------------------------------------------------------
# exercise 6: agreement on a vignette
# ---------------------------------------------------------------------------


def _risk_counts(ctx) -> tuple[pd.Series, int]:
    """Counts per risk level among raters with a rating, and the number of raters in all."""
    from webbkollen_lib.core.codebook import get_codebook

    risk = ctx.data["risk"]
    levels = get_codebook()["risk"].categories
    counts = risk.astype(object).value_counts().reindex(levels, fill_value=0)
    if counts.sum() == 0:
        raise _Unavailable("ingen bedömare har gjort en riskbedömning ännu")
    return counts, len(risk)


def _t6_1(ctx):
    counts, _ = _risk_counts(ctx)
    return float(counts.max() / counts.sum())


def _t6_1_all_rows(ctx):
    counts, n_all = _risk_counts(ctx)
    return float(counts.max() / n_all)


def _overview(ctx) -> pd.DataFrame:
    return ctx.memo("overview", lambda: _agreement_numbers(ctx.data))


def _t6_2(ctx):
    value = _overview(ctx)["pairs"]
    if value is None or math.isnan(value):
        raise _Unavailable("det behövs minst två bedömare med en riskbedömning")
    return value


def _hem_shares(ctx) -> pd.Series:
    from webbkollen_lib.agreement.coefficients import checklist_shares
    from webbkollen_lib.core.codebook import get_codebook

    columns = [c for c in get_codebook()["hem"].columns if c in ctx.data.columns]
    answered = ctx.data[columns].notna().any(axis=1)
    if not columns or not answered.any():
        raise _Unavailable(
            "ingen bedömare har svarat på checklistan om utsatthet i hemmiljön "
            "(samstämmighetstest 1 – Assi och Max – frågade bara om risk; välj Jamila eller Tobias)"
        )
    return ctx.memo("hem", lambda: checklist_shares(ctx.data[answered], columns)["all"])


def _hem_names(ctx) -> dict:
    from webbkollen_lib.core.codebook import get_codebook

    var = get_codebook()["hem"]
    return {f"{var.prefix}{c.code}": c.label("sv") for c in var.codes}


def _t6_3(ctx):
    shares = _hem_shares(ctx).dropna()
    return set(shares.index[np.isclose(shares, shares.max())])


def _t6_3_hint(ctx, answer):
    shares = _hem_shares(ctx)
    names = _hem_names(ctx)
    best = shares.idxmax()
    return (
        f"'{names[answer]}' kryssades av {_pct(shares[answer])} av bedömarna, men '{names[best]}' av "
        f"{_pct(shares[best])}. Titta på kolumnen med andelar."
    )


# ---------------------------------------------------------------------------
# exercise 7: measurable goals
# ---------------------------------------------------------------------------

#: The elements of a measurable goal: id -> (name, what to add, regular expression).
GOAL_ELEMENTS = {
    "utgangslage": (
        "Utgångsläge",
        "hur det ser ut i dag, t.ex. 'I dag …' eller 'Utgångsläge: …'",
        r"\butgångsläge\w*|\bnuläge\w*|\bi ?dag\b|\bjust nu\b|\bför närvarande\b|\bhittills\b|"
        r"\bsenaste (veckan|veckorna|månaden|månaderna|halvåret|året)\b|\b(före|innan) insatsen\b|"
        r"\bvid beslut\w*\b|\bvid start\w*\b|\bbaslinje\w*\b",
    ),
    "matt": (
        "Antal eller frekvens",
        "något som går att räkna, t.ex. 'tre gånger i veckan', 'ingen gång', 'minst fyra dagar'",
        r"\bgång(er)?\b|\bper (dag|vecka|månad|år|termin)\b|\bi (veckan|månaden|året|terminen)\b|"
        r"\bvarje (dag|vardag|vecka|månad|morgon|kväll)\b|\bvarannan\b|\bdagligen\b|\bveckovis\b|\baldrig\b|"
        r"\bprocent\b|%|\b\d+ av \d+\b|\bpoäng\b|"
        r"\b(minst|högst|färre än|fler än|mer än|mindre än) (\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\b",
    ),
    "tid": (
        "Tidsram",
        "när målet ska vara nått, t.ex. 'inom sex månader' eller 'vid uppföljningen i juni'",
        r"\b(inom|om|efter|senast|till|före|innan|under|på) (de |den )?(\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|"
        r"nio|tio|elva|tolv|kommande|närmaste|nästa)\b[^.]{0,20}?\b(dag|dagar|vecka|veckor|veckorna|månad|"
        r"månader|månaderna|år|året|termin|terminen)\b|\bvid (nästa )?(uppföljning|avslut)\w*|"
        r"\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b|"
        r"\b20\d\d\b|\b(vår|höst)terminen\b|\b(under|till|före) (våren|hösten|sommaren|vintern)\b",
    ),
    "vem": (
        "Vem som observerar",
        "vem som ser eller mäter förändringen, t.ex. 'enligt förskolan', 'föräldrarna för dagbok', 'drogtester'",
        r"\benligt\b|\b(rapporter\w*|berättar för|skatta\w*|skattning\w*|observer\w*|registrer\w*|noter\w*|"
        r"dokumenter\w*|mäts|mäter|mäta|följs upp|följer upp|bedöms av|visas med|visas genom|dagbok\w*|"
        r"anteckning\w*|drogtest\w*|urinprov\w*|närvaro\w*|frånvaro\w*)\b",
    ),
}

_GOAL_PATTERNS = {key: re.compile(pattern, re.IGNORECASE) for key, (_, _, pattern) in GOAL_ELEMENTS.items()}

#: The four goals of task 7.2; exactly one has every element of :data:`GOAL_ELEMENTS`.
GOAL_OPTIONS = {
    "a": "Våldet ska upphöra.",
    "b": "Inom sex månader ska Jamila må bättre och föräldrarna vara tryggare i sin föräldraroll.",
    "c": (
        "I dag berättar Jamila för förskolan ungefär en gång i veckan att pappa har slagit henne. Inom sex "
        "månader ska hon inte ha berättat om något slag på tre månader, enligt förskolans anteckningar och "
        "samtal med Jamila vid varje uppföljning."
    ),
    "d": "Föräldrarna ska gå på föräldrakurs två gånger i veckan under hösten.",
}


def goal_elements(text: str) -> dict[str, bool]:
    """Which elements of a measurable goal a text has (a keyword search; a rough aid).

    The elements (:data:`GOAL_ELEMENTS`) are those the report found missing
    (§3.3: "Gemensamt för samtliga målformuleringar var avsaknad av
    utgångsläge") plus what makes a change observable: a baseline, a number
    or frequency, a time frame, and who observes or how it is measured.
    Swedish keywords only; a good goal in other words can be missed.

    >>> goal_elements("Våldet ska upphöra.")
    {'utgangslage': False, 'matt': False, 'tid': False, 'vem': False}
    >>> goal_elements("I dag 3 gånger i veckan; inom sex månader ingen gång, enligt förskolan.")
    {'utgangslage': True, 'matt': True, 'tid': True, 'vem': True}
    """
    text = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    return {key: bool(pattern.search(text)) for key, pattern in _GOAL_PATTERNS.items()}


def goal_table(goals) -> pd.DataFrame:
    """One row per goal text with ✔/– for each element of :data:`GOAL_ELEMENTS` (missing goals left out)."""
    texts = [g for g in pd.Series(list(goals), dtype=object) if isinstance(g, str) and g.strip()]
    rows = []
    for t in texts:
        found = goal_elements(t)
        rows.append({"Mål": t, **{GOAL_ELEMENTS[k][0]: "✔" if v else "–" for k, v in found.items()}})
    columns = ["Mål"] + [name for name, _, _ in GOAL_ELEMENTS.values()]
    return pd.DataFrame(rows, columns=columns)


def _goal_texts(ctx) -> list[str]:
    data = ctx.data
    if isinstance(data, pd.DataFrame):
        if "mal" not in data.columns:
            raise _Unavailable("data har ingen kolumn 'mal' med målformuleringar")
        data = data["mal"]
    return [g for g in pd.Series(list(data), dtype=object) if isinstance(g, str) and g.strip()]


def _t7_1(ctx):
    texts = _goal_texts(ctx)
    if not texts:
        raise _Unavailable("det finns inga målformuleringar i data")
    return sum(goal_elements(t)["utgangslage"] for t in texts)


def _t7_2(ctx):
    return {k for k, t in GOAL_OPTIONS.items() if all(goal_elements(t).values())}


def _goal_option_hint(letter):
    def hint(ctx):
        missing = [GOAL_ELEMENTS[k][0].lower() for k, v in goal_elements(GOAL_OPTIONS[letter]).items() if not v]
        extra = " Det beskriver dessutom en aktivitet (att gå på kurs), inte en förändring för Jamila." if letter == "d" else ""
        return f"Mål {letter} saknar {_join(missing)}.{extra}"

    return hint


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


# ---------------------------------------------------------------------------
# exercise 8: interpreting with care
# ---------------------------------------------------------------------------


def _risk_by_sex_origin(ctx):
    from webbkollen_lib.analysis.descriptive import crosstab

    return ctx.memo("risk_so", lambda: crosstab(ctx.data, "risk_beslut", by="kon_ursprung"))


def _t8_2(ctx):
    return int(_risk_by_sex_origin(ctx).counts.loc["utlandet_flicka", "total"])


def _t8_2_all_girls_abroad(ctx):
    return _n(ctx, "kon_ursprung", "utlandet_flicka")


def _t8_3(ctx):
    n = _t8_2(ctx)
    if n == 0:
        raise _Unavailable("det finns inga utlandsfödda flickor med riskbedömning i data")
    return 1 / n


def _protected(ctx):
    from webbkollen_lib.disclosure import MIN_CELL, protect_table

    min_cell = ctx.opt("min_cell", MIN_CELL)
    return ctx.memo(("pt", min_cell), lambda: protect_table(count_table(ctx.data, "avslutsorsak", by="kommun"), min_cell))


def _t8_4(ctx):
    return _protected(ctx).n_masked


def _t8_4_primary(ctx):
    from webbkollen_lib.disclosure import MIN_CELL, primary_mask

    counts = count_table(ctx.data, "avslutsorsak", by="kommun")
    return int(np.asarray(primary_mask(counts, ctx.opt("min_cell", MIN_CELL))).sum())


# ---------------------------------------------------------------------------
# exercise 9: your municipality compared with all
# ---------------------------------------------------------------------------


def _kommun(ctx) -> str:
    kommun = ctx.opt("kommun")
    if kommun is None:
        raise _Unavailable("ange kommunen: check(..., kommun=KOMMUN)")
    present = set(ctx.data["kommun"].dropna().astype(str))
    if kommun not in present:
        raise _Unavailable(f"det finns inga registreringar från {kommun!r}; välj en av {', '.join(sorted(present))}")
    return kommun


def _local(ctx) -> pd.DataFrame:
    kommun = _kommun(ctx)
    return ctx.memo(("local", kommun), lambda: ctx.data.loc[(ctx.data["kommun"].astype(object) == kommun).to_numpy()])


def _goal_met(frame: pd.DataFrame, dropna: bool = True) -> float:
    from webbkollen_lib.analysis.descriptive import frequency_table

    ft = frequency_table(frame, "avslutsorsak", dropna=dropna, ci=None)
    return float(_row(ft, "mal_uppnatt")["share"])


def _t9_1(ctx):
    return _goal_met(_local(ctx))


def _t9_2(ctx):
    diff = _goal_met(_local(ctx)) - _goal_met(ctx.data)
    return "c" if abs(diff) < 0.05 else ("a" if diff > 0 else "b")


def _t9_2_hint(ctx):
    return (
        f"I {_kommun(ctx)} avslutades {_pct(_goal_met(_local(ctx)))} med att målet uppnåtts, bland alla deltagare "
        f"{_pct(_goal_met(ctx.data))}. Jämför den mörka och den ljusa stapeln för 'Målet med insatsen är uppnått'."
    )


def _t9_3(ctx):
    from webbkollen_lib.disclosure import too_few

    return "b" if too_few(len(_local(ctx))) else "a"


def _t9_3_hint(ctx):
    from webbkollen_lib.disclosure import min_registrations

    n = len(_local(ctx))
    limit = min_registrations()
    return (
        f"{_kommun(ctx)} har {n} registreringar. Gränsen för en egen rapport är {limit}: med färre blir nästan "
        "varje uppdelning så små tal att de måste döljas, och ett litet antal kan peka ut ett barn."
    )


# ---------------------------------------------------------------------------
# the task list
# ---------------------------------------------------------------------------

_PERCENT_NOTE = "Svara som ett decimaltal mellan 0 och 1, t.ex. 0.25."

_TASKS: tuple[Task, ...] = (
    # -- 1 ---------------------------------------------------------------------
    Task(
        "uppgift_1_1", "Hur många av de avslutade insatserna gällde flickor?", "count", _t1_1,
        mistakes=(
            Mistake(lambda c: _n(c, "kon", "pojke"), "Det där är antalet pojkar. Titta på raden Flicka."),
            Mistake(lambda c: len(c.data), "Det är antalet registreringar totalt. Frågan gäller bara flickorna."),
            Mistake(lambda c: _share(c, "kon", "flicka", dropna=False),
                    "Det är andelen flickor. Frågan gäller antalet: talet före parentesen."),
            Mistake(lambda c: 100 * _share(c, "kon", "flicka", dropna=False),
                    "Det är andelen flickor i procent. Frågan gäller antalet: talet före parentesen."),
        ),
        hint="Läs av raden Flicka under Kön: talet före parentesen är antalet.",
        explain=lambda c: f"{_t1_1(c)} av {len(c.data)} registreringar gällde flickor.",
    ),
    Task(
        "uppgift_1_2", "Hur stor andel av alla registreringar gällde barn födda i Sverige (som i rapportens tabell 3)?",
        "share", _t1_2,
        mistakes=(
            Mistake(lambda c: _share(c, "ursprung", "sverige", dropna=True),
                    lambda c: f"Du har räknat bort de {int(_freq(c, 'ursprung')['n_missing'].iloc[0])} registreringar där ursprunget saknas "
                              f"ur nämnaren. Här ska nämnaren vara alla {len(c.data)}, som i rapportens tabell 3 "
                              "(där svensk- och utlandsfödda därför inte summerar till 100 %)."),
            Mistake(lambda c: _share(c, "ursprung", "utlandet", dropna=False),
                    "Det är andelen födda utomlands. Frågan gäller barn födda i Sverige."),
            Mistake(lambda c: _n(c, "ursprung", "sverige"),
                    "Det är antalet. Frågan gäller andelen: dela antalet med alla registreringar."),
        ),
        hint="Läs av raden Född i Sverige: procenttalet inom parentes är andelen av alla registreringar.",
        explain=lambda c: f"{_pct(_t1_2(c))} av alla registreringar gällde barn födda i Sverige.",
    ),
    Task(
        "uppgift_1_3", "Vilken åldersgrupp är störst?", "choice", _t1_3,
        choices={"a": "0–6 år", "b": "7–12 år", "c": "13–18 år", "d": "Över 18 år"},
        choice_hints={letter: _age_hint(letter) for letter in "abcd"},
        explain="Det stämmer med tabellen: jämför antalen under Åldersgrupp.",
    ),
    Task(
        "uppgift_1_4", "Av barnen födda utomlands: hur stor andel var ensamkommande?", "share", _t1_4,
        mistakes=(
            Mistake(lambda c: _share(c, "ensamkommande", True, dropna=False),
                    lambda c: "Du har delat med alla registreringar. Frågan gäller bara barnen födda utomlands, så "
                              f"nämnaren är antalet utlandsfödda (rapporten: {_report('t3_ensamk_n')} av "
                              f"{_report('t3_utlandet_n')})."),
            Mistake(lambda c: _n(c, "ensamkommande", True),
                    "Det är antalet ensamkommande. Frågan gäller andelen av de utlandsfödda."),
            Mistake(lambda c: _share(c, "ensamkommande", False, by="ursprung", group="utlandet"),
                    "Det är andelen som inte var ensamkommande."),
        ),
        hint="Titta i kolumnen för Född utomlands, raden Ensamkommande barn.",
        explain=lambda c: f"{_pct(_t1_4(c))} av de utlandsfödda barnen var ensamkommande.",
    ),
    # -- 2 ---------------------------------------------------------------------
    Task(
        "uppgift_2_1", "Hur stor andel av flickorna hade 'Andra familjekonflikter' som identifierad utsatthet?",
        "share", _t2_1,
        mistakes=(
            Mistake(lambda c: _sbg_value(c, "hem_familjekonflikt", "kon", "pojke"),
                    "Det är pojkarnas andel. Titta i kolumnen för flickor."),
            Mistake(_t2_1_of_all,
                    "Du har delat med alla registreringar. Nämnaren ska vara flickorna: andelen av flickorna."),
            Mistake(_t2_1_girls_among_cases,
                    "Du har räknat hur stor andel av ärendena med familjekonflikt som gällde flickor. Det är en annan "
                    "fråga: här ska du dela med antalet flickor."),
            Mistake(lambda c: _sbg_value(c, "hem_familjekonflikt", "kon", "flicka", "n"),
                    "Det är antalet flickor med familjekonflikt. Frågan gäller andelen av flickorna."),
        ),
        hint="Titta i kolumnen för flickor, raden Andra familjekonflikter.",
        explain=lambda c: f"{_pct(_t2_1(c))} av flickorna, mot {_pct(_sbg_value(c, 'hem_familjekonflikt', 'kon', 'pojke'))} av pojkarna.",
    ),
    Task(
        "uppgift_2_2", "Hur många fler utsatthetsformer har flickor i genomsnitt än pojkar (flickor minus pojkar)?",
        "number", _t2_2, tolerance=0.11,
        mistakes=(
            Mistake(lambda c: -_t2_2(c), "Du har räknat pojkar minus flickor. Räkna flickornas medelvärde minus pojkarnas."),
            Mistake(lambda c: float(_compare_count(c, "welch")["estimate_flicka"]),
                    "Det är flickornas medelvärde. Frågan gäller skillnaden: flickornas minus pojkarnas."),
            Mistake(lambda c: float(_compare_count(c, "welch")["estimate_pojke"]),
                    "Det är pojkarnas medelvärde. Frågan gäller skillnaden: flickornas minus pojkarnas."),
            Mistake(lambda c: float(_compare_count(c, "mannwhitney")["estimate_flicka"] - _compare_count(c, "mannwhitney")["estimate_pojke"]),
                    "Det är skillnaden mellan medianerna. Frågan gäller medelvärdena (talet före parentesen)."),
        ),
        hint="Medelvärdet är talet före parentesen (inom parentes står standardavvikelsen). Ta flickornas minus pojkarnas.",
        explain=lambda c: f"Flickor har i genomsnitt {_num(_t2_2(c))} fler identifierade utsatthetsformer än pojkar "
                          f"(rapporten: {_report('e1_medel_flickor')} mot {_report('e1_medel_pojkar')}).",
    ),
    Task(
        "uppgift_2_3", "Är skillnaden i antal utsatthetsformer mellan flickor och pojkar statistiskt säkerställd på 5 %-nivån?",
        "choice", _t2_3,
        choices={"a": "Ja", "b": "Nej"},
        choice_hints={"a": _t2_3_hint, "b": _t2_3_hint},
        explain="Kom ihåg: statistiskt säkerställd betyder inte att skillnaden är stor eller viktig, bara att den "
                "knappast beror på slumpen – och bara om data är ett slumpmässigt urval, vilket de inte är här.",
    ),
    Task(
        "uppgift_2_4", "Varför avslutas insatser för utlandsfödda pojkar mer sällan med att målet uppnåtts?",
        "choice", "b", data="none",
        choices={
            "a": "Socialtjänsten arbetar sämre med utlandsfödda pojkar.",
            "b": "Många av dem är ensamkommande, och deras insatser avslutas oftare av andra skäl (t.ex. flytt).",
            "c": "Det är slumpen, eftersom gruppen är liten.",
        },
        choice_hints={
            "a": "Data säger inget om hur väl socialtjänsten arbetar. Byt grupp till 'ensamkommande' i cellen ovan och "
                 "se vad som händer med skillnaden.",
            "c": "Gruppen utlandsfödda pojkar är inte särskilt liten. Byt grupp till 'ensamkommande' i cellen ovan: "
                 "skillnaden följer med de ensamkommande barnen.",
        },
        explain="Rapporten förklarar skillnaden med att insatserna för ensamkommande i högre utsträckning avslutades "
                "utan att målet var uppfyllt. En tredje variabel (ensamkommande) ligger bakom skillnaden.",
    ),
    # -- 3 ---------------------------------------------------------------------
    Task(
        "uppgift_3_1", "Hur stor andel av barnen hade ett enskilt samtal vid beslut om insats (alla barn, de med svar)?",
        "share", _t3_1,
        mistakes=(
            Mistake(_t3_2, "Det är andelen vid avslut. Frågan gäller samtal vid beslut om insats (under utredningen)."),
            Mistake(lambda c: _share(c, _TALK_BEFORE, True, dropna=False), _missing_hint(_TALK_BEFORE)),
            Mistake(lambda c: _n(c, _TALK_BEFORE, True), "Det är antalet. Frågan gäller andelen."),
        ),
        hint="Titta i kolumnen Totalt, raden Enskilt samtal med barnet vid beslut om insats.",
        explain=lambda c: f"{_pct(_t3_1(c))} vid beslut (rapporten: {_report('s42_samtal_enskilt_beslut')}).",
    ),
    Task(
        "uppgift_3_2", "Hur stor andel av barnen hade ett enskilt samtal vid avslut av insatsen?",
        "share", _t3_2,
        mistakes=(
            Mistake(_t3_1, "Det är andelen vid beslut. Frågan gäller samtal vid avslut av insatsen."),
            Mistake(lambda c: _share(c, _TALK_AFTER, True, dropna=False), _missing_hint(_TALK_AFTER)),
            Mistake(lambda c: _n(c, _TALK_AFTER, True), "Det är antalet. Frågan gäller andelen."),
        ),
        hint="Titta i kolumnen Totalt, raden Enskilt samtal med barnet vid avslut av insats.",
        explain=lambda c: f"{_pct(_t3_2(c))} vid avslut (rapporten: {_report('s42_samtal_enskilt_avslut')}).",
    ),
    Task(
        "uppgift_3_3", "Hur många procentenheter lägre är andelen vid avslut än vid beslut?",
        "points", lambda c: 100 * (_t3_1(c) - _t3_2(c)),
        mistakes=(
            Mistake(lambda c: -100 * (_t3_1(c) - _t3_2(c)),
                    "Du har räknat avslut minus beslut. Frågan gäller hur mycket lägre: beslut minus avslut."),
            Mistake(lambda c: 100 * (1 - _t3_2(c) / _t3_1(c)),
                    "Du har räknat den relativa minskningen i procent (hur stor del av samtalen som försvann). "
                    "Frågan gäller skillnaden i procentenheter: andelen vid beslut minus andelen vid avslut."),
            Mistake(lambda c: _t3_1(c) - _t3_2(c),
                    "Svara i procentenheter: 25 procentenheter skrivs 25, inte 0.25."),
        ),
        hint="Ta procenten vid beslut minus procenten vid avslut, i kolumnen Totalt.",
        explain="Skillnaden mellan två procenttal kallas procentenheter. 57 % → 32 % är 25 procentenheter lägre, "
                "men 44 procent lägre räknat relativt.",
    ),
    Task(
        "uppgift_3_4", "I vilken grupp minskar andelen enskilda samtal minst från beslut till avslut (eller ökar)?",
        "choice", _t3_4,
        choices={"a": "Svenskfödda flickor", "b": "Svenskfödda pojkar", "c": "Utlandsfödda flickor", "d": "Utlandsfödda pojkar"},
        choice_hints={letter: _t3_4_hint(letter) for letter in "abcd"},
        explain="Titta också på gruppens storlek (N i kolumnrubriken): i en liten grupp flyttar ett enda barn "
                "andelen flera procentenheter.",
    ),
    # -- 4 ---------------------------------------------------------------------
    Task(
        "uppgift_4_1", "Hur många ärenden i tabellen hade hög risk vid beslut?", "count", _t4_1,
        mistakes=(
            Mistake(lambda c: int(_transitions(c)["hog"].sum()),
                    "Du har summerat kolumnen Hög risk: det är antalet med hög risk vid avslut. "
                    "Raderna är bedömningen vid beslut."),
            Mistake(lambda c: int(_transitions(c).loc["hog", "hog"]),
                    "Det är bara de som hade hög risk både vid beslut och vid avslut (en cell). Summera hela raden."),
            Mistake(lambda c: _n(c, "risk_beslut", "hog"),
                    "Du har räknat alla med hög risk vid beslut, också de som saknar bedömning vid avslut. Tabellen "
                    "bygger bara på ärenden med en bedömning vid båda tillfällena: summera raden i tabellen."),
        ),
        hint="Raderna är risken vid beslut. Summera hela raden Hög risk.",
        explain=lambda c: f"{_t4_1(c)} ärenden hade hög risk vid beslut och en bedömning även vid avslut.",
    ),
    Task(
        "uppgift_4_2", "Av ärendena med hög risk vid beslut: hur stor andel bedömdes ha lägre risk vid avslut?",
        "share", _t4_2,
        mistakes=(
            Mistake(lambda c: float(_transitions(c, "index").loc["hog", "nagot_forhojd"]),
                    "Du har bara tagit med en cell. Lägre risk än hög är både något förhöjd och ingen/låg: lägg ihop dem."),
            Mistake(lambda c: float(_changes(c).loc["hog", "same"]),
                    "Det är andelen som fick samma bedömning (hög) vid avslut."),
            Mistake(lambda c: float(_changes(c).loc["hog", "n_lower"] / _transitions(c).to_numpy().sum()),
                    "Du har delat med alla ärenden i tabellen. Nämnaren ska vara raden: de som hade hög risk vid beslut."),
            Mistake(lambda c: float(_changes(c).loc["hog", "n_lower"]), "Det är antalet. Frågan gäller andelen av raden."),
        ),
        hint="Gå till raden Hög risk. Lägg ihop andelarna i cellerna till vänster om diagonalen (lägre risk).",
        explain=lambda c: f"{_pct(_t4_2(c))} av dem med hög risk vid beslut hade lägre risk vid avslut (rapporten: {_report('f8_hog_lagre')}).",
    ),
    Task(
        "uppgift_4_3", "Av ärendena med mycket hög risk vid beslut: hur stor andel hade samma bedömning vid avslut?",
        "share", _t4_3,
        mistakes=(
            Mistake(lambda c: float(_transitions(c, "columns").loc["mycket_hog", "mycket_hog"]),
                    "Du har räknat andelen av kolumnen (de med mycket hög risk vid avslut). Frågan utgår från "
                    "bedömningen vid beslut: räkna andelen av raden."),
            Mistake(lambda c: float(_changes(c).loc["mycket_hog", "lower"]),
                    "Det är andelen som fick lägre risk vid avslut. Frågan gäller samma bedömning (diagonalen)."),
            Mistake(lambda c: int(_transitions(c).loc["mycket_hog", "mycket_hog"]),
                    "Det är antalet. Frågan gäller andelen av raden."),
        ),
        hint="Gå till raden Mycket hög risk och läs av cellen där kolumnen också är Mycket hög risk (diagonalen).",
        explain=lambda c: f"{_pct(_t4_3(c))} (rapporten: {_report('f8_mycket_hog_samma')}).",
    ),
    Task(
        "uppgift_4_4", "Vad visar övergångstabellen?", "choice", "b", data="none",
        choices={
            "a": "Att insatserna sänkte risken för barnen.",
            "b": "Hur bedömningen vid avslut förhåller sig till bedömningen vid beslut i samma ärende – inte varför den ändrades.",
            "c": "Att riskbedömningen är tillförlitlig, eftersom de flesta ändras åt samma håll.",
        },
        choice_hints={
            "a": "Tabellen har ingen jämförelsegrupp utan insats. Risken kan ha ändrats av andra skäl, bedömningarna "
                 "kan vara gjorda av olika personer, och en bedömning kan vara relativ (§3.3).",
            "c": "Att ändringarna går åt samma håll säger inget om tillförlitligheten. Samstämmighetstesterna (övning 6) "
                 "visade att olika socialsekreterare ofta bedömer samma ärende olika.",
        },
        explain="Tabellen beskriver förändring i bedömningen. Den kan väcka frågor om insatserna, men inte besvara om "
                "insatserna orsakade förändringen.",
    ),
    # -- 5 ---------------------------------------------------------------------
    Task(
        "uppgift_5_1", "Hur stor andel av ärendena bedömdes ha ingen/låg eller något förhöjd risk vid beslut?",
        "share", _t5_1,
        mistakes=(
            Mistake(lambda c: _share(c, "risk_beslut", "nagot_forhojd"),
                    "Det är bara Något förhöjd risk. Lägg till Ingen/låg risk."),
            Mistake(lambda c: _share(c, "risk_beslut", "ingen_lag"),
                    "Det är bara Ingen/låg risk. Lägg till Något förhöjd risk."),
            Mistake(lambda c: 1 - _t5_1(c), "Det är andelen med hög eller mycket hög risk. Frågan gäller de två lägsta nivåerna."),
            Mistake(lambda c: _share(c, "risk_beslut", "ingen_lag", dropna=False) + _share(c, "risk_beslut", "nagot_forhojd", dropna=False),
                    _missing_hint("risk_beslut")),
        ),
        hint="Lägg ihop andelarna för Ingen/låg risk och Något förhöjd risk (av dem med en känd bedömning).",
        explain=lambda c: f"{_pct(_t5_1(c))} – alltså en majoritet, fast man kunde vänta sig att de flesta ärenden "
                          "som leder till insats bedöms ha hög risk (§3.3).",
    ),
    Task(
        "uppgift_5_2", "Av ärendena med mycket hög risk vid beslut: hur stor andel hade 6 eller fler utsatthetsformer?",
        "share", _t5_2,
        mistakes=(
            Mistake(_t5_2_row_share,
                    "Du har räknat andelen av raden (bland ärenden med 6 eller fler utsatthetsformer, hur många som "
                    "hade mycket hög risk). Tabellen har kolumnprocent: varje riskkolumn summerar till 100 %."),
            Mistake(lambda c: float(_table2(c).shares.iloc[-2]["total"]),
                    "Det är andelen i kolumnen Totalt. Titta i kolumnen Mycket hög risk."),
        ),
        hint="Titta i kolumnen Mycket hög risk, raden 6 eller fler. Varje kolumn summerar till 100 %.",
        explain=lambda c: f"{_pct(_t5_2(c))} (rapporten: {_report('t2_mycket_hog_6_plus')}). Ju fler utsatthetsformer, desto högre bedömd risk.",
    ),
    Task(
        "uppgift_5_3", "Vilken kommun bedömde störst andel av sina ärenden som ingen/låg risk vid beslut?",
        "name", _t5_3, names=_kommun_names, name_hint=_t5_3_hint,
        hint="Titta i kolumnen Ingen/låg risk och leta upp den högsta procentsatsen.",
        explain="Skillnader mellan kommuner kan spegla olika målgrupper – men också att man bedömer relativt, i "
                "förhållande till de andra ärenden man har.",
    ),
    Task(
        "uppgift_5_4", "Vad menas med att riskbedömningen blir 'relativ'?", "choice", "b", data="none",
        choices={
            "a": "Att risk- och skyddsfaktorer vägs mot varandra enligt en fast skala.",
            "b": "Att ärendet jämförs med andra aktuella ärenden, så att samma barn kan bedömas lägre där många ärenden är tunga.",
            "c": "Att risken bedöms i förhållande till barnets ålder.",
        },
        choice_hints={
            "a": "Det är så skalan är tänkt att användas – motsatsen till en relativ bedömning.",
            "c": "Ålder spelar roll för bedömningen, men det är inte det rapporten menar med relativ bedömning.",
        },
        explain="Kommunerna beskrev att man jämförde med andra aktuella ärenden (§3.3). Skalan blir då ett mått på "
                "hur allvarligt ärendet är jämfört med verksamhetens övriga, inte på barnets risk.",
    ),
    # -- 6 ---------------------------------------------------------------------
    Task(
        "uppgift_6_1", "Hur stor andel av bedömarna (med en riskbedömning) valde den vanligaste bedömningen?",
        "share", _t6_1, data="ratings",
        mistakes=(
            Mistake(_t6_1_all_rows,
                    "Du har delat med alla bedömare, också dem som svarade 'inte känt' (raden Saknas). Räkna bara "
                    "dem som gjorde en bedömning. (Rapporten räknade Jamila på alla 16: 11 av 16 = 69 %.)"),
            Mistake(lambda c: float(_risk_counts(c)[0].max()),
                    "Det är antalet som valde den vanligaste bedömningen. Frågan gäller andelen."),
        ),
        hint="Ta antalet på den vanligaste nivån och dela med antalet som gjorde en bedömning (utan raden Saknas).",
        explain=lambda c: f"{_pct(_t6_1(c))} valde samma nivå. Resten valde något annat – i samma ärende.",
    ),
    Task(
        "uppgift_6_2", "Om två av bedömarna väljs på måfå: hur stor är chansen att de gjort samma riskbedömning?",
        "share", _t6_2, data="ratings",
        mistakes=(
            Mistake(_t6_1, "Det är andelen som valde den vanligaste nivån. Chansen att två bedömare är överens är "
                           "lägre: läs raden om par av bedömare."),
        ),
        hint="Läs av raden 'Andel par av bedömare som är överens' i översikten.",
        explain="Det är den okorrigerade överensstämmelsen (percent agreement) för ett enda ärende. För flera ärenden "
                "finns mått som korrigerar för slumpen (kappa, AC1, Krippendorffs alfa).",
    ),
    Task(
        "uppgift_6_3", "Vilken utsatthet i hemmiljön kryssade flest bedömare för?", "name", _t6_3, data="ratings",
        names=_hem_names, name_hint=_t6_3_hint,
        hint="Titta på tabellen med andelar per alternativ och välj det med högst andel.",
        explain="Där nästan alla kryssat samma alternativ är samstämmigheten hög; där hälften kryssat är den låg.",
    ),
    Task(
        "uppgift_6_4", "Vad skilde de bedömare som angav högre risk för Jamila från dem som angav lägre?",
        "choice", "b", data="none",
        choices={
            "a": "Hur många år de arbetat som socialsekreterare.",
            "b": "Om de tolkade det som hänt som fysiskt våld mot barnet eller som svårigheter att sätta gränser.",
            "c": "Vilken kommun de arbetade i.",
        },
        choice_hints={
            "a": "Erfarenhet kan spela in, men tabellen ovan visar något tydligare: jämför kryssen för fysiskt våld "
                 "med riskbedömningen.",
            "c": "Kommunen kan spela in (relativ bedömning), men tabellen ovan visar något tydligare: jämför kryssen "
                 "för fysiskt våld med riskbedömningen.",
        },
        explain="Rapporten (§3.3): de som angav ingen/låg risk skrev 'svårigheter i gränssättning', de som angav hög "
                "risk 'fysiskt våld mot barnet'. Samma information, olika tolkning.",
    ),
    # -- 7 ---------------------------------------------------------------------
    Task(
        "uppgift_7_1", "Hur många av målformuleringarna anger ett utgångsläge?", "count", _t7_1, data="goals",
        mistakes=(
            Mistake(lambda c: len(_goal_texts(c)),
                    "Det är antalet målformuleringar. Frågan gäller hur många av dem som säger hur det ser ut i dag."),
        ),
        hint="Ett utgångsläge beskriver hur det ser ut i dag (när, hur ofta), t.ex. 'I dag …'. Läs målen en gång till.",
        explain="Rapporten (§3.3): 'Gemensamt för samtliga målformuleringar var avsaknad av utgångsläge' för Jamila; "
                "för Tobias angav en av femton ett utgångsläge.",
    ),
    Task(
        "uppgift_7_2", "Vilket av målen går att följa upp?", "choice", _t7_2, data="none",
        choices=dict(GOAL_OPTIONS),
        choice_hints={letter: _goal_option_hint(letter) for letter in GOAL_OPTIONS},
        explain="Mål c säger hur det är i dag, hur ofta, till när och vem som ser det. Då går det att avgöra om "
                "målet är uppnått vid uppföljningen.",
    ),
    Task("uppgift_7_3", "Formulera ett mätbart mål med utgångsläge för Jamila.", "goal", None, data="none"),
    # -- 8 ---------------------------------------------------------------------
    Task(
        "uppgift_8_1", "Data har en rad per registrering. Hur många barn handlar det om?", "choice", "b", data="none",
        choices={
            "a": "Lika många barn som rader.",
            "b": "Högst lika många som rader – samma barn kan ha registrerats flera gånger, och det finns inget id att räkna barnen med.",
            "c": "Fler barn än rader, eftersom syskon räknas på samma rad.",
        },
        choice_hints={
            "a": "Webbkollen registrerade per insats, utan personnummer eller annat id (§2.1). Ett barn med två "
                 "insatser, eller som registrerats både vid uppföljning och avslut, finns på flera rader.",
            "c": "Varje registrering gäller ett barn och en insats; syskon registreras var för sig.",
        },
        explain="Dubbelregistrering: siffrorna gäller insatser, inte barn. Skriv 'insatser' eller 'registreringar', "
                "inte 'barn', när du redovisar.",
    ),
    Task(
        "uppgift_8_2", "Hur många utlandsfödda flickor har en känd riskbedömning vid beslut?", "count", _t8_2,
        mistakes=(
            Mistake(_t8_2_all_girls_abroad,
                    "Det är alla utlandsfödda flickor, också de utan riskbedömning. Tabellen räknar bara dem med "
                    "en känd bedömning: läs n på raden."),
            Mistake(lambda c: int(_risk_by_sex_origin(c).counts.loc["total", "total"]),
                    "Det är alla i tabellen. Läs n på raden Utlandsfödd flicka."),
        ),
        hint="Läs av n i radrubriken Utlandsfödd flicka (n = …).",
        explain="Så få barn gör att procenttalen i raden blir mycket osäkra.",
    ),
    Task(
        "uppgift_8_3", "Hur mycket ändras andelen 'hög risk' för utlandsfödda flickor om en enda flicka bedömts annorlunda?",
        "share", _t8_3, tolerance=0.006,
        mistakes=(
            Mistake(lambda c: 1 / int(_risk_by_sex_origin(c).counts.loc["total", "total"]),
                    "Du har delat med alla i tabellen. En flicka är en av flickorna: dela 1 med antalet utlandsfödda "
                    "flickor med känd riskbedömning."),
            Mistake(lambda c: 1 / _t8_2_all_girls_abroad(c),
                    "Du har delat med alla utlandsfödda flickor, också dem utan riskbedömning. Andelen räknas på dem "
                    "med en känd bedömning."),
        ),
        hint="En flicka av n flickor är 1/n av gruppen. Använd n från uppgift 8.2.",
        explain=lambda c: f"Ett enda barn flyttar andelen {_num(100 * _t8_3(c), 1)} procentenheter. Små grupper ger "
                          "stora hopp i procenttalen.",
    ),
    Task(
        "uppgift_8_4", "Hur många tal i den skyddade tabellen visas som x?", "count", _t8_4,
        mistakes=(
            Mistake(_t8_4_primary,
                    "Du har räknat de små talen (1–4) i den oskyddade tabellen. Fler tal döljs: annars kunde man räkna "
                    "fram de små talen ur summorna (sekundär röjandekontroll). Räkna x i den skyddade tabellen."),
        ),
        hint="Räkna alla x i den skyddade tabellen under Antal, också i raden och kolumnen Totalt.",
        explain="Ett litet tal kan peka ut ett barn. Därför döljs små tal – och de tal de kan räknas fram ur.",
    ),
    Task(
        "uppgift_8_5", "Kan resultaten sägas gälla för barn med insatser i hela Sverige?", "choice", "b", data="none",
        choices={
            "a": "Ja, fyrahundra ärenden är många.",
            "b": "Nej, kommunerna deltog frivilligt och alla ärenden registrerades inte, så vi vet inte hur representativa data är.",
            "c": "Ja, om skillnaderna är statistiskt säkerställda.",
        },
        choice_hints={
            "a": "Många ärenden ger mindre slumposäkerhet, men hjälper inte om urvalet är snedvridet: kommunerna "
                 "valde själva att delta och registrerade inte alla ärenden.",
            "c": "Ett signifikanstest förutsätter ett slumpmässigt urval. Det säger inget om hur representativa "
                 "kommunerna och ärendena är.",
        },
        explain="Rapporten betonar att resultaten ska tolkas med stor försiktighet: de är 'lärande exempel', inte "
                "representativa siffror (§2.2, §4.2).",
    ),
    # -- 9 ---------------------------------------------------------------------
    Task(
        "uppgift_9_1", "Hur stor andel av insatserna i din kommun avslutades med att målet var uppnått?", "share", _t9_1,
        mistakes=(
            Mistake(lambda c: _goal_met(c.data),
                    "Det är andelen för alla deltagare (den ljusa stapeln). Frågan gäller din kommun (den mörka)."),
            Mistake(lambda c: _goal_met(_local(c), dropna=False),
                    "Du har räknat med registreringar som saknar avslutsorsak i nämnaren. Diagrammet räknar andelen "
                    "av dem som har ett svar."),
        ),
        hint="Läs av den mörka stapeln för 'Målet med insatsen är uppnått'.",
        explain=lambda c: f"{_pct(_t9_1(c))} i {_kommun(c)}.",
    ),
    Task(
        "uppgift_9_2", "Är andelen med uppnått mål i din kommun högre eller lägre än bland alla deltagare?", "choice", _t9_2,
        choices={"a": "Högre (minst 5 procentenheter)", "b": "Lägre (minst 5 procentenheter)", "c": "Ungefär lika (mindre än 5 procentenheter ifrån)"},
        choice_hints={letter: _t9_2_hint for letter in "abc"},
        explain="En skillnad mellan din kommun och alla kan ha många förklaringar: olika målgrupper, olika insatser, "
                "olika sätt att registrera. Och kommunen ingår själv i 'alla'.",
    ),
    Task(
        "uppgift_9_3", "Kan kommunen få en egen rapport utan risk att enskilda barn pekas ut?", "choice", _t9_3,
        choices={"a": "Ja", "b": "Nej, den har för få registreringar"},
        choice_hints={"a": _t9_3_hint, "b": _t9_3_hint},
        explain="Med få registreringar blir nästan varje tal i en uppdelning så litet att det måste döljas.",
    ),
)

TASKS: dict[str, Task] = {t.id: t for t in _TASKS}


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def tasks(exercise: int | None = None) -> pd.DataFrame:
    """Every task (or one exercise's): id, exercise, kind and question."""
    rows = [
        {"uppgift": t.id, "ovning": t.exercise, "typ": t.kind, "fraga": t.question}
        for t in _TASKS
        if exercise is None or t.exercise == exercise
    ]
    return pd.DataFrame(rows)


def name_options(task: str, data=None, **options) -> dict:
    """The answers a ``name`` task accepts (code -> label), e.g. the municipalities in the data."""
    t = _task(task)
    if t.kind != "name":
        raise ValueError(f"{task} is a {t.kind} task, not a name task")
    return t.names(_context(t, data, options))


def _task(task_id: str) -> Task:
    try:
        return TASKS[task_id]
    except KeyError:
        raise KeyError(f"no task {task_id!r}; tasks are {', '.join(TASKS)}") from None


def _default_data(task: Task):
    if task.data == "cases":
        from webbkollen_lib.io.datasets import load_cases

        return load_cases()
    if task.data == "ratings":
        return vignette_ratings("jamila")
    if task.data == "goals":
        return vignette_ratings("jamila")["mal"]
    return None


def _context(task: Task, data, options) -> _Ctx:
    return _Ctx(_default_data(task) if data is None and task.data != "none" else data, options)


def expected_answer(task: str, data=None, **options):
    """The right answer to a task, worked out from ``data`` (default: the shipped synthetic data).

    Shares are proportions (0–1), ``points`` tasks percentage points, choices
    a set of accepted letters, ``name`` tasks a set of accepted codes. Raises
    ValueError when the data cannot answer the task.
    """
    t = _task(task)
    ctx = _context(t, data, options)
    try:
        return _resolve(t.expected, ctx)
    except (_Unavailable, KeyError) as exc:
        raise ValueError(f"{_task_title(task)}: {_message(exc)}") from None


def anticipated_mistakes(task: str, data=None, **options) -> list[tuple[Any, str]]:
    """The wrong answers a task recognises, each with (the start of) the hint it gets.

    Mistakes that would give the right answer on these data (or the same
    answer as an earlier mistake) are left out: they cannot be told apart.
    For a share task the right answer in per cent is included (the
    "percent instead of proportion" mistake).
    """
    t = _task(task)
    ctx = _context(t, data, options)
    out: list[tuple[Any, str]] = []
    if t.kind in ("share", "count", "number", "points"):
        expected = float(_resolve(t.expected, ctx))
        seen = [expected]
        for m in t.mistakes:
            try:
                value = float(m.value(ctx))
            except (_Unavailable, KeyError, ZeroDivisionError):
                continue
            if math.isnan(value) or any(abs(value - s) <= max(t.tol, 1e-9) for s in seen):
                continue
            seen.append(value)
            out.append((value, _resolve(m.hint, ctx)))
        if t.kind == "share" and not any(abs(100 * expected - s) <= t.tol for s in seen):
            out.append((round(100 * expected, 1), _PERCENT_HINT))
    elif t.kind in ("choice",):
        right = _as_set(_resolve(t.expected, ctx))
        for letter in t.choices:
            if letter not in right and letter in t.choice_hints:
                out.append((letter, _resolve(t.choice_hints[letter], ctx)))
    elif t.kind == "name":
        right = _as_set(_resolve(t.expected, ctx))
        for code in t.names(ctx):
            if code not in right:
                out.append((code, t.name_hint(ctx, code)))
    elif t.kind == "goal":
        for text in (GOAL_OPTIONS["a"], GOAL_OPTIONS["b"], GOAL_OPTIONS["d"]):
            out.append((text, _goal_feedback(task, text).hint))
    return out


def evaluate(task: str, answer, data=None, **options) -> Feedback:
    """Check an answer without showing anything or raising: returns a :class:`Feedback`.

    Parameters
    ----------
    task : str
        Task id, e.g. ``"uppgift_1_2"`` (see :func:`tasks`).
    answer
        The participant's answer; ``...`` (or None) means not answered yet.
    data : DataFrame, optional
        The data the exercise works on: registrations for most exercises,
        the vignette ratings in exercise 6, the goal texts (or ratings with a
        ``mal`` column) in exercise 7. Default: the shipped synthetic data.
    **options
        Task settings the notebook lets participants change, e.g.
        ``kommun=`` (exercise 9) or ``min_cell=`` (task 8.4).
    """
    t = _task(task)
    if answer is ... or answer is None:
        return Feedback(task, "unanswered", NOT_ANSWERED,
                        "Skriv ditt svar i stället för ... i cellen ovan, kör den och kör sedan den här cellen igen.")
    if t.kind == "goal":
        return _goal_feedback(task, answer)
    ctx = _context(t, data, options)
    try:
        expected = _resolve(t.expected, ctx)
    except (_Unavailable, KeyError) as exc:
        return Feedback(task, "error", "Uppgiften kan inte kontrolleras med de här data.", _message(exc))
    if t.kind in ("share", "count", "number", "points"):
        return _check_number(t, ctx, float(expected), answer)
    if t.kind == "choice":
        return _check_choice(t, ctx, _as_set(expected), answer)
    if t.kind == "name":
        return _check_name(t, ctx, _as_set(expected), answer)
    raise ValueError(f"unknown task kind {t.kind!r}")  # pragma: no cover


def check(task: str, answer, data=None, **options) -> bool:
    """Check an answer, show the feedback and return True when it is right.

    Shows HTML (✔/✘) in a notebook and plain text elsewhere (through
    ``IPython.display.display``). An unanswered task (``...``) gives "Du har
    inte svarat än". When the environment variable ``WEBBKOLLEN_STRICT_CHECKS``
    is ``1``, a wrong, missing or uncheckable answer raises AssertionError
    with the hint instead of returning False. Arguments as :func:`evaluate`.
    """
    feedback = evaluate(task, answer, data, **options)
    if not feedback.ok and os.environ.get(STRICT_ENV, "") == "1":
        raise AssertionError(feedback.text())
    _show(feedback)
    return feedback.ok


def _show(feedback: Feedback) -> None:
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency through ipykernel
        print(feedback.text())  # noqa: T201 - the one place feedback is shown outside a notebook
        return
    display(feedback)


def _message(exc: Exception) -> str:
    text = str(exc.args[0]) if exc.args else str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


# ---------------------------------------------------------------------------
# evaluation
# ---------------------------------------------------------------------------


class _BadAnswer(Exception):
    pass


def _parse_number(answer, kind: str) -> float:
    if isinstance(answer, (bool, np.bool_)):
        raise _BadAnswer("Svara med ett tal, inte True eller False.")
    if isinstance(answer, numbers.Real):
        value = float(answer)
    elif isinstance(answer, tuple) and len(answer) == 2 and all(isinstance(x, numbers.Integral) for x in answer):
        raise _BadAnswer(_DECIMAL_COMMA_HINT)
    elif isinstance(answer, str):
        s = answer.strip().replace("\u00a0", "").replace(" ", "")
        percent = s.endswith("%")
        s = s.rstrip("%").replace(",", ".")
        try:
            value = float(s)
        except ValueError:
            raise _BadAnswer(f"'{answer}' är inget tal. Skriv bara talet, t.ex. 0.25 eller 12.") from None
        if percent and kind == "share":
            value /= 100
        elif percent and kind == "count":
            raise _BadAnswer("Frågan gäller ett antal, inte en procentsats.")
    else:
        raise _BadAnswer("Svara med ett tal, t.ex. 0.25 eller 12.")
    if math.isnan(value):
        raise _BadAnswer("Svaret är inget tal (nan).")
    return value


def _check_number(t: Task, ctx: _Ctx, expected: float, answer) -> Feedback:
    try:
        value = _parse_number(answer, t.kind)
    except _BadAnswer as exc:
        return Feedback(t.id, "wrong", "Inte riktigt.", str(exc))
    tol = t.tol
    if abs(value - expected) <= tol + 1e-12:
        return Feedback(t.id, "right", "Rätt!", _resolve(t.explain, ctx))
    mistakes = []
    for m in t.mistakes:
        try:
            mistakes.append((float(m.value(ctx)), m))
        except (_Unavailable, KeyError, ZeroDivisionError):
            continue
    for mv, m in mistakes:
        if not math.isnan(mv) and abs(value - mv) <= tol + 1e-12:
            return Feedback(t.id, "wrong", "Inte riktigt.", _resolve(m.hint, ctx))
    if t.kind == "share" and value > 1:
        if abs(value / 100 - expected) <= tol:
            return Feedback(t.id, "wrong", "Nästan – men i fel enhet.", _PERCENT_HINT)
        for mv, m in mistakes:
            if abs(value / 100 - mv) <= tol:
                return Feedback(t.id, "wrong", "Inte riktigt.", f"{_resolve(m.hint, ctx)} {_PERCENT_HINT}")
        return Feedback(t.id, "wrong", "Inte riktigt.", f"En andel ligger mellan 0 och 1. {_PERCENT_NOTE} {_resolve(t.hint, ctx)}".strip())
    if t.kind == "share" and value < 0:
        return Feedback(t.id, "wrong", "Inte riktigt.", f"En andel kan inte vara negativ. {_resolve(t.hint, ctx)}".strip())
    if t.kind == "count":
        if 0 < value < 1:
            return Feedback(t.id, "wrong", "Inte riktigt.", f"Frågan gäller ett antal (ett heltal), inte en andel. {_resolve(t.hint, ctx)}".strip())
        if not value.is_integer():
            return Feedback(t.id, "wrong", "Inte riktigt.", f"Ett antal är ett heltal. {_resolve(t.hint, ctx)}".strip())
    if t.kind == "points" and abs(value * 100 - expected) <= tol:
        return Feedback(t.id, "wrong", "Nästan – men i fel enhet.", "Svara i procentenheter: 25 procentenheter skrivs 25, inte 0.25.")
    near = {"share": 0.02, "count": 1.0}.get(t.kind, 3 * tol)
    if abs(value - expected) <= near:
        advice = {
            "share": "Kontrollera avrundningen: skriv andelen med två decimaler, t.ex. 0.57.",
            "count": "Räkna en gång till.",
        }.get(t.kind, "Kontrollera avrundningen.")
        return Feedback(t.id, "wrong", "Nästan!", f"Du är nära. {advice} {_resolve(t.hint, ctx)}".strip())
    return Feedback(t.id, "wrong", "Inte riktigt.", _resolve(t.hint, ctx))


def _as_set(value) -> set:
    if isinstance(value, (set, frozenset, list, tuple)):
        return set(value)
    return {value}


def _normal(answer) -> str:
    s = str(answer).strip().strip("'\"").strip()
    return re.sub(r"[\s).:]+$", "", s).casefold()


def _check_choice(t: Task, ctx: _Ctx, expected: set, answer) -> Feedback:
    letters = ", ".join(t.choices)
    if not isinstance(answer, str):
        return Feedback(t.id, "wrong", "Inte riktigt.", f"Svara med en bokstav inom citattecken, t.ex. \"a\" ({letters}).")
    letter = _normal(answer)
    if letter not in t.choices:
        return Feedback(t.id, "wrong", "Inte riktigt.", f"Svara med en av bokstäverna {letters}.")
    if letter in expected:
        return Feedback(t.id, "right", "Rätt!", _resolve(t.explain, ctx))
    hint = t.choice_hints.get(letter, t.hint)
    return Feedback(t.id, "wrong", "Inte riktigt.", _resolve(hint, ctx) or "Läs frågan och tabellen en gång till.")


def _check_name(t: Task, ctx: _Ctx, expected: set, answer) -> Feedback:
    names = t.names(ctx)
    if not isinstance(answer, str):
        return Feedback(t.id, "wrong", "Inte riktigt.", "Svara med namnet inom citattecken, t.ex. \"Umeå\".")
    wanted = _normal(answer)
    lookup = {_normal(code): code for code in names}
    lookup.update({_normal(label): code for code, label in names.items()})
    code = lookup.get(wanted)
    if code is None:
        shown = ", ".join(f"'{c}'" for c in list(names)[:12])
        return Feedback(t.id, "wrong", "Inte riktigt.", f"'{answer}' finns inte bland svaren. Skriv ett av: {shown}.")
    if code in expected:
        return Feedback(t.id, "right", "Rätt!", _resolve(t.explain, ctx))
    return Feedback(t.id, "wrong", "Inte riktigt.", t.name_hint(ctx, code))


def _goal_feedback(task: str, answer) -> Feedback:
    if not isinstance(answer, str):
        return Feedback(task, "wrong", "Inte riktigt.", "Skriv målet som text inom citattecken: mitt_mal = \"I dag …\".")
    if not answer.strip():
        return Feedback(task, "unanswered", NOT_ANSWERED, "Skriv ditt mål mellan citattecknen.")
    found = goal_elements(answer)
    details = pd.DataFrame(
        {"Finns": ["✔" if found[k] else "–" for k in GOAL_ELEMENTS], "Att tänka på": [v[1] for v in GOAL_ELEMENTS.values()]},
        index=pd.Index([v[0] for v in GOAL_ELEMENTS.values()], name="Del av målet"),
    )
    note = " (En grov hjälp som letar efter nyckelord – diskutera målet med en kollega.)"
    missing = [GOAL_ELEMENTS[k][0].lower() for k, v in found.items() if not v]
    if not missing:
        return Feedback(task, "right", "Målet har alla fyra delarna!",
                        "Fråga dig också: beskriver målet en förändring för barnet, och vet alla hur det ska mätas?" + note,
                        details)
    tips = "; ".join(f"{GOAL_ELEMENTS[k][0].lower()}: {GOAL_ELEMENTS[k][1]}" for k, v in found.items() if not v)
    return Feedback(task, "wrong", f"Målet saknar {_join(missing)}.", f"Lägg till {tips}.{note}", details)


# ---------------------------------------------------------------------------
# helpers the exercise notebooks call
# ---------------------------------------------------------------------------


def vignette_ratings(vinjett: str = "jamila", folder=None) -> pd.DataFrame:
    """The ratings of one vignette: from a live test's answer folder, or the shipped synthetic ratings.

    Parameters
    ----------
    vinjett : str
        Vignette id (``assi``, ``max``, ``jamila``, ``tobias``, ``mohammad``),
        or whatever id the trainer gave the live test.
    folder : str or Path, optional
        The live agreement test's answer folder
        (:func:`webbkollen_lib.teaching.workshop.read_answers`). None: the synthetic
        ratings of the report's agreement tests.
    """
    if folder is not None:
        from webbkollen_lib.teaching.workshop import read_answers

        ratings = read_answers(folder, vinjett)
        if ratings.empty:
            raise ValueError(f"inga svar för vinjetten {vinjett!r} i {folder} ännu (no answers for this vignette yet)")
        return ratings.reset_index(drop=True)
    from webbkollen_lib.io.datasets import load_vignette_ratings

    ratings = load_vignette_ratings()
    known = sorted(ratings["vinjett"].dropna().astype(str).unique())
    if vinjett not in known:
        raise ValueError(f"det finns inga bedömningar av vinjetten {vinjett!r}; välj en av {', '.join(known)}")
    return ratings[ratings["vinjett"].astype(str).eq(vinjett)].reset_index(drop=True)


def _agreement_numbers(ratings: pd.DataFrame) -> dict:
    from webbkollen_lib.agreement.coefficients import consensus, percent_agreement
    from webbkollen_lib.core.codebook import get_codebook

    levels = get_codebook()["risk"].categories
    risk = ratings["risk"].astype(object)
    known = risk.dropna()
    out = {"n_raters": len(risk), "n_rated": len(known), "modal": None, "modal_share": np.nan, "pairs": np.nan, "within_one": np.nan}
    if len(known):
        counts = known.value_counts().reindex(levels, fill_value=0)
        out["modal"] = counts.idxmax()
        out["modal_share"] = float(counts.max() / counts.sum())
        table = consensus(known.tolist(), categories=levels, n_boot=200)
        out["within_one"] = float(table.loc["within_one_step", "value"])
    if len(known) >= 2:
        out["pairs"] = float(percent_agreement(pd.DataFrame([known.tolist()]), categories=levels).value)
    return out


def agreement_overview(ratings: pd.DataFrame) -> pd.DataFrame:
    """How far the raters of one vignette agree on the risk, in words a workshop reads.

    Rows: raters, raters with a rating ("inte känt" left out), the most common
    rating, the share choosing it, the share of pairs of raters who agree
    (pairwise percent agreement, :func:`webbkollen_lib.agreement.coefficients.percent_agreement`
    on the one vignette: Σₖ nₖ(nₖ−1) / (n(n−1))) and the share within one step
    of the median (:func:`webbkollen_lib.agreement.coefficients.consensus`).
    """
    from webbkollen_lib.core.formatting import format_count

    nums = _agreement_numbers(ratings)
    rows = {
        "Antal bedömare": format_count(nums["n_raters"]),
        "Antal med en riskbedömning (utan 'inte känt')": format_count(nums["n_rated"]),
        "Vanligaste bedömning": _label("risk", nums["modal"]) if nums["modal"] else "–",
        "Andel som valde den vanligaste": _pct(nums["modal_share"]),
        "Andel par av bedömare som är överens": _pct(nums["pairs"]),
        "Andel högst ett steg från medianen": _pct(nums["within_one"]),
    }
    return pd.DataFrame({"Värde": rows}).rename_axis("Mått")


def count_table(data: pd.DataFrame, variable: str, by: str, lang: str = "sv") -> pd.DataFrame:
    """Counts of ``variable`` (columns) per group of ``by`` (rows), labelled, without totals.

    The input :func:`webbkollen_lib.disclosure.protect_table` takes. Built on
    :func:`webbkollen_lib.analysis.descriptive.crosstab`, so registrations missing
    either variable are left out.
    """
    from webbkollen_lib.analysis.descriptive import crosstab

    ct = crosstab(data, variable, by=by, lang=lang)
    counts = ct.counts.drop(index="total", columns="total").astype("int64")
    from webbkollen_lib.analysis.variables import resolve, resolve_group

    var, group = resolve(data, variable), resolve_group(data, by)
    counts.index = pd.Index([group.value_label(c, lang) for c in counts.index], name=group.label(lang))
    counts.columns = pd.Index([var.value_label(c, lang) for c in counts.columns], name=var.label(lang))
    return counts


def vignette_text(vinjett: str, lang: str = "sv") -> str:
    """The vignette's title and text as Markdown (a short note for a vignette id the texts lack)."""
    from webbkollen_lib.io.datasets import load_vignettes

    texts = load_vignettes()
    if vinjett not in texts:
        return f"*Ingen text finns för vinjetten '{vinjett}'.*" if lang == "sv" else f"*No text for vignette '{vinjett}'.*"
    v = texts[vinjett]
    return f"### {v[f'title_{lang}']}\n\n{v[f'text_{lang}']}"


def checklist_overview(ratings: pd.DataFrame, group: str = "hem") -> pd.DataFrame:
    """Share and number of raters ticking each option of a checklist group (``hem``, ``vh``, ``barn``).

    Labels from the codebook; the share is of the raters who answered the
    checklist (:func:`webbkollen_lib.agreement.coefficients.checklist_shares`). Raters
    who did not answer it (test 1 asked only for the risk) are left out;
    with nobody answering, every share is "–".
    """
    from webbkollen_lib.agreement.coefficients import checklist_shares
    from webbkollen_lib.core.codebook import get_codebook
    from webbkollen_lib.core.formatting import format_count

    var = get_codebook()[group]
    columns = [c for c in var.columns if c in ratings.columns]
    answered = ratings[columns].notna().any(axis=1) if columns else pd.Series(False, index=ratings.index)
    labels = [var.code(c[len(var.prefix):]).label("sv") for c in columns]
    if answered.any():
        shares = checklist_shares(ratings[answered], columns)["all"]
        ticked = ratings.loc[answered, columns].fillna(False).astype(bool).sum()
    else:
        shares = pd.Series(np.nan, index=columns)
        ticked = pd.Series(0, index=columns)
    return pd.DataFrame(
        {"Andel som kryssade": [_pct(s) for s in shares], "Antal": [format_count(int(n)) for n in ticked]},
        index=pd.Index(labels, name=f"{var.label('sv')} (svar från {int(answered.sum())} bedömare)"),
    )


@dataclass(frozen=True)
class _Shown:
    table: pd.DataFrame

    def _repr_html_(self) -> str:
        from webbkollen_lib.present.tables import to_html

        return to_html(self.table)

    def __repr__(self) -> str:
        from webbkollen_lib.present.tables import to_markdown

        return to_markdown(self.table)


def show(table: pd.DataFrame):
    """A summary table with its footnotes, for display: HTML in a notebook, Markdown elsewhere.

    ``summary_table`` keeps its footnotes (what the percentages are of, how
    many are missing) in ``.attrs``; a bare DataFrame would not show them.
    """
    return _Shown(table)
