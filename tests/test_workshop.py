"""The live agreement test: answers are stored safely and read back as ratings."""

import json
import multiprocessing as mp
import os
from pathlib import Path

import pandas as pd
import pytest

import nbformat

from webbkollen_lib.teaching.projector import case_title
from webbkollen_lib.teaching.store import SqliteStore
from webbkollen_lib.teaching.workshop import AnswerForm, answer_path, make_answer, read_answers, save_answer


def test_an_answer_round_trips_as_a_rating(tmp_path):
    save_answer(tmp_path, make_answer("Anna", "jamila", "nagot_forhojd", ["hem_fysiskt_vald", "vh_ingen"],
                                      "Hård uppfostringsstil", "Våldet ska upphöra", "Umeå"))
    ratings = read_answers(tmp_path)
    assert len(ratings) == 1
    row = ratings.iloc[0]
    assert row["vinjett"] == "jamila" and row["bedomare"] == "Anna" and row["kommun"] == "Umeå"
    assert row["risk"] == "nagot_forhojd" and ratings["risk"].cat.ordered
    assert bool(row["hem_fysiskt_vald"]) and bool(row["vh_ingen"]) and not bool(row["hem_bristande_omsorg"])
    assert row["motivering"] == "Hård uppfostringsstil"


def test_inte_kant_is_missing_not_a_category(tmp_path):
    save_answer(tmp_path, make_answer("Bo", "max", "inte_kant"))
    assert read_answers(tmp_path)["risk"].isna().all()


def test_the_last_answer_wins(tmp_path):
    save_answer(tmp_path, make_answer("Anna", "jamila", "hog"))
    save_answer(tmp_path, make_answer("Anna", "jamila", "ingen_lag"))
    save_answer(tmp_path, make_answer("Anna", "tobias", "hog"))
    ratings = read_answers(tmp_path)
    assert len(ratings) == 2
    assert ratings.set_index("vinjett").loc["jamila", "risk"] == "ingen_lag"
    assert len(read_answers(tmp_path, vignette="tobias")) == 1


def test_names_that_differ_only_in_punctuation_do_not_collide(tmp_path):
    assert answer_path(tmp_path, "A.K.", "jamila") != answer_path(tmp_path, "A K", "jamila")
    assert answer_path(tmp_path, "Åsa", "jamila") != answer_path(tmp_path, "Asa", "jamila")


def test_half_written_temporary_files_are_never_read(tmp_path):
    save_answer(tmp_path, make_answer("Anna", "jamila", "hog"))
    (tmp_path / ".tmpabc.tmp").write_text('{"participant": "half')
    assert len(read_answers(tmp_path)) == 1


def test_a_foreign_file_is_named_in_the_error(tmp_path):
    (tmp_path / "notes.json").write_text("[1, 2")
    with pytest.raises(ValueError, match="notes.json"):
        read_answers(tmp_path)


@pytest.mark.parametrize("kwargs, message", [
    (dict(participant="", vignette="jamila", risk="hog"), "name"),
    (dict(participant="A", vignette="jamila", risk="hgo"), "hgo"),
    (dict(participant="A", vignette="jamila", risk="hog", ticked=["hem_foo"]), "hem_foo"),
    (dict(participant="A", vignette="jamila", risk="hog", ticked=["hem_ingen", "hem_heder"]), "Ingen utsatthet"),
])
def test_invalid_answers_are_refused_with_a_reason(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_answer(**kwargs)


def _participant(folder, i, rounds):
    for r in range(rounds):
        risk = ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"][(i + r) % 4]
        save_answer(folder, make_answer(f"Deltagare {i}", "jamila", risk, ["hem_fysiskt_vald"], f"svar {r}"))


def test_sixty_concurrent_participants_lose_nothing(tmp_path):
    ctx = mp.get_context("spawn" if os.name == "nt" else "fork")
    rounds = 5
    procs = [ctx.Process(target=_participant, args=(tmp_path, i, rounds)) for i in range(60)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    ratings = read_answers(tmp_path)
    assert len(ratings) == 60
    # every participant's last answer is the one kept
    expected = {f"Deltagare {i}": ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"][(i + rounds - 1) % 4] for i in range(60)}
    assert dict(zip(ratings["bedomare"], ratings["risk"].astype(str))) == expected
    assert (ratings["motivering"] == f"svar {rounds - 1}").all()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_the_form_saves_what_the_participant_chose(tmp_path):
    form = AnswerForm(tmp_path, "max")
    form.name.value = "Cecilia"
    form.risk.value = "mycket_hog"
    form.checkboxes["hem_bristande_omsorg"].value = True
    form.checkboxes["vh_psykisk_ohalsa"].value = True
    form.motivation.value = "Tandvård och tillväxt"
    form.button.click()
    assert "Tack Cecilia" in form.message.value
    saved = json.loads(answer_path(tmp_path, "Cecilia", "max").read_text(encoding="utf-8"))
    assert saved["risk"] == "mycket_hog" and saved["ticked"] == ["hem_bristande_omsorg", "vh_psykisk_ohalsa"]
    form.clear()
    assert form.name.value == "" and form.risk.value is None and not any(b.value for b in form.checkboxes.values())


def test_the_form_asks_for_a_risk_rating_before_saving(tmp_path):
    form = AnswerForm(tmp_path, "max")
    form.name.value = "Cecilia"
    assert form.submit() is None
    assert "Välj en riskbedömning" in form.message.value
    assert not list(tmp_path.glob("*.json"))


def test_the_form_labels_come_from_the_codebook_in_english_too(tmp_path):
    form = AnswerForm(tmp_path, "max", lang="en")
    assert ("Very high risk", "mycket_hog") in form.risk.options
    assert form.checkboxes["hem_fysiskt_vald"].description == "Physical violence against the child"


# --- the results notebook on answers from simulated concurrent participants -------

_PHRASES = {"ingen_lag": "Svårigheter i gränssättning, fungerande skyddsfaktorer",
            "nagot_forhojd": "Hård uppfostringsstil",
            "hog": "Fysiskt våld mot barnet, bristande skyddsfaktorer"}


def _workshop_participant(folder, i):
    risk = ["ingen_lag", "nagot_forhojd", "nagot_forhojd", "hog"][i % 4]
    ticked = ["hem_fysiskt_vald"] + (["hem_bristande_omsorg", "vh_annat"] if risk == "hog" else [])
    save_answer(folder, make_answer(f"Deltagare {i}", "jamila", risk, ticked, _PHRASES[risk]))


def _run_results_notebook(folder, tmp_path):
    import papermill as pm
    from pathlib import Path

    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "workshop" / "resultat.ipynb"
    out = tmp_path / "resultat_out.ipynb"
    pm.execute_notebook(str(notebook), str(out), parameters={"mapp": str(folder), "vinjett": "jamila"},
                        progress_bar=False, cwd=str(notebook.parent), kernel_name="python3")
    import nbformat

    nb = nbformat.read(out, as_version=4)
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts.append(data.get("text/markdown", "") + data.get("text/plain", "") + data.get("text/html", ""))
    return "\n".join(texts)


@pytest.mark.parametrize("participants", [3, 60])
def test_results_notebook_on_concurrent_participants(tmp_path, participants):
    """The notebook shows what the projector shows: title, count, headline, Ni beside the report in percent."""
    folder = tmp_path / "svar"
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_workshop_participant, args=(folder, i)) for i in range(participants)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    shown = _run_results_notebook(folder, tmp_path).replace("\xa0", " ")
    assert "våld eller svårigheter" not in shown, "the report's title names the disagreement; the room sees the neutral one"
    assert f"{case_title('jamila')}</b> · {participants} har svarat" in shown
    modal = {3: "2 av 3", 60: "30 av 60"}[participants]
    assert f"{modal} valde samma nivå: något förhöjd risk." in shown
    assert f"Riskbedömningar i procent: ni ({participants} svar) och rapportens deltagare" in shown
    assert '<th scope="col">Ni</th><th scope="col">Rapporten</th>' in shown
    share = {3: "67 %", 60: "50 %"}[participants]
    assert f'<span class="value">{share}</span>' in shown, "the group's share of 'något förhöjd' in percent"
    assert "Datamaterialet" not in shown and "dtype" not in shown
    if participants >= 9:
        assert "gränssättning" in shown and "uppfostringsstil" in shown  # words grouped by rating
    else:
        assert "gränssättning" not in shown, "one or two answers at a level: their words would identify them"
        assert "Orden visas inte för risknivåer med färre än 3 svar" in shown


def test_results_notebook_reads_the_web_workshops_sqlite_file(tmp_path):
    store = SqliteStore(tmp_path / "workshop.sqlite")
    store.add_vignettes(["jamila"])
    for i, risk in enumerate(["hog", "hog", "hog", "nagot_forhojd", "inte_kant"]):
        store.submit(f"enhet-{i}", "Zelmira", make_answer("Zelmira", "jamila", risk, [], "Fysiskt våld mot barnet"))
    shown = _run_results_notebook(tmp_path / "workshop.sqlite", tmp_path).replace("\xa0", " ")
    assert "3 av 4 valde samma nivå: hög risk." in shown
    assert "1 svarade Inte känt och räknas inte i samstämmigheten." in shown, "a missing level is explained"
    assert "Zelmira" not in shown, "nicknames are not shown on the results"


def test_the_results_notebook_hides_its_code():
    notebook = Path(__file__).resolve().parents[1] / "notebooks" / "workshop" / "resultat.ipynb"
    cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    assert cells and all(c.metadata.get("jupyter", {}).get("source_hidden") for c in cells)
