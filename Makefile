# Two entry points for people: `make run` (the assistant on the bundled corpus)
# and `make test`. Both set everything up themselves and are idempotent.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint format eval clean

DISTRACTORS ?= ../shared/corpora/ibe-recommendations

$(BIN)/python:
	$(shell command -v $(PYTHON) >/dev/null 2>&1 && echo $(PYTHON) || echo python3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# torch is installed first, on its own, so that pip takes the CPU wheel pinned in pyproject.toml.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/assistant setup

run: setup
	$(BIN)/assistant chat

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: setup lint
	$(BIN)/pytest

# The full eval report (eval/reports/): gold set, baselines, distractors, cross-lingual.
eval: setup
	$(BIN)/python -m eval $(if $(wildcard $(DISTRACTORS)),--distractors $(DISTRACTORS))

clean:
	rm -rf $(VENV) .cache
