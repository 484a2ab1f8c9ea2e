import type { FeatureRoute } from "../../app/registry";
import { LEADS_PATH } from "./paths";

export const routes: FeatureRoute[] = [
  {
    path: LEADS_PATH,
    load: () => import("./pages/LeadsPage").then((m) => ({ default: m.LeadsPage })),
    permission: "leads:read",
  },
  {
    path: `${LEADS_PATH}/:id`,
    load: () => import("./pages/LeadDetailPage").then((m) => ({ default: m.LeadDetailPage })),
    permission: "leads:read",
  },
];
