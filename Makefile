# Turnout: the commands the README shows.
#   make run    build and serve on http://127.0.0.1:8080 (SQLite in data/, email to data/outbox/)
#   make test   every test: unit, whole-system (SQLite + PostgreSQL + SMTP), browser
#   make lint   rustfmt and clippy
#   make bench  requests/s, latency and memory of a release build (see BENCHMARKS.md)

CARGO ?= cargo
# The test SMTP server (aiosmtpd) and an independent iCalendar parser live in
# a virtualenv of their own under target/.
PYENV := target/test-python
PYTHON := $(PYENV)/bin/python
PYREADY := $(PYENV)/ready

.PHONY: run test lint fmt test-python bench

run:
	$(CARGO) run --bin turnout -- serve

$(PYREADY): tests/python-requirements.txt
	python3 -m venv $(PYENV)
	$(PYENV)/bin/pip install --quiet --disable-pip-version-check -r tests/python-requirements.txt
	touch $(PYREADY)

test-python: $(PYREADY)

test: test-python
	@rm -f target/postgres-tests-skipped target/browser-tests-skipped
	@if $(CARGO) nextest --version >/dev/null 2>&1; then \
		TURNOUT_TEST_PYTHON=$(CURDIR)/$(PYTHON) $(CARGO) nextest run --workspace --no-fail-fast; \
	else \
		echo "cargo-nextest not found; running cargo test"; \
		TURNOUT_TEST_PYTHON=$(CURDIR)/$(PYTHON) $(CARGO) test --workspace; \
	fi
	@if [ -f target/postgres-tests-skipped ]; then \
		echo ""; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
		echo "!!  PostgreSQL tests were SKIPPED: $$(cat target/postgres-tests-skipped)"; \
		echo "!!  Set TURNOUT_TEST_POSTGRES_URL to a server where the user may CREATE DATABASE."; \
		echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; fi
	@if [ -f target/browser-tests-skipped ]; then \
		echo ""; echo "!!  Browser tests were SKIPPED: $$(cat target/browser-tests-skipped)"; \
		echo "!!  Install Debian's chromium and chromium-driver to run them."; fi

# Load and memory figures for BENCHMARKS.md (release build; takes a few minutes).
bench:
	$(CARGO) build --release -p turnout-web -p turnout-tests --bin turnout --bin loadtest
	target/release/loadtest target/release/turnout 10 16

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all
