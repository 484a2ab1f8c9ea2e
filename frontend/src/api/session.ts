// The signed-in session: the access token lives in memory and in localStorage so a reload keeps
// the user signed in; the refresh token is only read when the access token is rejected.

const ACCESS_KEY = "crm.access_token";
const REFRESH_KEY = "crm.refresh_token";

export type Tokens = { access_token: string; refresh_token: string };

type Listener = () => void;

let accessToken: string | null = readStorage(ACCESS_KEY);
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

export function getRefreshToken(): string | null {
  return readStorage(REFRESH_KEY);
}

export function hasSession(): boolean {
  return accessToken !== null || getRefreshToken() !== null;
}

export function saveTokens(tokens: Tokens): void {
  accessToken = tokens.access_token;
  writeStorage(ACCESS_KEY, tokens.access_token);
  writeStorage(REFRESH_KEY, tokens.refresh_token);
}

export function clearSession(): void {
  accessToken = null;
  writeStorage(ACCESS_KEY, null);
  writeStorage(REFRESH_KEY, null);
  listeners.forEach((listener) => listener());
}

/** Called whenever the session ends (logout or a failed refresh). */
export function onSessionCleared(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
