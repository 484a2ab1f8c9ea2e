#!/usr/bin/env bash
# Does a flood of failed sign-ins slow other users down? (issue 12: by at most 20% at p95)
#
#   bench/login_flood.sh
#
# A release server on SQLite with 1,000 customers; one user reads customers by id (wrk, 8
# connections, FLOOD_D seconds) alone, then while another wrk sends wrong passwords for
# made-up names from a new address each time (X-Forwarded-For, trusted here): FLOOD_RATE
# attempts a second (default 100, three times the 31/s of the finding), then as fast as
# wrk can send (FLOOD_RATE=max). Prints the p95 latencies and their ratios. Request rate limits are off, so what is
# measured is the sign-in defences' cost (the per-address back-off, the global budget of
# failed sign-ins, and the password hashing they spare), not the rate limiter's refusals.
set -euo pipefail
cd "$(dirname "$0")/.."
D="${FLOOD_D:-15}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --locked --bin crm >&2
CRM="${CARGO_TARGET_DIR:-target}/release/crm"
WORK="$(mktemp -d)"
PORT=18977
trap 'kill $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null; rm -rf "$WORK"' EXIT
CRM_ADMIN_PASSWORD='Flood-admin-pass-1' CRM_RATE_LIMIT_IP=0 CRM_RATE_LIMIT_USER=0 CRM_RATE_LIMIT_TOKEN=0 CRM_TRUST_FORWARDED=true RUST_LOG=warn \
  "$CRM" serve --data-dir "$WORK" --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"
ACCESS=$(curl -fsS -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' -H 'x-forwarded-for: 192.0.2.10' \
  -d '{"username":"admin","password":"Flood-admin-pass-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
TOKEN=$(curl -fsS -X POST "$BASE/api/v1/api-tokens" -H "authorization: Bearer $ACCESS" -H 'content-type: application/json' \
  -d '{"name":"flood bench","scopes":["customers:read","customers:import"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
python3 - "$BASE" "$TOKEN" > "$WORK/ids.txt" <<'PY'
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
items = [{"name": f"Flood Bench {i:04d} Ltd", "kind": "company"} for i in range(1000)]
req = urllib.request.Request(base + "/api/v1/customers/batch", data=json.dumps({"items": items}).encode(),
                             headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"}, method="POST")
for r in json.load(urllib.request.urlopen(req))["results"]:
    print(r["id"])
PY
export BENCH_IDS="$WORK/ids.txt" BENCH_TOKEN="$TOKEN" BENCH_FORWARDED_FOR=192.0.2.10 BENCH_P95=1
wrk -t1 -c8 -d2s -s bench/wrk/get_by_id.lua "$BASE" >/dev/null
alone=$(wrk -t1 -c8 -d"${D}s" -s bench/wrk/get_by_id.lua "$BASE")
flood() { # rate: attempts per second, or max
  local conns=32 pause=0
  if [ "$1" != max ]; then conns=4; pause=$((4000 / $1)); fi
  FLOOD_DELAY_MS=$pause wrk -t1 -c$conns -d"$((D + 4))s" -s bench/wrk/login_flood.lua "$BASE" > "$WORK/flood.txt" &
  FLOOD=$!
  sleep 2
  flooded=$(wrk -t1 -c8 -d"${D}s" -s bench/wrk/get_by_id.lua "$BASE")
  wait $FLOOD
  p_flood=$(echo "$flooded" | awk '/^P95_MS/{print $2}')
  echo "reads under a flood of $1/s: p95 ${p_flood} ms, $(echo "$flooded" | awk '/^RPS/{print $2}') rps; the flood sent $(awk '/Requests\/sec/{print $2}' "$WORK/flood.txt") sign-ins/s"
  python3 -c "print(f'  p95 ratio {float(\"$p_flood\")/float(\"$p_alone\"):.2f} (goal <= 1.20)')"
}
p_alone=$(echo "$alone" | awk '/^P95_MS/{print $2}')
echo "reads alone:        p95 ${p_alone} ms, $(echo "$alone" | awk '/^RPS/{print $2}') rps"
flood "${FLOOD_RATE:-100}"
flood max
