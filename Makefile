# The commands readers and editors use. Everything runs from .venv, created on first use from
# requirements.lock (every package pinned with its hashes; `make lock` makes it from requirements.in).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.lock | cut -d' ' -f1)
DATA ?= data
SITE ?= site
SITE_URL ?=
# the project's repository, e.g. https://github.com/owner/repo: record pages link to its new-issue form
REPO_URL ?=
QUIET ?=
PORT ?= 8000

.PHONY: serve build check test test-fast clean bench bench-edit bench-search lighthouse urls dist release lock

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	rm -f $(VENV)/.installed-* && touch $@

## make check: validate data/ (prints path:line: record: field: message for each problem)
check: $(STAMP)
	@$(PY) -m scripts.check --data $(DATA)

## make build: strict build of both languages into site/
build: $(STAMP)
	@$(PY) -m scripts.build --data $(DATA) --site $(SITE) $(if $(SITE_URL),--site-url $(SITE_URL)) $(if $(REPO_URL),--repo-url $(REPO_URL)) $(if $(QUIET),-q)

## make serve: build and serve at http://127.0.0.1:8000 with live reload
serve: $(STAMP)
	@$(PY) -m scripts.serve --data $(DATA) --port $(PORT)

## make test: every test, browser tests included; first installs the system programs the tests drive
## (Chromium, nginx) where apt-get may be used, or stops with the command that installs them
test: $(STAMP)
	@$(PYTHON) tools/system_deps.py
	@$(MAKE) --no-print-directory $(NODE_STAMP)
	$(PY) -m ruff check --quiet scripts tools tests
	$(PY) -m pytest -q --durations=15 tests

## make test-fast: the lint and the tests that need no built site, browser or server (about a minute):
## the data, the checks, the renderer, the search keys; make test runs everything
test-fast: $(STAMP)
	$(PY) -m ruff check --quiet scripts tools tests
	$(PY) -m pytest -q -m "not slow" tests

# The Nu Html Checker and Lighthouse, pinned in package-lock.json; their install scripts are not run
# (vnu-jar's would download a Java runtime: the system's is used).
NODE_STAMP := node_modules/.installed-$(shell cksum < package-lock.json | cut -d' ' -f1)
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -f node_modules/.installed-* && touch $@

clean:
	rm -rf build site .site-builds .site-link

BENCH_STAMP := $(VENV)/.bench-$(shell cksum < requirements-bench.lock | cut -d' ' -f1)
$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements-bench.lock
	touch $@

## make bench: build cost at ×1, ×10, ×100 (tools/synth.py) against stock Material, then each piece of
## speed code with and without it (tools/bench_parts.py); writes bench/results.json and bench/parts.json
bench: $(STAMP)
	@$(PY) -m tools.bench
	@$(PY) -m tools.bench_parts

## make bench-edit: what an editor waits for: make serve's first serve, and a one-field edit of the data
## until the served page shows it (median of five), with the real data and ×10; writes bench/edit.json
bench-edit: $(STAMP)
	@$(PY) -m tools.bench_edit

## make bench-search: hit@1, hit@5, MRR, latency and index size for this site, stock Material and Pagefind
## (ARGS="--queries tests/search/held-out.yaml": the queries never tuned on; ARGS="--only ours --misses" while tuning)
bench-search: $(BENCH_STAMP)
	@$(PY) -m tools.bench_search $(ARGS)

## make lighthouse: Lighthouse mobile scores (four categories and layout shift) for one page of each kind
## in both languages, served by deploy/nginx.conf; writes bench/lighthouse.json
lighthouse: $(STAMP)
	@$(PYTHON) tools/system_deps.py
	@$(MAKE) --no-print-directory $(NODE_STAMP)
	@$(PY) -m tools.lighthouse

## make urls: record the built site's new page addresses in tests/published-urls.txt
urls: build
	@$(PY) -m scripts.urls --site $(SITE) --update

## make dist: strict build of both languages into site/, with .gz and .br copies of text files for static hosts
dist: build
	@$(PY) -m scripts.dist --site $(SITE)

## make release VERSION=x.y.z: record a release of the data in data/releases.yaml (what it added, removed
## and changed) and set meta.yaml's version; commit data/ afterwards. Needs no git tags.
release: $(STAMP)
	@test -n "$(VERSION)" || { echo "usage: make release VERSION=x.y.z" >&2; exit 2; }
	@$(PY) -m scripts.release --data $(DATA) --version $(VERSION)

## make lock: remake requirements.lock and requirements-bench.lock from the .in files with pip-tools in a
## throwaway venv, against PyPI alone (local pip settings unset); pins already in a lock are kept unless
## requirements.in changes them (delete a lock first to move every package to its newest release)
PIP_COMPILE = env $(foreach v,$(filter PIP_%,$(.VARIABLES)),-u $(v)) PIP_CONFIG_FILE=/dev/null \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tools/bin/pip-compile" -q --generate-hashes --allow-unsafe --strip-extras
lock:
	@set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	$(PYTHON) -m venv "$$tools"; \
	"$$tools/bin/python" -m pip install -q --disable-pip-version-check pip-tools==7.7.0; \
	$(PIP_COMPILE) -o requirements.lock requirements.in; \
	$(PIP_COMPILE) -o requirements-bench.lock requirements-bench.in
