# One readable command per target.  Only python3 and make are needed:
# the first target that needs them creates .venv and installs the pinned
# requirements into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Test processes side by side (pytest-xdist): one per core by default;
# TEST_JOBS=0 runs the suite in this process (pdb, -x).
TEST_JOBS ?= auto
# The worker `make run` starts beside the server: the database backend's,
# or RQ's when TASKS_BACKEND=rq (REDIS_URL names the server).
INGEST_QUEUE ?= default
ifeq ($(TASKS_BACKEND),rq)
WORKER ?= rqworker --job-class django_tasks_rq.Job $(INGEST_QUEUE)
else
WORKER ?= db_worker --no-reload --queue-name $(INGEST_QUEUE)
endif

.PHONY: install run serve migrate ingest test test-postgres lint bench abuse clean install-ocr install-office

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_groups

ingest: migrate
	$(BIN)/python manage.py ingest

# Install, migrate, ingest the five bundled documents and serve the site,
# with a background worker beside the server for the files curators upload
# in the admin (the database task backend by default: no other service).
# The worker stops when the server stops: Ctrl-C reaches both, and the
# worker finishes the file in hand; when the server ends otherwise, the
# worker is sent TERM (it, too, finishes the file in hand).  One signal
# each: a second one would make the worker drop its file.
run: ingest
	$(BIN)/python manage.py $(WORKER) & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	trap 'trap - EXIT; wait $$worker; exit 130' INT; \
	$(BIN)/python manage.py runserver $(HOST)

# The whole suite, on SQLite unless DATABASE_URL points elsewhere, one
# process per core (each with a test database of its own).
test: lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_JOBS)

# The suite against the local PostgreSQL server (a fresh test database).
test-postgres: install
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/policybase_$$$$ $(BIN)/pytest -n $(TEST_JOBS)

# Style, and the layering contracts of pyproject.toml (documents <- measures,
# targets <- policybase; parsing and extraction free of Django; no circles).
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: install
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/ingest.py --formats --runs 3
	nice -n 10 $(BIN)/python bench/ingest.py --bulk
	$(BIN)/python bench/render.py
	$(BIN)/python bench/search.py --sizes 10000 100000

# OCR of scanned PDFs and images (optional; Debian packages, needs root).
install-ocr:
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tesseract-ocr tesseract-ocr-chi-sim

# Old Word .doc and WPS .wps files (optional; Debian packages, needs root):
# antiword reads Word binaries, LibreOffice what antiword cannot.
install-office:
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y antiword libreoffice-writer-nogui

# The fault-and-abuse suite (docs/abuse.md): hostile inputs, concurrent
# ingests, kill -9, a curator write during a long ingest, backup/restore, the
# throttle across workers and a wrk load run on gunicorn.  Needs wrk
# (apt-get install -y wrk); not part of `make test`.  ABUSE_ARGS=--postgres
# runs it on PostgreSQL.
abuse: install
	$(BIN)/python bench/abuse.py $(ABUSE_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles .pytest_cache
