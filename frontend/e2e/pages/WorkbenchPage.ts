import { expect, type Locator, type Page } from "@playwright/test";

/** The home page's workbench: cards by key, their items, the follow-up modal and the Mine/Team switch. */
export class WorkbenchPage {
  constructor(private readonly page: Page) {}

  async goto(query = ""): Promise<void> {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByTestId("workbench-cards")).toBeVisible();
  }

  card(key: string): Locator {
    return this.page.getByTestId(`workbench-card-${key}`);
  }

  total(key: string): Locator {
    return this.card(key).getByTestId("workbench-card-total");
  }

  items(key: string): Locator {
    return this.card(key).getByTestId("workbench-item");
  }

  item(key: string, name: string): Locator {
    return this.items(key).filter({ hasText: name });
  }

  /** The count the team breakdown shows for one rep on one card. */
  ownerCount(key: string, owner: string): Locator {
    return this.card(key).getByTestId("owner-count").filter({ hasText: owner }).getByTestId("owner-count-value");
  }

  reachSwitch(): Locator {
    return this.page.getByTestId("workbench-reach");
  }

  async switchReach(label: string): Promise<void> {
    await this.reachSwitch().getByText(label, { exact: true }).click();
  }

  /** 写跟进 on a card's item: notes, the next time from a shortcut, saved. */
  async logFollowUp(key: string, name: string, notes: string, next: "tomorrow" | "inThreeDays" | "nextWeek" = "inThreeDays"): Promise<void> {
    await this.item(key, name).getByTestId("workbench-follow-up").click();
    const modal = this.page.locator(".ant-modal").filter({ has: this.page.getByTestId("quick-follow-up-form") });
    await expect(modal).toBeVisible();
    await expect(modal).toContainText(name);
    // The type starts on the dictionary's first entry once the dictionary has loaded.
    await expect(modal.getByTestId("quick-follow-up-kind").locator(".ant-select-selection-item")).not.toBeEmpty();
    await modal.getByTestId("quick-follow-up-content").fill(notes);
    await modal.getByTestId(`quick-next-${next}`).click();
    // antd puts the test id on the picker's input itself.
    await expect(modal.getByTestId("quick-follow-up-next")).not.toHaveValue("");
    await modal.getByTestId("quick-follow-up-submit").click();
    await expect(modal).toBeHidden();
  }
}
