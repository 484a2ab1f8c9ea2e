# What the PostgreSQL benchmarks share, sourced after setting NAME (the results' and logs'
# prefix), BIND (the server's address) and BENCH_DB's default: the environment's defaults,
# the tools, the release binary, the database migrated, the server started and stopped, a
# person's API token, and `measure` (wrk against one path, a line of results).
# Environment: BENCH_PG_URL, BENCH_DB, BENCH_DIR, WRK_D, WRK_C, WRK_T, WRK_WARMUP, CRM_BIN.

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$REPO/bench"
BENCH_PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BENCH_DIR="${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/crm-bench}"
WRK_D="${WRK_D:-10s}"
WRK_C="${WRK_C:-32}"
WRK_T="${WRK_T:-2}"
WRK_WARMUP="${WRK_WARMUP:-2s}"
PW="Bench-admin-123"

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
RESULTS="$BENCH_DIR/$NAME-results.txt"
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

# 200 owners (bench_owner_*) with a few customers, and the admin's password.
seed_owners() {
  if [ "$(psql "$DB" -qAtc "SELECT count(*) FROM users WHERE username LIKE 'bench_owner_%'")" -lt 200 ]; then
    CRM_ADMIN_PASSWORD="$PW" "$CRM" seed --database-url "$DB" --data-dir "$BENCH_DIR" --customers 200 --owners 200 --owner-password "$PW" >&2
  fi
  "$CRM" admin reset-password admin --password "$PW" --database-url "$DB" --data-dir "$BENCH_DIR" >/dev/null
}

serve() {
  CRM_RATE_LIMIT_IP=0 CRM_RATE_LIMIT_USER=0 CRM_RATE_LIMIT_TOKEN=0 "$CRM" serve --database-url "$DB" --data-dir "$BENCH_DIR" --bind "$BIND" >"$BENCH_DIR/$NAME-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -fsS "http://$BIND/healthz" >/dev/null 2>&1 && return; sleep 0.2; done
  die "the server did not start (see $BENCH_DIR/$NAME-server.log)"
}

login() { curl -fsS "http://$BIND/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$PW\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }

# An API token of `username` with `scopes` (a JSON array).
api_token() {
  local t
  t=$(curl -fsS "http://$BIND/api/v1/api-tokens" -H "Authorization: Bearer $(login "$1")" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench-$NAME\",\"scopes\":$2}" | sed -E 's/.*"token":"([^"]+)".*/\1/')
  [ -n "$t" ] || die "no token for $1"
  printf '%s' "$t"
}

measure() { # label token path [connections]
  local out="$BENCH_DIR/wrk-$NAME-$1.txt" conns="${4:-$WRK_C}" threads="$WRK_T"
  [ "$conns" -lt "$threads" ] && threads="$conns"
  export BENCH_PATH="$3" BENCH_TOKEN="$2"
  [ "$WRK_WARMUP" != 0 ] && wrk -t"$threads" -c"$conns" -d"$WRK_WARMUP" -s "$HERE/wrk/path.lua" "http://$BIND" >/dev/null 2>&1 || true
  wrk -t"$threads" -c"$conns" -d"$WRK_D" --latency -s "$HERE/wrk/path.lua" "http://$BIND" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $1"; }
  awk -v ep="$1" '
    function ms(v) { if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 } if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 } return v + 0 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    /Non-2xx or 3xx responses:/ { err += $NF }
    END { printf "crm %s rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d\n", ep, rps, p50, p99, err }' "$out" | tee -a "$RESULTS"
}
