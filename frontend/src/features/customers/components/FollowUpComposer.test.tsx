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
import type { FollowUpSubject } from "../followUpSubject";
import { FollowUpComposer } from "./FollowUpComposer";

// The app's client asks for same-origin paths, which Node's Request cannot resolve.
vi.mock(import("../../../api/client"), async (original) => ({
  ...(await original()),
  api: createClient<paths>({ baseUrl: "http://localhost", fetch: (request) => globalThis.fetch(request) }),
}));

// Attachments go up through XMLHttpRequest, which jsdom would send to no server: the helper is stubbed.
const uploads = vi.hoisted(() => ({ calls: [] as { name: string; fields: unknown; createdBefore: number }[], fail: new Set<string>() }));
vi.mock(import("../../drive/upload"), async (original) => ({
  ...(await original()),
  uploadFile: vi.fn(async ({ file, fields, onProgress }: { file: Blob; fields: unknown; onProgress?: (p: number) => void }) => {
    const name = (file as File).name;
    uploads.calls.push({ name, fields, createdBefore: created.length });
    onProgress?.(50);
    if (uploads.fail.has(name)) {
      const { ApiError } = await import("../../../api/problem");
      throw new ApiError(413, { title: "Payload Too Large", status: 413, code: "drive.quota_exceeded", errors: [] });
    }
    return { id: `file-${name}`, name } as never;
  }),
}));

beforeAll(stubMatchMedia);

const KINDS = [
  { code: "visit", label_zh: "拜访", label_en: "Visit", enabled: true, sort_order: 2, version: 1 },
  { code: "call", label_zh: "电话", label_en: "Call", enabled: true, sort_order: 1, version: 1 },
];
const USERS = [{ id: "u2", username: "li", display_name: "李一" }];

let created: CreateFollowUp[] = [];
/** The paths asked for, in order. */
let asked: string[] = [];
/** Resolves the dictionary's answer when the test says so: the workbench opens the composer before it has loaded. */
let releaseKinds: () => void = () => undefined;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

beforeEach(async () => {
  await i18n.changeLanguage("zh-CN");
  created = [];
  asked = [];
  uploads.calls = [];
  uploads.fail = new Set();
  const kindsLoaded = new Promise<void>((resolve) => (releaseKinds = resolve));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      asked.push(url.pathname);
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

function show(props: { customerName?: string; onSaved?: () => void; subject?: FollowUpSubject } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meKeys.me, { id: "u1", username: "rep", permissions: ["*"], data_scopes: ["self"] });
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={queryClient}>
      <AntApp>
        <FollowUpComposer open subject={{ customerId: "c1" }} followUp={null} onClose={onClose} {...props} />
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

  it("uploads the attached files onto the new follow-up once it is saved, and says which failed", async () => {
    releaseKinds();
    const { onClose } = show();
    await waitFor(() => expect(kindShown()).toBe("电话"));
    fireEvent.change(within(drawer()).getByTestId("follow-up-content"), { target: { value: "发了报价单" } });
    const input = drawer().querySelector("input[type=file]") as HTMLInputElement;
    const quote = new File(["报价"], "报价单.pdf", { type: "application/pdf" });
    const photo = new File(["x"], "现场照片.jpg", { type: "image/jpeg" });
    uploads.fail.add("现场照片.jpg");
    fireEvent.change(input, { target: { files: [quote, photo] } });
    await waitFor(() => expect(drawer().textContent).toContain("现场照片.jpg"));
    expect(uploads.calls).toEqual([]);

    fireEvent.click(screen.getByTestId("follow-up-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    // After the follow-up exists, onto it, one after another.
    expect(uploads.calls).toEqual([
      { name: "报价单.pdf", fields: { record_type: "follow_up", record_id: "f1" }, createdBefore: 1 },
      { name: "现场照片.jpg", fields: { record_type: "follow_up", record_id: "f1" }, createdBefore: 1 },
    ]);
    expect(await screen.findByText(/以下附件上传失败.*现场照片\.jpg（云盘空间不足/)).toBeTruthy();
  });

  it("on a lead: offers no contact or attachments, sends lead_id, and refreshes the lead (its status may move to contacted)", async () => {
    releaseKinds();
    const { onClose, queryClient } = show({ subject: { leadId: "l1" } });
    queryClient.setQueryData(["leads", "detail", "l1"], { id: "l1", status: "new" });
    await waitFor(() => expect(kindShown()).toBe("电话"));
    expect(within(drawer()).queryByTestId("follow-up-contact")).toBeNull();
    expect(drawer().querySelector("input[type=file]")).toBeNull();

    fireEvent.change(within(drawer()).getByTestId("follow-up-content"), { target: { value: " 初次电话，有采购意向 " } });
    fireEvent.click(screen.getByTestId("follow-up-save"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(created).toEqual([{ lead_id: "l1", kind: "call", content: "初次电话，有采购意向", occurred_at: null, next_follow_up_at: null, participant_ids: [] }]);
    expect(asked).not.toContain("/api/v1/contacts");
    expect(queryClient.getQueryState(["leads", "detail", "l1"])?.isInvalidated).toBe(true);
  });

  it("lets a chosen file be removed before saving", async () => {
    releaseKinds();
    show();
    await waitFor(() => expect(kindShown()).toBe("电话"));
    fireEvent.change(within(drawer()).getByTestId("follow-up-content"), { target: { value: "电话" } });
    const input = drawer().querySelector("input[type=file]") as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(["a"], "草稿.txt")] } });
    await waitFor(() => expect(drawer().textContent).toContain("草稿.txt"));
    fireEvent.click(drawer().querySelector(".ant-upload-list-item-actions button") as HTMLElement);
    // The row fades out (jsdom keeps it); what matters is that nothing is uploaded.
    fireEvent.click(screen.getByTestId("follow-up-save"));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(uploads.calls).toEqual([]);
  });
});
