import { mkdirSync, readFileSync } from "node:fs";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { chooseOption } from "./pages/AppShell";
import { LoginPage } from "./pages/LoginPage";
import { ADMIN_STATE, test } from "./authState";
import { adminHeaders, createDepartment, createUser, userHeaders } from "./sceneApi";

// A rep quotes a customer two lines (one from the catalogue, one free text), sends the quote,
// downloads its PDF, records the customer's acceptance, makes the order and confirms it.
test.use({ storageState: { cookies: [], origins: [] } });

const PASSWORD = "Qu0tesOrders!23";
// SHOTS_DIR=/tmp/shots-quotes also saves the editor and both detail pages at 1440 px and 390 px.
const SHOTS = process.env.SHOTS_DIR;

type Scene = { rep: string; customer: string; customerId: string; product: string; suffix: string };

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>, status = 201): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** A rep in a department of their own, a product in the catalogue and a customer of the rep's. */
async function createScene(request: APIRequestContext): Promise<Scene> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const departmentId = await createDepartment(request, `e2e 报价-${suffix}`);
  const rep = `quote-rep-${suffix}`;
  await createUser(request, { username: rep, displayName: `报价代表-${suffix}`, password: PASSWORD, departmentId }, "sales_rep");
  const admin = await adminHeaders(request);
  const category = await ok<{ id: string }>(await request.post("/api/v1/product-categories", { headers: admin, data: { name: `报价类别-${suffix}` } }));
  const product = `工学椅-${suffix}`;
  await ok(await request.post("/api/v1/products", { headers: admin, data: { category_id: category.id, name: product, price: "1234.56", unit: "把" } }));
  const customer = `报价测试客户-${suffix}`;
  const { id: customerId } = await ok<{ id: string }>(await request.post("/api/v1/customers", { headers: await userHeaders(request, rep, PASSWORD), data: { kind: "company", name: customer } }));
  return { rep, customer, customerId, product, suffix };
}

async function signIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "zh-CN", viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.login(username, PASSWORD);
  return page;
}

/** With SHOTS_DIR set: the page at 1440 px and at 390 px, then back to 1440 px. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(200);
}

async function move(page: Page, action: string, status: string, kind: "quote" | "order"): Promise<void> {
  await page.getByTestId(`${kind}-action-${action}`).click();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/transition") && r.request().method() === "POST"),
    page.getByTestId("transition-confirm").click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  await expect(page.getByTestId(`${kind}-status`)).toHaveText(status);
}

test("quotes: a rep quotes two lines, sends the quote, downloads its PDF, and the accepted quote becomes a confirmed order", async ({ browser, request }) => {
  const scene = await createScene(request);
  const page = await signIn(browser, scene.rep);
  let number = "";

  await test.step("the rep creates a quote with a catalogue line and a free-text line; the live totals are the server's", async () => {
    await page.goto("/quotes");
    await page.getByTestId("quote-create").click();
    await chooseOption(page, page.getByTestId("quote-customer"), scene.customer, true);
    const lines = page.getByTestId("doc-line");
    await chooseOption(page, lines.nth(0).getByTestId("line-product"), scene.product, true);
    // The product fills the name, unit and price.
    await expect(lines.nth(0).getByTestId("line-price")).toHaveValue("1234.56");
    await expect(lines.nth(0).getByTestId("line-name")).toHaveValue(scene.product);
    await expect(lines.nth(0).getByTestId("line-unit")).toHaveValue("把");
    await lines.nth(0).getByTestId("line-quantity").fill("3");
    await lines.nth(0).getByTestId("line-discount").fill("10");
    await lines.nth(0).getByTestId("line-tax-rate").fill("13");
    // 3 × 1234.56 = 3703.68, less 10% = 3333.31, 13% tax = 433.33.
    await expect(lines.nth(0).getByTestId("line-total")).toHaveText("¥3,766.64");
    await page.getByTestId("line-add").click();
    await lines.nth(1).getByTestId("line-name").fill("安装服务");
    await lines.nth(1).getByTestId("line-price").fill("0.05");
    await lines.nth(1).getByTestId("line-tax-rate").fill("10");
    // 0.05 at 10% tax: 0.005 rounds half up to 0.01.
    await expect(lines.nth(1).getByTestId("line-total")).toHaveText("¥0.06");
    await expect(page.getByTestId("live-totals-subtotal")).toHaveText("¥3,703.73");
    await expect(page.getByTestId("live-totals-discount")).toHaveText("¥370.37");
    await expect(page.getByTestId("live-totals-tax")).toHaveText("¥433.34");
    await expect(page.getByTestId("live-totals-total")).toHaveText("¥3,766.70");
    await shoot(page, "quote-editor");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/v1/quotes") && r.request().method() === "POST"),
      page.getByTestId("quote-save").click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    const created = (await response.json()) as { number: string; total: string; tax_total: string };
    expect(created.total).toBe("3766.70");
    expect(created.tax_total).toBe("433.34");
    number = created.number;
    await expect(page.getByTestId("quote-title")).toHaveText(number);
    await expect(page.getByTestId("quote-status")).toHaveText("草稿");
    await expect(page.getByTestId("quote-totals-total")).toHaveText("¥3,766.70");
    await expect(page.getByTestId("quote-totals-words")).not.toBeEmpty();
  });

  await test.step("sent, the quote is frozen: Edit is no longer offered, here or in the list", async () => {
    await expect(page.getByTestId("quote-edit")).toBeVisible();
    await move(page, "send", "已发送", "quote");
    await expect(page.getByTestId("quote-edit")).toHaveCount(0);
    await expect(page.getByTestId("quote-action-accept")).toBeVisible();
    await expect(page.getByTestId("quote-action-send")).toHaveCount(0);
  });

  await test.step("its PDF downloads as <number>.pdf and previews inline", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("quote-pdf-download").click()]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const body = readFileSync(await download.path());
    expect(body.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(body.length).toBeGreaterThan(1024);
    await page.getByTestId("quote-pdf-preview").click();
    await expect(page.getByTestId("quote-pdf-frame")).toHaveAttribute("src", /^blob:/);
    // The PDF viewer in the frame keeps the keyboard: the modal's close button closes it.
    await page.locator(".ant-modal-close").click();
    await expect(page.getByTestId("quote-pdf-frame")).toHaveCount(0);
    await shoot(page, "quote-detail");
  });

  await test.step("accepted, it becomes an order, which the rep confirms", async () => {
    await move(page, "accept", "已接受", "quote");
    await page.getByTestId("quote-make-order").click();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/order") && r.request().method() === "POST"),
      page.getByTestId("make-order-submit").click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]+$/);
    await expect(page.getByTestId("order-title")).toHaveText(/^SO-/);
    await expect(page.getByTestId("order-status")).toHaveText("草稿");
    await expect(page.getByTestId("order-quote-link")).toHaveText(number);
    await expect(page.getByTestId("order-totals-total")).toHaveText("¥3,766.70");
    await move(page, "confirm", "已确认", "order");
    await expect(page.getByTestId("order-edit")).toHaveCount(0);
    await expect(page.getByTestId("order-action-deliver")).toBeVisible();
    await shoot(page, "order-detail");
  });

  await test.step("the quote links to its order, and the list offers no Edit for it", async () => {
    await page.getByTestId("order-quote-link").click();
    await expect(page.getByTestId("quote-order-link")).toBeVisible();
    await expect(page.getByTestId("quote-make-order")).toHaveCount(0);
    // The rep's only quote, under its status's tab.
    await page.goto("/quotes?status=accepted");
    await expect(page.getByTestId("quote-link")).toHaveText([number]);
    await expect(page.getByTestId("quote-edit")).toHaveCount(0);
    // A customer filter from the address bar reads as the customer's name, not its id.
    await page.goto(`/quotes?customer_id=${scene.customerId}`);
    await expect(page.getByTestId("quote-link")).toHaveText([number]);
    await expect(page.getByTestId("quote-search-customer")).toContainText(scene.customer);
  });
  await page.context().close();
});

test("company profile: an admin saves the header quotes print, and it reads back after a reload", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const name = `杭州云帆信息技术有限公司-${Date.now().toString(36)}`;
  await page.goto("/system/company");
  await page.getByTestId("company-name").fill(name);
  await page.getByTestId("company-tax_number").fill("91330108MA2B3C4D5E");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/api/v1/settings/company") && r.request().method() === "PUT"),
    page.getByTestId("company-save").click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("company-name")).toHaveValue(name);
  await expect(page.getByTestId("company-tax_number")).toHaveValue("91330108MA2B3C4D5E");
  await context.close();
});
