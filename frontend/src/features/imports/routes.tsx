import type { FeatureRoute } from "../../app/registry";

export const IMPORTS_PATH = "/imports";

export const routes: FeatureRoute[] = [
  {
    path: IMPORTS_PATH,
    load: () => import("./pages/MyImportsPage").then((m) => ({ default: m.MyImportsPage })),
    permission: "imports:read",
  },
];
