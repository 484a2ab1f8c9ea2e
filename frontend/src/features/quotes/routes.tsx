import type { FeatureRoute } from "../../app/registry";
import { QUOTES_PATH } from "./paths";

export { QUOTES_PATH };

// Each page is a chunk of its own, loaded when opened; nothing here joins the first page.
export const routes: FeatureRoute[] = [
  { path: QUOTES_PATH, load: () => import("./pages/QuotesPage").then((m) => ({ default: m.QuotesPage })), permission: "quotes:read" },
  { path: `${QUOTES_PATH}/:id`, load: () => import("./pages/QuoteDetailPage").then((m) => ({ default: m.QuoteDetailPage })), permission: "quotes:read" },
];
