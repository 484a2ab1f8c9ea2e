import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { AppShell } from "./pages/AppShell";
import { LoginPage } from "./pages/LoginPage";
import { adminHeaders, createSalesRep, createUser, userHeaders } from "./sceneApi";

// 系统设置 → 短信网关 and the SMS switches of 个人资料 → 通知设置, at a desktop's and a phone's
// width. The journeys sign in as users they create, so the admin's own language and profile stay
// as they are; the gateway settings are left as they were found.

const PASSWORD = "Sms12345!x";
const VIEWPORTS = [
  { name: "1440", width: 1440, height: 900 },
  { name: "390", width: 390, height: 844 },
] as const;
// Nothing listens on port 9 (discard), so the test message fails with the connection's error.
const GATEWAY_URL = "http://127.0.0.1:9/send?to={{to}}";

type SmsSettings = { configured: boolean; url: string | null; method: string | null; headers: Record<string, string>; body_template: string | null; secret_set: boolean; version: number };

async function readSms(request: APIRequestContext): Promise<{ settings: SmsSettings; etag: string; raw: string }> {
  const answer = await request.get("/api/v1/settings/sms", { headers: await adminHeaders(request) });
  expect(answer.ok(), await answer.text()).toBeTruthy();
  const raw = await answer.text();
  return { settings: JSON.parse(raw) as SmsSettings, etag: answer.headers()["etag"] ?? "", raw };
}

/** Puts the gateway back as it was (a stored secret cannot be read back, so one that was set stays the journey's). */
async function restoreSms(request: APIRequestContext, before: SmsSettings): Promise<void> {
  const { settings, etag } = await readSms(request);
  const headers = { ...(await adminHeaders(request)), "If-Match": etag };
  if (!before.configured) {
    if (!settings.configured) return;
    const off = await request.delete("/api/v1/settings/sms", { headers });
    expect(off.ok(), await off.text()).toBeTruthy();
    return;
  }
  const body = { url: before.url, method: before.method, headers: before.headers, body_template: before.body_template ?? "", ...(before.secret_set ? {} : { secret: null }) };
  const put = await request.put("/api/v1/settings/sms", { headers, data: body });
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

/** A full-page picture for review, outside the committed files. */
async function shot(page: Page, name: string): Promise<void> {
  await expect(page.locator(".ant-message-notice")).toHaveCount(0, { timeout: 10_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `test-results/shots/${name}.png`, fullPage: true });
}

for (const viewport of VIEWPORTS) {
  test(`SMS gateway (${viewport.name}): an admin saves a gateway with a header and a secret, sees it kept, a failed test says why, and turns SMS off`, async ({ browser, request }, testInfo) => {
    const suffix = `${viewport.name}${Date.now().toString(36)}`;
    const admin = { username: `sms_admin_${suffix}`, displayName: `短信管理员 ${suffix}`, password: PASSWORD };
    await createUser(request, admin, "admin");
    const before = (await readSms(request)).settings;
    const secret = `sig-${suffix}-secret`;
    const apiKey = `key-${suffix}`;
    const page = await signIn(browser, testInfo.project.use.baseURL, viewport, admin.username);
    const shell = new AppShell(page);
    const form = page.getByTestId("sms-form");
    const rows = form.getByTestId("sms-header-row");

    try {
      await test.step("the system menu leads to 短信网关", async () => {
        if (viewport.width < 768) {
          await page.getByTestId("menu-toggle").click();
          await page.getByTestId("menu-drawer").getByTestId("menu-sms").click();
        } else {
          await shell.open("sms");
        }
        await expect(page).toHaveURL(/\/system\/settings\/sms$/);
        await expect(page).toHaveTitle(/^短信网关/);
        await expect(page.getByTestId("sms-signature-help")).toContainText("X-CRM-Signature");
        if (!before.configured) await expect(page.getByTestId("sms-not-configured")).toBeVisible();
      });

      await test.step("a URL and a body without {{to}} is refused on the template's field", async () => {
        await page.getByTestId("sms-url").fill("http://127.0.0.1:9/send");
        await page.getByTestId("sms-body-template").fill("hello");
        await page.getByTestId("sms-save").click();
        await expect(form).toContainText("网关地址或请求体中须包含 {{to}}");
      });

      await test.step("fill URL, POST, a header, the JSON example and a secret; save", async () => {
        await page.getByTestId("sms-url").fill(GATEWAY_URL);
        await page.getByTestId("sms-method").getByText("POST", { exact: true }).click();
        while ((await rows.count()) > 0) await rows.first().getByTestId("sms-header-remove").click();
        await page.getByTestId("sms-header-add").click();
        await rows.nth(0).getByTestId("sms-header-name").fill("X-Api-Key");
        await rows.nth(0).getByTestId("sms-header-value").fill(apiKey);
        await page.getByTestId("sms-json-example").click();
        await expect(page.getByTestId("sms-body-template")).toHaveValue('{"phone": "{{to}}", "content": "{{text}}"}');
        await expect(rows).toHaveCount(2);
        await expect(rows.nth(1).getByTestId("sms-header-name")).toHaveValue("Content-Type");
        await page.getByTestId("sms-secret").fill(secret);
      });

      await test.step("a header value the server refuses (over 1000 bytes) is marked on the headers, and editing them clears it", async () => {
        await rows.nth(0).getByTestId("sms-header-value").fill("x".repeat(1001));
        await page.getByTestId("sms-save").click();
        const refused = form.getByText("值须为一行且不超过 1000 字节", { exact: false });
        await expect(refused).toBeVisible();
        await rows.nth(0).getByTestId("sms-header-value").fill(apiKey);
        await expect(refused).toHaveCount(0);
      });

      await test.step("save", async () => {
        await page.getByTestId("sms-save").click();
        await expect(page.getByText("短信网关设置已保存")).toBeVisible();
      });

      await test.step("reloaded, the settings are kept and the secret shows as set, never itself", async () => {
        await page.reload();
        await expect(page.getByTestId("sms-url")).toHaveValue(GATEWAY_URL);
        await expect(page.getByTestId("sms-method").locator(".ant-segmented-item-selected")).toHaveText("POST");
        await expect(rows).toHaveCount(2);
        const names = await rows.getByTestId("sms-header-name").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
        expect(names.sort()).toEqual(["Content-Type", "X-Api-Key"]);
        await expect(form.getByTestId("sms-header-value").and(page.locator(`[value="${apiKey}"]`))).toHaveCount(1);
        await expect(page.getByTestId("sms-secret-state")).toHaveText("已设置");
        await expect(page.getByTestId("sms-secret")).toHaveValue("");
        await expect(page.getByTestId("sms-secret")).toHaveAttribute("placeholder", "已设置（留空则保持不变）");
        expect(await page.content()).not.toContain(secret);
        const saved = await readSms(request);
        expect(saved.settings).toMatchObject({ configured: true, url: GATEWAY_URL, method: "POST", headers: { "X-Api-Key": apiKey, "Content-Type": "application/json" }, secret_set: true });
        expect(saved.raw).not.toContain(secret);
        await fitsWidth(page, viewport.width);
      });

      await test.step("a test message to 13800138000 is not delivered, with the connection's error", async () => {
        await page.getByTestId("sms-test-to").fill("13800138000");
        await page.getByTestId("sms-test-send").click();
        const result = page.getByTestId("sms-test-result");
        await expect(result).toHaveAttribute("data-outcome", "failed", { timeout: 30_000 });
        await expect(result).toContainText("测试短信未能发送到 13800138000");
        await expect(result).toContainText("未能连接网关");
        await expect(page.getByTestId("sms-test-error")).not.toBeEmpty();
        await fitsWidth(page, viewport.width);
        await shot(page, `sms-settings-${viewport.name}-zh`);
      });

      await test.step("a save over someone else's change is refused and the form reloads theirs", async () => {
        const { settings, etag } = await readSms(request);
        const other = await request.put("/api/v1/settings/sms", {
          headers: { ...(await adminHeaders(request)), "If-Match": etag },
          data: { url: `${GATEWAY_URL}&from=other`, method: settings.method, headers: settings.headers, body_template: settings.body_template },
        });
        expect(other.ok(), await other.text()).toBeTruthy();
        await page.getByTestId("sms-url").fill(`${GATEWAY_URL}&from=me`);
        await page.getByTestId("sms-save").click();
        await expect(page.getByText("其他人刚刚修改了短信网关设置")).toBeVisible();
        await expect(page.getByTestId("sms-url")).toHaveValue(`${GATEWAY_URL}&from=other`);
        await expect(page.getByTestId("sms-secret-state")).toHaveText("已设置");
      });

      await test.step("in English the page is English", async () => {
        await shell.switchLanguage("English");
        await expect(page).toHaveTitle(/^SMS gateway/);
        await expect(page.getByTestId("sms-secret-state")).toHaveText("Set");
        await page.getByTestId("sms-test-send").click();
        await expect(page.getByTestId("sms-test-result")).toContainText("The test message could not be sent to 13800138000", { timeout: 30_000 });
        await fitsWidth(page, viewport.width);
        await shot(page, `sms-settings-${viewport.name}-en`);
      });

      await test.step("Turn SMS off removes the settings, after a confirmation", async () => {
        await page.getByTestId("sms-turn-off").click();
        await page.locator(".ant-popconfirm:visible").getByRole("button", { name: "Yes" }).click();
        await expect(page.getByText("SMS is off")).toBeVisible();
        await expect(page.getByTestId("sms-not-configured")).toBeVisible();
        await expect(page.getByTestId("sms-secret-state")).toHaveText("Not set (requests are not signed)");
        expect((await readSms(request)).settings.configured).toBe(false);
      });
    } finally {
      await restoreSms(request, before);
      await page.context().close();
    }
  });

  test(`notification settings (${viewport.name}): a rep without a phone is told so, turns SMS on for one kind, sees it kept, and turns it off`, async ({ browser, request }, testInfo) => {
    const suffix = `${viewport.name}${Date.now().toString(36)}`;
    const rep = { username: `sms_rep_${suffix}`, displayName: `短信代表 ${suffix}`, password: PASSWORD };
    await createSalesRep(request, rep);
    const page = await signIn(browser, testInfo.project.use.baseURL, viewport, rep.username);
    const shell = new AppShell(page);
    const settings = page.getByTestId("notification-settings");
    const sms = (kind: string) => settings.locator(`[data-testid="notification-setting"][data-kind="${kind}"]`).getByTestId("notification-setting-sms");
    const stored = async (kind: string) => {
      const answer = await request.get("/api/v1/me/notification-settings", { headers: await userHeaders(request, rep.username, PASSWORD) });
      return ((await answer.json()) as { items: { kind: string; email: boolean; sms?: boolean | null }[] }).items.find((i) => i.kind === kind);
    };

    try {
      await test.step("no 短信网关 in a rep's menu, and its address is forbidden", async () => {
        if (viewport.width < 768) {
          await page.getByTestId("menu-toggle").click();
          await expect(page.getByTestId("menu-drawer").getByTestId("menu-customers")).toBeVisible();
          await expect(page.getByTestId("menu-drawer").getByTestId("menu-sms")).toHaveCount(0);
          await page.keyboard.press("Escape");
        } else {
          await expect(shell.menuEntry("customers")).toBeVisible();
          await expect(shell.menuEntry("sms")).toHaveCount(0);
        }
        await page.goto("/system/settings/sms");
        await expect(page.locator(".ant-result-403")).toBeVisible();
      });

      await test.step("every kind has an SMS switch, off; without a phone a hint leads to the phone field", async () => {
        await page.goto("/profile");
        await expect(settings.getByTestId("notification-setting")).toHaveCount(14);
        await expect(settings.getByTestId("notification-setting-sms")).toHaveCount(14);
        for (const box of await settings.getByTestId("notification-setting-sms").all()) await expect(box).not.toBeChecked();
        await expect(page.getByTestId("notification-settings-no-phone")).toContainText("收不到短信通知");
        await page.getByTestId("notification-settings-add-phone").click();
        await expect(page.locator("#profile_phone")).toBeFocused();
      });

      await test.step("turn SMS on for 客户分配给我; after a reload it is still on, e-mail unchanged", async () => {
        await sms("customer.assigned").click();
        await expect(page.getByText("已开启「客户分配给我」的短信通知")).toBeVisible();
        await page.reload();
        await expect(sms("customer.assigned")).toBeChecked();
        await expect(sms("customer.shared")).not.toBeChecked();
        expect(await stored("customer.assigned")).toMatchObject({ sms: true, email: true });
        await fitsWidth(page, viewport.width);
        await settings.scrollIntoViewIfNeeded();
        await shot(page, `profile-notifications-${viewport.name}-zh`);
      });

      await test.step("in English, then turned off again", async () => {
        await shell.switchLanguage("English");
        await expect(page.getByTestId("notification-settings-no-phone")).toContainText("Your profile has no phone number");
        await expect(settings).toContainText("SMS");
        await fitsWidth(page, viewport.width);
        await shot(page, `profile-notifications-${viewport.name}-en`);
        await sms("customer.assigned").click();
        await expect(page.getByText('Text messages off for "Customer assigned to me"')).toBeVisible();
        await page.reload();
        await expect(sms("customer.assigned")).not.toBeChecked();
        expect((await stored("customer.assigned"))?.sms).toBe(false);
      });
    } finally {
      await page.context().close();
    }
  });
}
