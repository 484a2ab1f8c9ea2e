import { describe, expect, it } from "vitest";
import { quoteFormValues, quoteQuery, quoteUrlFilters } from "./filters";
import { QUOTE_STATUSES } from "./status";

describe("quote filters", () => {
  it("reads the URL into the API's query, dropping what it would refuse", () => {
    expect(quoteQuery({ q: " QT-1 ", status: "sent", valid_from: "2026-12-01", valid_to: "nope" }, QUOTE_STATUSES)).toEqual({
      q: "QT-1",
      status: "sent",
      customer_id: undefined,
      owner_id: undefined,
      valid_until_from: "2026-12-01",
      valid_until_to: undefined,
    });
    expect(quoteQuery({ status: "won" }, QUOTE_STATUSES).status).toBeUndefined();
  });

  it("round-trips the search form", () => {
    const values = quoteFormValues({ q: "x", valid_from: "2026-12-01", valid_to: "2026-12-31" });
    expect(quoteUrlFilters(values)).toEqual({ q: "x", customer_id: undefined, owner_id: undefined, valid_from: "2026-12-01", valid_to: "2026-12-31" });
  });
});
