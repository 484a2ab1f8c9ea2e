import { describe, expect, it } from "vitest";
import { contractFormValues, contractQuery, contractUrlFilters } from "./filters";
import { CONTRACT_STATUSES } from "./status";

describe("contract filters", () => {
  it("reads the URL into the API's query, dropping what it would refuse", () => {
    expect(
      contractQuery({ q: " HT-2026 ", status: "active", category: "sales", signed_from: "2026-01-01", signed_to: "2026-12-31", ends_from: "soon", ends_to: "2027-06-30" }, CONTRACT_STATUSES),
    ).toEqual({
      q: "HT-2026",
      status: "active",
      category: "sales",
      owner_id: undefined,
      sign_date_from: "2026-01-01",
      sign_date_to: "2026-12-31",
      end_date_from: undefined,
      end_date_to: "2027-06-30",
    });
    expect(contractQuery({ status: "sent" }, CONTRACT_STATUSES).status).toBeUndefined();
    expect(contractQuery({ status: "void" }, CONTRACT_STATUSES).status).toBe("void");
  });

  it("round-trips the search form, each range on its own", () => {
    const values = contractFormValues({ q: "x", owner_id: "u1", signed_from: "2026-01-01", ends_to: "2027-06-30" });
    expect(values.signed?.[0]?.format("YYYY-MM-DD")).toBe("2026-01-01");
    expect(values.signed?.[1]).toBeNull();
    expect(values.ends?.[0]).toBeNull();
    expect(contractUrlFilters(values)).toEqual({
      q: "x",
      category: undefined,
      owner_id: "u1",
      signed_from: "2026-01-01",
      signed_to: undefined,
      ends_from: undefined,
      ends_to: "2027-06-30",
    });
  });

  it("clears what the form leaves blank", () => {
    expect(contractFormValues({})).toEqual({ q: undefined, category: undefined, owner_id: undefined });
    expect(contractUrlFilters({ q: "  ", category: "", signed: null, ends: [null, null] })).toEqual({
      q: undefined,
      category: undefined,
      owner_id: undefined,
      signed_from: undefined,
      signed_to: undefined,
      ends_from: undefined,
      ends_to: undefined,
    });
  });
});
