#!/usr/bin/env bash
# A script's round trip with bash, curl and jq: sign in once, make an API token with just
# the scopes the script needs, register a webhook (when WEBHOOK_URL is set), create the
# customers of a CSV file in one batch, and export them again as CSV.
#
#   CRM_URL=http://127.0.0.1:8080 CRM_USER=admin CRM_PASSWORD=… \
#     [WEBHOOK_URL=https://erp.example.com/hook WEBHOOK_SECRET=…] examples/customers.sh examples/customers.csv
set -euo pipefail
CRM_URL="${CRM_URL:-http://127.0.0.1:8080}"
CSV="${1:-$(dirname "$0")/customers.csv}"
api() { curl -fsS -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' "$@"; }

# 1. An interactive sign-in makes the API token; the token is shown once.
ACCESS=$(curl -fsS -X POST "$CRM_URL/api/v1/auth/login" -H 'content-type: application/json' \
  -d "$(jq -n --arg u "$CRM_USER" --arg p "$CRM_PASSWORD" '{username: $u, password: $p}')" | jq -r .access_token)
TOKEN=$(curl -fsS -X POST "$CRM_URL/api/v1/api-tokens" -H "authorization: Bearer $ACCESS" -H 'content-type: application/json' \
  -d '{"name": "customers.sh", "scopes": ["customers:read", "customers:import", "customers:export", "webhooks:read", "webhooks:create"]}' | jq -r .token)

# 2. A webhook for new and changed customers, signed with a secret the receiver knows.
if [ -n "${WEBHOOK_URL:-}" ]; then
  api -X POST "$CRM_URL/api/v1/webhooks" -d "$(jq -n --arg url "$WEBHOOK_URL" --arg s "$WEBHOOK_SECRET" \
    '{name: "customers.sh receiver", url: $url, events: ["customer.created", "customer.updated"], secret: $s}')" | jq -r '"webhook " + .id'
fi

# 3. The CSV's rows as one batch (at most 1000 items; each item answers on its own).
ITEMS=$(python3 -c 'import csv, json, sys; print(json.dumps([{k: v for k, v in r.items() if v} for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))], ensure_ascii=False))' "$CSV")
RESULTS=$(api -X POST "$CRM_URL/api/v1/customers/batch" -d "{\"items\": $ITEMS}")
echo "$RESULTS" | jq -r '.results[] | "row \(.index + 2): \(.status) \(.id // .error.detail)"'
CREATED=$(echo "$RESULTS" | jq '[.results[] | select(.status == 201)] | length')

# 4. Export what the token may see, newest first, as CSV (streamed; XLSX with format=xlsx).
OUT="${EXPORT_TO:-customers-export.csv}"
api "$CRM_URL/api/v1/customers/export?format=csv&sort=-created_at" -o "$OUT"
echo "created $CREATED, exported $(($(wc -l < "$OUT") - 1)) rows to $OUT"
