import type { FeatureRoute } from "../../app/registry";
import { WEEKLY_REPORTS_PATH } from "./paths";

export { WEEKLY_REPORTS_PATH };

// Weekly reports share the sales plans' permissions on the server.
export const routes: FeatureRoute[] = [
  {
    path: WEEKLY_REPORTS_PATH,
    load: () => import("./pages/WeeklyReportsPage").then((m) => ({ default: m.WeeklyReportsPage })),
    permission: "sales_plans:read",
  },
];
