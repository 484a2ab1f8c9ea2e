import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// An in-memory localStorage so the session module works under node.
function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("authFetch", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal("localStorage", memoryStorage());
    vi.stubGlobal("location", { origin: "http://localhost" });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("refreshes once on a 401 and replays the request with the new token", async () => {
    const session = await import("./session");
    session.saveTokens({ access_token: "old", refresh_token: "r1" });
    const seen: string[] = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
      const path = new URL(request.url).pathname;
      seen.push(`${path} ${request.headers.get("Authorization") ?? ""}`);
      if (path === "/api/v1/auth/refresh") {
        expect(await request.json()).toEqual({ refresh_token: "r1" });
        return json(200, { access_token: "new", refresh_token: "r2" });
      }
      if (request.headers.get("Authorization") === "Bearer new") {
        expect(await request.json()).toEqual({ name: "x" });
        return json(201, { ok: true });
      }
      return json(401, { title: "Unauthorized", status: 401 });
    });
    vi.stubGlobal("fetch", fetchMock);
    const { authFetch } = await import("./client");
    const response = await authFetch(
      new Request("http://localhost/api/v1/roles", { method: "POST", body: JSON.stringify({ name: "x" }) }),
    );
    expect(response.status).toBe(201);
    expect(seen).toEqual(["/api/v1/roles Bearer old", "/api/v1/auth/refresh ", "/api/v1/roles Bearer new"]);
    expect(session.getAccessToken()).toBe("new");
    expect(session.getRefreshToken()).toBe("r2");
  });

  it("clears the session when the refresh fails", async () => {
    const session = await import("./session");
    session.saveTokens({ access_token: "old", refresh_token: "r1" });
    const cleared = vi.fn();
    session.onSessionCleared(cleared);
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(401, { title: "Unauthorized", status: 401 })),
    );
    const { authFetch } = await import("./client");
    const response = await authFetch(new Request("http://localhost/api/v1/me"));
    expect(response.status).toBe(401);
    expect(cleared).toHaveBeenCalledOnce();
    expect(session.hasSession()).toBe(false);
  });

  it("does not refresh for a failed login", async () => {
    const fetchMock = vi.fn(async () => json(401, { title: "Unauthorized", status: 401, detail: "wrong" }));
    vi.stubGlobal("fetch", fetchMock);
    const { authFetch } = await import("./client");
    const response = await authFetch(new Request("http://localhost/api/v1/auth/login", { method: "POST", body: "{}" }));
    expect(response.status).toBe(401);
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});
