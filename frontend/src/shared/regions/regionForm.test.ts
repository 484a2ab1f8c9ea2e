import { describe, expect, it } from "vitest";
import { regionBody, regionFormValues } from "./regionForm";

describe("the region a form sends", () => {
  it("sends a chosen region as its code alone: the server fills the names", () => {
    expect(regionBody({ region_code: "330106", province: "浙江省", city: "杭州市", district: "西湖区" }, 3)).toEqual({ region_code: "330106" });
    expect(regionBody({ region_code: "330100", province: "浙江省", city: "杭州市" }, 2)).toEqual({ region_code: "330100" });
  });

  it("sends nulls for a cleared region, and no code", () => {
    expect(regionBody({}, 3)).toEqual({ province: null, city: null, district: null });
    expect(regionBody({ region_code: undefined, province: undefined, city: " ", district: "" }, 3)).toEqual({ province: null, city: null, district: null });
    expect(regionBody({ region_code: "" }, 2)).toEqual({ province: null, city: null });
  });

  it("sends names without a code as typed (a legacy value, a place abroad)", () => {
    expect(regionBody({ province: " 浙江 ", city: "杭州" }, 3)).toEqual({ province: "浙江", city: "杭州", district: null });
    expect(regionBody({ province: "浙江", city: "杭州", district: "西湖" }, 2)).toEqual({ province: "浙江", city: "杭州" });
  });
});

describe("the region a form opens with", () => {
  it("keeps the record's code and names", () => {
    expect(regionFormValues({ region_code: "330106", province: "浙江省", city: "杭州市", district: "西湖区" })).toEqual({
      region_code: "330106",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
    });
  });

  it("has no code for a legacy record, and no district for a supplier", () => {
    expect(regionFormValues({ region_code: null, province: "浙江", city: "杭州" })).toEqual({ region_code: undefined, province: "浙江", city: "杭州" });
    expect(regionFormValues(null)).toEqual({});
  });
});
