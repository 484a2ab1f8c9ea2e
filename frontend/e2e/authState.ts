/** Where auth.setup.ts saves the admin's session; specs reuse it with `test.use({ storageState })`. */
export const ADMIN_STATE = "e2e/.auth/admin.json";
