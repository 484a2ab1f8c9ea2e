import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  {
    path: "/customers",
    load: () => import("./pages/CustomersPage").then((m) => ({ default: m.CustomersPage })),
    permission: "customers:read",
  },
  {
    path: "/customers/:id",
    load: () => import("./pages/CustomerDetailPage").then((m) => ({ default: m.CustomerDetailPage })),
    permission: "customers:read",
  },
];
