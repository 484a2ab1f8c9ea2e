import { describe, expect, it } from "vitest";
import { canUpdate, doubledFields, IMPORT_FIELDS, mappingChanged, missingRequired, nextMapping, plannedChoices } from "./fields";

const columns = [
  { header: "公司全称", field: null },
  { header: "行业", field: "industry" },
  { header: "备注说明", field: "remark" },
];

describe("updating existing records", () => {
  it("is offered for the record types with a duplicate rule only", () => {
    expect((Object.keys(IMPORT_FIELDS) as (keyof typeof IMPORT_FIELDS)[]).filter(canUpdate)).toEqual(["customers", "products", "suppliers"]);
  });
});

describe("the column mapping", () => {
  it("reads the server's plan, a left-out column as blank", () => {
    expect(plannedChoices(columns)).toEqual({ 公司全称: "", 行业: "industry", 备注说明: "remark" });
  });

  it("sends only what differs from the plan, a left-out column as blank", () => {
    expect(nextMapping(columns, { 公司全称: "name", 行业: "industry", 备注说明: "" })).toEqual({ 公司全称: "name", 备注说明: "" });
    expect(nextMapping(columns, {})).toEqual({});
  });

  it("keeps the mapping sent before for the file's headers, and drops other files' headers", () => {
    const planned = [
      { header: "公司全称", field: "name" },
      { header: "行业", field: "industry" },
    ];
    expect(nextMapping(planned, { 行业: "" }, { 公司全称: "name", 旧列: "remark" })).toEqual({ 公司全称: "name", 行业: "" });
  });

  it("knows whether a choice changed", () => {
    expect(mappingChanged(columns, {})).toBe(false);
    expect(mappingChanged(columns, { 行业: "industry" })).toBe(false);
    expect(mappingChanged(columns, { 行业: "source" })).toBe(true);
  });

  it("names required fields no column fills, and fields filled twice", () => {
    expect(missingRequired("customers", columns, {})).toEqual(["name"]);
    expect(missingRequired("customers", columns, { 公司全称: "name" })).toEqual([]);
    expect(missingRequired("products", [{ header: "产品名称", field: "name" }], {})).toEqual(["category_id", "price"]);
    expect(missingRequired("opportunities", [{ header: "商机名称", field: "name" }], {})).toEqual(["customer_id"]);
    expect(missingRequired("payments", [{ header: "合同编号", field: "contract_id" }, { header: "回款金额", field: "amount" }], {})).toEqual(["received_date"]);
    expect(doubledFields(columns, { 公司全称: "industry" })).toEqual(["industry"]);
    expect(doubledFields(columns, {})).toEqual([]);
  });

  it("lists each required field among the fields", () => {
    for (const { fields, required } of Object.values(IMPORT_FIELDS)) expect(fields).toEqual(expect.arrayContaining([...required]));
  });
});
