import { describe, expect, it } from "vitest";
import { recordPath } from "./recordLinks";

describe("record links", () => {
  it("opens a record's own page, or its list searched for the name", () => {
    expect(recordPath("customers", "c1", "华为")).toBe("/customers/c1");
    expect(recordPath("opportunities", "o1", "年度采购")).toBe("/opportunities/o1");
    expect(recordPath("pipeline_stages", "s1", "赢单")).toBe("/system/pipeline-stages");
    expect(recordPath("sales_plans", "p1", "2026-12")).toBe("/sales-plans?period=2026-12");
    expect(recordPath("weekly_reports", "w1", "2026-W49")).toBe("/weekly-reports?week=2026-W49");
    expect(recordPath("pipeline-stages", "s1", "赢单", (p) => p !== "pipeline_stages:update")).toBeUndefined();
    expect(recordPath("suppliers", "s1", "x")).toBe("/suppliers/s1");
    expect(recordPath("customer-groups", "g1", "x")).toBe("/customer-groups/g1");
    expect(recordPath("users", "u1", "zhang san")).toBe("/system/users?q=zhang+san");
    expect(recordPath("products", "p1", null)).toBe("/products");
    expect(recordPath("approvals", "a1", "QT-2026-000001")).toBe("/approvals/a1");
    expect(recordPath("approval-flows", "f1", "报价审批")).toBe("/system/approval-flows");
    expect(recordPath("webhooks", "h1", "ERP 同步")).toBe("/system/webhooks/h1");
  });

  it("leaves records without a page, and pages the user may not open, as text", () => {
    expect(recordPath("contacts", "x", "李四")).toBeUndefined();
    expect(recordPath("pool_rules", "x", null)).toBeUndefined();
    expect(recordPath("customers", "c1", "华为", (p) => p !== "customers:read")).toBeUndefined();
  });
});
