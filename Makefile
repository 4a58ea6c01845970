# Partner Commitments Tracker: developer commands. `make` alone lists them.
#
# Variables read (from the environment, or given as `make VAR=value`):
#   PYTHON           interpreter used to create .venv (default: scripts/find-python picks
#                    a Python >= 3.12 from PATH, then from pyenv's versions)
#   DEBUG            run, migrations-check: default 1 (set DEBUG=0 to try production mode)
#   RUN_ADDR         run: where the dev server listens (default 127.0.0.1:8000)
#   DATABASE_URL     test: default postgres://postgres@127.0.0.1:5432/tracker
#   REDIS_URL        test: default redis://127.0.0.1:6379/0
#                    (run leaves both unset: SQLite and a file-based Celery queue under var/)
#   PYTEST_ARGS      test: extra pytest arguments, e.g. PYTEST_ARGS='-x -k health'
#   TEST_WORKERS     test: pytest-xdist worker processes (default 2; 0 runs in one process).
#                    Worker N uses REDIS_URL's database + N, so keep that number + workers <= 16.
#   BENCH_ARGS       bench: arguments of `python -m bench`, e.g. BENCH_ARGS='--scales 1 --seconds 5
#                    --mixed-seconds 30' (the mixed load runs 300 s at the largest scale; 0 skips it)
#                    (bench uses DATABASE_URL, default postgres://…/tracker_benchdata; it
#                    refuses a database holding real data)
#   TRACKER_VAR_DIR  the data folder (default var/), also read by tracker/settings.py
#
# The test suite runs against a real PostgreSQL and a real Redis, so `make test` checks that
# both answer before starting pytest; then `make smoke` tests the embedded default (SQLite,
# the file-based queue) by running `make run` itself in a temporary data folder.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
# One shell per recipe: `export` and `cd` carry over from line to line.
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL := postgres://postgres@127.0.0.1:5432/tracker
TEST_REDIS_URL := redis://127.0.0.1:6379/0
BENCH_DATABASE_URL := postgres://postgres@127.0.0.1:5432/tracker_benchdata
TEST_WORKERS ?= 2

.PHONY: help run test smoke lint fmt migrations-check bench clean clean-data venv venv-dev

help: ## list these targets
	@echo "Targets:"
	awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-17s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

venv: ## create .venv (Python >= 3.12) and install requirements.txt if it changed
	@scripts/venv requirements.txt

venv-dev: ## the same with requirements-dev.txt (tests and tools)
	@scripts/venv requirements-dev.txt

run: venv ## migrate, load demo data, serve http://127.0.0.1:8000 with Celery; Ctrl-C stops all
	@export DEBUG="$${DEBUG:-1}"
	echo "==> Applying migrations"
	$(PY) manage.py migrate --no-input
	echo "==> Loading demo data"
	$(PY) manage.py seed --demo
	exec scripts/dev

test: venv-dev ## the whole suite: pytest on PostgreSQL and Redis in parallel, then `make smoke`
	@export DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}"
	export REDIS_URL="$${REDIS_URL:-$(TEST_REDIS_URL)}"
	scripts/check-test-services
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)
	$(MAKE) smoke

smoke: venv-dev ## the embedded default: `make run` on SQLite + file queue, each demo role (tests/smoke)
	@echo "==> Smoke suite: make run in a temporary data folder, no DATABASE_URL, no REDIS_URL"
	exec env -u DATABASE_URL -u REDIS_URL $(VENV)/bin/pytest --smoke

lint: venv-dev ## ruff check, ruff format --check, and the import layers (lint-imports)
	@echo "==> ruff check"
	$(VENV)/bin/ruff check .
	echo "==> ruff format --check"
	$(VENV)/bin/ruff format --check .
	echo "==> lint-imports (the layers in pyproject.toml)"
	$(VENV)/bin/lint-imports

fmt: venv-dev ## apply ruff's safe fixes and format the code
	@$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: venv ## fail if a model change has no migration
	@DEBUG="$${DEBUG:-1}" $(PY) manage.py makemigrations --check --dry-run

bench: venv ## load-test under gunicorn + wrk at scale 1 and 10 -> BENCHMARKS.md (BENCH_ARGS=--help)
	@export DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}"
	command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk" >&2; exit 1; }
	exec $(PY) -m bench $(BENCH_ARGS)

clean: ## remove caches (__pycache__, .pytest_cache, .ruff_cache, .import_linter_cache); keeps .venv and var/
	@rm -rf .pytest_cache .ruff_cache .import_linter_cache
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +

clean-data: ## DELETE var/ (the SQLite database, Celery queue, mail files); no question asked
	@rm -rf "$${TRACKER_VAR_DIR:-var}"
	echo "==> Removed $${TRACKER_VAR_DIR:-var}/"
