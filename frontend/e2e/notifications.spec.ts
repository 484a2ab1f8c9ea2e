import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { LoginPage } from "./pages/LoginPage";
import { NotificationBell } from "./pages/NotificationBell";
import { adminHeaders, createCustomer, createSalesRep } from "./sceneApi";

// The bell in the header: a rep hears that a customer became theirs, reads it in the drawer,
// opens the customer from it, and clears the rest at once.

const PASSWORD = "Rep12345!pass";

type Rep = { id: string; username: string; displayName: string };

/** A new sales rep, with the id assignments need. */
async function newRep(request: APIRequestContext, suffix: string): Promise<Rep> {
  const rep = { username: `bell_${suffix}`, displayName: `铃声代表${suffix}`, password: PASSWORD };
  await createSalesRep(request, rep);
  const found = await request.get("/api/v1/users", { headers: await adminHeaders(request), params: { q: rep.username, page: 1, page_size: 20 } });
  expect(found.ok(), await found.text()).toBeTruthy();
  const user = ((await found.json()) as { items: { id: string; username: string }[] }).items.find((u) => u.username === rep.username);
  expect(user, rep.username).toBeDefined();
  return { id: user?.id ?? "", username: rep.username, displayName: rep.displayName };
}

/** A customer admin creates, puts in the public pool and assigns to the rep: the rep gets `customer.assigned`. */
async function assignNewCustomer(request: APIRequestContext, rep: Rep, name: string): Promise<string> {
  const id = await createCustomer(request, { name });
  const headers = await adminHeaders(request);
  const released = await request.post(`/api/v1/customers/${id}/release`, { headers, data: { reason: "x" } });
  expect(released.ok(), await released.text()).toBeTruthy();
  const assigned = await request.post("/api/v1/customers/assign", { headers, data: { customer_ids: [id], owner_id: rep.id } });
  expect(assigned.ok(), await assigned.text()).toBeTruthy();
  return id;
}

async function signIn(page: Page, rep: Rep): Promise<NotificationBell> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(rep.username, PASSWORD);
  return new NotificationBell(page);
}

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 } });
  return context.newPage();
}

test("notifications: a rep sees an assigned customer on the bell, opens it from the drawer, and marks the rest read", async ({ page, request }) => {
  const suffix = Date.now().toString(36);
  const rep = await newRep(request, suffix);
  const first = { name: `铃声客户甲-${suffix}`, id: "" };
  first.id = await assignNewCustomer(request, rep, first.name);
  const bell = await signIn(page, rep);

  await test.step("the badge counts the one unread notification", async () => {
    await bell.expectCount(1);
  });

  await test.step("the drawer says who assigned which customer, highlighted as unread", async () => {
    await bell.open();
    const item = bell.item(first.name);
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId("notification-text")).toHaveText(`admin 把客户「${first.name}」分配给了你`);
    await expect(item).toHaveAttribute("data-unread", "true");
    // "刚刚" normally; a loaded machine may take over a minute from the assignment to here.
    await expect(item.getByTestId("notification-time")).toHaveText(/^(刚刚|\d+ 分钟前)$/);
  });

  await test.step("clicking it opens the customer and clears the badge", async () => {
    await bell.item(first.name).click();
    await expect(page).toHaveURL(new RegExp(`/customers/${first.id}$`));
    await expect(page.getByTestId("customer-title")).toHaveText(first.name);
    await expect(bell.drawer).toBeHidden();
    await bell.expectCount(0);
  });

  await test.step("read, it stays in the list but not among the unread", async () => {
    await bell.open();
    await expect(bell.item(first.name)).toHaveAttribute("data-unread", "false");
    await bell.show("未读");
    await expect(bell.drawer.getByTestId("notification-empty")).toContainText("没有未读通知");
    await page.keyboard.press("Escape");
    await expect(bell.drawer).toBeHidden();
  });

  const more = [`铃声客户乙-${suffix}`, `铃声客户丙-${suffix}`] as const;
  for (const name of more) await assignNewCustomer(request, rep, name);

  await test.step("two more: the drawer's opening brings the count up to date, 全部已读 clears them", async () => {
    // The next poll is up to 30 s away; a reload asks at once.
    await page.reload();
    await bell.expectCount(2);
    await bell.open();
    await bell.show("全部");
    await expect(bell.drawer.locator('[data-testid="notification-item"][data-unread="true"]')).toHaveCount(2);
    await expect(bell.items().first()).toContainText(more[1]);
    await bell.markAllRead();
    await bell.expectCount(0);
    await expect(bell.drawer.locator('[data-testid="notification-item"][data-unread="true"]')).toHaveCount(0);
    await expect(bell.items()).toHaveCount(3);
    await expect(bell.drawer.getByTestId("notification-read-all")).toBeDisabled();
  });
});

test("notifications on a phone: the drawer takes the whole screen and opens the customer", async ({ browser, request }) => {
  const suffix = Date.now().toString(36);
  const rep = await newRep(request, `m${suffix}`);
  const name = `铃声手机客户-${suffix}`;
  const id = await assignNewCustomer(request, rep, name);
  const page = await phonePage(browser);
  const bell = await signIn(page, rep);

  await bell.expectCount(1);
  await bell.open();
  const box = await bell.drawer.boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(389);
  await expect(bell.item(name).getByTestId("notification-text")).toHaveText(`admin 把客户「${name}」分配给了你`);
  await bell.item(name).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${id}$`));
  await expect(page.getByTestId("customer-title")).toHaveText(name);
  await bell.expectCount(0);
  await page.context().close();
});
