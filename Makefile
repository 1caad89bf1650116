# Two entry points for a fresh machine: `make run` (the main job) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

# The main job: serve the bundled offline copies of the five sites on 127.0.0.1,
# crawl them with the real spiders, write the Parquet dataset, print a summary and the linked events.
run: $(STAMP)
	$(BIN)/kabar crawl --bundled --out out/dataset

# Lint, format check and type-check (settings in pyproject.toml), then every test.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	mkdir -p build/typecheck/kabar && for p in crawler extract pipelines schemas; do ln -sfn ../../../$$p build/typecheck/kabar/$$p; done
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all

clean:
	rm -rf $(VENV) out
