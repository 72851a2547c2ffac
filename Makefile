# Two commands for a new machine: `make run` (the app on seeds/) and `make test`.
# Each creates .venv on first use and installs mapapp with what it needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501

.PHONY: run test setup bench load clean

$(STAMP): pyproject.toml mapapp/app/static/package.json mapapp/app/static/package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(VENV)/bin/mapapp setup
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/mapapp serve seeds --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/run.py

# Concurrent readers of one `mapapp serve` (Chromium pages on 127.0.0.1): `make load LOAD_ARGS="PATH --rounds 2"`.
load: $(STAMP)
	$(PY) benchmarks/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) mapapp/app/static/node_modules
