import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  {
    path: "/pool-rules",
    load: () => import("./pages/PoolRulesPage").then((m) => ({ default: m.PoolRulesPage })),
    permission: "pool_rules:read",
  },
];
