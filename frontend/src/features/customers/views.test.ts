import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { customerFilters } from "./filters";
import { customerListParams, customerListState, customerViewQuery, customerViewState, PLAIN_CUSTOMER_VIEW, type CustomerListState } from "./views";

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
    expect(customerViewState({ pool: "mars", page_size: "abc", deal_status: "x", quick: "idle_9" })).toEqual(PLAIN_CUSTOMER_VIEW);
  });

  it("keeps a region filter as its code in the URL, and reads an older link's names", () => {
    expect(Object.fromEntries(customerListParams({ ...PLAIN_CUSTOMER_VIEW, page: 1, values: { region_code: "330100" } }))).toEqual({ region_code: "330100" });
    expect(customerListState(new URLSearchParams("region_code=330000")).values).toEqual({ region_code: "330000" });
    expect(customerListState(new URLSearchParams("province=%E6%B5%99%E6%B1%9F%E7%9C%81")).values).toEqual({ province: "浙江省" });
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

  it("keeps the chosen groups, comma-joined as the API takes them", () => {
    const query = customerViewQuery({ values: { group_id: ["g1", "g2"] }, tab: "all", sort: "-updated_at", page_size: 10 });
    expect(query.group_id).toBe("g1,g2");
    expect(customerViewState(query).values.group_id).toEqual(["g1", "g2"]);
    expect(customerViewState({ group_id: " , " }).values.group_id).toBeUndefined();
  });

  it("keeps an open-ended created range", () => {
    const state = customerViewState({ created_at_to: "2026-11-24T15:59:59.999Z" });
    expect(state.values.created?.[0]).toBeNull();
    expect(state.values.created?.[1]?.isValid()).toBe(true);
  });
});

describe("the mine tab, team and quick filters", () => {
  it("keeps the quick filters by name and the team filters as the API takes them", () => {
    const query = customerViewQuery({ values: { owner_id: "u1", department_id: "d1" }, tab: "potential", quick: { overdue: true, idle: 7 }, sort: "name", page_size: 10 });
    expect(query).toEqual({ owner_id: "u1", department_id: "d1", pool: "potential", quick: "overdue,idle_7", sort: "name", page_size: "10" });
    expect(customerViewState(query)).toEqual({ values: { owner_id: "u1", department_id: "d1" }, tab: "potential", quick: { overdue: true, idle: 7 }, sort: "name", page_size: 10 });
  });

  it("opens a rep's bare address on their own customers and spells out 'all' for them", () => {
    expect(customerListState(new URLSearchParams(), "mine").tab).toBe("mine");
    const all: CustomerListState = { ...PLAIN_CUSTOMER_VIEW, page: 1 };
    expect(customerListParams(all, "mine").toString()).toBe("pool=all");
    expect(customerListState(new URLSearchParams("pool=all"), "mine").tab).toBe("all");
    expect(customerListParams({ ...all, tab: "mine" }, "mine").toString()).toBe("");
    // Whoever opens on everything sees mine in the address.
    expect(customerListParams({ ...all, tab: "mine" }).toString()).toBe("pool=mine");
  });

  it("sends the user as owner on the mine tab, not as a pool", () => {
    expect(customerFilters({ owner_id: "someone" }, "mine", { me: "me" })).toMatchObject({ owner_id: "me", pool: undefined });
    expect(customerFilters({ owner_id: "someone", department_id: "d" }, "all", { me: "me" })).toMatchObject({ owner_id: "someone", department_id: "d" });
  });
});

describe("customer list in the URL", () => {
  const plain: CustomerListState = { ...PLAIN_CUSTOMER_VIEW, page: 1 };
  /** What the address bar holds and a reload reads back. */
  const throughUrl = (state: CustomerListState) => customerListState(new URLSearchParams(customerListParams(state).toString()));

  it("leaves the plain list's first page as the bare address", () => {
    expect(customerListParams(plain).toString()).toBe("");
    expect(customerListState(new URLSearchParams())).toEqual(plain);
  });

  it("keeps only what differs from the defaults, the page included", () => {
    const state: CustomerListState = { values: { q: "云帆", industry: "it" }, tab: "potential", sort: "name", page: 3, page_size: 50 };
    expect(Object.fromEntries(customerListParams(state))).toEqual({ q: "云帆", industry: "it", pool: "potential", sort: "name", page_size: "50", page: "3" });
    expect(Object.fromEntries(customerListParams({ ...plain, values: { city: "杭州" } }))).toEqual({ city: "杭州" });
  });

  it("keeps a region filter as its code in the URL, and reads an older link's names", () => {
    expect(Object.fromEntries(customerListParams({ ...PLAIN_CUSTOMER_VIEW, page: 1, values: { region_code: "330100" } }))).toEqual({ region_code: "330100" });
    expect(customerListState(new URLSearchParams("region_code=330000")).values).toEqual({ region_code: "330000" });
    expect(customerListState(new URLSearchParams("province=%E6%B5%99%E6%B1%9F%E7%9C%81")).values).toEqual({ province: "浙江省" });
  });

  it("round-trips, the created range included", () => {
    const state: CustomerListState = {
      values: { q: "云帆", level: "a", source: "web", province: "浙江", city: "杭州", created: [dayjs("2026-11-01").startOf("day"), dayjs("2026-11-24").endOf("day")] },
      tab: "won",
      sort: "-next_follow_up_at",
      page: 7,
      page_size: 100,
    };
    const back = throughUrl(state);
    expect(back.values.created?.[0]?.toISOString()).toBe(state.values.created?.[0]?.toISOString());
    expect(back.values.created?.[1]?.toISOString()).toBe(state.values.created?.[1]?.toISOString());
    expect(customerListParams(back).toString()).toBe(customerListParams(state).toString());
    expect(back.page).toBe(7);
  });

  it("encodes a Chinese keyword and reads it back", () => {
    const url = customerListParams({ ...plain, values: { q: "云帆 科技" } }).toString();
    expect(url).toBe("q=%E4%BA%91%E5%B8%86+%E7%A7%91%E6%8A%80");
    expect(customerListState(new URLSearchParams(url)).values).toEqual({ q: "云帆 科技" });
    // As typed into the address bar, percent-encoded or not.
    expect(customerListState(new URLSearchParams("?q=%E4%BA%91%E5%B8%86")).values.q).toBe("云帆");
    expect(customerListState(new URLSearchParams("?q=云帆&page=2")).values.q).toBe("云帆");
  });

  it("ignores bad values and parameters it does not know", () => {
    const state = customerListState(new URLSearchParams("pool=mars&page=0&page_size=500&created_at_from=yesterday&q=+&view=abc&utm_source=mail"));
    expect(state).toEqual(plain);
    expect(customerListState(new URLSearchParams("page=2.5")).page).toBe(1);
    expect(customerListState(new URLSearchParams("page=1000001")).page).toBe(1);
    expect(customerListState(new URLSearchParams("page=abc&page_size=20")).page_size).toBe(20);
  });

  it("drops parameters a link spells out at their defaults", () => {
    expect(customerListParams(customerListState(new URLSearchParams("sort=-updated_at&page_size=10&page=1&pool=all"))).toString()).toBe("");
  });
});
