import { readFileSync } from "node:fs";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { chooseOption } from "./pages/AppShell";
import { ADMIN_STATE, test } from "./authState";
import { adminHeaders, createDepartment, createUser, userHeaders } from "./sceneApi";
import { signIn, shoot, setDate } from "./journey";

// A rep of a fresh department has a 150,000 contract in force (entered and submitted through the
// API: no contract flow applies to the department, so it takes effect at once). In the UI the rep
// plans two instalments, records a 50,000 payment against the first and submits it (no payment
// flow: confirmed at once), so the contract owes 100,000.00; then issues an invoice and, on a
// second one, picks the title the first left behind. An admin reads the ageing report and exports it.
test.use({ storageState: { cookies: [], origins: [] } });

const PASSWORD = "Rec3ivables!23";
// SHOTS_DIR=/tmp/shots-receivables also saves the payments list, the payment drawer, the invoices
// list, the invoice drawer and the receivables page at 1440 px and 390 px.

type Scene = { suffix: string; rep: { username: string; displayName: string }; customer: string; contractId: string; contractNumber: string };

async function ok<T>(response: { status(): number; text(): Promise<string>; json(): Promise<unknown> }, status = 201): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** No enabled flow for everyone may apply to contracts, payments or invoices: the journey expects each to pass at once. */
async function expectNoGlobalFlows(request: APIRequestContext): Promise<void> {
  const headers = await adminHeaders(request);
  for (const docType of ["contract", "payment", "invoice"]) {
    const flows = await ok<{ items: { name: string; enabled: boolean; department_id?: string | null }[] }>(
      await request.get("/api/v1/approval-flows", { headers, params: { doc_type: docType, page: 1, page_size: 200 } }),
      200,
    );
    const global = flows.items.filter((flow) => flow.enabled && !flow.department_id).map((flow) => flow.name);
    expect(global, `enabled ${docType} flows for every department`).toEqual([]);
  }
}

async function createScene(request: APIRequestContext): Promise<Scene> {
  await expectNoGlobalFlows(request);
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  // A department of its own: the flows other journeys create for theirs do not apply to it.
  const departmentId = await createDepartment(request, `e2e 回款部-${suffix}`);
  const rep = { username: `rec-rep-${suffix}`, displayName: `回款代表-${suffix}` };
  await createUser(request, { ...rep, password: PASSWORD, departmentId }, "sales_rep");
  const headers = await userHeaders(request, rep.username, PASSWORD);
  const customer = `回款测试客户-${suffix}`;
  const { id: customerId } = await ok<{ id: string }>(await request.post("/api/v1/customers", { headers, data: { kind: "company", name: customer } }));
  const contract = await ok<{ id: string; number: string }>(
    await request.post("/api/v1/contracts", {
      headers,
      data: { customer_id: customerId, name: `年度服务合同-${suffix}`, amount: "150000", sign_date: today(-30), start_date: today(-30), end_date: today(335) },
    }),
  );
  const approval = await ok<{ status: string }>(await request.post(`/api/v1/contracts/${contract.id}/submit`, { headers }));
  expect(approval.status, "no contract flow applies: in force at once").toBe("approved");
  const active = await ok<{ status: string; outstanding_amount: string }>(await request.get(`/api/v1/contracts/${contract.id}`, { headers }), 200);
  expect(active).toMatchObject({ status: "active", outstanding_amount: "150000.00" });
  return { suffix, rep, customer, contractId: contract.id, contractNumber: contract.number };
}

/** A day `offset` days from today, `YYYY-MM-DD` (the server's today is UTC). */
function today(offset = 0): string {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + offset);
  return day.toISOString().slice(0, 10);
}




/** The open drawer or modal holding a test id. */
function overlayWith(page: Page, testId: string): Locator {
  return page.locator(".ant-drawer-content, .ant-modal-content").filter({ has: page.getByTestId(testId) });
}

test("receivables: a rep plans instalments, records a payment and issues invoices; an admin reads and exports the ageing", async ({ browser, request }) => {
  const scene = await createScene(request);
  const rep = await signIn(browser, scene.rep.username, PASSWORD);
  const repHeaders = await userHeaders(request, scene.rep.username, PASSWORD);

  await test.step("the rep plans two instalments of 75,000, the first already due", async () => {
    await rep.getByTestId("menu-receivables").click();
    await expect(rep).toHaveURL(/\/receivables$/);
    await expect(rep.getByTestId("receivables-plans")).toBeVisible();
    for (const [n, due] of [
      [1, today(-10)],
      [2, today(20)],
    ] as const) {
      await rep.getByTestId("plan-create").click();
      const modal = overlayWith(rep, "plan-due-date");
      if (n === 1) {
        await chooseOption(rep, rep.getByTestId("plan-contract"), scene.contractNumber, true);
        await expect(modal.getByTestId("plan-room")).toContainText("还可计划 ¥150,000.00");
      } else {
        await chooseOption(rep, rep.getByTestId("plan-contract"), scene.contractNumber, true);
        await expect(modal.getByTestId("plan-room")).toContainText("还可计划 ¥75,000.00");
      }
      await setDate(rep, "plan-due-date", due);
      await modal.getByTestId("plan-amount").fill("75000");
      const [saved] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith("/api/v1/payment-plans") && r.request().method() === "POST"),
        modal.getByTestId("plan-save").click(),
      ]);
      expect(((await ok<{ instalment: number }>(saved)).instalment)).toBe(n);
      await expect(modal).toBeHidden();
    }
    // The first is overdue: it shows under 已逾期 with all it owes.
    const overdue = rep.getByTestId("receivable-plans-table").locator("tr", { hasText: scene.contractNumber });
    await expect(overdue).toHaveCount(1);
    await expect(overdue.getByTestId("plan-status")).toHaveText("已逾期");
    await expect(overdue.getByTestId("plan-outstanding")).toHaveText("75,000.00");
  });

  await test.step("the rep records 50,000 against instalment 1 and submits it: confirmed at once", async () => {
    await rep.getByTestId("menu-payments").click();
    await expect(rep).toHaveURL(/\/payments$/);
    await rep.getByTestId("payment-create").click();
    const drawer = overlayWith(rep, "payment-amount");
    await chooseOption(rep, drawer.getByTestId("payment-contract"), scene.contractNumber, true);
    await expect(drawer.getByTestId("payment-contract-info")).toContainText("未回款 ¥150,000.00");
    await chooseOption(rep, drawer.getByTestId("payment-plan"), "第 1 期");
    // The amount follows the instalment chosen: what it still owes.
    await expect(drawer.getByTestId("payment-amount")).toHaveValue("75000");
    // More than the contract owes is refused with what it has room for.
    await drawer.getByTestId("payment-amount").fill("200000");
    await drawer.getByTestId("payment-save").click();
    await expect(drawer.locator(".ant-form-item-explain-error", { hasText: "最多可登记 ¥150,000.00" })).toBeVisible();
    await drawer.getByTestId("payment-amount").fill("50000");
    await drawer.getByTestId("payment-reference").fill(`招行流水-${scene.suffix}`);
    await shoot(rep, "payment-drawer");
    const [submitted] = await Promise.all([
      rep.waitForResponse((r) => /\/api\/v1\/payments\/[^/]+\/submit$/.test(r.url())),
      drawer.getByTestId("payment-save-submit").click(),
    ]);
    expect((await ok<{ status: string }>(submitted)).status).toBe("approved");
    await expect(rep.getByText("无需审批，回款已确认")).toBeVisible();
    await expect(drawer).toBeHidden();

    const row = rep.getByTestId("payments-table").locator("tr", { hasText: scene.contractNumber });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("payment-status")).toHaveText("已确认");
    await expect(row.getByTestId("payment-amount")).toHaveText("¥50,000.00");
    await expect(row.getByTestId("payment-number")).toHaveText(/^HK-\d{4}-\d+$/);
    await shoot(rep, "payments-list");

    // What the contract owes now shows where a new payment is recorded against it.
    await rep.getByTestId("payment-create").click();
    const next = overlayWith(rep, "payment-amount");
    await chooseOption(rep, next.getByTestId("payment-contract"), scene.contractNumber, true);
    await expect(next.getByTestId("payment-contract-info")).toContainText("已回款 ¥50,000.00，未回款 ¥100,000.00");
    await rep.keyboard.press("Escape");
    await expect(next).toBeHidden();
    const contract = await ok<{ received_amount: string; outstanding_amount: string; overdue_amount: string }>(await request.get(`/api/v1/contracts/${scene.contractId}`, { headers: repHeaders }), 200);
    expect(contract).toMatchObject({ received_amount: "50000.00", outstanding_amount: "100000.00", overdue_amount: "25000.00" });
  });

  await test.step("the rep issues a VAT special invoice, then picks its remembered title for a second one", async () => {
    await rep.getByTestId("menu-invoices").click();
    await expect(rep).toHaveURL(/\/invoices$/);
    await rep.getByTestId("invoice-create").click();
    const drawer = overlayWith(rep, "invoice-amount");
    await chooseOption(rep, drawer.getByTestId("invoice-contract"), scene.contractNumber, true);
    await expect(drawer.getByTestId("invoice-title")).toHaveValue(scene.customer);
    await expect(drawer.getByTestId("invoice-amount")).toHaveValue("150000");
    await chooseOption(rep, drawer.getByTestId("invoice-type"), "增值税专用发票");
    // A company's VAT special invoice needs its tax number: refused on the spot.
    await drawer.getByTestId("invoice-save").click();
    await expect(drawer.locator(".ant-form-item-explain-error", { hasText: "须填写纳税人识别号" })).toBeVisible();
    await drawer.getByTestId("invoice-tax-number").fill("91330106MA2H0E2E01");
    await drawer.getByTestId("invoice-bank").fill("招商银行杭州分行");
    await drawer.getByTestId("invoice-bank-account").fill("571900000010101");
    await drawer.getByTestId("invoice-amount").fill("56500");
    await expect(drawer.getByTestId("invoice-tax-preview")).toHaveText("其中税额 ¥6,500.00");
    await shoot(rep, "invoice-drawer");
    const [submitted] = await Promise.all([
      rep.waitForResponse((r) => /\/api\/v1\/invoices\/[^/]+\/submit$/.test(r.url())),
      drawer.getByTestId("invoice-save-submit").click(),
    ]);
    expect((await ok<{ status: string }>(submitted)).status).toBe("approved");
    await expect(rep.getByText("无需审批，发票已开具")).toBeVisible();
    const issued = rep.getByTestId("invoices-table").locator("tr", { hasText: "¥56,500.00" }).filter({ hasText: scene.contractNumber });
    await expect(issued.getByTestId("invoice-status")).toHaveText("已开具");

    await rep.getByTestId("invoice-create").click();
    const second = overlayWith(rep, "invoice-amount");
    await chooseOption(rep, second.getByTestId("invoice-contract"), scene.contractNumber, true);
    await expect(second.getByTestId("invoice-contract-info")).toContainText("已开票 ¥56,500.00，可开票 ¥93,500.00");
    await expect(second.getByTestId("invoice-tax-number")).toHaveValue("");
    await chooseOption(rep, second.getByTestId("invoice-remembered-title"), scene.customer);
    await expect(second.getByTestId("invoice-tax-number")).toHaveValue("91330106MA2H0E2E01");
    await expect(second.getByTestId("invoice-bank")).toHaveValue("招商银行杭州分行");
    await chooseOption(rep, second.getByTestId("invoice-type"), "增值税专用发票");
    await second.getByTestId("invoice-amount").fill("10000");
    const [draft] = await Promise.all([
      rep.waitForResponse((r) => r.url().endsWith("/api/v1/invoices") && r.request().method() === "POST"),
      second.getByTestId("invoice-save").click(),
    ]);
    expect(await ok<{ status: string; tax_number: string; title: string }>(draft)).toMatchObject({ status: "draft", tax_number: "91330106MA2H0E2E01", title: scene.customer });
    await expect(second).toBeHidden();
    await expect(rep.getByTestId("invoices-table").locator("tr", { hasText: "¥10,000.00" }).getByTestId("invoice-status")).toHaveText("草稿");
    await shoot(rep, "invoices-list");
  });

  await test.step("the rep's workbench lists the overdue instalment under 待回款", async () => {
    await rep.goto("/");
    const card = rep.getByTestId("workbench-card-payments.due");
    await expect(card).toBeVisible();
    await expect(card.getByTestId("workbench-item").filter({ hasText: `${scene.contractNumber} #1` })).toBeVisible();
    // What the instalments within the card's horizon still owe: the overdue one's 25,000 at least.
    await expect(card.getByTestId("workbench-card-amount")).toContainText(/25,000\.00|100,000\.00/);
  });
  await rep.context().close();

  await test.step("an admin reads the ageing by customer and exports it as CSV", async () => {
    const admin = await signIn(browser, "admin", "", ADMIN_STATE);
    await admin.goto("/");
    await admin.getByTestId("menu-receivables").click();
    await admin.getByTestId("receivables-tab-ageing").click();
    const row = admin.getByTestId("ageing-table").locator("tr", { hasText: scene.customer });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("ageing-days_0_30")).toHaveText("¥25,000.00");
    await expect(row.getByTestId("ageing-not_due")).toHaveText("¥75,000.00");
    await expect(row.getByTestId("ageing-outstanding")).toHaveText("¥100,000.00");
    await expect(admin.getByTestId("ageing-total")).toBeVisible();
    await shoot(admin, "receivables-ageing");

    await admin.getByTestId("ageing-export").click();
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("ageing-export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv).toContain(scene.customer);

    await admin.getByTestId("receivables-tab-contracts").click();
    await expect(admin.getByTestId("contracts-report-table")).toBeVisible();
    await expect(admin.getByTestId("contracts-report-total")).toBeVisible();
    await shoot(admin, "receivables-contracts");
    await admin.getByTestId("receivables-tab-plans").click();
    await expect(admin.getByTestId("receivable-plans-table").locator("tr", { hasText: scene.contractNumber })).toHaveCount(1);
    await shoot(admin, "receivables-plans");
    await admin.context().close();
  });

  await test.step("an admin sets how early the reminders come, in the system settings", async () => {
    const admin = await signIn(browser, "admin", "", ADMIN_STATE);
    await admin.goto("/");
    await admin.getByTestId("menu-contract-reminders").click();
    await expect(admin).toHaveURL(/\/system\/settings\/contract-reminders$/);
    const days = admin.getByTestId("reminders-payment_due_days");
    await expect(days).not.toHaveValue("");
    const before = await days.inputValue();
    for (const value of ["10", before]) {
      await days.fill(value);
      const [saved] = await Promise.all([
        admin.waitForResponse((r) => r.url().endsWith("/api/v1/settings/contract-reminders") && r.request().method() === "PUT"),
        admin.getByTestId("reminders-save").click(),
      ]);
      expect((await ok<{ settings: { payment_due_days: number } }>(saved, 200)).settings.payment_due_days).toBe(Number(value));
    }
    await shoot(admin, "contract-reminders");
    await admin.context().close();
  });
});
