# LaborMap — the two commands: `make demo` and `make test`. Both set themselves up through `make install`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= .demo

.PHONY: install demo test lint typecheck docs clean bench

install: $(STAMP)
	@$(BIN)/labormap i18n compile --only-stale >/dev/null

# Recreate the environment only when the dependency pins change.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev,spark]"
	touch $(STAMP)

demo: install
	LABORMAP_DEMO=1 $(BIN)/labormap demo --dir $(DEMO_DIR)

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadgroup -q

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

docs: install
	$(BIN)/labormap registries-doc --out docs/registries.md

# Benchmarks write their figures to stdout; the docs quote them. Each is minutes, not seconds.
bench: install
	$(BIN)/python benchmarks/bench_ingest.py --rows 10000000 --csv-rows 1000000 --workdir .bench/ingest
	$(BIN)/python benchmarks/bench_media.py --items 6000 --full-items 2000
	$(BIN)/python benchmarks/bench_simulate.py
	$(BIN)/python benchmarks/bench_scoring.py --build 40000 --workdir .bench/scoring
	LABORMAP_DEMO=1 $(BIN)/python benchmarks/bench_web.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache
