// The servers the journeys run against: one per worker, each with a fresh data directory, so
// journeys running side by side share no data. E2E_WORKERS=1 runs one (the PostgreSQL journey,
// whose servers would share one database; or E2E_BASE_URL, a single app in front of one server).
export const WORKERS = process.env.E2E_BASE_URL ? 1 : Math.max(1, Number(process.env.E2E_WORKERS ?? 2) || 1);

export const PORTS = Array.from({ length: WORKERS }, (_, i) => 18931 + i);

export const SERVER_URLS = PORTS.map((port) => `http://127.0.0.1:${port}`);

/** This process's worker slot: Playwright sets TEST_PARALLEL_INDEX before a worker loads the config or a spec. */
export const WORKER_SLOT = Number(process.env.TEST_PARALLEL_INDEX ?? 0) % WORKERS;

/** Where the admin's session on the server of `slot` is saved. */
export function adminStateOf(slot: number): string {
  return `e2e/.auth/admin-${slot}.json`;
}
