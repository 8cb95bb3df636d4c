# Everything a newcomer needs: `make run` serves the site, `make test` checks it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run dev test test-slow image image-test audit backup restore bench profile bench-import bench-cluster bench-federation loadtest lighthouse format lock install clean

run: $(STAMP) .env
	@grep -q '^EMAIL_URL=' .env || echo '$(MAIL_IN_FILES)' >> .env
	$(PY) -m config.serve

dev: $(STAMP) .env
	DJANGO_DEBUG=1 $(PY) manage.py migrate
	DJANGO_DEBUG=1 $(PY) manage.py runserver $${PORT:-8000}

# The suites that take longest run apart, in `make test-slow` (.ci/run runs
# both): real browsers, the proxies and caches in front of the site, and
# imports of real WordPress exports. A bare `pytest` runs everything.
SLOW_SUITES := tests/browser tests/scale tests/wordpress

test: $(STAMP) .env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(addprefix --ignore=,$(SLOW_SUITES))

test-slow: $(STAMP) .env
	$(VENV)/bin/pytest $(SLOW_SUITES)

# The production image, with podman (or docker); docs/containers.md.
IMAGE ?= backend-intro-site:latest
image:
	$(PYTHON) -m deploy.image.build $(IMAGE)

# The image proven: release step, site, task worker and compose (tests/image/).
image-test: image $(STAMP) .env
	SITE_IMAGE=$(IMAGE) $(VENV)/bin/pytest tests/image

# Known vulnerabilities in the pinned production dependencies, from PyPI's
# JSON API (https://pypi.org/pypi/<name>/<version>/json). Where that cannot be
# reached (offline, or a mirror without it) the audit says so and checks
# nothing; where it can, --strict fails on any package it could not look up.
AUDIT_PROBE := https://pypi.org/pypi/django/5.2/json
audit: $(STAMP)
	@if $(PY) -c "import urllib.request as u; u.urlopen('$(AUDIT_PROBE)', timeout=10)" 2>/dev/null; then \
		$(VENV)/bin/pip-audit --strict --require-hashes --disable-pip --progress-spinner off -r requirements.lock; \
	else \
		echo "make audit: skipped, PyPI's JSON API ($(AUDIT_PROBE)) cannot be reached from here"; \
	fi

# The database (DATABASE_URL, or the embedded one) to backups/site-<UTC time>.dump
# or FILE=…; `make restore FILE=…` refuses a database with tables unless FORCE=1.
backup: $(STAMP) .env
	$(PY) -m database.backup create $(FILE)

restore: $(STAMP) .env
	$(PY) -m database.backup restore $(FILE) $(if $(filter 1,$(FORCE)),--force)

# Speed and memory targets: throughput, latency and worker memory per page.
bench: $(STAMP) .env
	$(PY) -m bench.run

# Where an uncached page's time goes, in one process (bench/profile.py);
# PAGES="article sitemap" for the pages whose names hold those words.
profile: $(STAMP) .env
	$(PY) -m bench.profile $(PAGES)

# The WordPress importer's time and peak memory on 10 and 100 MB exports.
bench-import: $(STAMP) .env
	$(PY) -m bench.wordpress_import

# The same pages on two app servers behind HAProxy with a streaming replica,
# beside one app server on the primary (docs/scaling.md); needs haproxy.
bench-cluster: $(STAMP) .env
	$(PY) -m bench.cluster

# One article to 2,000 followers on 200 loopback inboxes while readers read,
# and signed inbox posts at 64 connections (bench/federation/run.py).
bench-federation: $(STAMP) .env
	$(PY) -m bench.federation.run

# The Fedify peer and second signer of the federation tests, with its Node 22.
tests/federation/peer/node_modules: tests/federation/peer/package-lock.json
	npm ci --prefix tests/federation/peer --no-audit --no-fund --loglevel=error
	touch $@

# 2,000 comments from 32 concurrent clients: each taken one stored once, no 5xx.
loadtest: $(STAMP) .env
	$(PY) -m bench.loadtest

# Lighthouse 13 (mobile) scores of the home, an article and search; needs chromium.
lighthouse: $(STAMP) .env bench/lighthouse/node_modules
	$(PY) -m bench.lighthouse.run

bench/lighthouse/node_modules: bench/lighthouse/package-lock.json
	npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP)

# A secret key of this checkout's own, kept in the git-ignored .env, and mail
# kept in files under mail/ (the site sends none until EMAIL_URL says how);
# `make run` adds the mail line to a .env written before it was.
MAIL_IN_FILES := EMAIL_URL=filemail:///$(CURDIR)/mail
.env:
	$(PYTHON) -c "import secrets; print('DJANGO_SECRET_KEY=' + secrets.token_urlsafe(50))" > .env
	echo '$(MAIL_IN_FILES)' >> .env

$(STAMP): requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.lock
	touch $(STAMP)

# Regenerate the pinned, hashed locks after editing pyproject.toml.
lock:
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --extra dev -o requirements-dev.lock pyproject.toml

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles
