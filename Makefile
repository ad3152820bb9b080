# Eén Overheid: `make run` serves the platform, `make test` checks it.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint format migrations messages bench bench-people bench-challenges bench-communities bench-workplaces bench-ledger bench-marketplace bench-solutions bench-identity clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed-run

## Set up and serve the platform on http://127.0.0.1:$${PORT:-8000} (SQLite in ./var).
run: $(VENV)/.installed-run
	$(BIN)/eenoverheid serve

## Tests run on every core (pytest-xdist); browser tests stay on one worker, and the
## OpenAPI conformance run (schemathesis) runs as two processes of its own.
PYTEST_ARGS ?= -n auto --dist loadgroup

## Set up and run ruff (format check and lint) and the whole test suite.
test: $(VENV)/.installed-test
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS) --ignore=tests/api/test_openapi_conformance.py
	# schemathesis makes one test per API operation only without xdist: its two callers
	# run as two processes side by side, each with its own test database.
	@mkdir -p var; TEST_RUN=signed $(BIN)/pytest -p no:xdist -q tests/api/test_openapi_conformance.py \
		-k test_signed_in_caller > var/conformance-signed-in.log 2>&1 & signed=$$!; \
	TEST_RUN=anonymous $(BIN)/pytest -p no:xdist tests/api/test_openapi_conformance.py \
		-k test_anonymous_caller; anonymous=$$?; \
	wait $$signed; signed=$$?; \
	echo "== the signed-in caller's half:"; tail -n 40 var/conformance-signed-in.log; \
	test $$anonymous -eq 0 -a $$signed -eq 0

lint: $(VENV)/.installed-test
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

migrations: $(VENV)/.installed-test
	$(BIN)/python manage.py makemigrations

## Refresh the Dutch translations after changing user-facing text.
messages: $(VENV)/.installed-test
	cd src/eenoverheid && ../../$(BIN)/django-admin makemessages -l nl --no-location --no-obsolete -i "migrations/*" --settings eenoverheid.settings
	cd src/eenoverheid && ../../$(BIN)/django-admin compilemessages -l nl --settings eenoverheid.settings

## Expertise search at scale: PEOPLE=500000 make bench-people (SEARCH_BACKEND/DATABASE_URL as usual).
bench-people: $(VENV)/.installed-test
	$(BIN)/python bench/people.py --people $${PEOPLE:-50000}

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles var/test.sqlite3*

## Team cost against the exact optimum, and suggestion time at scale (PEOPLE=50000).
bench-challenges: $(VENV)/.installed-test
	$(BIN)/python bench/challenges.py --people $${PEOPLE:-50000}

## Community pages with 10,000 threads and a 2,000-reply thread (SQLite; DATABASE_URL for PostgreSQL).
bench-communities: $(VENV)/.installed-test
	$(BIN)/python bench/communities.py

## Booking under 50 concurrent clients through gunicorn (DATABASE_URL for PostgreSQL).
bench-workplaces: $(VENV)/.installed-test
	$(BIN)/python bench/workplaces.py

## Reservations, payments and transfers from 20 clients through gunicorn, then the
## conservation check (DATABASE_URL for PostgreSQL).
bench-ledger: $(VENV)/.installed-test
	$(BIN)/python bench/ledger.py

## Matching both ways at scale: PEOPLE=500000 OPPORTUNITIES=20000 make bench-marketplace.
bench-marketplace: $(VENV)/.installed-test
	$(BIN)/python bench/marketplace.py --people $${PEOPLE:-50000} --opportunities $${OPPORTUNITIES:-20000}

## Solutions, initiatives and ideas at scale (10,000 solutions, 300,000 votes; DATABASE_URL for PostgreSQL).
bench-solutions: $(VENV)/.installed-test
	$(BIN)/python bench/solutions.py

## Provisioning at scale: SCIM lookups and pages with 20,000 provisioned people.
bench-identity: $(VENV)/.installed-test
	$(BIN)/python bench/identity.py
