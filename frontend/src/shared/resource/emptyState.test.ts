import { describe, expect, it } from "vitest";
import { chooseEmptyState } from "./emptyState";

describe("empty state", () => {
  it("says nothing while loading or when there are rows", () => {
    expect(chooseEmptyState({ rows: undefined, activeFilters: [] })).toBeNull();
    expect(chooseEmptyState({ rows: 3, activeFilters: ["City"] })).toBeNull();
  });

  it("names the filters when filters are on, before any other reason", () => {
    expect(chooseEmptyState({ rows: 0, activeFilters: ["City", "Overdue"], scope: "public_pool" })).toEqual({ kind: "filtered", filters: ["City", "Overdue"] });
  });

  it("gives the page's own reason, else a blank list", () => {
    expect(chooseEmptyState({ rows: 0, activeFilters: [], scope: "public_pool" })).toEqual({ kind: "public_pool" });
    expect(chooseEmptyState({ rows: 0, activeFilters: [] })).toEqual({ kind: "blank" });
  });
});
