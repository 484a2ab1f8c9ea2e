import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { shoot, signIn } from "./journey";
import { AppShell } from "./pages/AppShell";
import { WebhookDetailPage, WebhooksPage } from "./pages/WebhookPages";
import { adminHeaders, createCustomer, createUser } from "./sceneApi";

// 事件推送: an administrator lets webhooks call private addresses, points one at a receiver this
// test runs on 127.0.0.1, sends a test, and follows a customer's changes through the delivery log:
// delivered, failed while the receiver answers 500, delivered again after a resend. The receiver
// checks every delivery's signature. The setting is put back and the webhook deleted afterwards.

const PASSWORD = "Hook12345!x";

/** What the receiver was sent. */
type Received = { headers: IncomingHttpHeaders; body: string };

/** A tiny HTTP receiver: records every request and answers with the status it is told to. */
class Receiver {
  readonly received: Received[] = [];
  status = 200;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
        response.writeHead(this.status, { "Content-Type": "text/plain" });
        response.end(this.status === 200 ? "ok" : "busy");
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hook`;
  }

  /** The bodies received of an event, parsed. */
  events(event: string): { id: string; event: string; data: { id?: string; entity?: string } }[] {
    return this.received.map((r) => JSON.parse(r.body) as { id: string; event: string; data: { id?: string } }).filter((b) => b.event === event);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Whether a delivery's X-CRM-Signature is HMAC-SHA256 under `secret` of "<t>.<body>", with a recent t. */
function signatureValid({ headers, body }: Received, secret: string): boolean {
  const header = String(headers["x-crm-signature"] ?? "");
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match?.[1] || !match[2]) return false;
  const expected = createHmac("sha256", secret).update(`${match[1]}.${body}`).digest();
  const fresh = Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
  return fresh && timingSafeEqual(expected, Buffer.from(match[2], "hex"));
}

async function readSettings(request: APIRequestContext): Promise<{ allowed: boolean; etag: string }> {
  const answer = await request.get("/api/v1/settings/webhooks", { headers: await adminHeaders(request) });
  expect(answer.ok(), await answer.text()).toBeTruthy();
  return { allowed: ((await answer.json()) as { allow_private_targets: boolean }).allow_private_targets, etag: answer.headers()["etag"] ?? "" };
}

async function putSettings(request: APIRequestContext, allowed: boolean): Promise<void> {
  const { etag } = await readSettings(request);
  const put = await request.put("/api/v1/settings/webhooks", { headers: { ...(await adminHeaders(request)), "If-Match": etag }, data: { allow_private_targets: allowed } });
  expect(put.ok(), await put.text()).toBeTruthy();
}

async function renameCustomer(request: APIRequestContext, id: string, name: string): Promise<void> {
  const headers = await adminHeaders(request);
  const current = await request.get(`/api/v1/customers/${id}`, { headers });
  const etag = current.headers()["etag"] ?? "";
  const patched = await request.patch(`/api/v1/customers/${id}`, { headers: { ...headers, "If-Match": etag }, data: { name } });
  expect(patched.ok(), await patched.text()).toBeTruthy();
}

/** The webhooks named `name` still there (a failed run's), deleted through the API. */
async function deleteWebhooks(request: APIRequestContext, name: string): Promise<void> {
  const headers = await adminHeaders(request);
  const list = await request.get("/api/v1/webhooks", { headers, params: { q: name, page_size: 50 } });
  for (const hook of ((await list.json()) as { items: { id: string; name: string; version: number }[] }).items.filter((h) => h.name === name)) {
    await request.delete(`/api/v1/webhooks/${hook.id}`, { headers: { ...headers, "If-Match": `"${hook.version}"` } });
  }
}

async function fitsWidth(page: Page): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test("webhooks: an admin allows private targets, sends a test, and follows a customer's changes through the delivery log with a resend", async ({ browser, request }) => {
  const suffix = Date.now().toString(36);
  const admin = { username: `hook_admin_${suffix}`, displayName: `推送管理员 ${suffix}`, password: PASSWORD };
  await createUser(request, admin, "admin");
  const before = await readSettings(request);
  // Refused until the setting allows it: a fresh installation refuses, an earlier run may have left it on.
  if (before.allowed) await putSettings(request, false);
  const receiver = new Receiver();
  const url = await receiver.start();
  const name = `ERP 同步 ${suffix}`;
  const customerName = `推送客户 ${suffix}`;
  const page = await signIn(browser, admin.username, PASSWORD);
  const shell = new AppShell(page);
  const list = new WebhooksPage(page);
  const detail = new WebhookDetailPage(page);
  let secret = "";

  try {
    await test.step("the system menu leads to 事件推送, where private targets are refused", async () => {
      await shell.open("webhooks");
      await expect(page).toHaveURL(/\/system\/webhooks$/);
      await expect(page).toHaveTitle(/^事件推送/);
      await expect(list.privateTargets).toHaveAttribute("data-state", "off");
      await expect(page.getByTestId("webhook-private-targets-setting")).toContainText("不能调用回环、链路本地或内网地址");
    });

    await test.step("a webhook to 127.0.0.1 is refused on its URL, in Chinese", async () => {
      secret = await list.fillNew({ name, url, events: ["新建客户", "修改客户"] });
      await shoot(page, "webhooks-form-zh");
      await list.save();
      await expect(list.fieldError("webhook-url")).toContainText("这是回环、链路本地或内网地址");
      await expect(list.drawer).not.toContainText("not a public address");
      await list.closeDrawer();
    });

    await test.step("allow private targets, after the confirmation; the warning stays in view", async () => {
      await list.allowPrivateTargets();
      await expect(page.getByTestId("webhook-private-targets-setting")).toContainText("仅在接收方位于公司内网时开启");
      expect((await readSettings(request)).allowed).toBe(true);
    });

    await test.step("create the webhook for 新建客户 and 修改客户 with a generated secret; its page opens", async () => {
      secret = await list.fillNew({ name, url, events: ["新建客户", "修改客户"] });
      await list.save();
      await expect(page).toHaveURL(/\/system\/webhooks\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId("webhook-title")).toHaveText(name);
      await expect(page.getByTestId("webhook-url-text")).toContainText(url);
      await expect(page.getByTestId("webhook-events-tags")).toContainText("新建客户");
      await expect(page.getByTestId("webhook-events-tags")).toContainText("修改客户");
      // Write-only: the secret is nowhere on the page nor in the API's answer.
      expect(await page.content()).not.toContain(secret);
    });

    await test.step("send test: delivered, and the ping is in the log", async () => {
      expect(await detail.sendTest()).toBe("delivered");
      await expect(page.getByTestId("webhook-test-status")).toHaveText("200");
      await shoot(page, "webhooks-test-zh");
      await detail.closeTestResult();
      await detail.waitFor(detail.rows("ping", "delivered"));
      expect(receiver.events("ping")).toHaveLength(1);
    });

    const customerId = await createCustomer(request, { name: customerName });

    await test.step("a customer created through the API shows in the log, delivered", async () => {
      await detail.waitFor(detail.rows("customer.created", "delivered"));
      await expect(detail.rows("customer.created", "delivered").first().getByTestId("delivery-event")).toHaveText("新建客户");
      const [created] = receiver.events("customer.created");
      expect(created?.data.id).toBe(customerId);
      await shoot(page, "webhooks-detail-zh");
    });

    await test.step("the receiver answers 500: the customer's change shows failed, with the receiver's status", async () => {
      receiver.status = 500;
      await renameCustomer(request, customerId, `${customerName} 改`);
      await detail.waitFor(detail.rows("customer.updated", "failed"));
      const failed = detail.rows("customer.updated", "failed").first();
      await expect(failed).toContainText("500");
      await expect(failed.getByTestId("delivery-error")).toContainText("接收方返回 500");
    });

    await test.step("filter the log to failed attempts of 修改客户", async () => {
      await detail.filter({ status: "失败", event: "修改客户" });
      await expect(detail.log.locator(".ant-table-row")).toHaveCount(1);
      await expect(detail.rows("customer.updated", "failed")).toHaveCount(1);
      await detail.clearFilters();
      await expect(detail.rows("ping")).toHaveCount(1);
    });

    await test.step("the receiver answers 200 again; resend: the change is delivered", async () => {
      receiver.status = 200;
      const deliveredBefore = await detail.rows("customer.updated", "delivered").count();
      await detail.resend(detail.rows("customer.updated", "failed").first());
      await expect(page.getByText("已排队重新推送")).toBeVisible();
      await expect(async () => {
        await page.getByTestId("delivery-refresh").click();
        expect(await detail.rows("customer.updated", "delivered").count()).toBeGreaterThan(deliveredBefore);
      }).toPass({ timeout: 45_000, intervals: [1_000, 2_000] });
      const updates = receiver.events("customer.updated");
      // The same event twice (the 500 and the resend): a receiver deduplicates by its id.
      expect(updates.length).toBeGreaterThanOrEqual(2);
      expect(new Set(updates.map((u) => u.id)).size).toBe(1);
    });

    await test.step("every delivery the receiver got was signed with the secret, and names its event", () => {
      expect(receiver.received.length).toBeGreaterThanOrEqual(4);
      for (const delivery of receiver.received) {
        expect(signatureValid(delivery, secret), delivery.headers["x-crm-signature"] as string).toBe(true);
        const body = JSON.parse(delivery.body) as { id: string; event: string };
        expect(delivery.headers["x-crm-event-id"]).toBe(body.id);
        expect(delivery.headers["x-crm-event"]).toBe(body.event);
        expect(delivery.headers["content-type"]).toBe("application/json");
      }
      expect(signatureValid(receiver.received[0] as Received, `${secret}x`)).toBe(false);
    });

    await test.step("the receiver's guide explains the signature and deduplication", async () => {
      await detail.openTab("接收方说明");
      const help = page.getByTestId("webhook-signature-help");
      await expect(help).toContainText("X-CRM-Signature: t=<unix seconds>,v1=<hex>");
      await expect(help).toContainText("X-CRM-Event-Id");
      await expect(help).toContainText("去重");
      await shoot(page, "webhooks-receiving-zh");
      await detail.openTab("推送记录");
    });

    await test.step("in English the pages are English", async () => {
      await shell.switchLanguage("English");
      await expect(page.getByRole("tab", { name: "Delivery log", exact: true })).toBeVisible();
      await expect(detail.rows("customer.created").first().getByTestId("delivery-event")).toHaveText("Customer created");
      await expect(detail.rows("customer.updated", "failed").first().getByTestId("delivery-status")).toHaveText("Failed");
      await expect(detail.rows("customer.updated", "failed").first().getByTestId("delivery-error")).toContainText("The receiver answered 500");
      await fitsWidth(page);
      await shoot(page, "webhooks-detail-en");
      await list.goto();
      await expect(list.row(name)).toContainText("Customer created");
      await expect(page.getByTestId("webhook-private-targets-setting")).toContainText("Allow private targets");
      await shoot(page, "webhooks-list-en");
      await list.fillNew({ name: `${name} 2`, url, events: ["Customer deleted"] });
      await shoot(page, "webhooks-form-en");
      await list.closeDrawer();
      await shell.switchLanguage("中文");
      await expect(list.row(name)).toContainText("新建客户");
      await shoot(page, "webhooks-list-zh");
    });

    await test.step("delete the webhook from the list", async () => {
      await list.delete(name);
      const left = await request.get("/api/v1/webhooks", { headers: await adminHeaders(request), params: { q: name } });
      expect(((await left.json()) as { items: unknown[] }).items).toHaveLength(0);
    });
  } finally {
    await deleteWebhooks(request, name);
    await putSettings(request, before.allowed);
    await receiver.stop();
    await page.context().close();
  }
});
