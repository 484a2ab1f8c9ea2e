import { describe, expect, it } from "vitest";
import type { Permission } from "../../api/types";
import { buildMatrix, rowState, toggleCode, toggleRow } from "./matrix";

const p = (module: string, action: string): Permission => ({
  code: `${module}:${action}`,
  module,
  action,
  label: `${action} ${module}`,
  label_zh: `${module}${action}`,
  module_label: module,
  module_label_zh: `${module}模块`,
});

const catalogue = [p("users", "delete"), p("users", "read"), p("users", "create"), p("customers", "read"), p("customers", "transfer")];

describe("permission matrix", () => {
  it("builds module rows and ordered action columns", () => {
    const matrix = buildMatrix(catalogue);
    expect(matrix.rows.map((r) => r.module)).toEqual(["users", "customers"]);
    expect(matrix.actions).toEqual(["read", "create", "delete", "transfer"]);
    expect(matrix.rows[1]?.cells.has("delete")).toBe(false);
  });

  it("tells the state of a row and toggles it", () => {
    const users = buildMatrix(catalogue).rows[0];
    if (!users) throw new Error("no row");
    expect(rowState(users, new Set())).toBe("none");
    expect(rowState(users, new Set(["users:read"]))).toBe("some");
    const all = toggleRow(users, ["customers:read", "users:read"], true);
    expect(new Set(all)).toEqual(new Set(["customers:read", "users:read", "users:create", "users:delete"]));
    expect(rowState(users, new Set(all))).toBe("all");
    expect(toggleRow(users, all, false)).toEqual(["customers:read"]);
  });

  it("toggles one code without duplicates", () => {
    expect(toggleCode(["a"], "a", true)).toEqual(["a"]);
    expect(toggleCode(["a", "b"], "a", false)).toEqual(["b"]);
  });
});
