import dayjs, { type Dayjs } from "dayjs";
import type { Contract, Invoice, InvoicePatch, InvoiceTitle, InvoiceType, NewInvoice, TitleType } from "./api";
import { normalizeAmount, uninvoiced } from "./money";

// The invoice drawer's values: the API's fields, with the date a picker's and blanks as
// undefined; a remembered title fills the title fields at once.

export type InvoiceFormValues = {
  type: InvoiceType;
  title_type: TitleType;
  title?: string;
  tax_number?: string;
  bank?: string;
  bank_account?: string;
  address_phone?: string;
  amount?: string;
  tax_rate_percent?: string;
  issue_date?: Dayjs | null;
  remark?: string;
};

export const TITLE_FIELDS = ["title_type", "title", "tax_number", "bank", "bank_account", "address_phone"] as const;

const text = (v: string | null | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

/** The title fields a remembered title fills: every one of them, so a former title's bank does not linger. */
export function titleValues(title: InvoiceTitle): Pick<InvoiceFormValues, (typeof TITLE_FIELDS)[number]> {
  return {
    title_type: title.title_type ?? "company",
    title: title.title,
    tax_number: text(title.tax_number),
    bank: text(title.bank),
    bank_account: text(title.bank_account),
    address_phone: text(title.address_phone),
  };
}

/** A remembered title as the picker lists it: the name, its tax number if any. */
export function titleLabel(title: InvoiceTitle): string {
  return [title.title, text(title.tax_number)].filter(Boolean).join(" · ");
}

/**
 * A new invoice for a contract: a VAT normal invoice to the customer (its latest remembered title
 * when it has one), for what is left to invoice, at 13 %, issued today.
 */
export function newInvoiceValues(contract: Pick<Contract, "amount" | "invoiced_amount" | "customer_name"> | undefined, latest: InvoiceTitle | undefined, today: Dayjs = dayjs()): InvoiceFormValues {
  const left = contract ? uninvoiced(contract) : undefined;
  return {
    type: "vat_normal",
    ...(latest ? titleValues(latest) : { title_type: "company" as const, title: contract?.customer_name ?? undefined }),
    amount: left && left !== "0.00" ? normalizeAmount(left) : undefined,
    tax_rate_percent: "13",
    issue_date: today,
  };
}

export function invoiceFormValues(invoice: Invoice): InvoiceFormValues {
  return {
    type: invoice.type,
    title_type: invoice.title_type,
    title: invoice.title,
    tax_number: text(invoice.tax_number),
    bank: text(invoice.bank),
    bank_account: text(invoice.bank_account),
    address_phone: text(invoice.address_phone),
    amount: normalizeAmount(invoice.amount),
    tax_rate_percent: invoice.tax_rate_percent,
    issue_date: invoice.issue_date ? dayjs(invoice.issue_date) : null,
    remark: text(invoice.remark),
  };
}

/** A VAT special invoice goes to a company with its tax number. */
export function needsTaxNumber(values: Partial<Pick<InvoiceFormValues, "type" | "title_type">>): boolean {
  return values.type === "vat_special" && values.title_type === "company";
}

/** The fields both a create and a patch send; a blank clears. */
function body(values: InvoiceFormValues) {
  return {
    type: values.type,
    title_type: values.title_type,
    title: (values.title ?? "").trim(),
    tax_number: text(values.tax_number)?.toUpperCase() ?? null,
    bank: text(values.bank) ?? null,
    bank_account: text(values.bank_account) ?? null,
    address_phone: text(values.address_phone) ?? null,
    amount: normalizeAmount(values.amount ?? ""),
    tax_rate_percent: text(values.tax_rate_percent) ?? "0",
    issue_date: values.issue_date ? values.issue_date.format("YYYY-MM-DD") : null,
    remark: text(values.remark) ?? null,
  };
}

export function newInvoiceBody(contractId: string, values: InvoiceFormValues): NewInvoice {
  return { contract_id: contractId, ...body(values) };
}

export function invoicePatch(values: InvoiceFormValues): InvoicePatch {
  return body(values);
}
