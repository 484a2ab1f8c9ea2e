import { describe, expect, it } from "vitest";
import en from "../../i18n/en/approvals.json";
import zh from "../../i18n/zh-CN/approvals.json";
import { blankCondition, conditionBody, conditionRow, fieldOf, fieldsOf, opsFor, retarget, valueFor, valueProblem } from "./conditions";
import { DOC_TYPES } from "./flowForm";

describe("condition builder", () => {
  it("offers ordering operators on money and dates only, as the server allows", () => {
    expect(opsFor(fieldOf("quote", "total")?.kind)).toEqual(["eq", "ne", "gt", "gte", "lt", "lte", "in"]);
    expect(opsFor(fieldOf("quote", "valid_until")?.kind)).toContain("lte");
    for (const field of ["currency", "customer_id", "owner_id"] as const) expect(opsFor(fieldOf("quote", field)?.kind)).toEqual(["eq", "ne", "in"]);
    expect(fieldOf("contract", "total")).toBeUndefined();
  });

  it("tests an amendment by how far its amount moves, as money", () => {
    expect(fieldOf("contract_amendment", "amount_change")?.kind).toBe("money");
    expect(fieldOf("contract", "amount_change")).toBeUndefined();
  });

  it("names every field of every document type in both languages", () => {
    for (const texts of [en, zh]) {
      const labels = texts.flows.conditionFields as Record<string, Record<string, string>>;
      for (const type of DOC_TYPES) {
        expect(fieldsOf(type).length, type).toBeGreaterThan(0);
        for (const field of fieldsOf(type)) expect(labels[type]?.[field.name], `${type}.${field.name}`).toBeTruthy();
        expect((texts.docTypes as Record<string, string>)[type], type).toBeTruthy();
      }
    }
  });

  it("maps a row to the API's condition and back", () => {
    expect(conditionBody({ field: "total", op: "gt", value: " 100000 " })).toEqual({ field: "total", op: "gt", value: "100000" });
    expect(conditionBody({ field: "currency", op: "in", value: ["CNY", " USD", ""] })).toEqual({ field: "currency", op: "in", value: "CNY,USD" });
    expect(conditionBody({ field: "owner_id", op: "eq", value: ["u1"] })).toEqual({ field: "owner_id", op: "eq", value: "u1" });
    expect(conditionRow({ field: "currency", op: "in", value: "CNY, USD" })).toEqual({ field: "currency", op: "in", value: ["CNY", "USD"] });
    expect(conditionRow({ field: "total", op: "gte", value: "5000.50" })).toEqual({ field: "total", op: "gte", value: "5000.50" });
    const saved = { field: "customer_id" as const, op: "in" as const, value: "c1,c2" };
    expect(conditionBody(conditionRow(saved))).toEqual(saved);
  });

  it("reshapes the value when the operator switches to and from `in`", () => {
    expect(valueFor("in", "CNY")).toEqual(["CNY"]);
    expect(valueFor("in", undefined)).toEqual([]);
    expect(valueFor("eq", ["CNY", "USD"])).toBe("CNY");
    expect(valueFor("gt", "100")).toBe("100");
  });

  it("keeps the operator a new field takes and drops the value", () => {
    expect(retarget({ field: "total", op: "gt", value: "100000" }, "quote", "subtotal")).toEqual({ field: "subtotal", op: "gt", value: undefined });
    expect(retarget({ field: "total", op: "gt", value: "100000" }, "quote", "owner_id")).toEqual({ field: "owner_id", op: "eq", value: undefined });
    expect(retarget({ field: "currency", op: "in", value: ["CNY"] }, "quote", "customer_id")).toEqual({ field: "customer_id", op: "in", value: [] });
  });

  it("starts a new row on the total, over a threshold", () => {
    expect(blankCondition("quote")).toEqual({ field: "total", op: "gt", value: undefined });
  });

  it("catches a missing or non-numeric amount before the server does", () => {
    expect(valueProblem("money", "gt", "")).toBe("required");
    expect(valueProblem("money", "gt", "10万")).toBe("decimal");
    expect(valueProblem("money", "gt", "100000")).toBeUndefined();
    expect(valueProblem("money", "in", ["100", "x"])).toBe("decimal");
    expect(valueProblem("text", "in", [])).toBe("required");
    expect(valueProblem("user", "eq", "u1")).toBeUndefined();
  });
});
