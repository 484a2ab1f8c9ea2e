#!/usr/bin/env bash
# File imports end to end (issue 18): a CSV of 1,000,000 customers (and an XLSX of
# 100,000) through `POST /imports` with an API token, from the upload to the job's `done`,
# on a fresh database, with the server's peak RSS. Goals: CSV ≤ 60 s on PostgreSQL,
# ≤ 90 s on SQLite, RSS ≤ 300 MB; XLSX ≤ 20 s.
#
# Usage: bench/imports.sh [postgres|sqlite] [ROWS]
# Environment (optional): BENCH_PG_URL, BENCH_DIR, BENCH_RUST_LOG (the server's RUST_LOG; info shows where
#   an import's time went), CRM_BIN (a built server instead of
#   building this checkout's release binary), XLSX_ROWS (100000; 0 skips the XLSX run).
set -euo pipefail
KIND="${1:-postgres}"
ROWS="${2:-1000000}"
XLSX_ROWS="${XLSX_ROWS:-100000}"
NAME="imports-$KIND"
BIND="127.0.0.1:18941"
BENCH_DB="crm_bench_imports"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_PG_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432}"
BENCH_DIR="${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/crm-bench}"
PW="Bench-admin-123"
log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true' EXIT INT TERM
if [ -z "${CRM_BIN:-}" ]; then
  log "building the release binary"
  (cd "$REPO" && cargo build --release --locked --bin crm >&2)
  CRM_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/crm"
fi

# The files, made once: unique names and phones, an industry by its Chinese label, a remark.
CSV="$BENCH_DIR/import-customers-$ROWS.csv"
if [ ! -s "$CSV" ]; then
  log "writing $CSV"
  python3 - "$CSV" "$ROWS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
industries = ["信息技术", "制造业", "金融", "零售", "教育", "医疗健康"]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("客户名称,电话,行业,备注\n")
    for i in range(n):
        f.write(f"导入客户{i:07d}有限公司,0571-{i:08d},{industries[i % 6]},来自文件的第{i + 2}行\n")
PY
fi
XLSX="$BENCH_DIR/import-customers-$XLSX_ROWS.xlsx"
if [ "$XLSX_ROWS" -gt 0 ] && [ ! -s "$XLSX" ]; then
  log "writing $XLSX"
  python3 - "$XLSX" "$XLSX_ROWS" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
path, n = sys.argv[1], int(sys.argv[2])
def row(r, cells):
    return f'<row r="{r}">' + "".join(f'<c t="inlineStr"><is><t>{escape(c)}</t></is></c>' for c in cells) + "</row>"
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w") as s:
        s.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        s.write(row(1, ["客户名称", "电话", "行业"]).encode())
        for i in range(n):
            s.write(row(i + 2, [f"表格客户{i:07d}有限公司", f"0512-{i:08d}", "制造业"]).encode())
        s.write(b"</sheetData></worksheet>")
PY
fi

# A fresh database and server.
if [ "$KIND" = postgres ]; then
  psql "$BENCH_PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >&2
  psql "$BENCH_PG_URL/postgres" -qc "CREATE DATABASE $BENCH_DB" >&2
  DB="$BENCH_PG_URL/$BENCH_DB"
else
  rm -f "$BENCH_DIR/$BENCH_DB.sqlite"*
  DB="sqlite://$BENCH_DIR/$BENCH_DB.sqlite?mode=rwc"
fi
DATA="$BENCH_DIR/$NAME-data"
rm -rf "$DATA" && mkdir -p "$DATA"
CRM_ADMIN_PASSWORD="$PW" CRM_RATE_LIMIT_IP=0 CRM_RATE_LIMIT_USER=0 CRM_RATE_LIMIT_TOKEN=0 RUST_LOG="${BENCH_RUST_LOG:-warn}" \
  "$CRM_BIN" serve --database-url "$DB" --data-dir "$DATA" --bind "$BIND" >"$BENCH_DIR/$NAME-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fsS "http://$BIND/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
ACCESS=$(curl -fsS "http://$BIND/api/v1/auth/login" -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PW\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
TOKEN=$(curl -fsS "http://$BIND/api/v1/api-tokens" -H "Authorization: Bearer $ACCESS" -H 'Content-Type: application/json' \
  -d '{"name":"bench-imports","scopes":["imports:create","imports:read","customers:import","customers:create"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# CPU seconds used so far by the server and by the database's processes (PostgreSQL's
# backends; SQLite runs inside the server), to tell which side an import waits on.
cpu_of() { # pids…
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}
db_pids() { if [ "$KIND" = postgres ]; then pgrep -x postgres || true; fi; }

# One import, timed from the upload's start to `done`, with the server's peak RSS.
run() { # label file
  local start id report peak=0 peak_anon=0 rss anon cpu0 db0 tick
  tick=$(getconf CLK_TCK)
  cpu0=$(cpu_of "$SERVER_PID")
  db0=$(cpu_of $(db_pids))
  start=$(date +%s.%N)
  id=$(curl -fsS "http://$BIND/api/v1/imports" -H "Authorization: Bearer $TOKEN" -F entity=customers -F mode=commit -F "file=@$2" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  while :; do
    rss=$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss
    # The server's own memory, without the database file SQLite maps into it (mmap_size).
    anon=$(awk '/^RssAnon:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
    [ "${anon:-0}" -gt "$peak_anon" ] && peak_anon=$anon
    report=$(curl -fsS "http://$BIND/api/v1/imports/$id" -H "Authorization: Bearer $TOKEN")
    case "$report" in *'"status":"done"'*|*'"status":"failed"'*) break ;; esac
    sleep 0.25
  done
  local end server_cpu db_cpu
  end=$(date +%s.%N)
  server_cpu=$(( $(cpu_of "$SERVER_PID") - cpu0 ))
  db_cpu=$(( $(cpu_of $(db_pids)) - db0 ))
  python3 - "$1" "$report" "$start" "$end" "$peak" "$KIND" "$peak_anon" "$server_cpu" "$db_cpu" "$tick" <<'PY'
import json, sys
label, report, start, end, peak, kind, anon = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6], int(sys.argv[7])
server_cpu, db_cpu, tick = int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10])
secs = end - start
print(f"crm import {kind} {label}: status={report['status']} rows={report['rows_read']} created={report['created']} failed={report['failed']} "
      f"seconds={secs:.1f} rows_per_s={report['rows_read'] / secs:.0f} job_ms={report['duration_ms']} peak_rss_mb={peak / 1024:.0f} peak_anon_mb={anon / 1024:.0f} "
      f"server_cpu_s={server_cpu / tick:.1f} db_cpu_s={db_cpu / tick:.1f}")
PY
}
run "csv-$ROWS" "$CSV" | tee "$BENCH_DIR/$NAME-results.txt"
[ "$XLSX_ROWS" -gt 0 ] && run "xlsx-$XLSX_ROWS" "$XLSX" | tee -a "$BENCH_DIR/$NAME-results.txt"
