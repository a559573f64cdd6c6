# The series' commands. `make lab` and `make test` are the two a learner needs;
# both build .venv on first use and rebuild it when requirements.txt or
# pyproject.toml change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

.PHONY: help lab test test-browser regen lint bench clean hooks

help:
	@echo "make lab      - start JupyterLab on 127.0.0.1 (token auth) at the series"
	@echo "make test     - unit tests of helpers/ plus nbval over every notebook"
	@echo "make test-browser - make lab checked, and the explorer of notebook 06 in headless chromium"
	@echo "make regen    - re-execute every notebook in place (Restart & Run All)"
	@echo "make lint     - ruff over .py files and notebooks"
	@echo "make bench    - speed and memory benchmarks"
	@echo "make clean    - remove .venv and caches"
	@echo "make hooks    - contributors, once per clone: commit notebooks without widget views"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
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
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
		$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -n auto --dist loadscope

# Playwright (requirements-dev.txt) drives Debian's chromium; no browser is downloaded.
$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# CHROMIUM may name another Chromium-based browser, e.g. make test-browser CHROMIUM=/usr/bin/google-chrome
CHROMIUM ?= /usr/bin/chromium
test-browser: $(DEV_STAMP)
	@test -x $(CHROMIUM) || { echo "make test-browser needs $(CHROMIUM): apt-get install -y chromium"; exit 1; }
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests_browser -p no:xdist -s

# The same one-thread BLAS as `make test`, so regen and nbval compute alike.
regen: $(STAMP)
	@for nb in $(NOTEBOOKS); do \
		echo "executing $$nb"; \
		OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
		$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.kernel_name=python3 \
			--ExecutePreprocessor.store_widget_state=False \
			--ExecutePreprocessor.record_timing=False $$nb || exit 1; \
	done
	$(BIN)/python tests/tidy_notebooks.py $(NOTEBOOKS)

lint: $(STAMP)
	$(BIN)/ruff check helpers tests tests_browser notebooks benchmarks tools

# e.g. make bench BENCH_ARGS="--blas-threads 0 --skip-suite" (see python -m benchmarks -h)
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# Git's clean filter named in .gitattributes: what is committed (and what `git diff`
# compares) is each notebook without widget views; the working copy keeps them.
hooks:
	git config filter.nbtidy.clean "$(PYTHON) tests/tidy_notebooks.py --stdin"
	@echo "git now commits notebooks through tests/tidy_notebooks.py --stdin (.gitattributes)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
