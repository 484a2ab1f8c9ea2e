import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption, rowAction } from "./AppShell";

/** A small file to upload: its name and text. */
export type TextFile = { name: string; text: string };

function payload(file: TextFile) {
  return { name: file.name, mimeType: "text/plain", buffer: Buffer.from(file.text, "utf8") };
}

/** Confirms the delete a row action asked about, as a popover (inline) or a dialog (from the row's menu). */
async function confirmDelete(page: Page, testId: string): Promise<void> {
  await page.locator(`.ant-popover:visible .ant-btn-primary, [data-testid="${testId}-ok"]`).first().click();
}

/** Clicks a download action and returns the downloaded file's name and text. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<TextFile> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

/** Attaches files in the open follow-up composer (`composer`: its drawer). */
export async function attachToComposer(composer: Locator, files: TextFile[]): Promise<void> {
  await composer.locator('[data-testid="attachments"] input[type="file"], input[type="file"]').first().setInputFiles(files.map(payload));
  for (const file of files) await expect(composer).toContainText(file.name);
}

/** The Files tab of a customer's 360 page. */
export class CustomerFilesTab {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId("customer-files");
  }

  async open(tabLabel: string): Promise<void> {
    await this.page.getByRole("tab", { name: tabLabel, exact: true }).click();
    await expect(this.root).toBeVisible();
  }

  /** Opens the customer's page on the Files tab by its URL (on a phone the tab may sit in the tabs' overflow menu). */
  async goto(customerId: string): Promise<void> {
    await this.page.goto(`/customers/${customerId}?tab=files`);
    await expect(this.root).toBeVisible();
  }

  row(name: string): Locator {
    return this.root.locator(".ant-table-row", { hasText: name });
  }

  /** Uploads through the drop area's file input and waits for the file in the list. */
  async upload(file: TextFile): Promise<void> {
    await this.root.getByTestId("files-dropzone").locator('input[type="file"]').setInputFiles(payload(file));
    await expect(this.row(file.name)).toBeVisible();
  }

  async download(name: string): Promise<TextFile> {
    return downloaded(this.page, () => rowAction(this.page, this.row(name), '[data-testid="file-download"]'));
  }

  async delete(name: string): Promise<void> {
    await rowAction(this.page, this.row(name), '[data-testid="file-delete"]');
    await confirmDelete(this.page, "file-delete");
    await expect(this.row(name)).toHaveCount(0);
  }
}

/** The drive page: spaces, breadcrumb, the folder's list and its dialogs. */
export class DrivePage {
  constructor(private readonly page: Page) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/drive${query}`);
    await expect(this.page.getByTestId("drive-table")).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.getByTestId("drive-table").locator(".ant-table-row", { hasText: name });
  }

  breadcrumb(): Locator {
    return this.page.getByTestId("drive-breadcrumb");
  }

  quotaText(): Locator {
    return this.page.getByTestId("drive-quota-text");
  }

  async newFolder(name: string): Promise<void> {
    await this.page.getByTestId("drive-new-folder").click();
    await this.page.getByTestId("drive-new-folder-name").fill(name);
    await this.page.getByTestId("drive-new-folder-save").click();
    await expect(this.row(name)).toBeVisible();
  }

  async openFolder(name: string): Promise<void> {
    await this.row(name).getByTestId("drive-folder-name").click();
    await expect(this.breadcrumb()).toContainText(name);
  }

  async upload(file: TextFile): Promise<void> {
    await this.page.getByTestId("drive-dropzone").locator('input[type="file"]').setInputFiles(payload(file));
    await expect(this.row(file.name)).toBeVisible();
  }

  async rename(from: string, to: string): Promise<void> {
    await rowAction(this.page, this.row(from), '[data-testid="drive-rename"]');
    const input = this.page.getByTestId("drive-rename-input");
    await input.fill(to);
    await this.page.getByTestId("drive-rename-save").click();
    await expect(this.row(to)).toBeVisible();
  }

  async download(name: string): Promise<TextFile> {
    return downloaded(this.page, () => rowAction(this.page, this.row(name), '[data-testid="drive-download"]'));
  }

  /** Shares a file or folder with a colleague found by `userLabel`; returns the dialog's list before saving. */
  async shareWithUser(name: string, userLabel: string, accessLabel: string): Promise<void> {
    await rowAction(this.page, this.row(name), '[data-testid="drive-share"]');
    const dialog = this.page.locator(".ant-modal:visible");
    await chooseOption(this.page, dialog.getByTestId("drive-share-user"), userLabel, true);
    await chooseOption(this.page, dialog.getByTestId("drive-share-access"), accessLabel);
    await dialog.getByTestId("drive-share-add").click();
    await expect(dialog.getByTestId("drive-share-list")).toContainText(userLabel);
    await dialog.getByTestId("drive-share-save").click();
    await expect(dialog).toBeHidden();
  }

  /** Opens the share dialog again and returns its list of who it is shared with. */
  async sharesOf(name: string): Promise<Locator> {
    await rowAction(this.page, this.row(name), '[data-testid="drive-share"]');
    return this.page.locator(".ant-modal:visible").getByTestId("drive-share-list");
  }

  /** Moves a file or folder into the folder `into` (a top-level folder of the same space), through the move dialog's tree. */
  async move(name: string, into: string, screenshot?: string): Promise<void> {
    await rowAction(this.page, this.row(name), '[data-testid="drive-move"]');
    const tree = this.page.getByTestId("drive-move-tree");
    // The top of the space, opened: its folders load under it.
    await tree.locator(".ant-tree-switcher").first().click();
    await tree.locator(".ant-tree-node-content-wrapper", { hasText: into }).click();
    if (screenshot) await this.page.screenshot({ path: screenshot });
    await this.page.getByTestId("drive-move-ok").click();
    await expect(this.row(name)).toHaveCount(0);
  }

  async delete(name: string): Promise<void> {
    await rowAction(this.page, this.row(name), '[data-testid="drive-delete"]');
    await confirmDelete(this.page, "drive-delete");
    await expect(this.row(name)).toHaveCount(0);
  }
}

/** 系统设置 → 网盘容量. */
export class DriveLimitsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/system/settings/drive");
    await expect(this.page.getByTestId("drive-limits-form")).toBeVisible();
  }

  value(field: "user_quota_bytes" | "company_quota_bytes" | "max_file_bytes"): Locator {
    return this.page.getByTestId(`drive-limits-${field}-value`);
  }

  unit(field: "user_quota_bytes" | "company_quota_bytes" | "max_file_bytes"): Locator {
    return this.page.getByTestId(`drive-limits-${field}-unit`);
  }

  async set(field: "user_quota_bytes" | "company_quota_bytes" | "max_file_bytes", value: string, unit: "MB" | "GB"): Promise<void> {
    await this.value(field).fill(value);
    await chooseOption(this.page, this.unit(field), unit);
  }

  async save(savedText: string): Promise<void> {
    await this.page.getByTestId("drive-limits-save").click();
    await expect(this.page.locator(".ant-message")).toContainText(savedText);
  }
}
