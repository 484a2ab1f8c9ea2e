import { readFileSync } from "node:fs";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { AppShell, chooseOption } from "./pages/AppShell";
import { test } from "./authState";
import { adminHeaders, createDepartment, createUser, userHeaders } from "./sceneApi";
import { signIn, shoot, setDate } from "./journey";

// A two-step contract flow for a fresh department (a manager for every contract, a director above
// 100,000; the designer's UI is approvals.spec's, so the flow is set up through the API); a rep of
// that department enters a 150,000 contract and submits it; each approver approves from their
// inbox; the contract is in force and its customer won. Then a contract made from an accepted
// quote, submitted and withdrawn, voided and archived. Then an amendment of a contract in force.
test.use({ storageState: { cookies: [], origins: [] } });

const PASSWORD = "C0ntracts!23";
// SHOTS_DIR=/tmp/shots-contracts also saves the list, the form and the contract (pending, active) at 1440 px and 390 px.

type Person = { username: string; displayName: string; id: string };
type Scene = { suffix: string; departmentId: string; rep: Person; manager: Person; director: Person; customer: string; customerId: string; contact: string };

/** An API answer (the test's own request or one the page made) with its status checked. */
async function ok<T>(response: { status(): number; text(): Promise<string>; json(): Promise<unknown> }, status = 201): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

async function createScene(request: APIRequestContext): Promise<Scene> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const departmentId = await createDepartment(request, `e2e 合同部-${suffix}`);
  const person = async (username: string, displayName: string, role: string, inDepartment = false): Promise<Person> => ({
    username,
    displayName,
    id: await createUser(request, { username, displayName, password: PASSWORD, ...(inDepartment ? { departmentId } : {}) }, role),
  });
  const rep = await person(`con-rep-${suffix}`, `合同代表-${suffix}`, "sales_rep", true);
  const manager = await person(`con-mgr-${suffix}`, `合同经理-${suffix}`, "sales_manager");
  const director = await person(`con-dir-${suffix}`, `合同总监-${suffix}`, "sales_manager");
  const customer = `合同测试客户-${suffix}`;
  const repHeaders = await userHeaders(request, rep.username, PASSWORD);
  const { id: customerId } = await ok<{ id: string }>(await request.post("/api/v1/customers", { headers: repHeaders, data: { kind: "company", name: customer } }));
  const contact = `签约人-${suffix}`;
  await ok(await request.post("/api/v1/contacts", { headers: repHeaders, data: { customer_id: customerId, name: contact, title: "采购总监" } }));
  return { suffix, departmentId, rep, manager, director, customer, customerId, contact };
}

/** The department's contract flow: the manager approves every contract, the director those over 100,000. */
async function createFlow(request: APIRequestContext, scene: Scene): Promise<string> {
  const flow = await ok<{ id: string }>(
    await request.post("/api/v1/approval-flows", {
      headers: await adminHeaders(request),
      data: {
        doc_type: "contract",
        name: `大额合同审批-${scene.suffix}`,
        department_id: scene.departmentId,
        enabled: true,
        steps: [
          { name: "经理审批", mode: "any", approver: { kind: "user", user_ids: [scene.manager.id] } },
          { name: "总监审批", mode: "any", approver: { kind: "user", user_ids: [scene.director.id] }, condition: [{ field: "amount", op: "gt", value: "100000" }] },
        ],
      },
    }),
  );
  return flow.id;
}

/** A quote of the rep's to the customer, sent and accepted (no quote flow applies to the department). */
async function acceptedQuote(request: APIRequestContext, scene: Scene): Promise<{ id: string; number: string }> {
  const headers = await userHeaders(request, scene.rep.username, PASSWORD);
  const quote = await ok<{ id: string; number: string; version: number }>(
    await request.post("/api/v1/quotes", {
      headers,
      data: { customer_id: scene.customerId, lines: [{ name: "年度维保服务", quantity: "1", unit_price: "24000", discount_percent: "0", tax_rate_percent: "6" }] },
    }),
  );
  let version = quote.version;
  for (const to of ["sent", "accepted"]) {
    const moved = await ok<{ version: number }>(
      await request.post(`/api/v1/quotes/${quote.id}/transition`, { headers: { ...headers, "If-Match": `"${version}"` }, data: { to } }),
      200,
    );
    version = moved.version;
  }
  return quote;
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

/** Opens the approval of `label` (a contract's number, an amendment's `<number> #<seq>`) from the user's 待我审批 box, reached from the menu. */
async function openFromInbox(page: Page, label: string, amount = "¥150,000.00", shot?: string): Promise<void> {
  await page.goto("/");
  await expect(page.getByTestId("menu-approvals-count")).toHaveAttribute("data-count", "1");
  await page.getByTestId("menu-approvals").click();
  await expect(page).toHaveURL(/\/approvals$/);
  const row = page.getByTestId("approvals-table").locator("tr", { has: page.getByTestId("approval-link").filter({ hasText: label }) });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("approval-amount")).toHaveText(amount);
  if (shot) await shoot(page, shot);
  await row.getByTestId("approval-link").click();
  await expect(page.getByTestId("approval-title")).toHaveText(label);
  await expect(page.getByTestId("approval-summary-total")).toHaveText(amount);
}

test("contracts: a rep enters a 150,000 contract, two approvers approve it from their inboxes, it is in force and its customer won", async ({ browser, request }) => {
  const scene = await createScene(request);
  const flowId = await createFlow(request, scene);
  let number = "";
  let contractId = "";

  try {
    const rep = await signIn(browser, scene.rep.username, PASSWORD);

    await test.step("the rep enters the contract: a stated 150,000, dates, signatories, category and terms", async () => {
      await rep.getByTestId("menu-contracts").click();
      await expect(rep).toHaveURL(/\/contracts$/);
      await rep.getByTestId("contract-create").click();
      await rep.getByTestId("contract-name").fill(`年度设备采购合同-${scene.suffix}`);
      await chooseOption(rep, rep.getByTestId("contract-customer"), scene.customer, true);
      await chooseOption(rep, rep.getByTestId("contract-customer-signer"), scene.contact);
      await chooseOption(rep, rep.getByTestId("contract-signer"), scene.rep.displayName, true);
      await chooseOption(rep, rep.getByTestId("contract-category"), "销售合同");
      await setDate(rep, "contract-sign-date", "2026-12-10");
      await setDate(rep, "contract-start-date", "2027-01-01");
      // An end before the start is refused on the spot, in the user's language.
      await setDate(rep, "contract-end-date", "2026-12-31");
      await expect(rep.locator(".ant-form-item-explain-error", { hasText: "结束日期不能早于开始日期" })).toBeVisible();
      await setDate(rep, "contract-end-date", "2027-12-31");
      await expect(rep.locator(".ant-form-item-explain-error", { hasText: "结束日期不能早于开始日期" })).toHaveCount(0);
      await rep.getByTestId("contract-amount").fill("150000");
      await rep.getByTestId("contract-payment-terms").fill("签约后 30 日内付 50%，验收后付清余款。");
      await shoot(rep, "form");

      const [created] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith("/api/v1/contracts") && r.request().method() === "POST"),
        rep.getByTestId("contract-save").click(),
      ]);
      const contract = await ok<{ id: string; number: string; amount: string; customer_signer_name: string }>(created);
      expect(contract.amount).toBe("150000.00");
      expect(contract.customer_signer_name).toBe(scene.contact);
      number = contract.number;
      contractId = contract.id;
      expect(number).toMatch(/^HT-\d{4}-\d+$/);
      await expect(rep).toHaveURL(new RegExp(`/contracts/${contractId}$`));
      await expect(rep.getByTestId("contract-title")).toHaveText(number);
      await expect(rep.getByTestId("contract-status")).toHaveText("草稿");
      await expect(rep.getByTestId("contract-header-amount")).toHaveText("¥150,000.00");
      await expect(rep.getByTestId("contract-header-words")).toContainText("壹拾伍万元整");
      await expect(rep.getByTestId("contract-period")).toContainText("2027-01-01 至 2027-12-31");
      await expect(rep.getByTestId("contract-signers")).toContainText(scene.contact);
      await expect(rep.getByTestId("contract-signers")).toContainText(scene.rep.displayName);
      await expect(rep.getByTestId("contract-fields")).toContainText("销售合同");
      await expect(rep.getByTestId("contract-edit")).toBeVisible();
      await expect(rep.getByTestId("contract-action-void")).toBeVisible();
      // A stated amount has no lines to show.
      await expect(rep.getByTestId("contract-lines-table")).toHaveCount(0);
    });

    await test.step("the list shows it, by its status tab and its search", async () => {
      await rep.goto("/contracts");
      const row = rep.getByTestId("contracts-table").locator("tr", { has: rep.getByTestId("contract-link").filter({ hasText: number }) });
      await expect(row).toBeVisible();
      await expect(row.getByTestId("contract-amount-cell")).toHaveText("¥150,000.00");
      await expect(row.getByTestId("contract-status")).toHaveText("草稿");
      await expect(row).toContainText(scene.customer);
      await shoot(rep, "list");
      await rep.getByRole("tab", { name: "生效", exact: true }).click();
      await expect(rep).toHaveURL(/status=active/);
      await expect(rep.getByTestId("contract-link").filter({ hasText: number })).toHaveCount(0);
      await rep.getByRole("tab", { name: "草稿", exact: true }).click();
      await rep.getByTestId("contract-search-q").fill(scene.suffix);
      await rep.getByTestId("contract-search").click();
      await expect(rep).toHaveURL(/status=draft/);
      await expect(rep.getByTestId("contract-link")).toHaveText([number]);
      await rep.getByTestId("contract-link").click();
      await expect(rep.getByTestId("contract-title")).toHaveText(number);
    });

    await test.step("the rep submits it: it waits, read-only, with its two steps", async () => {
      await rep.getByTestId("contract-submit").click();
      const [submitted] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith("/submit") && r.request().method() === "POST"),
        rep.getByTestId("contract-submit-confirm").click(),
      ]);
      expect((await ok<{ status: string }>(submitted)).status).toBe("pending");
      await expect(rep.getByTestId("contract-status")).toHaveText("审批中");
      await expect(rep.getByTestId("contract-edit")).toHaveCount(0);
      await expect(rep.getByTestId("contract-submit")).toHaveCount(0);
      await expect(rep.getByTestId("contract-action-void")).toHaveCount(0);
      await expect(rep.getByTestId("contract-withdraw")).toBeVisible();
      const progress = rep.getByTestId("doc-approval-progress");
      await expect(progress).toBeVisible();
      await expect(progress.locator(".ant-steps-item")).toHaveCount(2);
      await expect(progress).toContainText(scene.manager.displayName);
      await expect(progress).toContainText(scene.director.displayName);
      await shoot(rep, "detail-pending");
    });

    await test.step("the manager approves it from their inbox, then the director", async () => {
      const manager = await signIn(browser, scene.manager.username, PASSWORD);
      await openFromInbox(manager, number);
      await approve(manager, "条款已核对，同意。");
      await expect(manager.getByTestId("approval-step").nth(1)).toHaveAttribute("data-state", "active");
      await manager.context().close();

      const director = await signIn(browser, scene.director.username, PASSWORD);
      await openFromInbox(director, number);
      await approve(director, "同意签约");
      await expect(director.getByTestId("approval-status")).toHaveText("已通过");
      await director.context().close();
    });

    await test.step("the rep's contract is in force, with what each approver said, and its customer is won", async () => {
      await rep.reload();
      await expect(rep.getByTestId("contract-status")).toHaveText("生效");
      await expect(rep.getByTestId("doc-approval-status")).toHaveText("已通过");
      await expect(rep.getByTestId("doc-approval-comment").first()).toContainText("条款已核对");
      await expect(rep.getByTestId("contract-withdraw")).toHaveCount(0);
      await expect(rep.getByTestId("contract-action-complete")).toBeVisible();
      await expect(rep.getByTestId("contract-action-terminate")).toBeVisible();
      await shoot(rep, "detail-active");

      // In force, it owes its whole amount, and its plans, payments and invoices have tabs.
      await expect(rep.getByTestId("contract-money-summary")).toContainText("150,000.00");
      await rep.getByRole("tab", { name: "回款计划" }).click();
      await expect(rep.getByTestId("contract-plans").getByTestId("plan-create")).toBeVisible();
      await rep.getByRole("tab", { name: "回款", exact: true }).click();
      await expect(rep.getByTestId("contract-payments").getByTestId("payment-create")).toBeVisible();
      await rep.getByRole("tab", { name: "发票", exact: true }).click();
      await expect(rep.getByTestId("contract-invoices").getByTestId("invoice-create")).toBeVisible();
      await rep.getByRole("tab", { name: "概览" }).click();

      // Its PDF downloads as <number>.pdf and previews inline.
      const [download] = await Promise.all([rep.waitForEvent("download"), rep.getByTestId("contract-pdf-download").click()]);
      expect(download.suggestedFilename()).toBe(`${number}.pdf`);
      const body = readFileSync(await download.path());
      expect(body.subarray(0, 4).toString("latin1")).toBe("%PDF");
      await rep.getByTestId("contract-pdf-preview").click();
      await expect(rep.getByTestId("contract-pdf-frame")).toHaveAttribute("src", /^blob:/);
      await rep.locator(".ant-modal-close").click();
      await expect(rep.getByTestId("contract-pdf-frame")).toHaveCount(0);

      // Terminating asks for a reason before it goes anywhere; cancelled here, so the contract stays in force.
      await rep.getByTestId("contract-action-terminate").click();
      await expect(rep.getByTestId("transition-confirm")).toBeDisabled();
      await rep.getByTestId("transition-note").fill("客户经营困难");
      await expect(rep.getByTestId("transition-confirm")).toBeEnabled();
      await rep.keyboard.press("Escape");
      await expect(rep.getByTestId("transition-note")).toHaveCount(0);
      await expect(rep.getByTestId("contract-status")).toHaveText("生效");

      await rep.getByTestId("contract-customer-link").click();
      await expect(rep.getByTestId("customer-pool")).toHaveText("成交客户");
      await rep.getByRole("tab", { name: "合同", exact: true }).click();
      const tab = rep.getByTestId("customer-contracts");
      await expect(tab.locator("tr", { hasText: number })).toContainText("生效");
      await expect(tab.locator("tr", { hasText: number })).toContainText("¥150,000.00");
      await shoot(rep, "customer-tab");
    });

    await test.step("an accepted quote becomes a draft contract with its lines; submitted and withdrawn, then voided, it is archived", async () => {
      const quote = await acceptedQuote(request, scene);
      await rep.goto(`/quotes/${quote.id}`);
      await expect(rep.getByTestId("quote-status")).toHaveText("已接受");
      await expect(rep.getByTestId("quote-make-contract")).toBeVisible();
      await shoot(rep, "quote-accepted");
      await rep.getByTestId("quote-make-contract").click();
      await rep.getByTestId("make-contract-name").fill(`维保合同-${scene.suffix}`);
      await shoot(rep, "make-contract");
      const [made] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith(`/quotes/${quote.id}/contract`) && r.request().method() === "POST"),
        rep.getByTestId("make-contract-submit").click(),
      ]);
      const contract = await ok<{ id: string; number: string; amount: string }>(made);
      expect(contract.amount).toBe("25440.00");
      await expect(rep).toHaveURL(new RegExp(`/contracts/${contract.id}$`));
      await expect(rep.getByTestId("contract-status")).toHaveText("草稿");
      await expect(rep.getByTestId("contract-lines-table")).toContainText("年度维保服务");
      await expect(rep.getByTestId("contract-totals-total")).toHaveText("¥25,440.00");
      await expect(rep.getByTestId("contract-quote-link")).toBeVisible();

      // Submitted (the manager's step applies), then withdrawn through its approval: a draft again.
      await rep.getByTestId("contract-submit").click();
      await rep.getByTestId("contract-submit-confirm").click();
      await expect(rep.getByTestId("contract-status")).toHaveText("审批中");
      // 25,440 is under the director's threshold: the second step is skipped.
      await expect(rep.getByTestId("doc-approval-progress").locator(".ant-steps-item").nth(1)).toContainText("已跳过");
      await rep.getByTestId("contract-withdraw").click();
      const [withdrawn] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith("/withdraw") && r.request().method() === "POST"),
        rep.getByTestId("contract-withdraw-confirm").click(),
      ]);
      expect(withdrawn.status(), await withdrawn.text()).toBe(200);
      await expect(rep.getByTestId("contract-status")).toHaveText("草稿");
      await expect(rep.getByTestId("doc-approval-status")).toHaveText("已撤回");

      await rep.getByTestId("contract-action-void").click();
      const [voided] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith("/transition") && r.request().method() === "POST"),
        rep.getByTestId("transition-confirm").click(),
      ]);
      expect(voided.status(), await voided.text()).toBe(200);
      await expect(rep.getByTestId("contract-status")).toHaveText("已作废");
      await rep.getByTestId("contract-archive").click();
      const [archived] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith("/archive") && r.request().method() === "POST"),
        rep.locator(".ant-popconfirm:visible").getByRole("button").last().click(),
      ]);
      expect(archived.status(), await archived.text()).toBe(200);
      await expect(rep.getByTestId("contract-archived")).toHaveText("已存档");
      await expect(rep.getByTestId("contract-archive")).toHaveCount(0);

      // The quote links to its contract; with that one void, another may be made.
      await rep.getByTestId("contract-quote-link").click();
      await expect(rep.getByTestId("quote-contract-link")).toBeVisible();
      await expect(rep.getByTestId("quote-make-contract")).toBeVisible();
    });

    await test.step("in English, the contract reads in English", async () => {
      await rep.goto(`/contracts/${contractId}`);
      await new AppShell(rep).switchLanguage("English");
      await expect(rep.getByTestId("contract-status")).toHaveText("Active");
      await expect(rep.getByTestId("contract-period")).toContainText("2027-01-01 to 2027-12-31");
      await expect(rep.getByTestId("contract-action-terminate")).toHaveText("Terminate");
      await shoot(rep, "detail-active-en");
    });
    await rep.context().close();
  } finally {
    // The flow is the department's only; it goes anyway, so a rerun starts from none.
    await request.delete(`/api/v1/approval-flows/${flowId}`, { headers: await adminHeaders(request) });
  }
});

/**
 * A contract of the rep's in force: 150,000 from 2027-01-01 to 2027-12-31, entered and submitted
 * through the API and approved by the manager (the department's contract flow); returns it.
 */
async function activeContract(request: APIRequestContext, scene: Scene): Promise<{ id: string; number: string }> {
  const repHeaders = await userHeaders(request, scene.rep.username, PASSWORD);
  const contract = await ok<{ id: string; number: string }>(
    await request.post("/api/v1/contracts", {
      headers: repHeaders,
      data: { name: `设备采购合同-${scene.suffix}`, customer_id: scene.customerId, amount: "150000", sign_date: "2026-12-10", start_date: "2027-01-01", end_date: "2027-12-31" },
    }),
  );
  const approval = await ok<{ id: string; status: string }>(await request.post(`/api/v1/contracts/${contract.id}/submit`, { headers: repHeaders }));
  expect(approval.status).toBe("pending");
  const managerHeaders = await userHeaders(request, scene.manager.username, PASSWORD);
  const decided = await ok<{ status: string }>(await request.post(`/api/v1/approvals/${approval.id}/approve`, { headers: managerHeaders, data: { comment: null } }), 200);
  expect(decided.status).toBe("approved");
  return contract;
}

/** The department's flows: the manager approves its contracts, and its amendments too, with the director when one raises the amount by over 50,000. */
async function createAmendmentFlows(request: APIRequestContext, scene: Scene): Promise<string[]> {
  const headers = await adminHeaders(request);
  const flow = async (docType: string, name: string, steps: unknown[]) =>
    (await ok<{ id: string }>(await request.post("/api/v1/approval-flows", { headers, data: { doc_type: docType, name: `${name}-${scene.suffix}`, department_id: scene.departmentId, enabled: true, steps } }))).id;
  const manager = { name: "经理审批", mode: "any", approver: { kind: "user", user_ids: [scene.manager.id] } };
  return [
    await flow("contract", "合同审批", [manager]),
    await flow("contract_amendment", "合同变更审批", [
      manager,
      { name: "总监审批", mode: "any", approver: { kind: "user", user_ids: [scene.director.id] }, condition: [{ field: "amount_change", op: "gt", value: "50000" }] },
    ]),
  ];
}

test("contracts: a rep amends a contract in force (amount up, end later, with a reason), the manager approves it from the inbox, and the contract reads as amended", async ({ browser, request }) => {
  const scene = await createScene(request);
  const flowIds = await createAmendmentFlows(request, scene);
  const reason = "客户追加两台设备，合同金额与期限相应调整";

  try {
    const contract = await activeContract(request, scene);
    const label = `${contract.number} #1`;
    const rep = await signIn(browser, scene.rep.username, PASSWORD);

    await test.step("the rep amends the contract in force: the amount up to 180,000, the end to 2028-03-31, with a reason", async () => {
      await rep.goto(`/contracts/${contract.id}`);
      await expect(rep.getByTestId("contract-status")).toHaveText("生效");
      await expect(rep.getByTestId("contract-edit")).toHaveCount(0);
      await rep.getByTestId("contract-amend").click();
      // The drawer opens on the contract as it stands; its currency stays.
      await expect(rep.getByTestId("contract-amount")).toHaveValue("150000.00");
      await expect(rep.getByTestId("contract-currency-fixed")).toHaveText("CNY");
      await expect(rep.getByTestId("contract-customer-fixed")).toHaveText(scene.customer);
      // A reason is required, and an amendment that changes nothing is not sent.
      await rep.getByTestId("amend-save").click();
      await expect(rep.locator(".ant-form-item-explain-error", { hasText: "变更原因" })).toBeVisible();
      await rep.getByTestId("amend-reason").fill(reason);
      await rep.getByTestId("amend-save").click();
      await expect(rep.locator(".ant-message")).toContainText("没有任何变更");
      await rep.getByTestId("contract-amount").fill("180000");
      await setDate(rep, "contract-end-date", "2028-03-31");
      await shoot(rep, "amend-form");

      const [posted] = await Promise.all([
        rep.waitForResponse((r) => r.url().endsWith(`/contracts/${contract.id}/amendments`) && r.request().method() === "POST"),
        rep.getByTestId("amend-save").click(),
      ]);
      // It changes what the rep changed, and nothing else.
      const amendment = await ok<{ status: string; seq: number; reason: string; before: object; after: object }>(posted);
      expect(amendment).toMatchObject({ status: "pending", seq: 1, reason });
      expect(amendment.before).toEqual({ amount: "150000.00", end_date: "2027-12-31" });
      expect(amendment.after).toEqual({ amount: "180000.00", end_date: "2028-03-31" });
      await expect(rep.locator(".ant-message")).toContainText("合同变更已提交审批");

      // The amendments tab shows it waiting, with what it changes; the contract stays as it was, and holds still.
      await expect(rep).toHaveURL(/tab=amendments/);
      const card = rep.getByTestId("amendment");
      await expect(card).toHaveCount(1);
      await expect(card.getByTestId("amendment-status")).toHaveText("审批中");
      await expect(card.getByTestId("amendment-reason")).toContainText(reason);
      await expect(card.locator('tr[data-field="amount"]').getByTestId("amendment-before")).toHaveText("¥150,000.00");
      await expect(card.locator('tr[data-field="amount"]').getByTestId("amendment-after")).toHaveText("¥180,000.00");
      await expect(card.locator('tr[data-field="end_date"]').getByTestId("amendment-after")).toHaveText("2028-03-31");
      await expect(card.getByTestId("doc-approval-progress")).toContainText(scene.manager.displayName);
      // +30,000 is within the manager's say: the director's step is skipped.
      await expect(card.getByTestId("doc-approval-progress").locator(".ant-steps-item").nth(1)).toContainText("已跳过");
      await expect(rep.getByTestId("contract-header-amount")).toHaveText("¥150,000.00");
      await expect(rep.getByTestId("contract-amend")).toHaveCount(0);
      await expect(rep.getByTestId("contract-action-terminate")).toHaveCount(0);
      await expect(rep.getByTestId("contract-action-complete")).toHaveCount(0);
      await shoot(rep, "amendment-pending");
      await rep.getByRole("tab", { name: "概览" }).click();
      await expect(rep.getByTestId("contract-amendment-pending")).toContainText("第 1 次合同变更正在审批中");
      await shoot(rep, "amendment-pending-overview");
    });

    await test.step("the manager approves it from the inbox, seeing why and what changes", async () => {
      const manager = await signIn(browser, scene.manager.username, PASSWORD);
      await openFromInbox(manager, label, "¥180,000.00", "amendment-inbox");
      await expect(manager.getByTestId("approval-summary-total-before")).toHaveText("¥150,000.00");
      await expect(manager.getByTestId("approval-summary-reason")).toHaveText(reason);
      const changes = manager.getByTestId("approval-summary-changes");
      await expect(changes.locator('tr[data-field="end_date"]').getByTestId("amendment-before")).toHaveText("2027-12-31");
      await expect(changes.locator('tr[data-field="end_date"]').getByTestId("amendment-after")).toHaveText("2028-03-31");
      // The document an amendment opens is its contract.
      await expect(manager.getByTestId("approval-document-link")).toHaveAttribute("href", `/contracts/${contract.id}`);
      await shoot(manager, "amendment-approval");
      await approve(manager, "追加设备已确认，同意变更。");
      await expect(manager.getByTestId("approval-status")).toHaveText("已通过");
      await manager.context().close();
    });

    await test.step("the rep's contract reads as amended: the new amount and end, the amendment approved", async () => {
      await rep.reload();
      await expect(rep.getByTestId("contract-header-amount")).toHaveText("¥180,000.00");
      await expect(rep.getByTestId("contract-header-words")).toContainText("壹拾捌万元整");
      await expect(rep.getByTestId("contract-period")).toContainText("2027-01-01 至 2028-03-31");
      await expect(rep.getByTestId("contract-amendment-pending")).toHaveCount(0);
      await expect(rep.getByTestId("contract-amend")).toBeVisible();
      await expect(rep.getByTestId("contract-action-terminate")).toBeVisible();
      await rep.getByRole("tab", { name: "合同变更 (1)" }).click();
      const card = rep.getByTestId("amendment");
      await expect(card.getByTestId("amendment-status")).toHaveText("已通过");
      await expect(card.getByTestId("amendment-decided-at")).toBeVisible();
      await expect(card.getByTestId("doc-approval-progress")).toHaveCount(0);
      await shoot(rep, "amendment-approved");
    });

    await test.step("in English, the amendment, its drawer and its approval read in English", async () => {
      await new AppShell(rep).switchLanguage("English");
      await expect(rep.getByRole("tab", { name: "Amendments (1)" })).toBeVisible();
      const card = rep.getByTestId("amendment");
      await expect(card.getByTestId("amendment-status")).toHaveText("Approved");
      await expect(card).toContainText("Amendment #1");
      await expect(card.locator('tr[data-field="end_date"]')).toContainText("Ends");
      await shoot(rep, "amendment-approved-en");
      await rep.getByTestId("contract-amend").click();
      await expect(rep.getByTestId("amend-save")).toHaveText("Submit");
      await shoot(rep, "amend-form-en");
      await rep.keyboard.press("Escape");
      await expect(rep.getByTestId("amend-save")).toHaveCount(0);
      await card.getByTestId("amendment-approval-link").click();
      await expect(rep.getByTestId("approval-title")).toHaveText(label);
      await expect(rep.getByTestId("approval-summary-total")).toHaveText("CN¥180,000.00");
      await shoot(rep, "amendment-approval-en");
    });
    await rep.context().close();
  } finally {
    const headers = await adminHeaders(request);
    for (const id of flowIds) await request.delete(`/api/v1/approval-flows/${id}`, { headers });
  }
});
