import { describe, expect, it } from "vitest";
import { pricing } from "./contractForm";

describe("a contract's amount or lines as the API takes them", () => {
  const line = { name: "维保服务", quantity: "2", unit_price: "1000", discount_percent: "", tax_rate_percent: "6" };

  it("sends lines without an amount, for the server to add them up", () => {
    expect(pricing({ mode: "lines", amount: "99", lines: [line] }, false)).toEqual({
      amount: null,
      lines: [{ product_id: null, name: "维保服务", unit: null, quantity: "2", unit_price: "1000", discount_percent: "0", tax_rate_percent: "6" }],
    });
  });

  it("sends a stated amount, dropping the lines a draft had", () => {
    expect(pricing({ mode: "amount", amount: " 0150000.50 ", lines: [line] }, false)).toEqual({ amount: "150000.50" });
    expect(pricing({ mode: "amount", amount: "150000", lines: [line] }, true)).toEqual({ amount: "150000", lines: [] });
  });
});
