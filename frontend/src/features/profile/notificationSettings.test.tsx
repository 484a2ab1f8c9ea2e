// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import createClient from "openapi-fetch";
import type { paths } from "../../api/schema";
import { channelChange, channelOn, emailChange, fallbackKindName, notificationSettingsKey, orderedKinds, useSetChannel, withChannel, withEmail, type NotificationSettings } from "./notificationSettings";

const settings: NotificationSettings = {
  items: [
    { kind: "customer.shared", in_app: true, email: true },
    { kind: "approval.waiting", in_app: true, email: true },
    { kind: "follow_up.due", in_app: true, email: true },
    { kind: "customer.assigned", in_app: true, email: false },
  ],
};

afterEach(cleanup);

describe("notification settings rows", () => {
  it("follow the registry's order; an unknown kind comes last, named by its code", () => {
    expect(fallbackKindName("approval.waiting_long")).toBe("approval · waiting long");
    expect(orderedKinds(settings.items).map((i) => i.kind)).toEqual(["follow_up.due", "customer.assigned", "customer.shared", "approval.waiting"]);
  });

  it("switch one kind's e-mail and leave the others", () => {
    const next = withEmail(settings, "follow_up.due", false);
    expect(next.items.find((i) => i.kind === "follow_up.due")?.email).toBe(false);
    expect(next.items.filter((i) => i.kind !== "follow_up.due")).toEqual(settings.items.filter((i) => i.kind !== "follow_up.due"));
    expect(settings.items.find((i) => i.kind === "follow_up.due")?.email).toBe(true);
  });

  it("read a missing sms as off, and switch one kind's sms alone", () => {
    const follow = settings.items.find((i) => i.kind === "follow_up.due")!;
    expect(channelOn(follow, "sms")).toBe(false);
    expect(channelOn({ ...follow, sms: null }, "sms")).toBe(false);
    expect(channelOn({ ...follow, sms: true }, "sms")).toBe(true);
    const next = withChannel(settings, "follow_up.due", "sms", true);
    expect(next.items.find((i) => i.kind === "follow_up.due")).toEqual({ kind: "follow_up.due", in_app: true, email: true, sms: true });
    expect(next.items.filter((i) => i.kind !== "follow_up.due")).toEqual(settings.items.filter((i) => i.kind !== "follow_up.due"));
  });

  it("send sms only when it is the channel switched; e-mail goes along as it stands (the server needs it)", () => {
    const assigned = { kind: "customer.assigned", in_app: true as const, email: false, sms: true };
    expect(channelChange(assigned, "sms", false)).toEqual({ items: [{ kind: "customer.assigned", email: false, sms: false }] });
    expect(channelChange(assigned, "email", true)).toEqual({ items: [{ kind: "customer.assigned", email: true }] });
  });

  it("save one kind only, without in_app (the server keeps it on)", () => {
    expect(emailChange("customer.returned", false)).toEqual({ items: [{ kind: "customer.returned", email: false }] });
  });
});

function setup(answer: (body: unknown) => Response) {
  const bodies: unknown[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const body = (await request.json()) as unknown;
    bodies.push(body);
    return answer(body);
  });
  const client = createClient<paths>({ baseUrl: "http://localhost", fetch });
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  queryClient.setQueryData(notificationSettingsKey, settings);
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  const { result } = renderHook(() => useSetChannel({ client }), { wrapper });
  const item = (kind: string) => queryClient.getQueryData<NotificationSettings>(notificationSettingsKey)?.items.find((i) => i.kind === kind);
  const email = (kind: string) => item(kind)?.email;
  const sms = (kind: string) => item(kind)?.sms;
  return { result, bodies, email, sms, fetch };
}

describe("useSetChannel: e-mail", () => {
  it("moves the switch at once and keeps the server's answer", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { result, bodies, email, fetch } = setup(() => new Response(null, { status: 500 }));
    fetch.mockImplementationOnce(async (request: Request) => {
      bodies.push(await request.json());
      await held;
      return new Response(JSON.stringify(withEmail(settings, "follow_up.due", false)), { status: 200, headers: { "Content-Type": "application/json" } });
    });
    act(() => result.current.mutate({ kind: "follow_up.due", channel: "email", on: false }));
    await waitFor(() => expect(email("follow_up.due")).toBe(false));
    expect(result.current.isPending).toBe(true);
    release();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(email("follow_up.due")).toBe(false);
    expect(bodies).toEqual([{ items: [{ kind: "follow_up.due", email: false }] }]);
  });

  it("puts the switch back when the save fails", async () => {
    const { result, email, bodies } = setup(
      () => new Response(JSON.stringify({ title: "Unprocessable Entity", status: 422, code: "validation.failed", errors: [] }), { status: 422, headers: { "Content-Type": "application/problem+json" } }),
    );
    act(() => result.current.mutate({ kind: "customer.shared", channel: "email", on: false }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(email("customer.shared")).toBe(true);
    expect(email("customer.assigned")).toBe(false);
    expect(bodies).toHaveLength(1);
  });
});

describe("useSetChannel: text messages", () => {
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

  it("turns sms on for one kind with its e-mail as shown, and keeps the server's answer", async () => {
    const { result, bodies, sms, email } = setup(() => json(withChannel(settings, "customer.assigned", "sms", true)));
    act(() => result.current.mutate({ kind: "customer.assigned", channel: "sms", on: true }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(bodies).toEqual([{ items: [{ kind: "customer.assigned", email: false, sms: true }] }]);
    expect(sms("customer.assigned")).toBe(true);
    expect(email("customer.assigned")).toBe(false);
    expect(sms("follow_up.due")).toBeUndefined();
  });

  it("puts only the sms switch back when the save fails", async () => {
    const { result, sms, email } = setup(() => new Response(JSON.stringify({ title: "Error", status: 500, errors: [] }), { status: 500, headers: { "Content-Type": "application/problem+json" } }));
    act(() => result.current.mutate({ kind: "customer.shared", channel: "sms", on: true }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(sms("customer.shared")).toBe(false);
    expect(email("customer.shared")).toBe(true);
  });
});
