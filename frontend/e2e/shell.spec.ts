import { expect } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";

test.use({ storageState: ADMIN_STATE });

test("the shell on a phone: a drawer menu that closes on navigation, one-line name, page titles and a favicon", async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE, locale: "zh-CN", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const notFound: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404) notFound.push(r.url());
  });
  await page.goto("/customers");
  await expect(page).toHaveTitle("客户管理 · 客户关系管理系统");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", "/favicon.svg");
  // No side menu over the page: the menu opens from the header and closes when the user navigates.
  await expect(page.getByTestId("side-menu")).toBeHidden();
  await page.getByTestId("menu-toggle").click();
  await expect(page.getByTestId("side-menu")).toBeVisible();
  await page.getByTestId("menu-roles").click();
  await expect(page).toHaveURL(/\/system\/roles$/);
  await expect(page.getByTestId("side-menu")).toBeHidden();
  await expect(page).toHaveTitle("角色管理 · 客户关系管理系统");
  // The user's name stays on one line (a single line of text is well under 40 px high).
  const name = await page.getByTestId("user-name").boundingBox();
  expect(name?.height ?? 0).toBeLessThan(40);
  // The header does not cover the page's title.
  const header = await page.locator(".ant-layout-header").boundingBox();
  const title = await page.getByRole("heading", { name: "角色管理" }).boundingBox();
  expect((title?.y ?? 0) >= (header?.y ?? 0) + (header?.height ?? 0)).toBe(true);
  expect(notFound).toEqual([]);
  await context.close();
});

test("the shell on a desktop keeps the menu folded across navigations", async ({ page }) => {
  await page.goto("/customers");
  await page.locator(".ant-layout-sider-trigger").click();
  await expect(page.locator(".ant-layout-sider")).toHaveClass(/ant-layout-sider-collapsed/);
  await page.goto("/system/users");
  await expect(page.locator(".ant-layout-sider")).toHaveClass(/ant-layout-sider-collapsed/);
  await page.locator(".ant-layout-sider-trigger").click();
  await expect(page.locator(".ant-layout-sider")).not.toHaveClass(/ant-layout-sider-collapsed/);
});
