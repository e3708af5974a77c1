# Every target sets up what it needs: the virtualenv with pinned packages, and (for tests)
# Debian's Chromium. The logic lives in `python -m kennisbank`; these are only entry points.
# Fast iteration: `make site-fast` builds without the search index.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium

.PHONY: help install check generate site site-fast serve test bench browser clean i18n-report

help:
	@echo "make serve   set up, build the site with search, serve on http://127.0.0.1:8000"
	@echo "make test    set up (incl. Chromium) and run all tests"
	@echo "make site    build the static site with its search index into site/"
	@echo "make check   validate the practice records"
	@echo "make bench   benchmark the build on synthetic records, write BENCHMARKS.md"
	@echo "make i18n-report  list missing French and English translations"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

check: $(STAMP)
	$(PY) -m kennisbank check

generate: $(STAMP)
	$(PY) -m kennisbank generate

site: $(STAMP)
	$(PY) -m kennisbank build

site-fast: $(STAMP)
	$(PY) -m kennisbank build --no-index

serve: $(STAMP)
	$(PY) -m kennisbank serve

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing. Install it with: sudo apt-get install chromium"; \
		if [ "$$CI" = "true" ]; then exit 1; fi; \
	fi

test: $(STAMP) browser
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m kennisbank bench

# Which pages and record fields still lack a French or English translation.
i18n-report: $(STAMP)
	$(PY) -m kennisbank i18n

clean:
	rm -rf site docs/praktijken .bench .pytest_cache
