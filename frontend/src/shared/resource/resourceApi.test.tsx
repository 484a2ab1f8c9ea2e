// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import createClient from "openapi-fetch";
import type { paths } from "../../api/schema";
import { ApiError } from "../../api/problem";
import { resourceApi, resourceKeys, resourceName } from "./resourceApi";

type Call = { method: string; path: string; search: string; ifMatch: string | null; body: unknown };

/** A client whose fetch records each request and answers with `answer`. */
function recordingClient(answer: (call: Call) => { status: number; body?: unknown }) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const text = await request.text();
    const call = { method: request.method, path: url.pathname, search: url.search, ifMatch: request.headers.get("If-Match"), body: text ? JSON.parse(text) : undefined };
    calls.push(call);
    const { status, body } = answer(call);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
    });
  });
  return { client: createClient<paths>({ baseUrl: "http://localhost", fetch }), calls };
}

function wrapperWith(queryClient: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

const supplier = { id: "s1", number: "S-1", name: "Acme", version: 3 };
const page = { items: [supplier], total: 1, total_exact: true, page: 1, page_size: 10 };

afterEach(cleanup);

describe("resource keys", () => {
  it("names the resource after the path's last segment", () => {
    expect(resourceName("/api/v1/product-categories")).toBe("product-categories");
    expect(resourceKeys("suppliers").list({ q: "a" })).toEqual(["suppliers", "list", { q: "a" }]);
    expect(resourceKeys("suppliers").detail("s1")).toEqual(["suppliers", "detail", "s1"]);
  });
});

describe("resourceApi", () => {
  it("lists with the query the page asks for", async () => {
    const { client, calls } = recordingClient(() => ({ status: 200, body: page }));
    const suppliers = resourceApi("/api/v1/suppliers", { client });
    const { result } = renderHook(() => suppliers.useList({ page: 2, page_size: 20, q: "ac", province: "" }), { wrapper: wrapperWith(new QueryClient()) });
    await waitFor(() => expect(result.current.data?.items[0]?.name).toBe("Acme"));
    expect(calls[0]?.path).toBe("/api/v1/suppliers");
    expect(new URLSearchParams(calls[0]?.search).get("page")).toBe("2");
    expect(new URLSearchParams(calls[0]?.search).get("q")).toBe("ac");
  });

  it("updates with If-Match from the record's version, caches the answer and refreshes the lists", async () => {
    const saved = { ...supplier, name: "Acme Ltd", version: 4 };
    const { client, calls } = recordingClient((call) => ({ status: 200, body: call.method === "PATCH" ? saved : page }));
    const queryClient = new QueryClient();
    const suppliers = resourceApi("/api/v1/suppliers", { client });
    queryClient.setQueryData(suppliers.keys.list({}), page);
    const { result } = renderHook(() => suppliers.useUpdate(), { wrapper: wrapperWith(queryClient) });
    await act(() => result.current.mutateAsync({ record: supplier, patch: { name: "Acme Ltd" } }));
    expect(calls[0]).toMatchObject({ method: "PATCH", path: "/api/v1/suppliers/s1", ifMatch: '"3"', body: { name: "Acme Ltd" } });
    expect(queryClient.getQueryData(suppliers.keys.detail("s1"))).toEqual(saved);
    expect(queryClient.getQueryState(suppliers.keys.list({}))?.isInvalidated).toBe(true);
  });

  it("deletes with If-Match and refreshes the record, the lists and the caches that show the resource", async () => {
    const { client, calls } = recordingClient(() => ({ status: 204 }));
    const queryClient = new QueryClient();
    const suppliers = resourceApi("/api/v1/suppliers", { client, alsoInvalidates: [["products", "supplier-prices"]] });
    queryClient.setQueryData(suppliers.keys.list({}), page);
    queryClient.setQueryData(suppliers.keys.detail("s1"), supplier);
    queryClient.setQueryData(["products", "supplier-prices", "p1"], []);
    queryClient.setQueryData(["products", "list", {}], []);
    const { result } = renderHook(() => suppliers.useDelete(), { wrapper: wrapperWith(queryClient) });
    await act(() => result.current.mutateAsync(supplier));
    expect(calls[0]).toMatchObject({ method: "DELETE", path: "/api/v1/suppliers/s1", ifMatch: '"3"' });
    expect(queryClient.getQueryState(suppliers.keys.list({}))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(suppliers.keys.detail("s1"))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(["products", "supplier-prices", "p1"])?.isInvalidated).toBe(true);
    // Caches the resource does not show in stay as they are.
    expect(queryClient.getQueryState(["products", "list", {}])?.isInvalidated).toBe(false);
  });

  it("creates, and a refused write rejects with the problem and leaves the caches alone", async () => {
    let refuse = false;
    const { client, calls } = recordingClient(() =>
      refuse
        ? { status: 422, body: { title: "Unprocessable", status: 422, errors: [{ field: "name", code: "taken", message: "taken" }] } }
        : { status: 201, body: supplier },
    );
    const queryClient = new QueryClient();
    const suppliers = resourceApi("/api/v1/suppliers", { client });
    queryClient.setQueryData(suppliers.keys.list({}), page);
    const { result } = renderHook(() => suppliers.useCreate(), { wrapper: wrapperWith(queryClient) });
    await act(() => result.current.mutateAsync({ name: "Acme" }));
    expect(calls[0]).toMatchObject({ method: "POST", path: "/api/v1/suppliers", ifMatch: null, body: { name: "Acme" } });
    expect(queryClient.getQueryState(suppliers.keys.list({}))?.isInvalidated).toBe(true);

    queryClient.setQueryData(suppliers.keys.list({}), page);
    refuse = true;
    const error = await result.current.mutateAsync({ name: "Acme" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem.errors[0]?.field).toBe("name");
    expect(queryClient.getQueryState(suppliers.keys.list({}))?.isInvalidated).toBe(false);
  });

  it("reads one record by id, and waits while the id is unknown", async () => {
    const { client, calls } = recordingClient(() => ({ status: 200, body: supplier }));
    const suppliers = resourceApi("/api/v1/suppliers", { client });
    const { result, rerender } = renderHook(({ id }) => suppliers.useGet(id), { wrapper: wrapperWith(new QueryClient()), initialProps: { id: "" } });
    expect(result.current.fetchStatus).toBe("idle");
    rerender({ id: "s1" });
    await waitFor(() => expect(result.current.data?.number).toBe("S-1"));
    expect(calls.map((c) => c.path)).toEqual(["/api/v1/suppliers/s1"]);
  });
});
