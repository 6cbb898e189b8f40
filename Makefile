# Every routine command lives here once. `make run` and `make test` work from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app api
PORT ?= 8000
HOST ?= 127.0.0.1
WEB_CONCURRENCY ?= 2

.PHONY: install migrate seed run web scheduler test lint typecheck pytest bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) reference load
	$(FLASK) demo load

# Web (API + dashboard) and scheduler together; Ctrl-C stops both.
run: seed
	@echo "Sumbar Siaga on http://$(HOST):$(PORT)/ (API docs: http://$(HOST):$(PORT)/api/v1/docs)"
	@trap 'kill 0' INT TERM; \
	$(BIN)/python scripts/run_scheduler.py & \
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) --access-logfile - wsgi:app & \
	wait

web: migrate
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) --access-logfile - wsgi:app

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

bench: install
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) instance *.egg-info .pytest_cache .ruff_cache .mypy_cache
