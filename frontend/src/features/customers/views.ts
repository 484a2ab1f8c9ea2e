import dayjs, { type Dayjs } from "dayjs";
import { DEFAULT_PAGE_SIZE } from "../../shared/hooks/pagedQuery";
import { queryInt, queryText, toViewQuery, type ViewQuery } from "../../shared/savedViews";
import { splitGroupIds } from "../customer-groups/filters";
import { customerFilters, type CustomerSearchValues } from "./filters";
import { isPoolTab, type PoolTab } from "./pools";
import { formatQuickFilters, parseQuickFilters, QUICK_PARAM, type QuickFilters } from "./quickFilters";

/** The saved views of the customer list are stored under this name. */
export const CUSTOMER_VIEW_RESOURCE = "customers";

export const CUSTOMER_DEFAULT_SORT = "-updated_at";

/** The API's largest page. */
const MAX_PAGE_SIZE = 200;

/** The API refuses page numbers above this. */
const MAX_PAGE = 1_000_000;

/** Everything of the customer list a saved view keeps, but the columns. */
export type CustomerViewState = {
  values: CustomerSearchValues;
  tab: PoolTab;
  /** The quick filters, by name (the times they stand for are taken when the list loads). */
  quick?: QuickFilters;
  sort?: string;
  page_size: number;
};

/**
 * The list as a view's query: the parameters the list request sends (but the quick filters by name,
 * and the tab as `pool`, `mine` included), plus sort and page size. The user's default tab is left
 * out, so `pool=all` appears only for a user whose list opens on their own customers.
 */
export function customerViewQuery(state: CustomerViewState, defaultTab: PoolTab = "all"): ViewQuery {
  const { owner_id, ...filters } = customerFilters(state.values, "all");
  return toViewQuery({
    ...filters,
    owner_id,
    pool: state.tab === defaultTab ? undefined : state.tab,
    [QUICK_PARAM]: formatQuickFilters(state.quick ?? {}),
    sort: state.sort,
    page_size: state.page_size,
  });
}

function day(value: string | undefined): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

/**
 * A view's query back as the search form, tab, sort and page size. Parameters the list does not
 * know are ignored, a bad value counts as absent.
 */
export function customerViewState(query: ViewQuery, defaultTab: PoolTab = "all"): CustomerViewState {
  const pool = queryText(query, "pool") ?? null;
  const from = day(queryText(query, "created_at_from"));
  const to = day(queryText(query, "created_at_to"));
  const groups = splitGroupIds(queryText(query, "group_id"));
  const values: CustomerSearchValues = {
    q: queryText(query, "q"),
    industry: queryText(query, "industry"),
    level: queryText(query, "level"),
    source: queryText(query, "source"),
    region_code: queryText(query, "region_code"),
    province: queryText(query, "province"),
    city: queryText(query, "city"),
    created: from || to ? [from, to] : undefined,
    group_id: groups.length > 0 ? groups : undefined,
    owner_id: queryText(query, "owner_id"),
    department_id: queryText(query, "department_id"),
  };
  const quick = parseQuickFilters(queryText(query, QUICK_PARAM));
  return {
    // Unset values are left out so the search form's fields are simply empty.
    values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as CustomerSearchValues,
    tab: isPoolTab(pool) ? pool : defaultTab,
    ...(Object.keys(quick).length > 0 ? { quick } : {}),
    sort: queryText(query, "sort") ?? CUSTOMER_DEFAULT_SORT,
    page_size: queryInt(query, "page_size", MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE,
  };
}

/** The plain list: no filter, every pool but invalid, the default sort. */
export const PLAIN_CUSTOMER_VIEW: CustomerViewState = { values: {}, tab: "all", sort: CUSTOMER_DEFAULT_SORT, page_size: DEFAULT_PAGE_SIZE };

/** The list as its URL keeps it: what a view keeps, plus the page. */
export type CustomerListState = CustomerViewState & { page: number };

/** The plain list of a user whose list opens on `defaultTab`. */
export function plainCustomerView(defaultTab: PoolTab): CustomerViewState {
  return { ...PLAIN_CUSTOMER_VIEW, tab: defaultTab };
}

/**
 * The list's URL parameters: a view's query without the defaults, plus the page past the first.
 * The plain list's first page is the bare address.
 */
export function customerListParams(state: CustomerListState, defaultTab: PoolTab = "all"): URLSearchParams {
  const plain = customerViewQuery(plainCustomerView(defaultTab), defaultTab);
  const params = new URLSearchParams(Object.entries(customerViewQuery(state, defaultTab)).filter(([key, value]) => plain[key] !== value));
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

/** The list the URL asks for; like a view's query, a bad value counts as absent. */
export function customerListState(params: URLSearchParams, defaultTab: PoolTab = "all"): CustomerListState {
  const query: ViewQuery = Object.fromEntries(params);
  return { ...customerViewState(query, defaultTab), page: queryInt(query, "page", MAX_PAGE) ?? 1 };
}
