# Loa Làng — `make run` serves the demo commune the way a commune runs it (gunicorn + supervised
# job worker, DEBUG off), `make dev` is the auto-reloading development server, `make test` runs
# the whole suite.
PY       ?= python3
VENV     := .venv
VPY      := $(VENV)/bin/python
PORT     ?= 8000
STAMP    := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run dev test test-pg system lint format typecheck check migrate demo worker bench clean

$(VPY):
	$(PY) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip

$(STAMP): $(VPY) pyproject.toml requirements.lock
	$(VPY) -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

var:
	mkdir -p var

migrate: $(STAMP) var
	$(VPY) manage.py compile_catalogs
	$(VPY) manage.py migrate --noinput
	$(VPY) manage.py createcachetable

demo: migrate
	$(VPY) manage.py load_demo

# What a commune runs: gunicorn (2 processes x 4 threads) and a job worker, both under
# `manage.py serve`, which restarts the worker if it dies (ADR 0077). DEBUG off, static files
# through WhiteNoise, a secret key generated once into var/secret_key.
STATIC_SOURCES := $(shell find static loalang -path '*/static/*' -type f 2>/dev/null)
STATIC_STAMP   := var/staticfiles/staticfiles.json

# Hashed, pre-compressed copies for WhiteNoise; rebuilt only when a static source changed.
$(STATIC_STAMP): $(STAMP) $(STATIC_SOURCES) | var
	DJANGO_SETTINGS_MODULE=config.settings.local $(VPY) manage.py collectstatic --noinput -v0

run: export DJANGO_SETTINGS_MODULE = config.settings.local
run: demo $(STATIC_STAMP)
	$(VPY) manage.py schedule_daily_jobs
	@echo "Loa Làng: http://127.0.0.1:$(PORT)/  (Ctrl+C để dừng / to stop)"
	$(VPY) manage.py serve --bind 127.0.0.1:$(PORT)

# The auto-reloading development server (DEBUG on) and a job worker beside it.
dev: demo
	@echo "Loa Làng (dev): http://127.0.0.1:$(PORT)/  (Ctrl+C để dừng / to stop)"
	$(VPY) manage.py schedule_daily_jobs
	@trap 'kill 0' INT TERM EXIT; \
	  $(VPY) manage.py ops_worker --queue-name '*' --worker-id dev-worker >> var/worker.log 2>&1 & \
	  $(VPY) manage.py runserver 127.0.0.1:$(PORT)

worker: $(STAMP)
	$(VPY) manage.py schedule_daily_jobs
	$(VPY) manage.py ops_worker --queue-name '*'

# The Debian packages the tests need (chromium, fonts, LibreOffice): installed as root, otherwise
# the exact apt-get command is printed and `make test` stops here.
system:
	@bash scripts/bootstrap-system.sh

test: system $(STAMP)
	$(VPY) manage.py compile_catalogs
	DJANGO_SETTINGS_MODULE=config.settings.test $(VPY) -m pytest -n 2 $(PYTEST_ARGS)

test-pg: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/loalang} $(MAKE) test

lint: $(STAMP)
	$(VPY) -m ruff format --check .
	$(VPY) -m ruff check .
	$(VPY) -m djhtml --check $$(git ls-files '*.html')

format: $(STAMP)
	$(VPY) -m ruff format .
	$(VPY) -m ruff check --fix .
	$(VPY) -m djhtml $$(git ls-files '*.html')

typecheck: $(STAMP)
	$(VPY) -m mypy loalang config player/loalang_player

check: lint typecheck test

bench: $(STAMP)
	$(VPY) bench/run_all.py

clean:
	rm -rf $(VENV) var
