"""A wheel built from the checkout works on its own: installed elsewhere, run from elsewhere.

Everything the library reads must be inside the package (read with
importlib.resources), including the shipped synthetic data and the report
notebook, which stay at ``data/synthetic/`` and ``notebooks/`` in the checkout
and are mapped into the package at build time (``[tool.setuptools.package-dir]``).
These tests build the wheel, install it into a new environment outside the
checkout and use it from a directory outside the checkout.

How the environment is made, and why it is honest:

* The wheel is built with the development environment's pip
  (``pip wheel --no-deps --no-build-isolation``, which needs its setuptools)
  from a copy of the working tree without build products (``.git``, ``.venv``,
  ``build/``, ``*.egg-info``, ``__pycache__``, the batch's ``reports/``).
  Building in place would write ``build/`` and ``*.egg-info`` into a checkout
  that others use at the same time, and setuptools packs whatever a stale
  ``build/lib`` still holds.
* The new environment is a venv made without pip and without system site
  packages. Its third-party dependencies come from a ``.pth`` file naming a
  folder of links to every entry of the development environment's
  site-packages *except* the webbkollen ones (the editable install's finder,
  ``.pth`` and dist-info); the dependencies' Jupyter data files
  (nbconvert's templates, the kernelspec) are linked into the new
  environment's ``share/jupyter``, where pip would have put them. A path in a ``.pth`` file only extends ``sys.path``;
  ``.pth`` files inside that folder are not run. (``--system-site-packages``
  would not do: it would see the base interpreter, not these dependencies, and
  could see the checkout.) Before the wheel goes in, the tests check that
  ``webbkollen_lib`` cannot be imported there and that no ``sys.path`` entry is
  in the checkout.
* Every command runs with its working directory a temporary folder outside
  the checkout, without ``PYTHONPATH``, and with Jupyter's data and config
  folders set to empty temporary ones, so the report kernel is the new
  environment's own Python (checked).

About 20 s (the batch run starts a Jupyter kernel), hence ``slow``; it runs in
``make test`` like every other test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "webbkollen_lib"
SHIPPED = REPO / "data" / "synthetic"
REPORT_NOTEBOOK = REPO / "notebooks" / "kommunrapport.ipynb"

# build products and the runner's output: not part of what a wheel is built from
TOP_LEVEL_SKIP = {".git", ".venv", "build", "reports", "output", ".pytest_cache", ".hypothesis", ".benchmarks"}
# site-packages entries of the development environment that are the checkout's own install
OWN_INSTALL = ("webbkollen", "__editable__", "__editable___")


def _copy_ignore(directory: str, names: list[str]) -> set[str]:
    skip = {n for n in names if n in ("__pycache__", ".ipynb_checkpoints") or n.endswith(".egg-info")}
    if Path(directory) == REPO:
        skip |= TOP_LEVEL_SKIP & set(names)
    return skip


def _run(args, *, cwd: Path, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


def _inside(path, folder: Path) -> bool:
    """Whether ``path``, links followed, is in ``folder``."""
    return Path(path).resolve().is_relative_to(folder.resolve())


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """Build the wheel, make the environment, check it cannot see the library, install the wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    assert not _inside(tmp, REPO), "the temporary folder must be outside the checkout"
    work = tmp / "work"  # the working directory of every command
    work.mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUPYTER", "VIRTUAL_ENV"))}
    clean |= {
        "JUPYTER_DATA_DIR": str(tmp / "jupyter-data"),
        "JUPYTER_CONFIG_DIR": str(tmp / "jupyter-config"),
        "IPYTHONDIR": str(tmp / "ipython"),
    }

    # 1. the wheel, from a copy of the working tree
    source = tmp / "source"
    shutil.copytree(REPO, source, ignore=_copy_ignore, symlinks=True)
    wheelhouse = tmp / "wheelhouse"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-cache-dir",
          "--disable-pip-version-check", "-q", "-w", wheelhouse, "."], cwd=source, env=clean)
    (wheel,) = wheelhouse.glob("webbkollen-*.whl")

    # 2. a new environment whose only way to the dependencies is one .pth file
    prefix = tmp / "venv"
    venv.EnvBuilder(with_pip=False, system_site_packages=False, symlinks=os.name != "nt").create(prefix)
    bindir = prefix / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=work, env=clean).stdout.strip())
    deps = tmp / "deps"
    deps.mkdir()
    dev_sites = {Path(sysconfig.get_paths()[k]) for k in ("purelib", "platlib")}
    for dev_site in dev_sites:
        for entry in dev_site.iterdir():
            if entry.name.startswith(OWN_INSTALL) or entry.suffix == ".pth" or (deps / entry.name).exists():
                continue
            (deps / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    (site / "webbkollen-test-deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    # and their data files outside site-packages (nbconvert's templates, ipykernel's kernelspec),
    # where pip would put them: the environment's share/jupyter
    (prefix / "share" / "jupyter").mkdir(parents=True)
    for entry in (Path(sys.prefix) / "share" / "jupyter").iterdir():
        (prefix / "share" / "jupyter" / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    clean["PATH"] = os.pathsep.join([str(bindir), clean.get("PATH", "")])

    probe = (
        "import importlib.util, json, sys\n"
        "import pandas, papermill, nbconvert, ipykernel, scipy, statsmodels, seaborn, yaml\n"
        "print(json.dumps({'found': importlib.util.find_spec('webbkollen_lib') is not None, 'sys_path': sys.path}))\n"
    )
    before = json.loads(_run([python, "-c", probe], cwd=work, env=clean).stdout)

    # 3. the wheel, and nothing else, into the new environment
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "--no-cache-dir",
          "--disable-pip-version-check", "-q", wheel], cwd=work, env=clean)
    return {"tmp": tmp, "work": work, "env": clean, "wheel": wheel, "python": python, "bin": bindir,
            "prefix": prefix, "before": before}


def test_the_new_environment_cannot_see_the_checkout_before_the_wheel_is_installed(env):
    assert env["before"]["found"] is False, "webbkollen_lib was importable before the wheel was installed"
    on_path = [p for p in env["before"]["sys_path"] if p and _inside(p, REPO)]
    assert not on_path, f"the checkout is on the new environment's sys.path: {on_path}"


def test_the_wheel_holds_everything_the_library_reads(env):
    names = set(zipfile.ZipFile(env["wheel"]).namelist())
    # every package folder of the checkout (pyproject lists them one by one)
    folders = {p.parent.relative_to(REPO).as_posix() for p in PACKAGE.rglob("__init__.py") if "__pycache__" not in p.parts}
    missing = sorted(f for f in folders if f"{f}/__init__.py" not in names)
    assert not missing, f"packages not in the wheel (add them to [tool.setuptools] packages): {missing}"
    # every data file inside the package folders
    data = {p.relative_to(REPO).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert data, "the package has data files (codebook, published figures, vignettes, kommuner)"
    assert not sorted(data - names), f"data files not in the wheel: {sorted(data - names)}"
    for needed in ("webbkollen_lib/systems/webbkollen/codebook.yaml",
                   "webbkollen_lib/systems/webbkollen/data/published_figures.csv",
                   "webbkollen_lib/systems/webbkollen/data/vignettes/assi.yaml",
                   "webbkollen_lib/systems/kartlaggning2012/codebook.yaml",
                   "webbkollen_lib/systems/kartlaggning2012/data/published_figures.csv",
                   "webbkollen_lib/core/data/kommuner.csv",
                   "webbkollen_lib/web/templates/case.html", "webbkollen_lib/web/static/workshop.css",
                   "webbkollen_lib/web/static/projector.js", "webbkollen_lib/teaching/templates/live_view.html",
                   "webbkollen_lib/teaching/templates/live_notebook.css",
                   "webbkollen_lib/teaching/templates/pappersformular.html"):
        assert needed in names
    # the mapped folders: one copy in the checkout, the same bytes in the wheel
    with zipfile.ZipFile(env["wheel"]) as wheel:
        for name in ("registreringar.csv", "vinjettbedomningar.csv", "ubu_enkater.csv", "ubu_utforare.csv",
                     "ubu_avslutade.csv", "kartlaggning_2012.csv", "kartlaggning_2012_prioriteringar.csv",
                     "README.md"):
            assert wheel.read(f"webbkollen_lib/shipped/{name}") == (SHIPPED / name).read_bytes(), name
        assert wheel.read("webbkollen_lib/reports/notebooks/kommunrapport.ipynb") == REPORT_NOTEBOOK.read_bytes()
    # from notebooks/ only the report notebooks (and the __init__.py that makes the mapping work)
    from_notebooks = sorted(n for n in names if n.startswith("webbkollen_lib/reports/notebooks/"))
    assert from_notebooks == ["webbkollen_lib/reports/notebooks/__init__.py",
                              "webbkollen_lib/reports/notebooks/kartlaggningsrapport.ipynb",
                              "webbkollen_lib/reports/notebooks/kommunrapport.ipynb",
                              "webbkollen_lib/reports/notebooks/oj2015rapport.ipynb",
                              "webbkollen_lib/reports/notebooks/uburapport.ipynb"]
    assert not [n for n in names if not n.startswith(("webbkollen_lib/", "webbkollen-"))], "only the package ships"


CHECK = """
import json, sys
from importlib import resources
import webbkollen_lib
from webbkollen_lib.io import datasets
from webbkollen_lib.reports import batch
from webbkollen_lib.teaching import forms
from jupyter_client.manager import KernelManager

cb = webbkollen_lib.get_codebook()
print(json.dumps({
    "n_cases": len(webbkollen_lib.load_cases()),
    "n_ratings": len(webbkollen_lib.load_vignette_ratings()),
    "vignettes": sorted(webbkollen_lib.load_vignettes()),
    "risk": list(cb["risk_beslut"].categories),
    "n_published": len(webbkollen_lib.load_published_figures()),
    "paper_form": "<h1>Jamila, 4 år</h1>" in forms.paper_form_html("jamila"),
    "files": {
        "package": webbkollen_lib.__file__,
        "shipped": str(resources.files("webbkollen_lib.shipped")),
        "cases": str(datasets.CASES_FILE),
        "notebook": str(batch.DEFAULT_NOTEBOOK),
        "notebooks_package": str(resources.files("webbkollen_lib.reports.notebooks")),
    },
    "kernel": KernelManager(kernel_name="python3").format_kernel_cmd()[0],
    "executable": sys.executable,
}))
"""


def test_the_installed_package_reads_its_data_outside_the_checkout(env):
    found = json.loads(_run([env["python"], "-c", CHECK], cwd=env["work"], env=env["env"]).stdout)
    assert found["n_cases"] == 416
    assert found["n_ratings"] > 0
    assert found["vignettes"] == ["assi", "jamila", "max", "mohammad", "tobias"]
    assert found["risk"] == ["ingen_lag", "nagot_forhojd", "hog", "mycket_hog"]
    assert found["n_published"] > 0
    assert found["paper_form"], "the paper form's template ships in the package"
    for what, path in found["files"].items():
        assert not _inside(path, REPO), f"{what} comes from the checkout: {path}"
        assert _inside(path, env["prefix"]), f"{what} is not in the new environment: {path}"
    # the report kernel is the new environment's Python, which has the wheel (not followed:
    # a venv's python is a link to the base interpreter)
    assert found["kernel"] == found["executable"] == str(env["python"])


def test_batch_runs_from_any_directory_with_the_shipped_data_and_notebook(env):
    out = env["tmp"] / "reports"
    done = _run([env["bin"] / "webbkollen", "batch", "--out", out, "--kommun", "Umeå", "--no-progress"],
                cwd=env["work"], env=env["env"], check=False)
    assert done.returncode == 0, f"webbkollen batch failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    assert "No --data given: using the shipped synthetic data (" in done.stderr
    assert "1 av 1 rapporter klara." in done.stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    report = (out / "umea.html").read_text(encoding="utf-8")
    assert 'href="umea.html"' in index
    assert "Umeå" in report and "data:image/svg+xml;base64," in report and "syntetiska data" in report
    ran = json.loads((out / ".webbkollen-batch.json").read_text(encoding="utf-8"))
    for what in ("data", "notebook"):
        assert _inside(ran[what], env["prefix"]) and not _inside(ran[what], REPO), f"{what}: {ran[what]}"
    assert not any(env["work"].iterdir()), "the batch wrote nothing into the working directory"
