import { expect, test, type APIRequestContext } from "@playwright/test";
import dayjs from "dayjs";
import { ADMIN_STATE } from "./authState";
import { AppShell } from "./pages/AppShell";
import { Customer360Page, CustomersListPage } from "./pages/CustomerPages";
import { LoginPage } from "./pages/LoginPage";

const ADMIN_PASSWORD = "Admin12345!";

test.use({ storageState: ADMIN_STATE });

/** Creates a user with the built-in `sales_rep` role through the API, as admin. */
async function createSalesRep(request: APIRequestContext, user: { username: string; displayName: string; password: string }): Promise<void> {
  const login = await request.post("/api/v1/auth/login", { data: { username: "admin", password: ADMIN_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const { access_token } = (await login.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${access_token}` };
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

test("customers: create, duplicate warning, contacts, follow-ups, release and claim", async ({ page, browser, request }, testInfo) => {
  const suffix = Date.now().toString(36);
  const name = `杭州测试科技有限公司-${suffix}`;
  const fragment = `测试科技有限公司-${suffix}`.slice(0, 12);
  const rep = { username: `rep_${suffix}`, displayName: `李四 ${suffix}`, password: "Rep12345!x" };
  const shell = new AppShell(page);
  const list = new CustomersListPage(page);
  const detail = new Customer360Page(page);
  let id = "";

  await test.step("admin creates a customer from the list", async () => {
    await page.goto("/");
    await shell.open("customers");
    await expect(page).toHaveURL(/\/customers$/);
    await shell.screenshot("20-customers-list");
    id = await list.create({ name, industry: "信息技术", level: "A（重点客户）", phone: `0571-${String(Date.now()).slice(-8)}`, city: "杭州" }, () =>
      shell.screenshot("21-customer-form"),
    );
    await expect(page.getByTestId("customer-pool").first()).toHaveText("潜在客户");
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
    const next = dayjs().add(7, "day").hour(10).minute(0).second(0).format("YYYY-MM-DD HH:mm:ss");
    await detail.addFollowUp("电话", "电话沟通了新版报价，客户下周回复。", next);
    await expect(page.getByTestId("follow-up-item").first()).toContainText("电话");
    await expect(page.getByTestId("follow-up-item").first()).toContainText("下次跟进");
    await shell.screenshot("25-customer-follow-ups");
    await detail.openTab("变更记录");
    await expect(page.getByTestId("customer-history").locator(".ant-table-row").first()).toBeVisible();
    await shell.screenshot("26-customer-history");
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
    await context.close();
  });
});
