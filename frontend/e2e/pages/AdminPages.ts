import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption } from "./AppShell";

/** Confirms the open Popconfirm (its last button is "Yes"). */
async function confirm(page: Page): Promise<void> {
  await page.locator(".ant-popconfirm:visible").getByRole("button").last().click();
}

/** 数据字典: a kind picker, the codes of that kind and the add/edit dialog. */
export class DictionariesPage {
  constructor(private readonly page: Page) {}

  row(code: string): Locator {
    return this.page.locator(".ant-table-row", { has: this.page.getByRole("cell", { name: code, exact: true }) });
  }

  async chooseKind(label: string): Promise<void> {
    await chooseOption(this.page, this.page.getByTestId("dictionary-kind"), label);
  }

  async add(code: string, labelZh: string, labelEn: string): Promise<void> {
    await this.page.getByTestId("dictionary-create").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("dictionary-code").fill(code);
    await dialog.getByTestId("dictionary-label-zh").fill(labelZh);
    await dialog.getByTestId("dictionary-label-en").fill(labelEn);
    await dialog.getByTestId("dictionary-save").click();
    await expect(dialog).toBeHidden();
    await expect(this.row(code)).toContainText(labelEn);
  }

  async relabel(code: string, labelZh: string): Promise<void> {
    await this.row(code).getByTestId("dictionary-edit").click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog.getByTestId("dictionary-code")).toBeDisabled();
    await dialog.getByTestId("dictionary-label-zh").fill(labelZh);
    await dialog.getByTestId("dictionary-save").click();
    await expect(dialog).toBeHidden();
    await expect(this.row(code)).toContainText(labelZh);
  }

  enabledSwitch(code: string): Locator {
    return this.page.getByTestId(`dictionary-enabled-${code}`);
  }
}

/** 回收站: deleted records of one kind, with restore. */
export class RecycleBinPage {
  constructor(private readonly page: Page) {}

  row(label: string): Locator {
    return this.page.locator(".ant-table-row", { hasText: label });
  }

  async chooseEntity(label: string): Promise<void> {
    await chooseOption(this.page, this.page.getByTestId("recycle-entity"), label);
  }

  async restore(label: string): Promise<void> {
    await this.row(label).getByTestId("recycle-restore").click();
    await expect(this.page.locator(".ant-popconfirm:visible")).toContainText(label);
    await confirm(this.page);
    await expect(this.row(label)).toHaveCount(0);
  }
}
