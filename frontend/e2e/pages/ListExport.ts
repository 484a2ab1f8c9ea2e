import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { downloadText, type DownloadedText } from "./CustomerPages";

/** A list page's export button (the shared ExportButton): Excel or CSV of the list as filtered. */
export class ListExport {
  readonly button: Locator;

  constructor(
    private readonly page: Page,
    private readonly testId: string,
  ) {
    this.button = page.getByTestId(testId);
  }

  /** Chooses CSV and returns the downloaded file's name and text. */
  async csv(): Promise<DownloadedText> {
    await this.button.click();
    const entry = this.page.getByTestId(`${this.testId}-csv`);
    await expect(entry).toBeVisible();
    return downloadText(this.page, entry);
  }

  /** Chooses the background export in `format`: the server makes the file into the user's drive. */
  async inBackground(format: "csv" | "xlsx"): Promise<void> {
    await this.button.click();
    const entry = this.page.getByTestId(`${this.testId}-background-${format}`);
    await expect(entry).toBeVisible();
    await entry.click();
    await expect(this.page.getByTestId("background-export-started")).toBeVisible();
  }

  /** Chooses Excel and returns the downloaded workbook's name and bytes. */
  async xlsx(): Promise<{ filename: string; bytes: Buffer }> {
    await this.button.click();
    const entry = this.page.getByTestId(`${this.testId}-xlsx`);
    await expect(entry).toBeVisible();
    const [download] = await Promise.all([this.page.waitForEvent("download"), entry.click()]);
    return { filename: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  }
}
