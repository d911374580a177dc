"""Answer cells forgive the slips a social worker makes (issue 18, item 1).

Each anticipated slip is typed into a real IPython shell after the exercise's
set-up (``setup_exercise()``), as a participant types it: the cell runs
without a Python error, shows in Swedish what it read and how to write it
next time, and the check below marks the answer. An answer whose cell was
never run gets "Du har inte svarat än – kör cellen ovanför" from the check
instead of a NameError. One test runs the same slips through a Jupyter
kernel (nbclient), as in the notebooks.
"""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

from webbkollen_lib.teaching import exercises as ex
from webbkollen_lib.teaching.exercises import answer_cells

ENGLISH_ERRORS = ("Traceback", "SyntaxError", "NameError", "Error", "is not defined", "invalid syntax")


@pytest.fixture(scope="module")
def shell():
    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    sh = InteractiveShell.instance(config=config)
    ex.setup_exercise(sh)
    sh.run_cell("from webbkollen_lib.teaching.exercises import check\nfrom webbkollen_lib import load_cases\nfall = load_cases()")
    yield sh


@pytest.fixture(autouse=True)
def lenient(monkeypatch):
    monkeypatch.delenv(ex.STRICT_ENV, raising=False)


def run(shell, capsys, cell: str) -> str:
    result = shell.run_cell(cell)
    out = capsys.readouterr()
    text = out.out + out.err
    assert result.success, f"{cell!r} failed: {text}"
    for word in ENGLISH_ERRORS:
        assert word not in text, f"{cell!r} gave {word!r}: {text}"
    return text


def forget(shell, *names):
    for name in names:
        shell.user_ns.pop(name, None)


# ---------------------------------------------------------------------------
# each anticipated slip: no Python error, Swedish guidance, the check marks it
# ---------------------------------------------------------------------------


def test_a_count_with_a_unit_is_read_as_the_number(shell, capsys):
    girls = ex.expected_answer("uppgift_1_1")
    text = run(shell, capsys, f"svar_1_1 = {girls} st  # Skriv ditt svar här")
    assert f"Jag läser svaret som talet {girls}" in text and "utan enhet" in text
    assert shell.user_ns["svar_1_1"] == girls
    assert "✔ Uppgift 1.1" in run(shell, capsys, 'check("uppgift_1_1", svar_1_1, fall);')


@pytest.mark.parametrize("typed", ["{p} %", "{p}%", "{p} procent"])
def test_a_share_written_in_per_cent_is_read_as_the_share(shell, capsys, typed):
    share = round(ex.expected_answer("uppgift_1_2"), 2)
    cell = "svar_1_2 = " + typed.format(p=round(100 * share))
    text = run(shell, capsys, cell)
    assert "som andelen" in text and "decimaltal med punkt" in text
    assert shell.user_ns["svar_1_2"] == pytest.approx(share)
    assert "✔ Uppgift 1.2" in run(shell, capsys, 'check("uppgift_1_2", svar_1_2, fall);')


def test_a_decimal_comma_is_read_as_a_decimal_not_a_pair(shell, capsys):
    share = f"{ex.expected_answer('uppgift_1_2'):.2f}"
    text = run(shell, capsys, f"svar_1_2 = {share.replace('.', ',')}")
    assert "decimaltal med punkt, inte komma" in text
    assert shell.user_ns["svar_1_2"] == pytest.approx(float(share))
    assert "✔ Uppgift 1.2" in run(shell, capsys, 'check("uppgift_1_2", svar_1_2, fall);')


def test_a_percentage_for_a_count_is_explained_not_accepted(shell, capsys):
    text = run(shell, capsys, "svar_1_1 = 46 %")
    assert "Skriv talet utan enhet" in text
    assert "inte en procentsats" in run(shell, capsys, 'check("uppgift_1_1", svar_1_1, fall);')


def test_a_bare_letter_is_read_as_the_letter(shell, capsys):
    right = sorted(ex.expected_answer("uppgift_1_3"))[0]
    text = run(shell, capsys, f"svar_1_3 = {right}")
    assert f'Jag läser svaret som bokstaven "{right}"' in text and "inom citattecken" in text
    assert "✔ Uppgift 1.3" in run(shell, capsys, 'check("uppgift_1_3", svar_1_3, fall);')


def test_a_bare_word_that_is_a_variable_stays_the_variable(shell, capsys):
    shell.run_cell("mitt_svar = 'c'")
    assert run(shell, capsys, "svar_1_3 = mitt_svar") == ""  # nothing to explain
    assert shell.user_ns["svar_1_3"] == "c"


def test_an_unquoted_name_is_read_as_the_text(shell, capsys):
    text = run(shell, capsys, "svar_6_3 = Fysiskt våld mot barnet")
    assert 'Jag läser svaret som texten "Fysiskt våld mot barnet"' in text
    assert shell.user_ns["svar_6_3"] == "Fysiskt våld mot barnet"
    assert "✔ Uppgift 6.3" in run(shell, capsys, 'check("uppgift_6_3", svar_6_3);')


def test_a_goal_with_quotation_marks_inside_is_read_whole(shell, capsys):
    goal = 'I dag säger Jamila "aj" när pappa tar i henne, tre gånger i veckan enligt förskolan. Inom sex månader ingen gång.'
    text = run(shell, capsys, f'svar_7_3 = "{goal}"')
    assert "mellan det första och det sista citattecknet" in text
    assert shell.user_ns["svar_7_3"] == goal
    assert "Uppgift 7.3" in run(shell, capsys, 'check("uppgift_7_3", svar_7_3);')


def test_a_goal_over_several_lines_is_read_as_one_text(shell, capsys):
    cell = 'svar_7_3 = "I dag bråkar de varje kväll.\nInom tre månader högst en gång i veckan,\nenligt föräldrarnas dagbok."'
    text = run(shell, capsys, cell)
    assert "en text på 3 rader" in text
    assert shell.user_ns["svar_7_3"] == ("I dag bråkar de varje kväll. Inom tre månader högst en gång i veckan, "
                                        "enligt föräldrarnas dagbok.")
    assert "✔ Uppgift 7.3" in run(shell, capsys, 'check("uppgift_7_3", svar_7_3);')


@pytest.mark.parametrize("cell, value", [
    ('svar_7_3 = "I dag slår pappa henne', "I dag slår pappa henne"),          # no closing quote
    ("svar_7_3 = I dag slår pappa henne\"", "I dag slår pappa henne"),         # no opening quote
    ("svar_7_3 = Jamila ska må bättre", "Jamila ska må bättre"),               # no quotes at all
    ("svar_7_3 = 'Jamila mår bättre'\"", "Jamila mår bättre'"),                # mixed quotes
])
def test_unbalanced_or_missing_quotes_in_a_text(shell, capsys, cell, value):
    text = run(shell, capsys, cell)
    assert "Svaret är sparat" in text
    assert shell.user_ns["svar_7_3"] == value


def test_a_number_task_answered_with_words_says_so(shell, capsys):
    text = run(shell, capsys, "svar_1_1 = ungefär tvåhundra")
    assert '"ungefär tvåhundra" är inget tal' in text
    assert "inget tal" in run(shell, capsys, 'check("uppgift_1_1", svar_1_1, fall);')


def test_a_parameter_without_quotes_is_read_as_text(shell, capsys):
    text = run(shell, capsys, 'KOMMUN = Tidaholm  # "Hammarö", "Tidaholm" eller "Umeå"')
    assert 'KOMMUN = "Tidaholm"' in text
    assert shell.user_ns["KOMMUN"] == "Tidaholm"


def test_answer_cell_not_run_yet_check_says_run_the_cell_above(shell, capsys):
    forget(shell, "svar_2_4")
    text = run(shell, capsys, 'check("uppgift_2_4", svar_2_4);')
    assert "Du har inte svarat än" in text
    assert "Kör först cellen ovanför, den där du skriver svar_2_4 = …" in text


def test_python_that_is_right_is_left_alone(shell, capsys):
    assert run(shell, capsys, 'svar_1_3 = "c"\nsvar_1_2 = 0.79') == ""
    assert shell.user_ns["svar_1_3"] == "c" and shell.user_ns["svar_1_2"] == 0.79
    assert run(shell, capsys, "svar_1_1 = ...  # Skriv ditt svar här") == ""
    assert "Du har inte svarat än" in run(shell, capsys, 'check("uppgift_1_1", svar_1_1, fall);')


def test_other_cells_keep_their_errors(shell, capsys):
    # the forgiveness is for answer and parameter cells only: a slip in ordinary code still shows
    for cell in ("antal = 192 st", "print(b_finns_inte)", "variabel = b_finns_inte"):
        assert not shell.run_cell(cell).success
        capsys.readouterr()


@pytest.mark.parametrize("cell", [
    "", "# bara en kommentar", "x = 1\nprint(x)", "%time 1", "svar_1_1 = 192 st\nprint('mer kod')",
    "for i in range(3):\n    svar_1_1 = i", "svar_1_1 =", 'check("uppgift_1_1", fall)',
    "def f(:\n  pass", "svar_1_1 == 3", "MIN_CELL = 5\nskyddad = MIN_CELL",
])
def test_transformer_leaves_other_cells_as_typed_and_never_raises(cell):
    lines = (cell + "\n").splitlines(keepends=True)
    assert answer_cells.transform_cell(lines) == lines


def test_setup_twice_registers_once(shell):
    ex.setup_exercise(shell)
    ex.setup_exercise(shell)
    ours = [t for t in shell.input_transformers_cleanup if t is answer_cells.transform_cell]
    assert len(ours) == 1
    assert isinstance(shell.user_ns[answer_cells.SESSION_NAME], answer_cells.AnswerSession)
    assert answer_cells.SESSION_NAME in shell.user_ns_hidden  # not listed by %who


@pytest.mark.parametrize("raw, kind, value, slip", [
    ("192 st", "count", 192, "number_unit"),
    ("192 stycken", "count", 192, "number_unit"),
    ("79 %", "share", 0.79, "percent_share"),
    ("79%", "share", 0.79, "percent_share"),
    ("0,73", "share", 0.73, "decimal_comma"),
    ("25 procentenheter", "points", 25.0, "number_unit"),
    ("46 %", "count", "46 %", "unit_mismatch"),
    ("många", "share", "många", "not_a_number"),
    ("b", "choice", "b", "letter"),
    ("B)", "choice", "B)", "text"),
    ('"a', "choice", "a", "letter"),
    ("Umeå", "name", "Umeå", "text"),
    ("rad ett\nrad två", "goal", "rad ett rad två", "multiline"),
    ('han sa "nej"', "goal", 'han sa "nej"', "quotes"),
])
def test_read_answer(raw, kind, value, slip):
    got, got_slip, fields = ex.read_answer(raw, kind)
    assert got == (pytest.approx(value) if isinstance(value, float) else value)
    assert got_slip == slip
    shown = answer_cells.guidance("svar_1_1", slip, fields)  # every slip's guidance fills without a missing field
    assert shown.status == "info" and shown.hint


# ---------------------------------------------------------------------------
# the same in a Jupyter kernel, as in the notebooks
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_slips_in_a_real_kernel(tmp_path, monkeypatch):
    monkeypatch.delenv(ex.STRICT_ENV, raising=False)
    cells = [
        "from webbkollen_lib.teaching.exercises import check, setup_exercise\nsetup_exercise()",
        "svar_1_3 = c",
        'check("uppgift_1_3", svar_1_3);',
        "svar_1_2 = 79 %",
        'svar_7_3 = "I dag säger hon "nej".\nInom sex månader ingen gång."',
        'check("uppgift_2_4", svar_2_4);',
        "print('klar')",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in nb.cells for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = "\n".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in outputs)
    assert 'bokstaven "c"' in shown and "som andelen 0.79" in shown and "på 2 rader" in shown
    assert "Du har inte svarat än" in shown and "Kör först cellen ovanför" in shown
    assert "klar" in shown  # every cell ran
