import type { FeatureRoute } from "../../app/registry";

export const JOBS_PATH = "/system/jobs";

export const routes: FeatureRoute[] = [
  {
    path: JOBS_PATH,
    load: () => import("./pages/JobsPage").then((m) => ({ default: m.JobsPage })),
    permission: "jobs:read",
  },
];
