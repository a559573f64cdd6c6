# The series' commands. `make lab` and `make test` are the two a learner needs;
# both build .venv on first use and rebuild it when requirements.txt or
# pyproject.toml change.

PYTHON ?= python3
# The Pythons that every pin has wheels for on Linux x86_64, macOS arm64 and Windows
# (numpy 2.4.6, matplotlib 3.11.2 and ipykernel 7.4.0 need 3.11; none has 3.15 wheels).
# Keep in step with requires-python and ruff's target-version in pyproject.toml,
# runtime.txt (Binder) and the matrix in .github/workflows/test.yml.
PYTHONS := 3.11 3.12 3.13 3.14
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DOCS_STAMP := $(VENV)/.installed-docs
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# The worked solutions of the exercises, one notebook per notebook; run and checked like them.
SOLUTIONS := $(sort $(wildcard solutions/[0-9][0-9]_*.ipynb))
# One BLAS thread, for make test and make regen alike (see the test target for why).
ONE_BLAS_THREAD := OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

.PHONY: help lab test test-portable test-browser book test-book regen lint bench clean hooks FORCE

help:
	@echo "make lab      - start JupyterLab on 127.0.0.1 (token auth) at the series"
	@echo "make test     - unit tests of helpers/ plus nbval over every notebook"
	@echo "make test-portable - nbval under other machines' floating point (BLAS kernels, SIMD, threads)"
	@echo "make test-browser - make lab checked, and the explorer of notebook 08 in headless chromium"
	@echo "make book     - build the series as a website in $(BOOK)/ from the stored outputs"
	@echo "make test-book - the website checked in headless chromium (pages, images, maths, links, search)"
	@echo "make regen    - re-execute every notebook in place (Restart & Run All)"
	@echo "make lint     - ruff over .py files and notebooks, and a schema check of .github/workflows"
	@echo "make bench    - speed and memory benchmarks"
	@echo "make clean    - remove .venv and caches"
	@echo "make hooks    - contributors, once per clone: commit notebooks without widget views"
	@echo "PYTHON=python3.12 picks the Python that builds .venv ($(firstword $(PYTHONS)) to $(lastword $(PYTHONS)))"

# `$(call py_version,PY)` prints e.g. 3.12 for a Python that runs, nothing otherwise.
py_version = $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
# A .venv counts as built when it has the stamp (its install worked to the end) and its
# Python still runs and is supported (not upgraded or removed since, not made by hand).
VENV_OK := $(and $(wildcard $(STAMP)),$(filter $(PYTHONS),$(shell $(call py_version,$(BIN)/python))))

# A built .venv is updated in place when requirements.txt or pyproject.toml change.
# Any other .venv, such as what a failed first build left, is removed and built anew,
# but first $(PYTHON) is checked: an unsupported one stops make at once.
$(STAMP): requirements.txt pyproject.toml $(if $(VENV_OK),,FORCE)
	@if [ -z "$(VENV_OK)" ]; then \
		v=$$($(call py_version,$(PYTHON))); \
		case " $(PYTHONS) " in *" $$v "*) ;; *) \
			echo "make: $(PYTHON) is $${v:+Python }$${v:-not a Python that runs}, but the pinned packages need Python $(firstword $(PYTHONS)) to $(lastword $(PYTHONS)): name an installed one, e.g. make $(or $(MAKECMDGOALS),lab) PYTHON=python3.12" >&2; \
			exit 1;; \
		esac; \
		rm -rf $(VENV); \
		echo "$(PYTHON) -m venv $(VENV)   # Python $$v"; \
		$(PYTHON) -m venv $(VENV) || exit 1; \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python tools/lab.py --settings-only
	@touch $@

# tools/lab.py holds JupyterLab's options (loopback, notebook 01, hidden egg-info,
# --allow-root as root), so README's steps without make run the same command.
# e.g. make lab LAB_ARGS="--ServerApp.port=9999"
lab: $(STAMP)
	$(BIN)/python tools/lab.py $(LAB_ARGS)

# One pytest-xdist worker per core; --dist loadscope keeps all the cells of a
# notebook on one worker, in order (nbval's advice for parallel runs). One BLAS
# thread per worker: BLAS would otherwise start a thread per core in every worker
# and oversubscribe the cores, which stalls matrix products while other work runs.
test: $(STAMP)
	$(ONE_BLAS_THREAD) \
		$(BIN)/python -m pytest tests notebooks $(wildcard solutions) helpers --doctest-modules \
		--nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -n auto --dist loadscope

# nbval over every notebook again, once per floating-point environment a learner's
# machine may have: other OpenBLAS kernels, NumPy without AVX-512 or AVX2, 1 or 2
# BLAS threads (tests/portable.py says what each simulates). A few minutes.
test-portable: $(STAMP)
	$(BIN)/python tests/portable.py $(PORTABLE_ARGS)

# requirements-dev.txt: Playwright for test-browser (it drives Debian's chromium; no browser
# is downloaded) and check-jsonschema for lint.
$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# CHROMIUM may name another Chromium-based browser, e.g. make test-browser CHROMIUM=/usr/bin/google-chrome
CHROMIUM ?= /usr/bin/chromium
test-browser: $(DEV_STAMP)
	@test -x $(CHROMIUM) || { echo "make test-browser needs $(CHROMIUM): apt-get install -y chromium"; exit 1; }
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests_browser -p no:xdist -s

# The website (book/conf.py): Sphinx with MyST-NB and the book theme, from
# requirements-docs.txt, into the same .venv. Nothing is executed: the pages show the
# stored outputs. BOOK_REPOSITORY=owner/name (GitHub) adds the repository link and a
# "launch on Binder" button to every notebook page; by default it is read from the
# `origin` remote when that is on GitHub, and the Pages workflow sets it.
BOOK := build/book/html
BOOK_REPOSITORY ?= $(shell git remote get-url origin 2>/dev/null | sed -nE 's,^(https://github\.com/|git@github\.com:)([^/]+/[^/]+)$$,\2,p' | sed 's,\.git$$,,')
BOOK_BRANCH ?= main
BOOK_ENV := BOOK_REPOSITORY="$(BOOK_REPOSITORY)" BOOK_BRANCH="$(BOOK_BRANCH)"

$(DOCS_STAMP): requirements-docs.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-docs.txt
	@touch $@

# -W: a warning fails the build; --keep-going lists them all first.
book: $(DOCS_STAMP)
	$(BOOK_ENV) $(BIN)/sphinx-build -W --keep-going -q -b html -c book -d build/book/doctrees . $(BOOK)
	@echo "make book: $(BOOK)/index.html; to view: cd $(BOOK) && python3 -m http.server"

test-book: book $(DEV_STAMP)
	@test -x $(CHROMIUM) || { echo "make test-book needs $(CHROMIUM): apt-get install -y chromium"; exit 1; }
	$(BOOK_ENV) CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests_book -p no:xdist -s

# The same one-thread BLAS as `make test`, so regen and nbval compute alike.
regen: $(STAMP)
	@for nb in $(NOTEBOOKS) $(SOLUTIONS); do \
		echo "executing $$nb"; \
		$(ONE_BLAS_THREAD) \
		$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.kernel_name=python3 \
			--ExecutePreprocessor.store_widget_state=False \
			--ExecutePreprocessor.record_timing=False $$nb || exit 1; \
	done
	$(BIN)/python tools/tidy_notebooks.py $(NOTEBOOKS) $(SOLUTIONS)

# The workflow is checked against the schema that check-jsonschema ships (no download).
lint: $(DEV_STAMP)
	$(BIN)/ruff check helpers tests tests_browser tests_book notebooks $(wildcard solutions) benchmarks tools book
	$(BIN)/ruff format --check helpers tests tests_browser tests_book benchmarks tools book
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

# e.g. make bench BENCH_ARGS="--blas-threads 0 --skip-suite" (see python -m benchmarks -h)
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# Git's clean filter named in .gitattributes: what is committed (and what `git diff`
# compares) is each notebook without widget views; the working copy keeps them.
hooks:
	git config filter.nbtidy.clean "$(PYTHON) tools/tidy_notebooks.py --stdin"
	@echo "git now commits notebooks through tools/tidy_notebooks.py --stdin (.gitattributes)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

FORCE:
