# The README's two commands. Each does all set-up on a fresh machine:
#   make test   set up, then ruff, mypy and every test tier (unit, integration, browser)
#   make demo   set up, start Neo4j (Docker when an engine answers, else the managed
#               server), ingest the sample articles, print a summary and the Browser URL

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help setup system-packages lint test demo

help:
	@echo "make test   set up, then ruff, mypy and all tests (unit, integration, browser)"
	@echo "make demo   set up, start Neo4j, ingest the samples, print the Browser URL"

# Reinstall when the project's dependencies change.
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: $(PYTHON) is older than 3.11; install Python 3.11+ or run make PYTHON=python3.11 ..." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $@

setup: $(VENV)/.installed

# Debian packages the tiers need: Chromium and CJK fonts for the browser test, Java 17 and
# Maven for the managed Neo4j server. apt-get only what is missing, and only as root;
# otherwise say what to install.
system-packages:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	command -v java >/dev/null 2>&1 || test -n "$$JAVA_HOME" || missing="$$missing openjdk-17-jre-headless"; \
	command -v mvn >/dev/null 2>&1 || missing="$$missing maven"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "error: missing Debian packages:$$missing; run: sudo apt-get install -y$$missing" >&2; exit 1; \
	fi; \
	echo "installing Debian packages:$$missing"; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Integration and browser tests use NEO4J_URI when set, else they start the managed server.
test: setup system-packages lint
	$(BIN)/python -m pytest

# Neo4j: Docker when an engine answers (a password goes into the git-ignored .env on first
# use), else the managed server, which generates its own into .neo4j/password. With Docker,
# NEO4J_URI names the container's server so `fintech-kg demo` does not start the managed one.
demo: setup
	@if docker info >/dev/null 2>&1; then \
	  test -f .env || { echo "NEO4J_PASSWORD=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(18))')" > .env; chmod 600 .env; echo "wrote a new Neo4j password to .env"; }; \
	  docker compose up -d --wait || exit 1; \
	  set -a; . ./.env; set +a; \
	  export NEO4J_URI="$${NEO4J_URI:-bolt://127.0.0.1:7687}"; \
	else \
	  $(BIN)/fintech-kg neo4j start || exit 1; \
	fi; \
	$(BIN)/fintech-kg demo
