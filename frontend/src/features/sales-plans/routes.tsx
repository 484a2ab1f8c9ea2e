import type { FeatureRoute } from "../../app/registry";
import { SALES_PLANS_PATH } from "./paths";

export { SALES_PLANS_PATH };

export const routes: FeatureRoute[] = [
  {
    path: SALES_PLANS_PATH,
    load: () => import("./pages/SalesPlansPage").then((m) => ({ default: m.SalesPlansPage })),
    permission: "sales_plans:read",
  },
];
