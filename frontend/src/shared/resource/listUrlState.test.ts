import { describe, expect, it } from "vitest";
import { readListState, writeListState } from "./listUrlState";

const NAMES = ["q", "city"] as const;

describe("list state in the URL", () => {
  it("reads paging, sort and the known filters, ignoring bad values and unknown names", () => {
    const state = readListState(new URLSearchParams("q=acme&city=%20&page=3&page_size=50&sort=name&other=1"), NAMES, "-created_at");
    expect(state).toEqual({ page: 3, page_size: 50, sort: "name", filters: { q: "acme" } });
    expect(readListState(new URLSearchParams("page=0&page_size=999"), NAMES, "-created_at")).toEqual({
      page: 1,
      page_size: 10,
      sort: "-created_at",
      filters: {},
    });
  });

  it("writes only what differs from the plain list", () => {
    expect(writeListState({ page: 1, page_size: 10, sort: "-created_at", filters: {} }, "-created_at").toString()).toBe("");
    expect(writeListState({ page: 2, page_size: 20, sort: "name", filters: { q: " acme ", city: "" } }, "-created_at").toString()).toBe(
      "q=acme&sort=name&page_size=20&page=2",
    );
  });

  it("round-trips", () => {
    const state = { page: 4, page_size: 50, sort: "-number", filters: { city: "杭州" } };
    expect(readListState(writeListState(state), NAMES)).toEqual(state);
  });
});
