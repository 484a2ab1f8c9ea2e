import { mkdirSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";
import { AppShell } from "./pages/AppShell";
import { apiResponse, LeadDetailPage, LeadsListPage } from "./pages/LeadPages";
import { LoginPage } from "./pages/LoginPage";
import { createSalesRep, userHeaders } from "./sceneApi";

test.use({ storageState: ADMIN_STATE });

// SHOTS_DIR=/tmp/shots-leads also saves the lead's follow-ups tab (with the composer open, with a
// follow-up, converted) at 1440 px and 390 px.
const SHOTS = process.env.SHOTS_DIR;

/** With SHOTS_DIR set: the page at 1440 px and at 390 px, then back to 1440 px. */
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(200);
}

test("leads: a rep creates a lead, pools one and claims it, logs a follow-up on one (it becomes contacted) and converts it with an opportunity, its follow-up joining the customer; a duplicate customer offers the existing one", async ({ browser, request }, testInfo) => {
  const suffix = Date.now().toString(36);
  const rep = { username: `lead_${suffix}`, displayName: `线索销售 ${suffix}`, password: "Rep12345!x" };
  const first = { name: `张伟-${suffix}`, company: `金陵机械-${suffix}`, mobile: "13800001111" };
  const pooled = { name: `赵敏-${suffix}`, company: `云图科技-${suffix}` };
  const existingName = `苏州精密-${suffix}`;
  const firstCall = `首次电话：对仓储设备有兴趣-${suffix}`;
  let dupLeadId = "";
  let existingId = "";

  await test.step("set the scene: a sales rep, their customer and a lead whose company is that customer's name", async () => {
    await createSalesRep(request, rep);
    const headers = await userHeaders(request, rep.username, rep.password);
    const customer = await request.post("/api/v1/customers", { headers, data: { kind: "company", name: existingName } });
    expect(customer.status(), await customer.text()).toBe(201);
    existingId = ((await customer.json()) as { id: string }).id;
    const lead = await request.post("/api/v1/leads", { headers, data: { name: `刘洋-${suffix}`, company: existingName } });
    expect(lead.status(), await lead.text()).toBe(201);
    dupLeadId = ((await lead.json()) as { id: string }).id;
  });

  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    baseURL: testInfo.project.use.baseURL,
    locale: "zh-CN",
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const list = new LeadsListPage(page);
  const detail = new LeadDetailPage(page);
  let firstId = "";

  await test.step("the rep opens 线索 from the menu and creates a lead: it is theirs", async () => {
    await new LoginPage(page).goto();
    await new LoginPage(page).login(rep.username, rep.password);
    await new AppShell(page).open("leads");
    await expect(page).toHaveURL(/\/leads$/);
    firstId = await list.create(first);
    await expect(detail.title()).toHaveText(first.name);
    await expect(page.getByTestId("lead-owner")).toContainText(rep.displayName);
  });

  await test.step("a lead put in the pool is claimed from the 线索池 tab", async () => {
    await list.goto();
    await list.create({ ...pooled, toPool: true });
    await expect(page.getByTestId("lead-owner")).toHaveText("在线索池中");
    await list.goto();
    await list.tab("pool");
    await list.search(pooled.name);
    await expect(list.row(pooled.name)).toHaveCount(1);
    await list.rowAction(pooled.name, "lead-claim");
    const claimed = apiResponse(page, "POST", /\/api\/v1\/leads\/[^/]+\/claim$/);
    await page.getByTestId("lead-claim-ok").click();
    expect((await claimed).status()).toBe(200);
    await expect(page.getByText(`已领取“${pooled.name}”`)).toBeVisible();
    // The words searched stay with the tab: the rep's own list now has it.
    await list.tab("mine");
    await expect(list.row(pooled.name)).toHaveCount(1);
    await expect(list.row(pooled.name)).toContainText(rep.displayName);
  });

  await test.step("the rep logs a follow-up on the first lead from its 跟进记录 tab: the new lead becomes 已联系", async () => {
    await detail.goto(firstId);
    await expect(detail.status()).toHaveText("新线索");
    await detail.openTab("跟进记录");
    await expect(page).toHaveURL(/\?tab=follow-ups$/);
    const composer = await detail.startFollowUp(firstCall);
    // A lead has no contacts yet.
    await expect(composer.getByTestId("follow-up-contact")).toHaveCount(0);
    await shoot(page, "lead-follow-up-composer");
    const created = await detail.saveFollowUp();
    expect(created.status(), await created.text()).toBe(201);
    const body = (await created.json()) as { lead_id: string | null; customer_id: string | null };
    expect(body).toMatchObject({ lead_id: firstId, customer_id: null });
    await expect(page.getByTestId("follow-up-timeline").getByTestId("follow-up-item")).toHaveCount(1);
    await expect(page.getByTestId("follow-up-item").first()).toContainText(firstCall);
    await expect(detail.status()).toHaveText("已联系");
    await shoot(page, "lead-follow-ups");
  });

  await test.step("convert the first lead with an opportunity; the customer opens", async () => {
    await detail.goto(firstId);
    const dialog = await detail.openConvert();
    await expect(dialog.getByTestId("lead-convert-customer-name")).toHaveValue(first.company);
    await detail.addOpportunity(`仓储设备-${suffix}`, "50000");
    const answer = await detail.submitConvert();
    expect(answer.status(), await answer.text()).toBe(200);
    const result = (await answer.json()) as { customer_id: string; contact_id?: string; opportunity_id?: string };
    expect(result.contact_id).toBeTruthy();
    expect(result.opportunity_id).toBeTruthy();
    await expect(page.getByTestId("lead-converted-opportunity")).toHaveAttribute("href", `/opportunities/${result.opportunity_id}`);
    await page.getByTestId("lead-convert-to-customer").click();
    await expect(page).toHaveURL(new RegExp(`/customers/${result.customer_id}$`));
    await expect(page.getByTestId("customer-title")).toHaveText(first.company);
  });

  await test.step("the converted lead is read-only and links to what it became", async () => {
    await detail.goto(firstId);
    await expect(page.getByTestId("lead-converted")).toBeVisible();
    await expect(page.getByTestId("lead-link-customer")).toBeVisible();
    await expect(page.getByTestId("lead-link-opportunity")).toBeVisible();
    await expect(page.getByTestId("lead-convert")).toHaveCount(0);
    await expect(page.getByTestId("lead-edit")).toHaveCount(0);
  });

  await test.step("the converted lead keeps its follow-up, read-only, and the customer's 跟进记录 shows it too", async () => {
    await detail.openTab("跟进记录");
    await expect(page.getByTestId("follow-up-item").first()).toContainText(firstCall);
    await expect(page.getByTestId("follow-up-create")).toHaveCount(0);
    await expect(page.getByTestId("follow-up-edit")).toHaveCount(0);
    await expect(page.getByTestId("lead-follow-ups-moved")).toBeVisible();
    await shoot(page, "lead-follow-ups-converted");
    await page.getByTestId("lead-follow-ups-customer").click();
    await expect(page).toHaveURL(/\/customers\/[^/?]+\?tab=follow-ups$/);
    await expect(page.getByTestId("customer-title")).toHaveText(first.company);
    await expect(page.getByRole("tab", { name: "跟进记录", exact: true })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("follow-up-timeline").getByTestId("follow-up-item")).toHaveCount(1);
    await expect(page.getByTestId("follow-up-item").first()).toContainText(firstCall);
  });

  await test.step("a new customer matching an existing one is refused; 'use this customer' converts to it", async () => {
    await detail.goto(dupLeadId);
    const dialog = await detail.openConvert();
    await expect(dialog.getByTestId("lead-convert-customer-name")).toHaveValue(existingName);
    const refused = await detail.submitConvert();
    expect(refused.status()).toBe(409);
    await expect(dialog.getByTestId("lead-convert-duplicate")).toContainText(existingName);
    const answer = await detail.submitConvert("lead-convert-use-existing");
    expect(answer.status(), await answer.text()).toBe(200);
    expect(((await answer.json()) as { customer_id: string }).customer_id).toBe(existingId);
    await expect(page.getByTestId("lead-converted-customer")).toHaveAttribute("href", `/customers/${existingId}`);
  });

  await context.close();
});
