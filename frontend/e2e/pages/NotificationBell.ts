import { expect, type Locator, type Page } from "@playwright/test";

/** The header's bell and its drawer. */
export class NotificationBell {
  readonly bell: Locator;
  readonly drawer: Locator;

  constructor(private readonly page: Page) {
    this.bell = page.getByTestId("notification-bell");
    this.drawer = page.locator(".ant-drawer-content").filter({ has: page.getByTestId("notification-filter") });
  }

  /** The badge's number, 0 when it shows none. */
  async expectCount(count: number): Promise<void> {
    await expect(this.bell).toHaveAttribute("data-count", String(count));
    const badge = this.page.locator(".ant-badge").filter({ has: this.bell }).locator(".ant-badge-count");
    if (count > 0) await expect(badge).toHaveAttribute("title", String(count));
    else await expect(badge).toHaveCount(0);
  }

  async open(): Promise<void> {
    await this.bell.click();
    await expect(this.drawer).toBeVisible();
  }

  items(): Locator {
    return this.drawer.getByTestId("notification-item");
  }

  item(text: string): Locator {
    return this.items().filter({ hasText: text });
  }

  async show(filter: "未读" | "全部" | "Unread" | "All"): Promise<void> {
    await this.drawer.getByTestId("notification-filter").getByText(filter, { exact: false }).click();
  }

  async markAllRead(): Promise<void> {
    await this.drawer.getByTestId("notification-read-all").click();
  }
}
