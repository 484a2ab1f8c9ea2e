import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { invoicePatch, needsTaxNumber, newInvoiceBody, newInvoiceValues, titleLabel, titleValues } from "./invoiceForm";

const remembered = {
  title_type: "company" as const,
  title: "杭州明远科技有限公司",
  tax_number: "91330106MA2H0XXXXX",
  bank: "招商银行杭州分行",
  bank_account: null,
  address_phone: "",
};

describe("the invoice form", () => {
  it("fills every title field from a remembered title, blanks included", () => {
    expect(titleValues(remembered)).toEqual({
      title_type: "company",
      title: "杭州明远科技有限公司",
      tax_number: "91330106MA2H0XXXXX",
      bank: "招商银行杭州分行",
      bank_account: undefined,
      address_phone: undefined,
    });
    expect(titleValues({ title: "张三" }).title_type).toBe("company");
    expect(titleLabel(remembered)).toBe("杭州明远科技有限公司 · 91330106MA2H0XXXXX");
    expect(titleLabel({ title: "张三", title_type: "person" })).toBe("张三");
  });

  it("starts a new invoice for what is left to invoice, to the customer, at 13 %, today", () => {
    const today = dayjs("2027-01-25");
    const values = newInvoiceValues({ amount: "150000.00", invoiced_amount: "56500.00", customer_name: "杭州明远" }, undefined, today);
    expect(values).toMatchObject({ type: "vat_normal", title_type: "company", title: "杭州明远", amount: "93500", tax_rate_percent: "13" });
    expect(values.issue_date?.format("YYYY-MM-DD")).toBe("2027-01-25");
    expect(newInvoiceValues({ amount: "100.00", invoiced_amount: "100.00", customer_name: "x" }, undefined, today).amount).toBeUndefined();
    expect(newInvoiceValues({ amount: "100.00", invoiced_amount: "0", customer_name: "x" }, remembered, today).tax_number).toBe("91330106MA2H0XXXXX");
  });

  it("asks for a tax number on a company's VAT special invoice only", () => {
    expect(needsTaxNumber({ type: "vat_special", title_type: "company" })).toBe(true);
    expect(needsTaxNumber({ type: "vat_normal", title_type: "company" })).toBe(false);
    expect(needsTaxNumber({ type: "vat_special", title_type: "person" })).toBe(false);
  });

  it("sends trimmed values, blanks as null, the tax number in capitals", () => {
    const values = { type: "vat_special" as const, title_type: "company" as const, title: " 杭州明远 ", tax_number: "91330106ma2h0xxxxx", bank: " ", amount: "050000.5", tax_rate_percent: "13", issue_date: dayjs("2027-01-25") };
    expect(newInvoiceBody("c1", values)).toEqual({
      contract_id: "c1",
      type: "vat_special",
      title_type: "company",
      title: "杭州明远",
      tax_number: "91330106MA2H0XXXXX",
      bank: null,
      bank_account: null,
      address_phone: null,
      amount: "50000.50",
      tax_rate_percent: "13",
      issue_date: "2027-01-25",
      remark: null,
    });
    expect(invoicePatch({ ...values, issue_date: null, tax_rate_percent: undefined })).toMatchObject({ issue_date: null, tax_rate_percent: "0" });
  });
});
