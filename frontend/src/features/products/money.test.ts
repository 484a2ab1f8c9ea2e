import { describe, expect, it } from "vitest";
import { compareDecimal, formatMoney, isValidPrice, normalizePrice, priceProblem } from "./money";

describe("price strings", () => {
  it("accepts non-negative amounts with at most two decimals", () => {
    for (const ok of ["0", "12", "12.5", "12.50", "1234.56", " 7.1 ", "0.01", "99999999999999999999.99"]) {
      expect(isValidPrice(ok), ok).toBe(true);
    }
  });

  it("says why a price is refused", () => {
    expect(priceProblem("")).toBe("required");
    expect(priceProblem("   ")).toBe("required");
    expect(priceProblem(undefined)).toBe("required");
    expect(priceProblem("-1")).toBe("negative");
    expect(priceProblem("-0.5")).toBe("negative");
    expect(priceProblem("1.234")).toBe("decimals");
    expect(priceProblem("12.")).toBe("format");
    expect(priceProblem(".5")).toBe("format");
    expect(priceProblem("1,234.00")).toBe("format");
    expect(priceProblem("1e3")).toBe("format");
    expect(priceProblem("abc")).toBe("format");
  });

  it("normalises without losing a digit", () => {
    expect(normalizePrice(" 1234.56 ")).toBe("1234.56");
    expect(normalizePrice("007.50")).toBe("7.50");
    expect(normalizePrice("0")).toBe("0");
    expect(normalizePrice("000")).toBe("0");
    // Far beyond a double's precision, still exact.
    expect(normalizePrice("90071992547409931.99")).toBe("90071992547409931.99");
  });

  it("compares decimals exactly", () => {
    expect(compareDecimal("10", "9.99")).toBeGreaterThan(0);
    expect(compareDecimal("9.99", "10")).toBeLessThan(0);
    expect(compareDecimal("12.5", "12.50")).toBe(0);
    expect(compareDecimal("0012.5", "12.49")).toBeGreaterThan(0);
    expect(compareDecimal("90071992547409931.01", "90071992547409931.00")).toBeGreaterThan(0);
    expect(compareDecimal("-1", "0")).toBeLessThan(0);
  });
});

describe("money formatting", () => {
  it("shows the currency and two decimals with grouping", () => {
    expect(formatMoney("1234.56", "CNY", "zh-CN")).toBe("¥1,234.56");
    expect(formatMoney("1234.5", "USD", "en")).toBe("$1,234.50");
    expect(formatMoney("12", "CNY", "en")).toBe("CN¥12.00");
    expect(formatMoney("0.5", "EUR", "en")).toBe("€0.50");
  });

  it("keeps every digit of large amounts", () => {
    expect(formatMoney("90071992547409931.99", "CNY", "zh-CN")).toBe("¥90,071,992,547,409,931.99");
  });

  it("copes with missing or odd values", () => {
    expect(formatMoney(null, "CNY", "en")).toBe("");
    expect(formatMoney("12.5", null, "en")).toBe("12.50");
    expect(formatMoney("n/a", "CNY", "en")).toBe("n/a");
    expect(formatMoney("5", "XYZ1", "en")).toBe("XYZ1\u00a05.00");
  });
});
