/**
 * Why a list shows no rows, which decides what it says and offers:
 * - `filtered`: filters are on (name them, offer to clear them);
 * - a page's own `scope` (a tab that is empty for a reason worth explaining, like the public pool);
 * - `blank`: nothing at all yet (offer to create the first record).
 * Null while the list has not answered, or when it has rows.
 */
export type EmptyReason<S extends string = never> = { kind: "filtered"; filters: string[] } | { kind: "blank" } | { kind: S };

export function chooseEmptyState<S extends string = never>({
  rows,
  activeFilters,
  scope,
}: {
  /** The rows the list answered, undefined while it has not. */
  rows: number | undefined;
  /** The labels of the filters that are on. */
  activeFilters: readonly string[];
  /** The page's own reason, when the tab or scope explains the emptiness better than "nothing yet". */
  scope?: S;
}): EmptyReason<S> | null {
  if (rows === undefined || rows > 0) return null;
  if (activeFilters.length > 0) return { kind: "filtered", filters: [...activeFilters] };
  if (scope !== undefined) return { kind: scope };
  return { kind: "blank" };
}
