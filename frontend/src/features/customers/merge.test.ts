import { describe, expect, it } from "vitest";
import type { Customer } from "../../api/types";
import { defaultChoices, MERGE_FIELDS, mergeFields, sameValue } from "./merge";

const base: Customer = {
  id: "a",
  code: "C1",
  name: "杭州甲公司",
  kind: "company",
  tags: ["重点"],
  pool: "potential",
  deal_status: "none",
  version: 1,
  created_at: "2026-11-24T00:00:00Z",
  updated_at: "2026-11-24T00:00:00Z",
  phone: "0571-1",
  email: null,
};

describe("merge choices", () => {
  it("keeps this record's values and fills its gaps from the other", () => {
    const other: Customer = { ...base, id: "b", name: "杭州甲", phone: "0571-2", email: "x@y.cn", tags: [] };
    const choices = defaultChoices(base, other);
    expect(choices.name).toBe("this");
    expect(choices.phone).toBe("this");
    expect(choices.email).toBe("other");
    expect(choices.tags).toBe("this");
    expect(Object.keys(mergeFields(choices)).sort()).toEqual([...MERGE_FIELDS].sort());
  });

  it("knows when there is nothing to choose", () => {
    const other: Customer = { ...base, id: "b", email: "", tags: ["重点"] };
    expect(sameValue(base, other, "email")).toBe(true);
    expect(sameValue(base, other, "tags")).toBe(true);
    expect(sameValue(base, { ...other, tags: ["华东"] }, "tags")).toBe(false);
    expect(sameValue(base, { ...other, phone: "0571-9" }, "phone")).toBe(false);
  });
});
