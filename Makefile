# Turnout: the commands the README shows.
#   make run    build and serve on http://127.0.0.1:8080 (SQLite in data/, email to data/outbox/)
#   make test   every test: unit, whole-system (SQLite + PostgreSQL + SMTP), browser
#   make lint   rustfmt and clippy
#   make bench  requests/s, latency and memory of a release build beside its
#               ceilings (a bare 20-row page, /healthz; load from wrk), on
#               SQLite and PostgreSQL; random pages and peak memory with
#               10,000 events; and email delivery beside postfix's
#               smtp-source (see BENCHMARKS.md)

CARGO ?= cargo
# The test SMTP server (aiosmtpd) and an independent iCalendar parser live in
# a virtualenv of their own under target/.
PYENV := target/test-python
PYTHON := $(PYENV)/bin/python
PYREADY := $(PYENV)/ready

# The Nu HTML checker (the W3C's validator) for the test that every page is
# valid HTML: the npm package vnu-jar, pinned, under target/vnu/ (run with
# java -jar). Without npm the step says so and that test is skipped.
VNU_VERSION := 26.9.27
VNUREADY := target/vnu/ready-$(VNU_VERSION)

# axe-core (Deque's accessibility rules) for the test that every page passes
# them in Chromium: the npm package axe-core, pinned, under target/axe/ (its
# axe.min.js is injected into each page). Without npm the step says so and
# that test is skipped.
AXE_VERSION := 4.14.1
AXEREADY := target/axe/ready-$(AXE_VERSION)

.PHONY: run test lint fmt test-python test-html-checker test-axe bench

run:
	$(CARGO) run --bin turnout -- serve

$(PYREADY): tests/python-requirements.txt
	python3 -m venv $(PYENV)
	$(PYENV)/bin/pip install --quiet --disable-pip-version-check -r tests/python-requirements.txt
	touch $(PYREADY)

test-python: $(PYREADY)

$(VNUREADY):
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p target/vnu && \
		npm install --prefix target/vnu --no-save --ignore-scripts --no-audit --no-fund --silent vnu-jar@$(VNU_VERSION) && \
		touch $(VNUREADY); \
	else echo "npm not found: the HTML checker test will be skipped"; fi

test-html-checker: $(VNUREADY)

$(AXEREADY):
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p target/axe && \
		npm install --prefix target/axe --no-save --ignore-scripts --no-audit --no-fund --silent axe-core@$(AXE_VERSION) && \
		touch $(AXEREADY); \
	else echo "npm not found: the accessibility test will be skipped"; fi

test-axe: $(AXEREADY)

# Suites that could not run (no PostgreSQL, no Chromium) leave a note here. It
# is a fixed place, whatever CARGO_TARGET_DIR says, and the notes are printed
# at the end whether the tests passed or not.
SKIPS := $(CURDIR)/target/test-skips

# The process tests (tests/tests/suite/delivery_processes.rs) run the real
# `turnout` binary, which Cargo does not build for another crate's tests.
# It is built together with every test, in one build: built alone
# (`-p turnout-web`) its dependencies resolve to fewer features than the
# whole workspace's, and the test build then compiled most of them again.
test: test-python test-html-checker test-axe
	@rm -rf $(SKIPS); mkdir -p $(SKIPS)
	$(CARGO) build --workspace --all-targets
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
	if [ -f $(SKIPS)/html-checker ]; then \
		echo ""; echo "!!  The HTML checker test was SKIPPED: $$(head -n1 $(SKIPS)/html-checker)"; \
		echo "!!  Install npm and a Java runtime (default-jre-headless) to run it."; fi; \
	if [ -f $(SKIPS)/accessibility ]; then \
		echo ""; echo "!!  The accessibility (axe-core) test was SKIPPED: $$(head -n1 $(SKIPS)/accessibility)"; \
		echo "!!  Install npm, chromium and chromium-driver to run it."; fi; \
	if [ $$status -ne 0 ]; then echo ""; echo "make test: some tests FAILED (exit status $$status)"; fi; \
	exit $$status

# Load and memory figures for BENCHMARKS.md (release build; takes a few minutes).
# Then the same server on BENCH_EVENTS copies of the demo forum (SQLite).
# Then email delivery: 3000 queued confirmations sent by Turnout over 4 and 16
# pooled connections, beside postfix's smtp-source, into postfix's smtp-sink.
# Debian keeps those two in /usr/sbin, hence the PATH; without them only the
# delivery part is skipped.
BENCH_SECONDS ?= 10
BENCH_HTTP_CONNECTIONS ?= 16,64
BENCH_MESSAGES ?= 3000
BENCH_CONNECTIONS ?= 4,16
BENCH_EVENTS ?= 10000

bench:
	$(CARGO) build --release -p turnout-web -p turnout-tests --bin turnout --bin loadtest --bin bareserver
	target/release/loadtest target/release/turnout $(BENCH_SECONDS) $(BENCH_HTTP_CONNECTIONS)
	target/release/loadtest many target/release/turnout $(BENCH_EVENTS) $(BENCH_SECONDS)
	@export PATH="$$PATH:/usr/sbin"; \
	if command -v smtp-sink >/dev/null 2>&1 && command -v smtp-source >/dev/null 2>&1; then \
		echo "target/release/loadtest delivery target/release/turnout $(BENCH_MESSAGES) $(BENCH_CONNECTIONS)"; \
		target/release/loadtest delivery target/release/turnout $(BENCH_MESSAGES) $(BENCH_CONNECTIONS); \
	else echo "smtp-sink/smtp-source not found: delivery benchmark skipped (install: sudo apt-get install postfix, then sudo postfix stop)"; fi

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all
