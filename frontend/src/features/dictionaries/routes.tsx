import type { FeatureRoute } from "../../app/registry";

export const DICTIONARIES_PATH = "/system/dictionaries";

export const routes: FeatureRoute[] = [
  {
    path: DICTIONARIES_PATH,
    load: () => import("./pages/DictionariesPage").then((m) => ({ default: m.DictionariesPage })),
    permission: "dictionaries:read",
  },
];
