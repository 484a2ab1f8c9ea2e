import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  {
    path: "/settings/api-tokens",
    load: () => import("./pages/ApiTokensPage").then((m) => ({ default: m.ApiTokensPage })),
  },
];
