import type { FeatureRoute } from "../../app/registry";

export const RECYCLE_BIN_PATH = "/system/recycle-bin";

export const routes: FeatureRoute[] = [
  {
    path: RECYCLE_BIN_PATH,
    load: () => import("./pages/RecycleBinPage").then((m) => ({ default: m.RecycleBinPage })),
    permission: "recycle_bin:read",
  },
];
