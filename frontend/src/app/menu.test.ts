import { describe, expect, it } from "vitest";
import { FEATURES } from "./features";
import { buildMenu, selectedEntry } from "./menu";

const paths = (permissions: string[] | undefined) =>
  buildMenu(FEATURES, permissions).flatMap((section) => section.entries.map((entry) => entry.path));

describe("menu", () => {
  it("shows every system page to a user with all permissions", () => {
    const all = ["users:read", "departments:read", "roles:read", "audit_logs:read", "dictionaries:read", "recycle_bin:read"];
    expect(paths(all)).toEqual([
      "/system/users",
      "/system/departments",
      "/system/roles",
      "/settings/api-tokens",
      "/system/audit-logs",
      "/system/dictionaries",
      "/system/recycle-bin",
    ]);
  });

  it("hides pages whose permission is missing", () => {
    expect(paths(["users:read"])).toEqual(["/system/users", "/settings/api-tokens"]);
    expect(paths(["customers:read"])).toEqual(["/settings/api-tokens", "/customers"]);
  });

  it("lists the interactions and pool-rules pages in the customers group by their own permissions", () => {
    expect(paths(["customers:read", "follow_ups:read", "pool_rules:read"])).toEqual([
      "/settings/api-tokens",
      "/customers",
      "/interactions",
      "/pool-rules",
    ]);
    expect(paths(["follow_ups:read"])).toEqual(["/settings/api-tokens", "/interactions"]);
    const customers = buildMenu(FEATURES, ["customers:*", "follow_ups:read", "pool_rules:read"]).find((s) => s.group === "customers");
    expect(customers?.entries.map((e) => e.key)).toEqual(["customers", "interactions", "pool-rules"]);
  });

  it("lists customer groups after the customers, for readers of groups", () => {
    expect(paths(["customers:read", "customer_groups:read"])).toEqual(["/settings/api-tokens", "/customers", "/customer-groups"]);
    expect(paths(["customers:read", "customer_groups:create"])).toEqual(["/settings/api-tokens", "/customers"]);
  });

  it("guards the dictionaries and the recycle bin by the permissions their lists need", () => {
    expect(paths(["dictionaries:update"])).toEqual(["/settings/api-tokens"]);
    expect(paths(["recycle_bin:restore"])).toEqual(["/settings/api-tokens"]);
    expect(paths(["dictionaries:read", "recycle_bin:read"])).toEqual(["/settings/api-tokens", "/system/dictionaries", "/system/recycle-bin"]);
  });

  it("always offers API tokens to a signed-in user", () => {
    expect(paths([])).toEqual(["/settings/api-tokens"]);
  });

  it("lists only groups that have an existing, permitted page", () => {
    // Groups keep REQUIREMENTS order; the contracts group has no page yet (contracts are under sales).
    const groups = buildMenu(FEATURES, ["customers:read", "users:read", "products:read"]).map((s) => s.group);
    expect(groups).toEqual(["system", "customers", "products"]);
  });

  it("lists the contracts under sales, after the quotes and orders, for readers of contracts", () => {
    const sales = buildMenu(FEATURES, ["quotes:read", "orders:read", "contracts:read"]).find((s) => s.group === "sales");
    expect(sales?.entries.map((e) => e.path)).toEqual(["/quotes", "/orders", "/contracts"]);
    expect(paths(["quotes:read"])).not.toContain("/contracts");
  });

  it("lists the opportunities and their board under sales, and the stages page for those who change stages", () => {
    const sales = buildMenu(FEATURES, ["opportunities:read", "pipeline_stages:read"]).find((s) => s.group === "sales");
    expect(sales?.entries.map((e) => e.path)).toEqual(["/opportunities", "/opportunities/board"]);
    expect(paths(["opportunities:read", "pipeline_stages:read"])).not.toContain("/system/pipeline-stages");
    expect(paths(["pipeline_stages:update"])).toContain("/system/pipeline-stages");
  });

  it("offers the webhooks in the system group to their readers, after the settings, and selects it on a webhook's page", () => {
    expect(paths(["webhooks:create"])).not.toContain("/system/webhooks");
    const sections = buildMenu(FEATURES, ["settings:read", "webhooks:read"]);
    const system = sections.find((s) => s.group === "system")?.entries.map((e) => e.key) ?? [];
    expect(system.indexOf("webhooks")).toBe(system.indexOf("driveLimits") + 1);
    expect(selectedEntry(sections, "/system/webhooks/0193")?.key).toBe("webhooks");
  });

  it("selects the entry for nested paths", () => {
    const sections = buildMenu(FEATURES, ["users:read"]);
    expect(selectedEntry(sections, "/system/users")?.key).toBe("users");
    expect(selectedEntry(sections, "/system/users/123")?.key).toBe("users");
    expect(selectedEntry(sections, "/system/usersx")).toBeUndefined();
  });
});
