import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import type { Lead } from "./api";
import { conversionRequest, customerFromLead, duplicateCustomer, initialConvertValues } from "./convert";

const lead: Lead = {
  id: "l1",
  code: "L0001",
  name: "张三",
  company: "金陵机械",
  phone: null,
  mobile: "13800000000",
  email: "zs@example.com",
  source: "web",
  province: "江苏省",
  city: "南京市",
  status: "qualified",
  owner_id: "u1",
  owner_name: "Rep",
  created_at: "2026-12-01T00:00:00Z",
  updated_at: "2026-12-01T00:00:00Z",
  version: 1,
};

describe("conversion request", () => {
  it("suggests the company as the customer, with the lead's phone, e-mail, source and place", () => {
    expect(customerFromLead(lead)).toEqual({
      name: "金陵机械",
      kind: "company",
      phone: "13800000000",
      email: "zs@example.com",
      source: "web",
      province: "江苏省",
      city: "南京市",
    });
    expect(customerFromLead({ ...lead, company: "  " })).toMatchObject({ name: "张三", kind: "person" });
  });

  it("sends the edited new customer (blanks as null), the contact switch and no opportunity by default", () => {
    const values = initialConvertValues(lead);
    values.customer = { ...values.customer, name: " 金陵机械有限公司 ", email: "" };
    expect(conversionRequest(values)).toEqual({
      customer: { name: "金陵机械有限公司", kind: "company", phone: "13800000000", email: null, source: "web", province: "江苏省", city: "南京市" },
      contact: true,
    });
  });

  it("names an existing customer by id", () => {
    expect(conversionRequest({ target: "existing", existing_id: "c9", contact: false, with_opportunity: false })).toEqual({
      customer: { use_existing_id: "c9" },
      contact: false,
    });
    expect(() => conversionRequest({ target: "existing", contact: true, with_opportunity: false })).toThrow();
  });

  it("adds the opportunity with its amount as decimal text, date and stage; blanks as null", () => {
    const body = conversionRequest({
      ...initialConvertValues(lead),
      with_opportunity: true,
      opportunity: { name: " 仓储设备 ", amount: 50000.5, expected_close_date: "2027-01-31", stage_id: "s1" },
    });
    expect(body.opportunity).toEqual({ name: "仓储设备", amount: "50000.5", expected_close_date: "2027-01-31", stage_id: "s1" });
    const bare = conversionRequest({ ...initialConvertValues(lead), with_opportunity: true, opportunity: { name: "x", amount: null } });
    expect(bare.opportunity).toEqual({ name: "x", amount: null, expected_close_date: null, stage_id: null });
  });

  it("reads the existing customer off a customer.duplicate problem, and nothing off others", () => {
    const dup = new ApiError(409, { title: "Conflict", status: 409, code: "customer.duplicate", errors: [], extra: { duplicate: { id: "c1", name: "金陵机械", field: "name" } } });
    expect(duplicateCustomer(dup)).toEqual({ id: "c1", name: "金陵机械", field: "name" });
    expect(duplicateCustomer(new ApiError(409, { title: "Conflict", status: 409, code: "lead.already_converted", errors: [] }))).toBeUndefined();
    expect(duplicateCustomer(new Error("x"))).toBeUndefined();
  });
});
