import { mkdirSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { attachToComposer, CustomerFilesTab, DriveLimitsPage, DrivePage } from "./pages/DrivePages";
import { Customer360Page } from "./pages/CustomerPages";
import { LoginPage } from "./pages/LoginPage";
import { createCustomer, createSalesRep, createUser } from "./sceneApi";

// Each journey signs in as its own admin-role user (a fresh quota, and no saved language that
// another journey switched): the browser's language applies.
test.use({ storageState: { cookies: [], origins: [] } });

const SHOTS = "test-results/shots";

async function signInAsNewAdmin(page: Page, request: APIRequestContext, suffix: string, locale: "zh-CN" | "en" = "zh-CN"): Promise<void> {
  const user = { username: `drive_${suffix}`, displayName: `网盘管理员 ${suffix}`, password: "DriveTest!x1" };
  await createUser(request, user, "admin");
  await page.addInitScript((lang) => window.localStorage.setItem("crm.locale", lang), locale);
  const login = new LoginPage(page);
  await login.goto();
  await login.login(user.username, user.password);
}

async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test("customer 360 Files tab: upload a file, download the same bytes, delete it", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const customerId = await createCustomer(request, { name: `网盘附件测试有限公司-${suffix}`, city: "杭州" });
  await signInAsNewAdmin(page, request, suffix);
  const detail = new Customer360Page(page);
  const files = new CustomerFilesTab(page);
  const file = { name: `报价说明-${suffix}.txt`, text: `第一期报价 12,800 元 ${suffix}\n` };

  await detail.goto(customerId);
  await files.open("文件");
  await expect(files.root.getByTestId("files-empty")).toBeVisible();

  await test.step("upload through the drop area's input: listed with size and uploader", async () => {
    await files.upload(file);
    const row = files.row(file.name);
    await expect(row).toContainText(`${Buffer.byteLength(file.text)} B`);
    await expect(row).toContainText(`网盘管理员 ${suffix}`);
    await expect(row).toContainText("客户");
  });

  await test.step("download gives back the same name and text", async () => {
    const got = await files.download(file.name);
    expect(got).toEqual(file);
  });

  await test.step("delete after confirming", async () => {
    await files.delete(file.name);
    await expect(files.root.getByTestId("files-empty")).toBeVisible();
  });

  await test.step("a follow-up logged with an attachment: the file goes onto it and shows on the Files tab", async () => {
    const minutes = { name: `拜访纪要-${suffix}.txt`, text: `客户确认下月签约 ${suffix}\n` };
    const composer = await detail.startFollowUpFromHeader();
    await detail.fillComposer({ content: `上门拜访并留下纪要 ${suffix}` });
    await attachToComposer(composer, [minutes]);
    await detail.saveComposer();
    await files.open("文件");
    await expect(files.row(minutes.name)).toContainText("跟进记录");
    expect(await files.download(minutes.name)).toEqual(minutes);
  });
});

test("drive: new folder, upload into it, rename, share with a rep, quota grows", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const rep = { username: `drive_rep_${suffix}`, displayName: `李共享 ${suffix}`, password: "DriveRep!x1" };
  await createSalesRep(request, rep);
  await signInAsNewAdmin(page, request, suffix);
  const drive = new DrivePage(page);
  const folder = `合同模板-${suffix}`;
  const file = { name: `框架协议-${suffix}.txt`, text: `框架协议草稿，有效期一年。${suffix}\n`.repeat(40) };
  const renamed = `框架协议-终版-${suffix}.txt`;

  await drive.goto();
  await expect(page.getByTestId("drive-space-personal")).toBeVisible();
  await expect(drive.quotaText()).toContainText("已用 0 B");

  await test.step("a new folder, opened: the breadcrumb and the URL say where we are", async () => {
    await drive.newFolder(folder);
    await drive.openFolder(folder);
    await expect(page).toHaveURL(/folder=/);
    await expect(page.getByTestId("drive-empty")).toContainText("这个文件夹是空的");
  });

  await test.step("upload into it; the quota bar counts it", async () => {
    await drive.upload(file);
    await expect(drive.quotaText()).toContainText(`已用 ${(Buffer.byteLength(file.text) / 1024).toFixed(1)} KB`);
  });

  await test.step("rename, then the download carries the new name", async () => {
    await drive.rename(file.name, renamed);
    const got = await drive.download(renamed);
    expect(got).toEqual({ name: renamed, text: file.text });
  });

  await test.step("share with a rep who may view it; the dialog shows the share when opened again", async () => {
    await drive.shareWithUser(renamed, rep.displayName, "可查看");
    const list = await drive.sharesOf(renamed);
    await expect(list).toContainText(rep.displayName);
    await page.screenshot({ path: `${SHOTS}/drive-share-zh-CN-1440.png` });
    // Closed by its button: Escape reaches the dialog only while the focus is inside it.
    await page.locator(".ant-modal:visible").getByRole("button", { name: /取\s*消/ }).click();
    await expect(list).toBeHidden();
  });

  await test.step("move the file into another folder of the space through the folder tree", async () => {
    const archive = `归档-${suffix}`;
    await drive.breadcrumb().getByText("我的文件").click();
    await drive.newFolder(archive);
    await drive.openFolder(folder);
    await drive.move(renamed, archive, `${SHOTS}/drive-move-zh-CN-1440.png`);
    await drive.breadcrumb().getByText("我的文件").click();
    await drive.openFolder(archive);
    await expect(drive.row(renamed)).toBeVisible();
    await page.goBack();
  });

  await test.step("reload and Back keep the place", async () => {
    await drive.openFolder(`归档-${suffix}`);
    await page.reload();
    await expect(drive.row(renamed)).toBeVisible();
    await drive.breadcrumb().getByText("我的文件").click();
    await expect(drive.row(folder)).toBeVisible();
    await page.goBack();
    await expect(drive.row(renamed)).toBeVisible();
  });

  await test.step("delete the file, find it in the trash, bring it back", async () => {
    // Back refetches the folder's lists; the row menu is opened once they settled.
    await page.waitForLoadState("networkidle");
    await drive.delete(renamed);
    await expect(drive.row(renamed)).toHaveCount(0);
    await page.getByTestId("drive-trash-open").click();
    const item = page.getByTestId("drive-trash-item").filter({ hasText: renamed });
    await expect(item).toBeVisible();
    await item.getByTestId("drive-trash-restore").click();
    await expect(item).toHaveCount(0);
    await page.locator(".ant-drawer-open .ant-drawer-close").click();
    await expect(drive.row(renamed)).toBeVisible();
  });
});

test("admin drive limits: a quota in MB, saved with If-Match, shown after a reload; put back afterwards", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  await signInAsNewAdmin(page, request, suffix);
  const limits = new DriveLimitsPage(page);
  await limits.goto();
  await expect(limits.value("user_quota_bytes")).toHaveValue("10");
  await expect(limits.unit("user_quota_bytes")).toContainText("GB");

  await limits.set("user_quota_bytes", "1536", "MB");
  await limits.save("网盘容量已保存");
  await page.reload();
  await expect(limits.value("user_quota_bytes")).toHaveValue("1.5");
  await expect(limits.unit("user_quota_bytes")).toContainText("GB");
  await page.screenshot({ path: `${SHOTS}/drive-limits-zh-CN-1440.png`, fullPage: true });

  await test.step("a blank size is refused on its field", async () => {
    await limits.value("max_file_bytes").fill("");
    await page.getByTestId("drive-limits-save").click();
    await expect(page.getByText("请输入大小")).toBeVisible();
  });

  // Other journeys rely on the default quota.
  await limits.goto();
  await limits.set("user_quota_bytes", "10", "GB");
  await limits.save("网盘容量已保存");
});

test("drive and Files tab on a phone and a desktop, in Chinese and English: no sideways scroll; screenshots", async ({ browser, request }) => {
  mkdirSync(SHOTS, { recursive: true });
  for (const locale of ["zh-CN", "en"] as const) {
    const suffix = `${Date.now().toString(36)}${locale === "en" ? "e" : "z"}`;
    const customerId = await createCustomer(request, { name: `移动端附件测试有限公司-${suffix}`, city: "杭州" });
    const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signInAsNewAdmin(page, request, suffix, locale);
    const drive = new DrivePage(page);
    const files = new CustomerFilesTab(page);
    await drive.goto();
    await drive.newFolder(`${locale === "en" ? "Quotes" : "报价单"}-${suffix}`);
    await drive.upload({ name: `${locale === "en" ? "meeting-notes" : "会议纪要"}-${suffix}.txt`, text: "notes\n" });
    await new Customer360Page(page).goto(customerId);
    await files.open(locale === "en" ? "Files" : "文件");
    await files.upload({ name: `${locale === "en" ? "price-list" : "价格表"}-${suffix}.txt`, text: "price\n" });

    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await drive.goto();
      await expect(drive.row(`-${suffix}.txt`)).toBeVisible();
      if (width === 390) {
        await expect(page.getByTestId("drive-card").first()).toBeVisible();
        await expect(page.getByTestId("drive-space-select")).toBeVisible();
      }
      await expectNoSidewaysScroll(page, width);
      await page.screenshot({ path: `${SHOTS}/drive-${locale}-${width}.png`, fullPage: true });

      await files.goto(customerId);
      await expect(files.row(`-${suffix}.txt`)).toBeVisible();
      if (width === 390) await expect(page.getByTestId("file-card").first()).toBeVisible();
      await expectNoSidewaysScroll(page, width);
      await page.screenshot({ path: `${SHOTS}/files-tab-${locale}-${width}.png`, fullPage: true });
    }
    await context.close();
  }
});
