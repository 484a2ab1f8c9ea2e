import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption, chooseRegion, rowAction, tabByLabel } from "./AppShell";

/** A downloaded file: the name the app gave it and its text. */
export type DownloadedText = { filename: string; text: string };

/** Clicks a button that downloads a file and returns the file's name and text. */
export async function downloadText(page: Page, button: Locator): Promise<DownloadedText> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = await download.path();
  return { filename: download.suggestedFilename(), text: readFileSync(path, "utf8") };
}

export type NewCustomer = { name: string; industry?: string; level?: string; phone?: string; region?: string[] };

/** The customer list: pool tabs, search form, table and the create drawer. */
export class CustomersListPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/customers");
    await expect(this.page.getByTestId("customer-search")).toBeVisible();
  }

  /** A pool tab (or 我的客户) by its label; its count may follow. */
  tab(label: string): Locator {
    return tabByLabel(this.page, label);
  }

  async openTab(label: string): Promise<void> {
    await this.tab(label).click();
    await expect(this.tab(label)).toHaveAttribute("aria-selected", "true");
  }

  row(name: string): Locator {
    return this.page.locator(".ant-table-row", { hasText: name });
  }

  /** Every row the table shows (this page of the list). */
  rows(): Locator {
    return this.page.locator(".ant-table-row");
  }

  searchBox(): Locator {
    return this.page.getByTestId("customer-search-q");
  }

  /** Sorts by the column with this title, ascending (a first click on its header). */
  async sortBy(title: string): Promise<void> {
    await this.columnHeader(title).click();
    await expect(this.columnHeader(title)).toHaveAttribute("aria-sort", "ascending");
  }

  async search(q: string): Promise<void> {
    await this.searchBox().fill(q);
    await this.page.getByTestId("customer-search").click();
  }

  async resetSearch(): Promise<void> {
    await this.page.getByTestId("customer-search-reset").click();
  }

  drawer(): Locator {
    return this.page.locator(".ant-drawer-content");
  }

  /** Opens the create drawer and types the name, leaving it open (for the duplicate warning). */
  async startCreate(name: string): Promise<Locator> {
    await this.page.getByTestId("customer-create").click();
    const drawer = this.drawer();
    await drawer.getByTestId("customer-name").fill(name);
    return drawer;
  }

  /** Creates a customer; the app then opens its 360 page, whose id is returned. */
  async create(customer: NewCustomer, beforeSave?: () => Promise<void>): Promise<string> {
    const drawer = await this.startCreate(customer.name);
    if (customer.industry) await chooseOption(this.page, drawer.getByTestId("customer-industry"), customer.industry);
    if (customer.level) await chooseOption(this.page, drawer.getByTestId("customer-level"), customer.level);
    if (customer.phone) await drawer.getByTestId("customer-phone").fill(customer.phone);
    if (customer.region) await chooseRegion(this.page, drawer.getByTestId("customer-region"), customer.region);
    await beforeSave?.();
    await this.page.getByTestId("customer-save").click();
    await expect(drawer).toBeHidden();
    await expect(this.page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId("customer-title")).toHaveText(customer.name);
    return this.page.url().split("/").pop() ?? "";
  }

  async release(name: string, reason: string): Promise<void> {
    await rowAction(this.page, this.row(name), '[data-testid="customer-release"]');
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("pool-reason").fill(reason);
    await dialog.getByTestId("pool-reason-ok").click();
    await expect(dialog).toBeHidden();
  }

  async claim(name: string): Promise<void> {
    await rowAction(this.page, this.row(name), '[data-testid="customer-claim"]');
    await this.page.getByTestId("customer-claim-ok").click();
  }

  /** Exports the filtered list as CSV (all pages) and returns the file. */
  async exportCsv(): Promise<DownloadedText> {
    await this.page.getByTestId("customer-export").click();
    return downloadText(this.page, this.page.getByTestId("customer-export-csv"));
  }

  /** Exports the filtered list as an Excel workbook; returns its name and bytes. */
  async exportXlsx(): Promise<{ filename: string; bytes: Buffer }> {
    await this.page.getByTestId("customer-export").click();
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId("customer-export-xlsx").click()]);
    return { filename: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  }

  /** Exports the selected rows (the bulk bar's button). */
  async exportSelected(): Promise<DownloadedText> {
    return downloadText(this.page, this.page.getByTestId("bulk-export"));
  }

  async select(name: string): Promise<void> {
    await this.row(name).locator(".ant-table-selection-column input[type=checkbox]").check();
    await expect(this.page.getByTestId("bulk-bar")).toBeVisible();
  }

  /** Transfers the selected customers to the user found by `ownerLabel`, leaving the dialog open for `beforeOk`. */
  async bulkTransfer(ownerLabel: string, beforeOk?: () => Promise<void>): Promise<void> {
    await this.page.getByTestId("bulk-transfer").click();
    const dialog = this.page.getByRole("dialog");
    await chooseOption(this.page, dialog.getByTestId("owner-picker"), ownerLabel, true);
    await beforeOk?.();
    await dialog.getByTestId("owner-modal-ok").click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByTestId("bulk-bar")).toHaveCount(0);
  }

  columnHeader(title: string): Locator {
    return this.page.locator(".ant-table-thead th", { hasText: title });
  }

  async openColumnChooser(): Promise<Locator> {
    await this.page.getByTestId("column-chooser-open").click();
    const chooser = this.page.getByTestId("column-chooser");
    await expect(chooser).toBeVisible();
    return chooser;
  }

  async closeColumnChooser(): Promise<void> {
    await this.page.getByTestId("column-chooser-open").click();
    await expect(this.page.getByTestId("column-chooser")).toBeHidden();
  }

  /** Sets the search form's level and region (province, city) and searches. */
  async filter(filters: { level?: string; region?: string[] }): Promise<void> {
    if (filters.level) await chooseOption(this.page, this.page.getByTestId("customer-search-level"), filters.level);
    if (filters.region) await chooseRegion(this.page, this.regionFilter(), filters.region);
    await this.page.getByTestId("customer-search").click();
  }

  /** The region filter's cascader. */
  regionFilter(): Locator {
    return this.page.getByTestId("customer-search-region");
  }

  /** The region the filter shows, e.g. "浙江省 / 杭州市"; "" when none. */
  async expectRegionFilter(label: string): Promise<void> {
    const shown = this.regionFilter().locator(".ant-select-selection-item");
    if (label === "") await expect(shown).toHaveCount(0);
    else await expect(shown).toHaveText(label);
  }

  /** The saved-view selector; its text is the active view's name (or the placeholder). */
  viewSelect(): Locator {
    return this.page.getByTestId("saved-views-select");
  }

  async chooseView(name: string): Promise<void> {
    await chooseOption(this.page, this.viewSelect(), name);
  }

  async expectActiveView(name: string): Promise<void> {
    await expect(this.viewSelect().locator(".ant-select-selection-item")).toHaveText(name);
  }

  /** Opens "save view", types the name and ticks "open by default" if asked; returns the dialog, still open. */
  async startSaveView(name: string, asDefault = false): Promise<Locator> {
    await this.page.getByTestId("saved-view-save").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("saved-view-name").fill(name);
    if (asDefault) await dialog.getByTestId("saved-view-default").check();
    return dialog;
  }

  async saveView(name: string, asDefault = false): Promise<void> {
    const dialog = await this.startSaveView(name, asDefault);
    await dialog.getByTestId("saved-view-ok").click();
    await expect(dialog).toBeHidden();
    await this.expectActiveView(name);
  }

  /** Runs one of the active view's actions: update, rename, default or delete; `beforeClick` sees the menu open. */
  async viewAction(action: "update" | "rename" | "default" | "delete", beforeClick?: () => Promise<void>): Promise<void> {
    await this.page.getByTestId("saved-view-more").click();
    await expect(this.page.getByTestId(`saved-view-${action}`)).toBeVisible();
    await beforeClick?.();
    await this.page.getByTestId(`saved-view-${action}`).click();
  }

  async deleteActiveView(): Promise<void> {
    await this.viewAction("delete");
    await this.page.getByTestId("saved-view-delete-ok").click();
    await expect(this.page.getByTestId("saved-view-more")).toHaveCount(0);
    await expect(this.viewSelect().locator(".ant-select-selection-item")).toHaveCount(0);
  }
}

/** Customer 360: header, then the profile, contacts, follow-ups and history tabs. */
export class Customer360Page {
  constructor(private readonly page: Page) {}

  async goto(id: string): Promise<void> {
    await this.page.goto(`/customers/${id}`);
    await expect(this.page.getByTestId("customer-title")).toBeVisible();
  }

  async openTab(label: string): Promise<void> {
    await this.page.getByRole("tab", { name: label, exact: true }).click();
  }

  /** Shares the customer with a user found by `userLabel`, with the access shown as `accessLabel`. */
  async addCollaborator(userLabel: string, accessLabel: string): Promise<void> {
    const team = this.page.getByTestId("collaborators");
    await chooseOption(this.page, team.getByTestId("collaborator-user"), userLabel, true);
    await chooseOption(this.page, team.getByTestId("collaborator-access"), accessLabel);
    await team.getByTestId("collaborator-add").click();
    await expect(team.locator(".ant-table-row", { hasText: userLabel })).toBeVisible();
  }

  /** Opens the merge dialog and picks the other customer by a search text; returns the dialog. */
  async startMerge(search: string, otherName: string): Promise<Locator> {
    await this.page.getByTestId("customer-merge").click();
    const dialog = this.page.getByRole("dialog");
    await chooseOption(this.page, dialog.getByTestId("merge-pick"), search, true);
    await expect(dialog.getByTestId("merge-table")).toBeVisible();
    await expect(dialog.getByTestId("merge-name-other")).toContainText(otherName);
    return dialog;
  }

  async addContact(contact: { name: string; title: string; mobile: string; primary: boolean }): Promise<void> {
    await this.page.getByTestId("contact-create").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("contact-name").fill(contact.name);
    await dialog.getByTestId("contact-title").fill(contact.title);
    await dialog.getByTestId("contact-mobile").fill(contact.mobile);
    if (contact.primary) await dialog.getByTestId("contact-primary").click();
    await dialog.getByTestId("contact-save").click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByRole("cell", { name: contact.name, exact: true })).toBeVisible();
  }

  /** Adds a follow-up from the follow-ups tab; `next` is typed into the picker as `YYYY-MM-DD HH:mm`. */
  async addFollowUp(kindLabel: string, content: string, next?: string): Promise<void> {
    await this.page.getByTestId("follow-up-create").click();
    await this.fillComposer({ kind: kindLabel, content, next });
    await this.saveComposer();
    await expect(this.page.getByTestId("follow-up-item").first()).toContainText(content);
  }

  /** The follow-up composer (a drawer). */
  composer(): Locator {
    return this.page.locator(".ant-drawer-content", { has: this.page.getByTestId("follow-up-content") });
  }

  /** Opens the composer from the header's primary button (on a phone too). */
  async startFollowUpFromHeader(): Promise<Locator> {
    await this.page.getByTestId("customer-follow-up").click();
    await expect(this.composer()).toBeVisible();
    return this.composer();
  }

  /**
   * Fills the open composer. Times are typed as `YYYY-MM-DD HH:mm` and confirmed with Enter, which
   * must keep the typed value and not save the form.
   */
  async fillComposer(values: { kind?: string; content?: string; quick?: "tomorrow" | "in3days" | "nextWeek"; next?: string; occurred?: string; participant?: string }): Promise<void> {
    const composer = this.composer();
    if (values.kind) await chooseOption(this.page, composer.getByTestId("follow-up-kind"), values.kind);
    if (values.content !== undefined) await composer.getByTestId("follow-up-content").fill(values.content);
    if (values.occurred) await this.typeTime(composer.locator("input#occurred_at"), values.occurred);
    if (values.quick) await composer.getByTestId(`follow-up-quick-${values.quick}`).click();
    if (values.next) await this.typeTime(composer.locator("input#next_follow_up_at"), values.next);
    if (values.participant) await chooseOption(this.page, composer.getByTestId("follow-up-participants"), values.participant, true);
  }

  private async typeTime(input: Locator, value: string): Promise<void> {
    await input.click();
    await input.fill(value);
    await input.press("Enter");
    await expect(input).toHaveValue(value);
    // Enter confirmed the field only: the composer is still open.
    await expect(this.composer()).toBeVisible();
  }

  async saveComposer(): Promise<void> {
    await this.page.getByTestId("follow-up-save").click();
    await expect(this.composer()).toBeHidden();
  }

  /** The activity timeline's entries, newest first. */
  timelineEntries(): Locator {
    return this.page.getByTestId("customer-timeline").locator(".ant-timeline-item");
  }
}
