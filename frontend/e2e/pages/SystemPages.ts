import { expect, type Locator, type Page } from "@playwright/test";
import { chooseOption, chooseTreeNode, rowAction } from "./AppShell";

/** A record's change history in the drawer a list row's "History" opens. */
export class HistoryDrawer {
  readonly drawer: Locator;

  constructor(private readonly page: Page) {
    this.drawer = page.getByTestId("history-drawer");
  }

  /** The newest entry's change to the field labelled `label`: its cells are field, before, after. */
  newestChange(label: string): Locator {
    return this.drawer.locator(".ant-table-expanded-row").first().locator("tr", { has: this.page.getByRole("cell", { name: label, exact: true }) });
  }

  async close(): Promise<void> {
    await this.drawer.locator(".ant-drawer-close").click();
    await expect(this.drawer).toBeHidden();
  }
}

export class DepartmentsPage {
  constructor(private readonly page: Page) {}

  row(name: string): Locator {
    return this.page.locator(".ant-table-row", { has: this.page.getByRole("cell", { name, exact: true }) });
  }

  async editRemark(name: string, remark: string): Promise<void> {
    await rowAction(this.page, this.row(name), '[data-testid="department-edit"]');
    const dialog = this.page.getByRole("dialog");
    await dialog.locator("textarea#remark").fill(remark);
    await dialog.getByTestId("department-save").click();
    await expect(dialog).toBeHidden();
    await expect(this.row(name)).toContainText(remark);
  }

  async openHistory(name: string): Promise<HistoryDrawer> {
    await rowAction(this.page, this.row(name), '[data-testid^="history-"]');
    const history = new HistoryDrawer(this.page);
    await expect(history.drawer).toBeVisible();
    return history;
  }

  async create(name: string): Promise<void> {
    await this.page.getByTestId("department-create").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("department-name").fill(name);
    await dialog.getByTestId("department-save").click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByRole("cell", { name, exact: true })).toBeVisible();
  }
}

export class RolesPage {
  constructor(private readonly page: Page) {}

  /** Creates a role with the given permission codes and data scope label. */
  async create(name: string, permissions: string[], dataScopeLabel: string, beforeSave?: () => Promise<void>): Promise<void> {
    await this.page.getByTestId("role-create").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByTestId("role-name").fill(name);
    await chooseOption(this.page, dialog.getByTestId("role-data-scope"), dataScopeLabel);
    for (const code of permissions) {
      const box = dialog.getByTestId(`perm-${code}`);
      await box.click();
      await expect(box).toBeChecked();
    }
    await beforeSave?.();
    await dialog.getByTestId("role-save").click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByRole("cell", { name, exact: true })).toBeVisible();
  }
}

export type NewUser = {
  username: string;
  displayName: string;
  password: string;
  department: string;
  role: string;
};

export class UsersPage {
  constructor(private readonly page: Page) {}

  async create(user: NewUser): Promise<void> {
    await this.page.getByTestId("user-create").click();
    const drawer = this.page.locator(".ant-drawer-content");
    await drawer.locator("input#username").fill(user.username);
    await drawer.locator("input#display_name").fill(user.displayName);
    await drawer.locator("input#password").fill(user.password);
    await chooseTreeNode(this.page, drawer.getByTestId("user-department"), user.department);
    await chooseOption(this.page, drawer.getByTestId("user-roles"), user.role, true);
    // Close the multi-select dropdown before saving.
    await this.page.keyboard.press("Escape");
    await this.page.getByTestId("user-save").click();
    await expect(drawer).toBeHidden();
    await expect(this.page.getByRole("cell", { name: user.username, exact: true })).toBeVisible();
  }
}

export class ApiTokensPage {
  constructor(private readonly page: Page) {}

  /** Creates a token and returns the secret shown once. */
  async create(name: string, scope: string, onSecretShown?: () => Promise<void>): Promise<string> {
    await this.page.getByTestId("api-token-create").click();
    const dialog = this.page.getByRole("dialog");
    await dialog.locator("input#name").fill(name);
    await chooseOption(this.page, dialog.getByTestId("api-token-scopes"), scope, true);
    await this.page.keyboard.press("Escape");
    await dialog.getByTestId("api-token-save").click();
    const secret = this.page.getByTestId("token-secret");
    await expect(secret).toHaveValue(/.+/);
    const value = await secret.inputValue();
    await onSecretShown?.();
    await this.page.getByTestId("token-secret-done").click();
    await expect(this.page.getByRole("cell", { name, exact: true })).toBeVisible();
    return value;
  }
}
