import { describe, expect, it } from "vitest";
import { ALL_CATEGORIES } from "./categories";
import { priceRangeProblem, productFilters } from "./filters";

describe("product filters", () => {
  it("drops blanks and sends no category for 'all'", () => {
    expect(productFilters({ q: "  ", price_min: " " }, ALL_CATEGORIES)).toEqual({
      q: undefined,
      category_id: undefined,
      on_sale: undefined,
      price_min: undefined,
      price_max: undefined,
    });
    expect(productFilters({}, undefined).category_id).toBeUndefined();
  });

  it("keeps prices as strings and maps the on-sale choice", () => {
    expect(productFilters({ q: " PRD-00 ", on_sale: "no", price_min: "0010.5", price_max: "1234.56" }, "cat-1")).toEqual({
      q: "PRD-00",
      category_id: "cat-1",
      on_sale: false,
      price_min: "10.5",
      price_max: "1234.56",
    });
    expect(productFilters({ on_sale: "yes" }, undefined).on_sale).toBe(true);
  });

  it("ignores an invalid bound rather than sending it", () => {
    expect(productFilters({ price_min: "-3", price_max: "1.999" }, undefined)).toMatchObject({ price_min: undefined, price_max: undefined });
  });

  it("checks a price range", () => {
    expect(priceRangeProblem(undefined, undefined)).toBeUndefined();
    expect(priceRangeProblem("1", "")).toBeUndefined();
    expect(priceRangeProblem("9.99", "10")).toBeUndefined();
    expect(priceRangeProblem("10", "9.99")).toBe("order");
    expect(priceRangeProblem("x", "10")).toBe("min");
    expect(priceRangeProblem("1", "1.001")).toBe("max");
  });
});
