#!/usr/bin/env bash
# Contracts and the money owed on them, on PostgreSQL: N contracts (default 200,000) of 200
# owners, each with three instalments and five confirmed payments (1,000,000 payments), half
# of each contract received. Measured: the contract list with its computed amounts and the
# receivables-ageing report for one owner (the issue's goal: p99 ≤ 50 ms) and for everyone
# (≤ 1 s), the payments list, a contract's payments, the overdue instalments and the
# contracts report. The rows are written by SQL in the shape the server writes them.
# See bench/README.md.
#
# Usage: bench/receivables.sh [CONTRACTS]
# Environment: as bench/lib.sh; BENCH_DB defaults to crm_bench_receivables.
set -euo pipefail

ROWS="${1:-200000}"
BENCH_DB="${BENCH_DB:-crm_bench_receivables}"
NAME=receivables
BIND=127.0.0.1:18185
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seed_owners

# Contracts first, then each table that is short is filled from them (a run stopped half
# way resumes where it stopped).
have=$(psql "$DB" -qAtc "SELECT count(*) FROM contracts")
if [ "$have" -lt "$ROWS" ]; then
  log "seeding $((ROWS - have)) contracts"
  psql "$DB" -q -v ON_ERROR_STOP=1 >&2 <<SQL
INSERT INTO contracts (id, number, name, customer_id, owner_id, status, currency, amount_minor, sign_date, start_date, end_date, category,
                       activated_at, received_minor, invoiced_minor, version, created_at, updated_at)
WITH p AS (SELECT array_agg(id ORDER BY username) ids FROM users WHERE username LIKE 'bench_owner_%'),
     c AS (SELECT array_agg(id ORDER BY id) ids, count(*) n FROM customers WHERE deleted_at IS NULL),
     made AS (SELECT g AS n, p.ids[1 + g % 200] AS owner, c.ids[1 + g % c.n] AS customer, (10000 + g % 90000)::bigint * 1000 AS amount,
                     date '2025-01-01' + (g % 700) AS signed, now() - ((g % 700) || ' days')::interval AS at
              FROM generate_series($have + 1, $ROWS) g, p, c)
SELECT gen_random_uuid(), 'HT-B-' || lpad(n::text, 7, '0'), '压测合同-' || n, customer, owner, CASE WHEN n % 20 = 0 THEN 'completed' ELSE 'active' END, 'CNY', amount,
       signed, signed, signed + 365, (ARRAY['sales', 'service', 'framework', 'purchase', 'other'])[1 + n % 5], at, amount / 2, 0, 2, at, at
FROM made;
SQL
fi
# Three instalments per contract (30 %, 30 %, 40 %), the first paid and the second partly.
if [ "$(psql "$DB" -qAtc "SELECT count(*) FROM payment_plans")" -lt "$((ROWS * 3))" ]; then
  log "seeding the instalments"
  psql "$DB" -q -v ON_ERROR_STOP=1 >&2 <<SQL
INSERT INTO payment_plans (id, label, contract_id, customer_id, instalment, due_date, amount_minor, received_minor, version, created_at, updated_at)
SELECT gen_random_uuid(), c.number || ' #' || k, c.id, c.customer_id, k, c.sign_date + (ARRAY[30, 120, 240])[k],
       c.amount_minor * (ARRAY[3, 3, 4])[k] / 10, c.amount_minor * (ARRAY[3, 2, 0])[k] / 10, 1, c.created_at, c.updated_at
FROM contracts c CROSS JOIN generate_series(1, 3) k
WHERE NOT EXISTS (SELECT 1 FROM payment_plans pp WHERE pp.contract_id = c.id);
SQL
fi
# Five payments of a tenth each: three on the first instalment, two on the second.
if [ "$(psql "$DB" -qAtc "SELECT count(*) FROM payments")" -lt "$((ROWS * 5))" ]; then
  log "seeding the payments"
  psql "$DB" -q -v ON_ERROR_STOP=1 >&2 <<SQL
INSERT INTO payments (id, number, contract_id, customer_id, plan_id, amount_minor, currency, received_date, method, status, confirmed_at,
                      overridden, version, created_at, updated_at)
SELECT gen_random_uuid(), 'HK-B-' || substr(c.number, 6) || '-' || k, c.id, c.customer_id, pp.id, c.amount_minor / 10, 'CNY', c.sign_date + 10 * k,
       'bank_transfer', 'confirmed', c.created_at, false, 3, c.created_at, c.updated_at
FROM contracts c CROSS JOIN generate_series(1, 5) k
JOIN payment_plans pp ON pp.contract_id = c.id AND pp.instalment = CASE WHEN k <= 3 THEN 1 ELSE 2 END AND pp.deleted_at IS NULL
WHERE NOT EXISTS (SELECT 1 FROM payments y WHERE y.contract_id = c.id);
SQL
fi
psql "$DB" -qc "VACUUM ANALYZE contracts" -c "VACUUM ANALYZE payment_plans" -c "VACUUM ANALYZE payments" >&2
log "$(psql "$DB" -qAtc "SELECT (SELECT count(*) FROM contracts) || ' contracts, ' || (SELECT count(*) FROM payment_plans) || ' instalments, ' || (SELECT count(*) FROM payments) || ' payments'")"
OWNER=$(psql "$DB" -qAtc "SELECT u.username FROM contracts c JOIN users u ON u.id = c.owner_id GROUP BY u.username ORDER BY count(*) DESC LIMIT 1")
psql "$DB" -qAtc "SELECT id FROM contracts TABLESAMPLE SYSTEM (2) LIMIT 5000" >"$BENCH_DIR/contract_ids.txt"
export BENCH_IDS="$BENCH_DIR/contract_ids.txt"

serve
SCOPES='["contracts:read", "payments:read", "reports:read"]'
MINE=$(api_token "$OWNER" "$SCOPES")
ALL=$(api_token admin "$SCOPES")

measure contracts_owner "$MINE" "/api/v1/contracts?page_size=20"
measure ageing_owner "$MINE" "/api/v1/reports/receivables-ageing"
measure payments_owner "$MINE" "/api/v1/payments?page_size=20"
measure overdue_owner "$MINE" "/api/v1/payment-plans?overdue=true&page_size=20"
measure contracts_owner_4conn "$MINE" "/api/v1/contracts?page_size=20" 4
measure ageing_owner_4conn "$MINE" "/api/v1/reports/receivables-ageing" 4
measure contract_payments "$ALL" "/api/v1/payments?contract_id={id}"
measure contracts_all "$ALL" "/api/v1/contracts?page_size=20"
measure payments_all "$ALL" "/api/v1/payments?page_size=20"
measure ageing_all_4conn "$ALL" "/api/v1/reports/receivables-ageing" 4
measure contracts_report_all_4conn "$ALL" "/api/v1/reports/contracts?group_by=owner" 4
log "results in $RESULTS"
cat "$RESULTS"
