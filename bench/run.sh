#!/usr/bin/env bash
# The customer API's speed on N customers (default 1,000,000), beside the thin-REST anchor
# measured in the same run on the same machine. See bench/README.md.
#
# Usage: bench/run.sh [ROWS]
# Environment (all optional):
#   BENCH_PG_URL   PostgreSQL server URL without a database (default postgres://postgres@127.0.0.1:5432)
#   BENCH_DB       database for the benchmark (default crm_bench; created and seeded when short)
#   BENCH_DIR      work directory: SQLite database, id lists, logs (default ~/.cache/crm-bench)
#   WRK_D, WRK_C, WRK_T, WRK_WARMUP   as the anchor's (10s, 32, 2, 2s)
#   ANCHOR_DIR     the anchor (default ../shared/anchors/thin-rest next to this repository)
#   SKIP_ANCHOR=1  measure this server only; SKIP_SQLITE=1 / SKIP_PG=1 skip that database
#   CRM_BIN        a built server to measure instead of building this checkout's (to compare
#                  two builds in one sitting)
#
# Stdout: one line per measurement and a table with the goals of issue 4.
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
ANCHOR_DIR="${ANCHOR_DIR:-$REPO/../shared/anchors/thin-rest}"
ADMIN_PW="Bench-admin-123"
PG_BIND=127.0.0.1:18181
SQLITE_BIND=127.0.0.1:18182
OWNERS=1000

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }

mkdir -p "$BENCH_DIR/sqlite"
RESULTS="$BENCH_DIR/results.txt"
: >"$RESULTS"
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# ------------------------------------------------------------------ tools and build
for tool in psql curl; do command -v "$tool" >/dev/null || die "$tool is missing"; done
if ! command -v wrk >/dev/null || ! command -v sqlite3 >/dev/null; then
  log "installing wrk and sqlite3"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update >&2 && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk sqlite3 >&2
fi
if [ -n "${CRM_BIN:-}" ]; then
  CRM="$CRM_BIN"
else
  log "building the release binary"
  (cd "$REPO" && cargo build --release --locked --bin crm >&2)
  CRM="${CARGO_TARGET_DIR:-$REPO/target}/release/crm"
fi
[ -x "$CRM" ] || die "no binary at $CRM"

PG_DB_URL="$BENCH_PG_URL/$BENCH_DB"
SQLITE_URL="sqlite://$BENCH_DIR/sqlite/crm.db?mode=rwc"

# ------------------------------------------------------------------ data
# Tops the database up to ROWS customers through `crm seed` (the bulk import path).
seed() { # url count-command
  local url="$1" have="$2"
  if [ "$have" -lt "$ROWS" ]; then
    log "seeding $((ROWS - have)) customers into $url (has $have)"
    CRM_ADMIN_PASSWORD="$ADMIN_PW" "$CRM" seed --database-url "$url" --data-dir "$BENCH_DIR" \
      --customers "$((ROWS - have))" --start "$have" --owners "$OWNERS" >&2
  fi
  "$CRM" admin reset-password admin --password "$ADMIN_PW" --database-url "$url" --data-dir "$BENCH_DIR" >/dev/null
}

psql "$BENCH_PG_URL/postgres" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" | grep -q 1 \
  || psql "$BENCH_PG_URL/postgres" -qc "CREATE DATABASE $BENCH_DB" >&2
"$CRM" migrate --database-url "$PG_DB_URL" --data-dir "$BENCH_DIR" >&2
# Customers posted by earlier runs go first, so every run starts from the seeded rows.
psql "$PG_DB_URL" -qc "DELETE FROM audit_logs WHERE entity = 'customers' AND entity_id IN (SELECT id FROM customers WHERE name LIKE '压测客户-%');
  DELETE FROM customers WHERE name LIKE '压测客户-%';" >&2
seed "$PG_DB_URL" "$(psql "$PG_DB_URL" -qAtc "SELECT count(*) FROM customers")"
psql "$PG_DB_URL" -q -c "VACUUM ANALYZE customers" -c "VACUUM ANALYZE contacts" -c "VACUUM ANALYZE follow_ups" -c "VACUUM ANALYZE audit_logs" >&2
psql "$PG_DB_URL" -qAtc "SELECT id FROM customers TABLESAMPLE SYSTEM (2) LIMIT 20000" >"$BENCH_DIR/ids.txt"
psql "$PG_DB_URL" -qAtc "SELECT id FROM users WHERE username LIKE 'bench_owner_%'" >"$BENCH_DIR/owners.txt"
# A sales team: the owners in one department, whose manager (department scope) lists them.
psql "$PG_DB_URL" -qc "INSERT INTO departments (id, name, parent_id, sort_order, version, created_at, updated_at)
  SELECT '00000000-0000-7000-8000-00000000be01', '压测销售部', NULL, 0, 1, now(), now()
  WHERE NOT EXISTS (SELECT 1 FROM departments WHERE id = '00000000-0000-7000-8000-00000000be01');
  UPDATE users SET department_id = '00000000-0000-7000-8000-00000000be01' WHERE username LIKE 'bench_owner_%';" >&2

# ------------------------------------------------------------------ measuring
start_server() { # database-url bind
  # wrk sends tens of thousands of requests a second from one address with one token: the
  # per-address and per-token rate limits (production defaults 100/s and 50/s) are off here,
  # as the anchor has none; the limiter's own cost is still paid on every request.
  CRM_RATE_LIMIT_IP=0 CRM_RATE_LIMIT_USER=0 CRM_RATE_LIMIT_TOKEN=0 \
    "$CRM" serve --database-url "$1" --data-dir "$BENCH_DIR" --bind "$2" >"$BENCH_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://$2/healthz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  die "the server did not start; see $BENCH_DIR/server.log"
}
stop_server() { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status"; }
# The server's highest RSS while it runs, sampled every 100 ms.
start_sampler() {
  (max=0; while kill -0 "$SERVER_PID" 2>/dev/null; do
     r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
     [ "${r:-0}" -gt "$max" ] && max=$r && echo "$max" >"$BENCH_DIR/rss_max"
     sleep 0.1
   done) &
  SAMPLER_PID=$!
}
# A scoped API token (a real bearer token, checked on every request like any other).
api_token() { # bind [username password]
  local access
  access=$(curl -fsS "http://$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${2:-admin}\",\"password\":\"${3:-$ADMIN_PW}\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl -fsS "http://$1/api/v1/api-tokens" -H "Authorization: Bearer $access" -H 'Content-Type: application/json' \
    -d '{"name":"bench","scopes":["customers:read","customers:create","customers:export"]}' | sed -E 's/.*"token":"([^"]+)".*/\1/'
}
summarise() { # label wrk-output
  awk -v ep="$1" '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/)  { sub(/s$/,  "", v); return v * 1000 }
      if (v ~ /m$/)  { sub(/m$/,  "", v); return v * 60000 }
      return v + 0
    }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    $1 == "Requests/sec:" { rps = $2; seen = 1 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    /Socket errors:/ { for (i = 3; i <= NF; i++) { v = $i; gsub(/,/, "", v); if (v ~ /^[0-9]+$/) err += v } }
    END {
      if (!seen) exit 1
      printf "crm %s rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d\n", ep, rps, p50, p99, err
    }' "$2"
}
measure() { # label script bind [warm-up] [connections]
  local out="$BENCH_DIR/wrk-$1.txt" conns="${5:-$WRK_C}" threads="$WRK_T"
  [ "$conns" -lt "$threads" ] && threads="$conns"
  if [ "${4:-yes}" = yes ] && [ "$WRK_WARMUP" != 0 ]; then
    wrk -t"$threads" -c"$conns" -d"$WRK_WARMUP" -s "$HERE/wrk/$2.lua" "http://$3" >/dev/null 2>&1 || true
  fi
  wrk -t"$threads" -c"$conns" -d"$WRK_D" --latency -s "$HERE/wrk/$2.lua" "http://$3" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $1"; }
  cat "$out" >&2
  summarise "$1" "$out" | tee -a "$RESULTS"
}

export BENCH_IDS="$BENCH_DIR/ids.txt" BENCH_OWNERS="$BENCH_DIR/owners.txt"

if [ "${SKIP_PG:-0}" != 1 ]; then
log "PostgreSQL: serving $ROWS customers on $PG_BIND"
start_server "$PG_DB_URL" "$PG_BIND"
start_sampler
BENCH_TOKEN="$(api_token "$PG_BIND")"; export BENCH_TOKEN
[ "${BENCH_TOKEN#crm_}" != "$BENCH_TOKEN" ] || die "could not create an API token"
measure get_by_id get_by_id "$PG_BIND"
measure list list "$PG_BIND"
# The same list as the team's manager: department scope over the 1,000 owners, resolved
# once per cached actor rather than per query.
manager_token() { # bind
  local admin_access role
  admin_access=$(curl -fsS "http://$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PW\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  role=$(curl -fsS "http://$1/api/v1/roles?q=sales_manager" -H "Authorization: Bearer $admin_access" | sed -E 's/.*"id":"([^"]+)","name":"sales_manager".*/\1/')
  curl -sS -o /dev/null "http://$1/api/v1/users" -H "Authorization: Bearer $admin_access" -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench_manager\",\"display_name\":\"压测经理\",\"password\":\"$ADMIN_PW\",\"department_id\":\"00000000-0000-7000-8000-00000000be01\",\"role_ids\":[\"$role\"]}"
  api_token "$1" bench_manager "$ADMIN_PW"
}
ADMIN_TOKEN="$BENCH_TOKEN"
BENCH_TOKEN="$(manager_token "$PG_BIND")"
[ "${BENCH_TOKEN#crm_}" != "$BENCH_TOKEN" ] || die "could not create the manager's API token"
measure list_manager list "$PG_BIND"
# The team's whole list (no owner picked): the manager's scope condition is paid per row.
measure team_manager team "$PG_BIND"
BENCH_TOKEN="$ADMIN_TOKEN"
measure team_admin team "$PG_BIND"
measure search search "$PG_BIND"
measure search_4conn search "$PG_BIND" yes 4
# The same fragments sorted by name: no index walk serves that order, so every match is
# read from the trigram index and sorted (the path every sort but updated_at takes).
BENCH_SEARCH_SORT=name measure search_by_name_4conn search "$PG_BIND" yes 4
measure post post "$PG_BIND" no
log "export of every customer as CSV"
before=$(rss_kb)
export_stats=$(curl -sS -o "$BENCH_DIR/export.csv" -w '%{http_code} %{time_total} %{size_download}' \
  -H "Authorization: Bearer $BENCH_TOKEN" "http://$PG_BIND/api/v1/customers/export?format=csv&pool=public,potential,won,invalid")
read -r code secs bytes <<<"$export_stats"
export_rows=$(($(wc -l <"$BENCH_DIR/export.csv") - 1))
peak=$(cat "$BENCH_DIR/rss_max")
echo "crm export status=$code seconds=$secs rows=$export_rows bytes=$bytes rss_before_mb=$((before / 1024)) rss_peak_mb=$((peak / 1024))" | tee -a "$RESULTS"
rm -f "$BENCH_DIR/export.csv"
echo "crm pg_server rss_max_mb=$(($(cat "$BENCH_DIR/rss_max") / 1024))" | tee -a "$RESULTS"
stop_server
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
fi

if [ "${SKIP_SQLITE:-0}" != 1 ]; then
  "$CRM" migrate --database-url "$SQLITE_URL" --data-dir "$BENCH_DIR" >&2
  seed "$SQLITE_URL" "$(sqlite3 "$BENCH_DIR/sqlite/crm.db" "SELECT count(*) FROM customers")"
  sqlite3 "$BENCH_DIR/sqlite/crm.db" "ANALYZE;" >&2
  log "SQLite: serving $ROWS customers on $SQLITE_BIND"
  start_server "$SQLITE_URL" "$SQLITE_BIND"
  BENCH_TOKEN="$(api_token "$SQLITE_BIND")"; export BENCH_TOKEN
  measure sqlite_search search "$SQLITE_BIND"
  measure sqlite_search_1conn search "$SQLITE_BIND" yes 1
  stop_server
fi

if [ "${SKIP_ANCHOR:-0}" != 1 ]; then
  [ -x "$ANCHOR_DIR/run.sh" ] || die "the anchor is missing at $ANCHOR_DIR (set ANCHOR_DIR or SKIP_ANCHOR=1)"
  log "the thin-REST anchor, same machine, same run"
  WRK_D="$WRK_D" WRK_C="$WRK_C" WRK_T="$WRK_T" WRK_WARMUP="$WRK_WARMUP" "$ANCHOR_DIR/run.sh" "$ROWS" | tee -a "$RESULTS"
fi

# ------------------------------------------------------------------ report
echo
awk '
  function val(line, key,   a) { if (match(line, key "=[0-9.]+")) { a = substr(line, RSTART, RLENGTH); sub(/.*=/, "", a); return a + 0 } return -1 }
  $1 == "crm"       { crm[$2] = $0 }
  $1 == "thin-rest" { anchor[$2] = $0 }
  function row(op, ours, theirs, ratio_goal, p99_goal, rps_goal,   r, p, ar, ratio, ok) {
    if (!(ours in crm)) return
    r = val(crm[ours], "rps"); p = val(crm[ours], "p99_ms")
    ar = (theirs in anchor) ? val(anchor[theirs], "rps") : -1
    ratio = (ar > 0) ? sprintf("%.2f", r / ar) : "-"
    ok = (p99_goal < 0 || p <= p99_goal) && (rps_goal < 0 || r >= rps_goal) && (ratio_goal < 0 || ratio == "-" || r / ar >= ratio_goal)
    printf "| %-44s | %8.0f | %8.2f | %8s | %6s | %-30s | %-4s |\n", op, r, p, (ar > 0 ? sprintf("%.0f", ar) : "-"), ratio,
      (ratio_goal > 0 ? "≥" ratio_goal "× anchor, " : "") (rps_goal > 0 ? "≥" rps_goal " rps, " : "") "p99 ≤ " p99_goal " ms", ok ? "ok" : "MISS"
  }
  END {
    printf "| %-44s | %8s | %8s | %8s | %6s | %-30s | %-4s |\n", "operation", "rps", "p99 ms", "anchor", "ratio", "goal", ""
    row("GET /customers/{id}, 32 conn", "get_by_id", "get_by_id", 0.5, 5, -1)
    row("list owner+pool, -updated_at, 32 conn", "list", "list", 0.5, 10, -1)
    row("the same list as a department manager, 32 conn", "list_manager", "", -1, 10, -1)
    row("potential pool, -updated_at (admin), 32 conn", "team_admin", "", -1, 10, -1)
    row("the same as a department manager, 32 conn", "team_manager", "", -1, 10, -1)
    row("fuzzy q, sorted, 20 rows (PostgreSQL), 32 conn", "search", "", -1, 50, 300)
    row("fuzzy q, sorted, 20 rows (PostgreSQL), 4 conn", "search_4conn", "", -1, 50, 300)
    row("fuzzy q, sorted by name (PostgreSQL), 4 conn", "search_by_name_4conn", "", -1, 50, 300)
    row("POST /customers (dup check + audit)", "post", "post", 0.3, 20, -1)
    row("fuzzy q, SQLite, 32 conn", "sqlite_search", "", -1, 10, -1)
    row("fuzzy q, SQLite, 1 conn", "sqlite_search_1conn", "", -1, 10, -1)
    if ("export" in crm) print crm["export"] "   (goal: ≤ 10 s, RSS growth ≤ 50 MB)"
    if ("pg_server" in crm) print crm["pg_server"] "   (goal: ≤ 300 MB)"
  }' "$RESULTS"
