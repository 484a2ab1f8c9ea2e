import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  {
    path: "/system/departments",
    load: () => import("./pages/DepartmentsPage").then((m) => ({ default: m.DepartmentsPage })),
    permission: "departments:read",
  },
];
