import { describe, expect, it, vi } from "vitest";
import type { FormInstance } from "antd";
import dayjs from "dayjs";
import { ApiError, applyProblemToForm, parseProblem } from "../../api/problem";
import { amendmentChanges, amendmentFormError, amendmentRows, belowCommitmentsMinimum, formField, pendingAmendment, type AmendmentFormValues } from "./amendments";
import type { Contract, ContractAmendment } from "./api";
import { contractFormValues } from "./contractForm";

const contract = {
  id: "c1",
  number: "HT-2026-000123",
  name: "年度设备采购合同",
  customer_id: "cu1",
  customer_name: "华为",
  opportunity_id: null,
  customer_signer_id: "ct1",
  signer_id: "u1",
  currency: "CNY",
  amount: "150000.00",
  lines: [],
  sign_date: "2026-12-10",
  start_date: "2027-01-01",
  end_date: "2027-12-31",
  category: "sales",
  payment_terms: "签约后 30 日内付 50%",
  remark: null,
  status: "active",
} as unknown as Contract;

const line = { product_id: null, name: "维保服务", unit: "年", quantity: "2.000", unit_price: "1000.00", discount_percent: "0.00", tax_rate_percent: "6.00" };
const withLines = { ...contract, amount: "2120.00", lines: [line] } as unknown as Contract;
/** The line as the form keeps it. */
const { product_id: _, ...formLine } = line;

/** The drawer's values as it opens on the contract, with the user's edits. */
const edited = (c: Contract, edits: Partial<AmendmentFormValues> = {}): AmendmentFormValues => ({ ...(contractFormValues(c) as AmendmentFormValues), reason: "客户追加设备", ...edits });

describe("an amendment's changes", () => {
  it("sends nothing for a form left as it opened, figures written another way included", () => {
    expect(amendmentChanges(contract, edited(contract))).toEqual({});
    expect(amendmentChanges(contract, edited(contract, { amount: "0150000", name: " 年度设备采购合同 " }))).toEqual({});
    const relined = { ...formLine, quantity: "2", unit_price: "1000", discount_percent: "0", tax_rate_percent: "6" };
    expect(amendmentChanges(withLines, edited(withLines, { lines: [relined] }))).toEqual({});
  });

  it("sends only the fields the user changed", () => {
    expect(amendmentChanges(contract, edited(contract, { amount: "180000", end_date: dayjs("2028-03-31") }))).toEqual({ amount: "180000", end_date: "2028-03-31" });
    expect(amendmentChanges(contract, edited(contract, { signer_id: "u2", payment_terms: "验收后付清" }))).toEqual({ signer_id: "u2", payment_terms: "验收后付清" });
  });

  it("sends a cleared field as null", () => {
    expect(amendmentChanges(contract, edited(contract, { end_date: null, category: undefined, customer_signer_id: undefined, payment_terms: "  " }))).toEqual({
      end_date: null,
      category: null,
      customer_signer_id: null,
      payment_terms: null,
    });
  });

  it("never sends the currency, which an active contract keeps", () => {
    expect(amendmentChanges(contract, edited(contract, { currency: "USD" }))).toEqual({});
  });

  it("sends new lines without an amount, which follows them", () => {
    const more = [formLine, { ...formLine, name: "备件" }];
    expect(amendmentChanges(withLines, edited(withLines, { lines: more }))).toEqual({
      lines: [
        { product_id: null, name: "维保服务", unit: "年", quantity: "2.000", unit_price: "1000.00", discount_percent: "0.00", tax_rate_percent: "6.00" },
        { product_id: null, name: "备件", unit: "年", quantity: "2.000", unit_price: "1000.00", discount_percent: "0.00", tax_rate_percent: "6.00" },
      ],
    });
    // A stated amount turned into lines sends the lines.
    expect(amendmentChanges(contract, edited(contract, { mode: "lines", lines: [formLine] })).lines).toHaveLength(1);
  });

  it("drops the lines when the amount is stated instead", () => {
    expect(amendmentChanges(withLines, edited(withLines, { mode: "amount", amount: "2120.00" }))).toEqual({ amount: "2120.00", lines: [] });
  });
});

describe("a refused amendment on the form", () => {
  const refused = new ApiError(
    422,
    parseProblem({
      title: "Unprocessable",
      status: 422,
      code: "validation.failed",
      errors: [
        { field: "changes.end_date", code: "before_start", message: "before the start" },
        { field: "changes.lines[0].quantity", code: "invalid", message: "bad" },
        { field: "reason", code: "required", message: "required" },
        { field: "changes", code: "no_change", message: "nothing changes" },
      ],
    }),
  );

  it("names the form's fields for the body's `changes.<field>`", () => {
    expect(["changes.end_date", "changes.lines[0].quantity", "reason", "changes"].map(formField)).toEqual(["end_date", "lines[0].quantity", "reason", ""]);
  });

  it("lands each field error on its field, the rest for the message", () => {
    const mapped = amendmentFormError(refused);
    expect(mapped).toBeInstanceOf(ApiError);
    expect((mapped as ApiError).status).toBe(422);
    expect((mapped as ApiError).problem.code).toBe("validation.failed");
    const setFields = vi.fn();
    const form = { getFieldsValue: () => ({ end_date: null, lines: [], reason: "", amount: "1" }), setFields } as unknown as FormInstance;
    const rest = applyProblemToForm(form, (mapped as ApiError).problem);
    expect(setFields.mock.calls[0]?.[0].map((f: { name: unknown }) => f.name)).toEqual([["end_date"], ["lines", 0, "quantity"], ["reason"]]);
    expect(rest.map((e) => e.code)).toEqual(["no_change"]);
  });

  it("passes on what is not a problem", () => {
    const network = new TypeError("Failed to fetch");
    expect(amendmentFormError(network)).toBe(network);
  });

  it("reads the least amount the contract's plans, payments and invoices hold", () => {
    const below = new ApiError(422, parseProblem({ title: "t", status: 422, code: "contract.amount_below_commitments", minimum: "50000.00", errors: [{ field: "changes.amount", code: "below_commitments", message: "at least 50000.00" }] }));
    expect(belowCommitmentsMinimum(below)).toBe("50000.00");
    expect(belowCommitmentsMinimum(amendmentFormError(below))).toBe("50000.00");
    expect(belowCommitmentsMinimum(refused)).toBeUndefined();
  });
});

describe("an amendment's record", () => {
  const amendment = (status: ContractAmendment["status"], before: object, after: object) => ({ id: status, status, before, after }) as unknown as ContractAmendment;

  it("lists what it changes in the form's order", () => {
    const a = amendment("approved", { end_date: "2027-12-31", amount: "150000.00", remark: null }, { end_date: "2028-03-31", amount: "180000.00", remark: "追加两台" });
    expect(amendmentRows(a)).toEqual([
      { field: "amount", before: "150000.00", after: "180000.00" },
      { field: "end_date", before: "2027-12-31", after: "2028-03-31" },
      { field: "remark", before: null, after: "追加两台" },
    ]);
  });

  it("finds the one waiting for approval", () => {
    expect(pendingAmendment([amendment("rejected", {}, {}), amendment("pending", {}, {})])?.id).toBe("pending");
    expect(pendingAmendment([amendment("approved", {}, {})])).toBeUndefined();
    expect(pendingAmendment(undefined)).toBeUndefined();
  });
});
