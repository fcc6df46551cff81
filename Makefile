# Two entry points for people: `make run` (the assistant on the bundled corpus)
# and `make test`. Both set everything up themselves and are idempotent.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint format eval browser pdf-writer clean

HOST ?= 127.0.0.1
PORT ?= 7860

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
	$(BIN)/assistant serve --host $(HOST) --port $(PORT)

# ruff, and the import contract of pyproject.toml (ui, eval -> assistant -> index, embeddings)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The browser tests drive Debian's chromium with Playwright (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium) || \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq chromium); }

# The PDF tests render the seeds with LibreOffice (headless), a real PDF writer.
pdf-writer:
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing Debian LibreOffice Writer (no GUI) for the PDF tests"; \
	  (apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-dejavu-core) || \
	  (sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui fonts-dejavu-core); }

# Test files run in parallel (pytest-xdist), each file whole on one worker (its module
# fixtures built once), the longest first (tests/conftest.py SLOW_FIRST: not xdist's
# reordering by test count); the index of the bundled corpus is built once for all workers.
TEST_WORKERS ?= auto
test: setup lint browser pdf-writer
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# The full eval report (eval/reports/): every gold set over the seeds, the English
# resolutions and the IBE recommendations of ../shared, fair baselines, cross-lingual check.
eval: setup
	$(BIN)/python -m eval

clean:
	rm -rf $(VENV) .cache
