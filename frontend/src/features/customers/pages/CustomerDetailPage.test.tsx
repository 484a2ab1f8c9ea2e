// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import createClient from "openapi-fetch";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import type { paths } from "../../../api/schema";
import type { Customer } from "../../../api/types";
import { i18n } from "../../../i18n";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import { meKeys } from "../../auth/api";
import { CustomerDetailPage } from "./CustomerDetailPage";

// The app's client asks for same-origin paths, which Node's Request cannot resolve.
vi.mock(import("../../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

// A 1440 px wide screen: antd's breakpoints are min-width queries, so each of them matches and the
// header shows its buttons (on a phone they fold into "more").
beforeAll(() => {
  stubMatchMedia();
  const narrow = window.matchMedia;
  Object.defineProperty(window, "matchMedia", {
    configurable: true,
    value: (query: string) => ({ ...narrow(query), matches: /min-width:\s*\d+px/.test(query) && Number(/(\d+)px/.exec(query)?.[1]) <= 1440 }),
  });
});

const NOW = "2026-12-01T02:00:00Z";

function customer(access: Customer["access"], owner: string | null = "owner"): Customer {
  return {
    id: "c1",
    code: "C0001",
    name: "云帆科技",
    kind: "company",
    pool: owner ? "potential" : "public",
    owner_id: owner,
    owner_name: owner ? "李一" : null,
    deal_status: "none",
    tags: ["重点"],
    created_at: NOW,
    updated_at: NOW,
    version: 1,
    access,
  } as Customer;
}

const CONTACT = { id: "k1", customer_id: "c1", name: "王采购", is_primary: false, version: 1, created_at: NOW, updated_at: NOW };
const FOLLOW_UP = { id: "f1", customer_id: "c1", kind: "call", content: "电话沟通", occurred_at: NOW, owner_id: "owner", participant_ids: [], version: 1, created_at: NOW, updated_at: NOW };
const COLLABORATOR = { user_id: "me", display_name: "赵二", access: "read", created_at: NOW };

/** The owner shared the customer: the log holds the shares as JSON, the timeline shows names. */
const SHARED = { kind: "collaborators", at: NOW, actor_name: "李一", changes: [{ field: "collaborators", before: [], after: [{ user_id: "me", access: "read" }] }] };

let current: Customer = customer("edit");

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
}

beforeEach(async () => {
  await i18n.changeLanguage("zh-CN");
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      const list = (items: unknown[]) => json({ items, total: items.length, total_exact: true, page: 1, page_size: 100 });
      if (path === "/api/v1/customers/c1") return json(current);
      if (path === "/api/v1/customers/c1/collaborators") return json({ items: [COLLABORATOR] });
      if (path === "/api/v1/customers/c1/timeline") return list([SHARED, { kind: "follow_up", at: NOW, follow_up: FOLLOW_UP, changes: [] }]);
      if (path === "/api/v1/users/lookup") return json({ items: [{ id: "me", username: "zhao", display_name: "赵二" }] });
      if (path === "/api/v1/contacts") return list([CONTACT]);
      if (path === "/api/v1/follow-ups") return list([FOLLOW_UP]);
      return list([]);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** A rep (self scope) with the sales permissions; the customer is someone else's, shared with them. */
function show(access: Customer["access"], owner: string | null = "owner") {
  current = customer(access, owner);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meKeys.me, {
    id: "me",
    username: "rep",
    data_scope: "self",
    data_scopes: ["self"],
    permissions: ["customers:read", "customers:update", "customers:claim", "customers:transfer", "customers:merge", "customers:delete", "contacts:read", "contacts:create", "contacts:update", "contacts:delete", "follow_ups:read", "follow_ups:create", "follow_ups:update", "follow_ups:delete"],
  });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={["/customers/c1"]}>
        <AntApp>
          <Routes>
            <Route path="/customers/:id" element={<CustomerDetailPage />} />
          </Routes>
        </AntApp>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function openTab(name: string) {
  fireEvent.click(screen.getByRole("tab", { name }));
}

describe("customer 360 and the customer's access", () => {
  it("read: offers no change to the customer or what hangs off it, and says it is read only", async () => {
    show("read");
    await screen.findByTestId("customer-title");
    expect(screen.getByTestId("customer-read-only").textContent).toContain("只读");
    for (const id of ["customer-follow-up", "customer-edit", "customer-merge", "customer-delete", "timeline-compose"]) expect(screen.queryByTestId(id), id).toBeNull();
    // Transfer is a pool command with its own rule: still offered to the rep with the permission.
    expect(screen.getByTestId("customer-transfer")).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId("follow-up-item")).toHaveLength(1));
    expect(screen.queryByTestId("follow-up-edit")).toBeNull();
    const shared = screen.getAllByTestId("timeline-event").find((e) => e.getAttribute("data-kind") === "collaborators");
    await waitFor(() => expect(shared?.textContent).toContain("赵二 (zhao)（只读）"));
    expect(shared?.textContent).toContain("团队成员");
    expect(shared?.textContent).not.toContain("user_id");

    await openTab("联系人");
    await screen.findByText("王采购");
    const add = screen.getByTestId("contact-create") as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    const table = screen.getByTestId("contacts-table");
    expect((within(table).getByRole("button", { name: "编辑" }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(table).queryByRole("button", { name: "设为主联系人" })).toBeNull();

    await openTab("跟进记录");
    expect(screen.queryByTestId("follow-up-create")).toBeNull();

    await openTab("团队成员");
    await screen.findByText("赵二");
    expect(screen.queryByTestId("collaborator-add")).toBeNull();
  });

  it("read on a public customer: the changes stay greyed out with 'claim it first', and claim is offered", async () => {
    show("read", null);
    await screen.findByTestId("customer-title");
    expect(screen.queryByTestId("customer-read-only")).toBeNull();
    expect((screen.getByTestId("customer-follow-up") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("customer-edit") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("customer-claim") as HTMLButtonElement).disabled).toBe(false);
  });

  it("edit: offers every change, though the customer is someone else's", async () => {
    show("edit");
    await screen.findByTestId("customer-title");
    expect(screen.queryByTestId("customer-read-only")).toBeNull();
    for (const id of ["customer-follow-up", "customer-edit", "customer-merge"]) expect((screen.getByTestId(id) as HTMLButtonElement).disabled, id).toBe(false);
    expect(screen.getByTestId("timeline-compose")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("follow-up-edit")).toBeTruthy());

    await openTab("联系人");
    await screen.findByText("王采购");
    expect((screen.getByTestId("contact-create") as HTMLButtonElement).disabled).toBe(false);
    await openTab("团队成员");
    await screen.findByText("赵二");
    expect(screen.getByTestId("collaborator-add")).toBeTruthy();
  });
});
