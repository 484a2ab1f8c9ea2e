import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption } from "./AppShell";

/** 商机 list and its create drawer. */
export class OpportunityListPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/opportunities");
    await expect(this.page.getByTestId("opportunities-table")).toBeVisible();
  }

  async openCreate(): Promise<void> {
    await this.page.getByTestId("opportunity-create").click();
    await expect(this.page.getByTestId("opportunity-name")).toBeVisible();
  }
}

/** The create/edit drawer. */
export class OpportunityForm {
  constructor(private readonly page: Page) {}

  async pickCustomer(name: string): Promise<void> {
    await chooseOption(this.page, this.page.getByTestId("opportunity-customer"), name, true);
  }

  async fillName(name: string): Promise<void> {
    await this.page.getByTestId("opportunity-name").fill(name);
  }

  line(index: number): Locator {
    return this.page.getByTestId("opportunity-line").nth(index);
  }

  /** Fills line `index` (adding it when it is not there yet): the product by search, then quantity and discount. */
  async fillLine(index: number, line: { product: string; quantity: string; discount?: string }): Promise<void> {
    if ((await this.page.getByTestId("opportunity-line").count()) <= index) await this.page.getByTestId("line-add").click();
    const row = this.line(index);
    await chooseOption(this.page, row.getByTestId("line-product"), line.product, true);
    // The product's price comes in as the unit price.
    await expect(row.getByTestId("line-price")).not.toHaveValue("");
    await row.getByTestId("line-quantity").fill(line.quantity);
    if (line.discount !== undefined) await row.getByTestId("line-discount").fill(line.discount);
  }

  total(): Locator {
    return this.page.getByTestId("lines-total");
  }

  /** Saves and waits for the server's answer; returns the created opportunity's id. */
  async save(): Promise<string> {
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith("/api/v1/opportunities") && r.request().method() === "POST"),
      this.page.getByTestId("opportunity-save").click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }
}

/** One opportunity's page. */
export class OpportunityDetailPage {
  constructor(private readonly page: Page) {}

  async expectOpen(name: string): Promise<void> {
    await expect(this.page.getByTestId("opportunity-title")).toHaveText(name);
  }

  linesTotal(): Locator {
    return this.page.getByTestId("opportunity-lines-total");
  }
}

/** 商机看板. */
export class OpportunityBoardPage {
  constructor(private readonly page: Page) {}

  /** Opens the board searched for `q`, waiting for the board's answer. */
  async goto(q?: string): Promise<void> {
    const answer = this.page.waitForResponse((r) => r.url().includes("/api/v1/opportunities/board") && r.ok());
    await this.page.goto(q ? `/opportunities/board?${new URLSearchParams({ q }).toString()}` : "/opportunities/board");
    await answer;
    await expect(this.page.getByTestId("board-column").first()).toBeVisible();
  }

  column(stageNameZh: string): Locator {
    return this.page.locator(`[data-testid="board-column"][data-stage="${stageNameZh}"]`);
  }

  count(stageNameZh: string): Locator {
    return this.column(stageNameZh).getByTestId("column-count");
  }

  card(name: string): Locator {
    return this.page.getByTestId("board-card").filter({ hasText: name });
  }

  /** Drags the card onto a column and waits for the move's answer and the board read again. */
  async drag(name: string, stageNameZh: string): Promise<void> {
    const moved = this.page.waitForResponse((r) => /\/api\/v1\/opportunities\/[^/]+\/stage$/.test(r.url()) && r.request().method() === "POST");
    const reread = this.page.waitForResponse((r) => r.url().includes("/api/v1/opportunities/board") && r.ok());
    await this.card(name).dragTo(this.column(stageNameZh));
    expect((await moved).status()).toBe(200);
    await reread;
  }
}
