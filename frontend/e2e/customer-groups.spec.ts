import { expect } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";
import { AppShell } from "./pages/AppShell";
import { CustomersListPage } from "./pages/CustomerPages";
import { CustomerGroupDetailPage, CustomerGroupMoves, CustomerGroupsPage } from "./pages/CustomerGroupPages";
import { LoginPage } from "./pages/LoginPage";
import { createCustomer, createSalesRep } from "./sceneApi";

test.use({ storageState: ADMIN_STATE });

test("customer groups: create, add and remove members from the customer list, filter by group, history; a rep reads a shared group", async ({ page, browser, request }, testInfo) => {
  const suffix = Date.now().toString(36);
  const groupName = `华东重点客户-${suffix}`;
  // Unique to this run, so a retry on the same server finds only its own customers.
  const fragment = `分组测试-${suffix}`;
  const first = `杭州${fragment}-甲`;
  const second = `宁波${fragment}-乙`;
  const rep = { username: `grp_${suffix}`, displayName: `王五 ${suffix}`, password: "Rep12345!x" };
  const shell = new AppShell(page);
  const groups = new CustomerGroupsPage(page);
  const detail = new CustomerGroupDetailPage(page);
  const list = new CustomersListPage(page);
  const moves = new CustomerGroupMoves(page);
  let groupId = "";

  await test.step("set the scene: two customers and a sales rep, through the API", async () => {
    await createCustomer(request, { name: first, city: "杭州" });
    await createCustomer(request, { name: second, city: "宁波" });
    await createSalesRep(request, rep);
  });

  await test.step("create a shared group from the menu; it opens on its page", async () => {
    await page.goto("/");
    await shell.open("customer-groups");
    await expect(page).toHaveURL(/\/customer-groups$/);
    await groups.startCreate({ name: groupName, description: "本季度重点跟进", shared: true });
    await groups.save();
    await expect(page).toHaveURL(/\/customer-groups\/[0-9a-f-]{36}$/);
    await expect(detail.title()).toHaveText(groupName);
    await expect(page.getByTestId("group-member-count")).toHaveText("0 个成员");
    groupId = page.url().split("/").pop() ?? "";
  });

  await test.step("the same name again is refused on the name field", async () => {
    await groups.goto();
    await groups.search(groupName);
    await expect(groups.row(groupName)).toHaveCount(1);
    await expect(groups.row(groupName)).toContainText("共享");
    const drawer = await groups.startCreate({ name: groupName });
    await groups.save();
    await expect(drawer.getByText("您已有同名的分组", { exact: true })).toBeVisible();
    await drawer.getByRole("button", { name: "取 消" }).or(drawer.getByRole("button", { name: "取消" })).click();
    await expect(drawer).toBeHidden();
  });

  await test.step("add both customers to the group from the customer list", async () => {
    await list.goto();
    await list.search(fragment);
    await expect(list.rows()).toHaveCount(2);
    await list.select(first);
    await list.select(second);
    await moves.change("add", groupName);
    await expect(page.getByText(`已把 2 个客户加入“${groupName}”`)).toBeVisible();
  });

  await test.step("filter the customer list by the group: the URL keeps it", async () => {
    await list.resetSearch();
    await moves.filterBy(groupName);
    await expect(page).toHaveURL((url) => url.searchParams.get("group_id") === groupId);
    await expect(list.rows()).toHaveCount(2);
    await shell.screenshot("60-customers-group-filter");
  });

  await test.step("remove one of them; the filtered list follows", async () => {
    await list.select(second);
    await moves.change("remove", groupName);
    await expect(page.getByText(`已把 1 个客户移出“${groupName}”`)).toBeVisible();
    await expect(list.rows()).toHaveCount(1);
    await expect(list.row(first)).toHaveCount(1);
  });

  await test.step("the group's page lists the remaining member and its history", async () => {
    await detail.goto(groupId);
    await expect(page.getByTestId("group-member-count")).toHaveText("1 个成员");
    await expect(detail.memberRow(first)).toHaveCount(1);
    await expect(detail.memberRow(second)).toHaveCount(0);
    await shell.screenshot("61-group-members");
    await detail.openTab("变更记录");
    await expect(page).toHaveURL(/[?&]tab=history/);
    // The creation, the addition and the removal, each open on its changes (whose own rows are nested tables).
    await expect(detail.history().locator(".ant-table-expanded-row")).toHaveCount(3);
    await expect(detail.history()).toContainText("移出的客户");
    await expect(detail.history()).toContainText("加入的客户");
    await expect(detail.history()).toContainText("2 个客户");
    await shell.screenshot("62-group-history");
  });

  await test.step("a sales rep sees the shared group but cannot change it", async () => {
    const context = await browser.newContext({
      // A fresh browser: not the admin's stored session.
      storageState: { cookies: [], origins: [] },
      baseURL: testInfo.project.use.baseURL,
      locale: "zh-CN",
      viewport: { width: 1440, height: 900 },
    });
    const repPage = await context.newPage();
    const repGroups = new CustomerGroupsPage(repPage);
    const repDetail = new CustomerGroupDetailPage(repPage);
    await new LoginPage(repPage).goto();
    await new LoginPage(repPage).login(rep.username, rep.password);
    await new AppShell(repPage).open("customer-groups");
    await repGroups.search(groupName);
    await expect(repGroups.row(groupName)).toHaveCount(1);
    // Neither edit nor delete for a colleague's shared group.
    await expect(repGroups.row(groupName).getByTestId("group-edit")).toHaveCount(0);
    await expect(repGroups.row(groupName).getByTestId("group-delete")).toBeDisabled();
    // It is not among the rep's own groups.
    await repGroups.searchMine(groupName, "我的分组");
    await expect(repGroups.row(groupName)).toHaveCount(0);
    await repDetail.goto(groupId);
    await expect(repPage.getByTestId("group-read-only")).toBeVisible();
    await expect(repPage.getByTestId("group-edit")).toHaveCount(0);
    await expect(repPage.getByTestId("group-delete")).toHaveCount(0);
    // The admin's customer is outside the rep's scope: the count says one, the list shows none.
    await expect(repPage.getByTestId("group-member-count")).toHaveText("1 个成员");
    await expect(repDetail.members().locator(".ant-table-row")).toHaveCount(0);
    await expect(repPage.getByTestId("group-members-remove")).toHaveCount(0);
    await context.close();
  });
});
