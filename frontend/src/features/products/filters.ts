import { ALL_CATEGORIES } from "./categories";
import { compareDecimal, isValidPrice, normalizePrice } from "./money";

/** The URL parameters the product list reads as filters: the search form's and the tree's category. */
export const PRODUCT_FILTERS = ["q", "on_sale", "price_min", "price_max", "category"] as const;

/** The product search form as typed (and as the URL keeps it). */
export type ProductSearchValues = {
  q?: string;
  /** "yes", "no" or blank for both. */
  on_sale?: string;
  price_min?: string;
  price_max?: string;
};

/** The list filters the API reads (besides paging and sort). */
export type ProductFilters = {
  q?: string;
  category_id?: string;
  on_sale?: boolean;
  price_min?: string;
  price_max?: string;
};

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function price(value: string | undefined): string | undefined {
  const trimmed = text(value);
  return trimmed && isValidPrice(trimmed) ? normalizePrice(trimmed) : undefined;
}

/**
 * The search form and the selected tree node as list parameters: blanks dropped, prices kept as
 * strings, "all" sends no category (the API then lists every category; a top category includes
 * its children on the server).
 */
export function productFilters(values: ProductSearchValues, categoryKey: string | undefined): ProductFilters {
  return {
    q: text(values.q),
    category_id: categoryKey && categoryKey !== ALL_CATEGORIES ? categoryKey : undefined,
    on_sale: values.on_sale === "yes" ? true : values.on_sale === "no" ? false : undefined,
    price_min: price(values.price_min),
    price_max: price(values.price_max),
  };
}

/** Whether a price range is usable: each end blank or valid, and min ≤ max when both are given. */
export function priceRangeProblem(min: string | undefined, max: string | undefined): "min" | "max" | "order" | undefined {
  const low = text(min);
  const high = text(max);
  if (low && !isValidPrice(low)) return "min";
  if (high && !isValidPrice(high)) return "max";
  if (low && high && compareDecimal(low, high) > 0) return "order";
  return undefined;
}
