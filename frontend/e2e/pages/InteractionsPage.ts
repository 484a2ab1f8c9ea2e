import { expect, type Locator, type Page } from "@playwright/test";
import type { DownloadedText } from "./CustomerPages";
import { ListExport } from "./ListExport";

/** 跟进记录查询: filters, the paged table and the export. */
export class InteractionsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/interactions");
    await expect(this.page.getByTestId("interaction-search")).toBeVisible();
  }

  row(text: string): Locator {
    return this.page.getByTestId("interactions-table").locator(".ant-table-row", { hasText: text });
  }

  async search(q: string): Promise<void> {
    await this.page.getByTestId("interaction-search-q").fill(q);
    await this.page.getByTestId("interaction-search").click();
  }

  async exportCsv(): Promise<DownloadedText> {
    return new ListExport(this.page, "interaction-export").csv();
  }
}
