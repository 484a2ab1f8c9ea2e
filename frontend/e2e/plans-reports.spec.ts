import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import type { components } from "../src/api/schema";
import { LoginPage } from "./pages/LoginPage";
import { createDepartment, createUser, userHeaders } from "./sceneApi";

// A rep sets this month's sales plan and writes this week's report (the server counts the week's
// figures); their manager comments on it; the reports page draws the funnel and the forecast; the
// workbench reads what was won against the plan. SHOTS_DIR, when set, collects screenshots of the
// new pages at 1440 and 390 px.
test.use({ storageState: { cookies: [], origins: [] } });

const PASSWORD = "Plans-Rep0rts!";
const SHOTS = process.env.SHOTS_DIR;

type Stage = components["schemas"]["PipelineStage"];
type Scene = { rep: string; manager: string; repName: string; suffix: string };

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>, status = 201): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** This month's first day and a day later in it (UTC), for an expected close date the forecast files under this month. */
function thisMonth(): { period: string; closeDate: string } {
  const now = new Date();
  const period = now.toISOString().slice(0, 7);
  return { period, closeDate: `${period}-28` };
}

/**
 * A department with a rep and their manager; the rep has a customer (new this week), an open
 * opportunity of ¥1,000 closing this month and one of ¥125,000 won.
 */
async function createScene(request: APIRequestContext): Promise<Scene> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const departmentId = await createDepartment(request, `e2e 计划-${suffix}`);
  const rep = `plan-rep-${suffix}`;
  const manager = `plan-mgr-${suffix}`;
  const repName = `计划代表-${suffix}`;
  await createUser(request, { username: rep, displayName: repName, password: PASSWORD, departmentId }, "sales_rep");
  await createUser(request, { username: manager, displayName: `计划经理-${suffix}`, password: PASSWORD, departmentId }, "sales_manager");
  const headers = await userHeaders(request, rep, PASSWORD);
  const customer = await ok<{ id: string }>(await request.post("/api/v1/customers", { headers, data: { kind: "company", name: `计划客户-${suffix}` } }));
  const { closeDate } = thisMonth();
  await ok(await request.post("/api/v1/opportunities", { headers, data: { customer_id: customer.id, name: `开放商机-${suffix}`, amount: "1000.00", expected_close_date: closeDate } }));
  const won = await ok<{ id: string; version: number }>(
    await request.post("/api/v1/opportunities", { headers, data: { customer_id: customer.id, name: `赢单商机-${suffix}`, amount: "125000.00", expected_close_date: closeDate } }),
  );
  const stages = await ok<{ items: Stage[] }>(await request.get("/api/v1/pipeline-stages", { headers, params: { page: 1, page_size: 200 } }), 200);
  const wonStage = stages.items.find((s) => s.kind === "won");
  expect(wonStage, "a won stage").toBeDefined();
  await ok(await request.post(`/api/v1/opportunities/${won.id}/stage`, { headers: { ...headers, "If-Match": `"${won.version}"` }, data: { stage_id: wonStage?.id } }), 200);
  return { rep, manager, repName, suffix };
}

async function signIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.login(username, PASSWORD);
  return page;
}

/** Closes the open drawer with its close button. */
async function closeDrawer(page: Page): Promise<void> {
  await page.locator(".ant-drawer-open .ant-drawer-close").click();
  await expect(page.locator(".ant-drawer-open")).toHaveCount(0);
}

/** Screenshots of the page at 1440 and 390 px when SHOTS_DIR is set. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(300);
}

test("plans and reports: a monthly plan, this week's report with its figures, a manager's comment, the funnel, the forecast and the target on the workbench", async ({ browser, request }) => {
  const scene = await createScene(request);
  const { period } = thisMonth();
  const page = await signIn(browser, scene.rep);

  await test.step("the rep sets this month's plan of ¥500,000", async () => {
    await page.goto("/sales-plans");
    await page.getByTestId("sales-plan-create").click();
    // A month of this year by default: this month.
    await page.getByTestId("sales-plan-target").fill("500000");
    await page.getByTestId("sales-plan-customers").fill("8");
    await page.getByTestId("sales-plan-content").fill("重点推进华东区客户");
    await page.getByTestId("sales-plan-save").click();
    await expect(page.locator(".ant-message")).toContainText("已创建");
    const row = page.getByTestId("sales-plan-table").locator("tbody tr.ant-table-row", { hasText: period });
    await expect(row).toContainText("¥500,000.00");
    await expect(row).toContainText("月度");
    // Read now: the ¥125,000 won this month and the one customer created, against the plan.
    await expect(row.getByTestId("sales-plan-achieved")).toContainText("¥125,000.00");
    await expect(row.getByTestId("sales-plan-achieved")).toContainText("25%");
    await expect(row.getByTestId("sales-plan-customers-cell")).toHaveText("1 / 8");
    await shoot(page, "sales-plans");
  });

  await test.step("the rep writes this week's report and sees the week's figures the server counted", async () => {
    await page.goto("/weekly-reports");
    await page.getByTestId("weekly-report-create").click();
    await page.getByTestId("weekly-report-summary").fill(`拜访客户 3 家-${scene.suffix}`);
    await page.getByTestId("weekly-report-plan").fill("跟进报价\n安排演示");
    await page.getByTestId("weekly-report-save").click();
    const figures = page.getByTestId("weekly-report-figures");
    await expect(figures).toBeVisible();
    await expect(page.getByTestId("figure-new-customers")).toContainText("1");
    await expect(page.getByTestId("figure-new-opportunities")).toContainText("2");
    await expect(page.getByTestId("figure-won-amount")).toContainText("125,000.00");
    await shoot(page, "weekly-report-drawer");
    await closeDrawer(page);
    await expect(page.getByTestId("weekly-report-table").locator("tbody tr.ant-table-row")).toHaveCount(1);
    await shoot(page, "weekly-reports");
  });

  await test.step("a second report of the same week is refused with a way to the first", async () => {
    await page.getByTestId("weekly-report-create").click();
    await page.getByTestId("weekly-report-summary").fill("再写一次");
    await page.getByTestId("weekly-report-save").click();
    await expect(page.getByTestId("weekly-report-duplicate")).toContainText("已经写过");
    await page.getByTestId("weekly-report-open-existing").click();
    await expect(page.getByTestId("weekly-report-summary")).toHaveValue(`拜访客户 3 家-${scene.suffix}`);
    await closeDrawer(page);
  });

  await test.step("the manager comments on the rep's report; the rep reads the comment", async () => {
    const manager = await signIn(browser, scene.manager);
    await manager.goto("/weekly-reports?view=team");
    const row = manager.getByTestId("weekly-report-table").locator("tbody tr.ant-table-row", { hasText: scene.repName });
    await expect(row).toHaveCount(1);
    await row.getByTestId("weekly-report-comment-open").click();
    await expect(manager.getByTestId("weekly-report-figures")).toBeVisible();
    await manager.getByTestId("weekly-report-comment-input").fill("拜访质量不错，下周重点推进报价。");
    await manager.getByTestId("weekly-report-comment-send").click();
    await expect(manager.getByTestId("weekly-report-comment")).toContainText("拜访质量不错");
    await closeDrawer(manager);
    await expect(row.getByTestId("weekly-report-commented")).toBeVisible();
    await shoot(manager, "weekly-reports-team");
    await manager.context().close();

    await page.reload();
    await page.getByTestId("weekly-report-open").first().click();
    await expect(page.getByTestId("weekly-report-comment")).toContainText("拜访质量不错");
    await closeDrawer(page);
  });

  await test.step("the reports page draws the funnel and the forecast", async () => {
    await page.goto("/reports");
    await expect(page.getByTestId("funnel-chart").locator("canvas")).toHaveCount(1);
    const firstStage = page.getByTestId("funnel-table").locator("tbody tr.ant-table-row").first();
    await expect(firstStage).toContainText("初步接洽");
    await expect(firstStage).toContainText("¥1,000.00");
    await expect(page.getByTestId("report-funnel")).toContainText("赢单");
    await expect(page.getByTestId("forecast-chart").locator("canvas")).toHaveCount(1);
    const month = page.getByTestId("forecast-table").locator("tbody tr.ant-table-row", { hasText: period });
    await expect(month).toContainText("¥1,000.00");
    await expect(month).toContainText("¥125,000.00");
    await expect(page.getByTestId("group-chart").locator("canvas")).toHaveCount(1);
    await expect(page.getByTestId("group-table")).toContainText("初步接洽");
    await shoot(page, "reports");
  });

  await test.step("the manager downloads the funnel and the forecast as files; the rep has no export", async () => {
    await expect(page.getByTestId("funnel-export")).toHaveCount(0);
    const manager = await signIn(browser, scene.manager);
    await manager.goto("/reports");
    await expect(manager.getByTestId("funnel-table")).toContainText("初步接洽");
    await manager.getByTestId("funnel-export").click();
    const [csv] = await Promise.all([manager.waitForEvent("download"), manager.getByTestId("funnel-export-csv").click()]);
    expect(csv.suggestedFilename()).toMatch(/^funnel-\d{8}-\d{6}\.csv$/);
    const text = readFileSync(await csv.path(), "utf8");
    expect(text).toContain("阶段,商机数,金额,加权金额,到达数,转化率\r\n初步接洽,1,1000.00,100.00,2,0.5000\r\n");
    expect(text).toContain("\r\n赢单,1,125000.00,,,\r\n");
    await manager.getByTestId("forecast-export").click();
    const [xlsx] = await Promise.all([manager.waitForEvent("download"), manager.getByTestId("forecast-export-xlsx").click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^forecast-\d{8}-\d{6}\.xlsx$/);
    expect(readFileSync(await xlsx.path()).subarray(0, 2).toString("latin1")).toBe("PK");
    await shoot(manager, "reports-manager");
    await manager.context().close();
  });

  await test.step("the workbench reads what was won this month against the plan", async () => {
    await page.goto("/");
    const target = page.getByTestId("workbench-card-opportunities.won_this_month").getByTestId("workbench-card-target");
    await expect(target).toContainText("¥125,000.00 / 目标 ¥500,000.00");
    await expect(target.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "25");
    await shoot(page, "workbench");
  });
  await page.context().close();
});
