import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption } from "./AppShell";

/** The groups list: search, table and the create/edit drawer. */
export class CustomerGroupsPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/customer-groups");
    await expect(this.page.getByTestId("group-search")).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.getByTestId("groups-table").locator(".ant-table-row", { hasText: name });
  }

  drawer(): Locator {
    return this.page.locator(".ant-drawer-content");
  }

  async search(q: string): Promise<void> {
    await this.page.getByTestId("group-search-q").fill(q);
    await this.page.getByTestId("group-search").click();
  }

  /** Only the user's own groups (the "mine" filter, whose option reads `mineLabel`), with the name searched. */
  async searchMine(q: string, mineLabel: string): Promise<void> {
    await chooseOption(this.page, this.page.getByTestId("group-search-mine"), mineLabel);
    await this.search(q);
  }

  /** Opens the create drawer and fills it in, leaving it open. */
  async startCreate(group: { name: string; description?: string; shared?: boolean }): Promise<Locator> {
    await this.page.getByTestId("group-create").click();
    const drawer = this.drawer();
    await drawer.getByTestId("group-name").fill(group.name);
    if (group.description) await drawer.getByTestId("group-description").fill(group.description);
    if (group.shared) await drawer.getByTestId("group-shared").click();
    return drawer;
  }

  async save(): Promise<void> {
    await this.page.getByTestId("group-save").click();
  }
}

/** One group's page: header, members tab and history tab. */
export class CustomerGroupDetailPage {
  constructor(private readonly page: Page) {}

  title(): Locator {
    return this.page.getByTestId("group-title");
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/customer-groups/${id}`);
    await expect(this.title()).toBeVisible();
  }

  async openTab(label: string): Promise<void> {
    await this.page.getByRole("tab", { name: label, exact: true }).click();
  }

  members(): Locator {
    return this.page.getByTestId("group-members");
  }

  memberRow(name: string): Locator {
    return this.members().locator(".ant-table-row", { hasText: name });
  }

  history(): Locator {
    return this.page.getByTestId("group-history");
  }
}

/** The customer list's group moves: the bulk bar's add/remove and the group filter. */
export class CustomerGroupMoves {
  constructor(private readonly page: Page) {}

  /** Adds the selected customers to `group` (or removes them), through the bulk bar's dialog. */
  async change(change: "add" | "remove", group: string): Promise<void> {
    await this.page.getByTestId(change === "add" ? "bulk-group_add" : "bulk-group_remove").click();
    const dialog = this.page.getByRole("dialog");
    await chooseOption(this.page, dialog.getByTestId("group-membership-pick"), group, true);
    await dialog.getByTestId("group-membership-ok").click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByTestId("bulk-bar")).toHaveCount(0);
  }

  /** Chooses a group in the search form's group filter and searches. */
  async filterBy(group: string): Promise<void> {
    await chooseOption(this.page, this.page.getByTestId("customer-search-group"), group, true);
    await this.page.getByTestId("customer-search").click();
  }
}
