# newscorpus developer tasks. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := demo.db

.DEFAULT_GOAL := help
.PHONY: help install demo test test-fast lint fmt eval bench clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## Create .venv and install newscorpus with its dev tools

demo: $(STAMP)  ## Ingest seeds/ and compare an entity across the sources
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo-report.html
	$(BIN)/newscorpus ingest seeds/ --db $(DEMO_DB)
	$(BIN)/newscorpus entities --db $(DEMO_DB) --type PERSON --format table
	$(BIN)/newscorpus compare --entity Maduro --db $(DEMO_DB) --format table
	$(BIN)/newscorpus report --output demo-report.html --db $(DEMO_DB)

lint: $(STAMP)  ## ruff, formatting, mypy and the import contracts (the layers)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(STAMP)  ## Fix what ruff can fix
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

test: lint  ## Lint, then run the test suite (all of it, slow tests too)
	$(BIN)/pytest

test-fast: $(STAMP)  ## The tests not marked slow (no lint): well under a minute
	$(BIN)/pytest -m "not slow"

eval: $(STAMP)  ## Score the seeds and the development sets in ../shared/eval/
	$(BIN)/python bench/evaluate.py

bench: $(STAMP)  ## Speed and memory on ../shared/corpora/bbc (about 15 minutes)
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_dedupe.py

clean:  ## Remove the venv, caches and demo database
	rm -rf $(VENV) .pytest_cache .ruff_cache $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).lock demo-report.html
