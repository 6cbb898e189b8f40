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

.PHONY: install install-runtime lock migrate seed run web scheduler test test-fast lint typecheck pytest bench load clean plotly-bundle

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Installs exactly the locked set, whatever has been published since the lock was made. Each lock lists every
# package with its version and hashes, its dependencies included, so pip installs them with --no-deps and never
# resolves: a resolver asks the index what exists, and a dependency's newer release (with an extra the lock
# had stripped) once broke the install. `pip check` then proves the set is whole and consistent. This works
# with the pip the interpreter's own venv ships as with a current one, and needs no installer bootstrapped
# first. The project itself is built without build isolation, from the locked setuptools: an isolated build
# would fetch the newest setuptools instead.
PIP_INSTALL = $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps
# The project's own build runs with -qq: setuptools' notes about data folders it sees as packages are noise
# there (errors still show).
define install_locked
	$(PIP_INSTALL) --require-hashes -r $(1)
	$(PIP_INSTALL) --quiet --no-build-isolation $(2) .
	$(BIN)/python -m pip check --disable-pip-version-check
endef

# The development set (runtime + test tools); `make lock` refreshes the locks after pyproject.toml changes.
$(VENV)/.installed: $(BIN)/activate pyproject.toml requirements-dev.lock
	$(call install_locked,requirements-dev.lock,-e)
	touch $@

install: $(VENV)/.installed

# A production install: the runtime lock only (no test tools), the project installed as a package.
install-runtime: $(BIN)/activate pyproject.toml requirements.lock
	$(call install_locked,requirements.lock,)

# Locks for the app (runtime), development (runtime + test tools, same versions) and the load generator, with
# hashes and no index or wheel locations of the machine that made them.
PIP_COMPILE = PIP_CONSTRAINT= $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
# pip-tools comes from the development lock itself (not `install`, which the new pyproject.toml may not fit yet).
lock: $(BIN)/activate
	$(PIP_INSTALL) --require-hashes -r requirements-dev.lock
	$(PIP_COMPILE) --build-deps-for wheel --extra dev -o requirements-dev.lock pyproject.toml
	# The runtime lock starts from the development lock's pins (pip-compile keeps the pins it finds in its output
	# file), so both name the same version of every package they share.
	cp requirements-dev.lock requirements.lock
	$(PIP_COMPILE) --build-deps-for wheel -o requirements.lock pyproject.toml
	$(PIP_COMPILE) -o requirements-load.lock scripts/load/requirements.in

# The dashboard's partial plotly.js bundle (dashboard/vendor/plotly/README.md): rebuilt from the pinned npm
# packages only when the plotly version or the trace types change; the built files are committed.
plotly-bundle:
	cd dashboard/vendor/plotly && npm ci --ignore-scripts --no-audit --no-fund && node build.mjs

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) reference load
	$(FLASK) reference instructions
	$(FLASK) demo load

# Web (API + dashboard) and scheduler together; Ctrl-C stops both. The local try-out: it starts without
# SUMBAR_PRIVACY_CONTACT (the privacy notice then names no contact), which a deployment must set.
run: export SUMBAR_TRY_OUT ?= true
run: seed
	@echo "Sumbar Siaga on http://$(HOST):$(PORT)/ (API docs: http://$(HOST):$(PORT)/api/v1/docs)"
	@trap 'kill 0' INT TERM; \
	$(BIN)/python -m scripts.run_scheduler & \
	$(GUNICORN) wsgi:app & \
	wait

web: migrate
	$(GUNICORN) wsgi:app

scheduler: migrate
	$(BIN)/python -m scripts.run_scheduler

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

# wrk (load) and Chromium (first load on a slow phone) from Debian; benchmarks run against 127.0.0.1 only.
bench: install
	@command -v wrk >/dev/null && command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk chromium chromium-driver >/dev/null)
	@db=sumbar_bench_$$$$; url=""; \
	if pg_isready -q -h 127.0.0.1 2>/dev/null && psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $$db" postgres; then \
	  url=postgresql://postgres@127.0.0.1:5432/$$db; fi; \
	SUMBAR_BENCH_DATABASE_URL=$$url $(BIN)/python -m scripts.bench $(BENCH_ARGS); status=$$?; \
	[ -z "$$url" ] || psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $$db WITH (FORCE)" postgres; \
	exit $$status

# A peak day on one box: every flow at once against 127.0.0.1 with Locust, on a PostgreSQL database made and
# dropped here; LOAD_SECONDS=60 for a shorter run, LOAD_ARGS="--generator-cpus 1" for Locust on CPU 1 and the
# product on the others (docs/benchmarks.md). Locust lives in its own .venv-load (not an app dependency),
# installed from requirements-load.lock like the app.
LOAD_SECONDS ?= 300
LOAD_ARGS ?=
LOAD_VENV := .venv-load
$(LOAD_VENV)/bin/locust: requirements-load.lock
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r $<
	$(LOAD_VENV)/bin/python -m pip check --disable-pip-version-check
	touch $@

load: install $(LOAD_VENV)/bin/locust
	@db=sumbar_load_$$$$; \
	psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $$db" postgres || exit 1; \
	$(LOAD_VENV)/bin/python -m scripts.load.peak postgresql://postgres@127.0.0.1:5432/$$db --seconds $(LOAD_SECONDS) $(LOAD_ARGS); \
	status=$$?; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $$db WITH (FORCE)" postgres; exit $$status

# Build and tool caches only; the local database in instance/ is kept (delete it yourself to start over).
clean:
	rm -rf $(VENV) $(LOAD_VENV) *.egg-info .pytest_cache .ruff_cache .mypy_cache
