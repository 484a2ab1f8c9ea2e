import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  {
    path: "/system/roles",
    load: () => import("./pages/RolesPage").then((m) => ({ default: m.RolesPage })),
    permission: "roles:read",
  },
];
