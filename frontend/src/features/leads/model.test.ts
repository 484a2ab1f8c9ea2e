import { describe, expect, it } from "vitest";
import type { PermissionCode } from "../../api/types";
import { leadActions, leadFollowUpBlock, leadListQuery } from "./model";

const rep = new Set<PermissionCode>(["leads:read", "leads:create", "leads:update", "leads:export", "leads:convert"]);
const manager = new Set<PermissionCode>([...rep, "leads:delete", "leads:transfer"]);

describe("lead list query", () => {
  it("narrows mine to the user, the pool to pool=true and keeps the chosen owner only on all", () => {
    expect(leadListQuery({ q: " 金陵 ", owner_id: "u2", status: "new" }, "mine", "u1")).toEqual({ q: "金陵", status: "new", source: undefined, owner_id: "u1", pool: undefined });
    expect(leadListQuery({ owner_id: "u2" }, "pool", "u1")).toMatchObject({ owner_id: undefined, pool: true });
    expect(leadListQuery({ owner_id: "u2", status: "bogus" }, "all", "u1")).toMatchObject({ owner_id: "u2", pool: undefined, status: undefined });
  });
});

describe("lead actions", () => {
  const base = { status: "new" as const, converted_at: null };
  it("offers claim in the pool, release on one's own, the rest by permission", () => {
    expect(leadActions({ ...base, owner_id: null }, "u1", (p) => rep.has(p))).toEqual(["claim", "edit", "convert"]);
    expect(leadActions({ ...base, owner_id: "u1" }, "u1", (p) => rep.has(p))).toEqual(["release", "edit", "convert"]);
    expect(leadActions({ ...base, owner_id: "u2" }, "u1", (p) => manager.has(p))).toEqual(["assign", "edit", "convert", "delete"]);
  });

  it("leaves a converted lead read-only", () => {
    expect(leadActions({ owner_id: "u1", status: "converted", converted_at: "2026-12-01T00:00:00Z" }, "u1", (p) => rep.has(p))).toEqual([]);
    expect(leadActions({ owner_id: "u1", status: "converted", converted_at: "2026-12-01T00:00:00Z" }, "u1", (p) => manager.has(p))).toEqual(["delete"]);
  });
});

describe("lead follow-ups", () => {
  const base = { status: "contacted" as const, converted_at: null };
  it("are written on a lead the user may edit, not on a pooled or converted one", () => {
    expect(leadFollowUpBlock({ ...base, owner_id: "u1" }, "u1", (p) => rep.has(p))).toBeUndefined();
    expect(leadFollowUpBlock({ ...base, owner_id: "u2" }, "u1", (p) => manager.has(p))).toBeUndefined();
    expect(leadFollowUpBlock({ ...base, owner_id: null }, "u1", (p) => manager.has(p))).toBe("pool");
    expect(leadFollowUpBlock({ owner_id: "u1", status: "converted", converted_at: "2026-12-01T00:00:00Z" }, "u1", (p) => manager.has(p))).toBe("converted");
    expect(leadFollowUpBlock({ ...base, owner_id: "u1" }, "u1", (p) => p === "leads:read")).toBe("readOnly");
  });
});
