import { expect, type Page } from "@playwright/test";

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/login");
    await expect(this.page.locator("form")).toBeVisible();
  }

  async submit(username: string, password: string): Promise<void> {
    await this.page.locator("input#username").fill(username);
    await this.page.locator("input#password").fill(password);
    await this.page.locator('form button[type="submit"]').click();
  }

  async login(username: string, password: string): Promise<void> {
    await this.submit(username, password);
    await expect(this.page.getByTestId("welcome")).toBeVisible();
  }
}
