# Two commands on a fresh machine with only Python 3.11+ and the package registries:
#   make run    set up .venv, then open claimdesk (an empty default store gets the sample data)
#   make test   set up .venv, then run ruff, strict mypy and the whole pytest suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test test-store test-cli test-app test-e2e lint format typecheck bench clean

# Tests run in parallel with pytest-xdist, three workers per core: most of an app test's time
# is Pilot waiting for the app to go idle (sleeps of 20 ms), and a CLI or tmux test waits for
# its subprocess, so fewer workers leave the CPU idle. On 2 cores, without other load (the run
# under `chrt -r 1`, session 10): 4 workers 120.5 s, 6 workers 101.7 s, 8 workers 101.6 s.
# The tmux tier (tests/e2e) shares one worker and runs one test at a time (--dist loadgroup and
# its xdist_group marker). `make test PARALLEL=` runs serially.
# Compiled modules are kept, under the venv, even where the environment says not to write them
# (PYTHONDONTWRITEBYTECODE): without them each xdist worker compiles and assert-rewrites every
# module again, 10 s of CPU per worker to collect the suite instead of 4, and every
# `claimdesk` the tmux tests start compiles store/ and tui/ anew.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(abspath $(VENV))/pycache

WORKERS  ?= $(shell $(PYTHON) -c 'import os; print(3 * (os.cpu_count() or 1))')
PARALLEL ?= -n $(WORKERS) --dist loadgroup

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	# The pip in a 3.11 venv is too old for some wheels' metadata: upgrade it first.
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,postgres]'
	touch $(STAMP)

# The claims modules compiled by mypyc (mypy's compiler, a dev dependency): about 0.7 of the
# pure-Python CPU time per article (issue 12's <= 2 ms), for ~40 s of CPU once, and again after
# an edit of one of them. They go into $(VENV)/claimdesk-mypyc, never beside the sources, and
# store/claims/compiled.py imports them only if built from exactly the current sources (so
# running Python directly after an edit gets the edited code). Without gcc or the Python headers
# the build prints one line and claimdesk runs the pure sources. `make test COMPILE_CLAIMS=`
# skips the build (a claims developer's edit loop); the loader then uses the pure sources.
COMPILE_CLAIMS ?= 1
CLAIMS_COMPILED := $(VENV)/claimdesk-mypyc.tried
CLAIMS_SOURCES  := $(foreach m,claimants extractor first_names quantities rules sentences,store/claims/$(m).py)

$(CLAIMS_COMPILED): $(STAMP) $(CLAIMS_SOURCES) store/claims/mypyc_build.py store/claims/compiled.py
	$(BIN)/python -m store.claims.mypyc_build
	touch $@

setup: $(STAMP) $(if $(COMPILE_CLAIMS),$(CLAIMS_COMPILED))

run: setup
	$(BIN)/claimdesk $(ARGS)

# The formatter is part of the lint: `make format` rewrites, the lint only checks.
lint: setup
	$(BIN)/ruff check store tui tests benchmarks
	$(BIN)/ruff format --check store tui tests benchmarks

format: setup
	$(BIN)/ruff format store tui tests benchmarks

typecheck: setup
	$(BIN)/mypy

# CLAIMDESK_EXPECT_COMPILED: with a C compiler here, a claims edit that mypyc cannot compile
# fails the suite instead of leaving the slower pure Python in place unnoticed.
test: lint typecheck
	CLAIMDESK_EXPECT_COMPILED=$(COMPILE_CLAIMS) $(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS)

# One tier at a time, without the lint: the store tier is the fast loop for store/ work.
test-store test-cli test-app test-e2e: setup
	$(BIN)/python -m pytest $(PARALLEL) tests/$(@:test-%=%) $(PYTEST_ARGS)

bench: setup
	# The bench extra: wordfreq, codespell and tantivy for bench_search_real.py (faker is a
	# runtime dependency: the claims read its first names).
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,bench]'
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
