// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import createClient from "openapi-fetch";
import type { paths } from "../../../api/schema";
import { i18n } from "../../../i18n";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import type { Webhook } from "../api";
import { WebhookFormDrawer } from "./WebhookFormDrawer";

// The app's client asks for same-origin paths, which Node's Request cannot resolve.
vi.mock(import("../../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

beforeAll(stubMatchMedia);
afterEach(cleanup);

const webhook: Webhook = {
  id: "w1",
  name: "ERP",
  url: "https://erp.example.com/hook",
  events: ["customer.created", "customer.updated"],
  enabled: true,
  version: 4,
  created_at: "2026-12-01T09:00:00Z",
  updated_at: "2026-12-01T09:00:00Z",
};

let sent: { method: string; path: string; ifMatch: string | null; body: unknown }[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: webhook };

beforeEach(() => {
  sent = [];
  answer = { status: 200, body: webhook };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status, headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" } });
      if (url.pathname === "/api/v1/webhooks/events") return json(200, { events: ["*", "customer.created", "customer.updated", "customer.deleted"] });
      if (input.method !== "GET") sent.push({ method: input.method, path: url.pathname, ifMatch: input.headers.get("If-Match"), body: await input.json() });
      return json(answer.status, answer.body);
    }),
  );
});

function renderDrawer(record: Webhook | null) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={queryClient}>
      <AntApp>
        <WebhookFormDrawer open webhook={record} onClose={onClose} />
      </AntApp>
    </QueryClientProvider>,
  );
  return onClose;
}

describe("the webhook form", () => {
  it("generates a 32-character secret on request and says to copy it now", async () => {
    await i18n.changeLanguage("zh-CN");
    renderDrawer(null);
    const secret = screen.getByTestId("webhook-secret") as HTMLInputElement;
    expect(secret.value).toBe("");
    expect(screen.queryByTestId("webhook-secret-warning")).toBeNull();
    fireEvent.click(screen.getByTestId("webhook-secret-generate"));
    await waitFor(() => expect(secret.value).toMatch(/^[A-Za-z0-9]{32}$/));
    expect((await screen.findByTestId("webhook-secret-warning")).textContent).toContain("请立即复制此密钥");
    const first = secret.value;
    fireEvent.click(screen.getByTestId("webhook-secret-generate"));
    await waitFor(() => expect(secret.value).not.toBe(first));
  });

  it("keeps the stored secret when left empty, patching at the version read", async () => {
    await i18n.changeLanguage("en");
    const onClose = renderDrawer(webhook);
    expect((screen.getByTestId("webhook-name") as HTMLInputElement).value).toBe("ERP");
    expect((screen.getByTestId("webhook-secret") as HTMLInputElement).placeholder).toBe("Leave empty to keep the current secret");
    fireEvent.change(screen.getByTestId("webhook-name"), { target: { value: " ERP sync " } });
    fireEvent.click(screen.getByTestId("webhook-save"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: "PATCH",
      path: "/api/v1/webhooks/w1",
      ifMatch: '"4"',
      body: { name: "ERP sync", url: "https://erp.example.com/hook", events: ["customer.created", "customer.updated"], enabled: true },
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it("shows the server's refusal on the fields in the user's language, an event by its name", async () => {
    await i18n.changeLanguage("zh-CN");
    answer = {
      status: 422,
      body: {
        title: "Unprocessable Entity",
        status: 422,
        code: "validation.failed",
        errors: [
          { field: "url", code: "private_target", message: "127.0.0.1 is not a public address" },
          { field: "events[1]", code: "unknown", message: "'customer.updated' is not an event" },
          { field: "secret", code: "invalid", message: "16 to 200 characters" },
        ],
      },
    };
    const onClose = renderDrawer(webhook);
    fireEvent.change(screen.getByTestId("webhook-secret"), { target: { value: "s".repeat(20) } });
    fireEvent.click(screen.getByTestId("webhook-save"));
    expect(await screen.findByText("“customer.updated”不是本系统推送的事件")).toBeTruthy();
    expect(screen.getByText("签名密钥须为 16–200 个字符，且不能包含控制字符")).toBeTruthy();
    expect(screen.getByText(/这是回环、链路本地或内网地址/)).toBeTruthy();
    expect(screen.queryByText(/public address|is not an event/)).toBeNull();
    expect((sent[0]?.body as { secret?: string }).secret).toBe("s".repeat(20));
    expect(onClose).not.toHaveBeenCalled();
  });
});
