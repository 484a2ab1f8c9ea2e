import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { clearSession, getAccessToken, getRefreshToken, saveTokens } from "./session";
import { ApiError, parseProblem } from "./problem";

// Paths that must never trigger a silent refresh: their 401 is the answer itself.
const NO_REFRESH = ["/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout"];

let refreshing: Promise<boolean> | null = null;

function withBearer(request: Request): Request {
  const token = getAccessToken();
  if (!token) return request;
  const headers = new Headers(request.headers);
  headers.set("Authorization", `Bearer ${token}`);
  return new Request(request, { headers });
}

async function refreshOnce(): Promise<boolean> {
  const refreshToken = getRefreshToken();
  if (!refreshToken) return false;
  try {
    const response = await globalThis.fetch("/api/v1/auth/refresh", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { access_token: string; refresh_token: string };
    saveTokens(body);
    return true;
  } catch {
    return false;
  }
}

/** Concurrent 401s share one refresh call, so a rotated refresh token is used only once. */
function refreshShared(): Promise<boolean> {
  refreshing ??= refreshOnce().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** fetch with the bearer token; on a 401 it refreshes once and replays the request. */
export async function authFetch(input: Request): Promise<Response> {
  const replay = input.clone();
  const response = await globalThis.fetch(withBearer(input));
  const path = new URL(input.url, globalThis.location?.origin ?? "http://localhost").pathname;
  if (response.status !== 401 || NO_REFRESH.includes(path)) return response;
  if (await refreshShared()) {
    const retried = await globalThis.fetch(withBearer(replay));
    if (retried.status !== 401) return retried;
  }
  clearSession();
  return response;
}

export const api = createClient<paths>({
  baseUrl: "",
  fetch: authFetch,
});

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Turns an openapi-fetch result into its data, or throws an ApiError carrying the problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, parseProblem(error, response), response.headers);
  }
  return data as T;
}

/** The If-Match header value for a record's version. */
export function ifMatch(version: number | undefined | null): { "If-Match"?: string } {
  return version === undefined || version === null ? {} : { "If-Match": `"${version}"` };
}
