import { DEFAULT_PAGE_SIZE, type PageParams } from "../hooks/pagedQuery";
import { queryInt, queryText } from "../savedViews";

/** The API's largest page. */
const MAX_PAGE_SIZE = 200;
/** The API refuses page numbers above this. */
const MAX_PAGE = 1_000_000;

/** A list page's state as its URL keeps it: paging, sort and the filters (as typed, strings). */
export type ListUrlState<F extends string> = PageParams & { filters: Partial<Record<F, string>> };

/** The list the URL asks for; a bad or blank value counts as absent. */
export function readListState<F extends string>(params: URLSearchParams, filterNames: readonly F[], defaultSort?: string): ListUrlState<F> {
  const query = Object.fromEntries(params);
  const filters: Partial<Record<F, string>> = {};
  for (const name of filterNames) {
    const value = queryText(query, name);
    if (value !== undefined) filters[name] = value;
  }
  return {
    page: queryInt(query, "page", MAX_PAGE) ?? 1,
    page_size: queryInt(query, "page_size", MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE,
    sort: queryText(query, "sort") ?? defaultSort,
    filters,
  };
}

/** The URL of a list state; defaults are left out, so the plain list's first page is the bare address. */
export function writeListState<F extends string>(state: ListUrlState<F>, defaultSort?: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries<string | undefined>(state.filters)) {
    const text = value?.trim();
    if (text) params.set(name, text);
  }
  if (state.sort && state.sort !== defaultSort) params.set("sort", state.sort);
  if (state.page_size !== DEFAULT_PAGE_SIZE) params.set("page_size", String(state.page_size));
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}
