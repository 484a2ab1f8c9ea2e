import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/AppShell";
import { LoginPage } from "./pages/LoginPage";
import { ApiTokensPage, DepartmentsPage, RolesPage, UsersPage } from "./pages/SystemPages";

const ADMIN_PASSWORD = "Admin12345!";

// This spec is about logging in and out, so it starts without the shared admin session.
test.use({ storageState: { cookies: [], origins: [] } });

test("system administration: departments, roles, users and a restricted user's menu", async ({ page }) => {
  // Unique names keep the test repeatable against a server that is reused between runs.
  const suffix = Date.now().toString(36);
  const department = `销售一部-${suffix}`;
  const role = `只读用户-${suffix}`;
  const user = { username: `rep_${suffix}`, displayName: `张三 ${suffix}`, password: "Rep12345!x", department, role };
  const login = new LoginPage(page);
  const shell = new AppShell(page);

  await test.step("admin logs in", async () => {
    await login.goto();
    await shell.screenshot("01-login");
    // An unknown user (not admin, so no lockout) gets the server's 401 detail on the form.
    await login.submit(`nobody_${suffix}`, "wrong-password");
    await expect(page.getByTestId("login-error")).toBeVisible();
    await shell.screenshot("01-login-error");
    await login.login("admin", ADMIN_PASSWORD);
    await shell.screenshot("02-home-admin");
  });

  await test.step("language switches to English and back", async () => {
    await expect(shell.menuEntry("users")).toHaveText("用户管理");
    await shell.switchLanguage("English");
    await expect(shell.menuEntry("users")).toHaveText("Users");
    await expect(shell.menu).toContainText("System");
    await shell.screenshot("03-home-english");
    await shell.switchLanguage("中文");
    await expect(shell.menuEntry("users")).toHaveText("用户管理");
    await expect(shell.menu).toContainText("系统管理");
  });

  await test.step("create a department", async () => {
    await shell.open("departments");
    await expect(page).toHaveURL(/\/system\/departments$/);
    await new DepartmentsPage(page).create(department);
    await shell.screenshot("04-departments");
  });

  await test.step("edit the department twice; its history lists the last change, before and after", async () => {
    const departments = new DepartmentsPage(page);
    await departments.editRemark(department, "华东");
    await departments.editRemark(department, "华南");
    const history = await departments.openHistory(department);
    await expect(history.drawer).toContainText(`变更记录 · ${department}`);
    await expect(history.newestChange("备注").getByRole("cell")).toHaveText(["备注", "华东", "华南"]);
    await shell.screenshot("04-department-history");
    await history.close();
  });

  await test.step("create a role that may only read users, with data scope 'own records'", async () => {
    await shell.open("roles");
    await expect(page).toHaveURL(/\/system\/roles$/);
    await new RolesPage(page).create(role, ["users:read"], "本人", () => shell.screenshot("05-role-form"));
    await shell.screenshot("05-roles-list");
  });

  await test.step("create a user in that department with that role", async () => {
    await shell.open("users");
    await expect(page).toHaveURL(/\/system\/users$/);
    await new UsersPage(page).create(user);
    await shell.screenshot("06-users");
  });

  await test.step("look at the other system pages", async () => {
    await shell.open("audit-logs");
    await expect(page).toHaveURL(/\/system\/audit-logs$/);
    await expect(page.locator(".ant-table-row").first()).toBeVisible();
    await shell.screenshot("07-audit-logs");
    await shell.open("api-tokens");
    await expect(page).toHaveURL(/\/settings\/api-tokens$/);
    const secret = await new ApiTokensPage(page).create(`script-${suffix}`, "users:read", () => shell.screenshot("08-api-token-secret"));
    expect(secret.length).toBeGreaterThan(10);
    await shell.screenshot("08-api-tokens");
    await page.goto("/profile");
    await expect(page.locator(".ant-descriptions")).toContainText("admin");
    await shell.screenshot("09-profile");
  });

  await test.step("admin logs out; the new user logs in", async () => {
    await shell.logout();
    await login.login(user.username, user.password);
    await expect(page.getByTestId("welcome")).toContainText(user.displayName);
    await shell.screenshot("10-home-restricted");
  });

  await test.step("the menu shows only what the role permits", async () => {
    await expect(shell.menuEntry("users")).toBeVisible();
    await expect(shell.menuEntry("api-tokens")).toBeVisible();
    await expect(shell.menuEntry("roles")).toHaveCount(0);
    await expect(shell.menuEntry("departments")).toHaveCount(0);
    await expect(shell.menuEntry("audit-logs")).toHaveCount(0);
    await shell.open("users");
    await expect(page.getByTestId("user-create")).toHaveCount(0);
    await shell.screenshot("11-users-restricted");
  });

  await test.step("a page without permission shows 403, an unknown one 404", async () => {
    await page.goto("/system/roles");
    await expect(page.locator(".ant-result-403")).toBeVisible();
    await shell.screenshot("12-forbidden");
    await page.goto("/no/such/page");
    await expect(page.locator(".ant-result-404")).toBeVisible();
    await shell.screenshot("13-not-found");
  });
});
