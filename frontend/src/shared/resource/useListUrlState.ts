import { useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import { usePagedTable, type PagedTable } from "../hooks/usePagedTable";
import { readListState, writeListState, type ListUrlState } from "./listUrlState";

export type ListUrl<T, F extends string> = {
  /** The filters the URL holds, as typed. */
  filters: Partial<Record<F, string>>;
  /** A new search: a step Back returns from; it starts again on the first page. */
  setFilters: (patch: Partial<Record<F, string | undefined>>) => void;
  /** Paging and sorting, kept in the URL (replacing the entry, so Back skips the pages seen). */
  paged: PagedTable<T>;
};

/**
 * Paging, sort and filters of a list page in its URL, so a link, a reload and Back show the same
 * list. `filterNames` are the URL parameters the page reads as filters.
 */
export function useListUrlState<T, F extends string>(filterNames: readonly F[], defaultSort?: string): ListUrl<T, F> {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => readListState(searchParams, filterNames, defaultSort), [searchParams, filterNames, defaultSort]);

  const go = (change: (current: ListUrlState<F>) => ListUrlState<F>, replace: boolean) => {
    // The address bar, not this render's state: the router renders in a transition, so a second
    // quick click could otherwise run a render behind and undo the first.
    const current = new URLSearchParams(window.location.search);
    const next = writeListState(change(readListState(current, filterNames, defaultSort)), defaultSort);
    if (next.toString() !== current.toString()) setSearchParams(next, { replace });
  };

  const paged = usePagedTable<T>(defaultSort, {
    params: { page: state.page, page_size: state.page_size, sort: state.sort },
    onChange: (next) => go((current) => ({ ...current, ...next }), true),
  });

  return {
    filters: state.filters,
    setFilters: (patch) => go((current) => ({ ...current, filters: { ...current.filters, ...patch }, page: 1 }), false),
    paged,
  };
}
