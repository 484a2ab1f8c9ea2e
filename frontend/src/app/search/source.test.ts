import { describe, expect, it } from "vitest";
import { FEATURES } from "../features";
import type { SearchHit, SearchSource } from "../registry";
import { highlightParts, normalizeQuery, paletteResults, queryWords, rankHits, searchSource, searchSourcesFor, titleRank } from "./source";

const hit = (source: string, id: string, title: string): SearchHit => ({ source, id, title, path: `/${source}/${id}` });
const source = (key: string): SearchSource => ({ key, labelKey: `common:entities.${key}`, matchesKey: "x:y", permission: "customers:read", search: () => Promise.resolve([]) });

describe("search registry", () => {
  it("asks the registered sources the user may read, in feature order", () => {
    const all = ["customers:read", "contacts:read", "products:read", "suppliers:read"];
    expect(searchSourcesFor(FEATURES, all).map((s) => s.key)).toEqual(["customers", "contacts", "products", "suppliers"]);
    expect(searchSourcesFor(FEATURES, ["products:read", "contacts:read"]).map((s) => s.key)).toEqual(["contacts", "products"]);
    expect(searchSourcesFor(FEATURES, ["customers:*"]).map((s) => s.key)).toEqual(["customers"]);
    expect(searchSourcesFor(FEATURES, ["*"])).toHaveLength(6);
    expect(searchSourcesFor(FEATURES, ["opportunities:read"]).map((s) => s.key)).toEqual(["opportunities"]);
    expect(searchSourcesFor(FEATURES, ["leads:read"]).map((s) => s.key)).toEqual(["leads"]);
    expect(searchSourcesFor(FEATURES, [])).toEqual([]);
    expect(searchSourcesFor(FEATURES, undefined)).toEqual([]);
  });

  it("lets a later module plug in with one entry", () => {
    const leads = searchSource<{ id: string; title: string }>({
      key: "leads",
      labelKey: "common:entities.leads",
      matchesKey: "leads:search.matches",
      permission: "customers:read",
      find: () => Promise.resolve([{ id: "l1", title: "金陵机械 询价" }]),
      hit: (lead) => ({ id: lead.id, title: lead.title, path: `/leads/${lead.id}` }),
    });
    const features = [...FEATURES, { name: "leads", routes: [], menu: [], search: [leads] }];
    expect(searchSourcesFor(features, ["customers:read"]).map((s) => s.key)).toEqual(["customers", "leads"]);
    expect(leads.hit({ id: "l2", title: "x" })).toEqual({ source: "leads", id: "l2", title: "x", path: "/leads/l2" });
    return expect(leads.search("金陵", new AbortController().signal)).resolves.toEqual([{ source: "leads", id: "l1", title: "金陵机械 询价", path: "/leads/l1" }]);
  });
});

describe("search query", () => {
  it("splits words at spaces, full-width ones too", () => {
    expect(queryWords("  金陵　机械  南京 ")).toEqual(["金陵", "机械", "南京"]);
    expect(normalizeQuery(" 金陵　 机械 ")).toBe("金陵 机械");
    expect(queryWords("   ")).toEqual([]);
  });
});

describe("result ordering", () => {
  it("ranks an exact title, then a title starting with the words, then one holding every word, then the rest", () => {
    expect(titleRank("金陵机械", "金陵机械")).toBe(0);
    expect(titleRank("Acme Ltd", "acme")).toBe(1);
    expect(titleRank("金陵机械", "金陵 机械")).toBe(0);
    expect(titleRank("金陵机械厂", "金陵 机械")).toBe(1);
    expect(titleRank("南京金陵机械厂", "金陵 机械")).toBe(2);
    expect(titleRank("张三", "138")).toBe(3);
  });

  it("keeps the server's order within a rank", () => {
    const hits = [hit("customers", "1", "南京金陵重型机械"), hit("customers", "2", "13800 张三"), hit("customers", "3", "金陵机械"), hit("customers", "4", "苏州金陵机械")];
    expect(rankHits(hits, "金陵 机械").map((h) => h.id)).toEqual(["3", "1", "4", "2"]);
  });

  it("groups by source in registry order, leaves out empty groups and numbers hits across groups", () => {
    const sources = [source("customers"), source("contacts"), source("products")];
    const found = new Map([
      ["products", [hit("products", "p1", "机械臂")]],
      ["customers", [hit("customers", "c1", "金陵精密"), hit("customers", "c2", "金陵机械")]],
      ["contacts", []],
    ]);
    const { groups, flat } = paletteResults(sources, found, "金陵机械");
    expect(groups.map((g) => g.source.key)).toEqual(["customers", "products"]);
    expect(flat.map((h) => h.id)).toEqual(["c2", "c1", "p1"]);
  });
});

describe("highlight", () => {
  it("marks every word wherever it occurs, case-insensitively", () => {
    expect(highlightParts("Acme Machinery ACME", "acme mach")).toEqual([
      { text: "Acme", match: true },
      { text: " ", match: false },
      { text: "Mach", match: true },
      { text: "inery ", match: false },
      { text: "ACME", match: true },
    ]);
    expect(highlightParts("金陵机械", "")).toEqual([{ text: "金陵机械", match: false }]);
    expect(highlightParts("金陵机械", "陵 机")).toEqual([
      { text: "金", match: false },
      { text: "陵机", match: true },
      { text: "械", match: false },
    ]);
  });
});
