import { expect, type APIRequestContext, type Request } from "@playwright/test";
import dayjs from "dayjs";
import type { components } from "../src/api/schema";
import { ADMIN_STATE, test } from "./authState";
import { AppShell } from "./pages/AppShell";
import { Customer360Page, CustomersListPage } from "./pages/CustomerPages";
import { InteractionsPage } from "./pages/InteractionsPage";
import { LoginPage } from "./pages/LoginPage";
import { PoolRulesPage } from "./pages/PoolRulesPage";

const ADMIN_PASSWORD = "Admin12345!";

test.use({ storageState: ADMIN_STATE });

/** The admin's Authorization header for API calls that set the scene. */
async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const login = await request.post("/api/v1/auth/login", { data: { username: "admin", password: ADMIN_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const { access_token } = (await login.json()) as { access_token: string };
  return { Authorization: `Bearer ${access_token}` };
}

/** Creates a customer owned by admin through the API (a second record to merge). */
async function createCustomer(request: APIRequestContext, customer: { name: string; phone: string; email: string; city: string }): Promise<void> {
  const created = await request.post("/api/v1/customers", { headers: await adminHeaders(request), data: { kind: "company", ...customer } });
  expect(created.status(), await created.text()).toBe(201);
}

/** Deletes the admin's saved views: a retry must not open the list with a view an earlier attempt saved. */
async function deleteAdminViews(request: APIRequestContext): Promise<void> {
  const headers = await adminHeaders(request);
  const views = await request.get("/api/v1/saved-views", { headers });
  expect(views.ok()).toBeTruthy();
  for (const view of ((await views.json()) as components["schemas"]["SavedViewList"]).items) {
    const deleted = await request.delete(`/api/v1/saved-views/${view.id}`, { headers });
    expect(deleted.status(), await deleted.text()).toBe(204);
  }
}

/** Runs `action` with the UI in English, then switches back (the choice is saved on the user). */
async function inEnglish(shell: AppShell, action: () => Promise<void>): Promise<void> {
  await shell.switchLanguage("English");
  try {
    await action();
  } finally {
    await shell.switchLanguage("中文");
  }
}

/** Creates a user with the built-in `sales_rep` role through the API, as admin. */
async function createSalesRep(request: APIRequestContext, user: { username: string; displayName: string; password: string }): Promise<void> {
  const headers = await adminHeaders(request);
  const roles = await request.get("/api/v1/roles", { headers, params: { page: 1, page_size: 200 } });
  expect(roles.ok()).toBeTruthy();
  const role = ((await roles.json()) as { items: { id: string; name: string }[] }).items.find((r) => r.name === "sales_rep");
  expect(role, "built-in sales_rep role").toBeDefined();
  const created = await request.post("/api/v1/users", {
    headers,
    data: { username: user.username, display_name: user.displayName, password: user.password, role_ids: [role?.id] },
  });
  expect(created.status(), await created.text()).toBe(201);
}

test("customers: the list lives in the URL, so Back from a customer and a link show it again", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const name = `云帆链接测试有限公司-${suffix}`;
  const fragment = `链接测试有限公司-${suffix}`;
  const list = new CustomersListPage(page);
  const shell = new AppShell(page);
  await createCustomer(request, { name, phone: `0571-${String(Date.now()).slice(-8)}`, email: `url-${suffix}@example.cn`, city: "杭州" });

  await test.step("search by a fragment of the name and sort: the URL says so", async () => {
    await list.goto();
    await list.search(fragment);
    await list.sortBy("客户名称");
    await expect(page).toHaveURL((url) => url.searchParams.get("q") === fragment && url.searchParams.get("sort") === "name");
    await expect(list.rows()).toHaveCount(1);
    await expect(list.row(name)).toHaveCount(1);
  });

  await test.step("open the customer and go back: the same search, sort and rows", async () => {
    await list.row(name).getByRole("link", { name }).click();
    await expect(page.getByTestId("customer-title")).toHaveText(name);
    await page.goBack();
    await expect(list.searchBox()).toHaveValue(fragment);
    await expect(list.columnHeader("客户名称")).toHaveAttribute("aria-sort", "ascending");
    await expect(list.rows()).toHaveCount(1);
    await expect(list.row(name)).toHaveCount(1);
  });

  await test.step("a link opens on that list, with no unfiltered request first", async () => {
    const requested: URL[] = [];
    const record = (sent: Request) => {
      const url = new URL(sent.url());
      if (url.pathname === "/api/v1/customers") requested.push(url);
    };
    page.on("request", record);
    await page.goto(`/customers?q=${encodeURIComponent(fragment)}&pool=potential`);
    await expect(list.searchBox()).toHaveValue(fragment);
    await expect(list.tab("潜在客户")).toHaveAttribute("aria-selected", "true");
    await expect(list.rows()).toHaveCount(1);
    await expect(list.row(name)).toContainText("潜在客户");
    page.off("request", record);
    // One list request, and the tabs' one-row counts: all with the link's search.
    expect(requested.filter((url) => url.searchParams.get("page_size") !== "1").map((url) => url.searchParams.get("q"))).toEqual([fragment]);
    expect(requested.every((url) => url.searchParams.get("q") === fragment)).toBe(true);
    await shell.screenshot("27-customers-search-link");
  });

  await test.step("reset clears the filters from the URL", async () => {
    await list.resetSearch();
    await expect(list.searchBox()).toHaveValue("");
    await expect(page).toHaveURL((url) => !url.searchParams.has("q") && url.searchParams.get("pool") === "potential");
  });
});

test("customers: create, duplicate warning, contacts, follow-ups, release and claim", async ({ page, browser, request }, testInfo) => {
  // The whole customer journey in one test: about 2 minutes alone, over 5 on a loaded
  // 2-core machine; the budget only bounds how long a hung run takes to fail.
  test.setTimeout(600_000);
  const suffix = Date.now().toString(36);
  const name = `杭州测试科技有限公司-${suffix}`;
  // Unique to this run, so a retry on the same server finds only its own customer.
  const fragment = `测试科技有限公司-${suffix}`;
  const rep = { username: `rep_${suffix}`, displayName: `李四 ${suffix}`, password: "Rep12345!x" };
  const rep2 = { username: `rep2_${suffix}`, displayName: `王五 ${suffix}`, password: "Rep12345!x" };
  const duplicate = { name: `杭州测试科技分公司-${suffix}`, phone: `0574-${String(Date.now()).slice(-8)}`, email: `info-${suffix}@example.cn`, city: "宁波" };
  const followUpText = "电话沟通了新版报价，客户下周回复。";
  const shell = new AppShell(page);
  const list = new CustomersListPage(page);
  const detail = new Customer360Page(page);
  let id = "";
  await deleteAdminViews(request);

  await test.step("admin creates a customer from the list", async () => {
    await page.goto("/");
    await shell.open("customers");
    await expect(page).toHaveURL(/\/customers$/);
    await shell.screenshot("20-customers-list");
    id = await list.create({ name, industry: "信息技术", level: "A（重点客户）", phone: `0571-${String(Date.now()).slice(-8)}`, region: ["浙江省", "杭州市"] }, () =>
      shell.screenshot("21-customer-form"),
    );
    await expect(page.getByTestId("customer-pool").first()).toHaveText("潜在客户");
    // The 360 page opens on the activity timeline; the fields are one tab over.
    await expect(page.getByTestId("customer-timeline")).toBeVisible();
    await detail.openTab("资料");
    await expect(page.getByTestId("customer-profile")).toContainText("信息技术");
    await shell.screenshot("22-customer-360");
    await shell.switchLanguage("English");
    await expect(page.getByTestId("customer-pool").first()).toHaveText("Potential");
    await expect(page.getByTestId("customer-profile")).toContainText("Information technology");
    await shell.screenshot("22-customer-360-english");
    await shell.switchLanguage("中文");
    await expect(page.getByTestId("customer-pool").first()).toHaveText("潜在客户");
  });

  await test.step("a new form warns about the same name while typing", async () => {
    await list.goto();
    const drawer = await list.startCreate(name);
    const warning = drawer.getByTestId("customer-duplicates");
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(name);
    await shell.screenshot("23-duplicate-warning");
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
  });

  await test.step("add a primary contact and a follow-up on the 360 page", async () => {
    await detail.goto(id);
    await detail.openTab("联系人");
    await detail.addContact({ name: "王经理", title: "采购经理", mobile: "13900001111", primary: true });
    await expect(page.getByTestId("contact-primary-star")).toBeVisible();
    await shell.screenshot("24-customer-contacts");
    await detail.openTab("跟进记录");
    const next = dayjs().add(7, "day").hour(10).minute(0).second(0).format("YYYY-MM-DD HH:mm");
    await detail.addFollowUp("电话", followUpText, next);
    await expect(page.getByTestId("follow-up-item").first()).toContainText("电话");
    await expect(page.getByTestId("follow-up-item").first()).toContainText("下次跟进");
    await shell.screenshot("25-customer-follow-ups");
    await detail.openTab("变更记录");
    await expect(page.getByTestId("customer-history").locator(".ant-table-row").first()).toBeVisible();
    await shell.screenshot("26-customer-history");
    // No supplier serves it yet (the products spec covers one that does).
    await detail.openTab("供应商");
    await expect(page.getByTestId("customer-suppliers")).toContainText("暂无为该客户服务的供应商");
  });

  await test.step("find it by a fragment of its name and release it to the public pool", async () => {
    await list.goto();
    await list.search(fragment);
    await expect(list.row(name)).toHaveCount(1);
    await expect(list.row(name)).toContainText("潜在客户");
    await shell.screenshot("27-customers-search");
    await list.release(name, "客户暂无采购计划");
    // "All" lists every pool but invalid, so the row stays, now tagged as public.
    await expect(list.row(name).getByTestId("customer-pool")).toHaveText("公海");
    await list.openTab("潜在客户");
    await expect(list.row(name)).toHaveCount(0);
    await list.openTab("公海");
    await expect(list.row(name)).toContainText("公海");
    await shell.screenshot("28-public-pool");
  });

  await test.step("a sales rep claims it from the public pool", async () => {
    await createSalesRep(request, rep);
    const context = await browser.newContext({
      // A fresh browser: not the admin's stored session.
      storageState: { cookies: [], origins: [] },
      baseURL: testInfo.project.use.baseURL,
      locale: "zh-CN",
      viewport: { width: 1440, height: 900 },
    });
    const repPage = await context.newPage();
    const repShell = new AppShell(repPage);
    const repList = new CustomersListPage(repPage);
    await new LoginPage(repPage).goto();
    await new LoginPage(repPage).login(rep.username, rep.password);
    await repShell.open("customers");
    await repList.openTab("公海");
    await repList.search(fragment);
    await expect(repList.row(name)).toHaveCount(1);
    await repShell.screenshot("29-rep-public-pool");
    await repList.claim(name);
    await expect(repList.row(name)).toHaveCount(0);
    await repList.openTab("潜在客户");
    await expect(repList.row(name)).toContainText(rep.displayName);
    await repShell.screenshot("30-rep-potential");
    // Reps may read the pool rules but neither change nor run them.
    await repShell.open("pool-rules");
    await expect(repPage.getByTestId("pool-rules-form")).toBeVisible();
    await expect(repPage.getByTestId("pool-rules-save")).toHaveCount(0);
    await expect(repPage.getByTestId("pool-rules-apply")).toHaveCount(0);
    await repShell.screenshot("30-rep-pool-rules");
    // Reps lack users:read, yet the colleague picker finds people (it asks GET /users/lookup).
    const repDetail = new Customer360Page(repPage);
    await repDetail.goto(id);
    await repDetail.openTab("团队成员");
    await repPage.getByTestId("collaborators").getByTestId("collaborator-user").click();
    await repPage.keyboard.type("admin");
    await expect(repPage.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "admin" })).toHaveCount(1);
    await repPage.keyboard.press("Escape");
    await context.close();
  });

  await test.step("the column chooser adds a column and remembers it", async () => {
    await list.goto();
    await list.search(fragment);
    await expect(list.row(name)).toHaveCount(1);
    await expect(list.columnHeader("邮箱")).toHaveCount(0);
    const chooser = await list.openColumnChooser();
    await chooser.getByText("邮箱", { exact: true }).click();
    await expect(list.columnHeader("邮箱")).toHaveCount(1);
    await shell.screenshot("31-customers-columns");
    await list.closeColumnChooser();
    await page.reload();
    await expect(list.columnHeader("邮箱")).toHaveCount(1);
  });

  await test.step("a saved default view brings back the tab, filters and columns", async () => {
    const viewName = `杭州重点潜在-${suffix}`;
    await list.goto();
    await list.filter({ level: "A（重点客户）", region: ["浙江省", "杭州市"] });
    await list.openTab("潜在客户");
    await expect(list.row(name)).toHaveCount(1);
    await list.saveView(viewName, true);
    await expect(page).toHaveURL(/[?&]view=[0-9a-f-]{36}/);
    await expect(page.getByTestId("saved-view-modified")).toHaveCount(0);
    // The same name again is refused, on the name field.
    const dialog = await list.startSaveView(viewName);
    await dialog.getByTestId("saved-view-ok").click();
    await expect(dialog.getByText("本列表已有同名视图", { exact: true })).toBeVisible();
    await shell.screenshot("38-saved-view-duplicate");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    // A column hidden while the view is on marks it changed, until saved into the view.
    const chooser = await list.openColumnChooser();
    await expect(page.getByTestId("column-chooser-view")).toBeVisible();
    await chooser.getByText("邮箱", { exact: true }).click();
    await list.closeColumnChooser();
    await expect(list.columnHeader("邮箱")).toHaveCount(0);
    await expect(page.getByTestId("saved-view-modified")).toBeVisible();
    await list.viewAction("update", () => shell.screenshot("38-saved-view-actions"));
    await expect(page.getByTestId("saved-view-modified")).toHaveCount(0);
    // A reload shows the view again: its tab, filters and columns (not the remembered e-mail column).
    await page.reload();
    await list.expectActiveView(viewName);
    await expect(list.tab("潜在客户")).toHaveAttribute("aria-selected", "true");
    await list.expectRegionFilter("浙江省 / 杭州市");
    await expect(page.getByTestId("customer-search-level")).toContainText("A（重点客户）");
    await expect(list.row(name)).toHaveCount(1);
    await expect(list.columnHeader("邮箱")).toHaveCount(0);
    // Choosing the view again discards what was changed since.
    await list.filter({ region: ["浙江省", "宁波市"] });
    await expect(list.row(name)).toHaveCount(0);
    await expect(page.getByTestId("saved-view-modified")).toBeVisible();
    await list.chooseView(viewName);
    await expect(page.getByTestId("saved-view-modified")).toHaveCount(0);
    await list.expectRegionFilter("浙江省 / 杭州市");
    await expect(list.row(name)).toHaveCount(1);
    // The plain address opens with it too, as it is the default.
    await list.goto();
    await list.expectActiveView(viewName);
    await expect(page).toHaveURL(/[?&]pool=potential/);
    await expect(list.tab("潜在客户")).toHaveAttribute("aria-selected", "true");
    await list.expectRegionFilter("浙江省 / 杭州市");
    await expect(list.row(name)).toHaveCount(1);
    await shell.screenshot("38-saved-views");
    await inEnglish(shell, async () => {
      await list.viewSelect().click();
      await expect(page.locator(".ant-select-dropdown:visible")).toContainText(viewName);
      await shell.screenshot("38-saved-views-english");
      await page.keyboard.press("Escape");
    });
    // Deleting it goes back to the plain list with the user's own columns.
    await list.deleteActiveView();
    await expect(list.tab("全部")).toHaveAttribute("aria-selected", "true");
    await list.expectRegionFilter("");
    await expect(list.columnHeader("邮箱")).toHaveCount(1);
    await list.goto();
    await expect(list.viewSelect().locator(".ant-select-selection-item")).toHaveCount(0);
    await expect(list.tab("全部")).toHaveAttribute("aria-selected", "true");
  });

  await test.step("a capped total reads as a lower bound", async () => {
    // The server counts up to a cap and then says `total_exact: false`; fake such an answer.
    await page.route(/\/api\/v1\/customers\?/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, total: 10000, total_exact: false } });
    });
    await list.goto();
    await expect(page.locator(".ant-pagination-total-text")).toHaveText("10,000+ 条");
    await page.unrouteAll({ behavior: "wait" });
  });

  await test.step("export the filtered customer list as CSV", async () => {
    await list.goto();
    await list.search(fragment);
    await expect(list.row(name)).toHaveCount(1);
    const file = await list.exportCsv();
    expect(file.filename).toMatch(/^customers-.*\.csv$/);
    expect(file.text.charCodeAt(0), "UTF-8 byte-order mark").toBe(0xfeff);
    const lines = file.text.slice(1).trim().split(/\r?\n/);
    // A file for people: the headers in the reader's language (the browser's is zh-CN here).
    expect(lines[0]).toMatch(/^客户编号,客户名称,/);
    // The export takes the list's filters: the header and the one customer the search finds.
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(name);
    expect(lines[1]).toContain(rep.displayName);
    await expect(page.locator(".ant-message")).toContainText(file.filename);
  });

  await test.step("admin exports the selected rows, then transfers them in bulk to another rep", async () => {
    await createSalesRep(request, rep2);
    await list.goto();
    await list.search(fragment);
    await list.select(name);
    await expect(page.getByTestId("bulk-count")).toContainText("1");
    // The file holds the chosen row (the API tests check that a selection narrows the list).
    const file = await list.exportSelected();
    expect(file.filename).toMatch(/^customers-.*\.csv$/);
    const lines = file.text.slice(1).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(name);
    await shell.screenshot("32-customers-bulk-bar");
    await inEnglish(shell, () => shell.screenshot("32-customers-bulk-bar-english"));
    await list.bulkTransfer(rep2.displayName, () => shell.screenshot("33-customers-transfer"));
    await expect(list.row(name)).toContainText(rep2.displayName);
    await expect(page.locator(".ant-message")).toContainText(rep2.displayName);
  });

  await test.step("admin shares it with the first rep as a collaborator", async () => {
    await detail.goto(id);
    await detail.openTab("团队成员");
    await expect(page.getByTestId("collaborators")).toContainText("暂无团队成员");
    await detail.addCollaborator(rep.displayName, "可编辑");
    await expect(page.getByTestId("collaborators").locator(".ant-table-row", { hasText: rep.displayName })).toContainText("可编辑");
    await shell.screenshot("34-customer-collaborators");
    await inEnglish(shell, async () => {
      await expect(page.getByTestId("collaborators")).toContainText("Can edit");
      await shell.screenshot("34-customer-collaborators-english");
    });
  });

  await test.step("admin merges a duplicate customer into it, choosing field by field", async () => {
    await createCustomer(request, duplicate);
    await detail.goto(id);
    let dialog = await detail.startMerge(duplicate.name, duplicate.name);
    await shell.screenshot("35-customer-merge");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await inEnglish(shell, async () => {
      dialog = await detail.startMerge(duplicate.name, duplicate.name);
      await shell.screenshot("35-customer-merge-english");
      // This record has a phone, so it is kept unless the other one is chosen; the e-mail gap is filled.
      await dialog.getByTestId("merge-phone-other").click();
      await dialog.getByTestId("merge-submit").click();
      await expect(dialog).toBeHidden();
    });
    await expect(page.getByTestId("customer-title")).toHaveText(name);
    await detail.openTab("资料");
    await expect(page.getByTestId("customer-profile")).toContainText(duplicate.phone);
    await expect(page.getByTestId("customer-profile")).toContainText(duplicate.email);
    await list.goto();
    await list.search(duplicate.name);
    await expect(list.row(duplicate.name)).toHaveCount(0);
  });

  await test.step("the interactions page finds the follow-up by keyword and exports it", async () => {
    const interactions = new InteractionsPage(page);
    await shell.open("interactions");
    await expect(page).toHaveURL(/\/interactions$/);
    await interactions.search("新版报价");
    await expect(interactions.row(name)).toHaveCount(1);
    await expect(interactions.row(name)).toContainText(followUpText);
    await expect(interactions.row(name)).toContainText("电话");
    await shell.screenshot("36-interactions");
    await inEnglish(shell, async () => {
      await expect(interactions.row(name)).toContainText("Phone");
      await shell.screenshot("36-interactions-english");
    });
    const file = await interactions.exportCsv();
    expect(file.filename).toMatch(/^interactions-.*\.csv$/);
    expect(file.text.charCodeAt(0), "UTF-8 byte-order mark").toBe(0xfeff);
    expect(file.text).toContain(followUpText);
    expect(file.text).toContain(name);
    await interactions.row(name).getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));
  });

  await test.step("admin sets the pool rules, saves and applies them", async () => {
    const rules = new PoolRulesPage(page);
    await shell.open("pool-rules");
    await expect(page).toHaveURL(/\/pool-rules$/);
    await rules.turnOn();
    await rules.fill({ return_after_days_without_follow_up: 30, return_after_days_without_deal: 90, max_customers_per_owner: 500, reclaim_cooldown_days: null });
    await rules.save();
    await expect(page.locator(".ant-message")).toContainText("已保存");
    await page.reload();
    await expect(rules.limit("max_customers_per_owner")).toHaveValue("500");
    await expect(rules.limit("return_after_days_without_follow_up")).toHaveValue("30");
    // A blank limit is saved as null: that rule is off.
    await expect(rules.limit("reclaim_cooldown_days")).toHaveValue("");
    await rules.applyNow();
    await expect(page.locator(".ant-message")).toContainText("退回公海");
    await expect(page.getByTestId("pool-rules-last-applied")).not.toHaveText("—");
    await shell.screenshot("37-pool-rules");
    await inEnglish(shell, () => shell.screenshot("37-pool-rules-english"));
  });
});
