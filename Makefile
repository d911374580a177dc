# Two commands do everything on a machine with Python 3.11, pip and make:
#   make report   set up .venv, make the data if missing, run the main job
#   make test     set up .venv, then every test (nbval over every notebook included)
# Re-running either is fast: .venv is reinstalled only when requirements.lock
# or pyproject.toml changed.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DATA   := data/synthetic/registreringar.csv data/synthetic/vinjettbedomningar.csv data/synthetic/ubu_enkater.csv \
          data/synthetic/kartlaggning_2012.csv
OUT    ?= reports
WORKERS ?=
# make report REPORT=ubu FORMAT=html,pdf,xlsx: the report kind (kommun, oj2015, ubu, kartlaggning) and the
# files per report (html always; pdf needs Debian's chromium; xlsx the tables as Excel)
REPORT ?= kommun
FORMAT ?= html

.PHONY: setup nbstrip data report test notebooks lab workshop bench lock clean

setup: $(STAMP) nbstrip

$(STAMP): requirements.lock pyproject.toml setup.py
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "webbkollen needs Python 3.11 or newer, found " + sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@$(NBSTRIP_CONFIG)
	touch $(STAMP)

# Running a notebook in JupyterLab must not leave a tracked file modified: .gitattributes sends every
# .ipynb through tools/strip_notebook.py, and this sets that filter up in this clone's .git/config
# (once; the first set-up does it too). Outside a git clone it does nothing.
NBSTRIP_CONFIG = if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git config filter.nbstrip.clean '$(PY) tools/strip_notebook.py' && \
	  echo "git: notebooks are compared and committed without their outputs (filter nbstrip, tools/strip_notebook.py)"; fi
nbstrip:
	@$(NBSTRIP_CONFIG)

data: $(STAMP)
	@test -f data/synthetic/registreringar.csv -a -f data/synthetic/vinjettbedomningar.csv \
	  -a -f data/synthetic/ubu_enkater.csv -a -f data/synthetic/kartlaggning_2012.csv || $(PY) -m webbkollen_lib.synthetic data/synthetic

report: data
	$(VENV)/bin/webbkollen batch --report $(REPORT) $(if $(filter kommun,$(REPORT)),--data data/synthetic/registreringar.csv) \
	  --format $(FORMAT) --out $(OUT) $(if $(WORKERS),--workers $(WORKERS))

# exercises/ is run by tests/test_exercises.py (solutions with strict checks, student versions up to the first task).
# notebooks/*.py are the notebooks' jupytext sources, not modules: never collected (nbval runs the .ipynb).
test: data
	$(PY) -m pytest -n 2 --dist loadfile --nbval-lax tests notebooks --ignore=tests/data \
	  --ignore-glob='notebooks/*.py' --doctest-modules webbkollen_lib

# Every notebook in notebooks/ is paired with a jupytext percent script of the same stem
# (01_beskrivande.ipynb <-> 01_beskrivande.py). Re-sync each pair from whichever side was
# edited last, pair a new notebook (or a new script) and rebuild the exercises from
# exercises/source/*.py. tests/test_notebook_sources.py fails until this has been run.
NOTEBOOK_FILES = find notebooks \( -name '*.ipynb' -o -name '*.py' \) -not -name '__*' -not -path '*/.ipynb_checkpoints/*'
notebooks: $(STAMP)
	@for f in $$($(NOTEBOOK_FILES)); do \
	  case "$$f" in *.ipynb) other="$${f%.ipynb}.py" ;; *) other="$${f%.py}.ipynb" ;; esac; \
	  test -f "$$other" || $(VENV)/bin/jupytext --set-formats ipynb,py:percent "$$f" || exit 1; \
	done
	$(VENV)/bin/jupytext --sync $$($(NOTEBOOK_FILES) -name '*.ipynb')
	$(PY) tools/build_exercises.py

lab: data
	$(VENV)/bin/jupyter lab

# The live agreement test on participants' phones (docs/workshop.md), e.g.
#   make workshop ARGS="--lan --vinjett max"
workshop: setup
	$(VENV)/bin/webbkollen workshop $(ARGS)

bench: data
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# Refresh requirements.lock from the current .venv (after changing dependencies).
lock:
	$(PY) -m pip freeze --all --exclude-editable | grep -v -i '^webbkollen' > requirements.lock

clean:
	rm -rf $(VENV) reports output .pytest_cache
