import { expect, type Locator, type Page } from "@playwright/test";
import { downloadText, type DownloadedText } from "./CustomerPages";

/** The import wizard a list page's 导入 button opens: file, check (mapping, preview, report), import. */
export class ImportWizard {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId("import-wizard");
  }

  /** Clicks a list page's import button and waits for the wizard's file step. */
  async open(buttonTestId: string): Promise<void> {
    await this.page.getByTestId(buttonTestId).click();
    await expect(this.root.locator("input[type=file]")).toBeAttached();
  }

  async chooseFile(path: string): Promise<void> {
    await this.root.locator("input[type=file]").setInputFiles(path);
  }

  /** Uploads the chosen file as a dry run and waits for its report. */
  async check(): Promise<void> {
    await this.page.getByTestId("import-check").click();
    await expect(this.page.getByTestId("import-dry-run")).toBeVisible({ timeout: 30_000 });
  }

  count(key: "rows_read" | "wouldCreate" | "created" | "wouldUpdate" | "updated" | "skipped" | "failed"): Locator {
    return this.root.getByTestId(`import-count-${key}`);
  }

  /** What a row that duplicates a stored record does; a choice after a check asks to check again. */
  async onDuplicate(value: "error" | "skip" | "update"): Promise<void> {
    const choice = this.root.getByTestId("import-on-duplicate").locator("label").filter({ has: this.page.locator(`input[value=${value}]`) });
    await choice.click();
    await expect(choice.locator("input")).toBeChecked();
  }

  /** Checks the file again with the options or mapping changed since the last check. */
  async recheck(): Promise<void> {
    await this.page.getByTestId("import-recheck").click();
    await expect(this.page.getByTestId("import-recheck")).toBeHidden({ timeout: 30_000 });
  }

  /** The row numbers the failed-rows table lists, in order. */
  async failedRows(): Promise<number[]> {
    const cells = this.root.getByTestId("import-errors-table").locator("tbody tr.ant-table-row td:first-child");
    return (await cells.allInnerTexts()).map((text) => Number(text.trim()));
  }

  reasons(): Locator {
    return this.root.getByTestId("import-errors-table").getByTestId("import-error-reason");
  }

  /** Uploads the file again for real and waits until the import has finished. */
  async commit(): Promise<void> {
    await this.page.getByTestId("import-commit-button").click();
    await expect(this.root.getByTestId("import-progress")).toBeVisible();
    await expect(this.page.getByTestId("import-close")).toHaveText(/完\s?成|Done/, { timeout: 60_000 });
  }

  status(): Locator {
    return this.root.getByTestId("import-status");
  }

  /** Downloads the errors file (the failed rows with an error column). */
  async downloadErrors(): Promise<DownloadedText> {
    return downloadText(this.page, this.root.getByTestId("import-errors-download"));
  }

  /** Back to the file step for another file. */
  async another(): Promise<void> {
    await this.page.getByTestId("import-another").click();
    await expect(this.page.getByTestId("import-check")).toBeVisible();
  }

  async close(): Promise<void> {
    await this.page.getByTestId("import-close").click();
    await expect(this.root).toBeHidden();
  }
}

/** 我的导入: the user's imports, each row opening its report. */
export class MyImportsPage {
  readonly table: Locator;

  constructor(page: Page) {
    this.table = page.getByTestId("imports-table");
  }

  row(fileName: string): Locator {
    return this.table.locator("tr.ant-table-row", { hasText: fileName });
  }

  /** Opens a row's report (its expand button). */
  async expand(row: Locator): Promise<Locator> {
    await row.locator(".ant-table-row-expand-icon").click();
    const details = this.table.getByTestId("import-details").first();
    await expect(details).toBeVisible();
    return details;
  }
}
