#!/usr/bin/env bash
# A quote's PDF: its size and how long the whole request takes (median and max of 20), for a
# quote of 2, 50 and 200 lines with Chinese names, on the release build with a fresh SQLite
# database. Issue 16 asks for ≤ 200 ms and ≤ 300 kB with Chinese text.
#
# Usage: bench/pdf.sh        Environment: CRM_BIN (default: the release build)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CRM="${CRM_BIN:-${CARGO_TARGET_DIR:-$REPO/target}/release/crm}"
[ -x "$CRM" ] || { echo "bench: build the release binary first (cargo build --release --bin crm)" >&2; exit 1; }
WORK="$(mktemp -d)"
BIND=127.0.0.1:18184
B="http://$BIND/api/v1"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
CRM_ADMIN_PASSWORD='Bench-admin-123' CRM_RATE_LIMIT_IP=0 CRM_RATE_LIMIT_USER=0 "$CRM" serve --data-dir "$WORK" --bind "$BIND" >"$WORK/log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fsS "http://$BIND/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN="$(curl -fsS -X POST "$B/auth/login" -H 'content-type: application/json' -d '{"username":"admin","password":"Bench-admin-123"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')"
H="Authorization: Bearer $TOKEN"
json() { curl -fsS -X "$1" "$B$2" -H "$H" -H 'content-type: application/json' -d "$3"; }
id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
json PUT /settings/company '{"name":"杭州云帆信息技术有限公司","address":"杭州市滨江区网商路 699 号","phone":"0571-88886666","tax_number":"91330108MA2B3C4D5E","bank_name":"招商银行杭州分行","bank_account":"5719 0123 4567 890"}' >/dev/null
CUSTOMER="$(json POST /customers '{"name":"苏州恒达电子科技有限公司"}' | id)"
printf '| lines | bytes | median ms | max ms |\n|---|---|---|---|\n'
for n in 2 50 200; do
  body="$(python3 - "$CUSTOMER" "$n" <<'PY'
import json, sys
customer, n = sys.argv[1], int(sys.argv[2])
names = ["人体工学椅", "升降办公桌", "会议室投影仪", "文件柜（四门）", "安装与调试服务", "年度维保服务包"]
lines = [{"name": f"{names[i % len(names)]} 型号 A{i:03d}", "unit": "件", "quantity": str(1 + i % 7), "unit_price": f"{99 + i * 13.7:.2f}",
          "discount_percent": str(i % 3 * 5), "tax_rate_percent": "13"} for i in range(n)]
print(json.dumps({"customer_id": customer, "valid_until": "2030-12-31", "lines": lines,
                  "terms": "1. 报价有效期内价格不变。\n2. 合同签订后七日内预付 30%，货到验收后付清余款。\n3. 质保期一年，终身维护。"}))
PY
)"
  QUOTE="$(json POST /quotes "$body" | id)"
  json POST "/quotes/$QUOTE/transition" '{"to":"sent"}' >/dev/null
  curl -fsS -o "$WORK/q.pdf" "$B/quotes/$QUOTE/pdf?lang=zh" -H "$H"
  size="$(stat -c %s "$WORK/q.pdf")"
  times=()
  for _ in $(seq 1 20); do
    times+=("$(curl -fsS -o /dev/null -w '%{time_total}' "$B/quotes/$QUOTE/pdf?lang=zh" -H "$H")")
  done
  printf '%s\n' "${times[@]}" | python3 -c "
import sys, statistics
t = [float(x) * 1000 for x in sys.stdin.read().split()]
print(f'| $n | $size | {statistics.median(t):.1f} | {max(t):.1f} |')"
done
