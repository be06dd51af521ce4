# Beatbook: `make run` serves the demo; `make test` runs the whole suite. Both start with `make setup`,
# which only installs and builds and is safe to re-run.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: setup run test test-browser test-postgres lint fmt assets check demo bench clean serve-production

setup: $(STAMP) build/static/beatbook/app.css

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts < /dev/null

build/static/beatbook/app.css: node_modules/.package-lock.json frontend/build.mjs frontend/scss/app.scss frontend/js/*.js
	npm run --silent build:assets

assets: node_modules/.package-lock.json
	npm run --silent build:assets

run: setup
	DEBUG=true $(BIN)/beatbook migrate --no-input
	DEBUG=true $(BIN)/beatbook load_demo --if-empty
	@echo "Serving http://127.0.0.1:$(PORT)/ with a job worker beside it (Ctrl+C stops both)"
	@DEBUG=true $(BIN)/beatbook worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DEBUG=true $(BIN)/beatbook runserver 127.0.0.1:$(PORT)

demo: setup
	DEBUG=true $(BIN)/beatbook migrate --no-input
	DEBUG=true $(BIN)/beatbook load_demo

test: setup
	$(BIN)/pytest -q

test-postgres: setup
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest -q

test-browser: setup
	$(BIN)/pytest -q -m browser tests/browser

# Import throughput against a same-run baseline on SQLite and PostgreSQL, and Gi*/KDE against esda
# (see bench/*.py); every figure is a ratio measured in the same run.
# Then page p95 at 2.5M incidents (scale 3.5) on SQLite against a bare-query baseline (bench_pages.py), and on
# PostgreSQL a generated national run, page p95 and a gunicorn load test (bench_load.py); databases are
# named for the run. BENCH_SCALE, BENCH_NATIONAL_ROWS and BENCH_LOAD_SECONDS size them.
# BENCH_NATIONAL_ROWS (default 2,000,000) is the incidents generated server-side for the 43 forces besides
# the demo's over five years (bench/national.py); 30000000 is national scale (16 GiB; 13 minutes to generate
# here, about 25 minutes for the whole national part).
bench: setup
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/bench_import.py --rows $${BENCH_ROWS:-1000000} --repeat $${BENCH_REPEAT:-3}
	$(BIN)/python bench/bench_hotspots.py
	$(BIN)/python bench/bench_pages.py --scale $${BENCH_SCALE:-3.5} --repeat $${BENCH_PAGE_REPEAT:-20}
	$(BIN)/python bench/bench_load.py --rows $${BENCH_NATIONAL_ROWS:-2000000} --duration $${BENCH_LOAD_SECONDS:-30}

lint: setup
	$(BIN)/ruff check beatbook tests bench conftest.py
	$(BIN)/ruff format --check beatbook tests bench conftest.py

fmt: setup
	$(BIN)/ruff format beatbook tests
	$(BIN)/ruff check --fix beatbook tests

check: setup
	DEBUG=false SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))') \
	ALLOWED_HOSTS=beatbook.example.org $(BIN)/beatbook check --deploy --fail-level WARNING

# The production recipe of docs/deployment.md, locally: PostgreSQL (created if missing), migrations,
# collected static files, gunicorn and a job worker, DEBUG off with a fresh SECRET_KEY. Plain HTTP on
# 127.0.0.1 (no TLS proxy here), so SSL redirects are off. Ctrl+C stops both.
PRODUCTION_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/beatbook)
serve-production: setup
	@export DATABASE_URL='$(PRODUCTION_DATABASE_URL)' DEBUG=false SECURE_SSL_REDIRECT=false \
	  ALLOWED_HOSTS=127.0.0.1,localhost BEATBOOK_DATA_DIR=$(CURDIR)/var/production \
	  SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))'); \
	$(BIN)/python -m beatbook.ops.ensure_database && \
	$(BIN)/beatbook migrate --no-input && \
	$(BIN)/beatbook collectstatic --no-input -v0 && \
	echo "Serving http://127.0.0.1:$(PORT)/ with gunicorn and a job worker (Ctrl+C stops both)" && \
	{ $(BIN)/beatbook worker & worker=$$!; \
	  trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	  $(BIN)/beatbook serve --bind 127.0.0.1:$(PORT); }

clean:
	rm -rf $(VENV) node_modules build
