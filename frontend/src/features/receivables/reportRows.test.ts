import { describe, expect, it } from "vitest";
import { ageingTable, contractGroupName, contractReportOption, contractTable } from "./reportRows";
import { planViewQuery, planViewOf, paymentQuery, invoiceQuery } from "./filters";

const row = (key: string | null, name: string | null, amounts: Partial<Record<string, string>> = {}) => ({
  key,
  name,
  not_due: "0.00",
  days_0_30: "0.00",
  days_31_60: "0.00",
  days_61_90: "0.00",
  days_over_90: "0.00",
  overdue: "0.00",
  outstanding: "0.00",
  ...amounts,
});

describe("the receivables reports", () => {
  it("keys and names the ageing rows and keeps the total apart", () => {
    const report = { group_by: "customer" as const, as_of: "2027-03-01", rows: [row("c1", "杭州明远", { overdue: "25000.00" }), row(null, null)], total: row(null, null, { overdue: "25000.00" }) };
    const { rows, total } = ageingTable(report, "—");
    expect(rows.map((r) => [r.rowKey, r.label])).toEqual([
      ["c1", "杭州明远"],
      ["none-1", "—"],
    ]);
    expect(total?.overdue).toBe("25000.00");
    expect(ageingTable(undefined, "—")).toEqual({ rows: [], total: undefined });
  });

  it("names a contract group by month, category in the UI's language, owner or customer", () => {
    expect(contractGroupName({ key: "2027-01", name: null }, "month", "zh-CN", "（未填写）")).toBe("2027-01");
    expect(contractGroupName({ key: "sales", name: "销售合同", name_en: "Sales" }, "category", "en", "(none)")).toBe("Sales");
    expect(contractGroupName({ key: "sales", name: "销售合同", name_en: "Sales" }, "category", "zh-CN", "(none)")).toBe("销售合同");
    expect(contractGroupName({ key: null, name: null }, "category", "zh-CN", "（未填写）")).toBe("（未填写）");
    expect(contractGroupName({ key: "u1", name: "王伟" }, "owner", "en", "(none)")).toBe("王伟");
  });

  it("draws months left to right and other groups as bars, largest on top", () => {
    const report = {
      group_by: "owner" as const,
      rows: [
        { key: "u1", name: "王伟", count: 2, signed_amount: "300000.00", received_amount: "100000.00", outstanding_amount: "200000.00" },
        { key: "u2", name: "李娜", count: 1, signed_amount: "150000.00", received_amount: "150000.00", outstanding_amount: "0.00" },
      ],
      total: { key: null, name: null, count: 3, signed_amount: "450000.00", received_amount: "250000.00", outstanding_amount: "200000.00" },
    };
    const { rows } = contractTable(report, "owner", "zh-CN", "—");
    const labels = { signed: "签约", received: "已回款", outstanding: "未回款", money: (v: string | number) => String(v) };
    const byOwner = contractReportOption(rows, "owner", labels);
    expect(byOwner.yAxis).toMatchObject({ type: "category", data: ["李娜", "王伟"] });
    expect(byOwner.series[0]?.data).toEqual([150000, 300000]);
    const byMonth = contractReportOption(rows, "month", labels);
    expect(byMonth.xAxis).toMatchObject({ type: "category", data: ["王伟", "李娜"] });
  });
});

describe("the money lists' filters", () => {
  it("asks for overdue instalments, those due within 30 days, or all", () => {
    expect(planViewQuery("overdue", "2027-01-20")).toEqual({ status: "overdue" });
    expect(planViewQuery("upcoming", "2027-01-20")).toEqual({ status: "pending,partial", due_date_from: "2027-01-20", due_date_to: "2027-02-19" });
    expect(planViewQuery("all", "2027-01-20")).toEqual({});
    expect(planViewOf("bogus")).toBe("overdue");
  });

  it("drops an unknown status or type and a bad day", () => {
    expect(paymentQuery({ status: "paid", received_from: "2027-01-01", received_to: "nope", q: " HK " })).toEqual({
      q: "HK",
      status: undefined,
      method: undefined,
      received_date_from: "2027-01-01",
      received_date_to: undefined,
    });
    expect(invoiceQuery({ status: "issued", type: "vat_special" })).toMatchObject({ status: "issued", type: "vat_special" });
    expect(invoiceQuery({ type: "receipt" }).type).toBeUndefined();
  });
});
