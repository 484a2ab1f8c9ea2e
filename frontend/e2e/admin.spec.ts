import { expect, type APIRequestContext } from "@playwright/test";
import { ADMIN_STATE, test } from "./authState";
import { DictionariesPage, RecycleBinPage } from "./pages/AdminPages";
import { AppShell } from "./pages/AppShell";

const ADMIN_PASSWORD = "Admin12345!";

test.use({ storageState: ADMIN_STATE });

/** The admin's Authorization header for API calls that set the scene or check the result. */
async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const login = await request.post("/api/v1/auth/login", { data: { username: "admin", password: ADMIN_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const { access_token } = (await login.json()) as { access_token: string };
  return { Authorization: `Bearer ${access_token}` };
}

test("dictionaries: add a code with both labels, relabel it, disable it; the URL keeps the kind", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const code = `e2e_${suffix}`;
  const shell = new AppShell(page);
  const dictionaries = new DictionariesPage(page);

  await test.step("open the page from the system menu and pick a kind", async () => {
    await page.goto("/");
    await shell.open("dictionaries");
    await expect(page).toHaveURL(/\/system\/dictionaries$/);
    await dictionaries.chooseKind("丢单原因");
    await expect(page).toHaveURL(/kind=lost_reason/);
  });

  await test.step("add a code, then change its Chinese label", async () => {
    await dictionaries.add(code, `价格过高-${suffix}`, `Too expensive ${suffix}`);
    await dictionaries.relabel(code, `报价过高-${suffix}`);
    await shell.screenshot("40-dictionaries");
  });

  await test.step("disable it: it stays listed, switched off, also after a reload", async () => {
    await expect(dictionaries.enabledSwitch(code)).toBeChecked();
    await dictionaries.enabledSwitch(code).click();
    await expect(dictionaries.enabledSwitch(code)).not.toBeChecked();
    await page.reload();
    await expect(dictionaries.row(code)).toContainText(`报价过高-${suffix}`);
    await expect(dictionaries.enabledSwitch(code)).not.toBeChecked();
  });

  await test.step("the server kept both labels and the state", async () => {
    const answer = await request.get("/api/v1/dictionaries/lost_reason", { headers: await adminHeaders(request) });
    const { items } = (await answer.json()) as { items: { code: string; label_zh: string; label_en: string; enabled: boolean }[] };
    expect(items.find((item) => item.code === code)).toMatchObject({ label_zh: `报价过高-${suffix}`, label_en: `Too expensive ${suffix}`, enabled: false });
  });

  await test.step("in English the kind and the columns are English", async () => {
    await shell.switchLanguage("English");
    await expect(page.getByTestId("dictionary-kind")).toContainText("Lost reason");
    await expect(page.getByRole("columnheader", { name: "English label" })).toBeVisible();
    await shell.screenshot("41-dictionaries-english");
    await shell.switchLanguage("中文");
  });
});

test("recycle bin: a deleted supplier shows who deleted it and when, and comes back on restore", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const name = `回收测试供应商-${suffix}`;
  const shell = new AppShell(page);
  const bin = new RecycleBinPage(page);
  const headers = await adminHeaders(request);
  let id = "";

  await test.step("a supplier is created and deleted", async () => {
    const created = await request.post("/api/v1/suppliers", { headers, data: { name } });
    expect(created.status()).toBe(201);
    id = ((await created.json()) as { id: string }).id;
    expect((await request.delete(`/api/v1/suppliers/${id}`, { headers })).status()).toBe(204);
  });

  await test.step("the bin lists it under suppliers with the deleter's name, not an id", async () => {
    await page.goto("/");
    await shell.open("recycle-bin");
    await expect(page).toHaveURL(/\/system\/recycle-bin$/);
    await bin.chooseEntity("供应商");
    await expect(page).toHaveURL(/entity=suppliers/);
    const row = bin.row(name);
    await expect(row).toContainText("供应商");
    await expect(row).toContainText("admin");
    await expect(row).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await shell.screenshot("42-recycle-bin");
  });

  await test.step("restore after confirming: it leaves the bin and is a supplier again", async () => {
    await bin.restore(name);
    expect((await request.get(`/api/v1/suppliers/${id}`, { headers })).status()).toBe(200);
    await page.goto(`/suppliers?q=${encodeURIComponent(name)}`);
    await expect(page.locator(".ant-table-row", { hasText: name })).toBeVisible();
  });

  await test.step("the supplier's change history (the kit's tab, open on every record page) tells of the restore", async () => {
    await page.goto(`/suppliers/${id}?tab=history`);
    await expect(page.getByRole("tab", { name: "变更记录" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("suppliers-history").locator(".ant-table-row", { hasText: "恢复" }).first()).toBeVisible();
    await shell.screenshot("43-supplier-history");
  });
});
