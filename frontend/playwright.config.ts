import { defineConfig } from "@playwright/test";
import { PORTS, SERVER_URLS, WORKER_SLOT, WORKERS } from "./e2e/servers";

// The e2e suite runs against the real `crm` binary, which serves both the API and the built SPA
// (`npm run build` first). It never downloads a browser: it drives Debian's Chromium.
// Each worker has a server of its own (e2e/servers.ts): two journeys side by side keep both cores
// busy where one waits on the browser or the server. A worker process loads this file after
// Playwright has set its TEST_PARALLEL_INDEX, so a worker's `baseURL` (and every context and
// request made in it) is its own server's.
const BASE_URL = SERVER_URLS[WORKER_SLOT];
// The browser normally talks to the binary itself; E2E_BASE_URL points it elsewhere, e.g. at
// `vite preview` proxying to the binary when the binary does not serve the SPA.
const APP_URL = process.env.E2E_BASE_URL ?? BASE_URL;
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: WORKERS,
  // One retry on CI: the journeys run minutes on a shared 2-core machine, where one stalled
  // response can outlast an assertion's wait. A retry that passes is still reported as flaky.
  retries: process.env.CI ? 1 : 0,
  // The customers journey takes minutes on a loaded 2-core machine (4 min seen); a timeout only
  // bounds how long a hung test takes to fail.
  timeout: 300_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["./e2e/failureSummary.ts"]],
  use: {
    baseURL: APP_URL,
    // An action (a click, a fill) waits for its element this long, not for the whole test: an
    // option that never shows then fails in seconds and the retry runs, instead of hanging 5 min.
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    locale: "zh-CN",
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-quic",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", testIgnore: /auth\.setup\.ts$/, dependencies: ["setup"] },
  ],
  webServer: PORTS.map((port) => ({
    // A fresh data directory per run, so the admin password below is the one that applies.
    command: 'CRM_DATA_DIR="$(mktemp -d)" exec "${CRM_BIN:-../target/debug/crm}" serve',
    url: `http://127.0.0.1:${port}/healthz`,
    env: {
      CRM_BIND: `127.0.0.1:${port}`,
      CRM_ADMIN_PASSWORD: "Admin12345!",
    },
    reuseExistingServer: !process.env.CI,
    // The customers journey takes minutes on a loaded 2-core machine (4 min seen); a timeout only
    // bounds how long a hung test takes to fail.
    timeout: 300_000,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
  })),
});
