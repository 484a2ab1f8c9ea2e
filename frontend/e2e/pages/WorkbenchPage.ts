import { expect, type Locator, type Page } from "@playwright/test";

/** The home page's workbench: cards by key, their items, the follow-up composer and the Mine/Team switch. */
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

  /** The follow-up composer (the customer page's drawer) opened from a card. */
  composer(): Locator {
    return this.page.locator(".ant-drawer-content", { has: this.page.getByTestId("follow-up-content") });
  }

  /** 写跟进 on a card's item: opens the composer for that customer and waits for its type. */
  async startFollowUp(key: string, name: string): Promise<Locator> {
    await this.item(key, name).getByTestId("workbench-follow-up").click();
    const composer = this.composer();
    await expect(composer).toBeVisible();
    await expect(composer).toContainText(name);
    // The type starts on the dictionary's first entry once the dictionary has loaded.
    await expect(composer.getByTestId("follow-up-kind").locator(".ant-select-selection-item")).not.toBeEmpty();
    return composer;
  }

  /**
   * 写跟进 on a card's item: notes, the next time from a quick button (or typed as
   * `YYYY-MM-DD HH:mm` and confirmed with Enter, which must not save), saved.
   */
  async logFollowUp(key: string, name: string, notes: string, next: "tomorrow" | "in3days" | "nextWeek" | { typed: string } = "in3days"): Promise<void> {
    const composer = await this.startFollowUp(key, name);
    await composer.getByTestId("follow-up-content").fill(notes);
    const input = composer.locator("input#next_follow_up_at");
    if (typeof next === "string") {
      await composer.getByTestId(`follow-up-quick-${next}`).click();
      await expect(input).not.toHaveValue("");
    } else {
      await input.click();
      await input.fill(next.typed);
      await input.press("Enter");
      await expect(input).toHaveValue(next.typed);
      await expect(composer).toBeVisible();
    }
    await this.page.getByTestId("follow-up-save").click();
    await expect(composer).toBeHidden();
  }
}
