#!/usr/bin/env bash
# Runs the examples against a real server, as CI does (`make examples`): a fresh server on
# SQLite, the signature-checking receiver, the bash and the Python script; then checks
# that the receiver got, signed and in order, every customer the bash script created.
#
#   examples/run.sh            (CRM_BIN defaults to the debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
CRM="${CRM_BIN:-${CARGO_TARGET_DIR:-target}/debug/crm}"
WORK="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
HOOK_PORT="$(free_port)"
cleanup() {
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "${RECEIVER_PID:-}" ] && kill "$RECEIVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export CRM_URL="http://127.0.0.1:$PORT" CRM_USER=admin CRM_PASSWORD='Examples-admin-1'
CRM_ADMIN_PASSWORD="$CRM_PASSWORD" RUST_LOG=warn "$CRM" serve --database-url "sqlite://$WORK/crm.db?mode=rwc" --data-dir "$WORK" \
  --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fsS "$CRM_URL/readyz" >/dev/null 2>&1 && break; sleep 0.2; done

export WEBHOOK_SECRET="examples-secret-$RANDOM-$RANDOM" WEBHOOK_URL="http://127.0.0.1:$HOOK_PORT/crm"
python3 examples/webhook_receiver.py --port "$HOOK_PORT" --secret "$WEBHOOK_SECRET" --out "$WORK/events.jsonl" >/dev/null 2>"$WORK/receiver.log" &
RECEIVER_PID=$!

# The receiver is on this machine: an administrator allows private targets for it.
ACCESS=$(curl -fsS -X POST "$CRM_URL/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"username\": \"admin\", \"password\": \"$CRM_PASSWORD\"}" | jq -r .access_token)
curl -fsS -X PUT "$CRM_URL/api/v1/settings/webhooks" -H "authorization: Bearer $ACCESS" -H 'content-type: application/json' \
  -d '{"allow_private_targets": true}' >/dev/null

echo "==> examples/customers.sh"
EXPORT_TO="$WORK/export.csv" ERRORS_TO="$WORK/customers-errors.csv" examples/customers.sh examples/customers.csv
echo "==> examples/customers.py"
python3 examples/customers.py

echo "==> the receiver's events"
TOTAL=$(curl -fsS "$CRM_URL/api/v1/customers?page_size=1" -H "authorization: Bearer $ACCESS" | jq .total)
for _ in $(seq 1 100); do
  got=$(grep -c '"customer.created"' "$WORK/events.jsonl" 2>/dev/null || true)
  [ "${got:-0}" -ge "$TOTAL" ] && break
  sleep 0.2
done
[ -s "$WORK/customers-errors.csv" ] || { echo "customers.sh kept no errors file for its bad row"; exit 1; }
python3 - "$WORK/events.jsonl" "$TOTAL" <<'PY'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
created = [e for e in events if e["event"] == "customer.created"]
want = int(sys.argv[2])
assert len(created) == want, f"{len(created)} customer.created events for {want} customers"
assert len({e["id"] for e in events}) == len(events), "an event came twice past the dedup"
print(f"{len(created)} customer.created events for {want} customers, each signed; first: {created[0]['data']['record']['name']}")
PY
