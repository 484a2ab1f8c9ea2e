import { afterEach, describe, expect, it, vi } from "vitest";
import { browserTimeZone, isTimeZone, saveTimeZone, storedTimeZone, timeZoneFor } from "./timeZone";

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe("the user's time zone", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is the browser's until the user picks one, per user", () => {
    vi.stubGlobal("localStorage", memoryStorage());
    expect(timeZoneFor("u1")).toBe(browserTimeZone());
    saveTimeZone("u1", "America/New_York");
    expect(timeZoneFor("u1")).toBe("America/New_York");
    expect(timeZoneFor("u2")).toBe(browserTimeZone());
    saveTimeZone("u1", null);
    expect(storedTimeZone("u1")).toBeNull();
  });

  it("ignores a stored name the browser does not know", () => {
    const storage = memoryStorage();
    storage.setItem("crm.tz.u1", "Mars/Olympus_Mons");
    vi.stubGlobal("localStorage", storage);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("Asia/Shanghai")).toBe(true);
    expect(timeZoneFor("u1")).toBe(browserTimeZone());
  });
});
