import { gzipSync } from "node:zlib";
import { expect, type Browser, type Page } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";
import { adminHeaders } from "./sceneApi";

// The first page of a session (the login page, and the workbench at / once signed in) loads at most
// 300 kB of JavaScript and CSS, gzipped. Each file's size is its body gzipped here, so the figure
// is the same whether or not the server compresses. Run on a production build (`npm run build`):
// the dev server serves modules unbundled.

const BUDGET = 300_000;

type Loaded = { url: string; gzip: number };

/** Opens a page in a fresh context and gzips every script and stylesheet it fetched until the network is idle. */
async function firstLoad(browser: Browser, path: string, options: { locale: string; storageState?: string }, ready: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ locale: options.locale, storageState: options.storageState, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const bodies: Promise<Loaded | null>[] = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    if (type !== "script" && type !== "stylesheet") return;
    bodies.push(
      response.body().then(
        (body) => ({ url: new URL(response.url()).pathname, gzip: gzipSync(body).length }),
        () => null,
      ),
    );
  });
  try {
    await page.goto(path);
    await ready(page);
    await page.waitForLoadState("networkidle");
    const files = new Map<string, number>();
    for (const file of await Promise.all(bodies)) if (file) files.set(file.url, file.gzip);
    const total = [...files.values()].reduce((sum, size) => sum + size, 0);
    const largest = [...files.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(
      `${path} (${options.locale}): ${(total / 1000).toFixed(1)} kB gzipped in ${files.size} JS/CSS files; largest: ` +
        largest.map(([url, size]) => `${url.replace(/^.*\//, "")} ${(size / 1000).toFixed(1)}`).join(", "),
    );
    return { total, files };
  } finally {
    await context.close();
  }
}

for (const locale of ["zh-CN", "en"]) {
  test(`the login page loads at most 300 kB of JS and CSS, gzipped (${locale})`, async ({ browser }) => {
    const { total } = await firstLoad(browser, "/login", { locale }, async (page) => {
      await expect(page.locator("input#password")).toBeVisible();
    });
    expect(total).toBeLessThanOrEqual(BUDGET);
  });
}

test("the signed-in home page (workbench, menu, header) loads at most 300 kB of JS and CSS, gzipped", async ({ browser, request }) => {
  // In the admin's own language (another suite may have switched it), as a browser set to it would:
  // a browser in the other language fetches that language's texts as well, once.
  const me = await request.get("/api/v1/me", { headers: await adminHeaders(request) });
  expect(me.ok()).toBeTruthy();
  const saved = ((await me.json()) as { locale?: string | null }).locale;
  const locale = saved?.toLowerCase().startsWith("en") ? "en" : "zh-CN";
  const { total, files } = await firstLoad(browser, "/", { locale, storageState: ADMIN_STATE }, async (page) => {
    await expect(page.getByTestId("workbench-cards")).toBeVisible();
    await expect(page.getByTestId("side-menu")).toBeVisible();
  });
  // The API reference's Swagger UI is never part of it.
  expect([...files.keys()].filter((url) => url.includes("swagger"))).toEqual([]);
  expect(total).toBeLessThanOrEqual(BUDGET);
});

test("the server sends the build's own gzip of each asset to a browser that takes gzip", async ({ page, request }) => {
  // Only against the binary (E2E_BASE_URL points the browser at vite preview, which has its own
  // rules). The first script the login page loads stands for them all.
  test.skip(Boolean(process.env.E2E_BASE_URL), "the browser is pointed at vite preview, not the binary");
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
  });
  await page.goto("/login");
  await expect(page.locator("input#password")).toBeVisible();
  const asset = scripts.find((path) => path.startsWith("/assets/"));
  expect(asset, "a script under /assets/").toBeTruthy();
  const zipped = await request.get(asset!, { headers: { "Accept-Encoding": "gzip" } });
  expect(zipped.headers()["content-encoding"]).toBe("gzip");
  expect(zipped.headers()["vary"]).toContain("Accept-Encoding");
  const plain = await request.get(asset!, { headers: { "Accept-Encoding": "identity" } });
  expect(plain.headers()["content-encoding"]).toBeUndefined();
  // Playwright hands back the decoded body: the same file either way.
  expect((await zipped.body()).equals(await plain.body())).toBeTruthy();
});
