import { test as setup } from "@playwright/test";
import { ADMIN_STATE } from "./authState";
import { LoginPage } from "./pages/LoginPage";

// Spec files cannot import this setup file, so the path lives in authState.ts.
export { ADMIN_STATE };

// Logs the admin in once; specs that only need a signed-in admin reuse this storage state
// (`test.use({ storageState: ADMIN_STATE })`) instead of going through the login form again.
setup("log in as admin", async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.login("admin", "Admin12345!");
  await page.context().storageState({ path: ADMIN_STATE });
});
