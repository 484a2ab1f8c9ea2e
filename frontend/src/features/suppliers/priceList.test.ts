import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { dateOrderProblem, emptyRow, groupRowErrors, parseItemField, priceItems, rowFieldErrors, rowsFromPrices } from "./priceList";

describe("supplier price list rows", () => {
  it("round-trips API prices through the form rows", () => {
    const rows = rowsFromPrices([
      { product_id: "p1", product_code: "P0001", product_name: "手机", price: "1234.56", currency: "CNY", valid_from: "2026-01-01", valid_to: null, remark: null },
      { product_id: "p2", product_code: "P0002", product_name: "电脑", price: "99.90", currency: "USD", valid_from: "2026-02-01", valid_to: "2026-12-31", remark: "年框" },
    ]);
    expect(rows[0]?.product_label).toBe("手机 (P0001)");
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
    expect(priceItems(rows)).toEqual([
      { product_id: "p1", price: "1234.56", currency: "CNY", valid_from: "2026-01-01", valid_to: null, remark: null },
      { product_id: "p2", price: "99.90", currency: "USD", valid_from: "2026-02-01", valid_to: "2026-12-31", remark: "年框" },
    ]);
  });

  it("sends a new row with defaults and a string price", () => {
    const row = { ...emptyRow(dayjs("2026-11-25T15:30:00")), product_id: "p9", price: " 007.5 ", remark: "  " };
    expect(priceItems([row])).toEqual([{ product_id: "p9", price: "7.5", currency: "CNY", valid_from: "2026-11-25", valid_to: null, remark: null }]);
  });

  it("refuses an end before the start but allows the same day", () => {
    expect(dateOrderProblem(dayjs("2026-05-02"), dayjs("2026-05-01"))).toBe(true);
    expect(dateOrderProblem(dayjs("2026-05-02T18:00"), dayjs("2026-05-02T01:00"))).toBe(false);
    expect(dateOrderProblem(dayjs("2026-05-02"), null)).toBe(false);
    expect(dateOrderProblem(undefined, dayjs("2026-05-02"))).toBe(false);
  });
});

describe("price list error paths", () => {
  it("parses items[n].field", () => {
    expect(parseItemField("items[2].valid_to")).toEqual({ index: 2, field: "valid_to" });
    expect(parseItemField("items[10].price")).toEqual({ index: 10, field: "price" });
    expect(parseItemField("items[0]")).toEqual({ index: 0, field: "" });
    expect(parseItemField("items")).toBeUndefined();
    expect(parseItemField("name")).toBeUndefined();
    expect(parseItemField("other[1].x")).toBeUndefined();
    expect(parseItemField("customer_ids[1]", "customer_ids")).toEqual({ index: 1, field: "" });
  });

  it("groups errors by row and field and keeps the rest apart", () => {
    const grouped = groupRowErrors(
      [
        { field: "items[2].valid_to", code: "before_valid_from", message: "早于生效日期" },
        { field: "items[2].valid_to", message: "second" },
        { field: "items[0].price", message: "最多两位小数" },
        { field: "items[7].price", message: "no such row" },
        { field: "", message: "general" },
      ],
      3,
    );
    expect(grouped.rows.get(2)?.get("valid_to")).toEqual(["早于生效日期", "second"]);
    expect(grouped.rows.get(0)?.get("price")).toEqual(["最多两位小数"]);
    expect(grouped.rows.has(1)).toBe(false);
    expect(grouped.other.map((e) => e.message)).toEqual(["no such row", "general"]);
  });

  it("turns grouped errors into form field errors", () => {
    const grouped = groupRowErrors(
      [
        { field: "items[2].valid_to", message: "早于生效日期" },
        { field: "items[1]", message: "重复的产品与期间" },
        { field: "items[1].product_id", message: "产品不存在" },
        { field: "items[0].weird", message: "bad" },
      ],
      3,
    );
    expect(rowFieldErrors(grouped)).toEqual(
      expect.arrayContaining([
        { name: ["items", 2, "valid_to"], errors: ["早于生效日期"] },
        { name: ["items", 1, "product_id"], errors: ["重复的产品与期间", "产品不存在"] },
        { name: ["items", 0, "product_id"], errors: ["weird: bad"] },
      ]),
    );
    expect(rowFieldErrors(grouped)).toHaveLength(3);
  });
});
