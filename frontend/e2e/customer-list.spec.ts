import { expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";
import { AppShell, chooseRegion } from "./pages/AppShell";
import { CustomersListPage } from "./pages/CustomerPages";
import { LoginPage } from "./pages/LoginPage";
import { createDepartment, createUser, userHeaders } from "./sceneApi";

test.use({ storageState: ADMIN_STATE });

const ZONE = "Asia/Shanghai";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A fresh browser signed in as this user, in Shanghai's time zone (the quick filters' "today"). */
async function signIn(browser: Browser, testInfo: TestInfo, username: string, password: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    baseURL: testInfo.project.use.baseURL,
    locale: "zh-CN",
    timezoneId: ZONE,
    viewport,
  });
  const page = await context.newPage();
  await new LoginPage(page).goto();
  await new LoginPage(page).submit(username, password);
  // Signing in hashes the password: slow on a loaded shared machine, more than the usual wait.
  await expect(page.getByTestId("welcome")).toBeVisible({ timeout: 30_000 });
  return page;
}

/** Picks a node of an antd TreeSelect that may be far down a long tree: typed first, then clicked. */
async function chooseTreeNodeBySearch(page: Page, select: ReturnType<Page["getByTestId"]>, title: string): Promise<void> {
  await select.click();
  await page.keyboard.type(title);
  await page.locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${title}"]`).click();
}

test("customer list as a daily tool: mine first with counts, quick filters, team filters, no covered columns, phone cards, Excel export", async ({ browser, request }, testInfo) => {
  const suffix = Date.now().toString(36);
  const password = "Rep12345!x";
  const team = `列表部-${suffix}`;
  const squad = `列表组-${suffix}`;
  const repA = { username: `lista_${suffix}`, displayName: `赵一 ${suffix}` };
  const repB = { username: `listb_${suffix}`, displayName: `钱二 ${suffix}` };
  const manager = { username: `listm_${suffix}`, displayName: `孙经理 ${suffix}` };
  const overdue = `逾期客户-${suffix}`;
  const idle = `久未跟进-${suffix}`;
  const dueToday = `今日跟进-${suffix}`;
  const colleague = `同事客户-${suffix}`;
  const mine = [overdue, idle, dueToday];

  await test.step("set the scene: a department with a sub-department, two reps and their manager, customers with follow-ups", async () => {
    const teamId = await createDepartment(request, team);
    const squadId = await createDepartment(request, squad, teamId);
    await createUser(request, { ...repA, password, departmentId: squadId }, "sales_rep");
    await createUser(request, { ...repB, password, departmentId: teamId }, "sales_rep");
    await createUser(request, { ...manager, password, departmentId: teamId }, "sales_manager");

    const now = Date.now();
    // Shanghai has no daylight saving: its day ends at 16:00 UTC.
    const endOfToday = Math.floor((now + 8 * HOUR) / DAY) * DAY + DAY - 8 * HOUR - 1;
    const headers = await userHeaders(request, repA.username, password);
    const scene: { name: string; city: string; occurred: number; next: number }[] = [
      { name: overdue, city: "杭州市", occurred: now - 2 * DAY, next: now - DAY },
      { name: idle, city: "宁波市", occurred: now - 10 * DAY, next: now + 3 * DAY },
      { name: dueToday, city: "宁波市", occurred: now - HOUR, next: Math.min(now + 2 * HOUR, endOfToday - 60_000) },
    ];
    for (const c of scene) {
      const created = await request.post("/api/v1/customers", { headers, data: { kind: "company", name: c.name, province: "浙江省", city: c.city } });
      expect(created.status(), await created.text()).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const followUp = await request.post("/api/v1/follow-ups", {
        headers,
        data: { customer_id: id, kind: "phone", content: "电话沟通", occurred_at: new Date(c.occurred).toISOString(), next_follow_up_at: new Date(c.next).toISOString() },
      });
      expect(followUp.status(), await followUp.text()).toBe(201);
    }
    const other = await request.post("/api/v1/customers", {
      headers: await userHeaders(request, repB.username, password),
      data: { kind: "company", name: colleague, province: "浙江省", city: "杭州市" },
    });
    expect(other.status(), await other.text()).toBe(201);
  });

  const repPage = await signIn(browser, testInfo, repA.username, password);
  const rep = new CustomersListPage(repPage);
  const repShell = new AppShell(repPage);

  await test.step("a rep opens the list on their own customers, each tab with its count", async () => {
    await repShell.open("customers");
    await expect(rep.tab("我的客户")).toHaveAttribute("aria-selected", "true");
    await expect(repPage.getByTestId("tab-count-mine")).toHaveText("3");
    await expect(repPage.getByTestId("tab-count-potential")).toHaveText("3");
    await expect(repPage.getByTestId("tab-count-public")).toBeVisible();
    await expect(rep.rows()).toHaveCount(3);
    for (const name of mine) await expect(rep.row(name)).toBeVisible();
    await expect(rep.row(colleague)).toHaveCount(0);
    await repShell.screenshot("70-rep-mine-first");
  });

  await test.step("quick filters: overdue, no follow-up in 7 days, due today; kept in the URL", async () => {
    await repPage.getByTestId("quick-overdue").click();
    await expect(repPage).toHaveURL(/[?&]quick=overdue/);
    await expect(rep.rows()).toHaveCount(1);
    await expect(rep.row(overdue)).toBeVisible();
    // The counts follow the filters.
    await expect(repPage.getByTestId("tab-count-mine")).toHaveText("1");

    await repPage.getByTestId("quick-overdue").click();
    await repPage.getByTestId("quick-idle-7").click();
    await expect(repPage).toHaveURL(/[?&]quick=idle_7/);
    await expect(rep.rows()).toHaveCount(1);
    await expect(rep.row(idle)).toBeVisible();
    await repShell.screenshot("71-rep-no-follow-up-7-days");

    await repPage.reload();
    await expect(repPage.getByTestId("quick-idle-7")).toHaveClass(/checked/);
    await expect(rep.rows()).toHaveCount(1);

    await repPage.getByTestId("quick-idle-7").click();
    await repPage.getByTestId("quick-due_today").click();
    await expect(rep.rows()).toHaveCount(1);
    await expect(rep.row(dueToday)).toBeVisible();
  });

  await test.step("a filter that matches nothing says which filters are on and clears them", async () => {
    await rep.search(`没有这个客户-${suffix}`);
    const empty = repPage.getByTestId("empty-state");
    await expect(empty).toBeVisible();
    await expect(repPage.getByTestId("empty-state-filters")).toContainText("关键字");
    await expect(repPage.getByTestId("empty-state-filters")).toContainText("今日待跟进");
    await repShell.screenshot("72-rep-empty-filtered");
    await repPage.getByTestId("empty-clear-filters").click();
    await expect(rep.rows()).toHaveCount(3);
    await expect(repPage.getByTestId("quick-due_today")).not.toHaveClass(/checked/);
  });

  await test.step("the rep exports their list as an Excel workbook", async () => {
    const file = await rep.exportXlsx();
    expect(file.filename).toMatch(/\.xlsx$/);
    // An XLSX file is a ZIP archive.
    expect(file.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  await test.step("at 1440×900 no column sits under the narrow fixed actions column", async () => {
    const actions = repPage.locator(".ant-table-thead th.ant-table-cell-fix-right");
    const actionsBox = await actions.boundingBox();
    expect(actionsBox?.width ?? 0).toBeLessThanOrEqual(64);
    // Scrolled to the end, the last data columns stand wholly left of it.
    await repPage.locator(".ant-table-content, .ant-table-body").first().evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect
      .poll(async () => {
        const fixed = await actions.boundingBox();
        const boxes = await Promise.all(["最近跟进", "下次跟进", "更新时间"].map((title) => rep.columnHeader(title).boundingBox()));
        return boxes.every((box) => !!box && !!fixed && box.x + box.width <= fixed.x + 1 && box.width > 100);
      })
      .toBe(true);
    // And the last row's next follow-up is readable, not under the column.
    const cell = rep.row(dueToday).locator("td").nth(await columnIndex(repPage, "下次跟进"));
    const cellBox = await cell.boundingBox();
    const fixedCell = await rep.row(dueToday).locator("td.ant-table-cell-fix-right").boundingBox();
    expect((cellBox?.x ?? 0) + (cellBox?.width ?? 0)).toBeLessThanOrEqual((fixedCell?.x ?? 0) + 1);
  });

  await test.step("the row menu claims and releases from the list", async () => {
    await rep.openTab("我的客户");
    await rep.release(overdue, "暂无需求");
    await expect(repPage.getByTestId("tab-count-mine")).toHaveText("2");
    await rep.openTab("公海");
    await rep.search(overdue);
    await rep.claim(overdue);
    await rep.resetSearch();
    await rep.openTab("我的客户");
    await expect(repPage.getByTestId("tab-count-mine")).toHaveText("3");
    await expect(rep.rows()).toHaveCount(3);
  });

  await test.step("a manager filters by department (sub-departments included) and by owner", async () => {
    const managerPage = await signIn(browser, testInfo, manager.username, password);
    const list = new CustomersListPage(managerPage);
    await new AppShell(managerPage).open("customers");
    await expect(list.tab("全部")).toHaveAttribute("aria-selected", "true");
    await chooseTreeNodeBySearch(managerPage, managerPage.getByTestId("customer-search-department"), squad);
    await managerPage.getByTestId("customer-search").click();
    await expect(managerPage).toHaveURL(/[?&]department_id=/);
    await expect(list.rows()).toHaveCount(3);
    await expect(list.row(colleague)).toHaveCount(0);

    await chooseTreeNodeBySearch(managerPage, managerPage.getByTestId("customer-search-department"), team);
    await managerPage.getByTestId("customer-search").click();
    await expect(list.rows()).toHaveCount(4);
    await expect(list.row(colleague)).toBeVisible();
    await new AppShell(managerPage).screenshot("73-manager-department");

    const owner = managerPage.getByTestId("customer-search-owner");
    await owner.click();
    await managerPage.keyboard.type(repB.displayName);
    await managerPage.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: repB.displayName }).click();
    await managerPage.getByTestId("customer-search").click();
    await expect(managerPage).toHaveURL(/[?&]owner_id=/);
    await expect(list.rows()).toHaveCount(1);
    await expect(list.row(colleague)).toBeVisible();
    await managerPage.context().close();
  });

  await test.step("on a phone the list is cards, the search one box and a filters drawer", async () => {
    await repPage.setViewportSize({ width: 390, height: 844 });
    await repPage.goto("/customers");
    await expect(repPage.getByTestId("customer-card")).toHaveCount(3);
    await expect(repPage.getByTestId("customer-card").filter({ hasText: overdue })).toContainText("负责人");
    // No column slides off the screen.
    const table = await repPage.locator(".ant-table").first().boundingBox();
    expect((table?.x ?? 0) + (table?.width ?? 0)).toBeLessThanOrEqual(390);
    await expect(repPage.getByTestId("customer-search-region")).toBeHidden();
    await repPage.getByTestId("customer-search-filters").click();
    const drawer = repPage.getByTestId("customer-search-drawer");
    await expect(drawer).toBeVisible();
    await chooseRegion(repPage, drawer.getByTestId("customer-search-region"), ["浙江省", "杭州市"]);
    await repShell.screenshot("74-phone-filters-drawer");
    await drawer.getByTestId("customer-search-apply").click();
    await expect(drawer).toBeHidden();
    await expect(repPage.getByTestId("customer-card")).toHaveCount(1);
    await expect(repPage.getByTestId("customer-card")).toContainText(overdue);
    // The bulk bar still works on a card.
    await rep.select(overdue);
    await expect(repPage.getByTestId("bulk-count")).toContainText("1");
    await repShell.screenshot("75-phone-cards");
  });
  await repPage.context().close();
});

/** The index of a column by its header's title, for reading one cell of a row. */
async function columnIndex(page: Page, title: string): Promise<number> {
  const titles = await page.locator(".ant-table-thead th").allTextContents();
  return titles.findIndex((text) => text.trim() === title);
}
