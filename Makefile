# Thin verbs; the logic lives in gateway/ (see `campaign-gateway --help`).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8080
export PORT

.PHONY: install bytecode run serve test check regenerate docs lint typecheck lock clean bench contract chaos

install: $(VENV)/.installed

# One install step for every verb: a fresh clone needs nothing but Python 3.11+.
# The generated client (clients/python, `make regenerate`) is installed beside the gateway for its tests.
$(VENV)/.installed: pyproject.toml constraints.txt clients/python/setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]' -e clients/python
	touch $@

# Our own modules' byte-code: the editable install leaves them uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set (as on this machine) every worker compiled all 160 of them
# again at every start (0.13 s). Up to date, this step takes 0.06 s.
bytecode: install
	$(BIN)/python -m compileall -q gateway generated clients/python

# The checkout's var/ (an installed gateway keeps its database in the per-user data directory).
run: bytecode
	GATEWAY_DATABASE_URL="$${GATEWAY_DATABASE_URL:-sqlite:///$(CURDIR)/var/gateway.db}" \
		$(BIN)/campaign-gateway dev --port $(PORT)

# Production serving: configuration from GATEWAY_* (docs/configuration.md); no sandbox.
WORKERS ?= 1
serve: bytecode
	$(BIN)/campaign-gateway serve --host 0.0.0.0 --port $(PORT) --workers $(WORKERS)

regenerate: install
	$(BIN)/campaign-gateway regenerate

# Rewrite the reference pages made from the code: docs/configuration.md and docs/vendors.md's tables
# (`$(BIN)/python -m gateway.docs --check` only says whether they are stale; the tests check it too).
docs: install
	$(BIN)/python -m gateway.docs

# Side-by-side figures into bench/results.md (installs wrk, nginx and Prism if missing; ~10 min).
bench: bytecode
	$(BIN)/python -m bench

# The launch promise under vendor faults and SIGKILL, two workers on PostgreSQL (a few minutes);
# its section of bench/results.md is replaced. `python -m bench.chaos --help` for rounds and durations.
chaos: bytecode
	$(BIN)/python -m bench.chaos $(CHAOS_ARGS)

check: install
	$(BIN)/campaign-gateway check

lint: install
	$(BIN)/ruff check gateway tests
	$(BIN)/ruff format --check gateway tests

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/python -m pytest

# The contract checks alone: the gateway against its spec, every outbound request against the vendor's.
contract: install
	$(BIN)/python -m pytest tests/contract

# Refresh the pinned dependency set after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --disable-pip-version-check '.[dev]'
	.lock-venv/bin/python -m pip freeze --exclude campaign-gateway > constraints.txt
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
