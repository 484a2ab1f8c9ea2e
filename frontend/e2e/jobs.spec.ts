import { expect } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";
import { AppShell } from "./pages/AppShell";
import { JobsPage } from "./pages/JobsPage";
import { LoginPage } from "./pages/LoginPage";
import { adminHeaders, createSalesRep } from "./sceneApi";

test.use({ storageState: ADMIN_STATE });

test("background jobs: the admin sees the scheduled jobs and filters them; a sales rep may not", async ({ page, request, browser }, testInfo) => {
  const suffix = Date.now().toString(36);
  const rep = { username: `jobs_rep_${suffix}`, displayName: `任务代表 ${suffix}`, password: "Rep12345!x" };
  const shell = new AppShell(page);
  const jobs = new JobsPage(page);

  await test.step("the server has run the hourly pool rules and queued the daily purge (a fresh server writes them within seconds of starting)", async () => {
    const headers = await adminHeaders(request);
    const count = async (params: Record<string, string>) => {
      const answer = await request.get("/api/v1/jobs", { headers, params: { ...params, page_size: 1 } });
      expect(answer.ok(), await answer.text()).toBeTruthy();
      return ((await answer.json()) as { total: number }).total;
    };
    const poll = { timeout: 60_000, intervals: [500, 1_000, 2_000] };
    await expect.poll(() => count({ kind: "customers.apply_pool_rules", status: "done" }), poll).toBeGreaterThan(0);
    await expect.poll(() => count({ kind: "system.purge" }), poll).toBeGreaterThan(0);
  });

  await test.step("open the page from the system menu: the explanation, and the pool rules job done", async () => {
    await page.goto("/");
    await shell.open("jobs");
    await expect(page).toHaveURL(/\/system\/jobs$/);
    await expect(page).toHaveTitle(/^后台任务/);
    await expect(page.getByRole("alert")).toContainText("失败的任务会隔一段时间自动重试");
    // Reminders run every minute and fill the newest pages: look at the pool rules' rows.
    await jobs.filter({ kinds: ["公海规则"] });
    await jobs.settled();
    const poolRules = jobs.rowsOf("公海规则").filter({ has: page.getByTestId("job-status").getByText("已完成", { exact: true }) });
    await expect(poolRules.first()).toBeVisible();
    await expect(poolRules.first()).toContainText(/1 \/ \d+/);
    // Only a dead job can be run again: a done one offers no retry.
    await expect(poolRules.first().getByTestId("job-retry")).toHaveCount(0);
    await shell.screenshot("50-jobs");
  });

  await test.step("the expanded row shows the job's code and period", async () => {
    const first = jobs.rowsOf("公海规则").first();
    await first.locator(".ant-table-row-expand-icon").click();
    await expect(page.getByTestId("job-details").first()).toContainText("customers.apply_pool_rules@");
    await first.locator(".ant-table-row-expand-icon").click();
  });

  await test.step("filter by status: done only, then the dead-only switch", async () => {
    await jobs.filter({ statuses: ["已完成"] });
    await expect(page).toHaveURL(/status=done/);
    await jobs.settled();
    await expect(jobs.rows().first()).toBeVisible();
    await expect(jobs.statuses().filter({ hasNotText: "已完成" })).toHaveCount(0);
    await page.getByTestId("job-dead-only").click();
    await expect(page).toHaveURL(/status=dead(&|$)/);
    await jobs.settled();
    await expect(jobs.statuses().filter({ hasNotText: "已失败" })).toHaveCount(0);
    await shell.screenshot("51-jobs-dead-only");
    await page.getByTestId("job-dead-only").click();
    await expect(page).not.toHaveURL(/status=/);
  });

  await test.step("filter by kind: the purge only; the URL keeps the filter over a reload", async () => {
    await jobs.filter({ kinds: ["清理过期数据"] });
    await expect(page).toHaveURL(/kind=system\.purge/);
    await jobs.settled();
    await expect(jobs.rowsOf("清理过期数据").first()).toBeVisible();
    await expect(jobs.rowsOf("公海规则")).toHaveCount(0);
    await page.reload();
    await expect(jobs.rowsOf("清理过期数据").first()).toBeVisible();
    await expect(jobs.rowsOf("公海规则")).toHaveCount(0);
  });

  await test.step("in English the kinds and states are English", async () => {
    // The pool rules' own rows: reminders every minute fill the newest page.
    await page.goto("/system/jobs?kind=customers.apply_pool_rules");
    await shell.switchLanguage("English");
    // The language is the admin's saved setting: put it back even when a check fails, or
    // every later journey of the run would read English.
    try {
      await expect(jobs.rowsOf("Pool rules").first()).toBeVisible();
      await expect(jobs.statuses().getByText("Done", { exact: true }).first()).toBeVisible();
      await expect(page).toHaveTitle(/^Background jobs/);
    } finally {
      await shell.switchLanguage("中文");
    }
  });

  await test.step("a sales rep has no menu entry, and the page by its URL is forbidden", async () => {
    await createSalesRep(request, rep);
    const context = await browser.newContext({
      storageState: { cookies: [], origins: [] },
      baseURL: testInfo.project.use.baseURL,
      locale: "zh-CN",
      viewport: { width: 1440, height: 900 },
    });
    const repPage = await context.newPage();
    await new LoginPage(repPage).goto();
    await new LoginPage(repPage).login(rep.username, rep.password);
    await expect(new AppShell(repPage).menuEntry("customers")).toBeVisible();
    await expect(new AppShell(repPage).menuEntry("jobs")).toHaveCount(0);
    await repPage.goto("/system/jobs");
    await expect(repPage.locator(".ant-result-403")).toBeVisible();
    await context.close();
  });
});
