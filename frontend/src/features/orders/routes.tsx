import type { FeatureRoute } from "../../app/registry";
import { ORDERS_PATH } from "./paths";

export { ORDERS_PATH };

// Each page is a chunk of its own, loaded when opened; nothing here joins the first page.
export const routes: FeatureRoute[] = [
  { path: ORDERS_PATH, load: () => import("./pages/OrdersPage").then((m) => ({ default: m.OrdersPage })), permission: "orders:read" },
  { path: `${ORDERS_PATH}/:id`, load: () => import("./pages/OrderDetailPage").then((m) => ({ default: m.OrderDetailPage })), permission: "orders:read" },
];
