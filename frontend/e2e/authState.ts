import { test as base, type Browser } from "@playwright/test";
import { statSync } from "node:fs";
import { LoginPage } from "./pages/LoginPage";
import { adminStateOf, WORKER_SLOT } from "./servers";

/**
 * Where the admin's session on this worker's server is saved (auth.setup.ts saves every
 * worker's); specs reuse it with `test.use({ storageState })`.
 */
export const ADMIN_STATE = adminStateOf(WORKER_SLOT);

// The saved state is a snapshot: its access token lasts 15 minutes, and its refresh cookie can be
// spent once (the server revokes a session whose spent refresh token comes back). A suite that
// runs longer than the token would have the first spec past 15 minutes rotate the cookie and the
// next one sign the admin out for every spec after it. So a spec starts from a state younger than
// the token by a test's length: older than this, the admin signs in again before the test.
const STATE_MAX_AGE_MS = 8 * 60_000;

/** Signs the admin in through the login page and saves the session where specs read it (by default this worker's). */
export async function saveAdminState(browser: Browser, baseURL: string | undefined, path: string = ADMIN_STATE): Promise<void> {
  // A context made inside a test takes the test's options, the stale saved state among
  // them: start from no state at all.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.goto();
    await login.login("admin", "Admin12345!");
    await context.storageState({ path });
  } finally {
    await context.close();
  }
}

function stateAgeMs(): number {
  try {
    return Date.now() - statSync(ADMIN_STATE).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** `test` whose every test starts with a fresh enough admin state (see STATE_MAX_AGE_MS). */
export const test = base.extend<{ freshAdminState: void }>({
  freshAdminState: [
    async ({ browser, baseURL }, use) => {
      if (stateAgeMs() > STATE_MAX_AGE_MS) await saveAdminState(browser, baseURL);
      await use();
    },
    { auto: true },
  ],
  // The page's own context reads the state file, so it waits for the refresh above.
  storageState: async ({ storageState, freshAdminState: _ }, use) => {
    await use(storageState);
  },
});
