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

# Suites that could not run (no PostgreSQL, no Chromium) leave a note here. It
# is a fixed place, whatever CARGO_TARGET_DIR says, and the notes are printed
# at the end whether the tests passed or not.
SKIPS := $(CURDIR)/target/test-skips

test: test-python
	@rm -rf $(SKIPS); mkdir -p $(SKIPS)
	@status=0; \
	if $(CARGO) nextest --version >/dev/null 2>&1; then \
		TURNOUT_TEST_SKIP_DIR=$(SKIPS) TURNOUT_TEST_PYTHON=$(CURDIR)/$(PYTHON) $(CARGO) nextest run --workspace --no-fail-fast || status=$$?; \
	else \
		echo "cargo-nextest not found; running cargo test"; \
		TURNOUT_TEST_SKIP_DIR=$(SKIPS) TURNOUT_TEST_PYTHON=$(CURDIR)/$(PYTHON) $(CARGO) test --workspace --no-fail-fast || status=$$?; \
	fi; \
	if [ -f $(SKIPS)/postgres ]; then \
		echo ""; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
		echo "!!  PostgreSQL tests were SKIPPED: $$(head -n1 $(SKIPS)/postgres)"; \
		echo "!!  Set TURNOUT_TEST_POSTGRES_URL to a server where the user may CREATE DATABASE."; \
		echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; fi; \
	if [ -f $(SKIPS)/browser ]; then \
		echo ""; echo "!!  Browser tests were SKIPPED: $$(head -n1 $(SKIPS)/browser)"; \
		echo "!!  Install Debian's chromium and chromium-driver to run them."; fi; \
	if [ $$status -ne 0 ]; then echo ""; echo "make test: some tests FAILED (exit status $$status)"; fi; \
	exit $$status

# Load and memory figures for BENCHMARKS.md (release build; takes a few minutes).
bench:
	$(CARGO) build --release -p turnout-web -p turnout-tests --bin turnout --bin loadtest
	target/release/loadtest target/release/turnout 10 16

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all
