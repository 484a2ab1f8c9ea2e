import { blank, dayRange, knownStatus, queryDay, rangeDays, type DayRange } from "../quotes/filters";
import { INVOICE_STATUSES, INVOICE_TYPES, PAYMENT_STATUSES } from "./status";

// The payments' and invoices' list filters as the URL keeps them (days `YYYY-MM-DD`), as the search
// form shows them and as the API's query takes them; an unknown status or type is dropped.

export const PAYMENT_FILTERS = ["q", "status", "method", "received_from", "received_to"] as const;
export type PaymentFilterName = (typeof PAYMENT_FILTERS)[number];
export type PaymentUrlFilters = Partial<Record<PaymentFilterName, string>>;
export type PaymentSearchValues = { q?: string; method?: string; received?: DayRange };

export function paymentFormValues(filters: PaymentUrlFilters): PaymentSearchValues {
  const received = dayRange(filters.received_from, filters.received_to);
  return { q: filters.q, method: filters.method, ...(received ? { received } : {}) };
}

export function paymentUrlFilters(values: PaymentSearchValues): Partial<Record<PaymentFilterName, string | undefined>> {
  const [received_from, received_to] = rangeDays(values.received);
  return { q: blank(values.q), method: blank(values.method), received_from, received_to };
}

export function paymentQuery(filters: PaymentUrlFilters) {
  return {
    q: blank(filters.q),
    status: knownStatus(filters.status, PAYMENT_STATUSES),
    method: blank(filters.method),
    received_date_from: queryDay(filters.received_from),
    received_date_to: queryDay(filters.received_to),
  };
}

export const INVOICE_FILTERS = ["q", "status", "type", "issued_from", "issued_to"] as const;
export type InvoiceFilterName = (typeof INVOICE_FILTERS)[number];
export type InvoiceUrlFilters = Partial<Record<InvoiceFilterName, string>>;
export type InvoiceSearchValues = { q?: string; type?: string; issued?: DayRange };

export function invoiceFormValuesOf(filters: InvoiceUrlFilters): InvoiceSearchValues {
  const issued = dayRange(filters.issued_from, filters.issued_to);
  return { q: filters.q, type: filters.type, ...(issued ? { issued } : {}) };
}

export function invoiceUrlFilters(values: InvoiceSearchValues): Partial<Record<InvoiceFilterName, string | undefined>> {
  const [issued_from, issued_to] = rangeDays(values.issued);
  return { q: blank(values.q), type: blank(values.type), issued_from, issued_to };
}

export function invoiceQuery(filters: InvoiceUrlFilters) {
  return {
    q: blank(filters.q),
    status: knownStatus(filters.status, INVOICE_STATUSES),
    type: knownStatus(filters.type, INVOICE_TYPES),
    issue_date_from: queryDay(filters.issued_from),
    issue_date_to: queryDay(filters.issued_to),
  };
}

/** The instalment lists of the receivables page: what is overdue, what falls due soon, every one. */
export const PLAN_VIEWS = ["overdue", "upcoming", "all"] as const;
export type PlanView = (typeof PLAN_VIEWS)[number];
/** How far ahead "falls due soon" looks. */
export const UPCOMING_DAYS = 30;

/** The instalment list's API query for a view, on `today` (`YYYY-MM-DD`). */
export function planViewQuery(view: PlanView, today: string, horizon = UPCOMING_DAYS) {
  switch (view) {
    case "overdue":
      return { status: "overdue" };
    case "upcoming": {
      const until = new Date(`${today}T00:00:00Z`);
      until.setUTCDate(until.getUTCDate() + horizon);
      return { status: "pending,partial", due_date_from: today, due_date_to: until.toISOString().slice(0, 10) };
    }
    default:
      return {};
  }
}

export function planViewOf(value: string | null | undefined): PlanView {
  return PLAN_VIEWS.find((view) => view === value) ?? "overdue";
}
