import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption } from "./AppShell";

/** 后台任务: the jobs list, its filters and the dead-only switch. */
export class JobsPage {
  readonly table: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId("jobs-table");
  }

  rows(): Locator {
    return this.table.locator(".ant-table-row");
  }

  /** Rows of a kind, by the name the page shows for it. */
  rowsOf(kindLabel: string): Locator {
    return this.table.locator(".ant-table-row", { has: this.page.getByTestId("job-kind").getByText(kindLabel, { exact: true }) });
  }

  /** The status tags of the rows shown. */
  statuses(): Locator {
    return this.table.getByTestId("job-status");
  }

  /** Waits until the table shows the last answer (no spinner). */
  async settled(): Promise<void> {
    await expect(this.table.locator(".ant-spin-spinning")).toHaveCount(0);
  }

  /** Sets the status and kind filters (labels as shown) and searches. */
  async filter({ statuses = [], kinds = [] }: { statuses?: string[]; kinds?: string[] }): Promise<void> {
    await this.page.getByTestId("job-search-reset").click();
    for (const status of statuses) await chooseOption(this.page, this.page.getByTestId("job-search-status"), status);
    await this.page.keyboard.press("Escape");
    for (const kind of kinds) await chooseOption(this.page, this.page.getByTestId("job-search-kind"), kind);
    await this.page.keyboard.press("Escape");
    await this.page.getByTestId("job-search").click();
  }
}
