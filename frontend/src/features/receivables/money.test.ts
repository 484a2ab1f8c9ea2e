import { describe, expect, it } from "vitest";
import { ApiError, parseProblem } from "../../api/problem";
import { amountProblem, availableOf, isNegative, normalizeAmount, planRoom, subtractAmounts, sumAmounts, taxIncluded, uninvoiced } from "./money";

describe("receivables money", () => {
  it("adds and subtracts amounts in exact cents", () => {
    expect(sumAmounts(["0.10", "0.20", "75000.01", null, "x"])).toBe("75000.31");
    expect(subtractAmounts("150000.00", "150000.01")).toBe("-0.01");
    expect(isNegative("-0.01")).toBe(true);
    expect(isNegative("-0.00")).toBe(false);
  });

  it("says what a contract's plans leave of its amount, leaving out the plan being edited", () => {
    const plans = [
      { id: "p1", amount: "75000.00" },
      { id: "p2", amount: "50000.50" },
    ];
    expect(planRoom("150000.00", plans)).toBe("24999.50");
    expect(planRoom("150000.00", plans, "p1")).toBe("99999.50");
    expect(planRoom("100000.00", plans)).toBe("-25000.50");
    expect(planRoom("150000", [])).toBe("150000.00");
  });

  it("says what is left to invoice, never below zero", () => {
    expect(uninvoiced({ amount: "150000.00", invoiced_amount: "56500.00" })).toBe("93500.00");
    expect(uninvoiced({ amount: "100.00", invoiced_amount: "120.00" })).toBe("0.00");
  });

  it("checks a typed amount as the API does", () => {
    expect(amountProblem("")).toBe("required");
    expect(amountProblem("0")).toBe("not_positive");
    expect(amountProblem("0.00")).toBe("not_positive");
    expect(amountProblem("1.234")).toBe("format");
    expect(amountProblem("-5")).toBe("format");
    expect(amountProblem("1e5")).toBe("format");
    expect(amountProblem(" 50000 ")).toBeUndefined();
    expect(amountProblem("12500.5")).toBeUndefined();
    expect(normalizeAmount("0050000.00")).toBe("50000");
    expect(normalizeAmount("12500.5")).toBe("12500.50");
  });

  it("computes the tax inside a tax-inclusive amount as the server does", () => {
    expect(taxIncluded("113.00", "13")).toBe("13.00");
    expect(taxIncluded("100.00", "6")).toBe("5.66");
    expect(taxIncluded("56500", 13)).toBe("6500.00");
    expect(taxIncluded("100", "0")).toBe("0.00");
    expect(taxIncluded("100", "101")).toBeUndefined();
    expect(taxIncluded("", "13")).toBeUndefined();
  });

  it("reads the room a refused write names", () => {
    const refused = (extra: Record<string, unknown>) =>
      new ApiError(422, parseProblem({ title: "Unprocessable", status: 422, code: "payment.over_outstanding", errors: [], ...extra }, { status: 422 }));
    expect(availableOf(refused({ available: "100000.00" }))).toBe("100000.00");
    expect(availableOf(refused({}))).toBeUndefined();
    expect(availableOf(new Error("x"))).toBeUndefined();
  });
});
