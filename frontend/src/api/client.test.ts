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

/** A document whose cookie property behaves like a browser's: writes set or remove one cookie. */
function cookieJar(initial: string): { cookie: string } {
  const jar = new Map(initial.split("; ").map((c) => c.split("=") as [string, string]));
  return {
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    },
    set cookie(text: string) {
      const [pair, ...attrs] = text.split(";");
      const [name, value] = pair!.split("=") as [string, string];
      if (attrs.some((a) => a.trim() === "Max-Age=0")) jar.delete(name);
      else jar.set(name, value);
    },
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("authFetch", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal("localStorage", memoryStorage());
    vi.stubGlobal("location", { origin: "http://localhost" });
    // The session cookie is HttpOnly (invisible here); its CSRF companion is readable.
    vi.stubGlobal("document", cookieJar("other=1; crm_csrf=c5rf"));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("refreshes once on a 401 by the session cookie and replays the request with the new token", async () => {
    const session = await import("./session");
    session.saveTokens({ access_token: "old" });
    const seen: string[] = [];
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
      const path = new URL(request.url).pathname;
      seen.push(`${path} ${request.headers.get("Authorization") ?? ""}`);
      if (path === "/api/v1/auth/refresh") {
        expect(await request.text()).toBe("");
        expect(request.headers.get("X-CSRF-Token")).toBe("c5rf");
        return json(200, { access_token: "new" });
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
    expect(localStorage.getItem("crm.access_token")).toBe("new");
  });

  it("takes the token another tab refreshed instead of refreshing again", async () => {
    const session = await import("./session");
    session.saveTokens({ access_token: "old" });
    localStorage.setItem("crm.access_token", "from-other-tab");
    const seen: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input as Request;
        seen.push(`${new URL(request.url).pathname} ${request.headers.get("Authorization") ?? ""}`);
        return request.headers.get("Authorization") === "Bearer from-other-tab" ? json(200, { ok: true }) : json(401, { status: 401 });
      }),
    );
    const { authFetch } = await import("./client");
    const response = await authFetch(new Request("http://localhost/api/v1/me"));
    expect(response.status).toBe(200);
    expect(seen).toEqual(["/api/v1/me Bearer old", "/api/v1/me Bearer from-other-tab"]);
  });

  it("clears the session when the refresh fails", async () => {
    const session = await import("./session");
    session.saveTokens({ access_token: "old" });
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

describe("file downloads", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal("localStorage", memoryStorage());
    vi.stubGlobal("location", { origin: "http://localhost" });
    vi.stubGlobal("document", cookieJar("crm_csrf=c5rf"));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("builds the query without blank values", async () => {
    const { queryString } = await import("./client");
    expect(queryString({ format: "csv", q: "", pool: undefined, kind: "call,visit", page: 2, x: null })).toBe("?format=csv&kind=call%2Cvisit&page=2");
    expect(queryString({})).toBe("");
  });

  it("takes the file name from Content-Disposition", async () => {
    const { filenameFromDisposition } = await import("./client");
    expect(filenameFromDisposition('attachment; filename="customers-20261124-093000.csv"', "x.csv")).toBe("customers-20261124-093000.csv");
    expect(filenameFromDisposition("attachment; filename=plain.csv", "x.csv")).toBe("plain.csv");
    expect(filenameFromDisposition("attachment; filename=\"a.csv\"; filename*=UTF-8''%E5%AE%A2%E6%88%B7.csv", "x.csv")).toBe("客户.csv");
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', "x.csv")).toBe("passwd");
    expect(filenameFromDisposition("attachment", "x.csv")).toBe("x.csv");
    expect(filenameFromDisposition(null, "x.csv")).toBe("x.csv");
  });

  it("sends the token, refreshes on a 401 and returns the file with its name", async () => {
    const session = await import("./session");
    session.saveTokens({ access_token: "old" });
    const seen: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
        const url = new URL(request.url);
        seen.push(`${url.pathname}${url.search} ${request.headers.get("Authorization") ?? ""}`);
        if (url.pathname === "/api/v1/auth/refresh") return json(200, { access_token: "new" });
        if (request.headers.get("Authorization") !== "Bearer new") return json(401, { title: "Unauthorized", status: 401 });
        return new Response("\uFEFFcode,name\r\nC1,客户\r\n", {
          status: 200,
          headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="customers-1.csv"' },
        });
      }),
    );
    const { fetchFile } = await import("./client");
    const file = await fetchFile("/api/v1/customers/export", { format: "csv", pool: "public", q: "客户" }, "customers.csv");
    expect(file.filename).toBe("customers-1.csv");
    expect(await file.blob.text()).toContain("C1,客户");
    expect(seen).toEqual([
      "/api/v1/customers/export?format=csv&pool=public&q=%E5%AE%A2%E6%88%B7 Bearer old",
      "/api/v1/auth/refresh ",
      "/api/v1/customers/export?format=csv&pool=public&q=%E5%AE%A2%E6%88%B7 Bearer new",
    ]);
  });

  it("asks for the file in the reader's language and time zone", async () => {
    const seen: { url: string; language: string | null }[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input as Request;
        seen.push({ url: new URL(request.url).search, language: request.headers.get("Accept-Language") });
        return new Response("x", { status: 200, headers: { "Content-Type": "text/csv" } });
      }),
    );
    const { fetchFile } = await import("./client");
    await fetchFile("/api/v1/customers/export", { format: "xlsx" }, "customers.xlsx", { language: "en", timeZone: "America/New_York" });
    expect(seen).toEqual([{ url: "?tz=America%2FNew_York&format=xlsx", language: "en" }]);
  });

  it("throws the problem of an error answer as an ApiError", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        new Response(JSON.stringify({ title: "Forbidden", status: 403, detail: "missing customers:export" }), {
          status: 403,
          headers: { "Content-Type": "application/problem+json" },
        }),
      ),
    );
    const { fetchFile } = await import("./client");
    const { ApiError } = await import("./problem");
    const failure = await fetchFile("/api/v1/interactions/export", { format: "csv" }, "x.csv").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as InstanceType<typeof ApiError>).status).toBe(403);
    expect((failure as InstanceType<typeof ApiError>).problem.detail).toBe("missing customers:export");
  });
});
