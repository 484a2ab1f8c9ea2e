#!/usr/bin/env bash
# The drive with a big file over loopback (issue 15): upload and download of SIZE_MB
# (default 1024) MB, the server's resident memory before and at its peak (VmHWM), and the
# download's speed from local storage. Goals: RSS grows by ≤ 50 MB; download ≥ 300 MB/s.
#
# Usage: bench/drive.sh [SIZE_MB]
# Environment (optional): CRM_BIN (a built server instead of building this checkout's
#   release binary), BENCH_DIR (work directory, default ~/.cache/crm-bench/drive).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIZE_MB="${1:-1024}"
BENCH_DIR="${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/crm-bench/drive}"
BIND=127.0.0.1:18183
PW="Bench-admin-123"
if [ -z "${CRM_BIN:-}" ]; then
  (cd "$REPO" && cargo build --release --locked --bin crm >&2)
  CRM_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/crm"
fi
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR/data"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom >"$BENCH_DIR/big.bin"
CRM_DATA_DIR="$BENCH_DIR/data" CRM_BIND="$BIND" CRM_ADMIN_PASSWORD="$PW" RUST_LOG=warn "$CRM_BIN" serve --job-workers 0 >"$BENCH_DIR/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS "http://$BIND/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
TOKEN=$(curl -fsS "http://$BIND/api/v1/auth/login" -H 'content-type: application/json' -d "{\"username\":\"admin\",\"password\":\"$PW\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
# A warm-up request, so the baseline includes what every request allocates once.
curl -fsS "http://$BIND/api/v1/drive/quota" -H "authorization: Bearer $TOKEN" >/dev/null
rss() { awk -v k="$1" '$1 == k":" {print int($2 / 1024)}' "/proc/$PID/status"; }
BEFORE=$(rss VmRSS)
UP=$(curl -fsS -o "$BENCH_DIR/upload.json" -w '%{time_total} %{speed_upload}' "http://$BIND/api/v1/files" -H "authorization: Bearer $TOKEN" -F "file=@$BENCH_DIR/big.bin")
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$BENCH_DIR/upload.json")
DOWN=$(curl -fsS -o /dev/null -w '%{time_total} %{speed_download}' "http://$BIND/api/v1/files/$ID/content" -H "authorization: Bearer $TOKEN")
PEAK=$(rss VmHWM)
printf 'upload   %s MB: %.2f s, %.0f MB/s\n' "$SIZE_MB" "${UP% *}" "$(echo "${UP#* } / 1048576" | bc -l)"
printf 'download %s MB: %.2f s, %.0f MB/s\n' "$SIZE_MB" "${DOWN% *}" "$(echo "${DOWN#* } / 1048576" | bc -l)"
printf 'server RSS: %s MB before, %s MB at its peak (+%s MB)\n' "$BEFORE" "$PEAK" "$((PEAK - BEFORE))"
rm -f "$BENCH_DIR/big.bin"
