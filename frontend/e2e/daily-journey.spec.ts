import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { components } from "../src/api/schema";
import { Customer360Page } from "./pages/CustomerPages";
import { LoginPage } from "./pages/LoginPage";
import { SearchPalette } from "./pages/SearchPalette";
import { WorkbenchPage } from "./pages/WorkbenchPage";
import { adminHeaders, createDepartment, createUser, userHeaders } from "./sceneApi";
import { readFileSync } from "node:fs";

/** One of the app's translation files (read, not imported: Playwright's loader wants JSON imports marked). */
function texts(locale: string, namespace: string): any {
  return JSON.parse(readFileSync(new URL(`../src/i18n/${locale}/${namespace}.json`, import.meta.url), "utf8"));
}
const zhWorkbench = texts("zh-CN", "workbench");
const enWorkbench = texts("en", "workbench");
const zhCommon = texts("zh-CN", "common");
const enCommon = texts("en", "common");
const zhCustomers = texts("zh-CN", "customers");
const enCustomers = texts("en", "customers");

// A rep's day and their manager's look at the team, end to end, in each language and on a desktop
// and a phone: what is due today, a follow-up logged from the workbench in one click, the customer
// found from the header's search and a follow-up started from its 360 header, then the manager's
// team view. Each run makes its own department, manager, rep and customers, so counts are exact;
// the words checked come from the app's own translation files.

const PASSWORD = "Daily-Journey-1";
const ZONE = "Asia/Shanghai";
// Shanghai keeps UTC+8 all year, so its days are simple arithmetic (as in workbench.spec.ts).
const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

const DUE = "customers.follow_ups_due_today";
const OVERDUE = "customers.follow_ups_overdue";
const NEW = "customers.new_this_week";

type Locale = "zh-CN" | "en";

/** The words each journey checks, in one language, with the other language's as markers that must not show. */
const WORDS = {
  "zh-CN": {
    dueTitle: zhWorkbench.cards.customers.follow_ups_due_today.title,
    overdueTitle: zhWorkbench.cards.customers.follow_ups_overdue.title,
    dueEmpty: zhWorkbench.cards.customers.follow_ups_due_today.empty,
    logFollowUp: zhWorkbench.followUp.action,
    team: zhWorkbench.reach.team,
    added: zhCustomers.followUps.added,
    headerFollowUp: zhCustomers.composer.createTitle,
    homeTitle: zhCommon.app.documentTitle.replace("{{page}}", zhCommon.menu.home),
  },
  en: {
    dueTitle: enWorkbench.cards.customers.follow_ups_due_today.title,
    overdueTitle: enWorkbench.cards.customers.follow_ups_overdue.title,
    dueEmpty: enWorkbench.cards.customers.follow_ups_due_today.empty,
    logFollowUp: enWorkbench.followUp.action,
    team: enWorkbench.reach.team,
    added: enCustomers.followUps.added,
    headerFollowUp: enCustomers.composer.createTitle,
    homeTitle: enCommon.app.documentTitle.replace("{{page}}", enCommon.menu.home),
  },
} as const;

const OTHER: Record<Locale, Locale> = { "zh-CN": "en", en: "zh-CN" };

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

type Person = { username: string; displayName: string };
type Scene = { rep: Person; manager: Person; due: string; overdue: string; word: string; suffix: string };

function startOfToday(now = Date.now()): number {
  return Math.floor((now + OFFSET) / DAY) * DAY - OFFSET;
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>, status = 200): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** A customer the rep owns, with a follow-up in the past that planned the next one at `next`. */
async function customerOf(request: APIRequestContext, headers: Record<string, string>, kind: string, name: string, next: number): Promise<void> {
  const customer = await ok<{ id: string }>(await request.post("/api/v1/customers", { headers, data: { kind: "company", name } }), 201);
  const occurred = Math.min(next - DAY, Date.now() - HOUR);
  await ok(
    await request.post("/api/v1/follow-ups", {
      headers,
      data: { customer_id: customer.id, kind, content: "first call / 首次电话", occurred_at: new Date(occurred).toISOString(), next_follow_up_at: new Date(next).toISOString() },
    }),
    201,
  );
}

/** A department with a sales manager and a rep in it, both in `locale`; the rep's customers: one due today, one overdue. */
async function createScene(request: APIRequestContext, locale: Locale): Promise<Scene> {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const departmentId = await createDepartment(request, `e2e 日常-${suffix}`);
  const zh = locale === "zh-CN";
  const rep = { username: `dj-rep-${suffix}`, displayName: zh ? `李日常-${suffix}` : `Rita Rep-${suffix}` };
  const manager = { username: `dj-mgr-${suffix}`, displayName: zh ? `王经理-${suffix}` : `Max Manager-${suffix}` };
  await createUser(request, { ...rep, password: PASSWORD, departmentId }, "sales_rep");
  await createUser(request, { ...manager, password: PASSWORD, departmentId }, "sales_manager");
  for (const person of [rep, manager]) {
    const patched = await request.patch("/api/v1/me", { headers: await userHeaders(request, person.username, PASSWORD), data: { locale } });
    expect(patched.ok(), await patched.text()).toBeTruthy();
  }

  const kinds = await ok<{ items: components["schemas"]["DictionaryItem"][] }>(await request.get("/api/v1/dictionaries/follow_up_type", { headers: await adminHeaders(request) }));
  const kind = kinds.items.find((k) => k.enabled)?.code ?? "";
  // Two words of the due customer's name find it from the header's search.
  const word = zh ? "晨会" : "Morning";
  const due = zh ? `${word}精工机械-${suffix}` : `${word} Precision Works-${suffix}`;
  const overdue = zh ? `逾期客户-${suffix}` : `Late Customer-${suffix}`;
  const headers = await userHeaders(request, rep.username, PASSWORD);
  const today = startOfToday();
  // Due today a minute after midnight: inside today whenever the test runs.
  await customerOf(request, headers, kind, due, today + 60_000);
  await customerOf(request, headers, kind, overdue, today - 2 * DAY + 10 * HOUR);
  return { rep, manager, due, overdue, word, suffix };
}

/** A fresh browser in `locale` at that size, signed in through the login page. */
async function signIn(browser: Browser, locale: Locale, viewport: { width: number; height: number }, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale, timezoneId: ZONE, viewport });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.login(username, PASSWORD);
  await expect(page.getByTestId("workbench-cards")).toBeVisible();
  return { context, page };
}

for (const locale of ["zh-CN", "en"] as const) {
  for (const viewport of VIEWPORTS) {
    test(`daily journey (${locale}, ${viewport.width}×${viewport.height}): today's work, a follow-up in one click, header search, the team`, async ({ browser, request }) => {
      const words = WORDS[locale];
      const other = WORDS[OTHER[locale]];
      const scene = await createScene(request, locale);
      const size = { width: viewport.width, height: viewport.height };

      const repSide = await signIn(browser, locale, size, scene.rep.username);
      try {
        const { page } = repSide;
        const workbench = new WorkbenchPage(page);
        const detail = new Customer360Page(page);
        const palette = new SearchPalette(page);

        await test.step("the workbench shows today's customer, in the rep's language", async () => {
          await expect(workbench.card(DUE)).toContainText(words.dueTitle);
          await expect(workbench.card(OVERDUE)).toContainText(words.overdueTitle);
          await expect(workbench.card(DUE)).not.toContainText(other.dueTitle);
          await expect(workbench.total(DUE)).toHaveText("1");
          await expect(workbench.item(DUE, scene.due)).toBeVisible();
          await expect(workbench.item(DUE, scene.due).getByTestId("workbench-follow-up")).toContainText(words.logFollowUp);
          await expect(workbench.total(OVERDUE)).toHaveText("1");
          await expect(page).toHaveTitle(words.homeTitle);
          if (viewport.width <= 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        });

        await test.step("one click on the card's follow-up, saved: the message shows and today is done", async () => {
          // Straight from the workbench, the first thing after signing in: the composer's texts (the
          // customers' namespace) must load with it, so its title names the customer.
          await workbench.logFollowUp(DUE, scene.due, `${words.logFollowUp} ${scene.suffix}`);
          await expect(page.locator(".ant-message")).toContainText(words.added);
          await expect(workbench.total(DUE)).toHaveText("0");
          await expect(workbench.card(DUE)).toContainText(words.dueEmpty);
          await expect(workbench.item(DUE, scene.due)).toHaveCount(0);
        });

        await test.step("the header search finds the customer by two words; its 360 header offers the follow-up", async () => {
          // The box on a desktop (Ctrl+K there too), the icon on a phone.
          if (viewport.width > 390) await palette.openWithShortcut();
          else await palette.openFromHeader();
          await palette.input.fill(`${scene.word} ${scene.suffix}`);
          await expect(palette.group("customers")).toContainText(scene.due);
          await palette.results().filter({ hasText: scene.due }).first().click();
          await expect(palette.dialog).toBeHidden();
          await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
          await expect(page.getByTestId("customer-title")).toHaveText(scene.due);
          await expect(page.getByTestId("customer-follow-up")).toContainText(words.headerFollowUp);
          const composer = await detail.startFollowUpFromHeader();
          await expect(composer).toContainText(words.headerFollowUp);
          // Its texts are loaded, not shown as their keys.
          await expect(composer).not.toContainText("composer.");
          await page.keyboard.press("Escape");
          await expect(composer).toBeHidden();
        });
      } finally {
        await repSide.context.close();
      }

      const managerSide = await signIn(browser, locale, size, scene.manager.username);
      try {
        const { page } = managerSide;
        const workbench = new WorkbenchPage(page);
        await test.step("the manager switches to the team and sees the rep's counts", async () => {
          await expect(workbench.card(DUE)).toContainText(words.dueTitle);
          await expect(page).toHaveTitle(words.homeTitle);
          await workbench.switchReach(words.team);
          await expect(page).toHaveURL(/reach=team/);
          await expect(workbench.total(OVERDUE)).toHaveText("1");
          await expect(workbench.ownerCount(OVERDUE, scene.rep.displayName)).toHaveText("1");
          await expect(workbench.ownerCount(NEW, scene.rep.displayName)).toHaveText("2");
          await expect(workbench.item(OVERDUE, scene.overdue)).toContainText(scene.rep.displayName);
          await expect(workbench.card(OVERDUE)).not.toContainText(other.overdueTitle);
        });
      } finally {
        await managerSide.context.close();
      }
    });
  }
}
