import { describe, expect, it } from "vitest";
import { centsToString, isValidDiscount, isValidQuantity, lineSubtotal, linesTotal, toScaled, weightedAmount } from "./lineTotals";

describe("lineSubtotal", () => {
  it.each([
    ["3", "1234.56", "10", "3333.31"],
    ["1", "0.25", "50", "0.13"],
    ["2.5", "19.99", "0", "49.98"],
    ["7", "33.33", "33.33", "155.55"],
    ["1", "100", "", "100.00"],
    ["0.0001", "0.01", "0", "0.00"],
    ["1", "0.01", "50", "0.01"],
    ["1000000000", "99999999.99", "0", "99999999990000000.00"],
    ["3", "10", "100", "0.00"],
  ])("%s × %s at %s%% = %s", (quantity, unit_price, discount_percent, expected) => {
    expect(lineSubtotal({ quantity, unit_price, discount_percent })).toBe(expected);
  });

  it("is undefined while a field is not a number", () => {
    expect(lineSubtotal({ quantity: "", unit_price: "1" })).toBeUndefined();
    expect(lineSubtotal({ quantity: "1", unit_price: "1.234" })).toBeUndefined();
    expect(lineSubtotal({ quantity: "1", unit_price: "abc" })).toBeUndefined();
    expect(lineSubtotal({ quantity: "1", unit_price: "1", discount_percent: "100.01" })).toBeUndefined();
    expect(lineSubtotal({ quantity: "-1", unit_price: "1" })).toBeUndefined();
  });
});

describe("linesTotal", () => {
  it("adds the rounded subtotals", () => {
    const lines = [
      { quantity: "3", unit_price: "1234.56", discount_percent: "10" },
      { quantity: "1", unit_price: "0.25", discount_percent: "50" },
    ];
    expect(linesTotal(lines)).toEqual({ total: "3333.44", complete: true });
  });

  it("says when a line is incomplete", () => {
    expect(linesTotal([{ quantity: "2", unit_price: "1.50" }, { quantity: "", unit_price: "" }])).toEqual({ total: "3.00", complete: false });
    expect(linesTotal([])).toEqual({ total: "0.00", complete: true });
  });
});

describe("helpers", () => {
  it("scales decimal strings exactly", () => {
    expect(toScaled("12.5", 2)).toBe(1250n);
    expect(toScaled(".5", 2)).toBe(50n);
    expect(toScaled("1.", 2)).toBe(100n);
    expect(toScaled("", 2)).toBeUndefined();
    expect(toScaled("1e3", 2)).toBeUndefined();
    expect(centsToString(5n)).toBe("0.05");
    expect(centsToString(-105n)).toBe("-1.05");
  });

  it("checks quantities and discounts as the API does", () => {
    expect(isValidQuantity("0")).toBe(false);
    expect(isValidQuantity("0.0001")).toBe(true);
    expect(isValidQuantity("1.00001")).toBe(false);
    expect(isValidDiscount("")).toBe(true);
    expect(isValidDiscount("100")).toBe(true);
    expect(isValidDiscount("100.5")).toBe(false);
  });

  it("weights an amount half up", () => {
    expect(weightedAmount("3333.31", 50)).toBe("1666.66");
    expect(weightedAmount("0.01", 50)).toBe("0.01");
    expect(weightedAmount("100", 0)).toBe("0.00");
  });
});
