import type { FeatureRoute } from "../../app/registry";

/** The one public page. */
export const loginRoute: FeatureRoute = {
  path: "/login",
  load: () => import("./pages/LoginPage").then((m) => ({ default: m.LoginPage })),
};
