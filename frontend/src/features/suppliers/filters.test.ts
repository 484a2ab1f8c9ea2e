import { describe, expect, it } from "vitest";
import { regionText, supplierFilters } from "./filters";

describe("supplier filters", () => {
  it("trims and drops blanks", () => {
    expect(supplierFilters({ q: "  华东 ", province: " ", city: "杭州" })).toEqual({ q: "华东", region_code: undefined, province: undefined, city: "杭州" });
    expect(supplierFilters({})).toEqual({ q: undefined, region_code: undefined, province: undefined, city: undefined });
    expect(supplierFilters({ region_code: "330000" })).toMatchObject({ region_code: "330000" });
  });

  it("joins the region", () => {
    expect(regionText("浙江", "杭州")).toBe("浙江 / 杭州");
    expect(regionText(null, "杭州")).toBe("杭州");
    expect(regionText(" ", null)).toBe("");
  });
});
