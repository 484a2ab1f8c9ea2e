import { mkdirSync } from "node:fs";
import { expect, type Browser, type Page } from "@playwright/test";
import { LoginPage } from "./pages/LoginPage";

// What the multi-person journeys (approvals, contracts, receivables) share: a person's own
// browser context, screenshots at both widths, and typing a date into a picker.

/** SHOTS_DIR=/tmp/shots-x makes `shoot` save the pages a journey passes through. */
const SHOTS = process.env.SHOTS_DIR;

/** A fresh context signed in as `username` (or from a saved `storageState`), in Chinese at 1440 px. */
export async function signIn(browser: Browser, username: string, password: string, storageState?: string): Promise<Page> {
  const context = await browser.newContext({ storageState: storageState ?? { cookies: [], origins: [] }, locale: "zh-CN", viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  if (!storageState) {
    const login = new LoginPage(page);
    await login.goto();
    await login.login(username, password);
  }
  return page;
}

/** With SHOTS_DIR set: the page at 1440 px and at 390 px, then back to 1440 px. */
export async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  // Nothing may reach past a phone's width (a table scrolls inside its own box).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than a phone`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(300);
}

/** Types a day into the date picker of a test id. */
export async function setDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.click();
  await input.fill(date);
  await input.press("Enter");
  await expect(input).toHaveValue(date);
}
