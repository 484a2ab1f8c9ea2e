import type { FeatureRoute } from "../../app/registry";

export const CUSTOMER_GROUPS_PATH = "/customer-groups";

export const routes: FeatureRoute[] = [
  {
    path: CUSTOMER_GROUPS_PATH,
    load: () => import("./pages/CustomerGroupsPage").then((m) => ({ default: m.CustomerGroupsPage })),
    permission: "customer_groups:read",
  },
  {
    path: `${CUSTOMER_GROUPS_PATH}/:id`,
    load: () => import("./pages/CustomerGroupDetailPage").then((m) => ({ default: m.CustomerGroupDetailPage })),
    permission: "customer_groups:read",
  },
];
