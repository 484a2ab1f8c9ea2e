#!/usr/bin/env node
// Time to network idle of every menu page of the SPA, opened by a fresh page load (new browser
// context: cold cache, as a bookmark or a reload after a deploy) and by a menu click from the page
// before (warm: the shell is loaded), at a desktop (1440×900) and a phone (390×844) size.
//
//   node bench/spa-pages.mjs
//
// Env: SPA_URL (default http://127.0.0.1:18931), SPA_USER (admin), SPA_PASSWORD (Admin12345!),
// CHROMIUM_PATH (/usr/bin/chromium), SPA_LOCALE (zh-CN), SPA_JSON=path (also write the rows as JSON).
// Uses @playwright/test from frontend/node_modules (`npm ci` there first).
//
// "Network idle": no request in flight for 500 ms; the figure is the time from the navigation
// (goto or click) to the end of the last request, i.e. the wait minus those 500 ms. Requests and
// KB count what the browser fetched in that window (bodies as transferred, plus headers).

import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(new URL("../frontend/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const BASE = (process.env.SPA_URL ?? "http://127.0.0.1:18931").replace(/\/$/, "");
const USER = process.env.SPA_USER ?? "admin";
const PASSWORD = process.env.SPA_PASSWORD ?? "Admin12345!";
const LOCALE = process.env.SPA_LOCALE ?? "zh-CN";
const QUIET_MS = 500;
const TIMEOUT_MS = 30_000;
const VIEWPORTS = [
  { name: "1440x900", width: 1440, height: 900 },
  { name: "390x844", width: 390, height: 844 },
];
const CUSTOMER_360 = "customer-360";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts a page's requests from start() on; idle() waits for QUIET_MS without one in flight. */
function trackNetwork(page) {
  const inflight = new Set();
  let t0 = 0;
  let last = 0;
  let requests = 0;
  let sizes = [];
  let slowest = [];
  page.on("request", (request) => {
    inflight.add(request);
    requests += 1;
    last = performance.now();
  });
  const done = (request) => {
    if (!inflight.delete(request)) return;
    last = performance.now();
    const timing = request.timing();
    const url = request.url().replace(BASE, "");
    if (timing.responseEnd > 0) slowest.push([timing.responseEnd - Math.max(0, timing.requestStart), url]);
    sizes.push(
      request.sizes().then(
        (s) => s.responseBodySize + s.responseHeadersSize,
        () => 0,
      ),
    );
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return {
    start() {
      t0 = performance.now();
      last = t0;
      requests = inflight.size;
      sizes = [];
      slowest = [];
    },
    async idle() {
      const deadline = performance.now() + TIMEOUT_MS;
      for (;;) {
        await sleep(25);
        const now = performance.now();
        if (inflight.size === 0 && now - last >= QUIET_MS) break;
        if (now > deadline) {
          const open = [...inflight].map((r) => r.url().replace(BASE, "")).join(", ");
          throw new Error(`no network idle within ${TIMEOUT_MS} ms; in flight: ${open}`);
        }
      }
      const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      slowest.sort((a, b) => b[0] - a[0]);
      return { ms: Math.round(last - t0), requests, kb: bytes / 1024, slowest: slowest.slice(0, 3) };
    },
  };
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

async function logIn(browser) {
  const context = await browser.newContext({ locale: LOCALE });
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.locator("input#username").fill(USER);
  await page.locator("input#password").fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await page.getByTestId("welcome").waitFor({ timeout: TIMEOUT_MS });
  const state = await context.storageState();
  await context.close();
  return state;
}

/** The side menu's entries (data-testid="menu-<key>"), in menu order; on a phone, in the drawer. */
async function menuKeys(page) {
  await openMenu(page);
  const entries = page.locator('[data-testid="side-menu"] [data-testid^="menu-"]');
  await entries.first().waitFor({ timeout: TIMEOUT_MS });
  const ids = await entries.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-testid")));
  await closeMenu(page);
  return ids.map((id) => id.replace(/^menu-/, ""));
}

async function openMenu(page) {
  const toggle = page.getByTestId("menu-toggle");
  if (await toggle.isVisible()) {
    await toggle.click();
    await page.locator('[data-testid="menu-drawer"] [data-testid="side-menu"]').waitFor();
  }
}

async function closeMenu(page) {
  if (await page.getByTestId("menu-toggle").isVisible()) await page.keyboard.press("Escape");
  await sleep(300);
}

/** Clicks a menu entry (the home entry is the menu's first item) and returns the click's timing. */
async function clickMenu(page, network, key) {
  await openMenu(page);
  const entry = key === "home" ? page.locator('[data-testid="side-menu"] li[role="menuitem"]').first() : page.locator(`[data-testid="side-menu"] [data-testid="menu-${key}"]`);
  network.start();
  await entry.click();
  return network.idle();
}

/** The first customer's 360 link on the customer list. */
async function customerLink(page) {
  const links = page.locator('a[href^="/customers/"]');
  await links.first().waitFor({ timeout: TIMEOUT_MS });
  const hrefs = await links.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("href")));
  const index = hrefs.findIndex((href) => /^\/customers\/[0-9a-f-]{36}$/.test(href ?? ""));
  if (index < 0) throw new Error("no customer link on the customer list");
  return links.nth(index);
}

async function measureViewport(browser, state, viewport) {
  const rows = new Map();
  const row = (key) => {
    if (!rows.has(key)) rows.set(key, { page: key, viewport: viewport.name });
    return rows.get(key);
  };

  // By menu click, in one warm context opened on the home page: each entry from the page before,
  // then back home.
  const context = await browser.newContext({ storageState: state, locale: LOCALE, viewport });
  const page = await context.newPage();
  const network = trackNetwork(page);
  network.start();
  await page.goto(`${BASE}/`);
  await network.idle();
  const keys = await menuKeys(page);
  for (const key of [...keys, "home"]) {
    const r = row(key);
    const click = await clickMenu(page, network, key);
    Object.assign(r, { path: new URL(page.url()).pathname, click });
    if (key === "customers") {
      // The customer 360 page has no menu entry: a click on a customer's name in the list.
      const link = await customerLink(page);
      network.start();
      await link.click();
      const c = row(CUSTOMER_360);
      Object.assign(c, { click: await network.idle() });
      c.path = new URL(page.url()).pathname;
      await clickMenu(page, network, "customers");
    }
  }
  await context.close();

  // By a fresh page load: a new context (cold cache) per page.
  for (const r of rows.values()) {
    const fresh = await browser.newContext({ storageState: state, locale: LOCALE, viewport });
    const p = await fresh.newPage();
    const n = trackNetwork(p);
    n.start();
    await p.goto(`${BASE}${r.path}`);
    r.load = await n.idle();
    await fresh.close();
  }
  return [...rows.values()];
}

function table(rows) {
  const head = ["page", "viewport", "load ms", "click ms", "requests (load/click)", "KB (load/click)"];
  const body = rows.map((r) => [
    r.page === CUSTOMER_360 ? `${CUSTOMER_360} (${r.path.slice(0, 19)}…)` : `${r.page} (${r.path})`,
    r.viewport,
    String(r.load?.ms ?? "-"),
    String(r.click?.ms ?? "-"),
    `${r.load?.requests ?? "-"}/${r.click?.requests ?? "-"}`,
    `${r.load ? r.load.kb.toFixed(0) : "-"}/${r.click ? r.click.kb.toFixed(0) : "-"}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => "| " + cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ") + " |";
  return [line(head), "|" + widths.map((w, i) => (i >= 2 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|", ...body.map(line)].join("\n");
}

const browser = await launch();
try {
  const state = await logIn(browser);
  const rows = [];
  for (const viewport of VIEWPORTS) rows.push(...(await measureViewport(browser, state, viewport)));
  console.log(table(rows));
  const slow = rows.flatMap((r) => ["load", "click"].filter((k) => r[k]?.ms > 1000).map((k) => ({ r, k })));
  if (slow.length) {
    console.log("\nOver 1 s (the slowest requests of each):");
    for (const { r, k } of slow) console.log(`  ${r.page} ${r.viewport} ${k} ${r[k].ms} ms: ${r[k].slowest.map(([ms, url]) => `${url} ${Math.round(ms)} ms`).join(", ")}`);
  }
  if (process.env.SPA_JSON) writeFileSync(process.env.SPA_JSON, JSON.stringify(rows, null, 2));
} finally {
  await browser.close();
}
