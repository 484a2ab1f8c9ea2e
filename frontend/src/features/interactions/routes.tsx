import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  {
    path: "/interactions",
    load: () => import("./pages/InteractionsPage").then((m) => ({ default: m.InteractionsPage })),
    permission: "follow_ups:read",
  },
];
