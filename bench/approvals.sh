#!/usr/bin/env bash
# The approvals inbox's speed on PostgreSQL with N approval instances (default 100,000)
# spread over 200 approvers: one approver's pending box (the issue's goal: p99 ≤ 20 ms),
# their done box, and one approval by id. The instances are written by SQL in the shape the
# engine writes (one task per instance): each approver has about 500, a third of them
# pending (the approver measured: the one with the most).
# See bench/README.md.
#
# Usage: bench/approvals.sh [INSTANCES]
# Environment: BENCH_PG_URL, BENCH_DIR, WRK_D, WRK_C, WRK_T, WRK_WARMUP, CRM_BIN as
# bench/run.sh; BENCH_DB defaults to crm_bench_approvals.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$REPO/bench"
ROWS="${1:-100000}"
BENCH_PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BENCH_DB="${BENCH_DB:-crm_bench_approvals}"
BENCH_DIR="${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/crm-bench}"
WRK_D="${WRK_D:-10s}"
WRK_C="${WRK_C:-32}"
WRK_T="${WRK_T:-2}"
WRK_WARMUP="${WRK_WARMUP:-2s}"
PW="Bench-admin-123"
BIND=127.0.0.1:18184

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
RESULTS="$BENCH_DIR/approvals-results.txt"
: >"$RESULTS"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true' EXIT INT TERM

for tool in psql curl; do command -v "$tool" >/dev/null || die "$tool is missing"; done
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update >&2 && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2
fi
if [ -n "${CRM_BIN:-}" ]; then CRM="$CRM_BIN"; else
  log "building the release binary"
  (cd "$REPO" && cargo build --release --locked --bin crm >&2)
  CRM="${CARGO_TARGET_DIR:-$REPO/target}/release/crm"
fi
DB="$BENCH_PG_URL/$BENCH_DB"
psql "$BENCH_PG_URL/postgres" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" | grep -q 1 || psql "$BENCH_PG_URL/postgres" -qc "CREATE DATABASE $BENCH_DB" >&2
"$CRM" migrate --database-url "$DB" --data-dir "$BENCH_DIR" >&2
if [ "$(psql "$DB" -qAtc "SELECT count(*) FROM users WHERE username LIKE 'bench_owner_%'")" -lt 200 ]; then
  CRM_ADMIN_PASSWORD="$PW" "$CRM" seed --database-url "$DB" --data-dir "$BENCH_DIR" --customers 200 --owners 200 --owner-password "$PW" >&2
fi
"$CRM" admin reset-password admin --password "$PW" --database-url "$DB" --data-dir "$BENCH_DIR" >/dev/null

have=$(psql "$DB" -qAtc "SELECT count(*) FROM approval_instances")
if [ "$have" -lt "$ROWS" ]; then
  log "seeding $((ROWS - have)) approvals"
  psql "$DB" -q -v ON_ERROR_STOP=1 >&2 <<SQL
CREATE TEMP TABLE people AS SELECT id, row_number() OVER (ORDER BY username) AS n FROM users WHERE username LIKE 'bench_owner_%';
CREATE TEMP TABLE made AS
SELECT gen_random_uuid() AS id, g AS n,
       (SELECT id FROM people WHERE people.n = 1 + g % 200) AS applicant,
       (SELECT id FROM people WHERE people.n = 1 + (g * 7 + 3) % 200) AS approver,
       now() - (g || ' minutes')::interval AS at
FROM generate_series($have + 1, $ROWS) g;
INSERT INTO approval_instances (id, doc_type, doc_id, doc_label, summary, fields, flow_id, flow_version, flow, steps, current_step, status,
                                applicant_id, round, version, created_at, updated_at, finished_at)
SELECT id, 'quote', gen_random_uuid(), 'QT-2026-' || lpad(n::text, 6, '0'),
       jsonb_build_object('number', 'QT-2026-' || lpad(n::text, 6, '0'), 'total', (n % 500000)::text || '.00', 'currency', 'CNY'),
       jsonb_build_object('total', (n % 500000)::text || '.00'), NULL, 1,
       '{"name": "报价审批", "resubmit_mode": "restart", "allow_withdraw": true, "require_comment_on_reject": false}',
       jsonb_build_array(jsonb_build_object('name', '主管审批', 'mode', 'any', 'state', CASE WHEN n % 3 = 0 THEN 'active' ELSE 'approved' END, 'approver_ids', jsonb_build_array(approver))),
       CASE WHEN n % 3 = 0 THEN 0 END, CASE WHEN n % 3 = 0 THEN 'pending' ELSE 'approved' END, applicant, 1, 2, at, at, CASE WHEN n % 3 = 0 THEN NULL ELSE at END
FROM made;
INSERT INTO approval_tasks (id, instance_id, step_index, position, approver_id, state, comment, created_at, acted_at)
SELECT gen_random_uuid(), id, 0, 0, approver, CASE WHEN n % 3 = 0 THEN 'pending' ELSE 'approved' END, NULL, at, CASE WHEN n % 3 = 0 THEN NULL ELSE at END FROM made;
SQL
fi
psql "$DB" -qc "VACUUM ANALYZE approval_instances" -c "VACUUM ANALYZE approval_tasks" >&2
APPROVER=$(psql "$DB" -qAtc "SELECT approver_id FROM approval_tasks GROUP BY approver_id ORDER BY count(*) DESC LIMIT 1")
APPROVER_NAME=$(psql "$DB" -qAtc "SELECT username FROM users WHERE id = '$APPROVER'")
psql "$DB" -qAtc "SELECT instance_id FROM approval_tasks WHERE approver_id = '$APPROVER' LIMIT 2000" >"$BENCH_DIR/approval_ids.txt"
log "approver $APPROVER_NAME: $(psql "$DB" -qAtc "SELECT string_agg(state || ' ' || c, ', ') FROM (SELECT state, count(*) c FROM approval_tasks WHERE approver_id = '$APPROVER' GROUP BY state) s")"

CRM_RATE_LIMIT_IP=0 CRM_RATE_LIMIT_USER=0 CRM_RATE_LIMIT_TOKEN=0 "$CRM" serve --database-url "$DB" --data-dir "$BENCH_DIR" --bind "$BIND" >"$BENCH_DIR/approvals-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fsS "http://$BIND/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
login() { curl -fsS "http://$BIND/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$PW\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
token() { # access-token
  curl -fsS "http://$BIND/api/v1/api-tokens" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d '{"name":"bench-approvals","scopes":["approvals:read"]}' | sed -E 's/.*"token":"([^"]+)".*/\1/'
}
TOKEN=$(token "$(login "$APPROVER_NAME")")
[ -n "$TOKEN" ] || die "no token for $APPROVER_NAME"

measure() { # label path [connections]
  local out="$BENCH_DIR/wrk-approvals-$1.txt" conns="${3:-$WRK_C}" threads="$WRK_T"
  [ "$conns" -lt "$threads" ] && threads="$conns"
  export BENCH_PATH="$2" BENCH_TOKEN="$TOKEN" BENCH_IDS="$BENCH_DIR/approval_ids.txt"
  [ "$WRK_WARMUP" != 0 ] && wrk -t"$threads" -c"$conns" -d"$WRK_WARMUP" -s "$HERE/wrk/path.lua" "http://$BIND" >/dev/null 2>&1 || true
  wrk -t"$threads" -c"$conns" -d"$WRK_D" --latency -s "$HERE/wrk/path.lua" "http://$BIND" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $1"; }
  awk -v ep="$1" '
    function ms(v) { if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 } if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 } return v + 0 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    END { printf "crm %s rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d\n", ep, rps, p50, p99, err }' "$out" | tee -a "$RESULTS"
}
measure inbox_pending "/api/v1/approvals?box=pending&page_size=20"
measure inbox_done "/api/v1/approvals?box=done&page_size=20"
measure approval_by_id "/api/v1/approvals/{id}"
measure inbox_pending_4conn "/api/v1/approvals?box=pending&page_size=20" 4
log "results in $RESULTS"
cat "$RESULTS"
