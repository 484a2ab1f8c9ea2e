import { chooseEmptyState, type EmptyReason } from "../../shared/resource/emptyState";
import type { PoolTab } from "./pools";

/** What an empty tab means beyond "nothing yet": the pool explained, one's own list, another pool. */
export type CustomerEmptyScope = "public" | "mine" | "pool";

/**
 * Why the customer list is empty: filters first (they are the likeliest reason), then what the tab
 * is; only the unfiltered "all" tab is a company without customers.
 */
export function customerEmptyReason(rows: number | undefined, activeFilters: readonly string[], tab: PoolTab): EmptyReason<CustomerEmptyScope> | null {
  const scope: CustomerEmptyScope | undefined = tab === "public" ? "public" : tab === "mine" ? "mine" : tab === "all" ? undefined : "pool";
  return chooseEmptyState({ rows, activeFilters, scope });
}
