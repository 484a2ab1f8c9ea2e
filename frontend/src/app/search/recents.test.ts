import { describe, expect, it } from "vitest";
import type { SearchHit } from "../registry";
import { MAX_RECENTS, parseRecents, readRecents, recentsKey, recordRecent, withRecent } from "./recents";

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

const hit = (id: string, source = "customers"): SearchHit => ({ source, id, title: `Customer ${id}`, path: `/customers/${id}` });

describe("recently viewed records", () => {
  it("puts the newest first and keeps each record once", () => {
    let list = withRecent([], hit("a"), 1);
    list = withRecent(list, hit("b"), 2);
    list = withRecent(list, hit("a"), 3);
    expect(list.map((e) => [e.id, e.viewedAt])).toEqual([
      ["a", 3],
      ["b", 2],
    ]);
  });

  it("tells records of different kinds with the same id apart", () => {
    const list = withRecent(withRecent([], hit("1", "customers"), 1), hit("1", "suppliers"), 2);
    expect(list.map((e) => e.source)).toEqual(["suppliers", "customers"]);
  });

  it(`keeps at most ${MAX_RECENTS}`, () => {
    let list = withRecent([], hit("0"), 0);
    for (let i = 1; i < 15; i++) list = withRecent(list, hit(String(i)), i);
    expect(list).toHaveLength(MAX_RECENTS);
    expect(list[0]?.id).toBe("14");
    expect(list[MAX_RECENTS - 1]?.id).toBe("5");
  });

  it("stores per user", () => {
    const store = new MemoryStorage();
    recordRecent("u1", hit("a"), store, 1);
    recordRecent("u2", hit("b"), store, 2);
    recordRecent("u1", hit("c"), store, 3);
    expect(readRecents("u1", store).map((e) => e.id)).toEqual(["c", "a"]);
    expect(readRecents("u2", store).map((e) => e.id)).toEqual(["b"]);
    expect([...store.data.keys()].sort()).toEqual([recentsKey("u1"), recentsKey("u2")]);
  });

  it("reads a broken or foreign value as an empty list, and drops entries of another shape", () => {
    expect(parseRecents(null)).toEqual([]);
    expect(parseRecents("{not json")).toEqual([]);
    expect(parseRecents('{"a":1}')).toEqual([]);
    expect(parseRecents(JSON.stringify([{ id: "x" }, { ...hit("ok"), viewedAt: 5 }])).map((e) => e.id)).toEqual(["ok"]);
  });

  it("survives a storage that refuses to write", () => {
    const full = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(() => recordRecent("u1", hit("a"), full)).not.toThrow();
  });
});
