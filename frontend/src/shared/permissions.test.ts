import { describe, expect, it } from "vitest";
import { hasPermission } from "./permissions";

describe("hasPermission", () => {
  it("grants an exact code, a module wildcard and the global wildcard", () => {
    expect(hasPermission(["users:read"], "users:read")).toBe(true);
    expect(hasPermission(["users:*"], "users:delete")).toBe(true);
    expect(hasPermission(["*"], "recycle_bin:restore")).toBe(true);
  });

  it("refuses another module's wildcard or a missing list", () => {
    expect(hasPermission(["roles:*"], "users:read")).toBe(false);
    expect(hasPermission(undefined, "users:read")).toBe(false);
    expect(hasPermission([], undefined)).toBe(true);
  });

  it("takes only codes of the catalogue (checked by the type checker)", () => {
    // @ts-expect-error a misspelt code is a type error, not a check that silently fails
    expect(hasPermission(["users:raed"], "users:raed")).toBe(true);
  });
});
