import { expect, type Locator, type Page } from "@playwright/test";

/** The global search (Ctrl+K): its box, grouped results and recently viewed records. */
export class SearchPalette {
  readonly dialog: Locator;
  readonly input: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByTestId("search-palette");
    this.input = page.getByTestId("search-input");
  }

  /** Opens it with the shortcut, ready to type. */
  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press("Control+k");
    await expect(this.input).toBeFocused();
  }

  /** Opens it from the header (the box on a desktop, the icon on a phone). */
  async openFromHeader(): Promise<void> {
    await this.page.getByTestId("search-open").click();
    await expect(this.input).toBeFocused();
  }

  group(source: string): Locator {
    return this.page.getByTestId(`search-group-${source}`);
  }

  results(): Locator {
    return this.page.getByTestId("search-result");
  }

  /** The result the keyboard is on. */
  active(): Locator {
    return this.page.locator('[data-testid="search-result"][aria-selected="true"]');
  }

  recents(): Locator {
    return this.page.getByTestId("search-recents").getByTestId("search-result");
  }

  /** Presses ↓ until the result with this text is the active one. */
  async moveTo(text: string): Promise<void> {
    const count = await this.results().count();
    for (let i = 0; i <= count; i++) {
      if (((await this.active().textContent()) ?? "").includes(text)) return;
      await this.page.keyboard.press("ArrowDown");
    }
    await expect(this.active()).toContainText(text);
  }
}
