# Tatweer: `make run` serves the demo, `make test` runs every check. Both set up what they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
MANAGE := $(PY) manage.py

.PHONY: install run test lint typecheck format messages compilemessages migrations-check clean-db redis backup restore bench

# Development installs the dev lock (the production lock plus the test and lint tools); the image only
# requirements.lock (Dockerfile).
$(VENV)/.installed: requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

compilemessages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

run: install compilemessages
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) createcachetable
	$(MANAGE) seed_demo
	scripts/serve.sh

# Templates: djLint ([tool.djlint] in pyproject.toml) formats and lints these folders; the templates of
# grants, trainings and legal_aid are excluded there for now.
TEMPLATES := templates core/templates accounts/templates centers/templates organizations/templates notifications/templates results/templates commons/templates partnerships/templates

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint $(TEMPLATES) --check
	$(VENV)/bin/djlint $(TEMPLATES) --lint

# mypy with django-stubs ([tool.mypy] in pyproject.toml); the test settings load without a database.
typecheck: install
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint $(TEMPLATES) --reformat

migrations-check: install
	DJANGO_SETTINGS_MODULE=tatweer.settings.test $(MANAGE) makemigrations --check --dry-run

messages: install
	$(PY) scripts/messages.py
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

# The tests use the machine's Redis (they fail, never skip, without it): start one when redis-server
# is installed and nothing answers on 127.0.0.1:6379.
redis:
	@if command -v redis-server >/dev/null 2>&1 && ! $(PY) -c "import redis; redis.Redis(socket_connect_timeout=1).ping()" 2>/dev/null; then \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no && sleep 1; \
	fi

test: install lint typecheck migrations-check compilemessages redis
	scripts/ensure-chromium.sh
	$(VENV)/bin/pytest

# The benchmark (README.md, "Performance"): production settings under gunicorn on loopback, wrk against
# each page and a reference page, then the big background jobs. SCALE=10 (seed_demo --scale), DURATION=10
# (seconds of wrk per page), BENCH_ARGS for the rest (--only dashboard,audit --workers 5 --skip-jobs).
# The database is tatweer_bench on BENCH_DATABASE_URL, DATABASE_URL's server or the embedded one.
SCALE ?= 10
DURATION ?= 10
bench: install compilemessages redis
	scripts/ensure-wrk.sh
	$(PY) scripts/bench.py --scale $(SCALE) --duration $(DURATION) $(BENCH_ARGS)

backup: install  # BACKUP_DIR=... (default backups/), KEEP=14 to keep only the newest 14
	$(MANAGE) backup $(if $(BACKUP_DIR),--output-dir "$(BACKUP_DIR)") $(if $(KEEP),--keep $(KEEP))

restore: install  # FILE=backups/tatweer-backup-....tar, into an empty database (see docs/operations.md)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/tatweer-backup-....tar"; exit 2; }
	$(MANAGE) restore "$(FILE)"

clean-db:  # stops the embedded PostgreSQL, then deletes its data
	-kill $$(head -n 1 .pgdata/pg/postmaster.pid 2>/dev/null) 2>/dev/null; sleep 1
	rm -rf .pgdata
