import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption, rowAction } from "./AppShell";

export type NewWebhook = { name: string; url: string; /** Event names as the select shows them (新建客户). */ events: string[] };

/** 事件推送: the list, the private-target setting, and the create/edit drawer. */
export class WebhooksPage {
  readonly table: Locator;
  readonly privateTargets: Locator;
  readonly drawer: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("webhooks-table");
    this.privateTargets = page.getByTestId("webhook-private-targets");
    this.drawer = page.locator(".ant-drawer-content-wrapper:visible");
  }

  async goto(): Promise<void> {
    await this.page.goto("/system/webhooks");
    await expect(this.page.getByTestId("webhook-search")).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.locator(".ant-table-row", { has: this.page.getByRole("link", { name, exact: true }) });
  }

  /** Turns "allow private targets" on, through its confirmation. */
  async allowPrivateTargets(): Promise<void> {
    await expect(this.privateTargets).toHaveAttribute("data-state", "off");
    await this.privateTargets.click();
    await this.page.getByTestId("webhook-private-targets-ok").click();
    await expect(this.privateTargets).toHaveAttribute("data-state", "on");
  }

  /** Opens the create drawer and fills it (a generated secret); returns the secret shown. */
  async fillNew(webhook: NewWebhook): Promise<string> {
    await this.page.getByTestId("webhook-create").click();
    await expect(this.drawer).toBeVisible();
    await this.page.getByTestId("webhook-name").fill(webhook.name);
    await this.page.getByTestId("webhook-url").fill(webhook.url);
    for (const event of webhook.events) await chooseOption(this.page, this.page.getByTestId("webhook-events"), event, true);
    await this.page.keyboard.press("Escape");
    await this.page.getByTestId("webhook-secret-generate").click();
    await expect(this.page.getByTestId("webhook-secret-warning")).toBeVisible();
    const secret = await this.page.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
    return secret;
  }

  async save(): Promise<void> {
    await this.page.getByTestId("webhook-save").click();
  }

  /** A field's error in the drawer, by the field's input test id. */
  fieldError(testId: string): Locator {
    return this.drawer.locator(".ant-form-item", { has: this.page.getByTestId(testId) }).locator(".ant-form-item-explain-error");
  }

  async closeDrawer(): Promise<void> {
    await this.drawer.locator(".ant-drawer-close").click();
    await expect(this.drawer).toBeHidden();
  }

  /** Deletes a webhook from its row, after the confirmation. */
  async delete(name: string): Promise<void> {
    await rowAction(this.page, this.row(name), '[data-testid="webhook-delete"]');
    await this.page.locator(".ant-popconfirm:visible .ant-btn-primary, .ant-modal-confirm:visible .ant-btn-primary").click();
    await expect(this.row(name)).toHaveCount(0);
  }
}

/** One webhook's page: send test, the delivery log with its filters and resend. */
export class WebhookDetailPage {
  readonly log: Locator;

  constructor(private readonly page: Page) {
    this.log = page.getByTestId("webhook-deliveries");
  }

  /** Sends a test event and returns what the result dialog says came of it (`delivered` / `failed`). */
  async sendTest(): Promise<string | null> {
    await this.page.getByTestId("webhook-test").click();
    const result = this.page.getByTestId("webhook-test-result");
    await expect(result).toBeVisible({ timeout: 30_000 });
    return result.getAttribute("data-outcome");
  }

  async closeTestResult(): Promise<void> {
    await this.page.getByTestId("webhook-test-close").click();
    await expect(this.page.getByTestId("webhook-test-result")).toBeHidden();
  }

  /** The log's rows of an event (its code), optionally of one result and attempt. */
  rows(event: string, status?: "delivered" | "failed", attempt?: number): Locator {
    let selector = `.ant-table-row[data-event="${event}"]`;
    if (status) selector += `[data-status="${status}"]`;
    if (attempt !== undefined) selector += `[data-attempt="${attempt}"]`;
    return this.log.locator(selector);
  }

  /** Refreshes the log until `rows` has at least one row: the job worker delivers on its own time. */
  async waitFor(rows: Locator, timeout = 45_000): Promise<void> {
    await expect(async () => {
      await this.page.getByTestId("delivery-refresh").click();
      await expect(rows.first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout, intervals: [500, 1_000, 2_000] });
  }

  /** Sends a row's event again (after the confirmation). */
  async resend(row: Locator): Promise<void> {
    await row.getByTestId("delivery-resend").click();
    await this.page.locator(".ant-popconfirm:visible .ant-btn-primary").click();
  }

  /** Filters the log by result and event (labels as shown); none clears that filter. */
  async filter({ status, event }: { status?: string; event?: string }): Promise<void> {
    const statusSelect = this.page.getByTestId("delivery-filter-status");
    const eventSelect = this.page.getByTestId("delivery-filter-event");
    if (status) await chooseOption(this.page, statusSelect, status);
    if (event) await chooseOption(this.page, eventSelect, event, true);
  }

  async clearFilters(): Promise<void> {
    for (const testId of ["delivery-filter-status", "delivery-filter-event"]) {
      // The test id is on the select's root, which holds its clear icon (shown on hover).
      const select = this.page.getByTestId(testId);
      const clear = select.locator(".ant-select-clear");
      if ((await clear.count()) === 0) continue;
      await select.hover();
      await clear.click();
    }
  }

  async openTab(label: string): Promise<void> {
    await this.page.getByRole("tab", { name: label, exact: true }).click();
  }
}
