import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { customerFilters } from "./filters";

describe("customer filters", () => {
  it("drops blanks and sends no pool for the 'all' tab", () => {
    expect(customerFilters({ q: "  ", city: " 杭州 " }, "all")).toEqual({
      q: undefined,
      pool: undefined,
      industry: undefined,
      level: undefined,
      source: undefined,
      province: undefined,
      city: "杭州",
      created_at_from: undefined,
      created_at_to: undefined,
    });
  });

  it("sends a chosen region as its code, beside an older link's names", () => {
    expect(customerFilters({ region_code: " 330000 " }, "all").region_code).toBe("330000");
    expect(customerFilters({ region_code: "" }, "all").region_code).toBeUndefined();
    expect(customerFilters({ province: "浙江省", city: "杭州市" }, "all")).toMatchObject({ province: "浙江省", city: "杭州市", region_code: undefined });
  });

  it("joins the chosen groups and sends none when none are chosen", () => {
    expect(customerFilters({ group_id: ["g1", "g2"] }, "all").group_id).toBe("g1,g2");
    expect(customerFilters({ group_id: [] }, "all").group_id).toBeUndefined();
  });

  it("sends the tab's pool and the created range as whole days", () => {
    const day = dayjs("2026-11-24T10:00:00");
    const filters = customerFilters({ created: [day, day] }, "public");
    expect(filters.pool).toBe("public");
    expect(filters.created_at_from).toBe(day.startOf("day").toISOString());
    expect(filters.created_at_to).toBe(day.endOf("day").toISOString());
  });
});
