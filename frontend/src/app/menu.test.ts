import { describe, expect, it } from "vitest";
import { FEATURES } from "./features";
import { buildMenu, selectedEntry } from "./menu";

const paths = (permissions: string[] | undefined) =>
  buildMenu(FEATURES, permissions).flatMap((section) => section.entries.map((entry) => entry.path));

describe("menu", () => {
  it("shows every system page to a user with all permissions", () => {
    const all = ["users:read", "departments:read", "roles:read", "audit_logs:read"];
    expect(paths(all)).toEqual([
      "/system/users",
      "/system/departments",
      "/system/roles",
      "/settings/api-tokens",
      "/system/audit-logs",
    ]);
  });

  it("hides pages whose permission is missing", () => {
    expect(paths(["users:read"])).toEqual(["/system/users", "/settings/api-tokens"]);
    expect(paths(["customers:read"])).toEqual(["/settings/api-tokens", "/customers"]);
  });

  it("always offers API tokens to a signed-in user", () => {
    expect(paths([])).toEqual(["/settings/api-tokens"]);
  });

  it("lists only groups that have an existing, permitted page", () => {
    // Groups keep REQUIREMENTS order; sales has no page yet, so sales:read adds no group.
    const groups = buildMenu(FEATURES, ["customers:read", "users:read", "opportunities:read"]).map((s) => s.group);
    expect(groups).toEqual(["system", "customers"]);
  });

  it("selects the entry for nested paths", () => {
    const sections = buildMenu(FEATURES, ["users:read"]);
    expect(selectedEntry(sections, "/system/users")?.key).toBe("users");
    expect(selectedEntry(sections, "/system/users/123")?.key).toBe("users");
    expect(selectedEntry(sections, "/system/usersx")).toBeUndefined();
  });
});
