// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import createClient from "openapi-fetch";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import type { paths } from "../../../api/schema";
import { i18n } from "../../../i18n";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import { meKeys } from "../../auth/api";
import type { Notification } from "../api";
import { NotificationDrawer } from "./NotificationDrawer";

// The app's client asks for same-origin paths, which Node's Request cannot resolve.
vi.mock(import("../../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

beforeAll(stubMatchMedia);

const assigned: Notification = {
  id: "n1",
  kind: "customer.assigned",
  entity: "customers",
  record_id: "c1",
  record_label: "华为",
  actor_name: "manager",
  data: { reason: null },
  read: false,
  read_at: null,
  created_at: new Date(Date.now() - 3 * 60_000).toISOString(),
};

const later: Notification = {
  id: "n2",
  kind: "approval.waiting",
  entity: "approvals",
  record_id: "a1",
  record_label: "年度框架采购",
  actor_name: null,
  data: {},
  read: true,
  read_at: "2026-12-01T00:00:00Z",
  created_at: "2026-12-01T00:00:00Z",
};

let requests: { method: string; url: URL }[] = [];

beforeEach(async () => {
  await i18n.changeLanguage("en");
  requests = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      requests.push({ method: input.method, url });
      let body: unknown = {};
      if (url.pathname === "/api/v1/notifications") {
        const unreadOnly = url.searchParams.get("unread") === "true";
        const items = unreadOnly ? [] : [assigned, later];
        body = { items, total: items.length, total_exact: true, page: 1, page_size: 20 };
      } else if (url.pathname === "/api/v1/notifications/n1/read") body = { ...assigned, read: true };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Where() {
  return <div data-testid="where">{useLocation().pathname}</div>;
}

function show() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meKeys.me, { id: "u1", username: "rep", permissions: ["customers:read"] });
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={["/"]}>
        <AntApp>
          <NotificationDrawer open onClose={onClose} unreadCount={1} />
          <Routes>
            <Route path="*" element={<Where />} />
          </Routes>
        </AntApp>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { onClose };
}

describe("the notification drawer", () => {
  it("lists sentences, unread ones marked, and an unknown kind generically", async () => {
    show();
    const items = await screen.findAllByTestId("notification-item");
    expect(items).toHaveLength(2);
    expect(items[0]?.getAttribute("data-unread")).toBe("true");
    expect(within(items[0] as HTMLElement).getByTestId("notification-text").textContent).toBe("manager assigned 华为 to you");
    expect(within(items[0] as HTMLElement).getByTestId("notification-time").textContent).toBe("3 min ago");
    expect(items[1]?.getAttribute("data-unread")).toBe("false");
    expect(within(items[1] as HTMLElement).getByTestId("notification-text").textContent).toBe("approval · waiting: 年度框架采购");
  });

  it("marks a clicked notification read and opens its customer", async () => {
    const { onClose } = show();
    const [first] = await screen.findAllByTestId("notification-item");
    fireEvent.click(first as HTMLElement);
    await waitFor(() => expect(requests.some((r) => r.method === "POST" && r.url.pathname === "/api/v1/notifications/n1/read")).toBe(true));
    expect(onClose).toHaveBeenCalled();
    expect(screen.getByTestId("where").textContent).toBe("/customers/c1");
  });

  it("says when nothing is unread", async () => {
    show();
    await screen.findAllByTestId("notification-item");
    fireEvent.click(screen.getByText("Unread (1)"));
    expect((await screen.findByTestId("notification-empty")).textContent).toContain("No unread notifications");
    expect(requests.some((r) => r.url.searchParams.get("unread") === "true")).toBe(true);
  });
});
