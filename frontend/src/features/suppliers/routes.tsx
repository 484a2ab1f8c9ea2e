import type { FeatureRoute } from "../../app/registry";

export const SUPPLIERS_PATH = "/suppliers";

export const routes: FeatureRoute[] = [
  {
    path: SUPPLIERS_PATH,
    load: () => import("./pages/SuppliersPage").then((m) => ({ default: m.SuppliersPage })),
    permission: "suppliers:read",
  },
  {
    path: `${SUPPLIERS_PATH}/:id`,
    load: () => import("./pages/SupplierDetailPage").then((m) => ({ default: m.SupplierDetailPage })),
    permission: "suppliers:read",
  },
];
