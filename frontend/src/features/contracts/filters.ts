import { blank, dayRange, knownStatus, queryDay, rangeDays, type DayRange } from "../quotes/filters";

// The contract list's filters as the URL keeps them (days as `YYYY-MM-DD`), as the search form
// shows them and as the API's query takes them.

export const CONTRACT_FILTERS = ["q", "status", "category", "owner_id", "signed_from", "signed_to", "ends_from", "ends_to"] as const;
export type ContractFilterName = (typeof CONTRACT_FILTERS)[number];
export type ContractUrlFilters = Partial<Record<ContractFilterName, string>>;
export type ContractSearchValues = { q?: string; category?: string; owner_id?: string; signed?: DayRange; ends?: DayRange };

/** The URL's filters as the search form shows them (the status is the tabs'). */
export function contractFormValues(filters: ContractUrlFilters): ContractSearchValues {
  const signed = dayRange(filters.signed_from, filters.signed_to);
  const ends = dayRange(filters.ends_from, filters.ends_to);
  return { q: filters.q, category: filters.category, owner_id: filters.owner_id, ...(signed ? { signed } : {}), ...(ends ? { ends } : {}) };
}

/** The search form as the URL keeps it; a blank field clears its parameter. */
export function contractUrlFilters(values: ContractSearchValues): Partial<Record<ContractFilterName, string | undefined>> {
  const [signed_from, signed_to] = rangeDays(values.signed);
  const [ends_from, ends_to] = rangeDays(values.ends);
  return { q: blank(values.q), category: blank(values.category), owner_id: blank(values.owner_id), signed_from, signed_to, ends_from, ends_to };
}

/** The URL's filters as the API's query; what the API would refuse (an unknown status, a bad day) is dropped. */
export function contractQuery(filters: ContractUrlFilters, statuses: readonly string[]) {
  return {
    q: blank(filters.q),
    status: knownStatus(filters.status, statuses),
    category: blank(filters.category),
    owner_id: blank(filters.owner_id),
    sign_date_from: queryDay(filters.signed_from),
    sign_date_to: queryDay(filters.signed_to),
    end_date_from: queryDay(filters.ends_from),
    end_date_to: queryDay(filters.ends_to),
  };
}
