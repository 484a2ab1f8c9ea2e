#!/usr/bin/env bash
# The approvals inbox's speed on PostgreSQL with N approval instances (default 100,000)
# spread over 200 approvers: one approver's pending box (the issue's goal: p99 ≤ 20 ms),
# their done box, and one approval by id. The instances are written by SQL in the shape the
# engine writes (one task per instance): each approver has about 500, a third of them
# pending (the approver measured: the one with the most).
# See bench/README.md.
#
# Usage: bench/approvals.sh [INSTANCES]
# Environment: BENCH_PG_URL, BENCH_DIR, WRK_D, WRK_C, WRK_T, WRK_WARMUP, CRM_BIN as
# bench/run.sh; BENCH_DB defaults to crm_bench_approvals.
set -euo pipefail

ROWS="${1:-100000}"
BENCH_DB="${BENCH_DB:-crm_bench_approvals}"
NAME=approvals
BIND=127.0.0.1:18184
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seed_owners

have=$(psql "$DB" -qAtc "SELECT count(*) FROM approval_instances")
if [ "$have" -lt "$ROWS" ]; then
  log "seeding $((ROWS - have)) approvals"
  psql "$DB" -q -v ON_ERROR_STOP=1 >&2 <<SQL
CREATE TEMP TABLE people AS SELECT id, row_number() OVER (ORDER BY username) AS n FROM users WHERE username LIKE 'bench_owner_%';
CREATE TEMP TABLE made AS
SELECT gen_random_uuid() AS id, g AS n,
       (SELECT id FROM people WHERE people.n = 1 + g % 200) AS applicant,
       (SELECT id FROM people WHERE people.n = 1 + (g * 7 + 3) % 200) AS approver,
       now() - (g || ' minutes')::interval AS at
FROM generate_series($have + 1, $ROWS) g;
INSERT INTO approval_instances (id, doc_type, doc_id, doc_label, summary, fields, flow_id, flow_version, flow, steps, current_step, status,
                                applicant_id, round, version, created_at, updated_at, finished_at)
SELECT id, 'quote', gen_random_uuid(), 'QT-2026-' || lpad(n::text, 6, '0'),
       jsonb_build_object('number', 'QT-2026-' || lpad(n::text, 6, '0'), 'total', (n % 500000)::text || '.00', 'currency', 'CNY'),
       jsonb_build_object('total', (n % 500000)::text || '.00'), NULL, 1,
       '{"name": "报价审批", "resubmit_mode": "restart", "allow_withdraw": true, "require_comment_on_reject": false}',
       jsonb_build_array(jsonb_build_object('name', '主管审批', 'mode', 'any', 'state', CASE WHEN n % 3 = 0 THEN 'active' ELSE 'approved' END, 'approver_ids', jsonb_build_array(approver))),
       CASE WHEN n % 3 = 0 THEN 0 END, CASE WHEN n % 3 = 0 THEN 'pending' ELSE 'approved' END, applicant, 1, 2, at, at, CASE WHEN n % 3 = 0 THEN NULL ELSE at END
FROM made;
INSERT INTO approval_tasks (id, instance_id, step_index, position, approver_id, state, comment, created_at, acted_at)
SELECT gen_random_uuid(), id, 0, 0, approver, CASE WHEN n % 3 = 0 THEN 'pending' ELSE 'approved' END, NULL, at, CASE WHEN n % 3 = 0 THEN NULL ELSE at END FROM made;
SQL
fi
psql "$DB" -qc "VACUUM ANALYZE approval_instances" -c "VACUUM ANALYZE approval_tasks" >&2
APPROVER=$(psql "$DB" -qAtc "SELECT approver_id FROM approval_tasks GROUP BY approver_id ORDER BY count(*) DESC LIMIT 1")
APPROVER_NAME=$(psql "$DB" -qAtc "SELECT username FROM users WHERE id = '$APPROVER'")
psql "$DB" -qAtc "SELECT instance_id FROM approval_tasks WHERE approver_id = '$APPROVER' LIMIT 2000" >"$BENCH_DIR/approval_ids.txt"
log "approver $APPROVER_NAME: $(psql "$DB" -qAtc "SELECT string_agg(state || ' ' || c, ', ') FROM (SELECT state, count(*) c FROM approval_tasks WHERE approver_id = '$APPROVER' GROUP BY state) s")"

serve
TOKEN=$(api_token "$APPROVER_NAME" '["approvals:read"]')
export BENCH_IDS="$BENCH_DIR/approval_ids.txt"

measure inbox_pending "$TOKEN" "/api/v1/approvals?box=pending&page_size=20"
measure inbox_done "$TOKEN" "/api/v1/approvals?box=done&page_size=20"
measure approval_by_id "$TOKEN" "/api/v1/approvals/{id}"
measure inbox_pending_4conn "$TOKEN" "/api/v1/approvals?box=pending&page_size=20" 4
log "results in $RESULTS"
cat "$RESULTS"
