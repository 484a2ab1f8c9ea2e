import { describe, expect, it } from "vitest";
import { regionByCode, regionNames, regionPath, regionSearchMatch, suggestRegion, trimRegions, type Region } from "./regions";

// Shaped as GET /regions serves it: a municipality with its own city level (xx0100), a province's
// county-level cities beside its prefectures, a province without levels below it.
const sample: Region[] = [
  { code: "110000", name: "北京市", children: [{ code: "110100", name: "北京市", children: [{ code: "110101", name: "东城区" }] }] },
  {
    code: "410000",
    name: "河南省",
    children: [
      { code: "410100", name: "郑州市", children: [{ code: "410102", name: "中原区" }] },
      { code: "419001", name: "济源市" },
    ],
  },
  { code: "500000", name: "重庆市", children: [{ code: "500100", name: "重庆市", children: [{ code: "500229", name: "城口县" }] }] },
  { code: "710000", name: "台湾省" },
];

const codes = (path: Region[] | null) => path?.map((r) => r.code) ?? null;

describe("region lookup by code", () => {
  it("finds the path from the province down to a code, at any level", () => {
    expect(codes(regionByCode(sample, "110101"))).toEqual(["110000", "110100", "110101"]);
    expect(regionNames(regionByCode(sample, "110101") ?? [])).toEqual(["北京市", "北京市", "东城区"]);
    expect(codes(regionByCode(sample, "410100"))).toEqual(["410000", "410100"]);
    expect(codes(regionByCode(sample, "419001"))).toEqual(["410000", "419001"]);
    expect(codes(regionByCode(sample, "710000"))).toEqual(["710000"]);
  });

  it("finds a code whose digits are not its city's (重庆市's counties)", () => {
    expect(regionNames(regionByCode(sample, "500229") ?? [])).toEqual(["重庆市", "重庆市", "城口县"]);
  });

  it("gives null for an unknown code or none", () => {
    expect(regionByCode(sample, "999999")).toBeNull();
    expect(regionByCode(sample, null)).toBeNull();
    expect(regionByCode(sample, "")).toBeNull();
  });
});

describe("trimming", () => {
  it("keeps provinces and cities for a filter or a supplier", () => {
    const trimmed = trimRegions(sample, 2);
    expect(trimmed[1]?.children?.[0]).toEqual({ code: "410100", name: "郑州市" });
    expect(trimmed[0]?.children?.[0]).toEqual({ code: "110100", name: "北京市" });
    expect(trimmed[3]).toEqual({ code: "710000", name: "台湾省" });
  });

  it("leaves the tree it was given alone", () => {
    trimRegions(sample, 1);
    expect(sample[1]?.children?.[0]?.children).toHaveLength(1);
  });
});

describe("region lookup by name", () => {
  it("finds stored names, a partial path too", () => {
    expect(codes(regionPath(sample, ["河南省", "郑州市", "中原区"]))).toEqual(["410000", "410100", "410102"]);
    expect(codes(regionPath(sample, ["河南省", "郑州市", null]))).toEqual(["410000", "410100"]);
    expect(codes(regionPath(sample, ["河南省", "", undefined]))).toEqual(["410000"]);
  });

  it("refuses names that are not there under their parent, gaps and nothing", () => {
    expect(regionPath(sample, ["河南", "郑州"])).toBeNull();
    expect(regionPath(sample, ["北京市", "郑州市"])).toBeNull();
    expect(regionPath(sample, ["河南省", null, "中原区"])).toBeNull();
    expect(regionPath(sample, [null, undefined, " "])).toBeNull();
  });

  it("searches every typed word across the levels", () => {
    const path = [{ name: "江苏省" }, { name: "南京市" }, { name: "鼓楼区" }];
    expect(regionSearchMatch("鼓楼", path)).toBe(true);
    expect(regionSearchMatch("江苏 鼓楼", path)).toBe(true);
    expect(regionSearchMatch("江苏　南京", path)).toBe(true);
    expect(regionSearchMatch("福建 鼓楼", path)).toBe(false);
  });
});

describe("region suggestion for legacy names", () => {
  it("reads short names as the one region each starts, with its codes", () => {
    expect(codes(suggestRegion(sample, ["河南", "郑州", "中原"]))).toEqual(["410000", "410100", "410102"]);
    expect(regionNames(suggestRegion(sample, ["北京", "北京"]) ?? [])).toEqual(["北京市", "北京市"]);
    expect(codes(suggestRegion(sample, ["河南", "济源"]))).toEqual(["410000", "419001"]);
  });

  it("suggests nothing for an unknown, an ambiguous or a gapped name", () => {
    expect(suggestRegion(sample, ["California"])).toBeNull();
    expect(suggestRegion([...sample, { code: "130000", name: "河北省" }], ["河"])).toBeNull();
    expect(suggestRegion(sample, ["河南", null, "中原"])).toBeNull();
    expect(suggestRegion(sample, [])).toBeNull();
  });
});
