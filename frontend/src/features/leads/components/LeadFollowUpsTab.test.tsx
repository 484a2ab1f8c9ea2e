// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import createClient from "openapi-fetch";
import { MemoryRouter } from "react-router-dom";
import type { paths } from "../../../api/schema";
import { i18n } from "../../../i18n";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import { meKeys } from "../../auth/api";
import type { Lead } from "../api";
import { LeadFollowUpsTab } from "./LeadFollowUpsTab";

// The app's client asks for same-origin paths, which Node's Request cannot resolve.
vi.mock(import("../../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

beforeAll(stubMatchMedia);

const NOW = "2026-12-01T02:00:00Z";
const FOLLOW_UP = { id: "f1", customer_id: null, lead_id: "l1", kind: "call", content: "初次电话", occurred_at: NOW, owner_id: "me", participant_ids: [], version: 1, created_at: NOW };

function lead(overrides: Partial<Lead> = {}): Lead {
  return { id: "l1", code: "L0001", name: "张伟", status: "contacted", owner_id: "me", owner_name: "赵二", version: 1, created_at: NOW, updated_at: NOW, ...overrides } as Lead;
}

/** The follow-ups' list queries asked for. */
let listed: URLSearchParams[] = [];

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

beforeEach(async () => {
  await i18n.changeLanguage("zh-CN");
  listed = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      const list = (items: unknown[]) => json({ items, total: items.length, total_exact: true, page: 1, page_size: 200 });
      if (url.pathname === "/api/v1/follow-ups") {
        listed.push(url.searchParams);
        return list([FOLLOW_UP]);
      }
      if (url.pathname === "/api/v1/users/lookup") return json({ items: [{ id: "me", username: "zhao", display_name: "赵二" }] });
      return list([]);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A rep (self scope) who may work leads and follow-ups. */
function show(l: Lead) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meKeys.me, {
    id: "me",
    username: "zhao",
    data_scopes: ["self"],
    permissions: ["leads:read", "leads:update", "leads:convert", "follow_ups:read", "follow_ups:create", "follow_ups:update", "follow_ups:delete", "contacts:read"],
  });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <AntApp>
          <LeadFollowUpsTab lead={l} />
        </AntApp>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("a lead's follow-ups tab", () => {
  it("lists the lead's follow-ups by lead_id and offers 写跟进 and corrections on the rep's own lead", async () => {
    show(lead());
    await waitFor(() => expect(screen.getAllByTestId("follow-up-item")).toHaveLength(1));
    expect(listed[0]?.get("lead_id")).toBe("l1");
    expect(listed[0]?.has("customer_id")).toBe(false);
    expect(screen.getByTestId("follow-up-create").textContent).toContain("写跟进");
    expect(screen.getByTestId("follow-up-edit")).toBeTruthy();
    expect(screen.queryByTestId("lead-follow-ups-moved")).toBeNull();
  });

  it("on a pooled lead: read only, and says to claim it first", async () => {
    show(lead({ owner_id: null, owner_name: null, status: "new" }));
    await waitFor(() => expect(screen.getAllByTestId("follow-up-item")).toHaveLength(1));
    expect(screen.queryByTestId("follow-up-create")).toBeNull();
    expect(screen.queryByTestId("follow-up-edit")).toBeNull();
    expect(screen.getByText("领取这条线索后即可写跟进")).toBeTruthy();
  });

  it("on a converted lead: read only, and links to the customer's follow-ups tab", async () => {
    show(lead({ status: "converted", converted_at: NOW, converted_customer_id: "c9" }));
    await waitFor(() => expect(screen.getAllByTestId("follow-up-item")).toHaveLength(1));
    expect(screen.queryByTestId("follow-up-create")).toBeNull();
    expect(screen.queryByTestId("follow-up-edit")).toBeNull();
    expect(screen.getByTestId("lead-follow-ups-moved").textContent).toContain("这些跟进记录也已归入客户");
    expect(screen.getByTestId("lead-follow-ups-customer").getAttribute("href")).toBe("/customers/c9?tab=follow-ups");
  });
});
