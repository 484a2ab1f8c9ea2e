import dayjs, { type Dayjs } from "dayjs";

// The list filters of quotes and orders as the URL keeps them (the days `YYYY-MM-DD`), as the
// search form shows them, and as the API's query takes them.

const DAY = "YYYY-MM-DD";

export function day(value: string | undefined): Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const parsed = dayjs(value, DAY);
  return parsed.isValid() ? parsed : null;
}

const blank = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

export const QUOTE_FILTERS = ["q", "status", "customer_id", "owner_id", "valid_from", "valid_to"] as const;
export type QuoteFilterName = (typeof QUOTE_FILTERS)[number];
export type QuoteUrlFilters = Partial<Record<QuoteFilterName, string>>;
export type QuoteSearchValues = { q?: string; customer_id?: string; owner_id?: string; valid?: [Dayjs | null, Dayjs | null] | null };

/** The URL's filters as the search form shows them (the status is the tabs'). */
export function quoteFormValues(filters: QuoteUrlFilters): QuoteSearchValues {
  const from = day(filters.valid_from);
  const to = day(filters.valid_to);
  return { q: filters.q, customer_id: filters.customer_id, owner_id: filters.owner_id, ...(from || to ? { valid: [from, to] } : {}) };
}

/** The search form as the URL keeps it; a blank field clears its parameter. */
export function quoteUrlFilters(values: QuoteSearchValues): Partial<Record<QuoteFilterName, string | undefined>> {
  const [start, end] = values.valid ?? [null, null];
  return {
    q: blank(values.q),
    customer_id: blank(values.customer_id),
    owner_id: blank(values.owner_id),
    valid_from: start ? start.format(DAY) : undefined,
    valid_to: end ? end.format(DAY) : undefined,
  };
}

/** The URL's filters as the API's query; an unknown status is dropped (the API would refuse it). */
export function quoteQuery(filters: QuoteUrlFilters, statuses: readonly string[]) {
  const from = day(filters.valid_from);
  const to = day(filters.valid_to);
  return {
    q: blank(filters.q),
    status: statuses.includes(filters.status ?? "") ? filters.status : undefined,
    customer_id: blank(filters.customer_id),
    owner_id: blank(filters.owner_id),
    valid_until_from: from ? from.format(DAY) : undefined,
    valid_until_to: to ? to.format(DAY) : undefined,
  };
}
