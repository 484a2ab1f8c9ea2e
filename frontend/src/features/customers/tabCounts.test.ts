import { describe, expect, it } from "vitest";
import { customersApi, isTabCountQuery } from "./api";
import { tabCountQuery } from "./tabCounts";

describe("tab counts", () => {
  const context = { me: "u-me", quick: { overdue: true }, now: new Date("2026-12-06T01:30:00Z"), zone: "Asia/Shanghai" };

  it("asks for one row of each tab under the list's filters", () => {
    expect(tabCountQuery({ city: "杭州" }, "public", context)).toEqual({
      city: "杭州",
      pool: "public",
      next_follow_up_at_to: "2026-12-06T01:30:00.000Z",
      page: 1,
      page_size: 1,
    });
  });

  it("counts mine as the user's customers in every pool but invalid", () => {
    expect(tabCountQuery({}, "mine", context)).toEqual({ owner_id: "u-me", next_follow_up_at_to: "2026-12-06T01:30:00.000Z", page: 1, page_size: 1 });
    expect(tabCountQuery({ owner_id: "u-other" }, "all", {})).toEqual({ owner_id: "u-other", page: 1, page_size: 1 });
  });

  it("gives the same query for the same filters, so the count is cached across renders", () => {
    expect(JSON.stringify(tabCountQuery({ q: "云帆" }, "won", context))).toBe(JSON.stringify(tabCountQuery({ q: "云帆" }, "won", { ...context })));
  });

  it("tells the counts apart from the list's pages in the cache, so only they are asked again", () => {
    expect(isTabCountQuery(customersApi.keys.list(tabCountQuery({}, "mine", context)))).toBe(true);
    expect(isTabCountQuery(customersApi.keys.list({ page: 1, page_size: 10 }))).toBe(false);
    expect(isTabCountQuery(customersApi.keys.detail("x"))).toBe(false);
  });
});
