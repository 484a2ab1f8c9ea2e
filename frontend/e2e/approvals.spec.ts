import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { AppShell, chooseOption } from "./pages/AppShell";
import { ADMIN_STATE, test } from "./authState";
import { adminHeaders, createDepartment, createUser, userHeaders } from "./sceneApi";
import { signIn, shoot } from "./journey";

// An administrator designs a two-step quote flow (a manager, then a director for quotes over
// 100,000); a rep submits a 150,000 quote; each approver approves from their inbox; the quote is
// sent. The flow applies to the rep's department only, so other journeys' quotes send directly.
test.use({ storageState: { cookies: [], origins: [] } });

const PASSWORD = "Appr0vals!23";
// SHOTS_DIR=/tmp/shots-approvals also saves the designer, the inbox, an approval and the quote at 1440 px and 390 px.

type Person = { username: string; displayName: string };
type Scene = { suffix: string; department: string; rep: Person; manager: Person; director: Person; customer: string };

async function createScene(request: APIRequestContext): Promise<Scene> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const department = `e2e 审批部-${suffix}`;
  const departmentId = await createDepartment(request, department);
  const rep = { username: `appr-rep-${suffix}`, displayName: `报价代表-${suffix}` };
  const manager = { username: `appr-mgr-${suffix}`, displayName: `审批经理-${suffix}` };
  const director = { username: `appr-dir-${suffix}`, displayName: `销售总监-${suffix}` };
  await createUser(request, { ...rep, password: PASSWORD, departmentId }, "sales_rep");
  await createUser(request, { ...manager, password: PASSWORD }, "sales_manager");
  await createUser(request, { ...director, password: PASSWORD }, "sales_manager");
  const customer = `审批测试客户-${suffix}`;
  const created = await request.post("/api/v1/customers", { headers: await userHeaders(request, rep.username, PASSWORD), data: { kind: "company", name: customer } });
  expect(created.status(), await created.text()).toBe(201);
  return { suffix, department, rep, manager, director, customer };
}



async function chooseTreeNode(page: Page, select: Locator, title: string): Promise<void> {
  await select.click();
  await page.keyboard.type(title);
  await page.locator(`.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper[title="${title}"]`).click();
}

/** Approves the approval open on the page, with a comment. */
async function approve(page: Page, comment: string): Promise<void> {
  await page.getByTestId("approval-approve").click();
  await page.getByTestId("approval-comment-input").fill(comment);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/approve") && r.request().method() === "POST"),
    page.getByTestId("approval-action-confirm").click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
}

/** Opens the approval of `number` from the user's 待我审批 box, reached from the menu. */
async function openFromInbox(page: Page, number: string, shot?: string): Promise<void> {
  await page.goto("/");
  await expect(page.getByTestId("menu-approvals-count")).toHaveAttribute("data-count", "1");
  await page.getByTestId("menu-approvals").click();
  await expect(page).toHaveURL(/\/approvals$/);
  const row = page.getByTestId("approvals-table").locator("tr", { has: page.getByTestId("approval-link").filter({ hasText: number }) });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("approval-amount")).toHaveText("¥150,000.00");
  if (shot) await shoot(page, shot);
  await row.getByTestId("approval-link").click();
  await expect(page.getByTestId("approval-title")).toHaveText(number);
}

test("approvals: an admin designs a two-step quote flow, a rep submits a big quote, two approvers approve from their inboxes and the quote is sent", async ({ browser, request }) => {
  const scene = await createScene(request);
  const flowName = `大额报价审批-${scene.suffix}`;
  let flowId = "";
  let number = "";

  try {
    await test.step("the admin designs the flow: a manager for every quote, a director above 100,000", async () => {
      const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto("/system/approval-flows");
      await page.getByTestId("flow-create").click();
      await page.getByTestId("flow-name").fill(flowName);
      await chooseTreeNode(page, page.getByTestId("flow-department"), scene.department);
      await shoot(page, "flow-designer-top");

      const first = page.getByTestId("flow-step").nth(0);
      await first.getByTestId("flow-step-name").fill("经理审批");
      await chooseOption(page, first.getByTestId("flow-step-kind"), "指定成员");
      await chooseOption(page, first.getByTestId("flow-step-users"), scene.manager.displayName, true);

      await page.getByTestId("flow-step-add").click();
      const second = page.getByTestId("flow-step").nth(1);
      await second.getByTestId("flow-step-name").fill("总监审批");
      await chooseOption(page, second.getByTestId("flow-step-kind"), "指定成员");
      await chooseOption(page, second.getByTestId("flow-step-users"), scene.director.displayName, true);
      await second.getByTestId("flow-condition-add").click();
      // A new condition reads "合计金额 大于 …": only the amount is left to fill in.
      await expect(second.getByTestId("flow-condition-field")).toContainText("合计金额");
      await expect(second.getByTestId("flow-condition-op")).toContainText("大于");
      await second.getByTestId("flow-condition-value").fill("100000");
      await shoot(page, "flow-designer");

      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/v1/approval-flows") && r.request().method() === "POST"),
        page.getByTestId("flow-save").click(),
      ]);
      expect(response.status(), await response.text()).toBe(201);
      const flow = (await response.json()) as { id: string; steps: { condition?: { field: string; op: string; value: string }[] }[] };
      flowId = flow.id;
      expect(flow.steps).toHaveLength(2);
      expect(flow.steps[1]?.condition).toEqual([{ field: "total", op: "gt", value: "100000" }]);
      const row = page.getByTestId("flows-table").locator("tr", { hasText: flowName });
      await expect(row).toContainText(scene.department);
      await expect(row).toContainText("报价单");
      await shoot(page, "flows-list");
      await context.close();
    });

    const rep = await signIn(browser, scene.rep.username, PASSWORD);
    await test.step("the rep quotes 150,000 and submits it: the quote waits, read-only, with its two steps", async () => {
      await rep.goto("/quotes");
      await rep.getByTestId("quote-create").click();
      await chooseOption(rep, rep.getByTestId("quote-customer"), scene.customer, true);
      const line = rep.getByTestId("doc-line").nth(0);
      await line.getByTestId("line-name").fill("服务器集群");
      await line.getByTestId("line-price").fill("150000");
      await line.getByTestId("line-tax-rate").fill("0");
      const [created] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith("/api/v1/quotes") && r.request().method() === "POST"),
        rep.getByTestId("quote-save").click(),
      ]);
      expect(created.status(), await created.text()).toBe(201);
      number = ((await created.json()) as { number: string }).number;
      await expect(rep.getByTestId("quote-status")).toHaveText("草稿");
      // Sending directly stays offered beside submitting: where no flow applies it is one step.
      await expect(rep.getByTestId("quote-action-send")).toBeVisible();
      await shoot(rep, "quote-draft");

      await rep.getByTestId("quote-submit").click();
      const [submitted] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith("/submit") && r.request().method() === "POST"),
        rep.getByTestId("quote-submit-confirm").click(),
      ]);
      expect(submitted.status(), await submitted.text()).toBe(201);
      expect(((await submitted.json()) as { status: string }).status).toBe("pending");
      await expect(rep.getByTestId("quote-status")).toHaveText("审批中");
      await expect(rep.getByTestId("quote-edit")).toHaveCount(0);
      await expect(rep.getByTestId("quote-action-send")).toHaveCount(0);
      await expect(rep.getByTestId("quote-delete")).toHaveCount(0);
      const progress = rep.getByTestId("doc-approval-progress");
      await expect(progress).toBeVisible();
      await expect(progress.locator(".ant-steps-item")).toHaveCount(2);
      await expect(progress).toContainText(scene.manager.displayName);
      await expect(progress).toContainText(scene.director.displayName);
      await shoot(rep, "quote-pending");
    });

    await test.step("the manager approves it from their inbox; it moves on to the director", async () => {
      const manager = await signIn(browser, scene.manager.username, PASSWORD);
      await openFromInbox(manager, number, "inbox");
      await expect(manager.getByTestId("approval-status")).toHaveText("审批中");
      await expect(manager.getByTestId("approval-summary-total")).toHaveText("¥150,000.00");
      await expect(manager.getByTestId("approval-document-link")).toBeVisible();
      await shoot(manager, "approval-detail");
      await approve(manager, "价格在授权范围内，同意。");
      await expect(manager.getByTestId("approval-step").nth(0)).toHaveAttribute("data-state", "approved");
      await expect(manager.getByTestId("approval-step").nth(1)).toHaveAttribute("data-state", "active");
      await expect(manager.getByTestId("approval-event-comment")).toContainText("价格在授权范围内");
      await expect(manager.getByTestId("approval-approve")).toHaveCount(0);
      await expect(manager.getByTestId("approval-status")).toHaveText("审批中");
      await manager.context().close();
    });

    await test.step("the director approves it: the approval passes", async () => {
      const director = await signIn(browser, scene.director.username, PASSWORD);
      await openFromInbox(director, number);
      await approve(director, "同意");
      await expect(director.getByTestId("approval-status")).toHaveText("已通过");
      await expect(director.getByTestId("approval-step")).toHaveCount(2);
      await expect(director.getByTestId("approval-event").last()).toHaveAttribute("data-action", "approved");
      await shoot(director, "approval-approved");
      await director.context().close();
    });

    await test.step("the rep's quote is sent, and the rep hears of it", async () => {
      await rep.reload();
      await expect(rep.getByTestId("quote-status")).toHaveText("已发送");
      await expect(rep.getByTestId("doc-approval-status")).toHaveText("已通过");
      await expect(rep.getByTestId("quote-action-accept")).toBeVisible();
      await shoot(rep, "quote-sent");
      await rep.getByTestId("notification-bell").click();
      const notice = rep.locator('[data-testid="notification-item"][data-kind="approval.approved"]');
      await expect(notice).toContainText(number);
      await notice.click();
      await expect(rep).toHaveURL(/\/approvals\/[0-9a-f-]+$/);
      await expect(rep.getByTestId("approval-title")).toHaveText(number);
    });

    await test.step("in English, the rep's approval, their submitted box and the quote read in English", async () => {
      await new AppShell(rep).switchLanguage("English");
      await expect(rep.getByTestId("approval-status")).toHaveText("Approved");
      await shoot(rep, "approval-en");
      await rep.goto("/approvals?box=submitted");
      await expect(rep.getByTestId("approval-row-status").first()).toHaveText("Approved");
      await shoot(rep, "inbox-submitted-en");
      await rep.getByTestId("approval-link").first().click();
      await rep.getByTestId("approval-document-link").click();
      await expect(rep.getByTestId("quote-status")).toHaveText("Sent");
      await expect(rep.getByTestId("doc-approval-status")).toHaveText("Approved");
      await shoot(rep, "quote-sent-en");
    });
    await rep.context().close();
  } finally {
    // The flow is the rep's department's only; it goes anyway, so a rerun starts from none.
    if (flowId) await request.delete(`/api/v1/approval-flows/${flowId}`, { headers: await adminHeaders(request) });
  }
});
