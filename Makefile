# Two commands on a fresh machine with only Python 3.11+ and the package registries:
#   make run    set up .venv, then open claimdesk (an empty default store gets the sample data)
#   make test   set up .venv, then run ruff, strict mypy and the whole pytest suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint typecheck bench clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	# The pip in a 3.11 venv is too old for some wheels' metadata: upgrade it first.
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,postgres]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/claimdesk $(ARGS)

lint: setup
	$(BIN)/ruff check store tui tests benchmarks

typecheck: setup
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	# The bench extra: wordfreq, faker, codespell and tantivy for bench_search_real.py.
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,bench]'
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
