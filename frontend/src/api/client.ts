import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { clearSession, csrfToken, getAccessToken, saveTokens, storedAccessToken } from "./session";
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

/** Headers that let the session cookie be used: the CSRF value the server set beside it. */
export function csrfHeaders(): Record<string, string> {
  const csrf = csrfToken();
  return csrf ? { "X-CSRF-Token": csrf } : {};
}

async function refreshOnce(rejected: string | null): Promise<boolean> {
  // Another tab may have refreshed since the request failed: its token is in storage, and
  // refreshing again would present a refresh token that tab already rotated.
  const stored = storedAccessToken();
  if (stored && stored !== rejected) {
    saveTokens({ access_token: stored });
    return true;
  }
  if (!csrfToken()) return false;
  try {
    const response = await globalThis.fetch("/api/v1/auth/refresh", {
      method: "POST",
      credentials: "same-origin",
      headers: csrfHeaders(),
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { access_token: string };
    saveTokens(body);
    return true;
  } catch {
    return false;
  }
}

/** Tabs take turns refreshing (the Web Locks API), so a rotated cookie is presented once. */
function refreshAcrossTabs(rejected: string | null): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return refreshOnce(rejected);
  // The lock resolves to the callback's promise; `then` flattens it.
  return locks.request("crm-session-refresh", () => refreshOnce(rejected)).then((ok) => ok);
}

/** Concurrent 401s share one refresh call, so a rotated refresh token is used only once. */
function refreshShared(rejected: string | null): Promise<boolean> {
  refreshing ??= refreshAcrossTabs(rejected).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** fetch with the bearer token; on a 401 it refreshes once and replays the request. */
export async function authFetch(input: Request): Promise<Response> {
  const replay = input.clone();
  const sent = getAccessToken();
  const response = await globalThis.fetch(withBearer(input));
  const path = new URL(input.url, globalThis.location?.origin ?? "http://localhost").pathname;
  if (response.status !== 401 || NO_REFRESH.includes(path)) return response;
  if (await refreshShared(sent)) {
    const retried = await globalThis.fetch(withBearer(replay));
    if (retried.status !== 401) return retried;
  }
  clearSession();
  return response;
}

/**
 * The bearer header for a request that cannot go through authFetch (an upload sent with
 * XMLHttpRequest for its progress events), and the token it carries, for `recoverSession`.
 */
export function bearerHeader(): { headers: Record<string, string>; token: string | null } {
  const token = getAccessToken();
  return { headers: token ? { Authorization: `Bearer ${token}` } : {}, token };
}

/**
 * After such a request was answered 401 while sent with `sent`: refreshes the session the way
 * authFetch does (shared with other requests and tabs). True when the request may be sent again
 * with a new `bearerHeader()`; false when the session has ended, which is then cleared.
 */
export async function recoverSession(sent: string | null): Promise<boolean> {
  if (await refreshShared(sent)) return true;
  clearSession();
  return false;
}

export const api = createClient<paths>({
  baseUrl: "",
  fetch: authFetch,
  // Blank values are left out: the server reads `city=` as a mistake (400), not as no filter.
  querySerializer: (query) => queryString(query as Record<string, QueryValue>).replace(/^\?/, ""),
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

// ---- File downloads -------------------------------------------------------------------------
// Exports answer with a file, not JSON, so they do not go through openapi-fetch; they still need
// the bearer token and the silent refresh, hence authFetch.

/** The API paths whose GET answers with a file. */
export type FilePath = {
  [P in keyof paths]: paths[P] extends { get: { responses: { 200: { content: { "text/csv": unknown } } } } } ? P : never;
}[keyof paths];

/**
 * The documented query of a file path, plus `q` and `sort`: the export handlers read the same list
 * query as the lists (the customers export says so in its summary) although the OpenAPI document
 * does not list those two parameters.
 */
export type FileQuery<P extends FilePath> = ([NonNullable<paths[P]["get"]["parameters"]["query"]>] extends [never] ? unknown : NonNullable<paths[P]["get"]["parameters"]["query"]>) & { q?: string; sort?: string };

/** The path parameters of a file path (`{ id }` for `/imports/{id}/errors.csv`); none for most. */
export type FilePathParams<P extends FilePath> = paths[P]["get"]["parameters"] extends { path: infer T } ? T : undefined;

/** The path with its `{name}` parameters filled in (encoded). */
export function fillPath(path: string, params: Readonly<Record<string, string>> | undefined): string {
  if (!params) return path;
  return path.replace(/\{([^}]+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : encodeURIComponent(params[name])));
}

type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` without blank values (the list endpoints read a blank filter as a bad value). */
export function queryString(query: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The file name a Content-Disposition header offers (`filename*` wins, as RFC 6266 says), or the fallback. */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ""));
    } catch {
      // A malformed encoding falls through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  const name = plain?.[2]?.replace(/\\(.)/g, "$1") ?? plain?.[1]?.trim();
  // Only the last path segment: a server must not choose where the file goes.
  const safe = name?.split(/[/\\]/).pop()?.trim();
  return safe ? safe : fallback;
}

export type DownloadedFile = { blob: Blob; filename: string };

/**
 * Who the file is for: its language (`Accept-Language`) and time zone (`tz`, an IANA name), for
 * the headers, labels and times of exports meant for people to read.
 */
export type FileReader = { language?: string; timeZone?: string; /** The path's `{…}` parameters, for a file of one record. */ pathParams?: Readonly<Record<string, string>> };

/**
 * GETs a file with the signed-in user's token. An error answer (problem+json or not) throws the
 * same ApiError as `unwrap`, so callers show it the usual way.
 */
export async function fetchFile<P extends FilePath>(path: P, query: FileQuery<P>, fallbackName: string, reader: FileReader = {}): Promise<DownloadedFile> {
  const origin = globalThis.location?.origin ?? "http://localhost";
  // The reader's zone unless the caller named one (every export documents `tz`).
  const url = new URL(`${fillPath(path, reader.pathParams)}${queryString({ tz: reader.timeZone, ...(query as Record<string, QueryValue>) })}`, origin);
  const headers: Record<string, string> = reader.language ? { "Accept-Language": reader.language } : {};
  const response = await authFetch(new Request(url, { method: "GET", headers }));
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    let body: unknown = text;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // Not JSON: parseProblem keeps a short text body as the detail.
    }
    throw new ApiError(response.status, parseProblem(body, response), response.headers);
  }
  const blob = await response.blob();
  return { blob, filename: filenameFromDisposition(response.headers.get("Content-Disposition"), fallbackName) };
}

/** Hands a blob to the browser as a download with the given name. */
export function saveBlob({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
