import dayjs, { type Dayjs } from "dayjs";

// The list filters of quotes and orders as the URL keeps them (the days `YYYY-MM-DD`), as the
// search form shows them, and as the API's query takes them. The day and range helpers serve
// every sales document's list (contracts too).

const DAY = "YYYY-MM-DD";

export function day(value: string | undefined): Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const parsed = dayjs(value, DAY);
  return parsed.isValid() ? parsed : null;
}

/** A range picker's value. */
export type DayRange = [Dayjs | null, Dayjs | null] | null;

/** Two URL days as a range picker shows them; undefined when neither is a day. */
export function dayRange(from: string | undefined, to: string | undefined): DayRange | undefined {
  const start = day(from);
  const end = day(to);
  return start || end ? [start, end] : undefined;
}

/** A range picker's value as two URL days (or the API's); an open end is undefined. */
export function rangeDays(range: DayRange | undefined): [string | undefined, string | undefined] {
  const [start, end] = range ?? [null, null];
  return [start ? start.format(DAY) : undefined, end ? end.format(DAY) : undefined];
}

/** A valid URL day, as the API takes it. */
export function queryDay(value: string | undefined): string | undefined {
  return day(value)?.format(DAY);
}

export const blank = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

/** The URL's status if the list knows it; else none (the API would refuse it). */
export function knownStatus(value: string | undefined, statuses: readonly string[]): string | undefined {
  return statuses.includes(value ?? "") ? value : undefined;
}

export const QUOTE_FILTERS = ["q", "status", "customer_id", "owner_id", "valid_from", "valid_to"] as const;
export type QuoteFilterName = (typeof QUOTE_FILTERS)[number];
export type QuoteUrlFilters = Partial<Record<QuoteFilterName, string>>;
export type QuoteSearchValues = { q?: string; customer_id?: string; owner_id?: string; valid?: DayRange };

/** The URL's filters as the search form shows them (the status is the tabs'). */
export function quoteFormValues(filters: QuoteUrlFilters): QuoteSearchValues {
  const valid = dayRange(filters.valid_from, filters.valid_to);
  return { q: filters.q, customer_id: filters.customer_id, owner_id: filters.owner_id, ...(valid ? { valid } : {}) };
}

/** The search form as the URL keeps it; a blank field clears its parameter. */
export function quoteUrlFilters(values: QuoteSearchValues): Partial<Record<QuoteFilterName, string | undefined>> {
  const [valid_from, valid_to] = rangeDays(values.valid);
  return { q: blank(values.q), customer_id: blank(values.customer_id), owner_id: blank(values.owner_id), valid_from, valid_to };
}

/** The URL's filters as the API's query; an unknown status is dropped (the API would refuse it). */
export function quoteQuery(filters: QuoteUrlFilters, statuses: readonly string[]) {
  return {
    q: blank(filters.q),
    status: knownStatus(filters.status, statuses),
    customer_id: blank(filters.customer_id),
    owner_id: blank(filters.owner_id),
    valid_until_from: queryDay(filters.valid_from),
    valid_until_to: queryDay(filters.valid_to),
  };
}
