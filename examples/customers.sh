#!/usr/bin/env bash
# A script's round trip with bash, curl and jq: sign in once, make an API token with just
# the scopes the script needs, register a webhook (when WEBHOOK_URL is set), import the
# customers of a CSV file (polling the import, keeping its errors file when rows failed),
# and export them again as CSV.
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
  -d '{"name": "customers.sh", "scopes": ["customers:read", "customers:import", "customers:create", "customers:export", "imports:create", "imports:read", "webhooks:read", "webhooks:create"]}' | jq -r .token)

# 2. A webhook for new and changed customers, signed with a secret the receiver knows.
if [ -n "${WEBHOOK_URL:-}" ]; then
  api -X POST "$CRM_URL/api/v1/webhooks" -d "$(jq -n --arg url "$WEBHOOK_URL" --arg s "$WEBHOOK_SECRET" \
    '{name: "customers.sh receiver", url: $url, events: ["customer.created", "customer.updated"], secret: $s}')" | jq -r '"webhook " + .id'
fi

# 3. The CSV imported in the background: upload, then poll the import until it is done.
IMPORT=$(curl -fsS -X POST "$CRM_URL/api/v1/imports" -H "authorization: Bearer $TOKEN" \
  -F entity=customers -F mode=commit -F on_duplicate=skip -F "file=@$CSV" | jq -r .id)
while :; do
  REPORT=$(api "$CRM_URL/api/v1/imports/$IMPORT")
  case "$(echo "$REPORT" | jq -r .status)" in done|failed) break ;; esac
  sleep 0.5
done
echo "$REPORT" | jq -r '"import \(.status): \(.rows_read) rows, \(.created) created, \(.skipped) skipped, \(.failed) failed in \(.duration_ms) ms"'
echo "$REPORT" | jq -r '.errors[] | "  row \(.row): " + ([.errors[] | "\(.column // "-"): \(.message)"] | join("; "))'
if [ "$(echo "$REPORT" | jq .failed)" -gt 0 ]; then
  # The failed rows as uploaded with an error column: fix them and import that file again.
  api "$CRM_URL/api/v1/imports/$IMPORT/errors.csv" -o "${ERRORS_TO:-customers-errors.csv}"
fi
CREATED=$(echo "$REPORT" | jq .created)

# 4. Export what the token may see, newest first, as CSV (streamed; XLSX with format=xlsx).
OUT="${EXPORT_TO:-customers-export.csv}"
api "$CRM_URL/api/v1/customers/export?format=csv&sort=-created_at" -o "$OUT"
echo "created $CREATED, exported $(($(wc -l < "$OUT") - 1)) rows to $OUT"
