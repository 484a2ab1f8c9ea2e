import { expect, type Locator, type Page, type Response } from "@playwright/test";

/** Waits for the API's answer to `method` on a path matching `path` (a leads call, say). */
export function apiResponse(page: Page, method: string, path: RegExp): Promise<Response> {
  return page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname));
}

/** The leads list: tabs, search, table, row menu and the create drawer. */
export class LeadsListPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/leads");
    await expect(this.page.getByTestId("lead-search")).toBeVisible();
  }

  rows(): Locator {
    return this.page.getByTestId("leads-table").locator(".ant-table-row");
  }

  row(name: string): Locator {
    return this.rows().filter({ hasText: name });
  }

  /** Shows a tab; the list's filters (the words searched) stay. */
  async tab(key: "mine" | "pool" | "all"): Promise<void> {
    await this.page.getByTestId(`lead-tab-${key}`).click();
    await expect(this.page.getByRole("tab", { selected: true })).toContainText(await this.page.getByTestId(`lead-tab-${key}`).innerText());
  }

  /** Searches the words; the URL keeps them (rows are then awaited by the caller's assertions). */
  async search(q: string): Promise<void> {
    await this.page.getByTestId("lead-search-q").fill(q);
    await this.page.getByTestId("lead-search").click();
    await expect(this.page).toHaveURL((url) => url.searchParams.get("q") === q);
  }

  /** Opens the row's "…" menu and picks an entry by its test id. */
  async rowAction(name: string, testId: string): Promise<void> {
    await this.row(name).getByTestId("row-actions").click();
    await this.page.locator(".ant-dropdown:visible").getByTestId(testId).click();
  }

  /** Creates a lead through the drawer; returns the new lead's id (the page opens it). */
  async create(lead: { name: string; company?: string; mobile?: string; toPool?: boolean }): Promise<string> {
    await this.page.getByTestId("lead-create").click();
    const drawer = this.page.locator(".ant-drawer-content");
    await drawer.getByTestId("lead-name").fill(lead.name);
    if (lead.company) await drawer.getByTestId("lead-company").fill(lead.company);
    if (lead.mobile) await drawer.getByTestId("lead-mobile").fill(lead.mobile);
    if (lead.toPool) await drawer.getByTestId("lead-to-pool").click();
    const answer = apiResponse(this.page, "POST", /\/api\/v1\/leads$/);
    await this.page.getByTestId("lead-save").click();
    const created = await answer;
    expect(created.status(), await created.text()).toBe(201);
    const id = ((await created.json()) as { id: string }).id;
    await expect(this.page).toHaveURL(new RegExp(`/leads/${id}$`));
    return id;
  }
}

/** One lead's page: header moves, the follow-ups tab and the convert dialog. */
export class LeadDetailPage {
  constructor(private readonly page: Page) {}

  title(): Locator {
    return this.page.getByTestId("lead-title");
  }

  /** The status tag by the title (the info tab shows another). */
  status(): Locator {
    return this.page.getByTestId("lead-status-tag").first();
  }

  async openTab(label: string): Promise<void> {
    await this.page.getByRole("tab", { name: label, exact: true }).click();
  }

  /** The follow-up composer (a drawer). */
  composer(): Locator {
    return this.page.locator(".ant-drawer-content", { has: this.page.getByTestId("follow-up-content") });
  }

  /** Opens 写跟进 from the follow-ups tab and writes what happened; the first kind stays chosen. */
  async startFollowUp(content: string): Promise<Locator> {
    await this.page.getByTestId("follow-up-create").click();
    const composer = this.composer();
    await expect(composer.getByTestId("follow-up-kind").locator(".ant-select-selection-item")).not.toBeEmpty();
    await composer.getByTestId("follow-up-content").fill(content);
    return composer;
  }

  /** Saves the open composer; returns the server's answer to the create. */
  async saveFollowUp(): Promise<Response> {
    const answer = apiResponse(this.page, "POST", /\/api\/v1\/follow-ups$/);
    await this.page.getByTestId("follow-up-save").click();
    const created = await answer;
    await expect(this.composer()).toBeHidden();
    return created;
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/leads/${id}`);
    await expect(this.title()).toBeVisible();
  }

  dialog(): Locator {
    return this.page.locator(".ant-modal-content").filter({ has: this.page.getByTestId("lead-convert-ok").or(this.page.getByTestId("lead-convert-done")) });
  }

  async openConvert(): Promise<Locator> {
    await this.page.getByTestId("lead-convert").click();
    const dialog = this.dialog();
    await expect(dialog.getByTestId("lead-convert-customer-name")).toBeVisible();
    return dialog;
  }

  /** Asks for an opportunity too, with its name and amount. */
  async addOpportunity(name: string, amount: string): Promise<void> {
    const dialog = this.dialog();
    await dialog.getByTestId("lead-convert-with-opportunity").click();
    await dialog.getByTestId("lead-convert-opportunity-name").fill(name);
    await dialog.getByTestId("lead-convert-amount").fill(amount);
  }

  /** Sends the conversion and returns the server's answer. */
  async submitConvert(button = "lead-convert-ok"): Promise<Response> {
    const answer = apiResponse(this.page, "POST", /\/api\/v1\/leads\/[^/]+\/convert$/);
    await this.page.getByTestId(button).click();
    return answer;
  }
}
