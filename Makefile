# Digiplan — the two commands a new user needs:
#   make run    set up (venv, packages, front-end assets, translations, database, demo data) and serve,
#               with the background task worker beside the server
#   make test   set up, then ruff, the import contracts, the migration check and the whole pytest suite
# Everything is installed inside this folder (.venv, node_modules); nothing global is changed.

SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

# The first Python >= 3.12 found: on PATH, then under pyenv (where this machine keeps 3.12 and 3.13).
FIND_PYTHON := for c in "$$DIGIPLAN_PYTHON" python3.13 python3.12 python3 \
	$$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	  [ -n "$$c" ] && command -v "$$c" >/dev/null 2>&1 && \
	  "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v "$$c"; break; }; \
	done

.PHONY: help run test setup lint migrations-check pytest lock messages bench

help:
	@echo "make run   - set up and serve Digiplan with demo data on http://$(HOST):$(PORT)/"
	@echo "make test  - set up and run ruff, the migration check and the test suite"
	@echo "make bench - set up and run the performance benchmarks (figures in docs/BENCHMARKS.md)"

$(VENV)/.installed: requirements.lock
	@python="$$($(FIND_PYTHON))"; \
	if [ -z "$$python" ]; then \
	  echo "Digiplan needs Python 3.12 or newer and found none (looked on PATH and under ~/.pyenv/versions)." >&2; \
	  echo "Install one, or point DIGIPLAN_PYTHON at it: make run DIGIPLAN_PYTHON=/path/to/python3.12" >&2; \
	  exit 1; \
	fi; \
	echo "Using $$python ($$($$python --version))"; \
	[ -x $(PY) ] || "$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm (Node.js) is needed to install Bootstrap and htmx from the npm registry." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Compiled catalogues are build output; Babel compiles them without a system gettext.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
locale/%.mo: locale/%.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -i $< -o $@

setup: $(VENV)/.installed node_modules/.installed $(MO_FILES)

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo
	$(PY) manage.py send_reminders --schedule
	@echo "Digiplan: http://$(HOST):$(PORT)/ (stop with Ctrl+C); the task worker runs beside it"
	@# The background worker (council PDFs and workbooks) beside the server, both stopped together.
	@trap 'kill 0' EXIT; \
	$(PY) manage.py db_worker --queue-name '*' --no-reload & \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

migrations-check: setup
	$(PY) manage.py makemigrations --check --dry-run

pytest: setup
	@if [ -x "$(CHROMIUM)" ]; then \
	  echo "Chromium found at $(CHROMIUM): running the browser tests (tests/e2e) too."; \
	  $(VENV)/bin/pytest; \
	else \
	  echo "NOTE: no Chromium at $(CHROMIUM): the browser tests (tests/e2e) are NOT run."; \
	  echo "      Install it (apt-get install chromium, as .ci/run does) or set CHROMIUM=/path/to/chromium."; \
	  $(VENV)/bin/pytest -m "not e2e"; \
	fi

test: lint migrations-check pytest

# Timings against the targets in docs/BENCHMARKS.md; each benchmark exits non-zero when it misses its target.
bench: setup
	$(PY) -m tests.bench.bench_ranking
	$(PY) -m tests.bench.bench_gaps
	$(PY) -m tests.bench.bench_report
	$(PY) -m tests.bench.bench_api
	$(PY) -m tests.bench.bench_queue
	$(PY) -m tests.bench.bench_optimizer

# For developers: re-lock the Python dependencies after editing pyproject.toml.
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.12 --generate-hashes -o requirements.lock

# For developers: collect new strings into the catalogues (needs GNU gettext's xgettext).
messages: setup
	$(PY) manage.py makemessages -l de -l en --ignore=.venv --ignore=node_modules
