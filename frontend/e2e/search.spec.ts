import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";
import { AppShell, chooseRegion } from "./pages/AppShell";
import { Customer360Page, CustomersListPage } from "./pages/CustomerPages";
import { SearchPalette } from "./pages/SearchPalette";
import { adminHeaders, createCustomer } from "./sceneApi";

test.use({ storageState: ADMIN_STATE });

/** A customer, one of its contacts, a supplier and a product, all matching "金陵 <suffix>". */
async function createScene(request: APIRequestContext, suffix: string) {
  const headers = await adminHeaders(request);
  const post = async (path: string, data: object): Promise<string> => {
    const created = await request.post(path, { headers, data });
    expect(created.status(), await created.text()).toBe(201);
    return ((await created.json()) as { id: string }).id;
  };
  const customer = { name: `金陵精工机械-${suffix}`, id: "" };
  customer.id = await createCustomer(request, { name: customer.name });
  const contact = `王金陵-${suffix}`;
  await post("/api/v1/contacts", { customer_id: customer.id, name: contact, title: "采购经理" });
  const supplier = { name: `金陵机械配件厂-${suffix}`, id: "" };
  supplier.id = await post("/api/v1/suppliers", { name: supplier.name, contact: "李四" });
  const category = await post("/api/v1/product-categories", { name: `搜索测试类别-${suffix}` });
  const product = `金陵数控机床-${suffix}`;
  await post("/api/v1/products", { category_id: category, name: product, price: "1280.00" });
  return { customer, contact, supplier, product };
}

test("search: Ctrl+K finds customers, contacts, products and suppliers by two words, the keyboard opens one, recents remember it", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const scene = await createScene(request, suffix);
  const palette = new SearchPalette(page);

  await test.step("Ctrl+K and two words: one group per kind of record, the customer first", async () => {
    await page.goto("/");
    await expect(page.getByTestId("welcome")).toBeVisible();
    await palette.openWithShortcut();
    await palette.input.fill(`金陵 ${suffix}`);
    await expect(palette.group("customers")).toContainText(scene.customer.name);
    await expect(palette.group("contacts")).toContainText(scene.contact);
    await expect(palette.group("contacts")).toContainText(scene.customer.name);
    await expect(palette.group("products")).toContainText(scene.product);
    await expect(palette.group("suppliers")).toContainText(scene.supplier.name);
    await expect(palette.active()).toContainText(scene.customer.name);
  });

  await test.step("↓ and ↑ move, Enter opens the customer", async () => {
    await page.keyboard.press("ArrowDown");
    await expect(palette.active()).toContainText(scene.contact);
    await page.keyboard.press("ArrowUp");
    await expect(palette.active()).toContainText(scene.customer.name);
    await page.keyboard.press("Enter");
    await expect(palette.dialog).toBeHidden();
    await expect(page).toHaveURL(new RegExp(`/customers/${scene.customer.id}$`));
    await expect(page.getByTestId("customer-title")).toHaveText(scene.customer.name);
  });

  await test.step("the supplier, chosen with the keyboard from the header's box", async () => {
    await palette.openFromHeader();
    await palette.input.fill(`金陵 ${suffix}`);
    await expect(palette.group("suppliers")).toContainText(scene.supplier.name);
    await palette.moveTo(scene.supplier.name);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/suppliers/${scene.supplier.id}$`));
    await expect(page.getByTestId("supplier-title")).toHaveText(scene.supplier.name);
  });

  await test.step("with no words the palette lists the records just viewed, newest first; Esc closes it", async () => {
    await palette.openWithShortcut();
    await expect(palette.recents().nth(0)).toContainText(scene.supplier.name);
    await expect(palette.recents().nth(1)).toContainText(scene.customer.name);
    await page.keyboard.press("ArrowDown");
    await expect(palette.active()).toContainText(scene.customer.name);
    await page.keyboard.press("Escape");
    await expect(palette.dialog).toBeHidden();
  });

  await test.step("nothing found says where it looked and offers to create the customer", async () => {
    await palette.openWithShortcut();
    const missing = `没有这家-${suffix}`;
    await palette.input.fill(missing);
    await expect(page.getByTestId("search-empty")).toContainText(missing);
    await page.getByTestId("search-create-customers").click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.locator(".ant-drawer-content").getByTestId("customer-name")).toHaveValue(missing);
    await page.locator(".ant-drawer-content").getByRole("button", { name: /取\s*消/ }).click();
  });
});

/** The body of the next PATCH of a customer, read on its way (the route sees what the browser's request event may not). */
async function nextPatch(page: Page, id: string): Promise<() => Promise<Record<string, unknown>>> {
  const pattern = `**/api/v1/customers/${id}`;
  let body: Record<string, unknown> | undefined;
  await page.route(pattern, async (route) => {
    if (route.request().method() === "PATCH") body = route.request().postDataJSON() as Record<string, unknown>;
    await route.continue();
  });
  return async () => {
    await expect.poll(() => body !== undefined).toBe(true);
    await page.unroute(pattern);
    return body ?? {};
  };
}

test("region: the customer form picks 省/市/区 and saves its code; the list filters by region code", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const name = `地区测试机械-${suffix}`;
  const id = await createCustomer(request, { name });
  const list = new CustomersListPage(page);
  const detail = new Customer360Page(page);
  const shell = new AppShell(page);

  await test.step("pick a district in the form and save: the code is sent, the names come back", async () => {
    await page.goto(`/customers/${id}`);
    await page.getByTestId("customer-edit").click();
    const drawer = page.locator(".ant-drawer-content");
    await drawer.getByTestId("customer-region").click();
    await expect(page.locator(".ant-cascader-dropdown:visible")).toContainText("北京市");
    await shell.screenshot("region-picker-open-1440");
    await page.keyboard.press("Escape");
    await chooseRegion(page, drawer.getByTestId("customer-region"), ["江苏省", "南京市", "鼓楼区"]);
    const sent = await nextPatch(page, id);
    await page.getByTestId("customer-save").click();
    expect(await sent()).toMatchObject({ region_code: "320106" });
    await expect(drawer).toBeHidden();
    // The 360 page opens on the activity timeline; the fields are on the profile tab.
    await detail.openTab("资料");
    await expect(page.getByTestId("customer-profile")).toContainText("江苏省 / 南京市 / 鼓楼区");
    const saved = await request.get(`/api/v1/customers/${id}`, { headers: await adminHeaders(request) });
    expect(await saved.json()).toMatchObject({ province: "江苏省", city: "南京市", district: "鼓楼区", region_code: "320106" });
  });

  await test.step("the form opens on the saved region; clearing it sends no region", async () => {
    await page.getByTestId("customer-edit").click();
    const drawer = page.locator(".ant-drawer-content");
    await expect(drawer.getByTestId("customer-region").locator(".ant-select-selection-item")).toHaveText("江苏省 / 南京市 / 鼓楼区");
    await drawer.getByTestId("customer-region").hover();
    await drawer.getByTestId("customer-region").locator(".ant-select-clear").click();
    await expect(drawer.getByTestId("customer-region").locator(".ant-select-selection-item")).toHaveCount(0);
    const sent = await nextPatch(page, id);
    await page.getByTestId("customer-save").click();
    const body = await sent();
    expect(body).toMatchObject({ province: null, city: null, district: null });
    expect(body).not.toHaveProperty("region_code");
    await expect(drawer).toBeHidden();
    const saved = await request.get(`/api/v1/customers/${id}`, { headers: await adminHeaders(request) });
    expect(await saved.json()).toMatchObject({ province: null, city: null, district: null, region_code: null });
    // Back to 江苏省 / 南京市 / 鼓楼区 for the filters below.
    await page.getByTestId("customer-edit").click();
    await chooseRegion(page, drawer.getByTestId("customer-region"), ["江苏省", "南京市", "鼓楼区"]);
    await page.getByTestId("customer-save").click();
    await expect(drawer).toBeHidden();
  });

  await test.step("filter the list by city and by province: region_code matches inside the region", async () => {
    await list.goto();
    await list.search(suffix);
    await list.filter({ region: ["江苏省", "南京市"] });
    await expect(page).toHaveURL(/region_code=320100/);
    await expect(list.row(name)).toHaveCount(1);
    await list.filter({ region: ["浙江省", "杭州市"] });
    await expect(page).toHaveURL(/region_code=330100/);
    await expect(list.row(name)).toHaveCount(0);
    await list.filter({ region: ["江苏省"] });
    await expect(page).toHaveURL(/region_code=320000/);
    await expect(page).not.toHaveURL(/province=/);
    await expect(list.row(name)).toHaveCount(1);
    await list.expectRegionFilter("江苏省");
    await shell.screenshot("region-list-filtered-province-1440");
    // A link from before codes still filters by the names.
    await page.goto(`/customers?q=${suffix}&province=${encodeURIComponent("江苏省")}&city=${encodeURIComponent("南京市")}`);
    await list.expectRegionFilter("江苏省 / 南京市");
    await expect(list.row(name)).toHaveCount(1);
  });

  await test.step("a stored value the data set lacks stays editable as text", async () => {
    const legacy = `旧地区写法-${suffix}`;
    const legacyId = await createCustomer(request, { name: legacy, city: "南京" });
    await page.goto(`/customers/${legacyId}`);
    await page.getByTestId("customer-edit").click();
    const drawer = page.locator(".ant-drawer-content");
    await expect(drawer.locator("input#city")).toBeVisible();
    await expect(drawer.locator("input#city")).toHaveValue("南京");
    await drawer.locator("input#city").fill("南京（江北）");
    await page.getByTestId("customer-save").click();
    await expect(drawer).toBeHidden();
    // The 360 page opens on the activity timeline; the fields are on the profile tab.
    await detail.openTab("资料");
    await expect(page.getByTestId("customer-profile")).toContainText("南京（江北）");
  });

  await test.step("short names are offered as the region they stand for, saved as its code", async () => {
    const created = await request.post("/api/v1/customers", {
      headers: await adminHeaders(request),
      data: { kind: "company", name: `简写地区-${suffix}`, province: "江苏", city: "南京" },
    });
    expect(created.status(), await created.text()).toBe(201);
    const shortId = ((await created.json()) as { id: string }).id;
    await page.goto(`/customers/${shortId}`);
    await page.getByTestId("customer-edit").click();
    const drawer = page.locator(".ant-drawer-content");
    await drawer.getByTestId("customer-region-suggestion").click();
    await expect(drawer.getByTestId("customer-region").locator(".ant-select-selection-item")).toHaveText("江苏省 / 南京市");
    const sent = await nextPatch(page, shortId);
    await page.getByTestId("customer-save").click();
    expect(await sent()).toMatchObject({ region_code: "320100" });
    await expect(drawer).toBeHidden();
    // The 360 page opens on the activity timeline; the fields are on the profile tab.
    await detail.openTab("资料");
    await expect(page.getByTestId("customer-profile")).toContainText("江苏省 / 南京市");
  });

  await test.step("on a phone: the picker fits the screen, the filters drawer filters by province", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/customers/${id}`);
    // On a phone the header's edit is in its "more" menu.
    await page.getByTestId("customer-more").click();
    await page.getByTestId("customer-menu-edit").click();
    const drawer = page.locator(".ant-drawer-content");
    await drawer.getByTestId("customer-region").click();
    const dropdown = page.locator(".ant-cascader-dropdown:visible");
    await expect(dropdown).toContainText("江苏省");
    const box = await dropdown.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await shell.screenshot("region-picker-open-390");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: /取\s*消/ }).click();
    await page.goto("/customers");
    await page.getByTestId("customer-search-q").fill(suffix);
    await page.getByTestId("customer-search-filters").click();
    const filters = page.getByTestId("customer-search-drawer");
    await chooseRegion(page, filters.getByTestId("customer-search-region"), ["江苏省"]);
    await filters.getByTestId("customer-search-apply").click();
    await expect(filters).toBeHidden();
    await expect(page).toHaveURL(/region_code=320000/);
    await expect(page.getByTestId("customer-card").filter({ hasText: name })).toHaveCount(1);
    await shell.screenshot("region-list-filtered-province-390");
  });
});

test("search on a phone: an icon in the header opens the palette over the whole screen", async ({ browser, request }) => {
  const suffix = Date.now().toString(36);
  const name = `金陵手机搜索-${suffix}`;
  const id = await createCustomer(request, { name });
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "zh-CN", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const palette = new SearchPalette(page);
  await page.goto("/");
  await expect(page.getByTestId("welcome")).toBeVisible();
  await palette.openFromHeader();
  const box = await page.locator(".ant-modal-content").filter({ has: page.getByTestId("search-palette") }).boundingBox();
  expect(box?.width).toBe(390);
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(844);
  await palette.input.fill(`金陵 ${suffix}`);
  await expect(palette.group("customers")).toContainText(name);
  await palette.results().filter({ hasText: name }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));
  await palette.openFromHeader();
  await expect(palette.recents().first()).toContainText(name);
  await page.getByTestId("search-cancel").click();
  await expect(palette.dialog).toBeHidden();
  await context.close();
});
