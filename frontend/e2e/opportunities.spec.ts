import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { LoginPage } from "./pages/LoginPage";
import { OpportunityBoardPage, OpportunityDetailPage, OpportunityForm, OpportunityListPage } from "./pages/OpportunityPages";
import { adminHeaders, createDepartment, createUser, userHeaders } from "./sceneApi";

// A rep prices an opportunity with two product lines, wins it on the board; their manager sees it there.
test.use({ storageState: { cookies: [], origins: [] } });

const PASSWORD = "Opp0rtunity!23";

type Scene = { rep: string; manager: string; customer: string; products: [string, string]; suffix: string };

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["post"]>>, status = 201): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** A department with a rep and their manager, two products, and a customer of the rep's. */
async function createScene(request: APIRequestContext): Promise<Scene> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const departmentId = await createDepartment(request, `e2e 商机-${suffix}`);
  const rep = `opp-rep-${suffix}`;
  const manager = `opp-mgr-${suffix}`;
  await createUser(request, { username: rep, displayName: `商机代表-${suffix}`, password: PASSWORD, departmentId }, "sales_rep");
  await createUser(request, { username: manager, displayName: `商机经理-${suffix}`, password: PASSWORD, departmentId }, "sales_manager");
  const admin = await adminHeaders(request);
  const category = await ok<{ id: string }>(await request.post("/api/v1/product-categories", { headers: admin, data: { name: `商机类别-${suffix}` } }));
  const products: [string, string] = [`工学椅-${suffix}`, `升降桌-${suffix}`];
  await ok(await request.post("/api/v1/products", { headers: admin, data: { category_id: category.id, name: products[0], price: "1234.56" } }));
  await ok(await request.post("/api/v1/products", { headers: admin, data: { category_id: category.id, name: products[1], price: "19.99" } }));
  const customer = `商机测试客户-${suffix}`;
  await ok(await request.post("/api/v1/customers", { headers: await userHeaders(request, rep, PASSWORD), data: { kind: "company", name: customer } }));
  return { rep, manager, customer, products, suffix };
}

/**
 * Signs in through the login page. The rep's window is wide enough for all six columns: a real
 * mouse drag cannot scroll the board sideways while it holds a card.
 */
async function signIn(browser: Browser, username: string, width = 1440): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale: "zh-CN", viewport: { width, height: 900 } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.login(username, PASSWORD);
  return page;
}

test("opportunities: a rep prices one with two product lines, wins it on the board, and the manager sees it", async ({ browser, request }) => {
  const scene = await createScene(request);
  const name = `办公家具采购-${scene.suffix}`;
  const page = await signIn(browser, scene.rep, 2200);

  await test.step("the rep creates an opportunity with two lines; the live total and the server's agree", async () => {
    const list = new OpportunityListPage(page);
    await list.goto();
    await list.openCreate();
    const form = new OpportunityForm(page);
    await form.pickCustomer(scene.customer);
    await form.fillName(name);
    await form.fillLine(0, { product: scene.products[0], quantity: "3", discount: "10" });
    await expect(form.line(0).getByTestId("line-subtotal")).toHaveText("¥3,333.31");
    await form.fillLine(1, { product: scene.products[1], quantity: "2.5", discount: "0" });
    await expect(form.line(1).getByTestId("line-subtotal")).toHaveText("¥49.98");
    await expect(form.total()).toContainText("¥3,383.29");
    await form.save();
    const detail = new OpportunityDetailPage(page);
    await detail.expectOpen(name);
    await expect(detail.linesTotal()).toHaveText("¥3,383.29");
    await expect(page.getByTestId("opportunity-stage")).toHaveText("初步接洽");
  });

  await test.step("on the board it sits in the first stage; dragged to 赢单 the counts move with it", async () => {
    const board = new OpportunityBoardPage(page);
    await board.goto(scene.suffix);
    await expect(board.column("初步接洽").getByTestId("board-card")).toHaveCount(1);
    await expect(board.count("初步接洽")).toHaveText("1");
    await expect(board.count("赢单")).toHaveText("0");
    await board.drag(name, "赢单");
    await expect(board.count("初步接洽")).toHaveText("0");
    await expect(board.count("赢单")).toHaveText("1");
    await expect(board.column("赢单").getByTestId("board-card")).toContainText(name);
  });

  await test.step("the manager sees the won opportunity on the board", async () => {
    const managerPage = await signIn(browser, scene.manager);
    const board = new OpportunityBoardPage(managerPage);
    await board.goto(scene.suffix);
    await expect(board.column("赢单").getByTestId("board-card")).toContainText(name);
    await expect(board.count("赢单")).toHaveText("1");
    await expect(managerPage.getByTestId("board-owner")).toBeVisible();
    await managerPage.context().close();
  });
  await page.context().close();
});
