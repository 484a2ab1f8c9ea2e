import { describe, expect, it } from "vitest";
import { groupListFilters, splitGroupIds } from "./filters";

describe("group list filters", () => {
  it("sends shared as a boolean, mine as the user's id and drops blanks", () => {
    expect(groupListFilters({ q: "  华东 ", shared: "true", mine: "1" }, "u1")).toEqual({ q: "华东", shared: true, owner_id: "u1" });
    expect(groupListFilters({ q: " ", shared: "false" }, "u1")).toEqual({ q: undefined, shared: false, owner_id: undefined });
    expect(groupListFilters({ shared: "maybe", mine: "1" }, undefined)).toEqual({ q: undefined, shared: undefined, owner_id: undefined });
  });

  it("splits the customer list's group_id", () => {
    expect(splitGroupIds(" a, b,,a ")).toEqual(["a", "b"]);
    expect(splitGroupIds(undefined)).toEqual([]);
  });
});
