import { ApiError } from "../../api/problem";
import type { NewDocumentLine } from "../quotes/api";
import type { Contract, ContractAmendment, ContractPatch } from "./api";
import { contractFormValues, contractTerms, pricing, type ContractFormValues } from "./contractForm";

// 合同变更: what an amendment of an active contract sends (only what the user changed) and how its
// refusal and its record read on the page.

export type AmendmentFormValues = ContractFormValues & { reason?: string };

/** The server's limit on an amendment's reason. */
export const REASON_MAX = 500;

/** "1000.50" and "01000.5" are the same figure; the form and the API may write it either way. */
function canonical(value: string | null | undefined): string {
  const match = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/.exec(value ?? "");
  if (!match) return (value ?? "").trim();
  const [, sign = "", whole = "", fraction = ""] = match;
  const digits = whole.replace(/^0+/, "") || "0";
  const cents = fraction.replace(/0+$/, "");
  return `${sign}${digits}${cents ? `.${cents}` : ""}`;
}

function sameLines(a: readonly NewDocumentLine[], b: readonly NewDocumentLine[]): boolean {
  const figures = ["quantity", "unit_price", "discount_percent", "tax_rate_percent"] as const;
  return (
    a.length === b.length &&
    a.every((line, i) => {
      const other = b[i];
      if (!other) return false;
      return (line.product_id ?? null) === (other.product_id ?? null) && (line.name ?? null) === (other.name ?? null) && (line.unit ?? null) === (other.unit ?? null) && figures.every((f) => canonical(String(line[f] ?? "")) === canonical(String(other[f] ?? "")));
    })
  );
}

/** How the amount or lines change, if they do: new lines (the amount follows them), or a stated amount (dropping any lines). */
function pricingChange(contract: Contract, values: AmendmentFormValues): Pick<ContractPatch, "amount" | "lines"> {
  const hadLines = contract.lines.length > 0;
  const priced = pricing(values, hadLines);
  if (values.mode === "lines") {
    const was = pricing(contractFormValues(contract) as AmendmentFormValues, hadLines);
    return hadLines && sameLines(priced.lines ?? [], was.lines ?? []) ? {} : { lines: priced.lines };
  }
  if (hadLines) return priced;
  return canonical(String(priced.amount)) === canonical(contract.amount) ? {} : { amount: priced.amount };
}

/**
 * The amendment's `changes`: the fields whose value differs from the contract's, a cleared one as
 * null. The currency of an active contract stays, so it is never sent.
 */
export function amendmentChanges(contract: Contract, values: AmendmentFormValues): ContractPatch {
  const was = contractTerms(contractFormValues(contract));
  const now = contractTerms(values);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof typeof now)[]) {
    if (key !== "currency" && now[key] !== was[key]) changes[key] = now[key];
  }
  return { ...(changes as ContractPatch), ...pricingChange(contract, values) };
}

/** A field the server names inside the body's `changes` (`changes.end_date`), as the form names it (`end_date`). */
export function formField(field: string): string {
  if (field === "changes") return "";
  return field.startsWith("changes.") ? field.slice("changes.".length) : field;
}

/** A refused amendment with its field errors renamed for the form, so they land on its fields. */
export function amendmentFormError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const errors = error.problem.errors.map((e) => ({ ...e, field: formField(e.field) }));
  return new ApiError(error.status, { ...error.problem, errors }, error.headers);
}

/** The least amount the contract may have, when an amendment went below what its plans, payments and invoices hold. */
export function belowCommitmentsMinimum(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.problem.code !== "contract.amount_below_commitments") return undefined;
  const minimum = error.problem.extra?.minimum;
  return typeof minimum === "string" || typeof minimum === "number" ? String(minimum) : undefined;
}

/** The fields an amendment may change, in the order its record lists them. */
export const AMENDED_FIELDS = ["name", "amount", "lines", "sign_date", "start_date", "end_date", "category", "opportunity_id", "customer_signer_id", "signer_id", "payment_terms", "remark"] as const;

export type AmendedField = (typeof AMENDED_FIELDS)[number];
export type AmendmentChange = { field: string; before: unknown; after: unknown };

/** What an amendment changes, field by field in the form's order (a field this SPA does not know last). */
export function amendmentRows(amendment: Pick<ContractAmendment, "before" | "after">): AmendmentChange[] {
  const before = (amendment.before ?? {}) as Record<string, unknown>;
  const after = (amendment.after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const rank = (field: string) => {
    const i = (AMENDED_FIELDS as readonly string[]).indexOf(field);
    return i < 0 ? AMENDED_FIELDS.length : i;
  };
  return fields.sort((a, b) => rank(a) - rank(b)).map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** The amendment waiting for approval, if one does (the server allows one at a time). */
export function pendingAmendment(amendments: readonly ContractAmendment[] | undefined): ContractAmendment | undefined {
  return amendments?.find((a) => a.status === "pending");
}
