import { describe, expect, it } from "vitest";
import { newPlanBody, planPatch } from "./components/SalesPlanFormDrawer";
import { planFilters } from "./pages/SalesPlansPage";

describe("the sales plan form", () => {
  it("writes the period from its kind, year and month or quarter, and the target as a decimal string", () => {
    expect(newPlanBody({ kind: "month", year: 2026, part: 3, target_amount: "0500000.5", planned_customers: 8, content: "  " })).toEqual({
      owner_id: null,
      period: "2026-03",
      target_amount: "500000.5",
      planned_customers: 8,
      content: null,
    });
    expect(newPlanBody({ owner_id: "u2", kind: "quarter", year: 2026, part: 4, target_amount: "1" }).period).toBe("2026-Q4");
    expect(newPlanBody({ kind: "year", year: 2027, part: 5, target_amount: "1" }).period).toBe("2027");
  });

  it("patches only the target, customers and content", () => {
    expect(planPatch({ kind: "month", year: 2026, part: 1, target_amount: "10.00", content: "重点客户" })).toEqual({ target_amount: "10.00", planned_customers: null, content: "重点客户" });
  });

  it("filters by an exact period, or else by the year's starts", () => {
    expect(planFilters({ year: "2026" })).toEqual({ owner_id: undefined, period: undefined, period_start_from: "2026-01-01", period_start_to: "2026-12-31" });
    expect(planFilters({ year: "2026", period: "2026-Q2", owner_id: "u1" })).toEqual({ owner_id: "u1", period: "2026-Q2", period_start_from: undefined, period_start_to: undefined });
    expect(planFilters({ year: "bad" })).toEqual({ owner_id: undefined, period: undefined, period_start_from: undefined, period_start_to: undefined });
  });
});
