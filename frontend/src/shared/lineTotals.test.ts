import { describe, expect, it } from "vitest";
import { documentTotals, isValidTaxRate, lineGrossCents, taxedLine } from "./lineTotals";

// Figures worked out by hand, the way the server rounds (half up to the cent at each step).
describe("taxedLine", () => {
  it.each([
    // 3 × 1234.56 = 3703.68; × 0.9 = 3333.312 → 3333.31; × 13% = 433.3303 → 433.33
    ["3", "1234.56", "10", "13", "3333.31", "433.33", "3766.64"],
    // 0.05 × 10% = 0.005 → 0.01 (half up)
    ["1", "0.05", "0", "10", "0.05", "0.01", "0.06"],
    // 0.04 × 10% = 0.004 → 0.00
    ["1", "0.04", "", "10", "0.04", "0.00", "0.04"],
    // 2.5 × 19.99 = 49.975 → 49.98; × 6% = 2.9988 → 3.00
    ["2.5", "19.99", "0", "6", "49.98", "3.00", "52.98"],
    // 7 × 33.33 = 233.31; × 0.6667 = 155.547777 → 155.55; × 13% = 20.2215 → 20.22
    ["7", "33.33", "33.33", "13", "155.55", "20.22", "175.77"],
    // blank tax rate is 0
    ["1", "100", "", "", "100.00", "0.00", "100.00"],
    // 1 × 0.15 × 0.5 = 0.075 → 0.08; × 13% = 0.0104 → 0.01
    ["1", "0.15", "50", "13", "0.08", "0.01", "0.09"],
  ])("%s × %s at %s%% off, %s%% tax", (quantity, unit_price, discount_percent, tax_rate_percent, subtotal, tax, total) => {
    expect(taxedLine({ quantity, unit_price, discount_percent, tax_rate_percent })).toEqual({ subtotal, tax, total });
  });

  it("is undefined while a field is not valid", () => {
    expect(taxedLine({ quantity: "1", unit_price: "1", tax_rate_percent: "100.5" })).toBeUndefined();
    expect(taxedLine({ quantity: "1", unit_price: "1", tax_rate_percent: "abc" })).toBeUndefined();
    expect(taxedLine({ quantity: "", unit_price: "1" })).toBeUndefined();
  });

  it("rounds the gross half up on its own", () => {
    // 0.0005 × 10.00 = 0.005 → 0.01
    expect(lineGrossCents({ quantity: "0.0005", unit_price: "10" })).toBe(1n);
    expect(lineGrossCents({ quantity: "0.0004", unit_price: "10" })).toBe(0n);
  });
});

describe("documentTotals", () => {
  it("adds the lines as the server's header does", () => {
    const lines = [
      { quantity: "3", unit_price: "1234.56", discount_percent: "10", tax_rate_percent: "13" },
      { quantity: "1", unit_price: "0.05", discount_percent: "0", tax_rate_percent: "10" },
    ];
    // gross 3703.68 + 0.05; net 3333.31 + 0.05; tax 433.33 + 0.01
    expect(documentTotals(lines)).toEqual({ subtotal: "3703.73", discount_total: "370.37", tax_total: "433.34", total: "3766.70", complete: true });
  });

  it("says when a line is incomplete and counts it as nothing", () => {
    expect(documentTotals([{ quantity: "2", unit_price: "1.50", tax_rate_percent: "0" }, { quantity: "", unit_price: "" }])).toEqual({
      subtotal: "3.00",
      discount_total: "0.00",
      tax_total: "0.00",
      total: "3.00",
      complete: false,
    });
    expect(documentTotals([])).toEqual({ subtotal: "0.00", discount_total: "0.00", tax_total: "0.00", total: "0.00", complete: true });
  });

  it("checks tax rates as the API does", () => {
    expect(isValidTaxRate("")).toBe(true);
    expect(isValidTaxRate("13")).toBe(true);
    expect(isValidTaxRate("6.5")).toBe(true);
    expect(isValidTaxRate("100")).toBe(true);
    expect(isValidTaxRate("100.01")).toBe(false);
    expect(isValidTaxRate("1.234")).toBe(false);
    expect(isValidTaxRate("-1")).toBe(false);
  });
});
