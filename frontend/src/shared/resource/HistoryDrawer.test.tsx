// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { stubMatchMedia } from "../testing/jsdom";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, Table } from "antd";
import createClient from "openapi-fetch";
import type { paths } from "../../api/schema";
import { i18n } from "../../i18n";
import { meKeys } from "../../features/auth/api";
import { historyFieldLabel } from "./ChangeHistory";
import { useActionsColumn } from "./rowActions";

// The app's client asks for same-origin paths ("/api/v1/…"), which Node's Request cannot resolve;
// here it asks a named origin, through whatever fetch the test has stubbed.
vi.mock(import("../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

// antd reads media queries; jsdom has none (so the drawer takes the whole width, as on a phone).
beforeAll(stubMatchMedia);

type Department = { id: string; name: string };

const sales: Department = { id: "d1", name: "Sales" };

const log = {
  id: "log1",
  entity: "departments",
  entity_id: "d1",
  action: "update",
  actor_id: null,
  actor_name: "admin",
  ip: null,
  request_id: null,
  created_at: "2026-01-02T03:04:05Z",
  changes: [{ field: "remark", before: "old remark", after: "new remark" }],
};

/** Every request the page makes, answered with the department's one log entry. */
let requests: URL[] = [];

beforeEach(() => {
  requests = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request | string) => {
      const url = new URL(typeof input === "string" ? input : input.url, "http://localhost");
      requests.push(url);
      const body = url.pathname === "/api/v1/audit-logs" ? { items: [log], total: 1, page: 1, page_size: 10 } : { items: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Departments() {
  const actions = useActionsColumn<Department>({ fixed: false, history: { entity: "departments", name: (d) => d.name } });
  return <Table<Department> rowKey="id" dataSource={[sales]} pagination={false} columns={[{ title: "Name", dataIndex: "name", key: "name" }, ...actions]} />;
}

/** The list as a user with these permissions sees it. */
function renderAs(permissions: string[]) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meKeys.me, { id: "u1", username: "someone", permissions });
  render(
    <QueryClientProvider client={queryClient}>
      <AntApp>
        <Departments />
      </AntApp>
    </QueryClientProvider>,
  );
}

describe("a row's history", () => {
  beforeEach(() => i18n.changeLanguage("en"));

  it("is offered to users who may read the operation log, and opens the record's history in a drawer", async () => {
    renderAs(["departments:read", "audit_logs:read"]);
    expect(requests).toEqual([]);

    fireEvent.click(screen.getByTestId("history-d1"));
    const drawer = await screen.findByTestId("history-drawer");
    expect(within(drawer).getByText("Change history · Sales")).toBeTruthy();

    // The entry's field by the module's label, its value before and after.
    expect(await within(drawer).findByText("new remark")).toBeTruthy();
    expect(within(drawer).getByText("old remark")).toBeTruthy();
    expect(within(drawer).getAllByText("Remark").length).toBeGreaterThan(0);

    const asked = requests.find((url) => url.pathname === "/api/v1/audit-logs");
    expect(asked?.searchParams.get("entity")).toBe("departments");
    expect(asked?.searchParams.get("entity_id")).toBe("d1");
  });

  it("speaks the user's language", async () => {
    await i18n.changeLanguage("zh-CN");
    renderAs(["audit_logs:read"]);
    const link = screen.getByTestId("history-d1");
    expect(link.textContent).toBe("历史");
    fireEvent.click(link);
    const drawer = await screen.findByTestId("history-drawer");
    expect(within(drawer).getByText("变更记录 · Sales")).toBeTruthy();
    expect(await within(drawer).findByText("new remark")).toBeTruthy();
    expect(within(drawer).getAllByText("备注").length).toBeGreaterThan(0);
  });

  it("is not offered without the operation log's permission, and nothing is asked", async () => {
    renderAs(["departments:read", "departments:update"]);
    // The only action is the history, so there is no actions column at all.
    expect(screen.queryByTestId("history-d1")).toBeNull();
    expect(screen.queryByText("Actions")).toBeNull();
    await waitFor(() => expect(requests.filter((url) => url.pathname === "/api/v1/audit-logs")).toEqual([]));
  });
});

describe("a changed field's label", () => {
  it("is the module's own, else its reference's, else the shared one, else the field", async () => {
    await i18n.changeLanguage("en");
    const label = historyFieldLabel(i18n.t, "users:fields");
    expect(label("display_name")).toBe("Display name");
    expect(label("department_id")).toBe("Department");
    expect(label("supervisor_id")).toBe("Supervisor");
    expect(label("id")).toBe("ID");
    expect(label("mystery")).toBe("mystery");
    expect(historyFieldLabel(i18n.t, "products:categories.fields")("parent_id")).toBe("Parent category");
  });
});
