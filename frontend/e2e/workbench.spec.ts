import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { components } from "../src/api/schema";
import { ADMIN_STATE, test } from "./authState";
import { adminHeaders, createCustomer } from "./sceneApi";
import { LoginPage } from "./pages/LoginPage";
import { WorkbenchPage } from "./pages/WorkbenchPage";

// The workbench as a sales team uses it: a rep's due and overdue customers with a follow-up logged
// from the card, and their manager's team view with a count per rep. The database is shared with
// other suites, so the scene is a fresh manager with two reps of their own: their
// cards hold only what this file gives them, which makes the counts exact.

const PASSWORD = "Workbench-Pass-1";
const ZONE = "Asia/Shanghai";
// Shanghai keeps UTC+8 all year, so its days are simple arithmetic.
const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const MANAGER_ROLE = "e2e 工作台经理";

const DUE = "customers.follow_ups_due_today";
const OVERDUE = "customers.follow_ups_overdue";
const NEW = "customers.new_this_week";

test.use({ timezoneId: ZONE });

type Person = { id: string; username: string; displayName: string };
type Scene = {
  manager: Person;
  reps: [Person, Person];
  /** Customer names by rep: overdue (2 days, 1 day), due today, none planned. */
  rep1: { overdue2: string; overdue1: string; due: string; idle: string };
  rep2: { overdue: string; dueA: string; dueB: string };
};

function startOfToday(now = Date.now()): number {
  return Math.floor((now + OFFSET) / DAY) * DAY - OFFSET;
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

async function loginHeaders(request: APIRequestContext, username: string): Promise<Record<string, string>> {
  const tokens = await ok<{ access_token: string }>(await request.post("/api/v1/auth/login", { data: { username, password: PASSWORD } }));
  return { Authorization: `Bearer ${tokens.access_token}` };
}

async function roleId(request: APIRequestContext, headers: Record<string, string>, name: string): Promise<string> {
  const roles = await ok<{ items: components["schemas"]["Role"][] }>(await request.get("/api/v1/roles", { headers, params: { page: 1, page_size: 200 } }));
  const role = roles.items.find((r) => r.name === name);
  expect(role, `built-in ${name} role`).toBeDefined();
  return role?.id ?? "";
}

/** A customer the rep owns, and, with `next`, a follow-up in the past that planned the next one then. */
async function customerOf(request: APIRequestContext, headers: Record<string, string>, kind: string, name: string, next?: number): Promise<void> {
  const customer = await ok<{ id: string }>(await request.post("/api/v1/customers", { headers, data: { kind: "company", name } }), 201);
  if (next === undefined) return;
  const occurred = Math.min(next - DAY, Date.now() - HOUR);
  await ok(
    await request.post("/api/v1/follow-ups", {
      headers,
      data: { customer_id: customer.id, kind, content: "电话沟通，约好下次再联系", occurred_at: new Date(occurred).toISOString(), next_follow_up_at: new Date(next).toISOString() },
    }),
    201,
  );
}

/**
 * The manager's role: the built-in sales manager's customer and follow-up rights over their own and
 * their reps' records (self_and_subordinates), so the team is exactly the reps this file makes,
 * without a department per run crowding the department pickers other suites click in. One role
 * for every run, found by name.
 */
async function managerRole(request: APIRequestContext, headers: Record<string, string>): Promise<string> {
  const roles = await ok<{ items: components["schemas"]["Role"][] }>(await request.get("/api/v1/roles", { headers, params: { page: 1, page_size: 200 } }));
  const found = roles.items.find((r) => r.name === MANAGER_ROLE);
  if (found) return found.id;
  const permissions: components["schemas"]["NewRole"]["permissions"] = ["customers:read", "customers:update", "contacts:read", "follow_ups:read", "follow_ups:create", "dictionaries:read", "pool_rules:read"];
  const created = await request.post("/api/v1/roles", { headers, data: { name: MANAGER_ROLE, data_scope: "self_and_subordinates", permissions } });
  // Another run may have created it between the look-up and here.
  if (created.status() === 409) return managerRole(request, headers);
  return (await ok<{ id: string }>(created, 201)).id;
}

/** A sales manager and two reps reporting to them, and the reps' customers. */
async function createScene(request: APIRequestContext): Promise<Scene> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const admin = await adminHeaders(request);
  const person = async (key: string, displayName: string, role: string | undefined, supervisor?: string): Promise<Person> => {
    const username = `wb-${key}-${suffix}`;
    const user = await ok<{ id: string }>(
      await request.post("/api/v1/users", {
        headers: admin,
        data: { username, display_name: displayName, password: PASSWORD, supervisor_id: supervisor ?? null, role_ids: [role ?? (await managerRole(request, admin))] },
      }),
      201,
    );
    return { id: user.id, username, displayName };
  };
  const repRole = await roleId(request, admin, "sales_rep");
  const manager = await person("mgr", `王经理-${suffix}`, undefined);
  const rep1 = await person("rep1", `李一-${suffix}`, repRole, manager.id);
  const rep2 = await person("rep2", `赵二-${suffix}`, repRole, manager.id);

  const kinds = await ok<{ items: components["schemas"]["DictionaryItem"][] }>(await request.get("/api/v1/dictionaries/follow_up_type", { headers: admin }));
  const kind = kinds.items.find((k) => k.enabled)?.code ?? "";
  const today = startOfToday();
  // Due today a minute after midnight: inside today whenever the test runs.
  const dueToday = today + 60_000;
  const scene: Scene = {
    manager,
    reps: [rep1, rep2],
    rep1: { overdue2: `逾期两天客户-${suffix}`, overdue1: `逾期一天客户-${suffix}`, due: `今日跟进客户-${suffix}`, idle: `新客户-${suffix}` },
    rep2: { overdue: `赵逾期客户-${suffix}`, dueA: `赵今日客户A-${suffix}`, dueB: `赵今日客户B-${suffix}` },
  };
  const h1 = await loginHeaders(request, rep1.username);
  await customerOf(request, h1, kind, scene.rep1.overdue2, today - 2 * DAY + 10 * HOUR);
  await customerOf(request, h1, kind, scene.rep1.overdue1, today - DAY + 10 * HOUR);
  await customerOf(request, h1, kind, scene.rep1.due, dueToday);
  await customerOf(request, h1, kind, scene.rep1.idle);
  const h2 = await loginHeaders(request, rep2.username);
  await customerOf(request, h2, kind, scene.rep2.overdue, today - 3 * DAY + 10 * HOUR);
  await customerOf(request, h2, kind, scene.rep2.dueA, dueToday);
  await customerOf(request, h2, kind, scene.rep2.dueB, dueToday + 60_000);
  return scene;
}

/** A rep's customer, found by its unique name, with its planned next follow-up. */
async function customerNamed(request: APIRequestContext, headers: Record<string, string>, name: string): Promise<components["schemas"]["Customer"]> {
  const list = await ok<{ items: components["schemas"]["Customer"][] }>(await request.get("/api/v1/customers", { headers, params: { q: name } }));
  const found = list.items.find((c) => c.name === name);
  expect(found, name).toBeDefined();
  return found as components["schemas"]["Customer"];
}

/** The local wall-clock time of an API time in Shanghai, as the pickers show it. */
function shanghai(at: string | null | undefined): string {
  if (!at) return "";
  const d = new Date(new Date(at).getTime() + OFFSET);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

async function signIn(page: Page, username: string): Promise<WorkbenchPage> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(username, PASSWORD);
  const workbench = new WorkbenchPage(page);
  await expect(page.getByTestId("workbench-cards")).toBeVisible();
  return workbench;
}

test("workbench: a rep sees due and overdue customers and logs a follow-up from the card", async ({ page, request }) => {
  const scene = await createScene(request);
  const [rep1] = scene.reps;
  const workbench = await signIn(page, rep1.username);

  await test.step("the greeting names the rep; a rep sees only their own records, so no team switch", async () => {
    await expect(page.getByTestId("welcome")).toContainText(rep1.displayName);
    await expect(workbench.reachSwitch()).toHaveCount(0);
  });

  await test.step("overdue and due today: counts, names, how late, newest customers", async () => {
    await expect(workbench.total(OVERDUE)).toHaveText("2");
    await expect(workbench.item(OVERDUE, scene.rep1.overdue2)).toContainText("逾期 2 天");
    await expect(workbench.item(OVERDUE, scene.rep1.overdue1)).toContainText("逾期 1 天");
    // Oldest first: the customer waiting longest is on top.
    await expect(workbench.items(OVERDUE).first()).toContainText(scene.rep1.overdue2);
    await expect(workbench.total(DUE)).toHaveText("1");
    await expect(workbench.item(DUE, scene.rep1.due)).toBeVisible();
    await expect(workbench.total(NEW)).toHaveText("4");
    await expect(workbench.card(OVERDUE).getByTestId("workbench-view-all")).toHaveAttribute("href", /\/customers\?quick=overdue&pool=mine/);
    await expect(workbench.item(OVERDUE, scene.rep1.overdue2).getByRole("link", { name: scene.rep1.overdue2 })).toHaveAttribute("href", /\/customers\/[0-9a-f-]{36}$/);
  });

  await test.step("写跟进 on an overdue customer: the card drops it", async () => {
    await workbench.logFollowUp(OVERDUE, scene.rep1.overdue2, "电话回访，客户下周看方案");
    // The customer page's composer, and its message.
    await expect(page.locator(".ant-message")).toContainText("已添加跟进记录");
    await expect(workbench.total(OVERDUE)).toHaveText("1");
    await expect(workbench.item(OVERDUE, scene.rep1.overdue2)).toHaveCount(0);
    await expect(workbench.item(OVERDUE, scene.rep1.overdue1)).toBeVisible();
  });

  await test.step("写跟进 on today's customer with the next time planned: today is done", async () => {
    await workbench.logFollowUp(DUE, scene.rep1.due, "已发报价单", "tomorrow");
    await expect(workbench.total(DUE)).toHaveText("0");
    await expect(workbench.card(DUE)).toContainText("今天没有待跟进的客户");
    // 明天 means tomorrow at 09:00, as on the customer's page.
    const customer = await customerNamed(request, await loginHeaders(request, rep1.username), scene.rep1.due);
    expect(shanghai(customer.next_follow_up_at)).toBe(shanghai(new Date(startOfToday() + DAY + 9 * HOUR).toISOString()));
  });

  await test.step("the customer's page has the follow-up", async () => {
    await workbench.item(OVERDUE, scene.rep1.overdue1).getByRole("link", { name: scene.rep1.overdue1 }).click();
    await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect(page.getByText(scene.rep1.overdue1).first()).toBeVisible();
  });
});

test("workbench: a manager switches to the team and sees each rep's count", async ({ page, request }) => {
  const scene = await createScene(request);
  const [rep1, rep2] = scene.reps;
  const workbench = await signIn(page, scene.manager.username);

  await test.step("mine: the manager owns nothing, and the cards say so", async () => {
    await expect(workbench.reachSwitch()).toBeVisible();
    await expect(workbench.total(DUE)).toHaveText("0");
    await expect(workbench.card(DUE)).toContainText("今天没有待跟进的客户");
  });

  await test.step("team: the reps' totals, split by rep, and each item's owner", async () => {
    await workbench.switchReach("团队");
    await expect(page).toHaveURL(/reach=team/);
    await expect(workbench.total(DUE)).toHaveText("3");
    await expect(workbench.ownerCount(DUE, rep2.displayName)).toHaveText("2");
    await expect(workbench.ownerCount(DUE, rep1.displayName)).toHaveText("1");
    await expect(workbench.total(OVERDUE)).toHaveText("3");
    await expect(workbench.ownerCount(OVERDUE, rep1.displayName)).toHaveText("2");
    await expect(workbench.ownerCount(OVERDUE, rep2.displayName)).toHaveText("1");
    await expect(workbench.item(OVERDUE, scene.rep2.overdue)).toContainText(rep2.displayName);
    await expect(workbench.item(OVERDUE, scene.rep2.overdue)).toContainText("逾期 3 天");
    await expect(workbench.total(NEW)).toHaveText("7");
  });

  await test.step("a rep's name opens the list of their customers; the home page opens on the team next time", async () => {
    const link = workbench.card(OVERDUE).getByTestId("owner-count").filter({ hasText: rep1.displayName }).getByRole("link");
    await expect(link).toHaveAttribute("href", new RegExp(`quick=overdue&owner_id=${rep1.id}`));
    await page.goto("/");
    await expect(workbench.ownerCount(OVERDUE, rep1.displayName)).toHaveText("2");
    await expect(workbench.total(OVERDUE)).toHaveText("3");
    await workbench.switchReach("我的");
    await expect(page).toHaveURL(/reach=mine/);
    await expect(workbench.total(OVERDUE)).toHaveText("0");
    await page.goto("/");
    await expect(workbench.card(OVERDUE).getByTestId("owner-breakdown")).toHaveCount(0);
    await expect(workbench.total(OVERDUE)).toHaveText("0");
  });
});

test("workbench on a phone (390×844): one column, nothing wider than the screen, 写跟进 works", async ({ browser, request }) => {
  const scene = await createScene(request);
  const [, rep2] = scene.reps;
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: ZONE, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    const workbench = await signIn(page, rep2.username);
    await expect(workbench.total(DUE)).toHaveText("2");

    await test.step("every card spans the width, one under the other, and the page does not scroll sideways", async () => {
      const boxes = await page.locator("[data-card]").evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().toJSON() as DOMRect));
      expect(boxes.length).toBeGreaterThanOrEqual(4);
      for (const box of boxes) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        expect(box.width).toBeGreaterThan(330);
      }
      expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });

    await test.step("写跟进 from the card on the phone, the next time typed", async () => {
      const typed = shanghai(new Date(startOfToday() + 2 * DAY + 14.5 * HOUR).toISOString());
      await workbench.logFollowUp(DUE, scene.rep2.dueA, "微信沟通，后天下午上门", { typed });
      await expect(workbench.total(DUE)).toHaveText("1");
      await expect(workbench.item(DUE, scene.rep2.dueB)).toBeVisible();
      const customer = await customerNamed(request, await loginHeaders(request, rep2.username), scene.rep2.dueA);
      expect(shanghai(customer.next_follow_up_at)).toBe(typed);
    });
  } finally {
    await context.close();
  }
});

test("operation log: a record by its name, opening its page, the id in the tooltip", async ({ browser, request }) => {
  const name = `日志名称测试有限公司-${Date.now().toString(36)}`;
  const id = await createCustomer(request, { name });
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto("/system/audit-logs");
    // By id, not label: the admin's language is whatever another suite left it as.
    await page.locator("input#entity_id").fill(id);
    await page.getByTestId("audit-log-search").click();
    const record = page.locator(".ant-table-row").getByTestId("audit-record");
    await expect(record).toHaveCount(1);
    await expect(record.getByRole("link", { name })).toHaveAttribute("href", `/customers/${id}`);
    await record.hover();
    await expect(page.locator(".ant-tooltip")).toContainText(id);
    await record.getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));
  } finally {
    await context.close();
  }
});
