#!/usr/bin/env bash
# The job queue on PostgreSQL: what enqueueing adds to a transaction (p50/p99) and jobs per
# second with two servers' workers taking trivial jobs (issue 15: ≥ 2,000 jobs/s, ≤ 1 ms p99).
#
# Usage: bench/jobs.sh [JOBS]
# Environment (optional): BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432),
#   BENCH_JOBS_DB (default crm_bench_jobs, created when missing), SERVERS (2),
#   CONCURRENCY (8, as `crm serve --job-workers`), CRM_BIN (a built server instead of
#   building this checkout's release binary).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${1:-20000}"
BENCH_PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
DB="${BENCH_JOBS_DB:-crm_bench_jobs}"
if [ -z "${CRM_BIN:-}" ]; then
  (cd "$REPO" && cargo build --release --locked --bin crm >&2)
  CRM_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/crm"
fi
psql "$BENCH_PG_URL/postgres" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 || psql "$BENCH_PG_URL/postgres" -qc "CREATE DATABASE $DB"
RUST_LOG=warn "$CRM_BIN" bench-jobs --database-url "$BENCH_PG_URL/$DB" --jobs "$JOBS" --servers "${SERVERS:-2}" --concurrency "${CONCURRENCY:-8}"
