// The signed-in session. The access token lives in memory and in localStorage, so a reload or a
// second tab stays signed in; it lasts 15 minutes. The refresh token never reaches script: the
// server keeps it in an HttpOnly cookie sent only to /api/v1/auth, and the page proves itself with
// the crm_csrf cookie's value (readable here) in X-CSRF-Token when it refreshes or signs out.

const ACCESS_KEY = "crm.access_token";
// Where earlier versions kept the refresh token; removed on load.
const LEGACY_REFRESH_KEY = "crm.refresh_token";
const CSRF_COOKIE = "crm_csrf";

export type Tokens = { access_token: string };

type Listener = () => void;

let accessToken: string | null = readStorage(ACCESS_KEY);
writeStorage(LEGACY_REFRESH_KEY, null);
const listeners = new Set<Listener>();

function readStorage(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage may be unavailable (private mode); the in-memory token still works.
  }
}

export function getAccessToken(): string | null {
  return accessToken;
}

/** The access token another tab may have stored since this one read it. */
export function storedAccessToken(): string | null {
  return readStorage(ACCESS_KEY);
}

/** The value the server wants echoed in X-CSRF-Token, while a session cookie is set. */
export function csrfToken(): string | null {
  const cookies = globalThis.document?.cookie ?? "";
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function hasSession(): boolean {
  return accessToken !== null || csrfToken() !== null;
}

export function saveTokens(tokens: Tokens): void {
  accessToken = tokens.access_token;
  writeStorage(ACCESS_KEY, tokens.access_token);
}

export function clearSession(): void {
  accessToken = null;
  writeStorage(ACCESS_KEY, null);
  // The refresh cookie is HttpOnly (the server removes it at sign-out); dropping its CSRF
  // companion here is what tells this page there is no session left to refresh.
  if (globalThis.document) globalThis.document.cookie = `${CSRF_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`;
  listeners.forEach((listener) => listener());
}

/** Called whenever the session ends (logout or a failed refresh). */
export function onSessionCleared(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
