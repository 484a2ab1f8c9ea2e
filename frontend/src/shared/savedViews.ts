import type { SavedView } from "../api/types";

/** A list's query parameters as a saved view keeps them: strings, no blanks, no page number. */
export type ViewQuery = Record<string, string>;

/** What a list page looks like: its query and its visible columns (keys, in order). */
export type ViewState = { query: ViewQuery; columns: string[] };

/** The URL parameter naming the view a list shows, so a reload keeps it. */
export const VIEW_PARAM = "view";

/**
 * List parameters as a view's query: blanks dropped, numbers as text. `page` is left out, as the
 * API refuses it (a view opens on the first page).
 */
export function toViewQuery(params: Readonly<Record<string, string | number | null | undefined>>): ViewQuery {
  const query: ViewQuery = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === "page" || value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== "") query[key] = text;
  }
  return query;
}

/** A view query's value, or undefined when missing or blank. */
export function queryText(query: ViewQuery, key: string): string | undefined {
  const value = query[key]?.trim();
  return value ? value : undefined;
}

/** A positive whole number up to `max` from a view query, else undefined. */
export function queryInt(query: ViewQuery, key: string, max: number): number | undefined {
  const text = queryText(query, key);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= max ? value : undefined;
}

function sameQuery(a: ViewQuery, b: ViewQuery): boolean {
  const left = toViewQuery(a);
  const right = toViewQuery(b);
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => left[key] === right[key]);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((key) => right.has(key));
}

/**
 * Whether the page still shows what the view says. A view without columns leaves the columns to
 * the user's own choice, so then only the query counts.
 */
export function sameViewState(view: ViewState, current: ViewState): boolean {
  return sameQuery(view.query, current.query) && (view.columns.length === 0 || sameKeys(view.columns, current.columns));
}

/** The view a page opens with; the server keeps one at most, the first wins should there be more. */
export function defaultView(views: readonly SavedView[]): SavedView | undefined {
  return views.find((v) => v.is_default);
}

/**
 * The view to apply when a list page opens: the one its URL names, else the default one unless
 * the URL already asks for something (filters, a pool tab) of its own.
 */
export function initialView(views: readonly SavedView[], named: string | null, explicit: boolean): SavedView | undefined {
  const wanted = named ? views.find((v) => v.id === named) : undefined;
  if (wanted) return wanted;
  return explicit ? undefined : defaultView(views);
}

/** What a list page does with its views as it opens: apply one (null: the plain list) or resume one. */
export type ViewOpening = { action: "apply" | "resume"; view: SavedView | null };

/**
 * How a list page opens, if it does anything. A URL with a query of its own keeps it, so a view it
 * names is only resumed (null: gone): it is a list the user left and came back to, or was sent,
 * maybe changed since the view was applied. Otherwise the named view or the default one applies,
 * and a named view that is gone leaves the plain list.
 */
export function openingView(views: readonly SavedView[], named: string | null, explicit: boolean): ViewOpening | undefined {
  const initial = initialView(views, named, explicit);
  if (explicit) return named ? { action: "resume", view: initial ?? null } : undefined;
  if (initial) return { action: "apply", view: initial };
  return named ? { action: "apply", view: null } : undefined;
}

/** Views by name (as the server sends them), the default one first. */
export function sortViews(views: readonly SavedView[]): SavedView[] {
  return [...views].sort((a, b) => Number(b.is_default) - Number(a.is_default) || a.name.localeCompare(b.name));
}
