# nhiemvu: every target sets up .venv itself from pyproject.toml + constraints.txt.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?= corpus
DB     ?= output/nhiemvu.duckdb
SHARED_DEV := ../shared/corpus/dev
GOLD   ?= $(if $(wildcard $(SHARED_DEV)/gold),$(SHARED_DEV),corpus)
ARGS   ?=

.PHONY: setup extract test eval bench lint notebooks report export nightly lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

extract: $(STAMP)
	$(PY) -m pipeline extract $(CORPUS) --db $(DB) $(ARGS)

test: $(STAMP)
	$(PY) -m pytest $(ARGS)

eval: $(STAMP)
	$(PY) -m pipeline eval $(GOLD) $(ARGS)

# The unattended run (cron, systemd: deploy/): incremental, locked, logged, with a digest.
nightly: $(STAMP)
	$(PY) -m pipeline nightly $(CORPUS) --db $(DB) $(ARGS)

# Benchmarks into output/bench/ (figures, never asserted by tests).
N ?= 2000
bench: $(STAMP)
	$(PY) -m pipeline.bench -n $(N) $(ARGS)

# Analysts' outputs from the database of `make extract` (built first when missing).
notebooks: $(STAMP)
	@test -f $(DB) || $(MAKE) extract
	$(PY) notebooks/run.py --db $(DB) --out output/notebooks

report: $(STAMP)
	@test -f $(DB) || $(MAKE) extract
	$(PY) -m pipeline report --db $(DB) --out output/report

export: $(STAMP)
	@test -f $(DB) || $(MAKE) extract
	$(PY) -m pipeline export --db $(DB) --out output/export --format $(or $(FORMAT),xlsx)

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests notebooks/run.py
	$(VENV)/bin/ruff format --check pipeline tests notebooks/run.py
	$(VENV)/bin/mypy

lock: $(STAMP)
	($(PY) -m pip freeze --exclude-editable | sed '1i # Pinned versions that make installs (pip install -c constraints.txt). Regenerate with: make lock') > constraints.txt

clean:
	rm -rf $(VENV) output/eval output/*.duckdb output/notebooks output/report output/export
