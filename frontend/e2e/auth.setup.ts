import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, saveAdminState } from "./authState";
import { LoginPage } from "./pages/LoginPage";
import { adminStateOf, SERVER_URLS, WORKER_SLOT } from "./servers";

// Spec files cannot import this setup file, so the path lives in authState.ts.
export { ADMIN_STATE };

// Logs the admin in once; specs that only need a signed-in admin reuse this storage state
// (`test.use({ storageState: ADMIN_STATE })`) instead of going through the login form again.
setup("log in as admin", async ({ page, browser }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.login("admin", "Admin12345!");
  // The refresh token lives in an HttpOnly cookie that only the auth paths get, never where a
  // script on the page could read it.
  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === "crm_refresh");
  expect(refresh?.httpOnly).toBe(true);
  expect(refresh?.sameSite).toBe("Strict");
  expect(refresh?.path).toBe("/api/v1/auth");
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).not.toContain("refresh");
  expect(await page.evaluate(() => document.cookie)).not.toContain("crm_refresh");
  await page.context().storageState({ path: ADMIN_STATE });
  // The other workers' servers too, so no worker starts from a session an earlier run left.
  for (const [slot, url] of SERVER_URLS.entries()) {
    if (slot !== WORKER_SLOT) await saveAdminState(browser, url, adminStateOf(slot));
  }
});
