"""The batch runner: validation, failure isolation, output files, warm kernels.

Most reports here run in one warm kernel, through a one-thread executor the
tests pass in (which is also the executor-injection test). The process-pool
path is exercised by the CLI test, marked slow.
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest
from bs4 import BeautifulSoup

from webbkollen_lib.core import labels
from webbkollen_lib.core.errors import DataError
from webbkollen_lib.io import datasets
from webbkollen_lib.io.registrations import read_registrations
from webbkollen_lib.reports import batch
from webbkollen_lib.reports import kinds
from webbkollen_lib.reports import warm_kernel
from webbkollen_lib.reports.batch import (
    BatchConfigError,
    atomic_write,
    run_batch,
    slug,
    swedish_sort_key,
    validate_batch,
)
from webbkollen_lib.reports.kinds import KINDS, ReportKind, get_kind
from webbkollen_lib.cli import build_parser, main

HERE = Path(__file__).parent
REPO = HERE.parent
NOTEBOOK = HERE / "data" / "notebooks" / "rapport.ipynb"
BROKEN = HERE / "data" / "notebooks" / "rapport_trasig.ipynb"  # raises for Södermalm
DATA = HERE / "data" / "batch" / "registreringar.csv"
ALL_2017 = ["Majorna-Linné", "Södermalm", "Tidaholm", "Umeå"]  # Swedish order


class RecordingExecutor(ThreadPoolExecutor):
    """A thread pool that remembers what it was given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitted = []

    def submit(self, fn, /, *args, **kwargs):
        self.submitted.append(args[0] if args else None)
        return super().submit(fn, *args, **kwargs)


@pytest.fixture(scope="module")
def executor():
    # one thread: every report of this module runs in the same warm kernel
    with RecordingExecutor(max_workers=1) as pool:
        yield pool


@pytest.fixture(scope="module")
def good_batch(tmp_path_factory, executor):
    out = tmp_path_factory.mktemp("good") / "reports"
    return run_batch(DATA, notebook=NOTEBOOK, out=out, executor=executor, progress=False)


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory, executor):
    """The broken fixture notebook for every municipality: the result and the tasks submitted."""
    out = tmp_path_factory.mktemp("broken") / "reports"
    before = len(executor.submitted)
    result = run_batch(DATA, notebook=BROKEN, out=out, executor=executor, progress=False)
    return result, executor.submitted[before:]


@pytest.fixture(scope="module")
def broken_batch(broken_run):
    return broken_run[0]


def probe_output(notebook_path) -> str:
    """The printed state a report inherited from its kernel (cell 3 of the fixture)."""
    nb = nbformat.read(notebook_path, as_version=4)
    probe = next(c for c in nb.cells if c.cell_type == "code" and "inherits from its kernel" in c.source)
    return "".join(o["text"] for o in probe.outputs if o.output_type == "stream")


def without_timings(notebook_path) -> dict:
    """The executed notebook without papermill's and nbclient's timing metadata."""
    nb = nbformat.read(notebook_path, as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    return nb


# --------------------------------------------------------------------------
# validation: nothing runs when a parameter is wrong
# --------------------------------------------------------------------------


def test_unknown_municipality_names_the_valid_ones(tmp_path):
    with pytest.raises(BatchConfigError) as info:
        validate_batch(DATA, notebook=NOTEBOOK, out=tmp_path / "r", kommun=["Umea", "Göteborg"])
    message = str(info.value)
    assert "'Umea' is not in the kommun column of registreringar.csv; did you mean 'Umeå'?" in message
    assert "'Göteborg' is not in the kommun column" in message
    assert "valid: Majorna-Linné, Södermalm, Tidaholm, Umeå" in message
    assert len(info.value.problems) == 2


def test_year_must_be_in_the_data(tmp_path):
    with pytest.raises(BatchConfigError, match=r"ar: 2015 is not in registreringar.csv; years in the data: 2016, 2017"):
        validate_batch(DATA, notebook=NOTEBOOK, out=tmp_path / "r", ar=2015)
    with pytest.raises(BatchConfigError, match=r"'Tidaholm' has no data in 2016 .*; it has 2017"):
        validate_batch(DATA, notebook=NOTEBOOK, out=tmp_path / "r", ar=2016, kommun="Tidaholm")


@pytest.mark.parametrize("min_cell", [0, -3, 2.5, "5", True, None])
def test_min_cell_must_be_a_whole_number_of_at_least_one(tmp_path, min_cell):
    with pytest.raises(BatchConfigError, match=r"min_cell: .* allowed: a whole number >= 1"):
        validate_batch(DATA, notebook=NOTEBOOK, out=tmp_path / "r", min_cell=min_cell)


def test_every_problem_is_reported_at_once(tmp_path):
    with pytest.raises(BatchConfigError) as info:
        validate_batch(
            DATA, notebook=NOTEBOOK, out=tmp_path / "r", ar="2017", lang="fi", engine="lukewarm", workers=0, timeout=-1
        )
    problems = info.value.problems
    assert [p.split(":")[0] for p in problems] == ["lang", "workers", "engine", "timeout", "ar"]
    assert "allowed: sv, en" in problems[0]
    assert "allowed: warm, fresh" in problems[2]


def test_notebook_must_define_the_parameters(tmp_path):
    def variant(name, source=None, tags=("parameters",)):
        nb = nbformat.read(NOTEBOOK, as_version=4)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        params.source = params.source if source is None else source
        params.metadata["tags"] = list(tags)
        nbformat.write(nb, tmp_path / name)
        return tmp_path / name

    original = nbformat.read(NOTEBOOK, as_version=4).cells[1].source
    with pytest.raises(
        BatchConfigError, match=r"does not define min_cell; it must define kommun, ar, data, lang, min_cell"
    ):
        validate_batch(DATA, notebook=variant("a.ipynb", original.replace("min_cell = 5\n", "")), out=tmp_path / "r")
    with pytest.raises(BatchConfigError, match=r"has no cell tagged 'parameters'"):
        validate_batch(DATA, notebook=variant("b.ipynb", tags=()), out=tmp_path / "r")
    with pytest.raises(BatchConfigError, match=r"notebook: .*missing.ipynb does not exist"):
        validate_batch(DATA, notebook=tmp_path / "missing.ipynb", out=tmp_path / "r")
    # annotations, and comments with '=' that papermill's own parser trips over, are fine
    annotated = (
        'kommun: str = "Umeå"\nar: int = 2017\ndata: str = ""  # empty = the shipped data\n'
        'lang: str = "sv"\nmin_cell: int = 5\njamforelse: list | None = None  # None = all'
    )
    assert validate_batch(DATA, notebook=variant("c.ipynb", annotated), out=tmp_path / "r").kommuner


def test_papermill_parameter_warnings_are_silenced_only_inside_the_runner(tmp_path, executor, caplog):
    # papermill's line patterns reject this valid cell and would warn for every report
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells[1].source = nb.cells[1].source.replace('data = "../batch/registreringar.csv"', 'data = ""  # "" = shipped')
    nbformat.write(nb, tmp_path / "comment.ipynb")
    with caplog.at_level("WARNING", logger="papermill"):
        pm.inspect_notebook(str(tmp_path / "comment.ipynb"))
    assert "Unable to parse line 3" in caplog.text, "outside the runner papermill still warns"
    caplog.clear()
    with caplog.at_level("WARNING", logger="papermill"):
        result = run_batch(
            DATA,
            notebook=tmp_path / "comment.ipynb",
            out=tmp_path / "r",
            kommun="Umeå",
            executor=executor,
            progress=False,
        )
    assert result.ok and "Umeå 2017: 24 registreringar" in Path(result.reports.loc[0, "html"]).read_text("utf-8")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("papermill")] == []


def test_bad_data_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "kommun,ar,tillfalle,kon,alder\nUmeå,2017,avslut,pojke,7\nUmeå,tjugo,avslut,flicka,9\n", encoding="utf-8"
    )
    expected = (
        r"(?s)data: .*bad.csv: 1 problem found\n      - line 3, column 'ar': not a whole number \(value 'tjugo'\)"
    )
    with pytest.raises(BatchConfigError, match=expected):
        validate_batch(bad, notebook=NOTEBOOK, out=tmp_path / "r")


def test_defaults_are_the_latest_year_and_everyone_in_it(tmp_path):
    plan = validate_batch(DATA, notebook=NOTEBOOK, out=tmp_path / "r")
    assert (plan.ar, plan.kommuner) == (2017, tuple(ALL_2017))
    assert validate_batch(DATA, notebook=NOTEBOOK, out=tmp_path / "r", ar=2016).kommuner == ("Umeå",)
    # a single name, duplicates and any order: one run each, in Swedish order
    plan = validate_batch(DATA, notebook=NOTEBOOK, out=tmp_path / "r", kommun=["Umeå", "Södermalm", "Umeå"])
    assert plan.kommuner == ("Södermalm", "Umeå")
    assert plan.workers >= 1 and plan.data.is_absolute()


def test_without_data_or_notebook_the_shipped_ones_are_used_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing is looked up relative to the working directory
    plan = validate_batch(out=tmp_path / "r")
    assert plan.data == datasets.CASES_FILE.resolve() and plan.notebook == batch.DEFAULT_NOTEBOOK.resolve()
    assert (plan.ar, len(plan.kommuner)) == (2017, 8) and "Umeå" in plan.kommuner
    # read from the package with importlib.resources; in the checkout's editable install the
    # package's files are the repository's own, one copy each
    assert plan.data.samefile(REPO / "data" / "synthetic" / "registreringar.csv")
    assert plan.notebook.samefile(REPO / "notebooks" / "kommunrapport.ipynb")
    assert plan.data.parent == Path(str(resources.files("webbkollen_lib.shipped"))).resolve()


def test_cli_without_data_says_it_uses_the_shipped_data(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = main(["batch", "--out", str(tmp_path / "r"), "--kommun", "Umea"])
    err = capsys.readouterr().err
    assert code == 2, "the misspelt name stops the run before any kernel starts"
    assert f"No --data given: using the shipped synthetic data ({datasets.CASES_FILE})" in err
    assert "'Umea' is not in the kommun column of registreringar.csv; did you mean 'Umeå'?" in err
    assert not (tmp_path / "r").exists()
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "(default: the kind's shipped synthetic data, for kommun data/synthetic/registreringar.csv" in help_text
    assert "(default: the kind's one shipped in the package, for kommun notebooks/kommunrapport.ipynb" in help_text


def test_a_directory_the_runner_did_not_make_is_refused(tmp_path, executor):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("do not delete")
    submitted = len(executor.submitted)
    with pytest.raises(BatchConfigError, match=r"out: .* is not empty and was not made by webbkollen batch"):
        run_batch(DATA, notebook=NOTEBOOK, out=out, executor=executor, progress=False)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]
    assert len(executor.submitted) == submitted, "nothing may run before the parameters are valid"


def test_cli_rejects_bad_parameters_before_running(tmp_path, capsys):
    code = main(
        [
            "batch",
            "--data",
            str(DATA),
            "--notebook",
            str(NOTEBOOK),
            "--out",
            str(tmp_path / "r"),
            "--kommun",
            "Umea",
            "--min-cell",
            "0",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "did you mean 'Umeå'?" in err and "valid: Majorna-Linné, Södermalm, Tidaholm, Umeå" in err
    assert "min_cell: 0" in err
    assert not (tmp_path / "r").exists()


def test_swedish_order_and_file_names():
    names = ["Örebro", "Umeå", "Åre", "Ängelholm", "Alingsås", "Zinkgruvan", "Eda", "Écija"]
    assert sorted(names, key=swedish_sort_key) == [
        "Alingsås",
        "Écija",
        "Eda",
        "Umeå",
        "Zinkgruvan",
        "Åre",
        "Ängelholm",
        "Örebro",
    ]
    assert [slug(n) for n in ["Majorna-Linné", "Södermalm", "Upplands Väsby", "Åre"]] == [
        "majorna-linne",
        "sodermalm",
        "upplands-vasby",
        "are",
    ]
    assert batch._unique_slugs(["Umeå", "Umea", "Index"]) == {"Umeå": "umea", "Umea": "umea-2", "Index": "index-2"}


# --------------------------------------------------------------------------
# running: failure isolation, index, HTML
# --------------------------------------------------------------------------


def test_the_executor_passed_in_runs_every_report(broken_run):
    _, submitted = broken_run
    assert sorted(task.kommun for task in submitted) == ALL_2017
    assert {task.engine_name for task in submitted} == {"webbkollen_warm"}


def test_one_failing_municipality_does_not_stop_the_others(broken_batch):
    reports = broken_batch.reports.set_index("kommun")
    assert list(reports.index) == ALL_2017
    assert reports["status"].to_dict() == {"Majorna-Linné": "ok", "Södermalm": "failed", "Tidaholm": "ok", "Umeå": "ok"}
    assert not broken_batch.ok and broken_batch.failed == ["Södermalm"]
    assert (
        reports.loc["Södermalm", "error"]
        == "RuntimeError: Testfel: rapporten för Södermalm går sönder med flit (cell [7])"
    )
    assert reports["error"].drop("Södermalm").isna().all()

    # the failed report has no HTML but keeps its executed notebook, with the traceback
    assert reports.loc["Södermalm", "html"] is None
    assert not (broken_batch.out / "sodermalm.html").exists()
    kept = nbformat.read(reports.loc["Södermalm", "notebook"], as_version=4)
    errors = [o for c in kept.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [(e.ename, e.evalue) for e in errors] == [
        ("RuntimeError", "Testfel: rapporten för Södermalm går sönder med flit")
    ]
    # the others are complete
    for name in ["Majorna-Linné", "Tidaholm", "Umeå"]:
        assert Path(reports.loc[name, "html"]).is_file() and Path(reports.loc[name, "notebook"]).is_file()

    summary = broken_batch.summary()
    assert "3 av 4 rapporter klara." in summary and "Misslyckades: Södermalm." in summary
    assert str(broken_batch.index) in summary
    assert "Failed: Södermalm." in broken_batch.summary("en")


def test_index_lists_every_report_with_its_status(broken_batch):
    page = BeautifulSoup(broken_batch.index.read_text(encoding="utf-8"), "html.parser")
    assert page.html["lang"] == "sv" and page.title.string == "Kommunrapporter 2017"
    assert page.find(class_="summary").get_text() == "3 av 4 rapporter klara. Misslyckades: Södermalm."
    # each row: the unit as its row header, then its cells
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all(["th", "td"])] for tr in page.tbody.find_all("tr")]
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("Majorna-Linné", "✓ Klar", "majorna-linne.ipynb"),
        ("Södermalm", "✗ Misslyckades", "sodermalm.ipynb"),
        ("Tidaholm", "✓ Klar", "tidaholm.ipynb"),
        ("Umeå", "✓ Klar", "umea.ipynb"),
    ]
    assert "RuntimeError: Testfel" in rows[1][4]
    links = {a.get_text(): a["href"] for a in page.tbody.find_all("a")}
    assert links["Umeå"] == "umea.html" and links["sodermalm.ipynb"] == "notebooks/sodermalm.ipynb"
    assert "Södermalm" not in links, "a failed report has no report to link to"
    for href in links.values():
        assert (broken_batch.out / href).is_file()


def external_resources(page: str) -> list[str]:
    """Every URL in ``page`` that a browser would fetch from the network."""
    soup = BeautifulSoup(page, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in ("src", "href", "srcset", "data", "poster", "action"):
            value = tag.get(attribute)
            if (
                value
                and not value.startswith(("data:", "#"))
                and (":" in value.split("/")[0] or value.startswith("//"))
            ):
                found.append(f"<{tag.name} {attribute}={value}>")
    css = "\n".join(style.get_text() for style in soup.find_all("style"))
    import re

    found += re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", css)
    found += re.findall(r"@import[^;]*", css)
    return found


def test_reports_are_self_contained_html_without_code(good_batch):
    page = (good_batch.out / "umea.html").read_text(encoding="utf-8")
    assert external_resources(page) == []
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == "sv" and soup.title.string == "Kommunrapport Umeå 2017"
    assert soup.find_all("script", src=True) == []
    images = soup.find_all("img")
    assert len(images) == 1 and images[0]["src"].startswith("data:image/png;base64,")
    assert images[0]["alt"] == "Diagram"
    text = soup.get_text()
    assert "Umeå 2017: 24 registreringar" in text
    assert "import pandas" not in text and "sns.histplot" not in text, "code must not be shown"
    assert "@media print" in page
    # the check above is not vacuous: nbconvert's stock template loads require.js from a CDN
    from nbconvert import HTMLExporter

    stock, _ = HTMLExporter(template_name="lab").from_filename(str(good_batch.out / "notebooks" / "umea.ipynb"))
    assert any("cdnjs.cloudflare.com" in r for r in external_resources(stock))


def test_min_cell_and_lang_reach_the_notebook_and_the_index(tmp_path, executor, good_batch):
    # Tidaholm 2017 has 5 flickor and 4 pojkar (see the CSV); the fixture hides counts below min_cell
    def counts(page):
        table = BeautifulSoup(Path(page).read_text(encoding="utf-8"), "html.parser").find("table")
        return {tr.th.get_text(): tr.td.get_text() for tr in table.tbody.find_all("tr")}

    assert counts(good_batch.out / "tidaholm.html") == {"flicka": "5.0", "pojke": "NaN"}
    english = run_batch(
        DATA,
        notebook=NOTEBOOK,
        out=tmp_path / "r",
        kommun="Tidaholm",
        min_cell=6,
        lang="en",
        executor=executor,
        progress=False,
    )
    assert counts(english.reports.loc[0, "html"]) == {"flicka": "NaN", "pojke": "NaN"}
    report = BeautifulSoup(Path(english.reports.loc[0, "html"]).read_text(encoding="utf-8"), "html.parser")
    assert report.html["lang"] == "en" and report.title.string == "Municipal report Tidaholm 2017"
    index = BeautifulSoup(english.index.read_text(encoding="utf-8"), "html.parser")
    assert index.title.string == "Municipal reports 2017"
    assert [th.get_text() for th in index.thead.find_all("th")][:2] == ["Municipality/city district", "Status"]
    assert english.summary().startswith("1 of 1 reports done.")


# --------------------------------------------------------------------------
# files: atomic writes and clean reruns
# --------------------------------------------------------------------------


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "index.html"
    atomic_write(target, "old")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(batch.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"], "no temporary file may be left behind"


def test_rerun_replaces_the_previous_output_cleanly(tmp_path, executor, good_batch, monkeypatch):
    out = tmp_path / "reports"
    shutil.copytree(good_batch.out, out)
    (out / "anteckningar.txt").write_text("the analyst's own file")
    (out / ".umea.html.0123.tmp").write_text("left by a crashed run")
    renames = []
    real_replace = os.replace
    monkeypatch.setattr(
        batch.os, "replace", lambda src, dst: (renames.append((Path(src), Path(dst))), real_replace(src, dst))
    )

    # Södermalm now fails, Umeå succeeds again, the other two are left out
    result = run_batch(DATA, notebook=BROKEN, out=out, kommun=["Umeå", "Södermalm"], executor=executor, progress=False)

    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == [
        ".webbkollen-batch.json",
        "anteckningar.txt",
        "index.html",
        "notebooks/sodermalm.ipynb",
        "notebooks/umea.ipynb",
        "umea.html",
    ]
    assert list(result.reports["kommun"]) == ["Södermalm", "Umeå"]
    assert "Majorna-Linné" not in result.index.read_text(encoding="utf-8")
    assert "RuntimeError" in (out / "notebooks" / "sodermalm.ipynb").read_text(encoding="utf-8")
    # every file of this run arrived by renaming a temporary file in the same directory
    written = {dst for _, dst in renames}
    assert {out / f for f in files if f != "anteckningar.txt"} <= written
    for src, dst in renames:
        assert src.parent == dst.parent and src.name.startswith(f".{dst.name}.") and src.suffix == ".tmp"


# --------------------------------------------------------------------------
# warm kernels
# --------------------------------------------------------------------------


def test_warm_kernel_report_is_identical_to_a_fresh_kernel_report(tmp_path, executor, good_batch):
    # In the warm batch Umeå ran last, in a kernel that had already run three reports.
    kernels = warm_kernel.POOL.kernels()
    assert any(k.uses >= 4 for k in kernels), "the warm batch must have reused one kernel"
    fresh = run_batch(
        DATA,
        notebook=NOTEBOOK,
        out=tmp_path / "fresh",
        kommun="Umeå",
        engine="fresh",
        executor=executor,
        progress=False,
    )
    assert fresh.ok
    warm_nb = good_batch.out / "notebooks" / "umea.ipynb"
    fresh_nb = fresh.out / "notebooks" / "umea.ipynb"
    assert without_timings(warm_nb) == without_timings(fresh_nb)
    assert (good_batch.out / "umea.html").read_bytes() == (fresh.out / "umea.html").read_bytes()
    # and the comparison sees what matters: the figure and the probe of inherited state
    assert any("image/png" in o.get("data", {}) for c in without_timings(warm_nb).cells for o in c.get("outputs", []))
    assert "'display.max_rows': 60" in probe_output(warm_nb) and "'axes.grid': False" in probe_output(warm_nb)


@pytest.mark.slow
def test_municipality_report_from_a_warm_kernel_is_identical_to_a_fresh_kernel_report(tmp_path, executor):
    """The shipped report keeps what every report of a year shares in its kernel (the data file read,
    the year counted per municipality, keyed by the file's stamp): a report made after others, with
    other parameters, must be byte for byte the one a fresh kernel makes."""
    names = ["Majorna-Linné", "Södermalm", "Umeå"]
    before = run_batch(kommun=names, out=tmp_path / "before", executor=executor, progress=False)
    warm = run_batch(kommun="Umeå", lang="en", min_cell=3, out=tmp_path / "warm", executor=executor, progress=False)
    fresh = run_batch(kommun="Umeå", lang="en", min_cell=3, out=tmp_path / "fresh", engine="fresh",
                      executor=executor, progress=False)
    assert before.ok and warm.ok and fresh.ok
    warm_nb, fresh_nb = warm.out / "notebooks" / "umea.ipynb", fresh.out / "notebooks" / "umea.ipynb"
    assert without_timings(warm_nb) == without_timings(fresh_nb)
    assert (warm.out / "umea.html").read_bytes() == (fresh.out / "umea.html").read_bytes()
    assert "data:image/svg+xml;base64," in (warm.out / "umea.html").read_text(encoding="utf-8"), "figures are compared too"


def test_warm_kernel_does_not_leak_a_variable_or_figure_into_the_next_report(tmp_path, executor):
    def notebook(name, *sources):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, tmp_path / name)
        return str(tmp_path / name)

    a = notebook(
        "a.ipynb",
        "import os\nimport matplotlib.pyplot as plt\nsecret = 42\nprint(os.getpid())",
        "plt.ioff()\nfig = plt.figure()  # not shown, so not closed by the inline backend\n"
        "%config InlineBackend.figure_formats = ['svg']",
    )
    b = notebook(
        "b.ipynb",
        "import os\nimport matplotlib.pyplot as plt\nprint(os.getpid())",
        "print('secret' in globals(), plt.get_fignums(), plt.isinteractive())",
        "plt.plot([1, 2, 3])\nplt.show()",
    )

    def run(path):
        return executor.submit(
            pm.execute_notebook, path, None, engine_name="webbkollen_warm", progress_bar=False
        ).result()

    ran_a, ran_b = run(a), run(b)
    assert ran_a.cells[0].outputs[0].text == ran_b.cells[0].outputs[0].text, "both must run in the same kernel"
    assert ran_b.cells[1].outputs[0].text == "False [] True\n"
    assert set(ran_b.cells[2].outputs[0].data) == {"image/png", "text/plain"}, "A's svg setting must not carry over"
    assert ran_b.cells[2].execution_count == 3, "execution counts restart in every report"


def test_without_the_reset_the_comparison_would_fail(executor, monkeypatch, good_batch):
    """Negative control: the probe does see what a report leaves behind."""
    tasks = {
        name: batch._task(validate_batch(DATA, notebook=NOTEBOOK, out=good_batch.out, kommun=name), name, slug(name))
        for name in ("Södermalm", "Umeå")
    }
    monkeypatch.setattr(warm_kernel.WarmKernel, "reset", lambda self, cwd: None)
    try:
        executor.submit(batch.execute_report, tasks["Södermalm"]).result()
        leaky = executor.submit(batch.execute_report, tasks["Umeå"]).result()
    finally:
        warm_kernel.POOL.shutdown()  # that kernel is dirty now
    nb = nbformat.reads(leaky.notebook_json, as_version=4)
    probe = "".join(o["text"] for c in nb.cells if "inherits from its kernel" in c.source for o in c.outputs)
    assert "'df'" in probe and "'display.max_rows': 20" in probe and "'environ': 'Södermalm'" in probe
    assert "'axes.grid': True" in probe and "'FutureWarning ignored': True" in probe
    assert probe != probe_output(good_batch.out / "notebooks" / "umea.ipynb")


@pytest.mark.slow
def test_a_dead_or_stuck_kernel_fails_only_its_report(tmp_path, executor):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(
        5,
        nbformat.v4.new_code_cell(
            'if kommun == "Tidaholm":\n    os.kill(os.getpid(), 9)\n'
            'if kommun == "Majorna-Linné":\n    __import__("time").sleep(60)'
        ),
    )
    nasty = tmp_path / "nasty.ipynb"
    nbformat.write(nb, nasty)
    result = run_batch(
        DATA,
        notebook=nasty,
        out=tmp_path / "r",
        kommun=["Majorna-Linné", "Tidaholm", "Umeå"],
        timeout=5,
        executor=executor,
        progress=False,
    )
    reports = result.reports.set_index("kommun")
    assert reports.loc["Tidaholm", "status"] == "failed" and "DeadKernelError" in reports.loc["Tidaholm", "error"]
    assert (
        reports.loc["Majorna-Linné", "status"] == "failed"
        and "CellTimeoutError" in reports.loc["Majorna-Linné", "error"]
    )
    assert reports.loc["Umeå", "status"] == "ok", "the next report gets a new kernel"
    for name in ("Tidaholm", "Majorna-Linné"):
        assert Path(reports.loc[name, "notebook"]).is_file(), "the partly executed notebook is kept"


@pytest.mark.slow
def test_cli_runs_a_process_pool_and_exits_non_zero_on_failure(tmp_path, capsys):
    out = tmp_path / "reports"
    code = main(
        [
            "batch",
            "--data",
            str(DATA),
            "--notebook",
            str(BROKEN),
            "--out",
            str(out),
            "--kommun",
            "Södermalm",
            "--kommun",
            "Tidaholm",
            "--workers",
            "2",
            "--no-progress",
        ]
    )
    stdout = capsys.readouterr().out
    assert code == 1
    assert "1 av 2 rapporter klara." in stdout and "Södermalm: RuntimeError" in stdout
    assert str(out / "index.html") in stdout
    assert (out / "tidaholm.html").is_file() and (out / "notebooks" / "sodermalm.ipynb").is_file()


def test_cli_is_a_subcommand_dispatcher(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0 and "batch" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


# --------------------------------------------------------------------------
# report kinds: the registry, --report, and a second kind end to end
# --------------------------------------------------------------------------


def test_the_registry_holds_the_municipality_report_as_default():
    assert list(KINDS)[0] == kinds.DEFAULT_KIND == "kommun"
    kommun = get_kind("kommun")
    assert kommun is KINDS["kommun"] and get_kind(kommun) is kommun
    assert kommun.notebook == "kommunrapport.ipynb" and kommun.notebook_path() == batch.DEFAULT_NOTEBOOK
    assert kommun.data_path() == datasets.CASES_FILE
    assert kommun.read is read_registrations
    assert kommun.parameters == batch.NOTEBOOK_PARAMETERS == ("kommun", "ar", "data", "lang", "min_cell")
    assert kommun.uses_year and (kommun.unit_parameter, kommun.unit_column) == ("kommun", "kommun")
    # the units: municipalities with the years they have registrations in
    assert kommun.units(read_registrations(DATA)) == {
        "Umeå": {2016, 2017}, "Södermalm": {2017}, "Tidaholm": {2017}, "Majorna-Linné": {2017}
    }
    assert kommun.title("sv", ar=2017) == "Kommunrapporter 2017"
    assert kommun.report_title("Umeå", "en", ar=2017) == "Municipal report Umeå 2017"
    assert kommun.word("name", "sv") == "Kommunrapport"


def test_the_default_data_is_looked_up_at_each_run(monkeypatch, tmp_path):
    # the exercises' checks point the shipped data elsewhere for a session
    monkeypatch.setattr(datasets, "CASES_FILE", DATA)
    assert get_kind("kommun").data_path() == DATA
    assert validate_batch(out=tmp_path / "r").data == DATA.resolve()


def test_an_unknown_kind_names_the_allowed_ones():
    with pytest.raises(ValueError, match=r"^'komun' is not a report kind; allowed: kommun, oj2015, ubu, kartlaggning \(did you mean 'kommun'\?\)$"):
        get_kind("komun")
    with pytest.raises(ValueError, match=r"^'lansrapport' is not a report kind; allowed: kommun, oj2015, ubu, kartlaggning$"):
        get_kind("lansrapport")
    with pytest.raises(ValueError, match=r"None is not a report kind"):
        get_kind(None)


def test_a_kind_must_ask_only_for_parameters_the_runner_passes():
    base = dict(name="toy", notebook="x.ipynb", default_data=DATA, read=pd.read_csv, units=dict)
    with pytest.raises(ValueError, match=r"cannot pass kommun; parameters are taken from enhet, ar, data, lang"):
        ReportKind(**base, parameters=("enhet", "kommun", "data"), unit_parameter="enhet")
    with pytest.raises(ValueError, match=r"parameters must include 'data'"):
        ReportKind(**base, parameters=("kommun", "ar"))
    with pytest.raises(ValueError, match=r"has no year \(uses_year=False\) but passes 'ar'"):
        ReportKind(**base, parameters=("kommun", "ar", "data"), uses_year=False)
    with pytest.raises(ValueError, match=r"must be a simple name"):
        ReportKind(**{**base, "name": "två ord"}, parameters=("kommun", "data"))


@pytest.mark.parametrize("name", list(KINDS))
def test_every_registered_kind_ships_its_notebook_data_and_words(name):
    kind = KINDS[name]
    assert kind.name == name
    # the notebook exists in the package, defines the kind's parameters, and the wheel ships it
    notebook = kind.notebook_path()
    assert notebook.is_file(), f"{name}: {notebook} does not exist"
    assert batch._notebook_problems(notebook, kind.parameters) == []
    assert not Path(kind.notebook).is_absolute(), "a registered kind's notebook is shipped in the package"
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert kind.notebook in pyproject["tool"]["setuptools"]["package-data"][kinds.NOTEBOOK_PACKAGE]
    # the default data exists, reads cleanly and has units to report on
    data = kind.data_path()
    assert data.is_file(), f"{name}: {data} does not exist"
    units = kind.units(kind.read(data))
    assert units and all(isinstance(u, str) and u for u in units)
    if kind.uses_year:
        assert all(years for years in units.values()), "every unit of a kind with years has a year"
    # the index page's words, in every language
    for word in kinds.KIND_WORDS:
        for lang in labels.LANGS:
            assert kind.word(word, lang, unit="X", ar=2017).strip()
    assert "{unit}" in labels.text(f"batch.kind.{name}.report_title")


def test_the_default_kind_gives_the_same_plan_as_before(tmp_path):
    before = validate_batch(DATA, notebook=NOTEBOOK, out=tmp_path / "r")
    named = validate_batch(DATA, report="kommun", notebook=NOTEBOOK, out=tmp_path / "r")
    assert named == before and named.report == "kommun" and named.kind is KINDS["kommun"]
    assert (named.ar, named.kommuner) == (2017, tuple(ALL_2017))
    # without a notebook: the kind's, which is the shipped report notebook as before
    assert validate_batch(DATA, out=tmp_path / "r").notebook == batch.DEFAULT_NOTEBOOK.resolve()
    # the notebook gets the same parameters, in the same order, and the page the same title
    task = batch._task(named, "Umeå", "umea")
    assert list(task.parameters.items()) == [
        ("kommun", "Umeå"), ("ar", 2017), ("data", str(DATA.resolve())), ("lang", "sv"), ("min_cell", 5)
    ]
    assert task.title == "Kommunrapport Umeå 2017"


def test_an_unknown_kind_is_reported_with_the_other_problems(tmp_path):
    with pytest.raises(BatchConfigError) as info:
        validate_batch(DATA, report="lansrapport", notebook=NOTEBOOK, out=tmp_path / "r", lang="fi")
    assert info.value.problems == [
        "report: 'lansrapport' is not a report kind; allowed: kommun, oj2015, ubu, kartlaggning",
        "lang: 'fi' is not a supported language; allowed: sv, en",
    ]


def test_cli_parses_report_and_lists_the_kinds(capsys):
    assert build_parser().parse_args(["batch"]).report == "kommun"
    assert build_parser().parse_args(["batch", "--report", "kommun"]).report == "kommun"
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--report KIND report kind, one of: kommun, oj2015, ubu, kartlaggning (default: kommun" in help_text


def test_cli_refuses_an_unknown_kind_as_a_usage_error(tmp_path, capsys):
    code = main(["batch", "--report", "lansrapport", "--out", str(tmp_path / "r"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert "webbkollen batch: 1 problem with the batch parameters" in err
    assert "report: 'lansrapport' is not a report kind; allowed: kommun, oj2015, ubu, kartlaggning" in err
    assert "No --data given" not in err, "an unknown kind has no shipped data to name"
    assert not (tmp_path / "r").exists()


# A second kind, defined here: one report per "enhet" of a tiny table, without years,
# a notebook with its own parameters, and its own words in the catalogue.

TOY_WORDS = {
    "name": {"sv": "Leksaksrapport", "en": "Toy report"},
    "title": {"sv": "Leksaksrapporter", "en": "Toy reports"},
    "report_title": {"sv": "Leksaksrapport {unit}", "en": "Toy report {unit}"},
    "unit": {"sv": "Enhet", "en": "Unit"},
}


def read_toy(path) -> pd.DataFrame:
    frame = pd.read_csv(path)
    if "enhet" not in frame:
        raise DataError(path, [f"no column 'enhet'; the columns are {', '.join(frame.columns)}"])
    return frame


def toy_units(frame: pd.DataFrame) -> dict[str, set[int]]:
    return {str(e): set() for e in frame["enhet"].dropna().unique()}


@pytest.fixture
def toy_kind(tmp_path, monkeypatch):
    data = tmp_path / "toy.csv"
    data.write_text("enhet,varde\nBeta,2\nAlfa,1\nAlfa,3\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('enhet = ""\ndata = ""\nlang = "sv"', metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell(
                "import pandas as pd\nrows = pd.read_csv(data)\n"
                "print(f\"{enhet}: {int(rows.loc[rows['enhet'] == enhet, 'varde'].sum())} ({lang})\")"
            ),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = tmp_path / "leksak.ipynb"
    nbformat.write(nb, notebook)
    for word, texts in TOY_WORDS.items():
        monkeypatch.setitem(labels.catalogue(), f"batch.kind.toy.{word}", texts)
    return ReportKind(
        name="toy",
        notebook=notebook,
        default_data=data,
        read=read_toy,
        units=toy_units,
        parameters=("enhet", "data", "lang"),
        unit_parameter="enhet",
        unit_column="enhet",
        uses_year=False,
    )


def test_a_second_kind_runs_end_to_end_with_its_own_units_and_title(tmp_path, executor, toy_kind):
    result = run_batch(report=toy_kind, out=tmp_path / "r", executor=executor, progress=False)
    assert result.ok and result.plan.report == "toy" and result.plan.ar is None
    assert list(result.reports["kommun"]) == ["Alfa", "Beta"], "the kind's units, in Swedish order"
    assert result.plan.notebook == toy_kind.notebook and result.plan.data == toy_kind.default_data

    alfa = BeautifulSoup((result.out / "alfa.html").read_text(encoding="utf-8"), "html.parser")
    assert alfa.title.string == "Leksaksrapport Alfa"
    assert "Alfa: 4 (sv)" in alfa.get_text() and "Beta:" not in alfa.get_text()
    assert "Beta: 2 (sv)" in (result.out / "beta.html").read_text(encoding="utf-8")
    executed = nbformat.read(result.out / "notebooks" / "alfa.ipynb", as_version=4)
    injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert batch._assigned_names(injected.source) == {"enhet", "data", "lang"} and 'enhet = "Alfa"' in injected.source

    index = BeautifulSoup(result.index.read_text(encoding="utf-8"), "html.parser")
    assert index.title.string == "Leksaksrapporter" == index.h1.string
    assert [th.get_text() for th in index.thead.find_all("th")][0] == "Enhet"
    assert json.loads((result.out / ".webbkollen-batch.json").read_text(encoding="utf-8"))["report"] == "toy"


def test_a_second_kind_validates_by_its_own_rules(tmp_path, toy_kind):
    with pytest.raises(BatchConfigError) as info:
        validate_batch(report=toy_kind, out=tmp_path / "r", ar=2017, kommun=["Alfa", "Gamma"])
    assert info.value.problems == [
        "ar: the toy report has no year; leave ar out",
        "kommun: 'Gamma' is not in the enhet column of toy.csv valid: Alfa, Beta",
    ]
    # its reader checks the data, and its notebook must define its parameters, not the municipality report's
    with pytest.raises(BatchConfigError, match=r"data: .*registreringar.csv: 1 problem found\n      - no column 'enhet'"):
        validate_batch(DATA, report=toy_kind, out=tmp_path / "r")
    with pytest.raises(BatchConfigError, match=r"does not define enhet; it must define enhet, data, lang"):
        validate_batch(report=toy_kind, notebook=NOTEBOOK, out=tmp_path / "r")


def test_cli_looks_a_kind_up_in_the_registry(tmp_path, capsys, monkeypatch, toy_kind):
    monkeypatch.setitem(KINDS, "toy", toy_kind)
    code = main(["batch", "--report", "toy", "--kommun", "Alfa", "--ar", "2017", "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"No --data given: using the shipped synthetic data ({toy_kind.default_data})" in err
    assert "ar: the toy report has no year" in err
    assert not (tmp_path / "r").exists()
