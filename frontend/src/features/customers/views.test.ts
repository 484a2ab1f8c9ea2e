import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { customerViewQuery, customerViewState, hasCustomerFilters, PLAIN_CUSTOMER_VIEW } from "./views";

describe("customer list as a saved view", () => {
  it("stores the tab, filters, sort and page size as strings", () => {
    expect(customerViewQuery({ values: { q: " 科技 ", level: "a", city: "杭州", province: " " }, tab: "potential", sort: "-next_follow_up_at", page_size: 20 })).toEqual({
      q: "科技",
      level: "a",
      city: "杭州",
      pool: "potential",
      sort: "-next_follow_up_at",
      page_size: "20",
    });
  });

  it("stores no pool for the 'all' tab", () => {
    expect(customerViewQuery(PLAIN_CUSTOMER_VIEW)).toEqual({ sort: "-updated_at", page_size: "10" });
  });

  it("reads a view back into the form, tab, sort and page size", () => {
    expect(customerViewState({ level: "a", city: "杭州", pool: "public", sort: "name", page_size: "50" })).toEqual({
      values: { level: "a", city: "杭州" },
      tab: "public",
      sort: "name",
      page_size: 50,
    });
  });

  it("takes defaults for missing or bad values and ignores unknown parameters", () => {
    expect(customerViewState({ pool: "mars", page_size: "abc", owner_id: "x" })).toEqual(PLAIN_CUSTOMER_VIEW);
  });

  it("round-trips, the created range included", () => {
    const from = dayjs("2026-11-01T15:00:00");
    const to = dayjs("2026-11-24T08:00:00");
    const query = customerViewQuery({ values: { industry: "it", created: [from, to] }, tab: "won", sort: "name", page_size: 100 });
    expect(query.created_at_from).toBe(from.startOf("day").toISOString());
    const state = customerViewState(query);
    expect(state.values.created?.[0]?.toISOString()).toBe(from.startOf("day").toISOString());
    expect(state.values.created?.[1]?.toISOString()).toBe(to.endOf("day").toISOString());
    expect(customerViewQuery(state)).toEqual(query);
  });

  it("keeps an open-ended created range", () => {
    const state = customerViewState({ created_at_to: "2026-11-24T15:59:59.999Z" });
    expect(state.values.created?.[0]).toBeNull();
    expect(state.values.created?.[1]?.isValid()).toBe(true);
  });

  it("tells whether the form holds a filter", () => {
    expect(hasCustomerFilters({})).toBe(false);
    expect(hasCustomerFilters({ q: "  " })).toBe(false);
    expect(hasCustomerFilters({ city: "杭州" })).toBe(true);
  });
});
