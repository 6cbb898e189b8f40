# Every routine command lives here once. `make run` and `make test` work from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app api
PORT ?= 8000
HOST ?= 127.0.0.1
WEB_CONCURRENCY ?= 2
# Threads per worker: each open live stream (Server-Sent Events) holds one.
WEB_THREADS ?= 16
# The app sizes its PostgreSQL connection pool from it.
export WEB_THREADS
GUNICORN = $(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) --worker-class gthread --threads $(WEB_THREADS) --access-logfile -

.PHONY: install lock migrate seed run web scheduler test test-fast lint typecheck pytest bench load clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Exact versions (with hashes) from requirements.lock; `make lock` refreshes it after pyproject.toml changes.
$(VENV)/.installed: $(BIN)/activate pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

lock: $(BIN)/activate
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra dev --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) reference load
	$(FLASK) reference instructions
	$(FLASK) demo load --host $(HOST)

# Web (API + dashboard) and scheduler together; Ctrl-C stops both.
run: seed
	@echo "Sumbar Siaga on http://$(HOST):$(PORT)/ (API docs: http://$(HOST):$(PORT)/api/v1/docs)"
	@trap 'kill 0' INT TERM; \
	$(BIN)/python scripts/run_scheduler.py & \
	$(GUNICORN) wsgi:app & \
	wait

web: migrate
	$(GUNICORN) wsgi:app

scheduler: migrate
	$(BIN)/python scripts/run_scheduler.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

test: lint typecheck pytest

# The quick loop: lint, types, and the domain and API tests without browsers or live servers (SQLite only
# unless SUMBAR_TEST_DATABASE_URL is set).
test-fast: lint typecheck
	$(BIN)/pytest -q -m "not browser and not live" tests/screening tests/surveillance tests/api

# Load generator from Debian; benchmarks run against servers on 127.0.0.1 only.
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	@db=sumbar_bench_$$$$; url=""; \
	if pg_isready -q -h 127.0.0.1 2>/dev/null && psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $$db" postgres; then \
	  url=postgresql://postgres@127.0.0.1:5432/$$db; fi; \
	SUMBAR_BENCH_DATABASE_URL=$$url $(BIN)/python scripts/bench.py $(BENCH_ARGS); status=$$?; \
	[ -z "$$url" ] || psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $$db WITH (FORCE)" postgres; \
	exit $$status

# A peak day on one box: every flow at once against 127.0.0.1 with Locust, on a PostgreSQL database made and
# dropped here; LOAD_SECONDS=60 for a shorter run. Locust lives in its own .venv-load (not an app dependency).
LOAD_SECONDS ?= 300
LOAD_ARGS ?=
LOAD_VENV := .venv-load
$(LOAD_VENV)/bin/locust:
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet "locust>=2.20,<3" "psycopg[binary]>=3.1,<4"

load: install $(LOAD_VENV)/bin/locust
	@db=sumbar_load_$$$$; \
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $$db" postgres || exit 1; \
	$(LOAD_VENV)/bin/python scripts/load/peak.py postgresql://postgres@127.0.0.1:5432/$$db --seconds $(LOAD_SECONDS) $(LOAD_ARGS); \
	status=$$?; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $$db WITH (FORCE)" postgres; exit $$status

# Build and tool caches only; the local database in instance/ is kept (delete it yourself to start over).
clean:
	rm -rf $(VENV) $(LOAD_VENV) *.egg-info .pytest_cache .ruff_cache .mypy_cache
