import type { FeatureRoute } from "../../app/registry";

export const routes: FeatureRoute[] = [
  {
    path: "/system/users",
    load: () => import("./pages/UsersPage").then((m) => ({ default: m.UsersPage })),
    permission: "users:read",
  },
];
