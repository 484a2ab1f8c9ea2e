#!/usr/bin/env bash
# The sales pipeline's speed on PostgreSQL with N opportunities (default 1,000,000, one per
# seeded customer): the kanban board for one owner and for a manager of 50, the funnel for
# one owner and for everyone, an opportunity by id and one owner's column of the board as a
# list page, beside a customer by id measured in the same run. See bench/README.md.
#
# Usage: bench/sales.sh [ROWS]
# Environment: BENCH_PG_URL, BENCH_DB, BENCH_DIR, WRK_D, WRK_C, WRK_T, WRK_WARMUP, CRM_BIN as
# bench/run.sh (the customers are seeded the same way when short).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$REPO/bench"
ROWS="${1:-1000000}"
BENCH_PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BENCH_DB="${BENCH_DB:-crm_bench}"
BENCH_DIR="${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/crm-bench}"
WRK_D="${WRK_D:-10s}"
WRK_C="${WRK_C:-32}"
WRK_T="${WRK_T:-2}"
WRK_WARMUP="${WRK_WARMUP:-2s}"
ADMIN_PW="Bench-admin-123"
BIND=127.0.0.1:18183
TEAM_DEPT=00000000-0000-7000-8000-00000000be02

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
RESULTS="$BENCH_DIR/sales-results.txt"
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
have=$(psql "$DB" -qAtc "SELECT count(*) FROM customers")
if [ "$have" -lt "$ROWS" ]; then
  log "seeding $((ROWS - have)) customers"
  CRM_ADMIN_PASSWORD="$ADMIN_PW" "$CRM" seed --database-url "$DB" --data-dir "$BENCH_DIR" --customers "$((ROWS - have))" --start "$have" --owners 1000 >&2
fi
"$CRM" admin reset-password admin --password "$ADMIN_PW" --database-url "$DB" --data-dir "$BENCH_DIR" >/dev/null

# One opportunity per customer, in a random stage, owned by the customer's owner (or the
# first bench owner for a pool customer), with amounts, close dates and card positions.
have=$(psql "$DB" -qAtc "SELECT count(*) FROM opportunities WHERE name LIKE '压测商机-%'")
if [ "$have" -lt "$ROWS" ]; then
  log "seeding $((ROWS - have)) opportunities"
  psql "$DB" -q -v ON_ERROR_STOP=1 >&2 <<SQL
WITH st AS (SELECT array_agg(id ORDER BY sort_order) ids, array_agg(kind ORDER BY sort_order) kinds, array_agg(probability ORDER BY sort_order) probs
            FROM pipeline_stages WHERE deleted_at IS NULL),
     fallback AS (SELECT id FROM users WHERE username LIKE 'bench_owner_%' ORDER BY username LIMIT 1),
     src AS (SELECT c.id, COALESCE(c.owner_id, (SELECT id FROM fallback)) AS owner_id, c.code, 1 + floor(random() * 6)::int AS k, row_number() OVER () AS n
             FROM customers c WHERE NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.customer_id = c.id) LIMIT $((ROWS - have)))
INSERT INTO opportunities (id, customer_id, name, amount_minor, currency, expected_close_date, stage_id, status, probability, owner_id,
                           closed_at, position, stage_entered_at, version, created_at, updated_at)
SELECT gen_random_uuid(), src.id, '压测商机-' || src.code, (random() * 1000000)::bigint * 100, 'CNY', date '2026-01-01' + (random() * 730)::int,
       st.ids[src.k], st.kinds[src.k], st.probs[src.k], src.owner_id,
       CASE WHEN st.kinds[src.k] <> 'open' THEN now() - random() * interval '300 days' END, src.n * 1024, now(), 1,
       now() - random() * interval '365 days', now() - random() * interval '30 days'
FROM src, st;
SQL
fi
psql "$DB" -qc "VACUUM ANALYZE opportunities" >&2
psql "$DB" -qc "VACUUM ANALYZE opportunity_stage_totals" >&2
psql "$DB" -qAtc "SELECT id FROM opportunities TABLESAMPLE SYSTEM (2) LIMIT 20000" >"$BENCH_DIR/opportunity_ids.txt"
psql "$DB" -qAtc "SELECT id FROM customers TABLESAMPLE SYSTEM (2) LIMIT 20000" >"$BENCH_DIR/ids.txt"
psql "$DB" -qAtc "SELECT id FROM users WHERE username LIKE 'bench_owner_%'" >"$BENCH_DIR/owners.txt"
psql "$DB" -qAtc "SELECT id FROM pipeline_stages WHERE deleted_at IS NULL AND kind = 'open'" >"$BENCH_DIR/stages.txt"
# A team of 50 for the manager's board: their own department.
psql "$DB" -qc "INSERT INTO departments (id, name, parent_id, sort_order, version, created_at, updated_at)
  SELECT '$TEAM_DEPT', '压测销售小组', NULL, 0, 1, now(), now() WHERE NOT EXISTS (SELECT 1 FROM departments WHERE id = '$TEAM_DEPT');
  UPDATE users SET department_id = '$TEAM_DEPT' WHERE id IN (SELECT id FROM users WHERE username LIKE 'bench_owner_%' ORDER BY username LIMIT 50);" >&2

CRM_RATE_LIMIT_IP=0 CRM_RATE_LIMIT_USER=0 CRM_RATE_LIMIT_TOKEN=0 "$CRM" serve --database-url "$DB" --data-dir "$BENCH_DIR" --bind "$BIND" >"$BENCH_DIR/sales-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fsS "http://$BIND/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
login() { curl -fsS "http://$BIND/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$ADMIN_PW\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
token() { # access-token
  curl -fsS "http://$BIND/api/v1/api-tokens" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d '{"name":"bench-sales","scopes":["opportunities:read","reports:read","customers:read"]}' | sed -E 's/.*"token":"([^"]+)".*/\1/'
}
ADMIN=$(login admin)
ADMIN_TOKEN=$(token "$ADMIN")
role=$(curl -fsS "http://$BIND/api/v1/roles?q=sales_manager" -H "Authorization: Bearer $ADMIN" | sed -E 's/.*"id":"([^"]+)","name":"sales_manager".*/\1/')
curl -sS -o /dev/null "http://$BIND/api/v1/users" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench_team_manager\",\"display_name\":\"压测小组经理\",\"password\":\"$ADMIN_PW\",\"department_id\":\"$TEAM_DEPT\",\"role_ids\":[\"$role\"]}"
MANAGER_TOKEN=$(token "$(login bench_team_manager)")

measure() { # label path token [connections] [ids file]
  local out="$BENCH_DIR/wrk-sales-$1.txt" conns="${4:-$WRK_C}" threads="$WRK_T"
  [ "$conns" -lt "$threads" ] && threads="$conns"
  export BENCH_PATH="$2" BENCH_TOKEN="$3" BENCH_OWNERS="$BENCH_DIR/owners.txt" BENCH_STAGES="$BENCH_DIR/stages.txt" BENCH_IDS="${5:-$BENCH_DIR/opportunity_ids.txt}"
  [ "$WRK_WARMUP" != 0 ] && wrk -t"$threads" -c"$conns" -d"$WRK_WARMUP" -s "$HERE/wrk/path.lua" "http://$BIND" >/dev/null 2>&1 || true
  wrk -t"$threads" -c"$conns" -d"$WRK_D" --latency -s "$HERE/wrk/path.lua" "http://$BIND" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $1"; }
  awk -v ep="$1" '
    function ms(v) { if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 } if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 } return v + 0 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    END { printf "crm %s rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d\n", ep, rps, p50, p99, err }' "$out" | tee -a "$RESULTS"
}
measure get_customer "/api/v1/customers/{id}" "$ADMIN_TOKEN" "$WRK_C" "$BENCH_DIR/ids.txt"
measure get_opportunity "/api/v1/opportunities/{id}" "$ADMIN_TOKEN"
measure owner_stage_list "/api/v1/opportunities?owner_id={owner}&stage_id={stage}&sort=position&page_size=20" "$ADMIN_TOKEN"
measure board_owner "/api/v1/opportunities/board?owner_id={owner}&page_size=10" "$ADMIN_TOKEN"
measure board_manager_50 "/api/v1/opportunities/board?page_size=10" "$MANAGER_TOKEN"
measure funnel_owner "/api/v1/reports/funnel?owner_id={owner}" "$ADMIN_TOKEN"
measure board_manager_50_4conn "/api/v1/opportunities/board?page_size=10" "$MANAGER_TOKEN" 4
measure funnel_all "/api/v1/reports/funnel" "$ADMIN_TOKEN"
measure board_all "/api/v1/opportunities/board?page_size=10" "$ADMIN_TOKEN"
measure funnel_all_4conn "/api/v1/reports/funnel" "$ADMIN_TOKEN" 4
measure funnel_all_1conn "/api/v1/reports/funnel" "$ADMIN_TOKEN" 1
log "results in $RESULTS"
cat "$RESULTS"
