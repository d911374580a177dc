"""The workshop exercises: check functions, the build, and the notebooks themselves.

* every check: the right answer passes, every anticipated mistake fails with
  its own hint, and the expected answers agree with an independent pandas
  computation or a hand-worked example;
* the built notebooks are up to date with the sources ``exercises/source/NN_namn.py``
  (jupytext percent scripts; ``tests/test_notebook_sources.py`` checks the build byte
  for byte and that the check notices an edit on one side);
* every solution notebook runs top to bottom with strict checks
  (``WEBBKOLLEN_STRICT_CHECKS=1``) and every check passes; every
  participants' notebook runs without error and each check says
  "Du har inte svarat än" (slow: about 80 s).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from webbkollen_lib import apply_dtypes
from webbkollen_lib.io import datasets
from webbkollen_lib.teaching import exercises as ex
from webbkollen_lib.teaching import workshop

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_exercises  # noqa: E402

SOURCES = sorted((ROOT / "exercises" / "source").glob("[0-9][0-9]_*.py"))
STUDENT = [ROOT / "exercises" / p.with_suffix(".ipynb").name for p in SOURCES]
SOLUTION = [ROOT / "exercises" / "losningar" / p.with_suffix(".ipynb").name for p in SOURCES]
OPTIONS = {"uppgift_9_1": {"kommun": "Umeå"}, "uppgift_9_2": {"kommun": "Umeå"}, "uppgift_9_3": {"kommun": "Tidaholm"}}


# ---------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def cases_file(tmp_path_factory) -> Path:
    """The shipped registrations; made from the seed (byte for byte the same) if not there yet."""
    if datasets.CASES_FILE.exists():
        return datasets.CASES_FILE
    from webbkollen_lib.synthetic import write_shipped_cases

    return Path(write_shipped_cases(tmp_path_factory.mktemp("synthetic")))


@pytest.fixture(scope="session")
def cases(cases_file) -> pd.DataFrame:
    return datasets.load_cases(cases_file)


@pytest.fixture(scope="session")
def jamila() -> pd.DataFrame:
    return ex.vignette_ratings("jamila")


def _data(task: ex.Task, cases, jamila):
    return {"cases": cases, "ratings": jamila, "goals": jamila["mal"], "none": None}[task.data]


def _right_answer(task_id, data, **options):
    t = ex.TASKS[task_id]
    if t.kind == "goal":
        return ex.GOAL_OPTIONS["c"]
    value = ex.expected_answer(task_id, data, **options)
    return sorted(value)[0] if isinstance(value, set) else value


# ---------------------------------------------------------------------------
# every check: right passes, each anticipated mistake fails with its hint
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("task_id", list(ex.TASKS))
def test_right_answer_passes_and_each_anticipated_mistake_gets_its_hint(task_id, cases, jamila):
    t = ex.TASKS[task_id]
    data, options = _data(t, cases, jamila), OPTIONS.get(task_id, {})
    right = _right_answer(task_id, data, **options)
    feedback = ex.evaluate(task_id, right, data, **options)
    assert feedback.ok, feedback.text()
    if not t.graded:  # not marked (the guide: "ingen bedömning"): any readable answer is acknowledged
        for other in (right + 1, 0, "3 st"):
            assert ex.evaluate(task_id, other, data, **options).status == "noted"
        assert ex.evaluate(task_id, "många", data, **options).status == "wrong"  # not an answer at all
        assert ex.anticipated_mistakes(task_id, data, **options) == []
        return
    if t.kind == "share":  # as a participant writes it, two decimals
        assert ex.evaluate(task_id, round(right, 2), data, **options).ok
    mistakes = ex.anticipated_mistakes(task_id, data, **options)
    assert mistakes, f"{task_id} recognises no mistakes"
    for wrong, hint in mistakes:
        fb = ex.evaluate(task_id, wrong, data, **options)
        assert not fb.ok, f"{task_id}: the mistake {wrong!r} was accepted"
        assert fb.status == "wrong"
        assert hint and hint in fb.hint, f"{task_id}: {wrong!r} got {fb.hint!r}, expected {hint!r}"


@pytest.mark.parametrize("task_id", [t for t, task in ex.TASKS.items() if task.kind == "share"])
def test_percent_instead_of_proportion_is_recognised(task_id, cases, jamila):
    t = ex.TASKS[task_id]
    data, options = _data(t, cases, jamila), OPTIONS.get(task_id, {})
    right = ex.expected_answer(task_id, data, **options)
    fb = ex.evaluate(task_id, round(100 * right, 1), data, **options)
    assert not fb.ok
    assert "procent" in fb.hint


def test_hints_are_specific_not_just_wrong(cases):
    # the same task, three different mistakes, three different hints
    hints = {ex.evaluate("uppgift_3_1", wrong, cases).hint for wrong, _ in ex.anticipated_mistakes("uppgift_3_1", cases)}
    assert len(hints) >= 3
    assert all(len(h) > 20 for h in hints)


def test_unanswered_is_friendly_and_never_raises(cases, monkeypatch, capsys):
    monkeypatch.delenv(ex.STRICT_ENV, raising=False)
    for task_id in ex.TASKS:
        fb = ex.evaluate(task_id, ..., cases)
        assert fb.status == "unanswered" and fb.message == ex.NOT_ANSWERED
    assert ex.check("uppgift_1_1", ..., cases) is False
    assert ex.NOT_ANSWERED in capsys.readouterr().out


def test_check_shows_feedback_and_returns_a_bool(cases, monkeypatch, capsys):
    monkeypatch.delenv(ex.STRICT_ENV, raising=False)
    girls = int((cases["kon"] == "flicka").sum())
    assert ex.check("uppgift_1_1", girls, cases) is True
    assert "✔ Uppgift 1.1" in capsys.readouterr().out
    assert ex.check("uppgift_1_1", girls + 7, cases) is False
    assert "✘ Uppgift 1.1" in capsys.readouterr().out


def test_strict_mode_raises_with_the_hint(cases, monkeypatch):
    monkeypatch.setenv(ex.STRICT_ENV, "1")
    boys = int((cases["kon"] == "pojke").sum())
    with pytest.raises(AssertionError, match="antalet pojkar"):
        ex.check("uppgift_1_1", boys, cases)
    with pytest.raises(AssertionError, match=ex.NOT_ANSWERED):
        ex.check("uppgift_1_1", ..., cases)
    assert ex.check("uppgift_1_1", int((cases["kon"] == "flicka").sum()), cases) is True


def test_feedback_renders_as_html_with_marks(cases):
    html = ex.evaluate("uppgift_1_1", 1, cases)._repr_html_()
    assert "✘" in html and "Uppgift 1.1" in html
    assert "✔" in ex.evaluate("uppgift_2_4", "b")._repr_html_()


# ---------------------------------------------------------------------------
# reading answers as participants write them
# ---------------------------------------------------------------------------


def test_decimal_comma_and_written_percent(cases):
    right = ex.expected_answer("uppgift_1_2", cases)
    two = f"{right:.2f}"
    assert ex.evaluate("uppgift_1_2", two.replace(".", ","), cases).ok  # "0,79" as a string
    assert ex.evaluate("uppgift_1_2", f"{100 * right:.0f} %", cases).ok  # "79 %" says it is a percentage
    fb = ex.evaluate("uppgift_1_2", (0, int(two[2:])), cases)  # svar = 0,79 is the tuple (0, 79)
    assert not fb.ok and "punkt" in fb.hint
    assert "True eller False" in ex.evaluate("uppgift_1_2", True, cases).hint
    assert "inget tal" in ex.evaluate("uppgift_1_2", "många", cases).hint


def test_letters_and_names_are_read_leniently(cases, jamila):
    assert ex.evaluate("uppgift_4_4", " B) ").ok
    assert "bokstäverna a, b, c" in ex.evaluate("uppgift_4_4", "e").hint
    assert "citattecken" in ex.evaluate("uppgift_4_4", 2).hint
    # the code or the label, any case
    assert ex.evaluate("uppgift_6_3", "hem_fysiskt_vald", jamila).ok
    assert ex.evaluate("uppgift_6_3", "fysiskt våld mot barnet", jamila).ok
    assert "finns inte bland svaren" in ex.evaluate("uppgift_6_3", "slag", jamila).hint


def test_near_miss_and_out_of_range(cases):
    right = ex.expected_answer("uppgift_1_2", cases)
    assert ex.evaluate("uppgift_1_2", right - 0.015, cases).message == "Nästan!"
    assert "mellan 0 och 1" in ex.evaluate("uppgift_1_2", 250, cases).hint
    assert "heltal" in ex.evaluate("uppgift_1_1", 100.5, cases).hint
    assert "procentenheter" in ex.evaluate("uppgift_3_3", ex.expected_answer("uppgift_3_3", cases) / 100, cases).hint


def test_task_that_data_cannot_answer_says_why(monkeypatch):
    max_ratings = ex.vignette_ratings("max")  # test 1: nobody answered the checklists
    fb = ex.evaluate("uppgift_6_3", "hem_fysiskt_vald", max_ratings)
    assert fb.status == "error" and "checklistan" in fb.hint
    monkeypatch.setenv(ex.STRICT_ENV, "1")
    with pytest.raises(AssertionError):
        ex.check("uppgift_6_3", "hem_fysiskt_vald", max_ratings)
    with pytest.raises(ValueError, match="Uppgift 6.3"):
        ex.expected_answer("uppgift_6_3", max_ratings)


# ---------------------------------------------------------------------------
# expected answers against an independent computation
# ---------------------------------------------------------------------------


def test_expected_answers_match_plain_pandas(cases):
    c = cases
    assert ex.expected_answer("uppgift_1_1", c) == (c["kon"] == "flicka").sum()
    assert ex.expected_answer("uppgift_1_2", c) == pytest.approx((c["ursprung"] == "sverige").sum() / len(c))
    abroad = c[c["ursprung"] == "utlandet"]
    assert ex.expected_answer("uppgift_1_4", c) == pytest.approx(abroad["ensamkommande"].astype(bool).mean())
    ages = c["aldersgrupp"].value_counts()
    assert ex.expected_answer("uppgift_1_3", c) == {{"0_6": "a", "7_12": "b", "13_18": "c", "over_18": "d"}[ages.idxmax()]}
    girls = c[c["kon"] == "flicka"]
    assert ex.expected_answer("uppgift_2_1", c) == pytest.approx(girls["hem_familjekonflikt"].astype(bool).mean())
    talk = c["samtal_enskilt_beslut"].dropna().astype(bool)
    assert ex.expected_answer("uppgift_3_1", c) == pytest.approx(talk.mean())
    after = c["samtal_enskilt_avslut"].dropna().astype(bool)
    assert ex.expected_answer("uppgift_3_3", c) == pytest.approx(100 * (talk.mean() - after.mean()))
    both = c.dropna(subset=["risk_beslut", "risk_avslut"])
    high = both[both["risk_beslut"] == "hog"]
    assert ex.expected_answer("uppgift_4_1", c) == len(high)
    assert ex.expected_answer("uppgift_4_2", c) == pytest.approx(high["risk_avslut"].isin(["ingen_lag", "nagot_forhojd"]).mean())
    very = both[both["risk_beslut"] == "mycket_hog"]
    assert ex.expected_answer("uppgift_4_3", c) == pytest.approx((very["risk_avslut"] == "mycket_hog").mean())
    risk = c["risk_beslut"].dropna()
    assert ex.expected_answer("uppgift_5_1", c) == pytest.approx(risk.isin(["ingen_lag", "nagot_forhojd"]).mean())
    low = c.dropna(subset=["risk_beslut"]).groupby("kommun", observed=True)["risk_beslut"].apply(lambda s: (s == "ingen_lag").mean())
    assert ex.expected_answer("uppgift_5_3", c) == {low.idxmax()}
    girls_abroad = c[(c["kon"] == "flicka") & (c["ursprung"] == "utlandet") & c["risk_beslut"].notna()]
    assert ex.expected_answer("uppgift_8_2", c) == len(girls_abroad)
    assert ex.expected_answer("uppgift_8_3", c) == pytest.approx(1 / len(girls_abroad))
    umea = c[c["kommun"] == "Umeå"]["avslutsorsak"].dropna()
    assert ex.expected_answer("uppgift_9_1", c, kommun="Umeå") == pytest.approx((umea == "mal_uppnatt").mean())
    assert ex.expected_answer("uppgift_9_3", c, kommun="Tidaholm") == ("b" if (c["kommun"] == "Tidaholm").sum() < 20 else "a")


def test_exposure_table_answer_is_a_column_share(cases):
    from webbkollen_lib.systems.webbkollen.derived import exposure_count

    known = cases.assign(n=exposure_count(cases)).dropna(subset=["risk_beslut", "n"])
    very = known[known["risk_beslut"] == "mycket_hog"]
    assert ex.expected_answer("uppgift_5_2", cases) == pytest.approx((very["n"] >= 6).mean())


def test_mean_difference_and_its_test(cases):
    from scipy import stats

    from webbkollen_lib.systems.webbkollen.derived import exposure_count

    count = exposure_count(cases).astype(float)
    girls, boys = count[cases["kon"] == "flicka"], count[cases["kon"] == "pojke"]
    assert ex.expected_answer("uppgift_2_2", cases) == pytest.approx(girls.mean() - boys.mean())
    p = stats.mannwhitneyu(girls.dropna(), boys.dropna()).pvalue
    assert ex.expected_answer("uppgift_2_3", cases) == ("a" if p < 0.05 else "b")


def test_small_hand_worked_registrations():
    # four closed interventions: two high at decision (one lower at closure), talks 3/4 -> 1/4
    d = apply_dtypes(pd.DataFrame({
        "kommun": ["A", "A", "B", "B"],
        "kon": ["flicka", "pojke", "flicka", "pojke"],
        "risk_beslut": ["hog", "hog", "mycket_hog", "ingen_lag"],
        "risk_avslut": ["nagot_forhojd", "hog", "mycket_hog", "ingen_lag"],
        "samtal_enskilt_beslut": [True, True, True, False],
        "samtal_enskilt_avslut": [False, True, False, False],
    }))
    assert ex.expected_answer("uppgift_4_1", d) == 2
    assert ex.expected_answer("uppgift_4_2", d) == pytest.approx(0.5)
    assert ex.expected_answer("uppgift_4_3", d) == pytest.approx(1.0)
    assert ex.expected_answer("uppgift_3_1", d) == pytest.approx(0.75)
    assert ex.expected_answer("uppgift_3_2", d) == pytest.approx(0.25)
    assert ex.expected_answer("uppgift_3_3", d) == pytest.approx(50)
    assert "kolumnen Hög risk" in ex.evaluate("uppgift_4_1", 1, d).hint  # column sum: hög at closure is 1
    assert "relativa minskningen" in ex.evaluate("uppgift_3_3", 100 * (1 - 0.25 / 0.75), d).hint


def test_agreement_on_a_vignette_by_hand(jamila):
    risk = jamila["risk"].dropna().astype(str)
    counts = risk.value_counts()
    assert ex.expected_answer("uppgift_6_1", jamila) == pytest.approx(counts.max() / counts.sum())
    n = counts.sum()
    pairs = (counts * (counts - 1)).sum() / (n * (n - 1))
    assert ex.expected_answer("uppgift_6_2", jamila) == pytest.approx(pairs)
    # the report's own figures for Jamila: 11 of 16 "något förhöjd", one "inte känt"
    assert counts["nagot_forhojd"] == 11 and len(jamila) == 16
    assert ex.evaluate("uppgift_6_1", 11 / 16, jamila).hint.startswith("Du har delat med alla bedömare")
    ticks = jamila[[c for c in jamila.columns if c.startswith("hem_")]].astype("Float64").mean()
    assert ex.expected_answer("uppgift_6_3", jamila) == {ticks.idxmax()}


def test_live_answers_folder_feeds_the_agreement_tasks(tmp_path):
    given = [("Anna", "hog", ["hem_fysiskt_vald"]), ("Bo", "hog", ["hem_fysiskt_vald", "hem_bristande_omsorg"]),
             ("Cia", "nagot_forhojd", ["hem_bristande_omsorg", "hem_fysiskt_vald"]), ("Dan", None, ["hem_annat"])]
    for name, risk, ticked in given:
        workshop.save_answer(tmp_path, workshop.make_answer(name, "jamila", risk, ticked, goal="Våldet ska upphöra."))
    ratings = ex.vignette_ratings("jamila", tmp_path)
    assert len(ratings) == 4
    assert ex.expected_answer("uppgift_6_1", ratings) == pytest.approx(2 / 3)  # "inte känt" left out
    assert ex.expected_answer("uppgift_6_2", ratings) == pytest.approx(1 / 3)  # 1 agreeing pair of 3
    assert ex.expected_answer("uppgift_6_3", ratings) == {"hem_fysiskt_vald"}  # 3 of 4
    assert ex.expected_answer("uppgift_7_1", ratings["mal"]) == 0
    overview = ex.agreement_overview(ratings)
    assert overview.loc["Antal bedömare", "Värde"] == "4"
    assert overview.loc["Vanligaste bedömning", "Värde"] == "Hög risk"
    with pytest.raises(ValueError, match="inga svar"):
        ex.vignette_ratings("tobias", tmp_path)


# ---------------------------------------------------------------------------
# the goal check
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, found", [
    ("Våldet ska upphöra.", {"utgangslage": False, "matt": False, "tid": False, "vem": False}),
    ("I dag skolkar Tobias tre dagar i veckan. Inom två månader ska han vara i skolan varje dag enligt skolans närvarolista.",
     {"utgangslage": True, "matt": True, "tid": True, "vem": True}),
    ("Utgångsläge: bråk varje kväll. Mål: högst en gång i veckan.", {"utgangslage": True, "matt": True, "tid": False, "vem": False}),
    ("Vid uppföljningen i juni ska föräldrarna skatta konflikterna lägre.", {"utgangslage": False, "matt": False, "tid": True, "vem": True}),
    ("Jamila ska få en trygg uppfostran där föräldrarna vägleder utan att vara hårdhänta.",
     {"utgangslage": False, "matt": False, "tid": False, "vem": False}),
])
def test_goal_elements(text, found):
    assert ex.goal_elements(text) == found


def test_goal_check_explains_what_is_missing():
    fb = ex.evaluate("uppgift_7_3", "Inom sex månader ska våldet ha upphört.")
    assert not fb.ok and fb.message.startswith("Målet saknar utgångsläge")
    assert "tidsram" not in fb.message
    assert "grov hjälp" in fb.hint
    assert list(fb.details["Finns"]) == ["–", "–", "✔", "–"]
    assert ex.evaluate("uppgift_7_3", ex.GOAL_OPTIONS["c"]).ok
    assert ex.evaluate("uppgift_7_3", "   ").status == "unanswered"


def test_exactly_one_goal_option_is_measurable():
    assert [k for k, t in ex.GOAL_OPTIONS.items() if all(ex.goal_elements(t).values())] == ["c"]


def test_synthetic_goals_have_the_baselines_the_report_found():
    # §3.3: no goal for Jamila stated a baseline; one of Tobias's did
    assert ex.expected_answer("uppgift_7_1", ex.vignette_ratings("jamila")["mal"]) == 0
    assert ex.expected_answer("uppgift_7_1", ex.vignette_ratings("tobias")["mal"]) == 1


# ---------------------------------------------------------------------------
# helpers the notebooks call
# ---------------------------------------------------------------------------


def test_count_table_is_what_protect_table_takes(cases):
    from webbkollen_lib import protect_table
    from webbkollen_lib.disclosure import primary_mask

    table = ex.count_table(cases, "avslutsorsak", by="kommun")
    assert int(table.to_numpy().sum()) == cases["avslutsorsak"].notna().sum()
    assert table.loc["Umeå", "Målet med insatsen är uppnått"] == ((cases["kommun"] == "Umeå") & (cases["avslutsorsak"] == "mal_uppnatt")).sum()
    protected = protect_table(table)
    assert ex.expected_answer("uppgift_8_4", cases) == protected.n_masked
    # secondary suppression hides more than the small counts themselves
    assert protected.n_masked >= int(np.asarray(primary_mask(table)).sum())


def test_checklist_overview_and_vignette_text(jamila):
    table = ex.checklist_overview(jamila, "hem")
    assert table.loc["Fysiskt våld mot barnet", "Antal"] == str(int(jamila["hem_fysiskt_vald"].sum()))
    assert "Jamila" in ex.vignette_text("jamila")
    assert "Ingen text" in ex.vignette_text("okand")
    empty = ex.checklist_overview(ex.vignette_ratings("max"), "hem")
    assert set(empty["Andel som kryssade"]) == {"–"}


def test_every_task_is_checked_in_exactly_one_notebook_and_listed():
    found = []
    for path in SOURCES:
        nb = build_exercises.read_source(path)
        found += [t for c in nb.cells if c.cell_type == "code" for t in ex.TASKS if f'check("{t}"' in c.source]
    assert sorted(found) == sorted(ex.TASKS)
    assert len(SOURCES) >= 8 and [p.stem for p in SOURCES] == [v[0] for v in ex.EXERCISES.values()]
    assert list(ex.tasks()["uppgift"]) == list(ex.TASKS)


# ---------------------------------------------------------------------------
# the build
# ---------------------------------------------------------------------------


def test_built_notebooks_are_up_to_date_with_the_sources():
    assert build_exercises.stale() == [], "run: python tools/build_exercises.py"


def test_placeholder_keeps_instructions_and_hides_the_answer():
    assert build_exercises.placeholder("# välj en\nsvar_1 = 0.57") == "# välj en\nsvar_1 = ...  # Skriv ditt svar här"
    assert build_exercises.placeholder('a = """lång\ntext"""\nb = "c"') == (
        "a = ...  # Skriv ditt svar här\nb = ...  # Skriv ditt svar här")
    with pytest.raises(ValueError, match="only assign answers"):
        build_exercises.placeholder("print(1)")


@pytest.mark.parametrize("student, solution", list(zip(STUDENT, SOLUTION)), ids=[p.stem for p in SOURCES])
def test_participants_version_has_no_answers(student, solution):
    s = nbformat.read(student, as_version=4)
    answers = [c for c in s.cells if "answer" in c.metadata.get("tags", [])]
    assert answers, "every exercise has tasks"
    for cell in answers:
        assert all(line.endswith("= ...  # Skriv ditt svar här") for line in cell.source.splitlines() if not line.startswith("#"))
    assert not any("solution" in c.metadata.get("tags", []) for c in s.cells)
    sol = nbformat.read(solution, as_version=4)
    assert sum("solution" in c.metadata.get("tags", []) for c in sol.cells) == len(answers)
    assert "Lösningsförslag" in sol.cells[0].source
    for nb in (s, sol):
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


# ---------------------------------------------------------------------------
# running the notebooks
# ---------------------------------------------------------------------------


def _run(path: Path, cases_file: Path, strict: bool, monkeypatch):
    from nbclient import NotebookClient

    if strict:
        monkeypatch.setenv(ex.STRICT_ENV, "1")
    else:
        monkeypatch.delenv(ex.STRICT_ENV, raising=False)
    nb = nbformat.read(path, as_version=4)
    # the shipped data when present (as after `make data`), else the same data made from the seed
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        f"import webbkollen_lib.io.datasets as _d, pathlib as _p; _d.CASES_FILE = _p.Path({str(cases_file)!r})"))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb.cells[1:]


def _text(cell) -> str:
    return "\n".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.get("outputs", []))


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTION, ids=[p.stem for p in SOURCES])
def test_solution_notebook_runs_and_passes_its_own_checks(path, cases_file, monkeypatch):
    cells = _run(path, cases_file, strict=True, monkeypatch=monkeypatch)
    checks = [c for c in cells if c.cell_type == "code" and c.source.startswith("check(")]
    assert checks
    for cell in checks:
        task = ex.TASKS[cell.source.split('"')[1]]
        mark = "✔" if task.graded else "✎"  # an ungraded task (7.1) is acknowledged, not marked
        assert mark in _text(cell), f"{path.name}: {cell.source} -> {_text(cell)}"


@pytest.mark.slow
@pytest.mark.parametrize("path", STUDENT, ids=[p.stem for p in SOURCES])
def test_participants_notebook_runs_and_checks_say_not_answered(path, cases_file, monkeypatch):
    cells = _run(path, cases_file, strict=False, monkeypatch=monkeypatch)
    first_task = next(i for i, c in enumerate(cells) if "answer" in c.metadata.get("tags", []))
    assert first_task > 1  # the introduction and the set-up ran before it
    checks = [c for c in cells if c.cell_type == "code" and c.source.startswith("check(")]
    assert checks
    for cell in checks:
        assert ex.NOT_ANSWERED in _text(cell), f"{path.name}: {cell.source} -> {_text(cell)}"
    assert os.environ.get(ex.STRICT_ENV) is None
