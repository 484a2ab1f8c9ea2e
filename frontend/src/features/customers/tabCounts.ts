import type { ListQuery } from "../../shared/resource/resourceApi";
import type { CustomerFilters } from "./api";
import { customerFilters, type CustomerSearchValues, type FilterContext } from "./filters";
import type { PoolTab } from "./pools";

export type CustomerListQuery = ListQuery<"/api/v1/customers">;

/**
 * The request that counts a tab's customers under the list's other filters: one row is enough,
 * as the answer's `total` is the count; no sort, so every sort shares one cached count.
 */
export function tabCountQuery(values: CustomerSearchValues, tab: PoolTab, context: FilterContext): CustomerListQuery {
  const filters: CustomerFilters = customerFilters(values, tab, context);
  const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as CustomerFilters;
  return { ...defined, page: 1, page_size: 1 };
}
