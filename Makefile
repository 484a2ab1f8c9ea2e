# One-command run and test. `make run` needs only Rust and Node; `make test` also runs
# every API test on PostgreSQL when one answers at CRM_TEST_POSTGRES_URL.

CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
CRM_TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export CRM_TEST_POSTGRES_URL
CHROMIUM ?= /usr/bin/chromium
# The S3-compatible server of the object-storage tests (moto), in a virtualenv of its own.
MOTO_VENV ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/crm-moto
CRM_TEST_MOTO_SERVER ?= $(MOTO_VENV)/bin/moto_server
export CRM_TEST_MOTO_SERVER

.PHONY: run build frontend openapi test lint test-rust test-frontend e2e e2e-postgres fuzz-api examples chromium fonts s3-server check-api-types clean

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend: frontend/node_modules/.package-lock.json
	cd frontend && npm run build

## build: the SPA, then the release binary that embeds it
build: frontend
	cargo build --release --locked --bin crm

## run: build everything and start on http://127.0.0.1:8080 with the embedded SQLite
run: build
	@$(MAKE) --no-print-directory fonts || echo "warning: no CJK font could be installed; quote PDFs answer 503 until one is (see README)"
	$(CARGO_TARGET_DIR)/release/crm serve

## openapi: regenerate openapi/openapi.json and the SPA's API types from the code
openapi: frontend/node_modules/.package-lock.json
	cargo run --quiet --locked --bin crm -- openapi > openapi/openapi.json
	cd frontend && npm run gen:api

## test: every test; the API tests on SQLite, and on PostgreSQL when it answers
test: lint test-rust test-frontend e2e fuzz-api examples

## lint: clippy with the workspace lints (no unwrap, expect or indexing outside tests)
lint:
	cargo clippy --workspace --all-targets --locked -- -D warnings

test-rust: s3-server fonts
	@if psql "$(CRM_TEST_POSTGRES_URL)" -qAtc 'select 1' >/dev/null 2>&1; then \
		echo "==> API tests: SQLite and PostgreSQL ($(CRM_TEST_POSTGRES_URL))"; \
		cargo nextest run --workspace --all-targets --locked --no-fail-fast; \
	elif [ "$${CRM_REQUIRE_POSTGRES:-0}" = "1" ]; then \
		echo "==> PostgreSQL is required (CRM_REQUIRE_POSTGRES=1) but does not answer at $(CRM_TEST_POSTGRES_URL)"; exit 1; \
	else \
		echo "==> PostgreSQL does not answer at $(CRM_TEST_POSTGRES_URL): running the API tests on SQLite ONLY"; \
		cargo nextest run --workspace --all-targets --locked --no-fail-fast -E 'not test(/::postgres$$/)'; \
	fi

test-frontend: frontend/node_modules/.package-lock.json check-api-types
	cd frontend && npm run typecheck && npm test

## check-api-types: the committed TypeScript types must match openapi/openapi.json
check-api-types: frontend/node_modules/.package-lock.json
	cd frontend && npx openapi-typescript ../openapi/openapi.json -o /tmp/crm-schema-check.d.ts >/dev/null && \
		diff -q src/api/schema.d.ts /tmp/crm-schema-check.d.ts >/dev/null || \
		(echo "frontend/src/api/schema.d.ts is stale: run 'make openapi'"; exit 1)

## s3-server: moto, the S3-compatible server the object-storage tests start (from PyPI)
s3-server: $(MOTO_VENV)/installed

$(MOTO_VENV)/installed: tests/s3/requirements.txt
	python3 -m venv $(MOTO_VENV)
	$(MOTO_VENV)/bin/pip install --quiet --disable-pip-version-check -r tests/s3/requirements.txt
	touch $@

chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@# Chinese text in screenshots needs a CJK font; without one it renders as boxes.
	@fc-list 2>/dev/null | grep -qi "CJK" || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null)

## fonts: the CJK font quote PDFs print with (Debian's fonts-wqy-microhei, 5 MB), unless
## CRM_PDF_FONT names another
fonts:
	@test -n "$$CRM_PDF_FONT" || test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null)

# The contracts journey on a fresh PostgreSQL database `crm_e2e` beside CRM_TEST_POSTGRES_URL's
# (skipped when none answers, unless CRM_REQUIRE_POSTGRES is set).
define E2E_POSTGRES
if ! psql "$(CRM_TEST_POSTGRES_URL)" -qAtc 'select 1' >/dev/null 2>&1; then \
	if [ -n "$$CRM_REQUIRE_POSTGRES" ]; then echo "PostgreSQL does not answer at $(CRM_TEST_POSTGRES_URL)" >&2; exit 1; fi; \
	echo "PostgreSQL does not answer: the contracts journey ran on SQLite only"; exit 0; \
fi; \
psql "$(CRM_TEST_POSTGRES_URL)" -qc 'DROP DATABASE IF EXISTS crm_e2e WITH (FORCE)' -c 'CREATE DATABASE crm_e2e' && \
cd frontend && E2E_WORKERS=1 CRM_DATABASE_URL="$(dir $(CRM_TEST_POSTGRES_URL))crm_e2e" CRM_BIN=$(CARGO_TARGET_DIR)/debug/crm npx playwright test e2e/contracts.spec.ts
endef

## e2e: the SPA in headless Chromium against the real server (SQLite), then the money
## journey (a contract through approval, its amendment, a payment) again on PostgreSQL
e2e: chromium fonts frontend
	cargo build --locked --bin crm
	cd frontend && CRM_BIN=$(CARGO_TARGET_DIR)/debug/crm npm run e2e
	@$(E2E_POSTGRES)

## e2e-postgres: only the contracts journey, on PostgreSQL
e2e-postgres: chromium fonts frontend
	cargo build --locked --bin crm
	@$(E2E_POSTGRES)

## fuzz-api: schemathesis over the served OpenAPI document, every check, 10 examples per
## operation on SQLite with a fixed seed (tests/fuzz/run.sh takes more, and postgres)
fuzz-api:
	cargo build --locked --bin crm
	CRM_FUZZ_ARGS="--seed 20261205 $(CRM_FUZZ_ARGS)" tests/fuzz/run.sh 10 sqlite

## examples: the scripts of examples/ (bash + curl, Python, the webhook receiver) against a
## fresh server, as a script writer would run them
examples:
	cargo build --locked --bin crm
	CRM_BIN=$(CARGO_TARGET_DIR)/debug/crm examples/run.sh

clean:
	cargo clean
	rm -rf frontend/dist frontend/node_modules
