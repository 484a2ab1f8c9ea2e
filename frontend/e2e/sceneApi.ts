import { expect, type APIRequestContext } from "@playwright/test";

// Setting the scene through the API, as admin: what a journey needs before it starts, not what it tests.

const ADMIN_PASSWORD = "Admin12345!";

/** The admin's Authorization header. */
export async function adminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const login = await request.post("/api/v1/auth/login", { data: { username: "admin", password: ADMIN_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const { access_token } = (await login.json()) as { access_token: string };
  return { Authorization: `Bearer ${access_token}` };
}

/** A company customer owned by admin; returns its id. */
export async function createCustomer(request: APIRequestContext, customer: { name: string; city?: string }): Promise<string> {
  const created = await request.post("/api/v1/customers", { headers: await adminHeaders(request), data: { kind: "company", ...customer } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** A user with one of the built-in roles (`admin`, `sales_manager`, `sales_rep`), in a department if given; returns their id. */
export async function createUser(
  request: APIRequestContext,
  user: { username: string; displayName: string; password: string; departmentId?: string },
  roleName: string,
): Promise<string> {
  const headers = await adminHeaders(request);
  const roles = await request.get("/api/v1/roles", { headers, params: { page: 1, page_size: 200 } });
  expect(roles.ok()).toBeTruthy();
  const role = ((await roles.json()) as { items: { id: string; name: string }[] }).items.find((r) => r.name === roleName);
  expect(role, `built-in ${roleName} role`).toBeDefined();
  const created = await request.post("/api/v1/users", {
    headers,
    data: { username: user.username, display_name: user.displayName, password: user.password, role_ids: [role?.id], department_id: user.departmentId ?? null },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** A user with the built-in `sales_rep` role (their own records only). */
export async function createSalesRep(request: APIRequestContext, user: { username: string; displayName: string; password: string }): Promise<void> {
  await createUser(request, user, "sales_rep");
}

/** The Authorization header of any user, signed in through the API. */
export async function userHeaders(request: APIRequestContext, username: string, password: string): Promise<Record<string, string>> {
  const login = await request.post("/api/v1/auth/login", { data: { username, password } });
  expect(login.ok(), await login.text()).toBeTruthy();
  const { access_token } = (await login.json()) as { access_token: string };
  return { Authorization: `Bearer ${access_token}` };
}

/** A department (under `parentId`, if given); returns its id. */
export async function createDepartment(request: APIRequestContext, name: string, parentId?: string): Promise<string> {
  const created = await request.post("/api/v1/departments", { headers: await adminHeaders(request), data: { name, parent_id: parentId ?? null } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}
