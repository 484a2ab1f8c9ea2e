import type { FeatureRoute } from "../../app/registry";
import { ORDERS_PATH } from "../orders/paths";
import { QUOTES_PATH } from "./paths";

export { ORDERS_PATH, QUOTES_PATH };

// The quote and order pages load when opened, in one chunk; nothing here joins the first page
// but these few lines (the first page is at its size budget).
const pages = () => import("./pages/salesDocPages");

export const routes: FeatureRoute[] = [
  { path: QUOTES_PATH, load: () => pages().then((m) => ({ default: m.QuotesPage })), permission: "quotes:read" },
  { path: `${QUOTES_PATH}/:id`, load: () => pages().then((m) => ({ default: m.QuoteDetailPage })), permission: "quotes:read" },
  { path: ORDERS_PATH, load: () => pages().then((m) => ({ default: m.OrdersPage })), permission: "orders:read" },
  { path: `${ORDERS_PATH}/:id`, load: () => pages().then((m) => ({ default: m.OrderDetailPage })), permission: "orders:read" },
];
