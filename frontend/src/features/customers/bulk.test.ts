import { describe, expect, it } from "vitest";
import { bulkActions, ineligible, selectedExportQuery } from "./bulk";

const all = () => true;

describe("bulk actions", () => {
  it("offers assign only in the public pool tab", () => {
    expect(bulkActions("public", all)).toEqual(["assign", "group_add", "group_remove", "export"]);
    expect(bulkActions("all", all)).toEqual(["transfer", "release", "group_add", "group_remove", "export"]);
    expect(bulkActions("potential", all)).toEqual(["transfer", "release", "group_add", "group_remove", "export"]);
    expect(bulkActions("invalid", all)).toEqual(["group_add", "group_remove", "export"]);
  });

  it("keeps only the permitted actions", () => {
    const rep = (p: string) => p === "customers:release";
    expect(bulkActions("potential", rep)).toEqual(["release"]);
    expect(bulkActions("public", rep)).toEqual([]);
    const grouper = (p: string) => p === "customer_groups:update";
    expect(bulkActions("invalid", grouper)).toEqual(["group_add", "group_remove"]);
  });

  it("counts the selected customers an action cannot take", () => {
    const selected = [{ pool: "potential" }, { pool: "public" }, { pool: "won" }];
    expect(ineligible("transfer", selected)).toBe(1);
    expect(ineligible("release", selected)).toBe(1);
    expect(ineligible("assign", selected)).toBe(2);
    expect(ineligible("transfer", [])).toBe(0);
    expect(ineligible("export", selected)).toBe(0);
    expect(ineligible("group_add", [...selected, { pool: "invalid" }])).toBe(0);
  });

  it("exports the selected customers from any pool in the list's order", () => {
    expect(selectedExportQuery([{ id: "a" }, { id: "b" }], "-updated_at")).toEqual({
      format: "csv",
      id: "a,b",
      pool: "public,potential,won,invalid",
      sort: "-updated_at",
    });
  });
});
