import type { FeatureRoute } from "../../app/registry";

export const DRIVE_PATH = "/drive";

export const routes: FeatureRoute[] = [
  {
    path: DRIVE_PATH,
    load: () => import("./pages/DrivePage").then((m) => ({ default: m.DrivePage })),
    permission: "files:read",
  },
];
