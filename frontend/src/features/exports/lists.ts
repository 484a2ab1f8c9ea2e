import type { BackgroundExportList } from "../../api/types";

// The lists the server exports in the background (`POST /exports`, its `list`, an enum in the
// document): the name in the list's URL. A report's export is small and stays a download only.
export type BackgroundList = BackgroundExportList;

/** Every background list, in menu order; the compiler holds it to the document's enum both ways. */
export const BACKGROUND_LISTS = [
  "customers",
  "contacts",
  "customer-groups",
  "interactions",
  "leads",
  "opportunities",
  "quotes",
  "orders",
  "contracts",
  "payment-plans",
  "payments",
  "invoices",
  "products",
  "product-categories",
  "suppliers",
  "sales-plans",
  "weekly-reports",
  "users",
  "departments",
  "roles",
] as const satisfies readonly BackgroundList[];

// A list the document names and the array leaves out fails here.
type Unlisted = Exclude<BackgroundList, (typeof BACKGROUND_LISTS)[number]>;
const everyListIsHere: [Unlisted] extends [never] ? true : Unlisted = true;
void everyListIsHere;

/** The list an export path names (`/api/v1/customers/export` → `customers`), if it exports in the background. */
export function backgroundList(exportPath: string): BackgroundList | undefined {
  const name = /^\/api\/v1\/([a-z-]+)\/export$/.exec(exportPath)?.[1];
  return BACKGROUND_LISTS.find((l) => l === name);
}

/** The list's query as a URL query string, without empty values: what `GET /<list>` would take. */
export function listQuery(query: Readonly<Record<string, unknown>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.map(String).join(","));
    } else {
      params.set(key, String(value as string | number | boolean));
    }
  }
  return params.toString();
}
