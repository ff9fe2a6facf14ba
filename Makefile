# cvtex: `make pdf` builds resume.pdf from resume.yaml; `make test` runs every check.
# Prerequisites: make and Python >= 3.11 with venv (Debian/Ubuntu: apt-get install make python3-venv).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=
# `make test` runs pytest on this many workers (pytest-xdist; CI has two cores), which
# steal queued tests from each other so no slow one is left to run alone at the end.
# TEST_WORKERS=0 runs the tests one at a time in one process.
TEST_WORKERS ?= 2

TEMPLATES := classic modern academic compact

.PHONY: pdf test check lint typecheck bench gallery docs clean distclean

pdf: $(VENV)/.installed-run
	$(BIN)/cvtex build resume.yaml -o resume.pdf

test: $(VENV)/.installed-dev lint typecheck
	@for tool in pdftotext pdfinfo pdfimages xelatex lualatex fc-list bwrap pipx zsh fish; do \
	  command -v $$tool >/dev/null 2>&1 || { \
	    echo "error: make test needs $$tool. Install the test prerequisites with:" >&2; \
	    echo "  sudo apt-get install $$(tr '\n' ' ' < .ci/apt-packages)" >&2; exit 1; }; \
	done
	@$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; status=0; fi; \
	exit $$status

# The edit loop: everything but TeX builds, real shells and other slow tests, on every
# core. A test that starts TeX without the `tex` mark fails here (tests/conftest.py).
check: $(VENV)/.installed-dev
	@CVTEX_TEST_WITHOUT_TEX=1 CVTEX_HYPOTHESIS_PROFILE=quick \
	  $(BIN)/pytest -q -p no:cacheprovider -m "not tex and not slow" -n auto $(PYTEST_ARGS)

# The code's budget: ruff's C901 keeps every function at complexity 15 or less (see
# pyproject.toml); a module above MODULE_LINES lines is split by what it does.
MODULE_LINES := 400

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	@find src -name '*.py' -exec wc -l {} + | awk -v max=$(MODULE_LINES) \
	  '$$2 != "total" && $$1 > max { print "lint: " $$2 " has " $$1 " lines (budget: " max ")"; bad = 1 } \
	  END { exit bad }'

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

# First pages of resume.yaml in every built-in template, for the README (needs pdftoppm).
gallery: $(VENV)/.installed-dev
	@mkdir -p docs/gallery build/gallery
	@for t in $(TEMPLATES); do \
	  SOURCE_DATE_EPOCH=0 $(BIN)/cvtex build resume.yaml -q -t $$t -o build/gallery/$$t.pdf || exit 1; \
	  pdftoppm -png -r 70 -f 1 -l 1 -singlefile build/gallery/$$t.pdf docs/gallery/$$t || exit 1; \
	done
	@echo "gallery: docs/gallery/*.png"

# Files generated from the code; tests fail when they are stale.
docs: $(VENV)/.installed-dev
	$(BIN)/cvtex schema -o docs/resume.schema.json
	$(BIN)/cvtex schema --markdown -o docs/schema.md

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/run.py

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "error: $(PYTHON) not found. cvtex needs Python >= 3.11:" >&2; \
	  echo "  sudo apt-get install python3 python3-venv" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "error: cvtex needs Python >= 3.11; $(PYTHON) is $$($(PYTHON) -V 2>&1)." >&2; \
	  echo "  Use another one with: make PYTHON=python3.11 ..." >&2; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' >/dev/null 2>&1 || { \
	  echo "error: Python's venv module is missing. Install it with:" >&2; \
	  echo "  sudo apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed-run

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache resume.tex

distclean: clean
	rm -rf $(VENV) resume.pdf
