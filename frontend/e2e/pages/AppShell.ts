import { expect, type Locator, type Page } from "@playwright/test";

/** The signed-in layout: side menu, language switch and user menu. */
export class AppShell {
  readonly menu: Locator;

  constructor(private readonly page: Page) {
    this.menu = page.getByTestId("side-menu");
  }

  menuEntry(key: string): Locator {
    return this.page.getByTestId(`menu-${key}`);
  }

  async open(key: string): Promise<void> {
    await this.menuEntry(key).click();
  }

  async switchLanguage(label: "中文" | "English"): Promise<void> {
    await this.page.getByTestId("language-switch").getByText(label, { exact: true }).click();
  }

  async logout(): Promise<void> {
    await this.page.getByTestId("user-menu").click();
    await this.page.getByRole("menuitem").last().click();
    await expect(this.page).toHaveURL(/\/login$/);
  }

  async screenshot(name: string): Promise<void> {
    // Let antd's open/close animations settle so the picture shows the final state.
    await this.page.waitForTimeout(300);
    await this.page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
  }
}

/**
 * Picks an option in an antd Select. With `search`, the label is typed first: long option lists
 * are virtualised, so an option far down is not in the DOM until the list is filtered.
 */
export async function chooseOption(page: Page, select: Locator, label: string, search = false): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (search) await page.keyboard.type(label);
    // The newest dropdown: the one before it may still be closing, and its options can contain the
    // label too (a user named 孙只读 while choosing 只读). An exact title wins over a partial text.
    const dropdown = page.locator(".ant-select-dropdown:visible").last();
    const exact = dropdown.locator(`.ant-select-item-option[title="${label}"]`);
    await expect(dropdown.locator(".ant-select-item-option").first()).toBeVisible();
    const option = (await exact.count()) > 0 ? exact.first() : dropdown.locator(`.ant-select-item-option:has-text("${label}")`).first();
    try {
      await option.click({ timeout: 10_000 });
      return;
    } catch (error) {
      // A virtual list re-rendered by a search's answer while the click lands can leave the click
      // scrolling a replaced node until it times out (CI, 2026-12-07): close it and choose again.
      if (attempt >= 2) throw error;
      await page.keyboard.press("Escape");
      await expect(dropdown).toBeHidden();
    }
  }
}

/**
 * Picks a region (省/市/区) in a region cascader by searching for its names and choosing the path
 * found, so a path may stop above the last level (a city with districts below it).
 */
export async function chooseRegion(page: Page, cascader: Locator, path: readonly string[]): Promise<void> {
  await cascader.click();
  await page.keyboard.type(path.join(" "));
  const label = path.join(" / ");
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  const found = page.locator(".ant-cascader-dropdown:visible .ant-cascader-menu-item").filter({ hasText: exact });
  await found.first().click();
  await expect(cascader.locator(".ant-select-selection-item")).toHaveText(label);
}

/**
 * Picks a node in an antd TreeSelect. The tree is virtualised: on a database other journeys have
 * filled, the node may be far down and not rendered, so the list scrolls until it shows.
 */
export async function chooseTreeNode(page: Page, select: Locator, title: string): Promise<void> {
  await select.click();
  const dropdown = page.locator(".ant-select-dropdown:visible");
  const node = dropdown.locator(`.ant-select-tree-node-content-wrapper[title="${title}"]`);
  await expect(dropdown.locator(".ant-select-tree-node-content-wrapper").first()).toBeVisible();
  for (let step = 0; step < 200 && (await node.count()) === 0; step++) {
    const moved = await dropdown.locator(".ant-select-tree-list-holder").evaluate((holder) => {
      const before = holder.scrollTop;
      holder.scrollTop += holder.clientHeight / 2;
      return holder.scrollTop !== before;
    });
    if (!moved) break;
    await page.waitForTimeout(50);
  }
  await node.click();
}

/**
 * Runs one of a list row's actions, found by a CSS selector (`[data-testid="x"]`): its button when
 * the row shows it, else the entry in the row's "…" menu.
 */
export async function rowAction(page: Page, row: Locator, selector: string): Promise<void> {
  await expect(row).toBeVisible();
  const inline = row.locator(selector);
  if ((await inline.count()) > 0) return inline.first().click();
  await row.getByTestId("row-actions").click();
  const entry = page.locator(".ant-dropdown:not(.ant-dropdown-hidden)").locator(selector);
  await expect(entry).toBeVisible();
  await entry.click();
}

/** A tab by its label, whatever count follows it ("公海 12"). */
export function tabByLabel(page: Page, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByRole("tab", { name: new RegExp(`^${escaped}(\\s*[\\d,]+\\+?)?$`) });
}
