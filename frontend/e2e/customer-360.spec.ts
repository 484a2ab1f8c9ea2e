import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import dayjs from "dayjs";
import type { components } from "../src/api/schema";
import { AppShell } from "./pages/AppShell";
import { Customer360Page } from "./pages/CustomerPages";
import { LoginPage } from "./pages/LoginPage";
import { adminHeaders, createCustomer, createSalesRep, createUser, userHeaders } from "./sceneApi";

// Each journey signs in as its own admin-role user, not as `admin`: other journeys on a shared
// server switch admin's saved language back and forth, and the words checked here are Chinese.
test.use({ storageState: { cookies: [], origins: [] } });

/** A fresh user with the built-in admin role, signed in through the login page (the browser's language, zh-CN, applies). */
async function signInAsNewAdmin(page: Page, request: APIRequestContext, suffix: string): Promise<void> {
  const user = { username: `c360_${suffix}`, displayName: `周晓 ${suffix}`, password: "C360Test!x1" };
  await createUser(request, user, "admin");
  const login = new LoginPage(page);
  await login.goto();
  await login.login(user.username, user.password);
}

const SHORT = "YYYY-MM-DD HH:mm";

/** A follow-up time the quick buttons give: that many days after today, at 09:00 local time. */
function quick(days: number): string {
  return dayjs().startOf("day").add(days, "day").hour(9).format(SHORT);
}

/** A contact of the customer, through the API. */
async function createContact(request: APIRequestContext, customerId: string, name: string): Promise<void> {
  const created = await request.post("/api/v1/contacts", { headers: await adminHeaders(request), data: { customer_id: customerId, name, title: "采购经理", is_primary: true } });
  expect(created.status(), await created.text()).toBe(201);
}

/** The customer's follow-ups as the API has them, newest first. */
async function followUps(request: APIRequestContext, customerId: string): Promise<components["schemas"]["FollowUp"][]> {
  const list = await request.get("/api/v1/follow-ups", { headers: await adminHeaders(request), params: { customer_id: customerId, sort: "-occurred_at" } });
  expect(list.ok()).toBeTruthy();
  return ((await list.json()) as { items: components["schemas"]["FollowUp"][] }).items;
}

test("customer 360: log a follow-up from the header, see it first, correct it, return the customer to the pool", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const name = `杭州三六零测试有限公司-${suffix}`;
  const contact = `陈经理-${suffix}`;
  const first = `电话沟通新版报价，客户周五回复 ${suffix}`;
  const corrected = `上门拜访，确认了两期付款方案 ${suffix}`;
  const id = await createCustomer(request, { name, city: "杭州" });
  await createContact(request, id, contact);
  await signInAsNewAdmin(page, request, suffix);
  const detail = new Customer360Page(page);
  const shell = new AppShell(page);

  await test.step("the page opens on the story: header facts and the activity timeline", async () => {
    await detail.goto(id);
    await expect(page.getByRole("tab", { name: "动态", exact: true })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("customer-next-follow-up")).toContainText("未安排");
    await expect(page.getByTestId("customer-last-follow-up")).toContainText("暂无");
    await expect(detail.timelineEntries().first()).toContainText("新建");
    // The tab says which customer it is, and goes back to the module's name on leaving.
    await expect(page).toHaveTitle(`${name} · 客户关系管理系统`);
  });

  await test.step("写跟进 in the header opens the composer; a quick time plans tomorrow at 09:00", async () => {
    const composer = await detail.startFollowUpFromHeader();
    await expect(composer).toContainText("写跟进");
    await detail.fillComposer({ kind: "电话", content: first, quick: "tomorrow", participant: "admin" });
    await expect(composer.locator("input#next_follow_up_at")).toHaveValue(quick(1));
    await composer.getByTestId("follow-up-contact").click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: contact }).click();
    await shell.screenshot("360-01-composer");
    await detail.saveComposer();
  });

  await test.step("the follow-up is first on the timeline and the header plans tomorrow", async () => {
    const newest = detail.timelineEntries().first();
    await expect(newest).toContainText(first);
    await expect(newest).toContainText("电话");
    await expect(newest).toContainText(contact);
    await expect(newest).toContainText(`下次跟进：${quick(1)}`);
    await expect(page.getByTestId("customer-next-follow-up")).toContainText("明天");
    await expect(page.getByTestId("customer-next-follow-up")).toContainText(quick(1));
    await expect(page.getByTestId("customer-next-follow-up")).toHaveAttribute("data-overdue", "false");
    await expect(page.getByTestId("customer-last-follow-up")).toContainText("今天");
    await shell.screenshot("360-02-timeline");
  });

  const occurred = dayjs().subtract(1, "day").hour(10).minute(30).second(0);
  await test.step("correct it from the timeline: a typed time is kept, Enter does not save", async () => {
    await detail.timelineEntries().first().getByTestId("follow-up-edit").click();
    const composer = detail.composer();
    await expect(composer).toContainText("编辑跟进记录");
    await expect(composer.getByTestId("follow-up-content")).toHaveValue(first);
    await detail.fillComposer({ content: corrected, occurred: occurred.format(SHORT), quick: "nextWeek" });
    await expect(composer.locator("input#next_follow_up_at")).toHaveValue(quick(7));
    await detail.saveComposer();
    const [saved] = await followUps(request, id);
    expect(saved?.content).toBe(corrected);
    expect(dayjs(saved?.occurred_at).format(SHORT)).toBe(occurred.format(SHORT));
    expect(saved?.version).toBe(2);
    await expect(page.getByTestId("customer-next-follow-up")).toContainText("7 天后");
    await expect(page.getByTestId("customer-last-follow-up")).toContainText("昨天");
    await detail.openTab("跟进记录");
    const item = page.getByTestId("follow-up-item").first();
    await expect(item).toContainText(corrected);
    await expect(item).toContainText(occurred.format("YYYY-MM-DD HH:mm:ss"));
    await expect(item).toContainText(`下次跟进：${quick(7)}`);
  });

  await test.step("the server's verdict lands on the field and leaves when the field changes", async () => {
    await page.getByTestId("follow-up-create").click();
    const composer = detail.composer();
    // Planned before it happened: only the server checks this.
    await detail.fillComposer({ kind: "拜访", content: `顺序错误 ${suffix}`, occurred: occurred.format(SHORT), next: occurred.subtract(1, "hour").format(SHORT) });
    await page.getByTestId("follow-up-save").click();
    const nextItem = composer.locator(".ant-form-item", { has: page.locator("input#next_follow_up_at") });
    await expect(nextItem.locator(".ant-form-item-explain-error")).toBeVisible();
    await expect(composer).toBeVisible();
    await composer.getByTestId("follow-up-quick-in3days").click();
    await expect(nextItem.locator(".ant-form-item-explain-error")).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(composer).toBeHidden();
    expect(await followUps(request, id)).toHaveLength(1);
  });

  await test.step("放回公海 from the header: the pool and the timeline say so", async () => {
    await detail.openTab("动态");
    await page.getByTestId("customer-release").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByTestId("pool-reason").fill("客户预算冻结");
    await dialog.getByTestId("pool-reason-ok").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("customer-pool").first()).toHaveText("公海");
    const newest = detail.timelineEntries().first();
    await expect(newest).toContainText("放回公海");
    await expect(newest).toContainText("客户预算冻结");
    // A public customer is claimed, not released or transferred.
    await expect(page.getByTestId("customer-release")).toHaveCount(0);
    await expect(page.getByTestId("customer-transfer")).toHaveCount(0);
    await expect(page.getByTestId("customer-claim")).toBeVisible();
    await shell.screenshot("360-03-returned");
  });
});

test("customer 360 on a phone: the header wraps, 写跟进 stays a button, the rest is under 更多", async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const suffix = Date.now().toString(36);
  const name = `宁波手机端测试有限公司-${suffix}`;
  const content = `微信沟通样品寄送 ${suffix}`;
  const id = await createCustomer(request, { name, city: "宁波" });
  await signInAsNewAdmin(page, request, suffix);
  const detail = new Customer360Page(page);
  const shell = new AppShell(page);

  await detail.goto(id);
  // Nothing sideways: the page fits the phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(page.getByTestId("customer-follow-up")).toBeInViewport();
  await expect(page.getByTestId("customer-more")).toBeInViewport();
  await expect(page.getByTestId("customer-release")).toHaveCount(0);

  const composer = await detail.startFollowUpFromHeader();
  const box = await composer.boundingBox();
  expect(box?.width).toBeCloseTo(390, 0);
  await detail.fillComposer({ kind: "电话", content, quick: "in3days" });
  await expect(composer.locator("input#next_follow_up_at")).toHaveValue(quick(3));
  await shell.screenshot("360-04-phone-composer");
  await detail.saveComposer();
  await expect(detail.timelineEntries().first()).toContainText(content);
  await expect(page.getByTestId("customer-next-follow-up")).toContainText(quick(3));

  await page.getByTestId("customer-more").click();
  await page.getByTestId("customer-menu-release").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByTestId("pool-reason").fill("暂无需求");
  await dialog.getByTestId("pool-reason-ok").click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("customer-pool").first()).toHaveText("公海");
  await expect(detail.timelineEntries().first()).toContainText("暂无需求");
  await shell.screenshot("360-05-phone-returned");
});

test("customer 360 shared read-only: the owner shares it, the other rep sees no 编辑 / 写跟进, the owner does", async ({ browser, request }) => {
  const suffix = Date.now().toString(36);
  const password = "C360Share!x1";
  const owner = { username: `c360own_${suffix}`, displayName: `钱负责 ${suffix}`, password };
  const viewer = { username: `c360view_${suffix}`, displayName: `孙只读 ${suffix}`, password };
  await createSalesRep(request, owner);
  await createSalesRep(request, viewer);
  const name = `苏州只读共享测试有限公司-${suffix}`;
  const ownerHeaders = await userHeaders(request, owner.username, password);
  const created = await request.post("/api/v1/customers", { headers: ownerHeaders, data: { kind: "company", name, city: "苏州" } });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  await createContact(request, id, `周联系人-${suffix}`);

  /** A browser of its own for each rep, signed in through the login page, in zh-CN. */
  const signedIn = async (user: { username: string }, viewport = { width: 1440, height: 900 }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "zh-CN", viewport });
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login(user.username, password);
    return { context, page, detail: new Customer360Page(page), shell: new AppShell(page) };
  };

  const ownerSide = await signedIn(owner);
  try {
    await test.step("the owner is offered 编辑 and 写跟进, and shares the customer read-only", async () => {
      const { page, detail } = ownerSide;
      await detail.goto(id);
      await expect(page.getByTestId("customer-edit")).toBeEnabled();
      await expect(page.getByTestId("customer-follow-up")).toBeEnabled();
      await expect(page.getByTestId("customer-read-only")).toHaveCount(0);
      await detail.openTab("团队成员");
      await detail.addCollaborator(viewer.displayName, "只读");
    });
  } finally {
    await ownerSide.context.close();
  }

  // The server's side of it: read for the collaborator, edit for the owner.
  const seen = await request.get(`/api/v1/customers/${id}`, { headers: await userHeaders(request, viewer.username, password) });
  expect(((await seen.json()) as components["schemas"]["Customer"]).access).toBe("read");
  const own = await request.get(`/api/v1/customers/${id}`, { headers: ownerHeaders });
  expect(((await own.json()) as components["schemas"]["Customer"]).access).toBe("edit");

  const viewerSide = await signedIn(viewer);
  try {
    await test.step("the read-only rep sees the customer, marked 只读, with no change offered", async () => {
      const { page, detail, shell } = viewerSide;
      await detail.goto(id);
      await expect(page.getByTestId("customer-title")).toHaveText(name);
      await expect(page.getByTestId("customer-read-only")).toHaveText("只读");
      await expect(detail.timelineEntries().first()).toBeVisible();
      for (const testId of ["customer-edit", "customer-follow-up", "timeline-compose"]) {
        await expect(page.getByTestId(testId), testId).toHaveCount(0);
      }
      // The pool moves keep their own rule: the owner's side only, greyed out for a collaborator.
      await expect(page.getByTestId("customer-release")).toBeDisabled();
      await page.getByTestId("customer-read-only").hover();
      await expect(page.locator(".ant-tooltip:visible")).toContainText("只有查看权限");
      await shell.screenshot("360-06-read-only");
      await detail.openTab("联系人");
      await expect(page.getByTestId("contact-create")).toBeDisabled();
      await detail.openTab("跟进记录");
      await expect(page.getByTestId("follow-up-create")).toHaveCount(0);
      await detail.openTab("团队成员");
      await expect(page.getByTestId("collaborators")).toContainText(viewer.displayName);
      await expect(page.getByTestId("collaborator-add")).toHaveCount(0);
    });
  } finally {
    await viewerSide.context.close();
  }

  const phone = await signedIn(viewer, { width: 390, height: 844 });
  try {
    await test.step("on a phone too: no 写跟进, and 更多 holds no edit (only the greyed-out pool moves)", async () => {
      const { page, detail, shell } = phone;
      await detail.goto(id);
      await expect(page.getByTestId("customer-read-only")).toBeVisible();
      await expect(page.getByTestId("customer-follow-up")).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shell.screenshot("360-07-phone-read-only");
      await page.getByTestId("customer-more").click();
      await expect(page.getByTestId("customer-menu-release")).toBeVisible();
      await expect(page.getByTestId("customer-menu-edit")).toHaveCount(0);
    });
  } finally {
    await phone.context.close();
  }
});
