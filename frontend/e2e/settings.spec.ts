import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { AppShell, chooseOption } from "./pages/AppShell";
import { LoginPage } from "./pages/LoginPage";
import { adminHeaders, createSalesRep, createUser, userHeaders } from "./sceneApi";

// 系统设置 → 邮件服务器 (SMTP) and 个人资料 → 通知设置, at a desktop's and a phone's width. The
// journeys sign in as users they create, so the admin's own language and profile stay as they are.

const PASSWORD = "Mail12345!x";
const VIEWPORTS = [
  { name: "1440", width: 1440, height: 900 },
  { name: "390", width: 390, height: 844 },
] as const;

type SmtpSettings = {
  configured: boolean;
  host: string | null;
  port: number | null;
  security: "none" | "starttls" | "tls" | null;
  username: string | null;
  password_set: boolean;
  from: string | null;
  from_name: string | null;
  version: number;
};

async function readSmtp(request: APIRequestContext): Promise<{ settings: SmtpSettings; etag: string }> {
  const answer = await request.get("/api/v1/settings/smtp", { headers: await adminHeaders(request) });
  expect(answer.ok(), await answer.text()).toBeTruthy();
  return { settings: (await answer.json()) as SmtpSettings, etag: answer.headers()["etag"] ?? "" };
}

/** Puts the settings back as they were (a stored password cannot be read back, so one that was set stays the journey's). */
async function restoreSmtp(request: APIRequestContext, before: SmtpSettings): Promise<void> {
  const { etag } = await readSmtp(request);
  if (!before.configured) {
    // E-mail was off before: turn it off again.
    const off = await request.delete("/api/v1/settings/smtp", { headers: { ...(await adminHeaders(request)), "If-Match": etag } });
    expect(off.ok(), await off.text()).toBeTruthy();
    return;
  }
  const body = {
    host: before.host,
    port: before.port,
    security: before.security,
    username: before.username,
    from: before.from,
    from_name: before.from_name,
    ...(before.password_set ? {} : { password: null }),
  };
  const put = await request.put("/api/v1/settings/smtp", { headers: { ...(await adminHeaders(request)), "If-Match": etag }, data: body });
  expect(put.ok(), await put.text()).toBeTruthy();
}

async function signIn(browser: Browser, baseURL: string | undefined, viewport: { width: number; height: number }, username: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL, locale: "zh-CN", viewport });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.login(username, PASSWORD);
  return page;
}

/** Nothing sideways: the page fits the window's width. */
async function fitsWidth(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

for (const viewport of VIEWPORTS) {
  test(`mail server (${viewport.name}): an admin saves the SMTP settings with a password, sees them reloaded, and a failed test e-mail says why`, async ({ browser, request }, testInfo) => {
    const suffix = `${viewport.name}${Date.now().toString(36)}`;
    const admin = { username: `smtp_admin_${suffix}`, displayName: `邮件管理员 ${suffix}`, password: PASSWORD };
    await createUser(request, admin, "admin");
    const ownAddress = `smtp-admin-${suffix}@example.com`;
    const own = await request.patch("/api/v1/me", { headers: await userHeaders(request, admin.username, PASSWORD), data: { email: ownAddress } });
    expect(own.ok(), await own.text()).toBeTruthy();
    const before = (await readSmtp(request)).settings;
    const page = await signIn(browser, testInfo.project.use.baseURL, viewport, admin.username);
    const shell = new AppShell(page);
    const form = page.getByTestId("smtp-form");
    const field = (label: string) => form.getByLabel(label, { exact: true });

    try {
      await test.step("the system menu leads to 邮件服务器", async () => {
        if (viewport.width < 768) {
          await page.getByTestId("menu-toggle").click();
          await expect(page.getByTestId("menu-drawer").getByTestId("menu-smtp")).toBeVisible();
          await page.getByTestId("menu-drawer").getByTestId("menu-smtp").click();
        } else {
          await shell.open("smtp");
        }
        await expect(page).toHaveURL(/\/system\/settings\/smtp$/);
        await expect(page).toHaveTitle(/^邮件服务器/);
        await expect(page.getByText("邮件服务器（SMTP）", { exact: true })).toBeVisible();
      });

      await test.step("the port follows the security while it is a usual one", async () => {
        await field("端口").fill("587");
        await chooseOption(page, form.getByTestId("smtp-security"), "STARTTLS");
        await chooseOption(page, form.getByTestId("smtp-security"), "SSL/TLS");
        await expect(field("端口")).toHaveValue("465");
        await chooseOption(page, form.getByTestId("smtp-security"), "不加密");
        await expect(field("端口")).toHaveValue("25");
        await expect(form).toContainText("常用端口：不加密 25，STARTTLS 587，SSL/TLS 465");
      });

      await test.step("a host the server refuses is marked on its field", async () => {
        await field("服务器地址").fill("bad host!");
        await field("发件人地址").fill(`crm-${suffix}@example.com`);
        await page.getByTestId("smtp-save").click();
        await expect(form.getByText("请输入有效的服务器域名或 IP 地址")).toBeVisible();
      });

      await test.step("save 127.0.0.1:2525 without encryption and with a password; reloaded, the password shows as set", async () => {
        await field("服务器地址").fill("127.0.0.1");
        await expect(form.getByText("请输入有效的服务器域名或 IP 地址")).toHaveCount(0);
        await field("端口").fill("2525");
        await field("用户名").fill(`crm-${suffix}`);
        await page.getByTestId("smtp-password").fill(`secret-${suffix}`);
        await field("发件人名称").fill("CRM 测试");
        await page.getByTestId("smtp-save").click();
        await expect(page.getByText("邮件服务器设置已保存")).toBeVisible();
        await page.reload();
        await expect(field("服务器地址")).toHaveValue("127.0.0.1");
        await expect(field("端口")).toHaveValue("2525");
        await expect(form.locator(".ant-select-selection-item")).toHaveText("不加密");
        await expect(page.getByTestId("smtp-password-state")).toHaveText("密码已设置");
        await expect(page.getByTestId("smtp-password")).toHaveValue("");
        await expect(page.getByTestId("smtp-password")).toHaveAttribute("placeholder", "已设置（留空则保持不变）");
        const saved = (await readSmtp(request)).settings;
        expect(saved).toMatchObject({ configured: true, host: "127.0.0.1", port: 2525, security: "none", username: `crm-${suffix}`, password_set: true, from_name: "CRM 测试" });
        await fitsWidth(page, viewport.width);
        await shell.screenshot(`settings-smtp-${viewport.name}-zh`);
      });

      await test.step("a test e-mail to the admin's own address fails (nothing listens on 2525), in Chinese with the server's words under it", async () => {
        await expect(page.getByTestId("smtp-test-to")).toHaveValue(ownAddress);
        await page.getByTestId("smtp-test-send").click();
        const result = page.getByTestId("smtp-test-result");
        await expect(result).toHaveAttribute("data-outcome", "failed", { timeout: 30_000 });
        await expect(result).toContainText(`测试邮件未能发送到 ${ownAddress}`);
        await expect(result).toContainText("邮件服务器或连接返回的原文");
        await expect(page.getByTestId("smtp-test-error")).not.toBeEmpty();
        await shell.screenshot(`settings-smtp-${viewport.name}-zh-test-failed`);
      });

      await test.step("a save over someone else's change is refused and the form reloads theirs", async () => {
        const { settings, etag } = await readSmtp(request);
        const other = await request.put("/api/v1/settings/smtp", {
          headers: { ...(await adminHeaders(request)), "If-Match": etag },
          data: { host: settings.host, port: settings.port, security: settings.security, username: settings.username, from: settings.from, from_name: "别人改的名称" },
        });
        expect(other.ok(), await other.text()).toBeTruthy();
        await field("发件人名称").fill("我改的名称");
        await page.getByTestId("smtp-save").click();
        await expect(page.getByText("其他人刚刚修改了邮件服务器设置")).toBeVisible();
        await expect(field("发件人名称")).toHaveValue("别人改的名称");
      });

      await test.step("清除密码 removes the stored password on save", async () => {
        await page.getByTestId("smtp-password-clear").click();
        await expect(page.getByTestId("smtp-password-state")).toHaveText("保存后将清除已保存的密码");
        await page.getByTestId("smtp-save").click();
        await expect(page.getByText("邮件服务器设置已保存")).toBeVisible();
        await expect(page.getByTestId("smtp-password-state")).toHaveText("未设置密码");
        expect((await readSmtp(request)).settings.password_set).toBe(false);
      });

      await test.step("in English the page is English (the user's own language setting)", async () => {
        // The Chinese toasts of the steps before go first, so the picture shows English only.
        await expect(page.locator(".ant-message-notice")).toHaveCount(0);
        await shell.switchLanguage("English");
        await expect(page).toHaveTitle(/^Mail server/);
        await expect(page.getByText("Mail server (SMTP)", { exact: true })).toBeVisible();
        await expect(form.locator(".ant-select-selection-item")).toHaveText("None");
        await page.getByTestId("smtp-test-send").click();
        await expect(page.getByTestId("smtp-test-result")).toContainText(`The test message could not be sent to ${ownAddress}`, { timeout: 30_000 });
        await fitsWidth(page, viewport.width);
        await shell.screenshot(`settings-smtp-${viewport.name}-en`);
      });

      await test.step("Turn e-mail off removes the settings, after a confirmation", async () => {
        await page.getByTestId("smtp-turn-off").click();
        await page.locator(".ant-popconfirm:visible").getByRole("button", { name: "Yes" }).click();
        await expect(page.getByText("E-mail is off")).toBeVisible();
        await expect(page.getByTestId("smtp-not-configured")).toBeVisible();
        await expect(page.getByTestId("smtp-turn-off")).toHaveCount(0);
        expect((await readSmtp(request)).settings.configured).toBe(false);
      });
    } finally {
      await restoreSmtp(request, before);
      await page.context().close();
    }
  });

  test(`notification settings (${viewport.name}): a rep has no mail server entry, turns e-mail off for one kind and it stays off`, async ({ browser, request }, testInfo) => {
    const suffix = `${viewport.name}${Date.now().toString(36)}`;
    const rep = { username: `mail_rep_${suffix}`, displayName: `通知代表 ${suffix}`, password: PASSWORD };
    await createSalesRep(request, rep);
    const page = await signIn(browser, testInfo.project.use.baseURL, viewport, rep.username);
    const shell = new AppShell(page);
    const settings = page.getByTestId("notification-settings");
    const row = (kind: string) => settings.locator(`[data-testid="notification-setting"][data-kind="${kind}"]`);

    try {
      await test.step("no 邮件服务器 in the menu, and its address is forbidden", async () => {
        if (viewport.width < 768) {
          await page.getByTestId("menu-toggle").click();
          await expect(page.getByTestId("menu-drawer").getByTestId("menu-customers")).toBeVisible();
          await expect(page.getByTestId("menu-drawer").getByTestId("menu-smtp")).toHaveCount(0);
          await page.keyboard.press("Escape");
        } else {
          await expect(shell.menuEntry("customers")).toBeVisible();
          await expect(shell.menuEntry("smtp")).toHaveCount(0);
        }
        await page.goto("/system/settings/smtp");
        await expect(page.locator(".ant-result-403")).toBeVisible();
      });

      await test.step("the profile lists each kind, in the app always, by e-mail on; without an address a hint leads to the e-mail field", async () => {
        await page.goto("/");
        await page.getByTestId("user-menu").click();
        await page.getByRole("menuitem", { name: "个人资料" }).click();
        await expect(page).toHaveURL(/\/profile$/);
        await expect(page.getByText("通知设置", { exact: true })).toBeVisible();
        await expect(settings.getByTestId("notification-setting")).toHaveCount(14);
        await expect(row("export.ready")).toContainText("后台导出完成");
        await expect(row("customer.assigned")).toContainText("客户分配给我");
        await expect(row("follow_up.due")).toContainText("跟进到期提醒");
        await expect(row("drive.shared")).toContainText("云盘文件共享给我");
        await expect(row("customer.shared").getByTestId("notification-setting-in-app")).toBeDisabled();
        await expect(row("customer.shared").getByTestId("notification-setting-in-app")).toBeChecked();
        await expect(row("customer.shared").getByTestId("notification-setting-email")).toBeChecked();
        await expect(page.getByTestId("notification-settings-no-email")).toContainText("收不到邮件通知");
        await page.getByTestId("notification-settings-add-email").click();
        await expect(page.locator("#profile_email")).toBeFocused();
      });

      await test.step("turn e-mail off for 客户共享给我; after a reload it is still off and the others on", async () => {
        await row("customer.shared").getByTestId("notification-setting-email").click();
        await expect(page.getByText("已关闭「客户共享给我」的邮件通知")).toBeVisible();
        await page.reload();
        await expect(row("customer.shared").getByTestId("notification-setting-email")).not.toBeChecked();
        await expect(row("customer.assigned").getByTestId("notification-setting-email")).toBeChecked();
        const saved = await request.get("/api/v1/me/notification-settings", { headers: await userHeaders(request, rep.username, PASSWORD) });
        const items = ((await saved.json()) as { items: { kind: string; email: boolean }[] }).items;
        expect(items.find((i) => i.kind === "customer.shared")?.email).toBe(false);
        expect(items.filter((i) => i.kind !== "customer.shared").every((i) => i.email)).toBe(true);
        await fitsWidth(page, viewport.width);
        await settings.scrollIntoViewIfNeeded();
        await shell.screenshot(`settings-profile-notifications-${viewport.name}-zh`);
      });

      await test.step("in English the kinds and the hint are English", async () => {
        await expect(page.locator(".ant-message-notice")).toHaveCount(0);
        await shell.switchLanguage("English");
        await expect(page.getByText("Notification settings", { exact: true })).toBeVisible();
        await expect(row("customer.shared")).toContainText("Customer shared with me");
        await expect(page.getByTestId("notification-settings-no-email")).toContainText("Your profile has no e-mail address");
        await fitsWidth(page, viewport.width);
        await shell.screenshot(`settings-profile-notifications-${viewport.name}-en`);
      });
    } finally {
      await page.context().close();
    }
  });
}
