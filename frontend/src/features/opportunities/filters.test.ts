import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { formValues, opportunityQuery, urlFilters } from "./filters";

describe("opportunity filters", () => {
  it("turns the URL into the API's query, dropping unknown values", () => {
    expect(opportunityQuery({ q: " 采购 ", status: "won", expired: "true", close_from: "2026-12-01", close_to: "bad" })).toEqual({
      q: "采购",
      stage_id: undefined,
      status: "won",
      owner_id: undefined,
      expired: true,
      expected_close_date_from: "2026-12-01",
      expected_close_date_to: undefined,
    });
    expect(opportunityQuery({ status: "closed", expired: "maybe" })).toMatchObject({ status: undefined, expired: undefined });
  });

  it("round-trips the close date range through the form", () => {
    const values = formValues({ close_from: "2026-12-01", close_to: "2026-12-31", owner_id: "u1" });
    expect(values.close?.[0]?.format("YYYY-MM-DD")).toBe("2026-12-01");
    expect(urlFilters(values)).toMatchObject({ close_from: "2026-12-01", close_to: "2026-12-31", owner_id: "u1" });
    expect(urlFilters({ close: [dayjs("2026-01-02"), null], q: "  " })).toMatchObject({ close_from: "2026-01-02", close_to: undefined, q: undefined });
  });
});
