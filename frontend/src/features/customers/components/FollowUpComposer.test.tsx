// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp } from "antd";
import createClient from "openapi-fetch";
import dayjs from "dayjs";
import type { paths } from "../../../api/schema";
import type { CreateFollowUp } from "../../../api/types";
import { i18n } from "../../../i18n";
import { stubMatchMedia } from "../../../shared/testing/jsdom";
import { meKeys } from "../../auth/api";
import { FollowUpComposer } from "./FollowUpComposer";

// The app's client asks for same-origin paths, which Node's Request cannot resolve.
vi.mock(import("../../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

beforeAll(stubMatchMedia);

const KINDS = [
  { code: "visit", label_zh: "拜访", label_en: "Visit", enabled: true, sort_order: 2, version: 1 },
  { code: "call", label_zh: "电话", label_en: "Call", enabled: true, sort_order: 1, version: 1 },
];
const USERS = [{ id: "u2", username: "li", display_name: "李一" }];

let created: CreateFollowUp[] = [];
/** Resolves the dictionary's answer when the test says so: the workbench opens the composer before it has loaded. */
let releaseKinds: () => void = () => undefined;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

beforeEach(async () => {
  await i18n.changeLanguage("zh-CN");
  created = [];
  const kindsLoaded = new Promise<void>((resolve) => (releaseKinds = resolve));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === "/api/v1/dictionaries/follow_up_type") {
        await kindsLoaded;
        return json({ items: KINDS });
      }
      if (url.pathname === "/api/v1/contacts") return json({ items: [], total: 0, total_exact: true, page: 1, page_size: 100 });
      if (url.pathname === "/api/v1/users/lookup") return json({ items: USERS });
      if (url.pathname === "/api/v1/follow-ups" && input.method === "POST") {
        const body = (await input.json()) as CreateFollowUp;
        created.push(body);
        return json({ id: "f1", version: 1, owner_id: "u1", created_at: new Date().toISOString(), updated_at: new Date().toISOString(), ...body, occurred_at: new Date().toISOString() }, 201);
      }
      return json({});
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function show(props: { customerName?: string; onSaved?: () => void } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meKeys.me, { id: "u1", username: "rep", permissions: ["*"], data_scopes: ["self"] });
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={queryClient}>
      <AntApp>
        <FollowUpComposer open customerId="c1" followUp={null} onClose={onClose} {...props} />
      </AntApp>
    </QueryClientProvider>,
  );
  return { onClose, queryClient };
}

const drawer = () => screen.getByRole("dialog");

/** The kind the form holds, as the select shows it. */
const kindShown = () => drawer().querySelector("[data-testid=follow-up-kind] .ant-select-selection-item")?.textContent ?? "";

describe("the follow-up composer", () => {
  it("from the workbench: names the customer, takes the first kind once the dictionary arrives, saves with a quick time and a participant, then tells the host", async () => {
    const onSaved = vi.fn();
    const { onClose } = show({ customerName: "云帆科技", onSaved });
    expect(drawer().textContent).toContain("写跟进：云帆科技");
    expect(kindShown()).toBe("");
    releaseKinds();
    await waitFor(() => expect(kindShown()).toBe("电话"));

    fireEvent.change(within(drawer()).getByTestId("follow-up-content"), { target: { value: "  电话回访，客户下周看方案 " } });
    fireEvent.click(within(drawer()).getByTestId("follow-up-quick-tomorrow"));
    const tomorrow = dayjs().startOf("day").add(1, "day").hour(9);
    await waitFor(() => expect((drawer().querySelector("input#next_follow_up_at") as HTMLInputElement).value).toBe(tomorrow.format("YYYY-MM-DD HH:mm")));

    const participants = drawer().querySelector("[data-testid=follow-up-participants] .ant-select-selector") as HTMLElement;
    fireEvent.mouseDown(participants);
    fireEvent.click(await screen.findByTitle("李一 (li)"));

    fireEvent.click(screen.getByTestId("follow-up-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(onClose).toHaveBeenCalled();
    expect(created).toEqual([
      {
        customer_id: "c1",
        kind: "call",
        content: "电话回访，客户下周看方案",
        contact_id: null,
        // Not touched: the server's own now is the time it happened.
        occurred_at: null,
        next_follow_up_at: tomorrow.toISOString(),
        participant_ids: ["u2"],
      },
    ]);
  });

  it("keeps a typed next time, and on the customer's page (no name, no callback) says 写跟进", async () => {
    releaseKinds();
    show();
    expect(drawer().textContent).toContain("写跟进");
    expect(drawer().textContent).not.toContain("：");
    await waitFor(() => expect(kindShown()).toBe("电话"));
    fireEvent.change(within(drawer()).getByTestId("follow-up-content"), { target: { value: "上门拜访" } });
    const next = drawer().querySelector("input#next_follow_up_at") as HTMLInputElement;
    fireEvent.mouseDown(next);
    fireEvent.focus(next);
    fireEvent.change(next, { target: { value: "2031-03-04 15:30" } });
    fireEvent.keyDown(next, { key: "Enter", code: "Enter" });
    fireEvent.click(screen.getByTestId("follow-up-save"));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]?.next_follow_up_at).toBe(dayjs("2031-03-04 15:30").toISOString());
  });
});
