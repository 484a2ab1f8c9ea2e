import dayjs, { type Dayjs } from "dayjs";
import { DEFAULT_CURRENCY, normalizePrice } from "../products/money";
import { lineValues, NEW_LINE, toDocumentLines, type DocLineValues } from "../quotes/components/DocumentLinesEditor";
import type { Contract, ContractPatch } from "./api";

// A contract's form values and how they go to the API, shared by the form that creates a contract
// or edits a draft and the one that amends an active contract.

/** A contract states its amount, or has lines whose total is its amount. */
export type AmountMode = "amount" | "lines";

export type ContractFormValues = {
  name: string;
  customer_id?: string;
  opportunity_id?: string | null;
  customer_signer_id?: string | null;
  signer_id?: string | null;
  owner_id?: string | null;
  currency: string;
  mode: AmountMode;
  amount?: string;
  lines?: DocLineValues[];
  sign_date?: Dayjs | null;
  start_date?: Dayjs | null;
  end_date?: Dayjs | null;
  category?: string | null;
  payment_terms?: string;
  remark?: string;
};

const day = (v: string | null | undefined) => (v ? dayjs(v) : null);

/** The form's values for a contract, or for a new one (of the customer, when it is fixed). */
export function contractFormValues(c: Contract | null, customer?: { id: string }): Partial<ContractFormValues> {
  if (!c) return { customer_id: customer?.id, currency: DEFAULT_CURRENCY, mode: "amount", lines: [{ ...NEW_LINE }] };
  return {
    name: c.name,
    customer_id: c.customer_id,
    opportunity_id: c.opportunity_id ?? undefined,
    customer_signer_id: c.customer_signer_id ?? undefined,
    signer_id: c.signer_id ?? undefined,
    currency: c.currency,
    mode: c.lines.length > 0 ? "lines" : "amount",
    amount: c.lines.length > 0 ? undefined : c.amount,
    lines: c.lines.length > 0 ? c.lines.map(lineValues) : [{ ...NEW_LINE }],
    sign_date: day(c.sign_date),
    start_date: day(c.start_date),
    end_date: day(c.end_date),
    category: c.category ?? undefined,
    payment_terms: c.payment_terms ?? undefined,
    remark: c.remark ?? undefined,
  };
}

const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const date = (v: Dayjs | null | undefined) => (v ? v.format("YYYY-MM-DD") : null);

/** The form's fields besides the customer, the owner, the amount and the lines, as the API takes them. */
export function contractTerms(v: Partial<ContractFormValues>) {
  return {
    name: (v.name ?? "").trim(),
    opportunity_id: v.opportunity_id ?? null,
    customer_signer_id: v.customer_signer_id ?? null,
    signer_id: v.signer_id ?? null,
    currency: v.currency ?? DEFAULT_CURRENCY,
    sign_date: date(v.sign_date),
    start_date: date(v.start_date),
    end_date: date(v.end_date),
    category: v.category ?? null,
    payment_terms: text(v.payment_terms),
    remark: text(v.remark),
  };
}

/**
 * How the form's amount or lines go to the API. With lines the server computes the amount, so none
 * is sent (a stale one would be a 422 `disagrees_with_lines`); a stated amount replaces the lines a
 * draft had with none.
 */
export function pricing(values: Pick<ContractFormValues, "mode" | "amount" | "lines">, hadLines: boolean): Pick<ContractPatch, "amount" | "lines"> {
  if (values.mode === "lines") return { amount: null, lines: toDocumentLines(values.lines) };
  return { amount: normalizePrice(values.amount ?? "0"), ...(hadLines ? { lines: [] } : {}) };
}
