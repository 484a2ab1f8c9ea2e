/**
 * The URL parameters the supplier list reads as filters, as the search form names them: a region
 * by its code (`region_code`, matching the cities inside a province); `province` / `city` names
 * are what links from before codes carry.
 */
export const SUPPLIER_FILTERS = ["q", "region_code", "province", "city"] as const;

export type SupplierSearchValues = Partial<Record<(typeof SUPPLIER_FILTERS)[number], string>>;

export type SupplierFilters = { q?: string; region_code?: string; province?: string; city?: string };

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The search form as list parameters, blanks dropped (the API reads a blank filter as a bad value). */
export function supplierFilters(values: SupplierSearchValues): SupplierFilters {
  return { q: text(values.q), region_code: text(values.region_code), province: text(values.province), city: text(values.city) };
}

/** "浙江 / 杭州", or blank when neither is known. */
export function regionText(province: string | null | undefined, city: string | null | undefined): string {
  return [province, city].filter((part) => part && part.trim()).join(" / ");
}
