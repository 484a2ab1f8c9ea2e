// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import createClient from "openapi-fetch";
import type { paths } from "../../api/schema";
import { emailChange, fallbackKindName, notificationSettingsKey, orderedKinds, useSetEmail, withEmail, type NotificationSettings } from "./notificationSettings";

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
  const { result } = renderHook(() => useSetEmail({ client }), { wrapper });
  const email = (kind: string) => queryClient.getQueryData<NotificationSettings>(notificationSettingsKey)?.items.find((i) => i.kind === kind)?.email;
  return { result, bodies, email, fetch };
}

describe("useSetEmail", () => {
  it("moves the switch at once and keeps the server's answer", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { result, bodies, email, fetch } = setup(() => new Response(null, { status: 500 }));
    fetch.mockImplementationOnce(async (request: Request) => {
      bodies.push(await request.json());
      await held;
      return new Response(JSON.stringify(withEmail(settings, "follow_up.due", false)), { status: 200, headers: { "Content-Type": "application/json" } });
    });
    act(() => result.current.mutate({ kind: "follow_up.due", email: false }));
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
    act(() => result.current.mutate({ kind: "customer.shared", email: false }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(email("customer.shared")).toBe(true);
    expect(email("customer.assigned")).toBe(false);
    expect(bodies).toHaveLength(1);
  });
});
