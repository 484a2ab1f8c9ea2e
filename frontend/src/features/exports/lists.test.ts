import { describe, expect, it } from "vitest";
import { backgroundList, listQuery } from "./lists";

describe("background export lists", () => {
  it("names the list of an export path, and none for a report", () => {
    expect(backgroundList("/api/v1/customers/export")).toBe("customers");
    expect(backgroundList("/api/v1/payment-plans/export")).toBe("payment-plans");
    expect(backgroundList("/api/v1/reports/funnel/export")).toBeUndefined();
    expect(backgroundList("/api/v1/spaceships/export")).toBeUndefined();
  });

  it("writes the list's query without empty values", () => {
    expect(listQuery({ q: "华为 科技", pool: "won", owner_id: undefined, tags: ["a", "b"], empty: "", none: [], sort: "-updated_at" })).toBe(
      "q=%E5%8D%8E%E4%B8%BA+%E7%A7%91%E6%8A%80&pool=won&tags=a%2Cb&sort=-updated_at",
    );
  });
});
