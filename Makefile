# The series' commands. `make lab` and `make test` are the two a learner needs;
# both build .venv on first use and rebuild it when requirements.txt or
# pyproject.toml change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# Root may start JupyterLab only when told so explicitly (containers, CI machines).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help lab test test-portable test-browser regen lint bench clean

help:
	@echo "make lab      - start JupyterLab on 127.0.0.1 (token auth) at the series"
	@echo "make test     - unit tests of helpers/ plus nbval over every notebook"
	@echo "make test-portable - nbval under other machines' floating point (BLAS kernels, SIMD, threads)"
	@echo "make test-browser - make lab checked, and the explorer of notebook 06 in headless chromium"
	@echo "make regen    - re-execute every notebook in place (Restart & Run All)"
	@echo "make lint     - ruff over .py files and notebooks"
	@echo "make bench    - speed and memory benchmarks"
	@echo "make clean    - remove .venv and caches"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# e.g. make lab LAB_ARGS="--ServerApp.port=9999"
# Jupyter's default hidden files, plus the egg-info folder of the editable install.
HIDE_GLOBS := ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*.so", "*.dylib", "*~", "*.egg-info"]

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks/01_artificial-data.ipynb \
		'--ContentsManager.hide_globs=$(HIDE_GLOBS)' $(ALLOW_ROOT) $(LAB_ARGS)

# One pytest-xdist worker per core; --dist loadscope keeps all the cells of a
# notebook on one worker, in order (nbval's advice for parallel runs). One BLAS
# thread per worker: BLAS would otherwise start a thread per core in every worker
# and oversubscribe the cores, which stalls matrix products while other work runs.
test: $(STAMP)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
		$(BIN)/python -m pytest tests notebooks helpers --doctest-modules --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg -n auto --dist loadscope

# nbval over every notebook again, once per floating-point environment a learner's
# machine may have: other OpenBLAS kernels, NumPy without AVX-512 or AVX2, 1 or 2
# BLAS threads (tests/portable.py says what each simulates). A few minutes.
test-portable: $(STAMP)
	$(BIN)/python tests/portable.py $(PORTABLE_ARGS)

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
	$(BIN)/ruff check helpers tests tests_browser notebooks benchmarks

# e.g. make bench BENCH_ARGS="--blas-threads 0 --skip-suite" (see python -m benchmarks -h)
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
