import { expect, type APIRequestContext } from "@playwright/test";
import dayjs from "dayjs";
import { ADMIN_STATE, test } from "./authState";
import { AppShell, chooseRegion } from "./pages/AppShell";
import { ProductsPage, SuppliersPages } from "./pages/ProductPages";

const ADMIN_PASSWORD = "Admin12345!";

test.use({ storageState: ADMIN_STATE });

/** The admin's Authorization header for API calls that set the scene or check the result. */
async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const login = await request.post("/api/v1/auth/login", { data: { username: "admin", password: ADMIN_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const { access_token } = (await login.json()) as { access_token: string };
  return { Authorization: `Bearer ${access_token}` };
}

test("products and suppliers: category tree, product price, supplier price list and served customers", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const top = `电子产品-${suffix}`;
  const child = `智能手机-${suffix}`;
  const productName = `旗舰手机X-${suffix}`;
  const supplierName = `华东精密电子-${suffix}`;
  const customerName = `杭州采购客户-${suffix}`;
  const shell = new AppShell(page);
  const products = new ProductsPage(page);
  const suppliers = new SuppliersPages(page);
  let code = "";
  let productId = "";
  let customerId = "";

  await test.step("set the scene: a customer created through the API", async () => {
    const created = await request.post("/api/v1/customers", {
      headers: await adminHeaders(request),
      data: { kind: "company", name: customerName, city: "杭州" },
    });
    expect(created.status(), await created.text()).toBe(201);
    customerId = ((await created.json()) as { id: string }).id;
  });

  await test.step("build a category tree: a top category and a child", async () => {
    await page.goto("/");
    await shell.open("products");
    await expect(page).toHaveURL(/\/products$/);
    await products.createTopCategory(top);
    await products.createChildCategory(top, child);
    // Only top categories take children.
    await expect(products.node(child).locator('[data-testid^="category-add-child-"]')).toHaveCount(0);
    await expect(products.node(top).locator('[data-testid^="category-add-child-"]')).toHaveCount(1);
    await products.selectCategory(child);
    await expect(page.getByTestId("product-category-filter")).toContainText(child);
  });

  await test.step("create a product in the child category with an exact price", async () => {
    const drawer = await products.startCreate({ name: productName, price: "1234.567", unit: "台" });
    // The selected category is preselected.
    await expect(drawer.getByTestId("product-category")).toContainText(child);
    await products.save();
    await expect(drawer.getByText("最多两位小数", { exact: true })).toBeVisible();
    await drawer.getByTestId("product-price").fill("-5");
    await expect(drawer.getByText("价格不能为负数", { exact: true })).toBeVisible();
    await drawer.getByTestId("product-price").fill("1234.56");
    await expect(drawer.getByText("价格不能为负数", { exact: true })).toHaveCount(0);
    await shell.screenshot("40-product-form");
    await products.save();
    await expect(drawer).toBeHidden();
    const row = products.row(productName);
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("product-price-cell")).toHaveText("¥1,234.56");
    await expect(row).toContainText(child);
    // The top category counts its child's products.
    await expect(products.node(top).getByTestId("category-count")).toHaveText("1");
    await expect(products.node(child).getByTestId("category-count")).toHaveText("1");
    code = (await row.locator("td").nth(1).innerText()).trim();
    expect(code).toMatch(/^P\d+$/);
    await shell.screenshot("41-products");
  });

  await test.step("the price went over the wire as the exact string", async () => {
    const headers = await adminHeaders(request);
    const list = await request.get("/api/v1/products", { headers, params: { q: productName } });
    const body = (await list.json()) as { items: { id: string; price: string; currency: string }[] };
    expect(body.items).toHaveLength(1);
    expect(body.items[0]?.price).toBe("1234.56");
    expect(body.items[0]?.currency).toBe("CNY");
    productId = body.items[0]?.id ?? "";
  });

  await test.step("find the product by a fragment of its code and of its name", async () => {
    await products.selectAll();
    await products.search(code.slice(2));
    await expect(products.row(productName)).toHaveCount(1);
    // A middle fragment that reaches into the run's suffix, so earlier runs' products do not match.
    await products.search(productName.slice(3));
    await expect(products.row(productName)).toHaveCount(1);
    await expect(products.rows()).toHaveCount(1);
    await shell.screenshot("42-products-search");
    const file = await products.exportCsv();
    expect(file.filename).toMatch(/\.csv$/);
    expect(file.text).toContain(productName);
    expect(file.text).toContain(code);
  });

  await test.step("a category that still holds a child cannot be deleted", async () => {
    await products.deleteCategory(top);
    await expect(page.locator(".ant-message")).toContainText(child);
    await expect(products.node(top)).toBeVisible();
  });

  await test.step("create a supplier with a price for the product", async () => {
    await page.goto("/");
    await shell.open("suppliers");
    await expect(page).toHaveURL(/\/suppliers$/);
    const supplierId = await suppliers.create({ name: supplierName, contact: "陈经理", phone: "0571-88886666", region: ["浙江省", "杭州市"] }, () =>
      shell.screenshot("43-supplier-form"),
    );
    await expect(page.getByTestId("supplier-profile")).toContainText("陈经理");
    await expect(page.getByTestId("supplier-profile")).toContainText("杭州市");
    const saved = await request.get(`/api/v1/suppliers/${supplierId}`, { headers: await adminHeaders(request) });
    expect(await saved.json()).toMatchObject({ province: "浙江省", city: "杭州市", region_code: "330100" });
    await suppliers.openTab("价格表");
    await suppliers.addPriceRow(0, productName, "980.50");
    // A second row ending before it starts is refused before anything is sent.
    const yesterday = dayjs().subtract(1, "day").format("YYYY-MM-DD");
    await suppliers.addPriceRow(1, productName, "990", yesterday);
    await suppliers.savePrices();
    await expect(page.getByTestId("supplier-prices").getByText("失效日期不能早于生效日期", { exact: true })).toBeVisible();
    await shell.screenshot("44-supplier-prices-invalid");
    await suppliers.setDate("price-valid-to-1", dayjs().add(30, "day").format("YYYY-MM-DD"));
    await expect(page.getByTestId("supplier-prices").getByText("失效日期不能早于生效日期", { exact: true })).toHaveCount(0);
    // The server checks too, and names the row: the request is altered on its way so that the
    // server's own items[1].valid_to error comes back and lands on row 2.
    await page.route("**/api/v1/suppliers/*/prices", async (route) => {
      if (route.request().method() !== "PUT") return route.continue();
      const body = route.request().postDataJSON() as { items: { valid_to: string | null }[] };
      body.items[1]!.valid_to = "2000-01-01";
      await route.continue({ postData: JSON.stringify(body) });
    });
    await suppliers.savePrices();
    const errors = page.getByTestId("price-errors");
    await expect(errors).toContainText("第 2 行 失效日期");
    await expect(errors).toContainText("失效日期不能早于生效日期");
    await expect(page.getByTestId("supplier-prices").getByText("失效日期不能早于生效日期", { exact: true })).toBeVisible();
    await shell.screenshot("44-supplier-prices-server-error");
    await page.unroute("**/api/v1/suppliers/*/prices");
    await page.getByTestId("price-remove-1").click();
    await suppliers.savePrices();
    await expect(page.getByTestId("prices-save")).toBeDisabled();
    await expect(page.getByTestId("price-price-0")).toHaveValue("980.50");
    await shell.screenshot("45-supplier-prices");
  });

  await test.step("the supplier serves the customer", async () => {
    await suppliers.openTab("服务客户");
    await suppliers.addServedCustomer(customerName, customerName);
    await suppliers.saveServedCustomers();
    await shell.screenshot("46-supplier-customers");
    const headers = await adminHeaders(request);
    const id = page.url().split("/").pop()?.split("?")[0] ?? "";
    const served = await request.get(`/api/v1/suppliers/${id}/customers`, { headers });
    expect(((await served.json()) as { items: { name: string }[] }).items.map((c) => c.name)).toEqual([customerName]);
  });

  await test.step("the customer's 360 page lists the supplier, linking to it", async () => {
    await page.goto(`/customers/${customerId}`);
    await expect(page.getByTestId("customer-title")).toHaveText(customerName);
    await page.getByRole("tab", { name: "供应商", exact: true }).click();
    const tab = page.getByTestId("customer-suppliers");
    const row = tab.locator(".ant-table-row", { hasText: supplierName });
    await expect(row).toHaveCount(1);
    await expect(row.locator("td").first()).toHaveText(/^S\d+$/);
    await shell.screenshot("46-customer-suppliers");
    await row.getByRole("link", { name: supplierName }).click();
    await expect(page).toHaveURL(/\/suppliers\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("supplier-profile")).toContainText("陈经理");
  });

  await test.step("the supplier list shows who created it and filters by region", async () => {
    await suppliers.gotoList();
    await suppliers.search(supplierName);
    await expect(suppliers.row(supplierName).locator("td").first()).toHaveText(/^S\d+$/);
    // A province's code matches the suppliers in its cities.
    await chooseRegion(page, page.getByTestId("supplier-search-region"), ["浙江省"]);
    await page.getByTestId("supplier-search").click();
    await expect(page).toHaveURL(/region_code=330000/);
    await expect(suppliers.row(supplierName)).toHaveCount(1);
    await expect(suppliers.row(supplierName)).toContainText("Administrator");
    await shell.screenshot("47-suppliers");
    await chooseRegion(page, page.getByTestId("supplier-search-region"), ["江苏省"]);
    await page.getByTestId("supplier-search").click();
    await expect(page).toHaveURL(/region_code=320000/);
    await expect(suppliers.row(supplierName)).toHaveCount(0);
  });

  await test.step("the product shows the supplier's current price", async () => {
    const headers = await adminHeaders(request);
    const prices = await request.get(`/api/v1/products/${productId}/supplier-prices`, { headers });
    expect(((await prices.json()) as { items: { supplier_name: string; price: string }[] }).items).toEqual([
      expect.objectContaining({ supplier_name: supplierName, price: "980.50" }),
    ]);
    await products.goto();
    await products.search(code);
    const panel = await products.expandSupplierPrices(productName);
    await expect(panel.locator(".ant-table-row", { hasText: supplierName })).toContainText("¥980.50");
    await shell.screenshot("48-product-supplier-prices");
  });

  await test.step("the categories page lists the tree with its counts", async () => {
    await page.goto("/");
    await shell.open("product-categories");
    await expect(page).toHaveURL(/\/product-categories$/);
    const topRow = page.locator(".ant-table-row", { hasText: top });
    // The codes show the tree: the child's is its parent's code and two more digits (01, 0101
    // on a fresh database).
    const tree = await request.get("/api/v1/product-categories/tree", { headers: await adminHeaders(request) });
    const nodes = ((await tree.json()) as { items: { name: string; code: string; children: { name: string; code: string }[] }[] }).items;
    const topNode = nodes.find((n) => n.name === top);
    const childCode = topNode?.children.find((c) => c.name === child)?.code ?? "";
    expect(topNode?.code).toMatch(/^\d{2}$/);
    expect(childCode).toBe(`${topNode?.code}01`);
    await expect(topRow).toContainText(topNode?.code ?? "");
    await expect(page.locator(".ant-table-row", { hasText: child })).toContainText(childCode);
    await shell.screenshot("49-product-categories");
    await products.goto();
    await products.search(code);
    await products.expandSupplierPrices(productName);
  });

  await test.step("the same pages in English", async () => {
    await shell.switchLanguage("English");
    try {
      await expect(page.getByTestId("product-supplier-prices")).toContainText("Supplier prices");
      await expect(products.row(productName).getByTestId("product-price-cell")).toHaveText("CN¥1,234.56");
      await shell.screenshot("48-product-supplier-prices-english");
      await products.selectCategory(child);
      await page.getByTestId("product-create").click();
      await products.drawer().getByTestId("product-price").fill("1.999");
      await products.save();
      await expect(products.drawer().getByText("At most two decimals", { exact: true })).toBeVisible();
      await shell.screenshot("40-product-form-english");
      await page.keyboard.press("Escape");
      await expect(products.drawer()).toBeHidden();
      await suppliers.gotoList();
      await suppliers.search(supplierName);
      await shell.screenshot("47-suppliers-english");
      await suppliers.row(supplierName).getByRole("link", { name: supplierName }).click();
      await suppliers.openTab("Price list");
      await expect(page.getByTestId("price-price-0")).toHaveValue("980.50");
      await shell.screenshot("45-supplier-prices-english");
      await suppliers.openTab("Served customers");
      await expect(page.getByTestId("served-customers")).toContainText(customerName);
      await shell.screenshot("46-supplier-customers-english");
      await page.goto(`/customers/${customerId}`);
      await page.getByRole("tab", { name: "Suppliers", exact: true }).click();
      await expect(page.getByTestId("customer-suppliers")).toContainText(supplierName);
      await shell.screenshot("46-customer-suppliers-english");
    } finally {
      await shell.switchLanguage("中文");
    }
  });
});
