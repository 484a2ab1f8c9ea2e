import type { Can } from "../../shared/permissions";
import type { Contract, Invoice, InvoiceStatus, InvoiceType, Payment, PaymentPlan, PaymentStatus, PlanStatus, TitleType } from "./api";

export const PLAN_STATUSES: readonly PlanStatus[] = ["pending", "partial", "paid", "overdue"];
export const PAYMENT_STATUSES: readonly PaymentStatus[] = ["draft", "pending", "confirmed"];
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ["draft", "pending", "issued", "void"];
export const INVOICE_TYPES: readonly InvoiceType[] = ["vat_special", "vat_normal", "other"];
export const TITLE_TYPES: readonly TitleType[] = ["company", "person"];
/** The VAT rates offered (any 0–100 with two decimals is accepted). */
export const TAX_RATES = ["13", "9", "6", "3", "1", "0"] as const;

/** Each list's statuses as coloured tags; a plan's `pending` is "not yet due", a payment's "waiting for approval". */
export const STATUS_COLORS = {
  plans: { pending: "default", partial: "processing", paid: "success", overdue: "error" } satisfies Record<PlanStatus, string>,
  payments: { draft: "default", pending: "gold", confirmed: "success" } satisfies Record<PaymentStatus, string>,
  invoices: { draft: "default", pending: "gold", issued: "success", void: "default" } satisfies Record<InvoiceStatus, string>,
} as const;

export type MoneyKind = keyof typeof STATUS_COLORS;

/** Payments and invoices belong to a contract that took effect (the API answers 409 `contract.not_in_force` otherwise). */
export function tookEffect(contract: Pick<Contract, "status"> | undefined): boolean {
  return !!contract && (contract.status === "active" || contract.status === "completed" || contract.status === "terminated");
}

/** Instalments may be planned on any contract but a void one. */
export function plansOpen(contract: Pick<Contract, "status"> | undefined): boolean {
  return !!contract && contract.status !== "void";
}

export type PlanAction = "edit" | "delete" | "receive";

/**
 * What a contract's instalment offers: edit and delete while the contract is not void (a plan that
 * received something is not deleted: a payment names it), and recording a payment against it
 * while it still owes something on a contract in force.
 */
export function planActions(plan: Pick<PaymentPlan, "status" | "received_amount">, contract: Pick<Contract, "status"> | undefined, can: Can): PlanAction[] {
  const actions: PlanAction[] = [];
  if (tookEffect(contract) && plan.status !== "paid" && can("payments:create")) actions.push("receive");
  if (plansOpen(contract) && can("payments:update")) actions.push("edit");
  if (plansOpen(contract) && can("payments:delete") && !/[1-9]/.test(plan.received_amount)) actions.push("delete");
  return actions;
}

export type PaymentAction = "edit" | "submit" | "delete";

/** A draft payment is edited, submitted or deleted; once submitted it is read-only (pending, confirmed). */
export function paymentActions(payment: Pick<Payment, "status">, can: Can): PaymentAction[] {
  if (payment.status !== "draft") return [];
  const actions: PaymentAction[] = [];
  if (can("payments:update")) actions.push("edit", "submit");
  if (can("payments:delete")) actions.push("delete");
  return actions;
}

export type InvoiceAction = "edit" | "submit" | "void" | "delete";

/**
 * A draft invoice is edited, submitted and deleted (voided instead by those who may not delete: the
 * API voids drafts too); an issued one is only voided (红冲); one waiting for approval or already
 * void offers nothing.
 */
export function invoiceActions(invoice: Pick<Invoice, "status">, can: Can): InvoiceAction[] {
  const update = can("invoices:update");
  switch (invoice.status) {
    case "draft": {
      const actions: InvoiceAction[] = update ? ["edit", "submit"] : [];
      if (can("invoices:delete")) actions.push("delete");
      else if (update) actions.push("void");
      return actions;
    }
    case "issued":
      return update ? ["void"] : [];
    default:
      return [];
  }
}
