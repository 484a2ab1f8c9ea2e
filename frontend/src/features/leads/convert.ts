import { ApiError } from "../../api/problem";
import type { components } from "../../api/schema";
import type { CustomerKind } from "../../api/types";
import type { Lead, LeadConversion } from "./api";

type NewCustomer = components["schemas"]["NewCustomer"];
export type DuplicateCustomer = components["schemas"]["ProblemDuplicate"];

/** The new customer's part of the convert dialog, as its inputs hold it. */
export type NewCustomerValues = {
  name?: string;
  kind?: CustomerKind;
  phone?: string;
  email?: string;
  source?: string;
  province?: string;
  city?: string;
};

/** The convert dialog's state. */
export type ConvertValues = {
  /** A new customer made from the (editable) lead's details, or one that exists. */
  target: "new" | "existing";
  customer?: NewCustomerValues;
  existing_id?: string;
  /** Also make the person a contact of the customer. */
  contact: boolean;
  with_opportunity: boolean;
  opportunity?: {
    name?: string;
    /** What the amount input holds: a number or a decimal string. */
    amount?: number | string | null;
    /** `YYYY-MM-DD`. */
    expected_close_date?: string | null;
    stage_id?: string | null;
  };
};

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The new customer's fields as the lead suggests them: the company (else the person), its phone, e-mail, source and place. */
export function customerFromLead(lead: Lead): NewCustomerValues {
  const company = text(lead.company);
  return {
    name: company ?? lead.name,
    kind: company ? "company" : "person",
    phone: lead.phone ?? lead.mobile ?? undefined,
    email: lead.email ?? undefined,
    source: lead.source ?? undefined,
    province: lead.province ?? undefined,
    city: lead.city ?? undefined,
  };
}

/** The dialog's first state for a lead: a new customer from it, a contact, no opportunity (its name ready if one is wanted). */
export function initialConvertValues(lead: Lead): ConvertValues {
  return {
    target: "new",
    customer: customerFromLead(lead),
    contact: true,
    with_opportunity: false,
    opportunity: { name: text(lead.company) ?? lead.name },
  };
}

/** A decimal string for the API (it takes money as text), or null when blank. */
export function amountText(value: number | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === "" ? null : s;
}

/**
 * The request the dialog sends: the existing customer by id, or the new customer's fields (blank
 * ones as null); the contact switch; the opportunity only when asked for.
 */
export function conversionRequest(values: ConvertValues): LeadConversion {
  let customer: LeadConversion["customer"];
  if (values.target === "existing") {
    if (!values.existing_id) throw new Error("conversionRequest: no existing customer chosen");
    customer = { use_existing_id: values.existing_id };
  } else {
    const c = values.customer ?? {};
    const name = text(c.name);
    if (!name) throw new Error("conversionRequest: the new customer has no name");
    customer = {
      name,
      kind: c.kind ?? "company",
      phone: text(c.phone),
      email: text(c.email),
      source: text(c.source),
      province: text(c.province),
      city: text(c.city),
    } satisfies NewCustomer;
  }
  const body: LeadConversion = { customer, contact: values.contact };
  if (values.with_opportunity) {
    const o = values.opportunity ?? {};
    const name = text(o.name);
    if (!name) throw new Error("conversionRequest: the opportunity has no name");
    body.opportunity = {
      name,
      amount: amountText(o.amount),
      expected_close_date: o.expected_close_date || null,
      stage_id: o.stage_id || null,
    };
  }
  return body;
}

/** The existing customer a refused conversion names (409 `customer.duplicate`), if that is why. */
export function duplicateCustomer(error: unknown): DuplicateCustomer | undefined {
  if (!(error instanceof ApiError) || error.problem.code !== "customer.duplicate") return undefined;
  const found = error.problem.extra?.duplicate;
  if (typeof found !== "object" || found === null) return undefined;
  const { id, name, field } = found as Record<string, unknown>;
  if (typeof id !== "string") return undefined;
  return { id, name: typeof name === "string" ? name : "", field: typeof field === "string" ? field : "name" };
}
