"""The 2012 survey's own workflow: municipality answers → the region's summary form → the national table.

SKL's survey ran in three steps (report, *Undersökningens genomförande*): each
municipality answered the questionnaire; the region's development leader
summed the answers on a summary form (Bilaga 2: per question, the number of
municipalities ticking each alternative, with the region's number of
municipalities and of answering ones); SKL added the regions' forms into the
national result. The functions follow the same steps, codes in and tidy frames
of numbers out:

* :func:`response_by_region`: municipalities, answering ones and the response
  rate per region, the regions without answers included (non-response shown,
  not hidden);
* :func:`county_form`: the summary form, one row per region, question and
  alternative;
* :func:`compile_table`: forms added up (for the nation, or one region) into
  counts, shares and Wilson intervals;
* :func:`survey_table`: both steps at once from the answers;
* :func:`priority_means`: question 10, the regions' mean rank of each area.

**Bases.** The report divides every count by all answering municipalities
(190), also for questions 2–4, which Nej on question 1 skips: that is
``base="svarande"``, the default, so the published tables are reproduced. The
share among the municipalities actually asked (Ja on question 1) is
``base="tillfragade"``; for questions 1 and 5–9 the two are the same. An empty
answer is its own row (``alternativ = "ej_svar"``) so item non-response shows.

**Intervals.** Wilson score intervals (``statsmodels``' ``proportion_confint``)
over the base. The survey is an attempted census with non-response, not a
sample: the interval says how far the share could move if the answering
municipalities were a random draw of the ones like them, which non-response by
whole regions (Stockholm, Göteborgsregionen, Sjuhärad) makes doubtful.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from webbkollen_lib.analysis.descriptive import wilson_interval
from webbkollen_lib.core.errors import require_columns, require_frame
from webbkollen_lib.systems.kartlaggning2012.survey import (
    FORM_HEADER,
    NO_ANSWER,
    NOT_ASKED,
    PRIORITY_AREAS,
    QUESTIONS,
    SKIPPED_AFTER_NO,
    form_alternatives,
    get_kartlaggning_codebook,
    municipality_regions,
    regions,
)

__all__ = ["BASES", "NO_ANSWER", "NOT_ASKED", "NATION", "HEADER_VARIABLE", "response_by_region", "county_form", "compile_table", "survey_table",
           "priority_means"]

#: The denominators a share can have (see the module docstring).
BASES = ("svarande", "tillfragade")
#: ``variabel`` of a summary form's header rows (``fraga = 0``).
HEADER_VARIABLE = FORM_HEADER
#: ``region`` of the national rows.
NATION = "riket"

_FORM_COLUMNS = ["region", "fraga", "variabel", "alternativ", "antal"]


def _answers(answers) -> pd.DataFrame:
    answers = require_frame(answers, "answers", expected="survey answers (read_kartlaggning)")
    require_columns(answers, ["kommun", "region"], "answers")
    return answers


def _region_codes() -> list[str]:
    return list(regions()["region"])


def response_by_region(answers: pd.DataFrame) -> pd.DataFrame:
    """Per survey region: ``kommuner``, ``svarande``, ``svarsfrekvens`` (0–1), in the report's order.

    Every one of the 24 regions is a row, those without a single answer too.

    >>> from webbkollen_lib.io.kartlaggning import load_kartlaggning_2012
    >>> table = response_by_region(load_kartlaggning_2012())
    >>> table.loc[table["region"] == "ostergotland", ["kommuner", "svarande"]].values.tolist()
    [[13, 6]]
    """
    answers = _answers(answers)
    frame = regions()
    counted = answers["region"].astype(str).value_counts()
    unknown = sorted(set(counted.index) - set(frame["region"]))
    if unknown:
        raise ValueError(f"answers: region(s) {unknown} are not survey regions; allowed: {', '.join(frame['region'])}")
    frame["svarande"] = frame["region"].map(counted).fillna(0).astype("int64")
    frame["svarsfrekvens"] = frame["svarande"] / frame["kommuner"]
    return frame[["region", "lan", "kommuner", "svarande", "svarsfrekvens"]]


def county_form(answers: pd.DataFrame, *, header: bool = False) -> pd.DataFrame:
    """The regions' summary forms (Bilaga 2, questions 1–9) summed from the municipalities' answers.

    One row per region with answers, question (``fraga``), variable and
    alternative: ``antal`` municipalities that ticked it (multi-select), or
    answered it (questions 1 and 5–7). Each question also has a row
    ``alternativ = "ej_svar"``: municipalities that were asked and left it
    empty (for a multi-select question: ticked none of its boxes). Questions
    2–4 are asked only after Ja on question 1 (a municipality that left
    question 1 empty but ticked a box of the question answered it); their row
    ``alternativ = "ej_tillfragad"`` counts the municipalities not asked, so
    every question's rows account for every answering municipality.

    ``header=True`` adds the form's header as rows of ``fraga = 0``
    (``variabel = "svar"``): ``alternativ = "kommuner"`` (the region's
    municipalities) and ``"svarande"`` (those that answered). That is the form
    as a development leader sends it on (``form.to_csv(path)``), and what
    :func:`~webbkollen_lib.io.kartlaggning.read_county_forms` reads back and
    :func:`compile_table` compiles without a separate ``response``.

    >>> from webbkollen_lib.io.kartlaggning import load_kartlaggning_2012
    >>> form = county_form(load_kartlaggning_2012())
    >>> form.query("region == 'gotland' and fraga == 1")[["alternativ", "antal"]].values.tolist()
    [['ja', 1], ['nej', 0], ['ej_svar', 0]]
    """
    answers = _answers(answers)
    cb = get_kartlaggning_codebook()
    region = answers["region"].astype(str)
    asked_after_yes = (answers["redovisat"].astype("boolean") == True).fillna(False) if "redovisat" in answers \
        else pd.Series(False, index=answers.index)  # noqa: E712
    rows = []
    for question, name in QUESTIONS.items():
        if question == 10:
            continue
        var = cb[name]
        columns = [c for c in var.columns if c in answers.columns]
        if not columns:
            continue
        if question in SKIPPED_AFTER_NO:
            # asked after Ja; after an empty question 1 a tick shows the question was answered (the reader
            # keeps such ticks, and the published figures count them)
            no_first = answers["redovisat"].isna() if "redovisat" in answers else pd.Series(True, index=answers.index)
            ticked = answers[columns].astype("boolean").fillna(False).any(axis=1) if var.kind == "multi" \
                else answers[var.id].notna()
            asked = asked_after_yes | (no_first & ticked)
        else:
            asked = pd.Series(True, index=answers.index)
        for column, code in form_alternatives(var.id):
            if column not in answers.columns:
                continue
            values = answers[column]
            if var.kind in ("multi", "yesno"):
                hit = (values.astype("boolean") == (code != "nej")).fillna(False)
            else:
                hit = values.astype("object") == code
            rows.append(pd.DataFrame({"region": region, "fraga": question, "variabel": var.id, "alternativ": code,
                                      "antal": (hit & asked).astype("int64")}))
        if var.kind == "multi":
            ticked_any = answers[columns].astype("boolean").fillna(False).any(axis=1)
            empty = asked & ~ticked_any
        else:
            empty = asked & answers[var.id].isna()
        rows.append(pd.DataFrame({"region": region, "fraga": question, "variabel": var.id,
                                  "alternativ": NO_ANSWER, "antal": empty.astype("int64")}))
        if question in SKIPPED_AFTER_NO:
            rows.append(pd.DataFrame({"region": region, "fraga": question, "variabel": var.id,
                                      "alternativ": NOT_ASKED, "antal": (~asked).astype("int64")}))
    if header:
        response = response_by_region(answers)
        response = response[response["region"].isin(set(region))]
        for alternative in ("svarande", "kommuner"):
            rows.insert(0, pd.DataFrame({"region": response["region"], "fraga": 0, "variabel": HEADER_VARIABLE,
                                         "alternativ": alternative, "antal": response[alternative]}))
    if not rows:
        return pd.DataFrame(columns=_FORM_COLUMNS)
    long = pd.concat(rows, ignore_index=True)
    order = {r: i for i, r in enumerate(_region_codes())}
    form = long.groupby(["region", "fraga", "variabel", "alternativ"], sort=False, observed=True)["antal"].sum()
    form = form.reset_index()
    form["_r"] = form["region"].map(order)
    return form.sort_values(["_r", "fraga"], kind="stable").drop(columns="_r").reset_index(drop=True)[_FORM_COLUMNS]


def compile_table(forms: pd.DataFrame, response: pd.DataFrame | None = None, *, region: str | None = None,
                  base: str = "svarande", ci: float = 0.95) -> pd.DataFrame:
    """Add the regions' summary ``forms`` into one table (the nation, or one ``region``).

    ``response`` is :func:`response_by_region` (the forms' header: how many
    municipalities each region has and how many answered); None takes the
    header from the forms' own ``fraga = 0`` rows (:func:`county_form` with
    ``header=True``, or forms read by
    :func:`~webbkollen_lib.io.kartlaggning.read_county_forms`). Returns one row per
    question and alternative: ``antal``, ``svarande`` (answering municipalities),
    ``tillfragade`` (those asked: for questions 2–4 Ja on question 1, or an
    empty question 1 and a box of the question ticked),
    ``bas_n`` (the denominator ``base`` chooses), ``andel`` = antal / bas_n and
    its Wilson interval ``ci_low``, ``ci_high``; ``region`` is the region or
    :data:`NATION`. With ``base="tillfragade"`` the row of the municipalities
    not asked has no share (``bas_n`` 0, ``andel`` NaN).

    >>> from webbkollen_lib.io.kartlaggning import load_kartlaggning_2012
    >>> answers = load_kartlaggning_2012()
    >>> table = compile_table(county_form(answers), response_by_region(answers))
    >>> row = table.query("alternativ == 'resultat_hvb'").iloc[0]
    >>> int(row["antal"]), int(row["bas_n"]), round(100 * float(row["andel"]))
    (6, 190, 3)
    """
    if base not in BASES:
        raise ValueError(f"base must be one of {', '.join(BASES)}, not {base!r}")
    require_columns(forms, _FORM_COLUMNS, "forms")
    is_header = forms["fraga"] == 0
    if response is None:
        head = forms[is_header]
        if not (head["alternativ"] == "svarande").any():
            raise ValueError("forms: without a response table the forms need their header rows (fraga 0, "
                             "alternativ 'svarande'): county_form(answers, header=True) or read_county_forms")
        response = head.pivot_table(index="region", columns="alternativ", values="antal", aggfunc="sum",
                                    observed=True).reset_index()
    forms = forms[~is_header]
    require_columns(response, ["region", "svarande"], "response")
    if region is not None and region not in _region_codes():
        raise ValueError(f"{region!r} is not a survey region; allowed: {', '.join(_region_codes())}")
    scope_forms = forms if region is None else forms[forms["region"].astype(str) == region]
    scope_response = response if region is None else response[response["region"].astype(str) == region]
    answering = int(scope_response["svarande"].sum())
    # every alternative of the forms, so a region without answers gets rows of 0, not an empty table
    keys = ["fraga", "variabel", "alternativ"]
    table = forms[keys].drop_duplicates().merge(
        scope_forms.groupby(keys, sort=False, observed=True)["antal"].sum().reset_index(), on=keys, how="left")
    table["antal"] = table["antal"].fillna(0).astype("int64")
    not_asked = table.loc[table["alternativ"] == NOT_ASKED].set_index("fraga")["antal"]
    table["svarande"] = answering
    table["tillfragade"] = answering - table["fraga"].map(not_asked).fillna(0).astype("int64")
    table["bas_n"] = table[base]
    if base == "tillfragade":  # the not-asked have no share among the asked
        table.loc[table["alternativ"] == NOT_ASKED, "bas_n"] = 0
    table["andel"] = np.where(table["bas_n"] > 0, table["antal"] / table["bas_n"].where(table["bas_n"] > 0, 1),
                              np.nan)
    low, high = wilson_interval(table["antal"].to_numpy(), table["bas_n"].to_numpy(), ci)
    table["ci_low"], table["ci_high"] = low, high
    table.insert(0, "region", region if region is not None else NATION)
    table["bas"] = base
    return table


def survey_table(answers: pd.DataFrame, *, region: str | None = None, base: str = "svarande",
                 ci: float = 0.95) -> pd.DataFrame:
    """:func:`compile_table` straight from the municipalities' answers (the nation, or one region)."""
    return compile_table(county_form(answers), response_by_region(answers), region=region, base=base, ci=ci)


def priority_means(priorities: pd.DataFrame) -> pd.DataFrame:
    """Question 10: each area's mean rank over the regions that ranked it, lowest (highest priority) first.

    Returns ``omrade``, ``regioner`` (how many ranked it), ``medelrang`` and the
    smallest and largest rank given.

    >>> from webbkollen_lib.io.kartlaggning import load_prioriteringar_2012
    >>> means = priority_means(load_prioriteringar_2012())
    >>> means.iloc[0]["omrade"], round(float(means.iloc[0]["medelrang"]), 1)
    ('basuppgifter', 1.8)
    """
    priorities = require_frame(priorities, "priorities", expected="question 10's rankings (read_prioriteringar)")
    require_columns(priorities, ["region", "omrade", "rang"], "priorities")
    ranks = pd.to_numeric(priorities["rang"], errors="raise").astype("float")
    grouped = ranks.groupby(priorities["omrade"].astype(str))
    table = pd.DataFrame({"regioner": grouped.count(), "medelrang": grouped.mean(), "lagsta": grouped.min(),
                          "hogsta": grouped.max()}).reindex(list(PRIORITY_AREAS))
    table["regioner"] = table["regioner"].fillna(0).astype("int64")
    table = table.rename_axis("omrade").reset_index()
    return table.sort_values(["medelrang", "omrade"], na_position="last", kind="stable").reset_index(drop=True)
