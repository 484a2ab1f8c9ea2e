import type { FeatureRoute } from "../../app/registry";
import { REPORTS_PATH } from "./paths";

export { REPORTS_PATH };

// The page brings echarts (through components/EChart): nothing else may import it.
export const routes: FeatureRoute[] = [
  {
    path: REPORTS_PATH,
    load: () => import("./pages/ReportsPage").then((m) => ({ default: m.ReportsPage })),
    permission: "reports:read",
  },
];
