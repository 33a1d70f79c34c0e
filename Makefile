# Kei What-If.  Quick start:  make run   |   make test
# Everything installs into .venv from the exact pins in pyproject.toml + constraints.txt.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test lint typecheck pytest dist selftest frozen-selftest frozen-check bench soak screenshots clean setup

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: install python3-venv (sudo apt-get install python3-venv)"; exit 1; }
	@# uv (pinned in constraints.txt) installs the pins in seconds; plain pip is the fallback.
	@# uv does not read pip's settings: a PIP_INDEX_URL (a mirror) is passed on to it.
	@( $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt uv \
	   && $(if $(PIP_INDEX_URL),UV_INDEX_URL="$(PIP_INDEX_URL)") \
	      $(VENV)/bin/uv pip install --quiet --python $(PY) -c constraints.txt -e ".[dev]" ) \
	|| $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)

## make run: install (first time) and open the app on its built-in default scenario
run: $(STAMP)
	@bash scripts/system_deps.sh run
	@# exit code 2 = no display: the app has said so in one line; make adds nothing
	@$(PY) -m desktop || { rc=$$?; [ $$rc -eq 2 ] || exit $$rc; }

## make test: the whole check: lint, types, tests, frozen build and its self-test
# The tests run side by side with the frozen build and its self-test: the build is mostly one
# core and the disk, and the test workers leave some of both cores idle. Each step's output is
# shown whole when it ends. System packages are checked (and installed) once, before they start
# (SYSDEPS_OK=1 tells the sub-make's pytest and dist they were; run alone, each checks).
test: lint typecheck
	@bash scripts/system_deps.sh test
	@$(MAKE) --no-print-directory -j2 --output-sync=target SYSDEPS_OK=1 pytest frozen-check

# the frozen build, then its self-test
frozen-check: dist
	@bash scripts/frozen_selftest.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy core
	$(VENV)/bin/mypy desktop

pytest: $(STAMP)
	@$(if $(SYSDEPS_OK),:,bash scripts/system_deps.sh test)
	$(PY) -m pytest -q --numprocesses=auto --maxprocesses=4

## make dist: frozen onedir build + the archive a user downloads
dist: $(STAMP)
	@$(if $(SYSDEPS_OK),:,bash scripts/system_deps.sh test)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@bash scripts/make_archive.sh

frozen-selftest:
	@bash scripts/frozen_selftest.sh

selftest: $(STAMP)
	$(PY) -m desktop --selftest

bench: dist
	$(PY) benchmarks/run_all.py

soak: $(STAMP)
	$(PY) -m pytest -q -s -m soak tests

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
