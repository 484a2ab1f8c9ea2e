import type { FeatureRoute } from "../../app/registry";

export const EXPORTS_PATH = "/exports";

export const routes: FeatureRoute[] = [
  {
    path: EXPORTS_PATH,
    load: () => import("./pages/MyExportsPage").then((m) => ({ default: m.MyExportsPage })),
    permission: "exports:read",
  },
];
